import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { listOrganizations } from '../api/organizations';
import { queryKeys } from '../api/queryKeys';
import { DataTable } from '../components/DataTable';
import { QueryState } from '../components/QueryState';
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
        <QueryState query={organizations} loadingLabel="Loading organisations…">
          {(data) => (
            <DataTable columns={['Name', 'Kind', 'Created']}>
              {data.map((organization) => (
                <tr key={organization.id}>
                  <th scope="row">
                    <Link to={`/organizations/${organization.id}/members`}>{organization.name}</Link>
                  </th>
                  <td>{ORGANIZATION_KIND_LABELS[organization.kind]}</td>
                  <td>{formatDate(organization.created_at)}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </QueryState>
      </section>
      <section className="card" aria-labelledby="create-heading">
        <h2 id="create-heading">Create an organisation</h2>
        <CreateOrganizationForm />
      </section>
    </>
  );
}
