import type { UseQueryResult } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { AttorneyCredit } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { hoursFigure } from '../../domain/hours';
import { formatDay } from '../../forms/format';

/** How far an attorney's approved hours have come towards their goal for the fiscal year. */
export function GoalProgress({ query }: { query: UseQueryResult<AttorneyCredit> }) {
  if (query.isPending) return null;
  if (query.isError) return <ErrorAlert error={query.error} />;
  const c = query.data;
  const goal = c.annual_goal_hours;
  const share = goal ? Math.min(1, c.approved_hours / goal) : undefined;
  return (
    <section className="card goal" aria-labelledby="goal-heading">
      <h2 id="goal-heading">
        Fiscal year {formatDay(c.starts_on)} – {formatDay(c.ends_on)}
      </h2>
      {goal ? (
        <>
          <p>
            <strong>{hoursFigure(c.approved_hours)}</strong> approved of your goal of {hoursFigure(goal)} (
            {Math.round((share ?? 0) * 100)}%).
          </p>
          <progress className="goal-bar" max={goal} value={Math.min(goal, c.approved_hours)} aria-label="Progress to your goal" />
        </>
      ) : (
        <p>
          <strong>{hoursFigure(c.approved_hours)}</strong> approved this year. Set a goal in <Link to="/profile/attorney">My practice</Link>.
        </p>
      )}
      <p className="muted">
        {hoursFigure(c.credited_hours)} credited
        {c.annual_cap_hours != null && c.remaining_cap != null && `; ${hoursFigure(c.remaining_cap)} left under the cap of ${hoursFigure(c.annual_cap_hours)}`}.
      </p>
    </section>
  );
}
