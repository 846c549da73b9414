import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { invalidateAfterAnswer } from '../../api/invalidate';
import { closeMatter } from '../../api/outcomes';
import { fieldErrors } from '../../api/problem';
import { queryKeys } from '../../api/queryKeys';
import type { ClosingCategory, Matter, MatterClosing } from '../../api/types';
import { FormAlert } from '../../components/FormAlert';
import { RadioGroupField } from '../../components/RadioGroupField';
import { SelectField } from '../../components/SelectField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import {
  CLOSING_CATEGORIES,
  CLOSING_LABELS,
  CLOSING_NOTE_MAX,
  closingHours,
  validateClosingHours,
} from '../../domain/outcomes';
import { focusFirstInvalid } from '../../forms/focusFirstInvalid';
import { hoursInWords } from '../../forms/format';
import { collectErrors, hasErrors, type Errors } from '../../forms/validation';

type Field = 'outcome' | 'goal_met' | 'hours' | 'note';

const GOAL_CHOICES = [
  { value: 'yes' as const, label: 'Yes' },
  { value: 'no' as const, label: 'No' },
];

/**
 * The matter's attorney (or their firm's coordinator) closes it with its Legal Services Corporation
 * closing category, whether the client's goal was met and the hours given, after confirming: a closed
 * matter does not reopen, and its referral closes with it.
 */
export function CloseMatter({ matter }: { matter: Matter }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState<ClosingCategory | ''>('');
  const [goalMet, setGoalMet] = useState<'yes' | 'no' | ''>('');
  const [hours, setHours] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Errors<Field>>({});
  const [confirming, setConfirming] = useState<MatterClosing | null>(null);

  // A change after "Close the matter" takes the question back: it asked about the earlier answers.
  const edit =
    <V,>(set: (value: V) => void) =>
    (value: V) => {
      set(value);
      setConfirming(null);
    };

  const close = useMutation({
    mutationFn: (closing: MatterClosing) => closeMatter(matter.id, closing),
    onSuccess: (updated) => {
      queryClient.setQueryData(queryKeys.matter(updated.id), updated);
      void invalidateAfterAnswer(queryClient, updated.referral.id);
      // This form goes with the open matter; the page says what happened.
      navigate('.', { replace: true, state: { notice: 'The matter is closed, and its referral with it.' } });
    },
    onError: () => {
      setConfirming(null);
      focusFirstInvalid(formRef.current);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = collectErrors<Field>({
      outcome: outcome ? undefined : 'Choose how the matter ended.',
      goal_met: goalMet ? undefined : 'Say whether the client’s goal was met.',
      hours: validateClosingHours(hours),
      note: [...note.trim()].length > CLOSING_NOTE_MAX ? `Keep the note to ${CLOSING_NOTE_MAX.toLocaleString('en-US')} characters.` : undefined,
    });
    setErrors(found);
    if (hasErrors(found) || !outcome) return focusFirstInvalid(formRef.current);
    close.reset();
    setConfirming({ outcome, goal_met: goalMet === 'yes', hours: closingHours(hours) ?? 0, note: note.trim() || undefined });
  };

  if (!open) {
    return (
      <section className="card" aria-labelledby="close-heading">
        <h2 id="close-heading">Close the matter</h2>
        <p>When the work is done, record how the matter ended. The referring organisation reports it to its funders.</p>
        <button type="button" className="button button-primary" onClick={() => setOpen(true)}>
          Close the matter…
        </button>
      </section>
    );
  }

  const server = fieldErrors(close.error);
  const shown = { ...server, ...errors };
  return (
    <section className="card" aria-labelledby="close-heading">
      <h2 id="close-heading">Close the matter</h2>
      <form ref={formRef} onSubmit={submit} noValidate aria-label="Close the matter">
        <FormAlert error={close.error} fields={['outcome', 'goal_met', 'hours', 'note']} />
        <SelectField<ClosingCategory | ''>
          label="How the matter ended"
          value={outcome}
          options={[{ value: '', label: 'Choose the closing category' }, ...CLOSING_CATEGORIES.map((value) => ({ value, label: CLOSING_LABELS[value] }))]}
          onChange={edit(setOutcome)}
          error={shown.outcome}
        />
        <RadioGroupField legend="Was the client’s goal met?" name="goal_met" value={goalMet} options={GOAL_CHOICES} onChange={edit(setGoalMet)} error={shown.goal_met} />
        <TextField
          label="Hours given to the matter"
          hint="In all, in tenths of an hour, e.g. 12.5."
          inputMode="decimal"
          value={hours}
          onChange={edit(setHours)}
          error={shown.hours}
        />
        <TextAreaField
          label="Note"
          hint={`Optional, for the referring organisation. No client details. At most ${CLOSING_NOTE_MAX.toLocaleString('en-US')} characters.`}
          value={note}
          onChange={edit(setNote)}
          error={shown.note}
          rows={3}
        />
        {!confirming && (
          <div className="form-actions">
            <SubmitButton busy={false} label="Close the matter" busyLabel="Closing…" />
            <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        )}
      </form>
      {confirming && (
        <div className="confirm" role="group" aria-label="Confirm closing the matter">
          <p>
            Close this matter as <strong>{CLOSING_LABELS[confirming.outcome]}</strong>, with the client’s goal{' '}
            {confirming.goal_met ? 'met' : 'not met'}, after {hoursInWords(confirming.hours)}? A closed matter cannot be
            reopened, and its referral closes with it.
          </p>
          <div className="form-actions">
            <button type="button" className="button button-danger" disabled={close.isPending} onClick={() => close.mutate(confirming)}>
              {close.isPending ? 'Closing…' : 'Yes, close the matter'}
            </button>
            <button type="button" className="button button-secondary" disabled={close.isPending} onClick={() => setConfirming(null)}>
              Go back
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
