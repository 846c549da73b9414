import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { updateMember } from '../../api/members';
import { errorMessage } from '../../api/problem';
import { queryKeys } from '../../api/queryKeys';
import type { Member, MemberUpdate, Organization, Role } from '../../api/types';
import { useCurrentUser } from '../../auth/currentUser';
import { roleLabel, rolesForKind } from '../../domain/roles';
import { formatDate } from '../../forms/format';

interface MemberRowProps {
  member: Member;
  organization: Organization;
  canManage: boolean;
  onChanged: (announcement: string) => void;
}

export function MemberRow({ member, organization, canManage, onChanged }: MemberRowProps) {
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const roleSelectId = useId();
  const errorId = useId();
  // Admins cannot demote or deactivate themselves here, so an organisation is never left without one by accident.
  const editable = canManage && member.id !== me.id;

  const mutation = useMutation({
    mutationFn: (update: MemberUpdate) => updateMember(organization.id, member.id, update),
    onSuccess: (updated, update) => {
      queryClient.setQueryData<Member[]>(queryKeys.members(organization.id), (members) =>
        members?.map((m) => (m.id === updated.id ? updated : m)),
      );
      onChanged(
        update.role
          ? `${updated.name} is now ${roleLabel(updated.role, organization.kind).toLowerCase()}.`
          : `${updated.name} has been ${updated.active ? 'reactivated' : 'deactivated'}.`,
      );
    },
  });

  const roleChoices = rolesForKind(organization.kind);
  // A member may hold a role that no longer fits the organisation's kind; keep it visible.
  const options = roleChoices.includes(member.role) ? roleChoices : [member.role, ...roleChoices];

  return (
    <tr className={member.active ? undefined : 'row-inactive'}>
      <th scope="row">
        {member.name}
        {member.id === me.id && <span className="muted"> (you)</span>}
      </th>
      <td>{member.email}</td>
      <td>
        {editable ? (
          <>
            <label htmlFor={roleSelectId} className="visually-hidden">
              Role for {member.name}
            </label>
            <select
              id={roleSelectId}
              value={member.role}
              disabled={mutation.isPending}
              aria-describedby={mutation.isError ? errorId : undefined}
              onChange={(event) => mutation.mutate({ role: event.target.value as Role })}
            >
              {options.map((role) => (
                <option key={role} value={role}>
                  {roleLabel(role, organization.kind)}
                </option>
              ))}
            </select>
          </>
        ) : (
          roleLabel(member.role, organization.kind)
        )}
      </td>
      <td>
        <span className={member.active ? 'badge badge-active' : 'badge badge-inactive'}>
          {member.active ? 'Active' : 'Deactivated'}
        </span>
      </td>
      <td>{formatDate(member.created_at)}</td>
      {canManage && (
        <td>
          {editable && (
            <button
              type="button"
              className="button button-small button-secondary"
              disabled={mutation.isPending}
              onClick={() => mutation.mutate({ active: !member.active })}
            >
              {member.active ? 'Deactivate' : 'Reactivate'}
              <span className="visually-hidden"> {member.name}</span>
            </button>
          )}
          {mutation.isError && (
            <p className="field-error" id={errorId} role="alert">
              {errorMessage(mutation.error)}
            </p>
          )}
        </td>
      )}
    </tr>
  );
}
