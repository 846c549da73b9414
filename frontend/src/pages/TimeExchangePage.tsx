import { Link } from 'react-router-dom';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { TimeExportForm } from './hours/TimeExportForm';
import { TimeImportForm } from './hours/TimeImportForm';

/** A firm's coordinators move time between this service and the firm's own timekeeping and billing systems. */
export function TimeExchangePage() {
  useDocumentTitle('Export and import time');
  return (
    <>
      <h1>Export and import time</h1>
      <p className="lead">
        Send your attorneys’ approved pro bono time to the firm’s billing system, or bring in time they kept in your timekeeping system.{' '}
        <Link to="/approvals">Back to time approvals</Link>
      </p>
      <section className="card" aria-labelledby="export-heading">
        <h2 id="export-heading">Export approved time</h2>
        <TimeExportForm />
      </section>
      <section className="card" aria-labelledby="import-heading">
        <h2 id="import-heading">Import time from your timekeeping system</h2>
        <TimeImportForm />
      </section>
    </>
  );
}
