import { Link, Outlet } from 'react-router-dom';

/** Pages for people who are not signed in: a single card under the product name. */
export function PublicLayout() {
  return (
    <div className="public-layout">
      <header className="public-header">
        <Link to="/" className="brand">
          Probono Match
        </Link>
        <p className="tagline">Connecting legal-aid referrals with volunteer pro bono attorneys</p>
      </header>
      <main className="card public-card" id="main">
        <Outlet />
      </main>
    </div>
  );
}
