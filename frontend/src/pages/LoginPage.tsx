import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, type Location } from 'react-router-dom';
import { login } from '../api/auth';
import { ApiError, fieldErrors } from '../api/problem';
import { useAuth } from '../auth/authContext';
import { FormAlert } from '../components/FormAlert';
import { Loading } from '../components/Loading';
import { Notice } from '../components/Notice';
import { SubmitButton } from '../components/SubmitButton';
import { TextField } from '../components/TextField';
import { useCountdown } from '../components/useCountdown';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { focusFirstInvalid } from '../forms/focusFirstInvalid';
import { waitInWords } from '../forms/format';
import { collectErrors, hasErrors, validateEmail, validateRequired, type Errors } from '../forms/validation';

type Field = 'email' | 'password';

const READY_AGAIN = 'You can try signing in again now.';

interface LoginState {
  from?: Location;
  notice?: string;
}

export function LoginPage() {
  useDocumentTitle('Sign in');
  const auth = useAuth();
  const state = (useLocation().state ?? {}) as LoginState;
  const destination = state.from ? `${state.from.pathname}${state.from.search}` : '/';
  const formRef = useRef<HTMLFormElement>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors<Field>>({});

  const [waitLeft, startWait] = useCountdown();
  // The wait as first announced: screen readers hear it once and then that it is over, not every tick.
  const [waitAnnounced, setWaitAnnounced] = useState(0);

  const mutation = useMutation({
    mutationFn: () => login(email.trim(), password),
    onSuccess: (token) => auth.signIn(token),
    onError: (error) => {
      const wait = backoffSeconds(error);
      if (wait !== undefined) {
        startWait(wait);
        setWaitAnnounced(wait);
      }
      focusFirstInvalid(formRef.current);
    },
  });

  if (auth.status === 'restoring') return <Loading />;
  if (auth.status === 'signedIn') return <Navigate to={destination} replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = collectErrors<Field>({
      email: validateEmail(email),
      password: validateRequired(password, 'Enter your password.'),
    });
    setErrors(found);
    if (hasErrors(found)) return focusFirstInvalid(formRef.current);
    mutation.mutate();
  };

  const shown = { ...fieldErrors(mutation.error), ...errors };

  return (
    <>
      <h1>Sign in</h1>
      {state.notice && <Notice>{state.notice}</Notice>}
      {auth.expired && !state.notice && (
        <div className="alert alert-info" role="status">
          Your session has ended. Please sign in again.
        </div>
      )}
      {backoffSeconds(mutation.error) === undefined ? (
        <FormAlert error={mutation.error} fields={['email', 'password']} />
      ) : (
        // Hidden from screen readers, which hear the status below instead of every tick.
        <div className={waitLeft > 0 ? 'alert alert-error' : 'alert alert-info'} aria-hidden="true">
          <p>{waitLeft > 0 ? `Too many attempts. Try again in ${waitInWords(waitLeft)}.` : READY_AGAIN}</p>
        </div>
      )}
      {/* A live region from the start, so that what is put in it is announced; no status role, as
          the page's notices have that. */}
      <p className="visually-hidden" aria-live="polite" data-testid="sign-in-wait">
        {backoffSeconds(mutation.error) === undefined
          ? ''
          : waitLeft > 0
            ? `Too many attempts. Try again in ${waitInWords(waitAnnounced)}.`
            : READY_AGAIN}
      </p>
      <form ref={formRef} onSubmit={onSubmit} noValidate>
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="username"
          value={email}
          onChange={setEmail}
          error={shown.email}
          required
        />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          error={shown.password}
          required
        />
        <div className="form-actions">
          <SubmitButton busy={mutation.isPending} disabled={waitLeft > 0} label="Sign in" busyLabel="Signing in…" />
          <Link to="/forgot-password">Forgot password?</Link>
        </div>
      </form>
    </>
  );
}

/** The wait the server asked for after too many attempts; undefined for any other failure. */
function backoffSeconds(error: unknown): number | undefined {
  return error instanceof ApiError && error.status === 429 ? error.retryAfterSeconds : undefined;
}
