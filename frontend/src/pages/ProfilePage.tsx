import { Link } from 'react-router-dom';
import { useCurrentUser } from '../auth/currentUser';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { ORGANIZATION_KIND_LABELS, roleLabel } from '../domain/roles';
import { ChangeNameForm } from './profile/ChangeNameForm';
import { ChangePasswordForm } from './profile/ChangePasswordForm';

export function ProfilePage() {
  useDocumentTitle('Profile');
  const me = useCurrentUser();
  return (
    <>
      <h1>Profile</h1>
      <section className="card" aria-labelledby="details-heading">
        <h2 id="details-heading">Your details</h2>
        <dl className="summary">
          <dt>Name</dt>
          <dd>{me.name}</dd>
          <dt>Email</dt>
          <dd>{me.email}</dd>
          <dt>Role</dt>
          <dd>{roleLabel(me.role, me.organization.kind)}</dd>
          <dt>Organisation</dt>
          <dd>
            {me.organization.name} ({ORGANIZATION_KIND_LABELS[me.organization.kind]})
          </dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="name-heading">
        <h2 id="name-heading">Change your name</h2>
        <ChangeNameForm currentName={me.name} />
      </section>
      <section className="card" aria-labelledby="password-heading">
        <h2 id="password-heading">Change your password</h2>
        <ChangePasswordForm email={me.email} />
      </section>
      <section className="card" aria-labelledby="notifications-heading">
        <h2 id="notifications-heading">Notifications</h2>
        <p>
          Choose which events we email you about, at once or in a daily or weekly digest, on your{' '}
          <Link to="/notifications/preferences">notification preferences</Link> page.
        </p>
      </section>
    </>
  );
}
