import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/problem';
import { FormAlert } from '../../components/FormAlert';
import { SelectField } from '../../components/SelectField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { REASON_NOTE_MAX, validateReason, type ReasonErrors } from '../../forms/reasonForm';

interface ReasonFormProps<R extends string> {
  /** The form's accessible name, e.g. "Decline the offer". */
  name: string;
  reasons: Record<R, string>;
  submitLabel: string;
  busyLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (reason: R, note?: string) => void;
}

/** A reason from a list and a note, which "other" requires: declining an offer, withdrawing from a matter. */
export function ReasonForm<R extends string>({ name, reasons, submitLabel, busyLabel, busy, error, onSubmit }: ReasonFormProps<R>) {
  const [reason, setReason] = useState<R | ''>('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<ReasonErrors>({});
  const server = fieldErrors(error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateReason(reason, note);
    setErrors(found);
    if (reason && !found.reason && !found.note) onSubmit(reason, note.trim() || undefined);
  };

  const options = [
    { value: '' as const, label: 'Choose a reason' },
    ...(Object.keys(reasons) as R[]).map((value) => ({ value, label: reasons[value] })),
  ];
  return (
    <form onSubmit={submit} noValidate aria-label={name}>
      <FormAlert error={error} fields={['reason', 'note']} />
      <SelectField<R | ''> label="Reason" value={reason} options={options} onChange={setReason} error={errors.reason ?? server.reason} />
      <TextAreaField
        label="Note"
        hint={`Needed for another reason; the referring organisation reads it. At most ${REASON_NOTE_MAX.toLocaleString('en-US')} characters.`}
        value={note}
        onChange={setNote}
        error={errors.note ?? server.note}
        rows={3}
      />
      <div className="form-actions">
        <SubmitButton busy={busy} label={submitLabel} busyLabel={busyLabel} variant="secondary" />
      </div>
    </form>
  );
}
