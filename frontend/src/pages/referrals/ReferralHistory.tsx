import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../api/queryKeys';
import { getReferralHistory } from '../../api/referrals';
import type { ReferralChange } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { QueryState } from '../../components/QueryState';
import { HISTORY_ACTION_LABELS, STATUS_LABELS } from '../../domain/referrals';
import { formatDateTime } from '../../forms/format';

// "client.date_of_birth" → "client date of birth"
const fieldLabel = (field: string) => field.replace(/[._]/g, ' ');

function describe(change: ReferralChange): string {
  const to = change.to_status && STATUS_LABELS[change.to_status];
  if (change.action === 'created') return to ? `Created as ${to.toLowerCase()}` : 'Created';
  if (change.action === 'status_changed' && to)
    return change.from_status ? `${STATUS_LABELS[change.from_status]} → ${to}` : `Now ${to.toLowerCase()}`;
  return HISTORY_ACTION_LABELS[change.action];
}

export function ReferralHistory({ referralId }: { referralId: string }) {
  const history = useQuery({ queryKey: queryKeys.referralHistory(referralId), queryFn: () => getReferralHistory(referralId) });
  return (
    <section className="card" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      <QueryState query={history} loadingLabel="Loading history…">
        {(changes) =>
          changes.length === 0 ? (
            <p>No changes recorded.</p>
          ) : (
            <DataTable columns={['When', 'Who', 'What', 'Fields changed']}>
              {changes.map((change, index) => (
                <tr key={index}>
                  <td>{formatDateTime(change.at)}</td>
                  <td>{change.user_name}</td>
                  <td>{describe(change)}</td>
                  <td>{change.fields.length ? change.fields.map(fieldLabel).join(', ') : '—'}</td>
                </tr>
              ))}
            </DataTable>
          )
        }
      </QueryState>
    </section>
  );
}
