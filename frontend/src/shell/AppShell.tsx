import { useQuery } from '@tanstack/react-query';
import { Link, NavLink, Outlet, useNavigate } from 'react-router-dom';
import { listDevMailbox } from '../api/devMailbox';
import { getMe } from '../api/me';
import { queryKeys } from '../api/queryKeys';
import { errorMessage } from '../api/problem';
import { useAuth } from '../auth/authContext';
import { CurrentUserContext } from '../auth/currentUser';
import { Loading } from '../components/Loading';
import { roleLabel } from '../domain/roles';
import { NotificationBell } from '../notifications/NotificationBell';
import { navItemsFor } from './navItems';
import { PendingCount } from './PendingCount';

/** The frame around every signed-in page: who is signed in, where they can go, and sign out. */
export function AppShell() {
  const auth = useAuth();
  const navigate = useNavigate();
  const me = useQuery({ queryKey: queryKeys.me, queryFn: getMe });
  // A platform admin's navigation offers the development mailbox where the server has one (404 otherwise).
  const devMailbox = useQuery({
    queryKey: queryKeys.devMailbox,
    queryFn: listDevMailbox,
    enabled: me.data?.role === 'platform_admin',
    retry: false,
  });

  const signOut = async () => {
    await auth.signOut();
    navigate('/login', { replace: true });
  };

  if (me.isPending) return <Loading />;
  if (me.isError) {
    return (
      <main className="card public-card" id="main">
        <h1>We could not load your account</h1>
        <div className="alert alert-error" role="alert">
          <p>{errorMessage(me.error)}</p>
        </div>
        <button type="button" className="button button-primary" onClick={() => void me.refetch()}>
          Try again
        </button>
      </main>
    );
  }

  const user = me.data;
  return (
    <CurrentUserContext.Provider value={user}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <Link to="/" className="brand">
            Probono Match
          </Link>
          <nav aria-label="Main">
            <ul className="nav-list">
              {navItemsFor(user.role, user.organization.kind, devMailbox.isSuccess).map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.end} className="nav-link">
                    {item.label}
                    {item.pendingCount && <PendingCount />}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="account">
            <NotificationBell />
            <div className="account-who">
              <span className="visually-hidden">Signed in as </span>
              <span className="account-name">{user.name}</span>
              <span className="account-org">
                {user.organization.name} · {roleLabel(user.role, user.organization.kind)}
              </span>
            </div>
            <button type="button" className="button button-secondary" onClick={() => void signOut()}>
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main className="app-main" id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </CurrentUserContext.Provider>
  );
}
