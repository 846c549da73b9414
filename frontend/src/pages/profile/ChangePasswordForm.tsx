import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { updateMe } from '../../api/me';
import { fieldErrors } from '../../api/problem';
import { FormAlert } from '../../components/FormAlert';
import { Notice } from '../../components/Notice';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { NewPasswordFields, useNewPassword } from '../../forms/NewPasswordFields';
import { focusFirstInvalid } from '../../forms/focusFirstInvalid';
import { collectErrors, hasErrors, validateRequired, type Errors } from '../../forms/validation';

type Field = 'current_password' | 'new_password' | 'confirmation';

export function ChangePasswordForm({ email }: { email: string }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [current, setCurrent] = useState('');
  const newPassword = useNewPassword();
  const [errors, setErrors] = useState<Errors<Field>>({});

  const mutation = useMutation({
    mutationFn: () => updateMe({ current_password: current, new_password: newPassword.password }),
    onSuccess: () => {
      setCurrent('');
      newPassword.clear();
    },
    onError: () => focusFirstInvalid(formRef.current),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const newPasswordErrors = newPassword.validate();
    const found = collectErrors<Field>({
      current_password: validateRequired(current, 'Enter your current password.'),
      new_password: newPasswordErrors.password,
      confirmation: newPasswordErrors.confirmation,
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
      <NewPasswordFields
        state={newPassword}
        name="new_password"
        errors={{ password: shown.new_password, confirmation: shown.confirmation }}
      />
      <div className="form-actions">
        <SubmitButton busy={mutation.isPending} label="Change password" busyLabel="Saving…" />
      </div>
    </form>
  );
}
