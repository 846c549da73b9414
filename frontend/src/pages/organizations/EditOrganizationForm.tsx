import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { updateOrganization } from '../../api/organizations';
import { fieldErrors } from '../../api/problem';
import type { Organization, OrganizationUpdate } from '../../api/types';
import { CheckboxField } from '../../components/CheckboxField';
import { FormAlert } from '../../components/FormAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { REFERRING_KINDS } from '../../domain/referrals';
import { focusFirstInvalid } from '../../forms/focusFirstInvalid';
import { validateOrganizationName } from '../../forms/validation';

interface EditOrganizationFormProps {
  organization: Organization;
  onSaved: (updated: Organization) => void;
  onCancel: () => void;
}

/** A platform admin's form for an organisation's name and settings. */
export function EditOrganizationForm({ organization, onSaved, onCancel }: EditOrganizationFormProps) {
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState(organization.name);
  const [limitedScope, setLimitedScope] = useState(organization.limited_scope_program);
  const [nameError, setNameError] = useState<string>();
  const refers = REFERRING_KINDS.includes(organization.kind);

  useEffect(() => formRef.current?.querySelector('input')?.focus(), []);

  const mutation = useMutation({
    mutationFn: (update: OrganizationUpdate) => updateOrganization(organization.id, update),
    onSuccess: onSaved,
    onError: () => focusFirstInvalid(formRef.current),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateOrganizationName(name);
    setNameError(found);
    if (found) return focusFirstInvalid(formRef.current);
    // Only what changed is sent: the update is partial, and an unchanged name is not renamed.
    const update: OrganizationUpdate = {};
    if (name.trim() !== organization.name) update.name = name.trim();
    if (refers && limitedScope !== organization.limited_scope_program) update.limited_scope_program = limitedScope;
    if (Object.keys(update).length === 0) return onCancel();
    mutation.mutate(update);
  };

  const serverErrors = fieldErrors(mutation.error);

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-label={`Edit ${organization.name}`}>
      <FormAlert error={mutation.error} fields={['name', 'limited_scope_program']} />
      <TextField
        label="Name"
        name="name"
        autoComplete="organization"
        value={name}
        onChange={setName}
        error={nameError ?? serverErrors.name}
        required
      />
      {refers && (
        <CheckboxField
          label="Runs a limited-scope program"
          hint="Firm conflicts on its limited-scope referrals are then potential, not blocking (ABA Model Rule 6.5)."
          checked={limitedScope}
          onChange={setLimitedScope}
        />
      )}
      <div className="form-actions">
        <SubmitButton busy={mutation.isPending} label="Save changes" busyLabel="Saving…" />
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
