import type { ReferralBrief } from '../../api/types';
import { MatterRows } from '../referrals/ReferralDetails';

/** What an offer or a matter shows of its referral: the matter, never the client. */
export function ReferralBriefDetails({ referral }: { referral: ReferralBrief }) {
  return (
    <>
      <p className="summary-text">{referral.summary}</p>
      <dl className="summary">
        <MatterRows referral={referral} />
      </dl>
    </>
  );
}
