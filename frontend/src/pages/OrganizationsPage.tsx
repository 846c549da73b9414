import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { listOrganizations } from '../api/organizations';
import { queryKeys } from '../api/queryKeys';
import type { Organization } from '../api/types';
import { DataTable } from '../components/DataTable';
import { Notice } from '../components/Notice';
import { QueryState } from '../components/QueryState';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { CreateOrganizationForm } from './organizations/CreateOrganizationForm';
import { JobQueuesButton } from './organizations/JobQueuesButton';
import { ORGANIZATION_COLUMNS, OrganizationRow } from './organizations/OrganizationRow';

export function OrganizationsPage() {
  useDocumentTitle('Organisations');
  const queryClient = useQueryClient();
  const organizations = useQuery({ queryKey: queryKeys.organizations, queryFn: listOrganizations });
  const [announcement, setAnnouncement] = useState('');

  const changed = (updated: Organization, said: string) => {
    queryClient.setQueryData<Organization[]>(queryKeys.organizations, (items) =>
      items?.map((item) => (item.id === updated.id ? updated : item)).sort((a, b) => a.name.localeCompare(b.name)),
    );
    queryClient.setQueryData(queryKeys.organization(updated.id), updated);
    setAnnouncement(said);
  };

  return (
    <>
      <h1>Organisations</h1>
      <section className="card" aria-labelledby="organizations-heading">
        <h2 id="organizations-heading">All organisations</h2>
        {announcement && <Notice>{announcement}</Notice>}
        <QueryState query={organizations} loadingLabel="Loading organisations…">
          {(data) => (
            <DataTable columns={ORGANIZATION_COLUMNS}>
              {data.map((organization) => (
                <OrganizationRow key={organization.id} organization={organization} onChanged={changed} />
              ))}
            </DataTable>
          )}
        </QueryState>
      </section>
      <section className="card" aria-labelledby="create-heading">
        <h2 id="create-heading">Create an organisation</h2>
        <CreateOrganizationForm />
      </section>
      <section className="card" aria-labelledby="queues-heading">
        <h2 id="queues-heading">Background jobs</h2>
        <p>Emails, re-checks and other work run in the background. The job queues show what waits, what failed and what is retried, and let you retry or delete a task.</p>
        <JobQueuesButton />
      </section>
    </>
  );
}
