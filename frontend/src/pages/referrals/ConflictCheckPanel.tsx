import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getConflictCheck, runConflictCheck } from '../../api/conflicts';
import { invalidateAfterCheck } from '../../api/invalidate';
import { queryKeys } from '../../api/queryKeys';
import type { ConflictCheck } from '../../api/types';
import { useCurrentUser } from '../../auth/currentUser';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryState } from '../../components/QueryState';
import { CHECK_RESULT_LABELS, CONFLICT_ROLE_LABELS, HIT_LEVEL_LABELS, MATCH_LABELS } from '../../domain/conflicts';
import { PARTY_ROLE_LABELS } from '../../domain/referrals';
import { formatDateTime } from '../../forms/format';
import { ClearHitForm } from './ClearHitForm';
import { HitInquiry } from './HitInquiry';

/** The firm's conflict check of a referral: its result, its hits, and clearing potential ones. */
export function ConflictCheckPanel({ referralId }: { referralId: string }) {
  const queryClient = useQueryClient();
  const check = useQuery({ queryKey: queryKeys.conflictCheck(referralId), queryFn: () => getConflictCheck(referralId) });
  const run = useMutation({
    mutationFn: () => runConflictCheck(referralId),
    onSuccess: (result) => {
      queryClient.setQueryData(queryKeys.conflictCheck(referralId), result);
      void invalidateAfterCheck(queryClient, referralId);
    },
  });

  return (
    <section className="card" aria-labelledby="conflict-heading">
      <h2 id="conflict-heading">Conflict check</h2>
      {run.isError && <ErrorAlert error={run.error} />}
      <QueryState query={check} loadingLabel="Loading the conflict check…">
        {(data) => (data ? <CheckResult check={data} /> : <p>Not checked yet against your firm’s conflict registry.</p>)}
      </QueryState>
      <div className="form-actions">
        <button type="button" className="button button-primary" disabled={run.isPending} onClick={() => run.mutate()}>
          {run.isPending ? 'Checking…' : check.data ? 'Run check again' : 'Run check'}
        </button>
        <span className="muted">Compares the referral’s parties with your firm’s registry as it is now.</span>
      </div>
    </section>
  );
}

function CheckResult({ check }: { check: ConflictCheck }) {
  const me = useCurrentUser();
  const canClear = me.role === 'coordinator';
  return (
    <>
      <p role="status" className={`check-result check-result-${check.result}`}>
        <strong>{CHECK_RESULT_LABELS[check.result]}</strong>
        <span className="muted"> · checked {formatDateTime(check.checked_at)}</span>
      </p>
      {check.result === 'conflict' && (
        <p>Your firm cannot take this matter, and it no longer appears in your firm’s list of referrals.</p>
      )}
      {check.result === 'potential' && !canClear && <p>Only the firm’s pro bono coordinators can clear potential conflicts.</p>}
      {check.hits.some((hit) => hit.party_withheld) && (
        <p className="muted">
          The client’s name is not shown to firms before an attorney takes the matter. To clear a match on the client,
          ask the referring organisation whether your entry is the same person, or to disclose the name to you.
        </p>
      )}
      {check.hits.length > 0 && (
        <DataTable columns={['Registry entry', 'Entry role', 'Referral party', 'Party role', 'Level', 'Match', 'Reason', 'Clearance']}>
          {check.hits.map((hit) => (
            <tr key={hit.id}>
              <th scope="row">{hit.entry_name}</th>
              <td>{CONFLICT_ROLE_LABELS[hit.entry_role]}</td>
              <td>
                {hit.party_withheld ? (
                  <span className="muted">Name withheld</span>
                ) : (
                  <>
                    {hit.party_name}
                    {hit.party_role === 'client' && <span className="muted"> (disclosed to you)</span>}
                  </>
                )}
              </td>
              <td>{PARTY_ROLE_LABELS[hit.party_role]}</td>
              <td>
                <span className={`badge badge-level-${hit.level}`}>{HIT_LEVEL_LABELS[hit.level]}</span>
              </td>
              <td>{MATCH_LABELS[hit.match]}</td>
              <td>{hit.reason}</td>
              <td>
                {hit.cleared ? (
                  <>
                    Cleared{hit.cleared_at && ` ${formatDateTime(hit.cleared_at)}`}: {hit.clear_reason}
                  </>
                ) : hit.level === 'potential' && (canClear || hit.inquiry) ? (
                  <>
                    {hit.party_role === 'client' && <HitInquiry referralId={check.referral_id} hit={hit} canAsk={canClear} />}
                    {canClear && <ClearHitForm referralId={check.referral_id} hit={hit} />}
                  </>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
