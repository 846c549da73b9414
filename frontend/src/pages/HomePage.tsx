import { Link } from 'react-router-dom';
import { useCurrentUser } from '../auth/currentUser';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { ORGANIZATION_KIND_LABELS, ROLE_LABELS, ROLE_SUMMARIES, canManageMembers, canViewMembers } from '../domain/roles';

export function HomePage() {
  useDocumentTitle('Home');
  const me = useCurrentUser();
  const firstName = me.name.split(/\s+/)[0];

  return (
    <>
      <h1>Welcome, {firstName}</h1>
      <section className="card" aria-labelledby="you-heading">
        <h2 id="you-heading">Your account</h2>
        <p>
          You are signed in as <strong>{me.name}</strong>, {ROLE_LABELS[me.role].toLowerCase()} at{' '}
          <strong>{me.organization.name}</strong> ({ORGANIZATION_KIND_LABELS[me.organization.kind].toLowerCase()}).
        </p>
        <p>{ROLE_SUMMARIES[me.role]}</p>
      </section>
      <section className="card" aria-labelledby="actions-heading">
        <h2 id="actions-heading">What you can do here</h2>
        <ul className="action-list">
          {canViewMembers(me.role) && (
            <li>
              <Link to="/members">Members</Link>:{' '}
              {canManageMembers(me.role)
                ? 'see who belongs to your organisation, change roles, and invite new members.'
                : 'see who belongs to your organisation.'}
            </li>
          )}
          {me.role === 'platform_admin' && (
            <li>
              <Link to="/organizations">Organisations</Link>: create organisations and manage their members.
            </li>
          )}
          <li>
            <Link to="/profile">Profile</Link>: change your name or password.
          </li>
        </ul>
      </section>
    </>
  );
}
