import type { Referral } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { PARTY_KIND_LABELS, PARTY_ROLE_LABELS } from '../../domain/referrals';
import { formatDay } from '../../forms/format';

export function ClientBlock({ client }: { client: NonNullable<Referral['client']> }) {
  return (
    <section className="card" aria-labelledby="client-heading">
      <h2 id="client-heading">Client</h2>
      <p className="muted">Confidential: shared only with the attorney who takes the matter.</p>
      <dl className="summary">
        <dt>Name</dt>
        <dd>{client.name}</dd>
        <dt>Email</dt>
        <dd>{client.email ?? '—'}</dd>
        <dt>Phone</dt>
        <dd>{client.phone ?? '—'}</dd>
        <dt>Address</dt>
        <dd>{client.address ?? '—'}</dd>
        <dt>Date of birth</dt>
        <dd>{client.date_of_birth ? formatDay(client.date_of_birth) : '—'}</dd>
        <dt>Notes</dt>
        <dd className="preserve-lines">{client.notes ?? '—'}</dd>
      </dl>
    </section>
  );
}

export function PartiesTable({ parties, redacted }: { parties: Referral['parties']; redacted: boolean }) {
  return (
    <section className="card" aria-labelledby="parties-heading">
      <h2 id="parties-heading">Parties</h2>
      {redacted && <p className="muted">The client is left out of this list.</p>}
      {parties.length === 0 ? (
        <p>No parties listed.</p>
      ) : (
        <DataTable columns={['Name', 'Role', 'Kind', 'Other names']}>
          {parties.map((party, index) => (
            <tr key={index}>
              <th scope="row">{party.name}</th>
              <td>{PARTY_ROLE_LABELS[party.role]}</td>
              <td>{PARTY_KIND_LABELS[party.kind]}</td>
              <td>{party.aliases?.join(', ') || '—'}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
