import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { Role } from '../api/types';
import { useCurrentUser } from '../auth/currentUser';

/** Shows a page only to the roles it is for; the server enforces the same rule on its data. */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const me = useCurrentUser();
  if (roles.includes(me.role)) return children;
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
