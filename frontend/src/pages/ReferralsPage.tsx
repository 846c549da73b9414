import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { queryKeys } from '../api/queryKeys';
import { listReferrals } from '../api/referrals';
import { useNames } from '../api/useReference';
import { useCurrentUser } from '../auth/currentUser';
import { DataTable } from '../components/DataTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { canRefer } from '../domain/referrals';
import { formatDate, formatDeadline } from '../forms/format';
import { StatusBadge, UrgencyBadge } from './referrals/badges';
import { ReferralFilterBar } from './referrals/ReferralFilterBar';
import { filtersFromSearch, filtersToSearch } from './referrals/referralSearchParams';

const excerpt = (text: string, max = 90) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function ReferralsPage() {
  useDocumentTitle('Referrals');
  const me = useCurrentUser();
  const referrer = canRefer(me);
  const names = useNames();
  const [params, setParams] = useSearchParams();
  const filters = filtersFromSearch(params);
  const referrals = useInfiniteQuery({
    queryKey: queryKeys.referralList(filters),
    queryFn: ({ pageParam }) => listReferrals(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor,
  });
  const items = referrals.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <div className="page-heading">
        <h1>Referrals</h1>
        {referrer && (
          <Link to="/referrals/new" className="button button-primary">
            New referral
          </Link>
        )}
      </div>
      <p className="lead">
        {referrer
          ? `Referrals made by ${me.organization.name}.`
          : me.role === 'platform_admin'
            ? 'Every referral on the platform, without client details.'
            : 'Open referrals your firm has no conflict with. Client details are shared only with the attorney who takes the matter.'}
      </p>
      <ReferralFilterBar filters={filters} onChange={(next) => setParams(filtersToSearch(next), { replace: true })} showStatus={referrer || me.role === 'platform_admin'} />
      {referrals.isPending ? (
        <Loading label="Loading referrals…" />
      ) : !referrals.data ? (
        <ErrorAlert error={referrals.error} />
      ) : items.length === 0 ? (
        <p className="card">No referrals match.</p>
      ) : (
        <section className="card" aria-label="Referral list">
          <DataTable columns={['Summary', 'Practice area', 'Jurisdiction', 'Urgency', 'Deadline', 'Status', referrer ? 'Created' : 'Referred by']}>
            {items.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <Link to={`/referrals/${r.id}`}>{excerpt(r.summary)}</Link>
                </th>
                <td>{names.practiceArea(r.practice_area)}</td>
                <td>{names.jurisdiction(r.jurisdiction)}</td>
                <td>
                  <UrgencyBadge urgency={r.urgency} />
                </td>
                <td>{formatDeadline(r.deadline)}</td>
                <td>
                  <StatusBadge status={r.status} />
                </td>
                <td>{referrer ? formatDate(r.created_at) : r.organization_name}</td>
              </tr>
            ))}
          </DataTable>
          {referrals.hasNextPage && (
            <div className="form-actions">
              <button
                type="button"
                className="button button-secondary"
                disabled={referrals.isFetchingNextPage}
                onClick={() => void referrals.fetchNextPage()}
              >
                {referrals.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </button>
            </div>
          )}
          {referrals.isError && <ErrorAlert error={referrals.error} />}
        </section>
      )}
    </>
  );
}
