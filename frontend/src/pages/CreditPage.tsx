import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { getAttorneyCredit, getFirmCredit } from '../api/credit';
import { queryKeys } from '../api/queryKeys';
import type { AttorneyCredit, FirmCredit } from '../api/types';
import { useNames } from '../api/useReference';
import { useCurrentUser } from '../auth/currentUser';
import { BarChart, ScaleBar } from '../components/BarChart';
import { ColumnChart } from '../components/ColumnChart';
import { DataTable } from '../components/DataTable';
import { QueryState } from '../components/QueryState';
import { SelectField } from '../components/SelectField';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { ACTIVE_HOURS_MARK, challengeInWords, percentFigure } from '../domain/credit';
import { hoursFigure, logsHours, monthLabel } from '../domain/hours';
import { formatDay } from '../forms/format';
import { LedgerTable } from './hours/LedgerTable';

const YEARS_BACK = 5;

/**
 * Pro bono hours and the credit they earned in a fiscal year: an attorney's own (or, for their firm's
 * coordinators, any one attorney's), and the whole firm's with its Pro Bono Challenge standing.
 */
export function CreditPage() {
  const me = useCurrentUser();
  const { attorneyId } = useParams();
  const own = logsHours(me);
  const title = own ? 'My credit' : attorneyId ? 'Attorney’s credit' : 'Pro bono credit';
  useDocumentTitle(title);
  const [year, setYear] = useState<number>();
  const subject = own ? me.id : attorneyId;

  return (
    <>
      {attorneyId && (
        <p className="breadcrumb">
          <Link to="/credit">Pro bono credit</Link>
        </p>
      )}
      <div className="page-heading">
        <h1>{title}</h1>
        {!own && (
          <Link to="/credit/policy" className="button button-secondary">
            Credit policy and billable hours
          </Link>
        )}
      </div>
      {subject ? (
        <AttorneyView attorneyId={subject} year={year} onYear={setYear} own={own} />
      ) : (
        <FirmView firmId={me.organization.id} year={year} onYear={setYear} />
      )}
    </>
  );
}

interface YearProps {
  year?: number;
  onYear: (year: number) => void;
}

/** The fiscal years to choose from: the one shown and the ones before it. */
function YearChoice({ shown, year, onYear }: YearProps & { shown: number }) {
  const [latest] = useState(shown);
  const years = Array.from({ length: YEARS_BACK }, (_, i) => Math.max(latest, year ?? latest) - i);
  return (
    <div className="year-choice">
      <SelectField
        label="Fiscal year"
        value={String(year ?? shown)}
        options={years.map((y) => ({ value: String(y), label: `FY ${y}` }))}
        onChange={(value) => onYear(Number(value))}
      />
    </div>
  );
}

function AttorneyView({ attorneyId, year, onYear, own }: YearProps & { attorneyId: string; own: boolean }) {
  const credit = useQuery({ queryKey: queryKeys.attorneyCredit(attorneyId, year), queryFn: () => getAttorneyCredit(attorneyId, year) });
  return (
    <QueryState query={credit} loadingLabel="Loading the credit…">
      {(c) => (
        <>
          <p className="lead">
            {own ? 'Your' : `${c.attorney_name}’s`} approved pro bono hours in fiscal year {c.fiscal_year} ({formatDay(c.starts_on)} –{' '}
            {formatDay(c.ends_on)}), and the billable-hour credit they earned under the firm’s policy.
          </p>
          <YearChoice shown={c.fiscal_year} year={year} onYear={onYear} />
          <AttorneyFigures credit={c} own={own} />
          <Breakdown credit={c} />
          <LedgerTable attorneyId={attorneyId} fiscalYear={c.fiscal_year} />
        </>
      )}
    </QueryState>
  );
}

