import { Link } from 'react-router-dom';
import { usePendingConflictCount } from '../api/usePendingConflictCount';
import { useCurrentUser } from '../auth/currentUser';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { readsAudit } from '../domain/audit';
import { clearsConflicts } from '../domain/conflicts';
import { approvesHours, logsHours } from '../domain/hours';
import { canRefer, handlesConflicts } from '../domain/referrals';
import { ORGANIZATION_KIND_LABELS, ROLE_SUMMARIES, canManageMembers, canViewMembers, roleLabel } from '../domain/roles';

/** The coordinator's queue in words, before its count has loaded too. */
function waitingInWords(count: number | undefined): string {
  if (count === undefined) return 'the potential conflicts waiting for you to clear them, oldest first.';
  if (count === 0) return 'no potential conflict is waiting for you.';
  return `${count === 1 ? '1 potential conflict is' : `${count} potential conflicts are`} waiting for you to clear them.`;
}

export function HomePage() {
  useDocumentTitle('Home');
  const me = useCurrentUser();
  const firstName = me.name.split(/\s+/)[0];
  const clears = clearsConflicts(me);
  const pending = usePendingConflictCount(clears);
  const seesImpact = canRefer(me) || me.role === 'platform_admin';
  const seesReports = seesImpact || handlesConflicts(me);

  return (
    <>
      <h1>Welcome, {firstName}</h1>
      <section className="card" aria-labelledby="you-heading">
        <h2 id="you-heading">Your account</h2>
        <p>
          You are signed in as <strong>{me.name}</strong>, {roleLabel(me.role, me.organization.kind).toLowerCase()} at{' '}
          <strong>{me.organization.name}</strong> ({ORGANIZATION_KIND_LABELS[me.organization.kind].toLowerCase()}).
        </p>
        <p>{ROLE_SUMMARIES[me.role]}</p>
      </section>
      <section className="card" aria-labelledby="actions-heading">
        <h2 id="actions-heading">What you can do here</h2>
        <ul className="action-list">
          {canRefer(me) && (
            <li>
              <Link to="/referrals">Referrals</Link>: refer a client to volunteer attorneys and follow what happens.{' '}
              <Link to="/referrals/new">Start a new referral</Link>.
            </li>
          )}
          {me.role === 'coordinator' && (
            <li>
              <Link to="/referrals">Referrals</Link>: open matters your firm has no conflict with.
            </li>
          )}
          {me.role === 'attorney' && (
            <li>
              <Link to="/opportunities">Opportunities</Link>: open referrals matched to your practice, best fit first, with
              why each fits you.
            </li>
          )}
          {me.role === 'attorney' && (
            <>
              <li>
                <Link to="/offers">Offers</Link>: referrals offered to you, to accept or decline before they expire.
              </li>
              <li>
                <Link to="/matters">My matters</Link>: the referrals you took, with their clients’ details.
              </li>
            </>
          )}
          {logsHours(me) && (
            <>
              <li>
                <Link to="/timesheet">Timesheet</Link>: log your pro bono hours, week by week, and send them for approval.
              </li>
              <li>
                <Link to="/credit">My credit</Link>: your approved hours, the billable-hour credit they earned and your progress to
                your goal.
              </li>
            </>
          )}
          {me.role === 'attorney' && (
            <li>
              <Link to="/profile/attorney">My practice</Link>: your bar admissions, practice areas, languages and
              availability, used to match referrals to you.
            </li>
          )}
          {clears && (
            <li>
              <Link to="/to-clear">To clear</Link>:{' '}
              {waitingInWords(pending.data)}
            </li>
          )}
          {approvesHours(me) && (
            <>
              <li>
                <Link to="/approvals">Time approvals</Link>: approve or reject your attorneys’ hours, one by one or in bulk.
              </li>
              <li>
                <Link to="/credit">Pro bono credit</Link>: the firm’s hours and credit, the Pro Bono Challenge, and the{' '}
                <Link to="/credit/policy">credit policy</Link>.
              </li>
            </>
          )}
          {handlesConflicts(me) && (
            <>
              <li>
                <Link to="/attorneys">Attorneys</Link>: your volunteers’ practice profiles.
              </li>
              <li>
                <Link to="/conflicts">Conflicts</Link>: your firm’s conflict registry, including CSV upload.
              </li>
            </>
          )}
          {me.role === 'platform_admin' && (
            <li>
              <Link to="/referrals">Referrals</Link>: every referral on the platform, without client details.
            </li>
          )}
          {seesImpact && (
            <li>
              <Link to="/impact">Impact</Link>: how fast your referrals were placed, how the matters ended, what clients
              said, and the need nobody met.
            </li>
          )}
          {seesReports && (
            <li>
              <Link to="/reports">Reports</Link>: hours, matters, time to match and unmet need by period, to read or
              download as CSV.
            </li>
          )}
          {canViewMembers(me.role) && (
            <li>
              <Link to="/members">Members</Link>:{' '}
              {canManageMembers(me.role)
                ? 'see who belongs to your organisation, change roles, and invite new members.'
                : 'see who belongs to your organisation.'}
            </li>
          )}
          {readsAudit(me.role) && (
            <li>
              <Link to="/audit">Audit trail</Link>: who signed in, changed roles, revealed client details, approved
              hours or exported data, with a check that nothing was altered.
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
