import { useRef, useState, type FormEvent } from 'react';
import { FieldFrame } from '../../components/FieldFrame';
import { FormAlert } from '../../components/FormAlert';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import { ACTIVITIES, ACTIVITY_LABELS } from '../../domain/hours';
import { fieldErrorsByPath } from '../../forms/fieldPaths';
import { focusFirstInvalid } from '../../forms/focusFirstInvalid';
import { todayIso } from '../../forms/numbers';
import { stepHours, validateTimeEntry, type TimeEntryErrors, type TimeEntryValues } from '../../forms/timeEntryForm';

export interface MatterOption {
  value: string;
  label: string;
}

interface TimeEntryFormProps {
  /** The form's accessible name. */
  label: string;
  initial: TimeEntryValues;
  matters: MatterOption[];
  /** Whether the matter may be chosen: an entry stays on the matter it was logged on. */
  matterFixed?: boolean;
  /** The button that saves without sending the entry for approval, if the form has one. */
  draftLabel?: string;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSave: (values: TimeEntryValues, submit: boolean) => void;
  onCancel?: () => void;
}

// The fields the form shows the server's messages beside (its minutes beside the hours).
const FIELDS = ['matter_id', 'work_date', 'minutes', 'hours', 'activity', 'narrative'];

/**
 * An entry's matter, day, hours, activity and narrative, checked before it is sent. Laid out in one
 * column with large controls so it is quick to fill in on a phone between two hearings.
 */
export function TimeEntryForm({ label, initial, matters, matterFixed, draftLabel, submitLabel, busy, error, onSave, onCancel }: TimeEntryFormProps) {
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<TimeEntryErrors>({});
  const [submitting, setSubmitting] = useState(true);
  const set = <K extends keyof TimeEntryValues>(key: K) => (value: TimeEntryValues[K]) => setValues((v) => ({ ...v, [key]: value }));

  const server = fieldErrorsByPath(error);
  // The server counts minutes; the form shows them as hours.
  const fieldError = (field: keyof TimeEntryValues) => errors[field] ?? server[field] ?? (field === 'hours' ? server.minutes : undefined);

  const save = (submit: boolean) => (event?: FormEvent) => {
    event?.preventDefault();
    setSubmitting(submit);
    const found = validateTimeEntry(values);
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(formRef.current);
    onSave(values, submit);
  };

  return (
    <form ref={formRef} className="entry-form" aria-label={label} noValidate onSubmit={save(true)}>
      <FormAlert error={error} fields={FIELDS} />
      {matterFixed ? (
        <p>
          <strong>Matter:</strong> {matters.find((m) => m.value === values.matter_id)?.label ?? 'This matter'}
        </p>
      ) : (
        <SelectField
          label="Matter"
          value={values.matter_id}
          options={[{ value: '', label: matters.length === 0 ? 'No matters to log time on' : 'Choose a matter' }, ...matters]}
          onChange={set('matter_id')}
          error={fieldError('matter_id')}
        />
      )}
      <TextField label="Date" type="date" max={todayIso()} value={values.work_date} onChange={set('work_date')} error={fieldError('work_date')} />
      <FieldFrame label="Hours" hint="In tenths of an hour: 0.1 is 6 minutes." error={fieldError('hours')}>
        {(control) => (
          <div className="hours-stepper">
            <button type="button" className="button button-secondary" aria-label="0.1 hours less" onClick={() => set('hours')(stepHours(values.hours, -1))}>
              −
            </button>
            <input
              {...control}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              value={values.hours}
              onChange={(event) => set('hours')(event.target.value)}
            />
            <button type="button" className="button button-secondary" aria-label="0.1 hours more" onClick={() => set('hours')(stepHours(values.hours, 1))}>
              +
            </button>
          </div>
        )}
      </FieldFrame>
      <SelectField
        label="Activity"
        value={values.activity}
        options={[{ value: '' as const, label: 'Choose an activity' }, ...ACTIVITIES.map((a) => ({ value: a, label: ACTIVITY_LABELS[a] }))]}
        onChange={set('activity')}
        error={fieldError('activity')}
      />
      <TextAreaField label="Narrative" hint="What you did, as you would write it on a bill." rows={3} value={values.narrative} onChange={set('narrative')} error={fieldError('narrative')} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy} aria-busy={(busy && submitting) || undefined}>
          {busy && submitting ? 'Saving…' : submitLabel}
        </button>
        {draftLabel && (
          <button type="button" className="button button-secondary" disabled={busy} aria-busy={(busy && !submitting) || undefined} onClick={() => save(false)()}>
            {busy && !submitting ? 'Saving…' : draftLabel}
          </button>
        )}
        {onCancel && (
          <button type="button" className="button button-secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
