import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { createConflictEntry } from '../../api/conflicts';
import { fieldErrors } from '../../api/problem';
import { invalidateAfterRegistryChange } from '../../api/invalidate';
import type { ConflictEntry, ConflictRole } from '../../api/types';
import { FormAlert } from '../../components/FormAlert';
import { Notice } from '../../components/Notice';
import { SelectField } from '../../components/SelectField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { CONFLICT_ROLES, CONFLICT_ROLE_LABELS, ENTRY_TYPE_LABELS } from '../../domain/conflicts';
import { parseAliases } from '../../forms/aliases';
import { focusFirstInvalid } from '../../forms/focusFirstInvalid';

const ENTRY_NAME_MAX = 300;
const MATTER_REF_MAX = 100;
const types = Object.keys(ENTRY_TYPE_LABELS) as ConflictEntry['type'][];

export function AddEntryForm() {
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState('');
  const [type, setType] = useState<ConflictEntry['type']>('organization');
  const [role, setRole] = useState<ConflictRole>('client');
  const [aliases, setAliases] = useState('');
  const [matterRef, setMatterRef] = useState('');
  const [errors, setErrors] = useState<{ name?: string; aliases?: string; matter_ref?: string }>({});

  const mutation = useMutation({
    mutationFn: () =>
      createConflictEntry({
        name: name.trim(),
        type,
        role,
        aliases: parseAliases(aliases),
        matter_ref: matterRef.trim() || undefined,
      }),
    onSuccess: () => {
      setName('');
      setAliases('');
      setMatterRef('');
      void invalidateAfterRegistryChange(queryClient);
    },
    onError: () => focusFirstInvalid(formRef.current),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const list = parseAliases(aliases);
    const found = {
      name: !name.trim() ? 'Enter a name.' : name.trim().length > ENTRY_NAME_MAX ? `Names are at most ${ENTRY_NAME_MAX} characters.` : undefined,
      aliases:
        list.length > 50 ? 'List at most 50 other names.' : list.some((a) => a.length > ENTRY_NAME_MAX) ? `Each other name is at most ${ENTRY_NAME_MAX} characters.` : undefined,
      matter_ref: matterRef.trim().length > MATTER_REF_MAX ? `Matter references are at most ${MATTER_REF_MAX} characters.` : undefined,
    };
    setErrors(found);
    if (found.name || found.aliases || found.matter_ref) return focusFirstInvalid(formRef.current);
    mutation.mutate();
  };

  const server = fieldErrors(mutation.error);
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate>
      {mutation.isSuccess && <Notice>{mutation.data.name} has been added to the registry.</Notice>}
      <FormAlert error={mutation.error} fields={['name', 'type', 'role', 'aliases', 'matter_ref']} />
      <TextField label="Name" value={name} onChange={setName} error={errors.name ?? server.name} autoComplete="off" required />
      <div className="field-grid">
        <SelectField
          label="Type"
          value={type}
          options={types.map((value) => ({ value, label: ENTRY_TYPE_LABELS[value] }))}
          onChange={setType}
          error={server.type}
        />
        <SelectField
          label="Role"
          value={role}
          options={CONFLICT_ROLES.map((value) => ({ value, label: CONFLICT_ROLE_LABELS[value] }))}
          onChange={setRole}
          error={server.role}
        />
      </div>
      <TextField
        label="Other names"
        hint="Aliases or former names, separated by commas."
        value={aliases}
        onChange={setAliases}
        error={errors.aliases ?? server.aliases}
      />
      <TextField label="Matter reference" hint="Optional, e.g. your file number." value={matterRef} onChange={setMatterRef} error={errors.matter_ref ?? server.matter_ref} />
      <div className="form-actions">
        <SubmitButton busy={mutation.isPending} label="Add entry" busyLabel="Adding…" />
      </div>
    </form>
  );
}
