import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { getAttorney } from '../api/attorneys';
import { queryKeys } from '../api/queryKeys';
import { useCurrentUser } from '../auth/currentUser';
import { QueryState } from '../components/QueryState';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { formatDateTime } from '../forms/format';
import { AttorneyProfileForm } from './attorneys/AttorneyProfileForm';

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
              {data.updated_at ? `Last saved ${formatDateTime(data.updated_at)}.` : 'Not filled in yet.'}
            </p>
            <AttorneyProfileForm key={data.user_id} profile={data} readOnly={readOnly} />
          </>
        )}
      </QueryState>
    </>
  );
}
