import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { listAttorneys } from '../../api/attorneys';
import { explainCandidate } from '../../api/candidates';
import { queryKeys } from '../../api/queryKeys';
import { listReferralOffers } from '../../api/referralOffers';
import type { Candidate, CandidateExplanation } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { SelectField } from '../../components/SelectField';
import { percent } from '../../domain/matching';
import { FactorBars } from './FactorBars';

interface WhyNotLookupProps {
  referralId: string;
  role: 'referrer' | 'firm';
  candidates: Candidate[];
}

/**
 * "Why not this attorney?": every requirement they miss, or their score if they fit. A firm asks about
 * any of its attorneys; the referring organisation about the candidates and the attorneys it offered the
 * referral to, the only attorneys it knows of.
 */
export function WhyNotLookup({ referralId, role, candidates }: WhyNotLookupProps) {
  const [attorneyId, setAttorneyId] = useState('');
  const [asked, setAsked] = useState('');
  const [error, setError] = useState<string>();
  const firmAttorneys = useQuery({ queryKey: queryKeys.attorneys, queryFn: listAttorneys, enabled: role === 'firm' });
  const offers = useQuery({ queryKey: queryKeys.referralOffers(referralId), queryFn: () => listReferralOffers(referralId), enabled: role === 'referrer' });
  const explanation = useQuery({
    queryKey: queryKeys.candidateExplanation(referralId, asked),
    queryFn: () => explainCandidate(referralId, asked),
    enabled: asked !== '',
  });

  const known = new Map<string, string>();
  for (const c of candidates) known.set(c.attorney_id, c.attorney_name);
  for (const o of offers.data ?? []) known.set(o.attorney_id, o.attorney_name);
  for (const a of firmAttorneys.data ?? []) known.set(a.user_id, a.name);
  const options = [...known].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!attorneyId) return setError('Choose an attorney.');
    setError(undefined);
    setAsked(attorneyId);
  };

  return (
    <form className="offer-controls" onSubmit={onSubmit} noValidate aria-labelledby="why-not-heading">
      <h3 id="why-not-heading">Why not?</h3>
      <p className="field-hint">See what keeps an attorney off the list, or why they are on it.</p>
      <div className="inline-fields">
        <SelectField
          label="Attorney"
          value={attorneyId}
          options={[{ value: '', label: options.length ? 'Choose an attorney' : 'No attorneys to ask about yet' }, ...options]}
          onChange={setAttorneyId}
          error={error}
        />
        <div className="field field-button">
          <button type="submit" className="button button-secondary">
            Explain
          </button>
        </div>
      </div>
      {asked !== '' &&
        (explanation.isPending ? (
          <Loading label="Looking into it…" />
        ) : explanation.isError ? (
          <ErrorAlert error={explanation.error} />
        ) : (
          <Explanation explanation={explanation.data} />
        ))}
    </form>
  );
}

function Explanation({ explanation: e }: { explanation: CandidateExplanation }) {
  const name = e.candidate.attorney_name;
  return (
    <div className="explanation" role="region" aria-label={e.eligible ? 'Why' : 'Why not'} aria-live="polite">
      {e.eligible ? (
        <>
          <p>
            <strong>{name}</strong> ({e.candidate.firm_name}) fits this referral, with a score of {percent(e.candidate.score)}.
          </p>
          <FactorBars factors={e.candidate.factors} label={`Why ${name}`} />
        </>
      ) : (
        <>
          <p>
            <strong>{name}</strong> ({e.candidate.firm_name}) is not a candidate:
          </p>
          <ul>
            {e.failures.map((failure) => (
              <li key={failure.constraint}>{failure.why}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
