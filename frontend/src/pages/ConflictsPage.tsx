import { useDocumentTitle } from '../components/useDocumentTitle';
import { EntryForm } from './conflicts/EntryForm';
import { CsvImportForm } from './conflicts/CsvImportForm';
import { EntriesTable } from './conflicts/EntriesTable';

/** The firm's conflict registry: current and former clients, adverse and related parties. */
export function ConflictsPage() {
  useDocumentTitle('Conflicts');
  return (
    <>
      <h1>Conflict registry</h1>
      <p className="lead">
        Submitted referrals are checked against these names, with their variants. A match with a current client on the
        other side blocks the referral; near matches wait for a coordinator to clear them.
      </p>
      <EntriesTable />
      <section className="card" aria-labelledby="add-heading">
        <h2 id="add-heading">Add an entry</h2>
        <EntryForm />
      </section>
      <section className="card" aria-labelledby="import-heading">
        <h2 id="import-heading">Upload a CSV file</h2>
        <CsvImportForm />
      </section>
    </>
  );
}
