import type { Matter } from '../../api/types';
import { CLOSING_LABELS } from '../../domain/outcomes';
import { hoursInWords } from '../../forms/format';

/** How a closed matter ended, as its attorney recorded it. */
export function MatterOutcome({ matter: m }: { matter: Matter }) {
  if (m.status !== 'closed' || !m.outcome) return null;
  return (
    <section className="card" aria-labelledby="outcome-heading">
      <h2 id="outcome-heading">Outcome</h2>
      <dl className="summary">
        <dt>Closing category</dt>
        <dd>{CLOSING_LABELS[m.outcome]}</dd>
        <dt>Client’s goal</dt>
        <dd>{m.goal_met ? 'Met' : 'Not met'}</dd>
        {m.closing_hours !== undefined && (
          <>
            <dt>Hours given</dt>
            <dd>{hoursInWords(m.closing_hours)}</dd>
          </>
        )}
        {m.closed_by_name && (
          <>
            <dt>Closed by</dt>
            <dd>{m.closed_by_name}</dd>
          </>
        )}
        {m.outcome_note && (
          <>
            <dt>Note</dt>
            <dd className="preserve-lines">{m.outcome_note}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
