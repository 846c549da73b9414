import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { OrganizationKind, Role } from '../api/types';
import { useCurrentUser } from '../auth/currentUser';

interface RequireRoleProps {
  roles: Role[];
  /** When given, the user's organisation must also be of one of these kinds. */
  kinds?: OrganizationKind[];
  children: ReactNode;
}

/** Shows a page only to the roles it is for; the server enforces the same rule on its data. */
export function RequireRole({ roles, kinds, children }: RequireRoleProps) {
  const me = useCurrentUser();
  if (roles.includes(me.role) && (!kinds || kinds.includes(me.organization.kind))) return children;
  return (
    <>
      <h1>Not available</h1>
      <p>Your role does not give you access to this page.</p>
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </>
  );
}
