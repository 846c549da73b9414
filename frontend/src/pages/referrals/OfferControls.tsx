import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { invalidateAfterMatching } from '../../api/invalidate';
import { fieldErrors } from '../../api/problem';
import { makeOffers } from '../../api/referralOffers';
import type { Offer, OfferRequest } from '../../api/types';
import { FormAlert } from '../../components/FormAlert';
import { Notice } from '../../components/Notice';
import { TextField } from '../../components/TextField';
import { namesInWords } from '../../domain/offers';
import { parseWholeNumber, validateWholeNumber } from '../../forms/numbers';

/** The most candidates one broadcast reaches, as the API allows. */
const MAX_BROADCAST = 20;

/** Makes offers of the referral and refreshes everything on its page they change. */
function useMakeOffers(referralId: string, onOffered: (offers: Offer[]) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: OfferRequest) => makeOffers(referralId, request),
    onSuccess: (offers) => {
      void invalidateAfterMatching(queryClient, referralId);
      onOffered(offers);
    },
  });
}

function OfferResult({ mutation }: { mutation: ReturnType<typeof useMakeOffers> }) {
  if (mutation.isSuccess) return <Notice>Offered to {namesInWords(mutation.data.map((offer) => offer.attorney_name))}.</Notice>;
  return <FormAlert error={mutation.error} fields={['count']} />;
}

export interface Chosen {
  id: string;
  name: string;
}

interface OfferControlsProps {
  referralId: string;
  /** The candidates ticked in the list, in its order. */
  chosen: Chosen[];
  onOffered: () => void;
}

/**
 * The referring organisation's three ways to offer: to the best candidate alone (the next one follows if
 * they decline or let it expire), to the top few at once, or to the candidates it ticked; at once means
 * the first to accept takes the referral.
 */
export function OfferControls({ referralId, chosen, onOffered }: OfferControlsProps) {
  const [count, setCount] = useState('3');
  const [countError, setCountError] = useState<string>();
  const offer = useMakeOffers(referralId, onOffered);
  const send = (request: OfferRequest) => {
    setCountError(undefined);
    offer.mutate(request);
  };
  const broadcast = () => {
    const problem = validateWholeNumber(count, { min: 1, max: MAX_BROADCAST, required: true, label: 'how many candidates' });
    if (problem) return setCountError(problem);
    send({ mode: 'broadcast', count: parseWholeNumber(count) });
  };
  const busy = offer.isPending;
  return (
    <div className="offer-controls" role="group" aria-labelledby="offer-controls-heading">
      <h3 id="offer-controls-heading">Offer the referral</h3>
      <OfferResult mutation={offer} />
      <div className="offer-option">
        <button type="button" className="button button-primary" disabled={busy} onClick={() => send({ mode: 'sequential' })}>
          Offer to the best candidate
        </button>
        <p className="field-hint">One attorney at a time: if they decline or the offer expires, it goes to the next candidate.</p>
      </div>
      <div className="offer-option offer-broadcast">
        <TextField
          label="How many"
          inputMode="numeric"
          value={count}
          onChange={setCount}
          error={countError ?? fieldErrors(offer.error).count}
        />
        <div className="field field-button">
          <button type="button" className="button button-secondary" disabled={busy} onClick={broadcast}>
            Offer to the top candidates
          </button>
        </div>
        <p className="field-hint">All of them at once; the first to accept takes the referral and the other offers close.</p>
      </div>
      <div className="offer-option">
        <button
          type="button"
          className="button button-secondary"
          disabled={busy || chosen.length === 0}
          onClick={() => send({ mode: 'broadcast', attorney_ids: chosen.map((c) => c.id) })}
        >
          Offer to the chosen candidates
        </button>
        <p className="field-hint" aria-live="polite">
          {chosen.length === 0 ? 'Tick candidates in the list to offer it to them.' : `Chosen: ${namesInWords(chosen.map((c) => c.name))}.`}
        </p>
      </div>
    </div>
  );
}

/** A firm's coordinator sends the referral to attorneys of the firm they chose. */
export function RouteControls({ referralId, chosen, onOffered }: OfferControlsProps) {
  const offer = useMakeOffers(referralId, onOffered);
  return (
    <div className="offer-controls" role="group" aria-labelledby="route-controls-heading">
      <h3 id="route-controls-heading">Route the referral</h3>
      <OfferResult mutation={offer} />
      <button
        type="button"
        className="button button-primary"
        disabled={offer.isPending || chosen.length === 0}
        onClick={() => offer.mutate({ mode: 'routed', attorney_ids: chosen.map((c) => c.id) })}
      >
        Route to the chosen attorneys
      </button>
      <p className="field-hint" aria-live="polite">
        {chosen.length === 0
          ? 'Tick attorneys of your firm in the list to offer them the referral; the first to accept takes it.'
          : `Chosen: ${namesInWords(chosen.map((c) => c.name))}.`}
      </p>
    </div>
  );
}
