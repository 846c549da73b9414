import type { Me, TimeActivity, TimeEntry, TimeEntryStatus } from '../api/types';
import { todayIso } from '../forms/numbers';

export const ACTIVITY_LABELS: Record<TimeActivity, string> = {
  client_meeting: 'Client meeting',
  research: 'Research',
  drafting: 'Drafting',
  court_appearance: 'Court appearance',
  travel: 'Travel',
  training: 'Training',
  supervision: 'Supervision',
  administrative: 'Administrative',
};

export const ACTIVITIES = Object.keys(ACTIVITY_LABELS) as TimeActivity[];

/** An activity's name from a list the API keeps as plain strings (a policy's), its code if unknown. */
export const activityLabel = (code: string) => ACTIVITY_LABELS[code as TimeActivity] ?? code;

export const ENTRY_STATUS_LABELS: Record<TimeEntryStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  approved: 'Approved',
  rejected: 'Rejected',
};

export const ENTRY_STATUSES = Object.keys(ENTRY_STATUS_LABELS) as TimeEntryStatus[];

/** Time is kept in minutes and logged in tenths of an hour (6 minutes), as firms bill it. */
export const MINUTES_PER_STEP = 6;
export const MAX_MINUTES_PER_DAY = 24 * 60;
export const NARRATIVE_MAX = 4000;

/** Minutes as hours with one decimal, "2.5"; tenths only, so no rounding surprises. */
export function hoursText(minutes: number): string {
  const tenths = Math.round(minutes / MINUTES_PER_STEP);
  const sign = tenths < 0 ? '-' : '';
  const abs = Math.abs(tenths);
  return `${sign}${Math.floor(abs / 10)}.${abs % 10}`;
}

/** Hours as a figure for people, "1,234.5 h", from hours the API already counted. */
export const hoursFigure = (hours: number): string =>
  `${hours.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} h`;

/**
 * Reads hours typed by a person ("2.5", "2,5", ".3") as minutes: undefined when blank, NaN when it is
 * not a number of tenths of an hour.
 */
export function parseHours(text: string, { allowNegative = false } = {}): number | undefined {
  const cleaned = text.trim().replace(',', '.');
  if (!cleaned) return undefined;
  const pattern = allowNegative ? /^-?(\d+(\.\d?)?|\.\d)$/ : /^(\d+(\.\d?)?|\.\d)$/;
  if (!pattern.test(cleaned)) return NaN;
  return Math.round(Number(cleaned) * 10) * MINUTES_PER_STEP;
}

/** Why hours typed for an entry cannot be sent, or undefined when they can. */
export function validateHours(text: string): string | undefined {
  const minutes = parseHours(text);
  if (minutes === undefined) return 'Enter the hours you worked.';
  if (Number.isNaN(minutes)) return 'Enter hours in tenths, like 2.5.';
  if (minutes <= 0) return 'Enter at least 0.1 hours.';
  if (minutes > MAX_MINUTES_PER_DAY) return 'A day has at most 24 hours.';
  return undefined;
}

/** An adjustment corrects an approved entry up or down, never by nothing. */
export function validateAdjustment(text: string): string | undefined {
  const minutes = parseHours(text, { allowNegative: true });
  if (minutes === undefined) return 'Enter the hours to add, or a negative number to take off.';
  if (Number.isNaN(minutes)) return 'Enter hours in tenths, like 0.5 or -0.5.';
  if (minutes === 0) return 'An adjustment changes the hours by at least 0.1.';
  if (Math.abs(minutes) > MAX_MINUTES_PER_DAY) return 'An adjustment is at most 24 hours.';
  return undefined;
}

/** Why a work date cannot be sent: missing or after today (time is logged once it was worked). */
export function validateWorkDate(day: string, today = todayIso()): string | undefined {
  if (!day) return 'Enter the day you worked.';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return 'Enter a date like 2026-12-04.';
  if (day > today) return 'Time cannot be logged for a day that has not come yet.';
  return undefined;
}

export function validateNarrative(text: string, { required }: { required: boolean }): string | undefined {
  const length = [...text.trim()].length;
  if (required && length === 0) return 'Say what the time was for.';
  if (length > NARRATIVE_MAX) return `Keep the narrative to ${NARRATIVE_MAX.toLocaleString('en-US')} characters.`;
  return undefined;
}

// ---- weeks ------------------------------------------------------------------------------------

const parseDay = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d, 12);
};

/** A calendar day some days after (or before) another, both as YYYY-MM-DD. */
export const addDays = (day: string, days: number): string => {
  const date = parseDay(day);
  date.setDate(date.getDate() + days);
  return todayIso(date);
};

/** The Monday of the week a day falls in: timesheets run Monday to Sunday. */
export const mondayOf = (day: string): string => addDays(day, -((parseDay(day).getDay() + 6) % 7));

/** The seven days of the week starting on a Monday. */
export const weekDays = (monday: string): string[] => Array.from({ length: 7 }, (_, i) => addDays(monday, i));

const weekdayFormat = new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric' });
const longDayFormat = new Intl.DateTimeFormat('en-US', { weekday: 'long', month: 'long', day: 'numeric' });
const monthFormat = new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric' });

/** "Mon, Dec 1" */
export const shortDay = (day: string) => weekdayFormat.format(parseDay(day));
/** "Monday, December 1" */
export const longDay = (day: string) => longDayFormat.format(parseDay(day));
/** A month from the API ("2026-11" or "2026-11-01") as "Nov 2026". */
export const monthLabel = (month: string) => monthFormat.format(parseDay(`${month.slice(0, 7)}-01`));

/** Minutes per day of the week and in all, counting every entry shown, whatever its status. */
export function weekTotals(entries: TimeEntry[], days: string[]) {
  const byDay = Object.fromEntries(days.map((d) => [d, 0])) as Record<string, number>;
  for (const e of entries) if (e.work_date in byDay) byDay[e.work_date] += e.minutes;
  return { byDay, week: Object.values(byDay).reduce((a, b) => a + b, 0) };
}

/** Whether the signed-in person approves hours: their firm's coordinators and admins. */
export const approvesHours = (me: Me) => me.organization.kind === 'law_firm' && (me.role === 'coordinator' || me.role === 'org_admin');

/** Whether the signed-in person logs hours: the firm's volunteer attorneys. */
export const logsHours = (me: Me) => me.organization.kind === 'law_firm' && me.role === 'attorney';
