import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { listCandidates } from '../../api/candidates';
import { ApiError } from '../../api/problem';
import { queryKeys } from '../../api/queryKeys';
import type { Candidate, CandidateList } from '../../api/types';
import { useNames } from '../../api/useReference';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { EXPERIENCE_LABELS } from '../../domain/attorneys';
import { CONSTRAINT_LABELS, CONSTRAINTS, percent } from '../../domain/matching';
import { FactorBars } from './FactorBars';
import { OfferControls, RouteControls } from './OfferControls';
import { WhyNotLookup } from './WhyNotLookup';

interface CandidatesPanelProps {
  referralId: string;
  /** referrer: the referring organisation or a platform admin, offering to any firm's attorneys; firm: a firm's coordinator routing to its own. */
  role: 'referrer' | 'firm';
}

/** The attorneys ranked for an open referral, why each fits, who was left out and why, and the ways to offer it. */
export function CandidatesPanel({ referralId, role }: CandidatesPanelProps) {
  const [chosen, setChosen] = useState<string[]>([]);
  const candidates = useQuery({ queryKey: queryKeys.candidates(referralId), queryFn: () => listCandidates(referralId) });
  const items = candidates.data?.items ?? [];
  const toggle = (id: string, on: boolean) => setChosen((ids) => (on ? [...ids, id] : ids.filter((other) => other !== id)));
  const chosenCandidates = items.filter((c) => chosen.includes(c.attorney_id)).map((c) => ({ id: c.attorney_id, name: c.attorney_name }));
  const Controls = role === 'referrer' ? OfferControls : RouteControls;

  return (
    <section className="card" aria-labelledby="candidates-heading">
      <h2 id="candidates-heading">Candidates</h2>
      {candidates.isPending ? (
        <Loading label="Ranking the attorneys…" />
      ) : candidates.isError ? (
        role === 'firm' && candidates.error instanceof ApiError && candidates.error.status === 404 ? (
          <p className="alert alert-info">Your attorneys are ranked for this referral once your firm’s conflict check has cleared it.</p>
        ) : (
          <ErrorAlert error={candidates.error} />
        )
      ) : (
        <>
          <RankingSummary list={candidates.data} role={role} />
          {items.length > 0 && (
            <ol className="candidate-list" aria-label="Ranked candidates">
              {items.map((candidate, index) => (
                <CandidateItem
                  key={candidate.attorney_id}
                  candidate={candidate}
                  rank={index + 1}
                  chosen={chosen.includes(candidate.attorney_id)}
                  onChoose={(on) => toggle(candidate.attorney_id, on)}
                />
              ))}
            </ol>
          )}
          <Controls referralId={referralId} chosen={chosenCandidates} onOffered={() => setChosen([])} />
          <WhyNotLookup referralId={referralId} role={role} candidates={items} />
        </>
      )}
    </section>
  );
}

function RankingSummary({ list, role }: { list: CandidateList; role: 'referrer' | 'firm' }) {
  const excluded = CONSTRAINTS.filter((c) => list.excluded[c] > 0);
  const who = role === 'firm' ? 'of your firm’s attorneys' : 'attorneys';
  return (
    <>
      <p className="lead">
        {list.eligible === 0
          ? `No ${role === 'firm' ? 'attorney of your firm' : 'attorney'} fits this referral at the moment.`
          : list.eligible === list.items.length
            ? `${list.eligible} ${who} fit this referral, best first.`
            : `${list.eligible} ${who} fit this referral; the best ${list.items.length} are listed.`}
      </p>
      {excluded.length > 0 && (
        <>
          <p>Attorneys left out, by the first requirement they miss:</p>
          <ul className="excluded-list" aria-label="Attorneys left out">
            {excluded.map((c) => (
              <li key={c}>
                {CONSTRAINT_LABELS[c]}: {list.excluded[c]}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

interface CandidateItemProps {
  candidate: Candidate;
  rank: number;
  chosen: boolean;
  onChoose: (chosen: boolean) => void;
}

function CandidateItem({ candidate: c, rank, chosen, onChoose }: CandidateItemProps) {
  const names = useNames();
  return (
    <li>
      <article className="candidate" aria-label={`${c.attorney_name}, ${c.firm_name}`}>
        <div className="candidate-head">
          <label className="candidate-choose">
            <input type="checkbox" checked={chosen} onChange={(event) => onChoose(event.target.checked)} aria-label={`Choose ${c.attorney_name}`} />
            Choose
          </label>
          <h3>
            {rank}. {c.attorney_name}
          </h3>
          <span>{c.firm_name}</span>
          <span className="candidate-score">Score {percent(c.score)}</span>
        </div>
        <p>
          {c.practice_areas.map((area) => `${names.practiceArea(area.code)}: ${EXPERIENCE_LABELS[area.experience].toLowerCase()}`).join(' · ') ||
            'No practice areas listed'}
          {c.mentored && <span className="badge badge-mentored"> Would work under a mentor</span>}
        </p>
        {c.capacity && (
          <p className="muted">
            {c.capacity.active_matters} of {c.capacity.max_active_matters} matters · {c.capacity.hours_this_month} of {c.capacity.monthly_hour_budget} hours
            this month · {c.capacity.hours_this_year} of {c.capacity.annual_goal_hours} hours toward the year’s goal · {c.capacity.recent_offers}{' '}
            {c.capacity.recent_offers === 1 ? 'offer' : 'offers'} in the last 30 days
          </p>
        )}
        <FactorBars factors={c.factors} label={`Why ${c.attorney_name}`} />
      </article>
    </li>
  );
}
