import { useRef, useState, type FormEvent } from 'react';
import type { TimeAdjustmentInput, TimeEntry } from '../../api/types';
import { FormAlert } from '../../components/FormAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import { hoursText, parseHours, validateAdjustment, validateNarrative } from '../../domain/hours';
import { fieldErrorsByPath } from '../../forms/fieldPaths';
import { focusFirstInvalid } from '../../forms/focusFirstInvalid';

interface AdjustFormProps {
  entry: TimeEntry;
  busy: boolean;
  error: unknown;
  onSave: (input: TimeAdjustmentInput) => void;
  onCancel: () => void;
}

/**
 * An approved entry is locked: a correction is a new entry of the difference (negative to take hours
 * off), with why, approved like any other.
 */
export function AdjustForm({ entry, busy, error, onSave, onCancel }: AdjustFormProps) {
  const formRef = useRef<HTMLFormElement>(null);
  const [hours, setHours] = useState('');
  const [narrative, setNarrative] = useState('');
  const [errors, setErrors] = useState<{ hours?: string; narrative?: string }>({});
  const server = fieldErrorsByPath(error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = { hours: validateAdjustment(hours), narrative: validateNarrative(narrative, { required: true }) };
    setErrors(found);
    if (found.hours || found.narrative) return focusFirstInvalid(formRef.current);
    onSave({ minutes: parseHours(hours, { allowNegative: true }) ?? 0, narrative: narrative.trim() });
  };

  return (
    <form ref={formRef} className="entry-form" aria-label={`Adjust the approved ${hoursText(entry.minutes)} h`} noValidate onSubmit={onSubmit}>
      <FormAlert error={error} fields={['minutes', 'narrative']} />
      <TextField
        label="Hours to add or take off"
        hint={`The approved ${hoursText(entry.minutes)} h stay as they are; enter the difference, like 0.5 or -0.5.`}
        inputMode="decimal"
        autoComplete="off"
        value={hours}
        onChange={setHours}
        error={errors.hours ?? server.minutes}
      />
      <TextAreaField label="Why" rows={2} value={narrative} onChange={setNarrative} error={errors.narrative ?? server.narrative} />
      <div className="form-actions">
        <SubmitButton busy={busy} label="Send the adjustment" busyLabel="Sending…" />
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
