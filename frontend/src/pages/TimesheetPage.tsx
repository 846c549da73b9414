import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { getAttorneyCredit } from '../api/credit';
import { invalidateAfterTime } from '../api/invalidate';
import { listMatters } from '../api/matters';
import { queryKeys } from '../api/queryKeys';
import { createTimeEntry, listAllTimeEntries } from '../api/timeEntries';
import type { Matter, TimeEntry } from '../api/types';
import { useNames } from '../api/useReference';
import { useCurrentUser } from '../auth/currentUser';
import { DataTable } from '../components/DataTable';
import { Notice } from '../components/Notice';
import { QueryState } from '../components/QueryState';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { addDays, hoursText, longDay, mondayOf, shortDay, weekDays, weekTotals } from '../domain/hours';
import { formatDay } from '../forms/format';
import { todayIso } from '../forms/numbers';
import { newEntryValues, toTimeEntryInput } from '../forms/timeEntryForm';
import { EntryItem } from './hours/EntryItem';
import { GoalProgress } from './hours/GoalProgress';
import { TimeEntryForm, type MatterOption } from './hours/TimeEntryForm';

type MatterNames = ReturnType<typeof useNames>;

/** "Private Landlord/Tenant, IL · Northside Legal Aid Society": a matter as its attorney knows it, without its client. */
export const matterLabel = (names: MatterNames, m: { practice_area: string; jurisdiction: string; referrer_name: string }) =>
  `${names.practiceArea(m.practice_area)}, ${m.jurisdiction} · ${m.referrer_name}`;

const matterOption = (names: MatterNames, m: Matter): MatterOption => ({
  value: m.id,
  label:
    matterLabel(names, { ...m.referral, referrer_name: m.referral.organization_name }) + (m.status === 'active' ? '' : ` (${m.status})`),
});

/**
 * The attorney's time, a week at a time (Monday to Sunday): a quick way to log hours, each day's
 * entries with their status and what may still be done to them, totals, and progress to the year's goal.
 */
export function TimesheetPage() {
  useDocumentTitle('Timesheet');
  const me = useCurrentUser();
  const names = useNames();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const today = todayIso();
  const monday = mondayOf(params.get('week') ?? today);
  const days = weekDays(monday);
  const filters = { attorney_id: me.id, from: days[0], to: days[6] };
  const [notice, setNotice] = useState('');
  const [added, setAdded] = useState(0);

  const matters = useQuery({ queryKey: queryKeys.matterList, queryFn: listMatters });
  const entries = useQuery({ queryKey: queryKeys.timeEntryList(filters), queryFn: () => listAllTimeEntries(filters) });
  const credit = useQuery({ queryKey: queryKeys.attorneyCredit(me.id), queryFn: () => getAttorneyCredit(me.id) });
  const options = (matters.data ?? []).filter((m) => m.status !== 'withdrawn').map((m) => matterOption(names, m));
  const active = (matters.data ?? []).filter((m) => m.status === 'active');

  const create = useMutation({
    mutationFn: createTimeEntry,
    onSuccess: (entry) => {
      setNotice(
        `${hoursText(entry.minutes)} h on ${formatDay(entry.work_date)} ${entry.status === 'submitted' ? 'sent for approval' : 'saved as a draft'}.`,
      );
      setAdded((n) => n + 1);
      void invalidateAfterTime(queryClient);
      // The week shown follows the entry, so the person sees it land.
      if (mondayOf(entry.work_date) !== monday) setParams({ week: mondayOf(entry.work_date) });
    },
  });
  const goTo = (day: string) => {
    setNotice('');
    setParams(day === mondayOf(today) ? {} : { week: day });
  };
  const labelOf = (entry: TimeEntry) => {
    const known = options.find((o) => o.value === entry.matter_id);
    return known?.label ?? (entry.matter ? matterLabel(names, entry.matter) : 'A matter');
  };

  return (
    <>
      <div className="page-heading">
        <h1>Timesheet</h1>
        <Link to="/credit">My credit</Link>
      </div>
      <GoalProgress query={credit} />
      {notice && <Notice>{notice}</Notice>}

      <section className="card quick-add" aria-labelledby="quick-add-heading">
        <h2 id="quick-add-heading">Log time</h2>
        <QueryState query={matters} loadingLabel="Loading your matters…">
          {() =>
            options.length === 0 ? (
              <p>
                You have no matters to log time on yet. Accept one of your <Link to="/offers">offers</Link> first.
              </p>
            ) : (
              <TimeEntryForm
                // A fresh form after each entry, on the same matter: the next one is often on it too.
                key={added}
                label="Log time"
                initial={newEntryValues(create.variables?.matter_id ?? (active.length === 1 ? active[0].id : ''), today)}
                matters={options}
                submitLabel="Submit for approval"
                draftLabel="Save draft"
                busy={create.isPending}
                error={create.error}
                onSave={(values, submit) => create.mutate(toTimeEntryInput(values, submit))}
              />
            )
          }
        </QueryState>
      </section>

      <section className="card" aria-labelledby="week-heading">
        <div className="week-nav">
          <h2 id="week-heading">
            Week of {formatDay(days[0])} – {formatDay(days[6])}
          </h2>
          <div className="row-actions">
            <button type="button" className="button button-secondary" onClick={() => goTo(addDays(monday, -7))}>
              Previous week
            </button>
            <button type="button" className="button button-secondary" disabled={monday === mondayOf(today)} onClick={() => goTo(mondayOf(today))}>
              This week
            </button>
            <button type="button" className="button button-secondary" disabled={monday >= mondayOf(today)} onClick={() => goTo(addDays(monday, 7))}>
              Next week
            </button>
          </div>
        </div>
        <QueryState query={entries} loadingLabel="Loading the week’s time…">
          {(items) => <Week entries={items} days={days} today={today} labelOf={labelOf} options={options} onDone={setNotice} />}
        </QueryState>
      </section>
    </>
  );
}

