import type { Impact } from '../../api/types';
import { useNames } from '../../api/useReference';
import { BarChart } from '../../components/BarChart';
import { DataTable } from '../../components/DataTable';
import { CLOSING_LABELS, SATISFACTION_LABELS, SATISFACTION_SCORES } from '../../domain/outcomes';
import { formatMonth, hoursInWords, hoursSpanInWords } from '../../forms/format';

type Durations = Impact['time_to_first_offer'];

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
const share = (part: number, whole: number) => (whole === 0 ? '' : ` (${Math.round((part / whole) * 100)}%)`);

function Waited({ label, durations }: { label: string; durations: Durations }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{durations.median_hours === undefined ? 'None yet' : hoursSpanInWords(durations.median_hours)}</dd>
      <dd className="figure-detail">
        {durations.median_hours === undefined
          ? 'No referral of the period got there.'
          : `Median of ${plural(durations.count, 'referral', 'referrals')}; 90% within ${hoursSpanInWords(durations.p90_hours ?? durations.median_hours)}.`}
      </dd>
    </div>
  );
}

/** The impact figures of a period: how fast referrals were placed, what came of them, and what nobody took. */
export function ImpactReport({ impact: i }: { impact: Impact }) {
  const names = useNames();
  const { outcomes, satisfaction } = i;
  return (
    <>
      <section className="card" aria-labelledby="placement-heading">
        <h2 id="placement-heading">Placement</h2>
        <dl className="figures">
          <div>
            <dt>Referrals submitted</dt>
            <dd>{i.submitted.toLocaleString('en-US')}</dd>
          </div>
          <Waited label="Time to first offer" durations={i.time_to_first_offer} />
          <Waited label="Time to acceptance" durations={i.time_to_acceptance} />
          <div>
            <dt>Approved hours</dt>
            <dd>{hoursInWords(i.approved_hours)}</dd>
            <dd className="figure-detail">Given by volunteer attorneys and approved by their firms.</dd>
          </div>
        </dl>
        <BarChart
          title="Matches per month"
          bars={i.matches_by_month.map((m) => ({ label: formatMonth(m.month), value: m.matters }))}
          format={(n) => plural(n, 'match', 'matches')}
          empty="No months in this period."
        />
      </section>
      <section className="card" aria-labelledby="outcomes-heading">
        <h2 id="outcomes-heading">Outcomes</h2>
        {outcomes.closed === 0 ? (
          <p>No matter closed in this period.</p>
        ) : (
          <>
            <p>
              {plural(outcomes.closed, 'matter', 'matters')} closed; the client’s goal was met in {outcomes.goal_met.toLocaleString('en-US')}
              {share(outcomes.goal_met, outcomes.closed)}. Attorneys reported {hoursInWords(outcomes.reported_hours)} when closing.
            </p>
            <DataTable columns={['Closing category', 'Matters closed', 'Goal met']}>
              {outcomes.by_category.map((c) => (
                <tr key={c.outcome}>
                  <th scope="row">{CLOSING_LABELS[c.outcome]}</th>
                  <td>{c.closed.toLocaleString('en-US')}</td>
                  <td>
                    {c.goal_met.toLocaleString('en-US')}
                    {share(c.goal_met, c.closed)}
                  </td>
                </tr>
              ))}
            </DataTable>
          </>
        )}
      </section>
      <section className="card" aria-labelledby="satisfaction-heading">
        <h2 id="satisfaction-heading">Client satisfaction</h2>
        {satisfaction.count === 0 || satisfaction.average === undefined ? (
          <p>No client feedback in this period.</p>
        ) : (
          <>
            <p>
              Average <strong>{satisfaction.average.toLocaleString('en-US', { maximumFractionDigits: 1 })} of 5</strong> from{' '}
              {plural(satisfaction.count, 'answer', 'answers')}.
            </p>
            <BarChart
              title="Answers by score"
              bars={SATISFACTION_SCORES.map((score) => ({ label: `${score}: ${SATISFACTION_LABELS[score]}`, value: satisfaction.distribution[score - 1] ?? 0 }))}
              format={(n) => plural(n, 'answer', 'answers')}
            />
          </>
        )}
      </section>
      <section className="card" aria-labelledby="unmet-heading">
        <h2 id="unmet-heading">Unmet need</h2>
        <p>
          Referrals of the period nobody took: they expired or were withdrawn without a volunteer, or are still open after{' '}
          {plural(i.open_after_days, 'day', 'days')}.
        </p>
        {i.unmet_need.length === 0 ? (
          <p>Every referral of the period found a volunteer.</p>
        ) : (
          <DataTable columns={['Practice area', 'Jurisdiction', 'Referrals nobody took', 'Expired', 'Withdrawn', 'Still open']}>
            {i.unmet_need.map((n) => (
              <tr key={`${n.practice_area} ${n.jurisdiction}`}>
                <th scope="row">{names.practiceArea(n.practice_area)}</th>
                <td>{names.jurisdiction(n.jurisdiction)}</td>
                <td>{n.count.toLocaleString('en-US')}</td>
                <td>{n.expired.toLocaleString('en-US')}</td>
                <td>{n.withdrawn.toLocaleString('en-US')}</td>
                <td>{n.open.toLocaleString('en-US')}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </>
  );
}
