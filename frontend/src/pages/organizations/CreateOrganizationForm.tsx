import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { createOrganization } from '../../api/organizations';
import { fieldErrors } from '../../api/problem';
import { queryKeys } from '../../api/queryKeys';
import type { Organization, OrganizationKind } from '../../api/types';
import { FormAlert } from '../../components/FormAlert';
import { Notice } from '../../components/Notice';
import { SelectField } from '../../components/SelectField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { ORGANIZATION_KINDS, ORGANIZATION_KIND_LABELS } from '../../domain/roles';
import { focusFirstInvalid } from '../../forms/focusFirstInvalid';
import { validateOrganizationName } from '../../forms/validation';

export function CreateOrganizationForm() {
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<OrganizationKind>('law_firm');
  const [nameError, setNameError] = useState<string>();

  const mutation = useMutation({
    mutationFn: () => createOrganization(name.trim(), kind),
    onSuccess: (created) => {
      setName('');
      queryClient.setQueryData<Organization[]>(queryKeys.organizations, (items) =>
        items && [...items, created].sort((a, b) => a.name.localeCompare(b.name)),
      );
    },
    onError: () => focusFirstInvalid(formRef.current),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateOrganizationName(name);
    setNameError(found);
    if (found) return focusFirstInvalid(formRef.current);
    mutation.mutate();
  };

  const serverErrors = fieldErrors(mutation.error);

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate>
      {mutation.isSuccess && (
        <Notice>
          {mutation.data.name} has been created.{' '}
          <Link to={`/organizations/${mutation.data.id}/members`}>Invite its first members</Link>.
        </Notice>
      )}
      <FormAlert error={mutation.error} fields={['name', 'kind']} />
      <div className="inline-fields">
        <TextField
          label="Name"
          name="name"
          autoComplete="organization"
          value={name}
          onChange={setName}
          error={nameError ?? serverErrors.name}
          required
        />
        <SelectField
          label="Kind"
          name="kind"
          value={kind}
          options={ORGANIZATION_KINDS.map((value) => ({ value, label: ORGANIZATION_KIND_LABELS[value] }))}
          onChange={setKind}
          error={serverErrors.kind}
        />
      </div>
      <div className="form-actions">
        <SubmitButton busy={mutation.isPending} label="Create organisation" busyLabel="Creating…" />
      </div>
    </form>
  );
}
