import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { requestPasswordReset } from '../api/auth';
import { fieldErrors } from '../api/problem';
import { FormAlert } from '../components/FormAlert';
import { Notice } from '../components/Notice';
import { SubmitButton } from '../components/SubmitButton';
import { TextField } from '../components/TextField';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { focusFirstInvalid } from '../forms/focusFirstInvalid';
import { validateEmail } from '../forms/validation';

export function ForgotPasswordPage() {
  useDocumentTitle('Forgot password');
  const formRef = useRef<HTMLFormElement>(null);
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string>();
  const mutation = useMutation({ mutationFn: () => requestPasswordReset(email.trim()) });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateEmail(email);
    setError(found);
    if (found) return focusFirstInvalid(formRef.current);
    mutation.mutate();
  };

  if (mutation.isSuccess) {
    // The same words whether or not the address has an account, so the page reveals nothing.
    return (
      <>
        <h1>Check your email</h1>
        <Notice>
          If an account exists for <strong>{email.trim()}</strong>, we have sent it a link to reset the password. The
          link works once and expires in one hour.
        </Notice>
        <p>
          <Link to="/login">Back to sign in</Link>
        </p>
      </>
    );
  }

  return (
    <>
      <h1>Forgot password</h1>
      <p>Enter the email address you sign in with and we will send you a link to choose a new password.</p>
      <FormAlert error={mutation.error} fields={['email']} />
      <form ref={formRef} onSubmit={onSubmit} noValidate>
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          value={email}
          onChange={setEmail}
          error={error ?? fieldErrors(mutation.error).email}
          required
        />
        <div className="form-actions">
          <SubmitButton busy={mutation.isPending} label="Send reset link" busyLabel="Sending…" />
          <Link to="/login">Back to sign in</Link>
        </div>
      </form>
    </>
  );
}
