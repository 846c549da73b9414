import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { createConflictEntry, updateConflictEntry } from '../../api/conflicts';
import { invalidateAfterRegistryChange } from '../../api/invalidate';
import type { ConflictEntry, ConflictEntryInput, ConflictRole } from '../../api/types';
import { FormAlert } from '../../components/FormAlert';
import { Notice } from '../../components/Notice';
import { SelectField } from '../../components/SelectField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { CONFLICT_ROLES, CONFLICT_ROLE_LABELS, ENTRY_TYPE_LABELS } from '../../domain/conflicts';
import { formatAliases, parseAliases } from '../../forms/aliases';
import { fieldErrorsByPath } from '../../forms/fieldPaths';
import { focusFirstInvalid } from '../../forms/focusFirstInvalid';

const ENTRY_NAME_MAX = 300;
const MATTER_REF_MAX = 100;
/** As many other names as the server takes for one entry, by form or by CSV file. */
export const ALIASES_MAX = 20;
const types = Object.keys(ENTRY_TYPE_LABELS) as ConflictEntry['type'][];

type Field = 'name' | 'type' | 'role' | 'aliases' | 'matter_ref';
const FIELDS: Field[] = ['name', 'type', 'role', 'aliases', 'matter_ref'];

/**
 * The server's messages by field of this form, and the paths they came under. A message about one
 * other name (`aliases[2]`) is shown beside the other names, saying which one.
 */
function serverErrors(error: unknown): { byField: Partial<Record<Field, string>>; placed: string[] } {
  const byField: Partial<Record<Field, string>> = {};
  const placed: string[] = [];
  for (const [path, message] of Object.entries(fieldErrorsByPath(error))) {
    const alias = /^aliases\[(\d+)\]$/.exec(path);
    if (alias) byField.aliases ??= `Other name ${Number(alias[1]) + 1}: ${message}`;
    else if ((FIELDS as string[]).includes(path)) byField[path as Field] ??= message;
    else continue;
    placed.push(path);
  }
  return { byField, placed };
}

interface EntryFormProps {
  /** The entry to edit; without one the form adds a new entry. */
  entry?: ConflictEntry;
  /** Called with the entry as saved after an edit. */
  onSaved?: (entry: ConflictEntry) => void;
  onCancel?: () => void;
}

/** Adds an entry to the firm's registry, or edits one. */
export function EntryForm({ entry, onSaved, onCancel }: EntryFormProps) {
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState(entry?.name ?? '');
  const [type, setType] = useState<ConflictEntry['type']>(entry?.type ?? 'organization');
  const [role, setRole] = useState<ConflictRole>(entry?.role ?? 'client');
  const [aliases, setAliases] = useState(formatAliases(entry?.aliases));
  const [matterRef, setMatterRef] = useState(entry?.matter_ref ?? '');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});

  const mutation = useMutation({
    mutationFn: (input: ConflictEntryInput) => (entry ? updateConflictEntry(entry.id, input) : createConflictEntry(input)),
    onSuccess: (saved) => {
      void invalidateAfterRegistryChange(queryClient);
      if (entry) {
        onSaved?.(saved);
        return;
      }
      setName('');
      setAliases('');
      setMatterRef('');
    },
    onError: () => focusFirstInvalid(formRef.current),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const list = parseAliases(aliases);
    const found = {
      name: !name.trim() ? 'Enter a name.' : name.trim().length > ENTRY_NAME_MAX ? `Names are at most ${ENTRY_NAME_MAX} characters.` : undefined,
      aliases:
        list.length > ALIASES_MAX
          ? `List at most ${ALIASES_MAX} other names.`
          : list.some((a) => a.length > ENTRY_NAME_MAX)
            ? `Each other name is at most ${ENTRY_NAME_MAX} characters.`
            : undefined,
      matter_ref: matterRef.trim().length > MATTER_REF_MAX ? `Matter references are at most ${MATTER_REF_MAX} characters.` : undefined,
    };
    setErrors(found);
    if (found.name || found.aliases || found.matter_ref) return focusFirstInvalid(formRef.current);
    mutation.mutate({ name: name.trim(), type, role, aliases: list, matter_ref: matterRef.trim() || undefined });
  };

  const { byField: server, placed } = serverErrors(mutation.error);
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-label={entry ? `Edit ${entry.name}` : undefined}>
      {!entry && mutation.isSuccess && <Notice>{mutation.data.name} has been added to the registry.</Notice>}
      <FormAlert error={mutation.error} fields={placed} />
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
        hint="Aliases or former names, separated by semicolons (;), as in the CSV file."
        value={aliases}
        onChange={setAliases}
        error={errors.aliases ?? server.aliases}
      />
      <TextField label="Matter reference" hint="Optional, e.g. your file number." value={matterRef} onChange={setMatterRef} error={errors.matter_ref ?? server.matter_ref} />
      <div className="form-actions">
        {entry ? (
          <>
            <SubmitButton busy={mutation.isPending} label="Save changes" busyLabel="Saving…" />
            <button type="button" className="button button-secondary" onClick={onCancel}>
              Cancel
            </button>
          </>
        ) : (
          <SubmitButton busy={mutation.isPending} label="Add entry" busyLabel="Adding…" />
        )}
      </div>
    </form>
  );
}
