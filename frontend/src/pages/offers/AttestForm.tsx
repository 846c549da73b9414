import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/problem';
import { CheckboxField } from '../../components/CheckboxField';
import { FormAlert } from '../../components/FormAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { ATTESTATION } from '../../domain/answers';

interface AttestFormProps {
  /** The form's accessible name, e.g. "Accept the offer". */
  name: string;
  submitLabel: string;
  busyLabel: string;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
}

/**
 * Taking on a referral (accepting an offer, volunteering) needs the attorney's word that they know of
 * no conflict of interest: the box must be ticked, and the server checks the firm's registry again.
 */
export function AttestForm({ name, submitLabel, busyLabel, busy, error, onConfirm }: AttestFormProps) {
  const [attested, setAttested] = useState(false);
  const [missing, setMissing] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMissing(!attested);
    if (attested) onConfirm();
  };

  return (
    <form onSubmit={submit} noValidate aria-label={name}>
      <FormAlert error={error} fields={['attest_no_conflict']} />
      <CheckboxField
        label={ATTESTATION}
        hint="Neither you nor, to your knowledge, your firm acts for or against the parties of this referral."
        checked={attested}
        onChange={(checked) => {
          setAttested(checked);
          if (checked) setMissing(false);
        }}
        error={missing ? 'Tick the box to confirm that you know of no conflict of interest.' : fieldErrors(error).attest_no_conflict}
      />
      <div className="form-actions">
        <SubmitButton busy={busy} label={submitLabel} busyLabel={busyLabel} />
      </div>
    </form>
  );
}
