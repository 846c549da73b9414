import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { listInvitations, revokeInvitation } from '../../api/members';
import { queryKeys } from '../../api/queryKeys';
import type { Invitation, Organization } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryState } from '../../components/QueryState';
import { roleLabel } from '../../domain/roles';
import { formatDate } from '../../forms/format';

export function PendingInvitations({ organization }: { organization: Organization }) {
  const organizationId = organization.id;
  const queryClient = useQueryClient();
  const invitations = useQuery({
    queryKey: queryKeys.invitations(organizationId),
    queryFn: () => listInvitations(organizationId),
  });
  const revoke = useMutation({
    mutationFn: (invitation: Invitation) => revokeInvitation(organizationId, invitation.id),
    onSuccess: (_, invitation) =>
      queryClient.setQueryData<Invitation[]>(queryKeys.invitations(organizationId), (items) =>
        items?.filter((item) => item.id !== invitation.id),
      ),
  });

  return (
    <section className="card" aria-labelledby="invitations-heading">
      <h2 id="invitations-heading">Pending invitations</h2>
      {revoke.isSuccess && (
        <p className="alert alert-success" role="status">
          The invitation to {revoke.variables.email} has been revoked.
        </p>
      )}
      {revoke.isError && <ErrorAlert error={revoke.error} />}
      <QueryState query={invitations} loadingLabel="Loading invitations…">
        {(data) =>
          data.length === 0 ? (
            <p>No invitations are waiting to be accepted.</p>
          ) : (
            <DataTable columns={['Email', 'Role', 'Sent', 'Expires', 'Actions']}>
              {data.map((invitation) => (
                <tr key={invitation.id}>
                  <th scope="row">{invitation.email}</th>
                  <td>{roleLabel(invitation.role, organization.kind)}</td>
                  <td>{formatDate(invitation.created_at)}</td>
                  <td>{formatDate(invitation.expires_at)}</td>
                  <td>
                    <button
                      type="button"
                      className="button button-small button-danger"
                      disabled={revoke.isPending}
                      onClick={() => revoke.mutate(invitation)}
                    >
                      Revoke<span className="visually-hidden"> invitation to {invitation.email}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </DataTable>
          )
        }
      </QueryState>
    </section>
  );
}
