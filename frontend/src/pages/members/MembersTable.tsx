import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { listMembers } from '../../api/members';
import { errorMessage } from '../../api/problem';
import { queryKeys } from '../../api/queryKeys';
import type { Organization } from '../../api/types';
import { Loading } from '../../components/Loading';
import { MemberRow } from './MemberRow';

export function MembersTable({ organization, canManage }: { organization: Organization; canManage: boolean }) {
  const [announcement, setAnnouncement] = useState('');
  const members = useQuery({
    queryKey: queryKeys.members(organization.id),
    queryFn: () => listMembers(organization.id),
  });

  if (members.isPending) return <Loading label="Loading members…" />;
  if (members.isError) {
    return (
      <div className="alert alert-error" role="alert">
        <p>{errorMessage(members.error)}</p>
      </div>
    );
  }

  return (
    <section className="card" aria-labelledby="members-heading">
      <h2 id="members-heading">Members ({members.data.length})</h2>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {members.data.length === 0 ? (
        <p>No one has joined yet.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Joined</th>
                {canManage && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {members.data.map((member) => (
                <MemberRow
                  key={member.id}
                  member={member}
                  organization={organization}
                  canManage={canManage}
                  onChanged={setAnnouncement}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
