import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { getAttorney } from '../api/attorneys';
import { queryKeys } from '../api/queryKeys';
import type { AttorneyProfile } from '../api/types';
import { useCurrentUser } from '../auth/currentUser';
import { QueryState } from '../components/QueryState';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { formatDateTime } from '../forms/format';
import { AttorneyProfileForm } from './attorneys/AttorneyProfileForm';

/**
 * When the profile was last saved. One never saved still holds the starting hours and matters the
 * server gives every new profile, so it is not "not filled in": those values wait to be confirmed.
 */
function savedNote(profile: AttorneyProfile): string {
  if (profile.updated_at) return `Last saved ${formatDateTime(profile.updated_at)}.`;
  const capacity = profile.monthly_hour_budget > 0 || profile.max_active_matters > 0 || profile.annual_goal_hours > 0;
  return capacity ? 'Not saved yet. The hours and matters below are starting values: check them, fill in the rest and save.' : 'Not filled in yet.';
}

/** An attorney's own practice profile (/profile/attorney), or one of the firm's (/attorneys/:userId). */
export function AttorneyProfilePage() {
  const me = useCurrentUser();
  const userId = useParams().userId ?? me.id;
  const own = userId === me.id;
  useDocumentTitle(own ? 'My practice' : 'Attorney profile');
  // Coordinators edit their attorneys' profiles; org admins only look.
  const readOnly = !own && me.role !== 'coordinator';
  const profile = useQuery({ queryKey: queryKeys.attorney(userId), queryFn: () => getAttorney(userId) });

  return (
    <>
      {!own && (
        <p className="breadcrumb">
          <Link to="/attorneys">Attorneys</Link>
        </p>
      )}
      <QueryState query={profile} loadingLabel="Loading the profile…">
        {(data) => (
          <>
            <h1>{own ? 'My practice' : data.name}</h1>
            <p className="lead">
              {own
                ? 'What you practise, when you are free and how much you can take on. Referrals are matched to this.'
                : `${data.email}. ${readOnly ? 'Only the attorney and the firm’s coordinators can change this profile.' : ''}`}{' '}
              {savedNote(data)}
            </p>
            <AttorneyProfileForm key={data.user_id} profile={data} readOnly={readOnly} />
          </>
        )}
      </QueryState>
    </>
  );
}
