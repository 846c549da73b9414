import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { listAttorneys } from '../api/attorneys';
import { queryKeys } from '../api/queryKeys';
import { useNames } from '../api/useReference';
import { useCurrentUser } from '../auth/currentUser';
import { DataTable } from '../components/DataTable';
import { QueryState } from '../components/QueryState';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { WORK_MODE_LABELS } from '../domain/attorneys';
import { formatDate } from '../forms/format';

export function AttorneysPage() {
  useDocumentTitle('Attorneys');
  const me = useCurrentUser();
  const names = useNames();
  const attorneys = useQuery({ queryKey: queryKeys.attorneys, queryFn: listAttorneys });
  return (
    <>
      <h1>Attorneys</h1>
      <p className="lead">
        The practice profiles of {me.organization.name}’s volunteer attorneys.{' '}
        {me.role === 'coordinator' ? 'Open one to update it.' : 'Coordinators and the attorneys themselves can change them.'}
      </p>
      <QueryState query={attorneys} loadingLabel="Loading attorneys…">
        {(items) =>
          items.length === 0 ? (
            <p className="card">No attorneys have joined yet.</p>
          ) : (
            <section className="card" aria-label="Attorney profiles">
              <DataTable columns={['Name', 'Admitted in', 'Practice areas', 'Hours per month', 'Work mode', 'Updated']}>
                {items.map((a) => (
                  <tr key={a.user_id}>
                    <th scope="row">
                      <Link to={`/attorneys/${a.user_id}`}>{a.name}</Link>
                    </th>
                    <td>{a.bar_admissions.map((b) => b.jurisdiction).join(', ') || '—'}</td>
                    <td>{a.practice_areas.map((p) => names.practiceArea(p.code)).join(', ') || '—'}</td>
                    <td>{a.monthly_hour_budget}</td>
                    <td>{WORK_MODE_LABELS[a.work_mode]}</td>
                    <td>{a.updated_at ? formatDate(a.updated_at) : 'Not filled in'}</td>
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
