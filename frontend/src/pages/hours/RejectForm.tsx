import { useId, useState, type FormEvent } from 'react';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';

export const REJECT_REASON_MAX = 1000;

interface RejectFormProps {
  /** What is rejected, as the form's name and its button: "Reject 3 entries". */
  label: string;
  busy: boolean;
  onReject: (reason: string) => void;
  onCancel: () => void;
}

/** A rejection always says why: the attorney reads the reason beside the entry to correct it. */
export function RejectForm({ label, busy, onReject, onCancel }: RejectFormProps) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const id = useId();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const length = [...reason.trim()].length;
    const found =
      length === 0 ? 'Say why, so the attorney can correct it.' : length > REJECT_REASON_MAX ? `Keep the reason to ${REJECT_REASON_MAX.toLocaleString('en-US')} characters.` : undefined;
    setError(found);
    if (!found) onReject(reason.trim());
  };
  return (
    <form className="reject-form" aria-labelledby={id} noValidate onSubmit={onSubmit}>
      <p id={id} className="visually-hidden">
        {label}
      </p>
      <TextAreaField label="Reason for rejecting" rows={2} value={reason} onChange={setReason} error={error} />
      <div className="form-actions">
        <SubmitButton busy={busy} label={label} busyLabel="Rejecting…" />
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
