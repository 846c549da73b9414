import type { Offer } from '../../api/types';
import { useNow } from '../../components/useNow';
import { DECLINE_CHOICES, INBOX_STATUS_LABELS } from '../../domain/answers';
import { formatDateTime, timeLeftInWords } from '../../forms/format';

const MODE_WORDS: Record<Offer['mode'], string> = {
  sequential: 'Offered to you alone. If you decline or let it expire, the next attorney is asked.',
  broadcast: 'Offered to a few attorneys at once: the first to accept takes the matter.',
  routed: 'Your firm’s coordinator chose you for it.',
  volunteer: 'You volunteered for it; the referring organisation confirms.',
};

/** Why the referral reached this attorney, in words: their place in the ranking when it was offered. */
function whyYou(offer: Offer): string | undefined {
  if (offer.rank === undefined) return undefined;
  const place = offer.rank === 1 ? 'the best-placed eligible attorney' : `number ${offer.rank} of the eligible attorneys`;
  const score = offer.score === undefined ? '' : ` (a fit of ${Math.round(offer.score * 100)}%)`;
  return `You were ${place}${score} for this referral: admitted in its jurisdiction, practising in its area, with the capacity it needs and no conflict found at your firm.`;
}

/** The offer's status, how it was made and why to this attorney, and how long is left to answer. */
export function OfferFacts({ offer }: { offer: Offer }) {
  const now = useNow();
  const why = whyYou(offer);
  return (
    <section className="card" aria-labelledby="offer-heading">
      <h2 id="offer-heading">The offer</h2>
      <dl className="summary">
        <dt>Status</dt>
        <dd>{INBOX_STATUS_LABELS[offer.status]}</dd>
        <dt>Offered</dt>
        <dd>{formatDateTime(offer.created_at)}</dd>
        {offer.expires_at && (
          <>
            <dt>{offer.status === 'pending' ? 'Answer within' : 'Open until'}</dt>
            <dd>
              {offer.status === 'pending' && <>{timeLeftInWords(offer.expires_at, now)} · </>}
              <time dateTime={offer.expires_at}>{formatDateTime(offer.expires_at)}</time>
            </dd>
          </>
        )}
        {offer.decline_reason && (
          <>
            <dt>Your reason</dt>
            <dd>
              {DECLINE_CHOICES[offer.decline_reason]}
              {offer.decline_note && <>: {offer.decline_note}</>}
            </dd>
          </>
        )}
      </dl>
      <p>{MODE_WORDS[offer.mode]}</p>
      {why && <p>{why}</p>}
    </section>
  );
}
