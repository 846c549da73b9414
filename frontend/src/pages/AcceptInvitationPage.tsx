import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { acceptInvitation, lookupInvitation } from '../api/auth';
import { ApiError, errorMessage, fieldErrors } from '../api/problem';
import { queryKeys } from '../api/queryKeys';
import type { InvitationPreview } from '../api/types';
import { useAuth } from '../auth/authContext';
import { FormAlert } from '../components/FormAlert';
import { Loading } from '../components/Loading';
import { SubmitButton } from '../components/SubmitButton';
import { TextField } from '../components/TextField';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { roleLabel } from '../domain/roles';
import { NewPasswordFields, useNewPassword } from '../forms/NewPasswordFields';
import { focusFirstInvalid } from '../forms/focusFirstInvalid';
import { formatDate } from '../forms/format';
import { collectErrors, hasErrors, validatePersonName, type Errors } from '../forms/validation';

export function AcceptInvitationPage() {
  useDocumentTitle('Accept invitation');
  const token = useSearchParams()[0].get('token') ?? '';
  const invitation = useQuery({
    queryKey: queryKeys.invitation(token),
    queryFn: () => lookupInvitation(token),
    enabled: token !== '',
    retry: false,
  });

  if (!token) return <InvitationUnavailable message="This invitation link is incomplete." />;
  if (invitation.isPending) return <Loading label="Looking up your invitation…" />;
  if (invitation.isError) {
    const gone = invitation.error instanceof ApiError && invitation.error.status === 410;
    return (
      <InvitationUnavailable
        message={gone ? 'This invitation has expired, was revoked, or has already been used.' : errorMessage(invitation.error)}
      />
    );
  }
  return <AcceptInvitationForm token={token} invitation={invitation.data} />;
}

type Field = 'name' | 'password' | 'confirmation';

function AcceptInvitationForm({ token, invitation }: { token: string; invitation: InvitationPreview }) {
  const auth = useAuth();
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState('');
  const newPassword = useNewPassword();
  const [errors, setErrors] = useState<Errors<Field>>({});

  const mutation = useMutation({
    mutationFn: () => acceptInvitation(token, name.trim(), newPassword.password),
    onSuccess: (tokenResponse) => {
      auth.signIn(tokenResponse);
      navigate('/', { replace: true });
    },
    onError: () => focusFirstInvalid(formRef.current),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = collectErrors<Field>({
      name: validatePersonName(name),
      ...newPassword.validate(),
    });
    setErrors(found);
    if (hasErrors(found)) return focusFirstInvalid(formRef.current);
    mutation.mutate();
  };

  const shown = { ...fieldErrors(mutation.error), ...errors };

  return (
    <>
      <h1>Join {invitation.organization_name}</h1>
      <dl className="summary">
        <dt>Organisation</dt>
        <dd>{invitation.organization_name}</dd>
        <dt>Email</dt>
        <dd>{invitation.email}</dd>
        <dt>Role</dt>
        <dd>{roleLabel(invitation.role, invitation.organization_kind)}</dd>
        <dt>Invitation expires</dt>
        <dd>{formatDate(invitation.expires_at)}</dd>
      </dl>
      <p>Set your name and a password to create your account.</p>
      <FormAlert error={mutation.error} fields={['name', 'password']} />
      <form ref={formRef} onSubmit={onSubmit} noValidate>
        {/* Lets password managers file the new password under the invited address. */}
        <input type="email" name="username" autoComplete="username" value={invitation.email} readOnly hidden />
        <TextField
          label="Full name"
          name="name"
          autoComplete="name"
          value={name}
          onChange={setName}
          error={shown.name}
          required
        />
        <NewPasswordFields
          state={newPassword}
          errors={shown}
          label="Password"
          confirmLabel="Confirm password"
        />
        <div className="form-actions">
          <SubmitButton busy={mutation.isPending} label="Create account" busyLabel="Creating account…" />
        </div>
      </form>
    </>
  );
}

function InvitationUnavailable({ message }: { message: string }) {
  return (
    <>
      <h1>Invitation unavailable</h1>
      <div className="alert alert-error" role="alert">
        <p>{message}</p>
      </div>
      <p>Ask your organisation's administrator to send you a new invitation.</p>
      <p>
        Already have an account? <Link to="/login">Sign in</Link>
      </p>
    </>
  );
}
