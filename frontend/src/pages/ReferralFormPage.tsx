import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { queryKeys } from '../api/queryKeys';
import { getReferral } from '../api/referrals';
import { QueryState } from '../components/QueryState';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { isEditable, STATUS_LABELS } from '../domain/referrals';
import { ReferralForm } from './referrals/ReferralForm';

/** /referrals/new and /referrals/:id/edit. */
export function ReferralFormPage() {
  const id = useParams().id;
  useDocumentTitle(id ? 'Edit referral' : 'New referral');
  if (!id) {
    return (
      <>
        <p className="breadcrumb">
          <Link to="/referrals">Referrals</Link>
        </p>
        <h1>New referral</h1>
        <p className="lead">Save a draft to finish later, or submit it to volunteer attorneys now.</p>
        <ReferralForm />
      </>
    );
  }
  return <EditReferral id={id} />;
}

function EditReferral({ id }: { id: string }) {
  const referral = useQuery({ queryKey: queryKeys.referral(id), queryFn: () => getReferral(id) });
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/referrals/${id}`}>Back to the referral</Link>
      </p>
      <h1>Edit referral</h1>
      <QueryState query={referral} loadingLabel="Loading the referral…">
        {(data) =>
          data.redacted ? (
            <p>Only the referring organisation can edit this referral.</p>
          ) : !isEditable(data.status) ? (
            <p>This referral is {STATUS_LABELS[data.status].toLowerCase()} and can no longer be edited.</p>
          ) : (
            // A new version (after "Reload" when someone else saved first) starts the form afresh from it.
            <ReferralForm key={`${data.id}@${data.version}`} referral={data} />
          )
        }
      </QueryState>
    </>
  );
}
