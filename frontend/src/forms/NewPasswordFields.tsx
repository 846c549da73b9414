import { useState } from 'react';
import { TextField } from '../components/TextField';
import { PASSWORD_MIN, validateNewPassword, validatePasswordConfirmation } from './validation';

/** The state of a new password and its confirmation, with their client-side checks. */
export function useNewPassword() {
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  return {
    password,
    setPassword,
    confirmation,
    setConfirmation,
    validate: () => ({
      password: validateNewPassword(password),
      confirmation: validatePasswordConfirmation(password, confirmation),
    }),
    clear: () => {
      setPassword('');
      setConfirmation('');
    },
  };
}

export type NewPasswordState = ReturnType<typeof useNewPassword>;

interface NewPasswordFieldsProps {
  state: NewPasswordState;
  errors: { password?: string; confirmation?: string };
  /** The password input's name, which is also the API field the server reports errors under. */
  name?: string;
  label?: string;
  confirmLabel?: string;
  hint?: string;
}

/** A new password and its confirmation, both marked up for password managers. */
export function NewPasswordFields({
  state,
  errors,
  name = 'password',
  label = 'New password',
  confirmLabel = 'Confirm new password',
  hint = `At least ${PASSWORD_MIN} characters.`,
}: NewPasswordFieldsProps) {
  return (
    <>
      <TextField
        label={label}
        type="password"
        name={name}
        autoComplete="new-password"
        hint={hint}
        value={state.password}
        onChange={state.setPassword}
        error={errors.password}
        required
      />
      <TextField
        label={confirmLabel}
        type="password"
        name="confirmation"
        autoComplete="new-password"
        value={state.confirmation}
        onChange={state.setConfirmation}
        error={errors.confirmation}
        required
      />
    </>
  );
}