interface WeekProps {
  entries: TimeEntry[];
  days: string[];
  today: string;
  labelOf: (entry: TimeEntry) => string;
  options: MatterOption[];
  onDone: (message: string) => void;
}

function Week({ entries, days, today, labelOf, options, onDone }: WeekProps) {
  const totals = weekTotals(entries, days);
  const matterIds = [...new Set(entries.map((e) => e.matter_id))];
  return (
    <>
      <p className="week-total">
        <strong>{hoursText(totals.week)} h</strong> this week
        {entries.length > 0 && ` in ${entries.length === 1 ? '1 entry' : `${entries.length} entries`}`}.
      </p>
      {matterIds.length > 0 && (
        <div className="week-matrix">
          <DataTable columns={['Matter', ...days.map(shortDay), 'Total']}>
            {matterIds.map((id) => {
              const mine = entries.filter((e) => e.matter_id === id);
              const sums = weekTotals(mine, days);
              return (
                <tr key={id}>
                  <th scope="row">{labelOf(mine[0])}</th>
                  {days.map((d) => (
                    <td key={d} className="figure">
                      {sums.byDay[d] ? hoursText(sums.byDay[d]) : '–'}
                    </td>
                  ))}
                  <td className="figure">{hoursText(sums.week)}</td>
                </tr>
              );
            })}
            <tr className="row-total">
              <th scope="row">Total</th>
              {days.map((d) => (
                <td key={d} className="figure">
                  {hoursText(totals.byDay[d])}
                </td>
              ))}
              <td className="figure">{hoursText(totals.week)}</td>
            </tr>
          </DataTable>
        </div>
      )}
      <ol className="week-days">
        {days.map((day) => {
          const mine = entries.filter((e) => e.work_date === day);
          return (
            <li key={day} className={day === today ? 'week-day week-day-today' : 'week-day'} aria-label={longDay(day)}>
              <h3>
                {longDay(day)}
                {day === today && <span className="muted"> (today)</span>}
                <span className="week-day-total">{hoursText(totals.byDay[day])} h</span>
              </h3>
              {mine.length === 0 ? (
                <p className="muted">No time logged.</p>
              ) : (
                <ul className="entry-list">
                  {mine.map((e) => (
                    <EntryItem key={`${e.id}-${e.version}`} entry={e} matterLabel={labelOf(e)} matters={options} onDone={onDone} />
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
    </>
  );
}
