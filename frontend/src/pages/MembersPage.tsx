import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { getOrganization } from '../api/organizations';
import { errorMessage } from '../api/problem';
import { queryKeys } from '../api/queryKeys';
import type { Organization } from '../api/types';
import { useCurrentUser } from '../auth/currentUser';
import { Loading } from '../components/Loading';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { ORGANIZATION_KIND_LABELS, canManageMembers } from '../domain/roles';
import { InviteForm } from './members/InviteForm';
import { MembersTable } from './members/MembersTable';
import { PendingInvitations } from './members/PendingInvitations';

/** Members of the caller's organisation (/members) or, for platform admins, of any (/organizations/:orgId/members). */
export function MembersPage() {
  useDocumentTitle('Members');
  const me = useCurrentUser();
  const orgId = useParams().orgId ?? me.organization.id;
  const own = orgId === me.organization.id;
  const organization = useQuery({
    queryKey: queryKeys.organization(orgId),
    queryFn: () => getOrganization(orgId),
    enabled: !own,
  });

  if (own) return <Members key={orgId} organization={me.organization} showBackLink={false} />;
  if (organization.isPending) return <Loading />;
  if (organization.isError) {
    return (
      <>
        <h1>Members</h1>
        <div className="alert alert-error" role="alert">
          <p>{errorMessage(organization.error)}</p>
        </div>
      </>
    );
  }
  return <Members key={orgId} organization={organization.data} showBackLink />;
}

function Members({ organization, showBackLink }: { organization: Organization; showBackLink: boolean }) {
  const me = useCurrentUser();
  const canManage = canManageMembers(me.role);
  return (
    <>
      {showBackLink && (
        <p className="breadcrumb">
          <Link to="/organizations">Organisations</Link>
        </p>
      )}
      <h1>Members of {organization.name}</h1>
      <p className="lead">
        {ORGANIZATION_KIND_LABELS[organization.kind]}.{' '}
        {canManage
          ? 'Change roles, deactivate people who have left, and invite new members.'
          : 'Only organisation admins can change members or send invitations.'}
      </p>
      <MembersTable organization={organization} canManage={canManage} />
      {canManage && (
        <>
          <section className="card" aria-labelledby="invite-heading">
            <h2 id="invite-heading">Invite someone</h2>
            <InviteForm organization={organization} />
          </section>
          <PendingInvitations organization={organization} />
        </>
      )}
    </>
  );
}