/** One figure of a card's list: its name and its value. */
function Figure({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function AttorneyFigures({ credit: c, own }: { credit: AttorneyCredit; own: boolean }) {
  const goal = c.annual_goal_hours;
  return (
    <section className="card" aria-labelledby="figures-heading">
      <h2 id="figures-heading">The year so far</h2>
      <dl className="figures">
        <Figure term="Approved">{hoursFigure(c.approved_hours)}</Figure>
        <Figure term="Credited">{hoursFigure(c.credited_hours)}</Figure>
        <Figure term="Annual cap">{c.annual_cap_hours == null ? 'No cap' : hoursFigure(c.annual_cap_hours)}</Figure>
        {c.remaining_cap != null && (
          <Figure term="Left under the cap">{hoursFigure(c.remaining_cap)}</Figure>
        )}
        <Figure term="Goal">{goal ? hoursFigure(goal) : 'None set'}</Figure>
      </dl>
      {goal ? (
        <div className="goal-line">
          <ScaleBar value={c.approved_hours} max={goal} />
          <p>
            {percentFigure(Math.min(1, c.approved_hours / goal))} of {own ? 'your' : 'the'} goal of {hoursFigure(goal)}
            {c.approved_hours >= goal ? ': reached.' : `: ${hoursFigure(goal - c.approved_hours)} to go.`}
          </p>
        </div>
      ) : (
        own && (
          <p>
            Set a yearly goal in <Link to="/profile/attorney">My practice</Link>.
          </p>
        )
      )}
    </section>
  );
}

/** Hours by month and by practice area, the same for an attorney and for the firm. */
function Breakdown({ credit: c }: { credit: Pick<AttorneyCredit, 'by_month' | 'by_practice_area'> }) {
  const names = useNames();
  if (c.by_month.every((m) => m.hours === 0) && c.by_practice_area.length === 0) return <p className="card">No approved hours in this fiscal year yet.</p>;
  return (
    <>
      <section className="card" aria-label="Hours by month">
        <ColumnChart
          caption="Hours by month"
          rowHeading="Month"
          series={[
            { name: 'Approved', className: 'series-approved' },
            { name: 'Credited', className: 'series-credited' },
          ]}
          rows={c.by_month.map((m) => ({ label: monthLabel(m.month), short: monthLabel(m.month).slice(0, 3), values: [m.hours, m.credited_hours] }))}
          format={hoursFigure}
        />
      </section>
      <section className="card" aria-label="Hours by practice area">
        <BarChart
          title="Approved hours by practice area"
          bars={c.by_practice_area.map((a) => ({ label: names.practiceArea(a.practice_area), value: a.hours }))}
          format={hoursFigure}
        />
      </section>
    </>
  );
}

function FirmView({ firmId, year, onYear }: YearProps & { firmId: string }) {
  const credit = useQuery({ queryKey: queryKeys.firmCredit(firmId, year), queryFn: () => getFirmCredit(firmId, year) });
  return (
    <QueryState query={credit} loadingLabel="Loading the firm’s credit…">
      {(c) => (
        <>
          <p className="lead">
            Your attorneys’ approved pro bono hours in fiscal year {c.fiscal_year}, the credit they earned, and where the firm stands in the Law
            Firm Pro Bono Challenge.
          </p>
          <YearChoice shown={c.fiscal_year} year={year} onYear={onYear} />
          <section className="card" aria-labelledby="firm-figures-heading">
            <h2 id="firm-figures-heading">The year so far</h2>
            <dl className="figures">
              <Figure term="Approved">{hoursFigure(c.approved_hours)}</Figure>
              <Figure term="Credited">{hoursFigure(c.credited_hours)}</Figure>
              <Figure term="Attorneys">{c.attorneys.length}</Figure>
            </dl>
          </section>
          <ChallengeCard credit={c} />
          <Breakdown credit={c} />
          <AttorneyTable credit={c} />
        </>
      )}
    </QueryState>
  );
}

function ChallengeCard({ credit: c }: { credit: FirmCredit }) {
  const ch = c.challenge;
  const words = challengeInWords(ch);
  const value = ch.measure === 'percentage' ? ch.percentage : ch.hours_per_attorney;
  const top = ch.marks[ch.marks.length - 1] ?? 1;
  return (
    <section className="card" aria-labelledby="challenge-heading">
      <h2 id="challenge-heading">Pro Bono Challenge</h2>
      <p>{words.standing}</p>
      {value != null && (
        <div className="challenge-scale">
          <ScaleBar value={value} max={top * 1.25} marks={ch.marks} />
          <p className="muted">{words.marks}</p>
        </div>
      )}
      {words.missing && (
        <p>
          {words.missing} <Link to="/credit/policy">Enter them</Link>.
        </p>
      )}
      <h3>Attorneys with {ACTIVE_HOURS_MARK} hours or more</h3>
      {ch.share_with_20_hours == null ? (
        <p>No attorneys yet.</p>
      ) : (
        <div className="challenge-scale">
          <ScaleBar value={ch.share_with_20_hours} max={1} />
          <p>
            {percentFigure(ch.share_with_20_hours)} of the firm’s attorneys gave {ACTIVE_HOURS_MARK} hours or more this year.
          </p>
        </div>
      )}
    </section>
  );
}

function AttorneyTable({ credit: c }: { credit: FirmCredit }) {
  if (c.attorneys.length === 0) return null;
  const marks = [ACTIVE_HOURS_MARK];
  return (
    <section className="card" aria-labelledby="attorneys-heading">
      <h2 id="attorneys-heading">By attorney</h2>
      <BarChart
        title={`Approved hours per attorney; the line marks ${ACTIVE_HOURS_MARK} hours`}
        bars={c.attorneys.map((a) => ({ label: a.attorney_name, value: a.approved_hours }))}
        format={hoursFigure}
        marks={marks}
      />
      <DataTable columns={['Attorney', 'Approved', 'Credited', 'Goal', 'Progress']}>
        {c.attorneys.map((a) => (
          <tr key={a.attorney_id}>
            <th scope="row">
              <Link to={`/credit/attorneys/${a.attorney_id}`}>{a.attorney_name}</Link>
            </th>
            <td className="figure">{hoursFigure(a.approved_hours)}</td>
            <td className="figure">{hoursFigure(a.credited_hours)}</td>
            <td className="figure">{a.annual_goal_hours ? hoursFigure(a.annual_goal_hours) : '—'}</td>
            <td className="figure">{a.annual_goal_hours ? percentFigure(Math.min(1, a.approved_hours / a.annual_goal_hours)) : '—'}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
