import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { listPendingConflicts } from '../api/conflicts';
import { queryKeys } from '../api/queryKeys';
import { useNames } from '../api/useReference';
import { DataTable } from '../components/DataTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { CONFLICT_ROLE_LABELS, MATCH_LABELS } from '../domain/conflicts';
import { PARTY_ROLE_LABELS } from '../domain/referrals';
import { ageInWords, formatDateTime, formatDeadline } from '../forms/format';
import { UrgencyBadge } from './referrals/badges';

const COLUMNS = ['Registry entry', 'Matched', 'Reason', 'Practice area', 'Urgency', 'Deadline', 'Waiting', 'Referral'];

/** The firm's potential conflicts waiting on a coordinator, oldest first; each is cleared on its referral's page. */
export function ToClearPage() {
  useDocumentTitle('To clear');
  const names = useNames();
  const pending = useInfiniteQuery({
    queryKey: queryKeys.pendingConflictList,
    queryFn: ({ pageParam }) => listPendingConflicts(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor,
  });
  const items = pending.data?.pages.flatMap((page) => page.items) ?? [];
  const total = pending.data?.pages[0].total ?? 0;

  return (
    <>
      <h1>To clear</h1>
      <p className="lead">
        Potential conflicts between referrals and your firm’s registry, oldest first. Until each is cleared, your firm’s
        attorneys do not see the referral. A match on the client does not show the client’s name: ask the referring
        organisation from the referral’s page.
      </p>
      {pending.isPending ? (
        <Loading label="Loading potential conflicts…" />
      ) : !pending.data ? (
        <ErrorAlert error={pending.error} />
      ) : items.length === 0 ? (
        <p className="card">Nothing to clear: no potential conflict is waiting.</p>
      ) : (
        <section className="card" aria-label="Potential conflicts to clear">
          <p role="status">
            {total === 1 ? '1 potential conflict is waiting.' : `${total} potential conflicts are waiting.`}
          </p>
          <DataTable columns={COLUMNS}>
            {items.map((item) => (
              <tr key={item.hit_id}>
                <th scope="row">
                  {item.entry_name}
                  <span className="muted"> · {CONFLICT_ROLE_LABELS[item.entry_role]}</span>
                </th>
                <td>
                  {PARTY_ROLE_LABELS[item.party_role]} · {MATCH_LABELS[item.match]}
                </td>
                <td>
                  {item.reason}
                  {item.awaiting_answer && (
                    <span className="muted"> Waiting for the referring organisation to answer your question.</span>
                  )}
                </td>
                <td>{names.practiceArea(item.practice_area)}</td>
                <td>
                  <UrgencyBadge urgency={item.urgency} />
                </td>
                <td>{formatDeadline(item.deadline)}</td>
                <td>
                  <time dateTime={item.found_at} title={`Found ${formatDateTime(item.found_at)}`}>
                    {ageInWords(item.found_at)}
                  </time>
                </td>
                <td>
                  <Link to={`/referrals/${item.referral_id}`}>Review and clear</Link>
                </td>
              </tr>
            ))}
          </DataTable>
          {pending.hasNextPage && (
            <div className="form-actions">
              <button
                type="button"
                className="button button-secondary"
                disabled={pending.isFetchingNextPage}
                onClick={() => void pending.fetchNextPage()}
              >
                {pending.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </button>
            </div>
          )}
          {pending.isError && <ErrorAlert error={pending.error} />}
        </section>
      )}
    </>
  );
}
