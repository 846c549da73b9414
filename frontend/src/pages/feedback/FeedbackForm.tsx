import { useRef, useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/problem';
import type { FeedbackInput } from '../../api/types';
import { FormAlert } from '../../components/FormAlert';
import { RadioGroupField } from '../../components/RadioGroupField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextAreaField } from '../../components/TextAreaField';
import { FEEDBACK_COMMENT_MAX, SATISFACTION_LABELS, SATISFACTION_SCORES } from '../../domain/outcomes';
import { focusFirstInvalid } from '../../forms/focusFirstInvalid';
import { collectErrors, hasErrors, type Errors } from '../../forms/validation';

type Field = 'satisfaction' | 'comment';

interface FeedbackFormProps {
  /** The form's accessible name. */
  name: string;
  /** The question, worded for whoever answers it: the client, or staff recording what the client said. */
  question: string;
  commentLabel: string;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (input: FeedbackInput) => void;
}

const OPTIONS = SATISFACTION_SCORES.map((score) => ({ value: String(score), label: `${score}: ${SATISFACTION_LABELS[score]}` }));

/** Satisfaction from 1 to 5 and a comment: what a client thought of the help they got. */
export function FeedbackForm({ name, question, commentLabel, submitLabel, busy, error, onSubmit }: FeedbackFormProps) {
  const formRef = useRef<HTMLFormElement>(null);
  const [satisfaction, setSatisfaction] = useState('');
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Errors<Field>>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = collectErrors<Field>({
      satisfaction: satisfaction ? undefined : 'Choose a score from 1 to 5.',
      comment:
        [...comment.trim()].length > FEEDBACK_COMMENT_MAX
          ? `Keep the comment to ${FEEDBACK_COMMENT_MAX.toLocaleString('en-US')} characters.`
          : undefined,
    });
    setErrors(found);
    if (hasErrors(found)) return focusFirstInvalid(formRef.current);
    onSubmit({ satisfaction: Number(satisfaction), comment: comment.trim() || undefined });
  };

  const shown = { ...fieldErrors(error), ...errors };
  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={name}>
      <FormAlert error={error} fields={['satisfaction', 'comment']} />
      <RadioGroupField legend={question} name="satisfaction" value={satisfaction} options={OPTIONS} onChange={setSatisfaction} error={shown.satisfaction} />
      <TextAreaField
        label={commentLabel}
        hint={`Optional. At most ${FEEDBACK_COMMENT_MAX.toLocaleString('en-US')} characters.`}
        value={comment}
        onChange={setComment}
        error={shown.comment}
        rows={4}
      />
      <div className="form-actions">
        <SubmitButton busy={busy} label={submitLabel} busyLabel="Sending…" />
      </div>
    </form>
  );
}
