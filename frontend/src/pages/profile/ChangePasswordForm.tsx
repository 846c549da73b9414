import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { updateMe } from '../../api/me';
import { fieldErrors } from '../../api/problem';
import { FormAlert } from '../../components/FormAlert';
import { Notice } from '../../components/Notice';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { focusFirstInvalid } from '../../forms/focusFirstInvalid';
import {
  PASSWORD_MIN,
  collectErrors,
  hasErrors,
  validateNewPassword,
  validatePasswordConfirmation,
  validateRequired,
  type Errors,
} from '../../forms/validation';

type Field = 'current_password' | 'new_password' | 'confirmation';

export function ChangePasswordForm({ email }: { email: string }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<Errors<Field>>({});

  const mutation = useMutation({
    mutationFn: () => updateMe({ current_password: current, new_password: next }),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setConfirmation('');
    },
    onError: () => focusFirstInvalid(formRef.current),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = collectErrors<Field>({
      current_password: validateRequired(current, 'Enter your current password.'),
      new_password: validateNewPassword(next),
      confirmation: validatePasswordConfirmation(next, confirmation),
    });
    setErrors(found);
    if (hasErrors(found)) return focusFirstInvalid(formRef.current);
    mutation.mutate();
  };

  const shown = { ...fieldErrors(mutation.error), ...errors };

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate>
      {mutation.isSuccess && <Notice>Your password has been changed.</Notice>}
      <FormAlert error={mutation.error} fields={['current_password', 'new_password']} />
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField
        label="Current password"
        type="password"
        name="current_password"
        autoComplete="current-password"
        value={current}
        onChange={setCurrent}
        error={shown.current_password}
        required
      />
      <TextField
        label="New password"
        type="password"
        name="new_password"
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN} characters.`}
        value={next}
        onChange={setNext}
        error={shown.new_password}
        required
      />
      <TextField
        label="Confirm new password"
        type="password"
        name="confirmation"
        autoComplete="new-password"
        value={confirmation}
        onChange={setConfirmation}
        error={shown.confirmation}
        required
      />
      <div className="form-actions">
        <SubmitButton busy={mutation.isPending} label="Change password" busyLabel="Saving…" />
      </div>
    </form>
  );
}
