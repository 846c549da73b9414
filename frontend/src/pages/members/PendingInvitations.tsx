import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { listInvitations, revokeInvitation } from '../../api/members';
import { errorMessage } from '../../api/problem';
import { queryKeys } from '../../api/queryKeys';
import type { Invitation } from '../../api/types';
import { Loading } from '../../components/Loading';
import { ROLE_LABELS } from '../../domain/roles';
import { formatDate } from '../../forms/format';

export function PendingInvitations({ organizationId }: { organizationId: string }) {
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
      {revoke.isError && (
        <div className="alert alert-error" role="alert">
          <p>{errorMessage(revoke.error)}</p>
        </div>
      )}
      {invitations.isPending && <Loading label="Loading invitations…" />}
      {invitations.isError && (
        <div className="alert alert-error" role="alert">
          <p>{errorMessage(invitations.error)}</p>
        </div>
      )}
      {invitations.isSuccess && invitations.data.length === 0 && <p>No invitations are waiting to be accepted.</p>}
      {invitations.isSuccess && invitations.data.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Sent</th>
                <th scope="col">Expires</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {invitations.data.map((invitation) => (
                <tr key={invitation.id}>
                  <th scope="row">{invitation.email}</th>
                  <td>{ROLE_LABELS[invitation.role]}</td>
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
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
