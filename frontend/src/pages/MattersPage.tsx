import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { listMatters } from '../api/matters';
import { queryKeys } from '../api/queryKeys';
import { useNames } from '../api/useReference';
import { useCurrentUser } from '../auth/currentUser';
import { DataTable } from '../components/DataTable';
import { QueryState } from '../components/QueryState';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { isAttorney } from '../domain/answers';
import { MATTER_STATUS_LABELS } from '../domain/offers';
import { formatDate } from '../forms/format';
import { StatusBadge } from './referrals/badges';

const COLUMNS = ['Practice area', 'Jurisdiction', 'Referred by', 'Attorney', 'Accepted', 'Matter', 'Referral', 'Details'];

/** The matters the caller sees: an attorney's own ("My matters"), a firm's, or a referring organisation's referrals'. */
export function MattersPage() {
  const me = useCurrentUser();
  const title = isAttorney(me) ? 'My matters' : 'Matters';
  useDocumentTitle(title);
  const names = useNames();
  const matters = useQuery({ queryKey: queryKeys.matterList, queryFn: listMatters });
  return (
    <>
      <h1>{title}</h1>
      <p className="lead">
        {isAttorney(me)
          ? 'Referrals you accepted. Open one for the client’s details, to record that work began, or to withdraw.'
          : 'Referrals an attorney accepted, newest first.'}
      </p>
      <QueryState query={matters} loadingLabel="Loading the matters…">
        {(items) =>
          items.length === 0 ? (
            <p className="card">
              {isAttorney(me) ? (
                <>
                  No matters yet. Accept one of your <Link to="/offers">offers</Link>, or volunteer for an{' '}
                  <Link to="/opportunities">opportunity</Link>.
                </>
              ) : (
                'No matters yet.'
              )}
            </p>
          ) : (
            <section className="card" aria-label={title}>
              <DataTable columns={COLUMNS}>
                {items.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">{names.practiceArea(m.referral.practice_area)}</th>
                    <td>{names.jurisdiction(m.referral.jurisdiction)}</td>
                    <td>{m.referral.organization_name}</td>
                    <td>
                      {m.attorney_name}, {m.firm_name}
                    </td>
                    <td>{formatDate(m.started_at)}</td>
                    <td>{MATTER_STATUS_LABELS[m.status]}</td>
                    <td>
                      <StatusBadge status={m.referral.status} />
                    </td>
                    <td>
                      <Link to={`/matters/${m.id}`}>Open</Link>
                    </td>
                  </tr>
                ))}
              </DataTable>
            </section>
          )
        }
      </QueryState>
    </>
  );
}
