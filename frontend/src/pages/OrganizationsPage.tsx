import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { listOrganizations } from '../api/organizations';
import { errorMessage } from '../api/problem';
import { queryKeys } from '../api/queryKeys';
import { Loading } from '../components/Loading';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { ORGANIZATION_KIND_LABELS } from '../domain/roles';
import { formatDate } from '../forms/format';
import { CreateOrganizationForm } from './organizations/CreateOrganizationForm';

export function OrganizationsPage() {
  useDocumentTitle('Organisations');
  const organizations = useQuery({ queryKey: queryKeys.organizations, queryFn: listOrganizations });

  return (
    <>
      <h1>Organisations</h1>
      <section className="card" aria-labelledby="organizations-heading">
        <h2 id="organizations-heading">All organisations</h2>
        {organizations.isPending && <Loading label="Loading organisations…" />}
        {organizations.isError && (
          <div className="alert alert-error" role="alert">
            <p>{errorMessage(organizations.error)}</p>
          </div>
        )}
        {organizations.isSuccess && (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {organizations.data.map((organization) => (
                  <tr key={organization.id}>
                    <th scope="row">
                      <Link to={`/organizations/${organization.id}/members`}>{organization.name}</Link>
                    </th>
                    <td>{ORGANIZATION_KIND_LABELS[organization.kind]}</td>
                    <td>{formatDate(organization.created_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="create-heading">
        <h2 id="create-heading">Create an organisation</h2>
        <CreateOrganizationForm />
      </section>
    </>
  );
}
