import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { listOffers } from '../api/offers';
import { queryKeys } from '../api/queryKeys';
import type { Offer } from '../api/types';
import { useNames } from '../api/useReference';
import { DataTable } from '../components/DataTable';
import { QueryState } from '../components/QueryState';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { useNow } from '../components/useNow';
import { INBOX_STATUS_LABELS } from '../domain/answers';
import { formatDateTime, formatDeadline, timeLeftInWords } from '../forms/format';
import { UNREAD_POLL_MS } from '../notifications/useNotifications';
import { UrgencyBadge } from './referrals/badges';

const PENDING_COLUMNS = ['Practice area', 'Jurisdiction', 'Urgency', 'Referred by', 'Deadline', 'Answer within', 'Offer'];
const EARLIER_COLUMNS = ['Practice area', 'Jurisdiction', 'Referred by', 'Offered', 'Status', 'Offer'];

/** Offers waiting for an answer, soonest to expire first, the countdown kept current. */
function PendingOffers({ offers }: { offers: Offer[] }) {
  const names = useNames();
  const now = useNow();
  if (offers.length === 0) return <p className="card">No offer is waiting for you. New offers show here and in your notifications.</p>;
  const sorted = [...offers].sort((a, b) => (a.expires_at ?? '~').localeCompare(b.expires_at ?? '~'));
  return (
    <section className="card" aria-label="Offers waiting for your answer">
      <p role="status">{offers.length === 1 ? '1 offer is waiting for your answer.' : `${offers.length} offers are waiting for your answer.`}</p>
      <DataTable columns={PENDING_COLUMNS}>
        {sorted.map((o) => (
          <tr key={o.id}>
            <th scope="row">{names.practiceArea(o.referral.practice_area)}</th>
            <td>{names.jurisdiction(o.referral.jurisdiction)}</td>
            <td>
              <UrgencyBadge urgency={o.referral.urgency} />
            </td>
            <td>{o.referral.organization_name}</td>
            <td>{formatDeadline(o.referral.deadline)}</td>
            <td>{o.expires_at ? <time dateTime={o.expires_at}>{timeLeftInWords(o.expires_at, now)}</time> : 'No limit'}</td>
            <td>
              <Link to={`/offers/${o.id}`}>Open{o.viewed_at ? '' : ' (new)'}</Link>
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

/** Offers already answered, expired or taken by someone else. */
function EarlierOffers({ offers }: { offers: Offer[] }) {
  const names = useNames();
  if (offers.length === 0) return null;
  return (
    <section className="card" aria-labelledby="earlier-heading">
      <h2 id="earlier-heading">Earlier offers</h2>
      <DataTable columns={EARLIER_COLUMNS}>
        {offers.map((o) => (
          <tr key={o.id}>
            <th scope="row">{names.practiceArea(o.referral.practice_area)}</th>
            <td>{names.jurisdiction(o.referral.jurisdiction)}</td>
            <td>{o.referral.organization_name}</td>
            <td>{formatDateTime(o.created_at)}</td>
            <td>{INBOX_STATUS_LABELS[o.status]}</td>
            <td>
              <Link to={`/offers/${o.id}`}>Open</Link>
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

/** The attorney's inbox: referrals offered to them, asked for again as often as the bell, so new ones show without a reload. */
export function OffersPage() {
  useDocumentTitle('Offers');
  const offers = useQuery({
    queryKey: queryKeys.offerList(),
    queryFn: () => listOffers(),
    refetchInterval: UNREAD_POLL_MS,
    refetchOnWindowFocus: true,
  });
  return (
    <>
      <h1>Offers</h1>
      <p className="lead">
        Referrals offered to you. Open one to read the matter and why it fits you, then accept it or decline it before the
        offer expires. Clients’ details are shown once you accept.
      </p>
      <QueryState query={offers} loadingLabel="Loading your offers…">
        {(items) => (
          <>
            <PendingOffers offers={items.filter((o) => o.status === 'pending')} />
            <EarlierOffers offers={items.filter((o) => o.status !== 'pending')} />
          </>
        )}
      </QueryState>
    </>
  );
}
