import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { createPartnership, listPartnerOrganizations, updatePartnership } from '../../api/partnerships';
import { queryKeys } from '../../api/queryKeys';
import type { PartnerOrganization, Partnership } from '../../api/types';
import { useCurrentUser } from '../../auth/currentUser';
import { ChangedMeanwhile, isChangedMeanwhile } from '../../components/ChangedMeanwhile';
import { FormAlert } from '../../components/FormAlert';
import { SelectField } from '../../components/SelectField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import { fieldErrorsByPath } from '../../forms/fieldPaths';
import { focusFirstInvalid } from '../../forms/focusFirstInvalid';
import {
  emptyPartnership,
  partnershipValues,
  toPartnershipInput,
  validatePartnership,
  type PartnershipErrors,
  type PartnershipField,
  type PartnershipValues,
} from '../../forms/partnershipForm';
import { PracticeAreasField } from './PracticeAreasField';

const FIELDS: PartnershipField[] = ['firm_id', 'referrer_id', 'practice_areas', 'pledged_hours', 'starts_on', 'ends_on', 'contact_name', 'contact_email', 'notes'];

/** The server's messages by field; one about a single practice area (`practice_areas[1]`) is shown beside the list, naming it. */
function serverErrors(error: unknown): { byField: PartnershipErrors; placed: string[] } {
  const byField: PartnershipErrors = {};
  const placed: string[] = [];
  for (const [path, message] of Object.entries(fieldErrorsByPath(error))) {
    const area = /^practice_areas\[(\d+)\]$/.exec(path);
    if (area) byField.practice_areas ??= `Practice area ${Number(area[1]) + 1}: ${message}`;
    else if ((FIELDS as string[]).includes(path)) byField[path as PartnershipField] ??= message;
    else continue;
    placed.push(path);
  }
  return { byField, placed };
}

interface PartnershipFormProps {
  /** The partnership to edit; without one the form records a new partnership. */
  partnership?: Partnership;
  onSaved: (saved: Partnership) => void;
  onCancel: () => void;
}

/** Records or edits a partnership. A partnership's firm and organisation are chosen once, when it is recorded. */
export function PartnershipForm({ partnership, onSaved, onCancel }: PartnershipFormProps) {
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const ownFirm = me.organization.kind === 'law_firm';
  const [values, setValues] = useState<PartnershipValues>(() =>
    partnership
      ? partnershipValues(partnership)
      : me.role === 'platform_admin'
        ? emptyPartnership()
        : ownFirm
          ? emptyPartnership(me.organization.id, '')
          : emptyPartnership('', me.organization.id),
  );
  const [errors, setErrors] = useState<PartnershipErrors>({});
  const set = <K extends PartnershipField>(field: K) => (value: PartnershipValues[K]) => setValues((v) => ({ ...v, [field]: value }));

  const counterparts = useQuery({
    queryKey: queryKeys.partnerOrganizations,
    queryFn: listPartnerOrganizations,
    enabled: !partnership,
  });
  const mutation = useMutation({
    mutationFn: (input: ReturnType<typeof toPartnershipInput>) =>
      partnership ? updatePartnership(partnership.id, input, partnership.version) : createPartnership(input),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.partnerships });
      onSaved(saved);
    },
    onError: () => focusFirstInvalid(formRef.current),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = validatePartnership(values);
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(formRef.current);
    mutation.mutate(toPartnershipInput(values));
  };

  if (isChangedMeanwhile(mutation.error)) {
    return (
      <ChangedMeanwhile
        subject="this partnership"
        outcome="Your changes were not saved."
        onReload={() => {
          void queryClient.invalidateQueries({ queryKey: queryKeys.partnerships });
          onCancel();
        }}
      />
    );
  }

  const { byField: server, placed } = serverErrors(mutation.error);
  const error = (field: PartnershipField) => errors[field] ?? server[field];
  const choices = (kind: 'firm' | 'referrer') => [
    { value: '', label: counterparts.isError ? 'Could not load organisations' : kind === 'firm' ? 'Choose a law firm' : 'Choose an organisation' },
    ...(counterparts.data ?? [])
      .filter((o: PartnerOrganization) => (o.kind === 'law_firm') === (kind === 'firm'))
      .map((o) => ({ value: o.id, label: o.name })),
  ];
  const title = partnership ? `Edit the partnership of ${partnership.firm_name} and ${partnership.referrer_name}` : 'Record a partnership';
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-label={title}>
      <FormAlert error={mutation.error} fields={placed} />
      {partnership ? (
        <p>
          {partnership.firm_name} and {partnership.referrer_name}
        </p>
      ) : (
        <div className="field-grid">
          {(me.role === 'platform_admin' || !ownFirm) && (
            <SelectField label="Law firm" value={values.firm_id} options={choices('firm')} onChange={set('firm_id')} error={error('firm_id')} />
          )}
          {(me.role === 'platform_admin' || ownFirm) && (
            <SelectField
              label="Referring organisation"
              value={values.referrer_id}
              options={choices('referrer')}
              onChange={set('referrer_id')}
              error={error('referrer_id')}
            />
          )}
        </div>
      )}
      <PracticeAreasField value={values.practice_areas} onChange={set('practice_areas')} error={error('practice_areas')} />
      <div className="field-grid">
        <TextField label="Pledged hours a year" inputMode="numeric" value={values.pledged_hours} onChange={set('pledged_hours')} error={error('pledged_hours')} required />
        <TextField label="Starts on" type="date" value={values.starts_on} onChange={set('starts_on')} error={error('starts_on')} required />
        <TextField label="Ends on" hint="Leave empty if it has no end date." type="date" value={values.ends_on} onChange={set('ends_on')} error={error('ends_on')} />
      </div>
      <div className="field-grid">
        <TextField label="Contact name" value={values.contact_name} onChange={set('contact_name')} error={error('contact_name')} autoComplete="off" />
        <TextField label="Contact email" type="email" value={values.contact_email} onChange={set('contact_email')} error={error('contact_email')} autoComplete="off" />
      </div>
      <TextAreaField label="Notes" hint="What the agreement says about case types, confidentiality, reporting." value={values.notes} onChange={set('notes')} error={error('notes')} />
      <div className="form-actions">
        <SubmitButton busy={mutation.isPending} label={partnership ? 'Save changes' : 'Record partnership'} busyLabel="Saving…" />
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
