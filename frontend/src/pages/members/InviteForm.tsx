import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { createInvitation } from '../../api/members';
import { fieldErrors } from '../../api/problem';
import { queryKeys } from '../../api/queryKeys';
import type { Organization, Role } from '../../api/types';
import { useCurrentUser } from '../../auth/currentUser';
import { FormAlert } from '../../components/FormAlert';
import { Notice } from '../../components/Notice';
import { SelectField } from '../../components/SelectField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { roleLabel, rolesForKind } from '../../domain/roles';
import { focusFirstInvalid } from '../../forms/focusFirstInvalid';
import { validateEmail } from '../../forms/validation';

export function InviteForm({ organization }: { organization: Organization }) {
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const me = useCurrentUser();
  const roles = rolesForKind(organization.kind);
  // Platform admins mostly invite the first admin of an organisation they have just created.
  const [role, setRole] = useState<Role>(
    me.role === 'platform_admin' && roles.includes('org_admin') ? 'org_admin' : roles[0],
  );
  const [email, setEmail] = useState('');
  const [emailError, setEmailError] = useState<string>();

  const mutation = useMutation({
    mutationFn: () => createInvitation(organization.id, email.trim(), role),
    onSuccess: () => {
      setEmail('');
      void queryClient.invalidateQueries({ queryKey: queryKeys.invitations(organization.id) });
    },
    onError: () => focusFirstInvalid(formRef.current),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateEmail(email);
    setEmailError(found);
    if (found) return focusFirstInvalid(formRef.current);
    mutation.mutate();
  };

  const serverErrors = fieldErrors(mutation.error);

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="inline-form">
      {mutation.isSuccess && (
        <Notice>
          Invitation sent to <strong>{mutation.data.email}</strong>. The link expires in seven days.
        </Notice>
      )}
      <FormAlert error={mutation.error} fields={['email', 'role']} />
      <div className="inline-fields">
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="off"
          value={email}
          onChange={setEmail}
          error={emailError ?? serverErrors.email}
          required
        />
        <SelectField
          label="Role"
          name="role"
          value={role}
          options={roles.map((value) => ({ value, label: roleLabel(value, organization.kind) }))}
          onChange={setRole}
          error={serverErrors.role}
        />
      </div>
      <div className="form-actions">
        <SubmitButton busy={mutation.isPending} label="Send invitation" busyLabel="Sending…" />
      </div>
    </form>
  );
}
