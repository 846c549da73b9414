import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { confirmPasswordReset } from '../api/auth';
import { ApiError, fieldErrors } from '../api/problem';
import { useAuth } from '../auth/authContext';
import { FormAlert } from '../components/FormAlert';
import { SubmitButton } from '../components/SubmitButton';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { NewPasswordFields, useNewPassword } from '../forms/NewPasswordFields';
import { focusFirstInvalid } from '../forms/focusFirstInvalid';
import { PASSWORD_MIN, collectErrors, hasErrors, type Errors } from '../forms/validation';

type Field = 'password' | 'confirmation';

export function ResetPasswordPage() {
  useDocumentTitle('Choose a new password');
  const token = useSearchParams()[0].get('token') ?? '';
  const auth = useAuth();
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const newPassword = useNewPassword();
  const [errors, setErrors] = useState<Errors<Field>>({});

  const mutation = useMutation({
    mutationFn: () => confirmPasswordReset(token, newPassword.password),
    onSuccess: () => {
      // The server revoked every login of this account, this browser's included.
      auth.forget();
      navigate('/login', {
        replace: true,
        state: { notice: 'Your password has been changed. Sign in with your new password.' },
      });
    },
    onError: () => focusFirstInvalid(formRef.current),
  });

  if (!token || (mutation.error instanceof ApiError && mutation.error.status === 410)) {
    return <LinkNoLongerWorks />;
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = collectErrors<Field>(newPassword.validate());
    setErrors(found);
    if (hasErrors(found)) return focusFirstInvalid(formRef.current);
    mutation.mutate();
  };

  const shown = { ...fieldErrors(mutation.error), ...errors };

  return (
    <>
      <h1>Choose a new password</h1>
      <FormAlert error={mutation.error} fields={['password']} />
      <form ref={formRef} onSubmit={onSubmit} noValidate>
        <NewPasswordFields
          state={newPassword}
          errors={shown}
          hint={`At least ${PASSWORD_MIN} characters. A few unrelated words make a strong one.`}
        />
        <div className="form-actions">
          <SubmitButton busy={mutation.isPending} label="Change password" busyLabel="Saving…" />
        </div>
      </form>
    </>
  );
}

function LinkNoLongerWorks() {
  return (
    <>
      <h1>This link no longer works</h1>
      <div className="alert alert-error" role="alert">
        <p>This password reset link has expired or has already been used.</p>
      </div>
      <p>
        Reset links work once and expire after an hour. <Link to="/forgot-password">Request a new link</Link>.
      </p>
    </>
  );
}
