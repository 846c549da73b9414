import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { listMembers } from '../../api/members';
import { queryKeys } from '../../api/queryKeys';
import type { Organization } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { QueryState } from '../../components/QueryState';
import { MemberRow } from './MemberRow';

export function MembersTable({ organization, canManage }: { organization: Organization; canManage: boolean }) {
  const [announcement, setAnnouncement] = useState('');
  const members = useQuery({
    queryKey: queryKeys.members(organization.id),
    queryFn: () => listMembers(organization.id),
  });

  return (
    <QueryState query={members} loadingLabel="Loading members…">
      {(data) => (
        <section className="card" aria-labelledby="members-heading">
          <h2 id="members-heading">Members ({data.length})</h2>
          <p className="visually-hidden" role="status">
            {announcement}
          </p>
          {data.length === 0 ? (
            <p>No one has joined yet.</p>
          ) : (
            <DataTable columns={['Name', 'Email', 'Role', 'Status', 'Joined', ...(canManage ? ['Actions'] : [])]}>
              {data.map((member) => (
                <MemberRow
                  key={member.id}
                  member={member}
                  organization={organization}
                  canManage={canManage}
                  onChanged={setAnnouncement}
                />
              ))}
            </DataTable>
          )}
        </section>
      )}
    </QueryState>
  );
}
