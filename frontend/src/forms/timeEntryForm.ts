import type { TimeActivity, TimeEntry, TimeEntryInput } from '../api/types';
import { hoursText, parseHours, validateHours, validateNarrative, validateWorkDate } from '../domain/hours';
import { todayIso } from './numbers';

/** A time entry as typed: hours as text, so "2." can be on its way to "2.5". */
export interface TimeEntryValues {
  matter_id: string;
  work_date: string;
  hours: string;
  activity: TimeActivity | '';
  narrative: string;
}

export type TimeEntryErrors = Partial<Record<keyof TimeEntryValues, string>>;

/** A new entry: today, on the only matter if there is one. */
export const newEntryValues = (matterId = '', today = todayIso()): TimeEntryValues => ({
  matter_id: matterId,
  work_date: today,
  hours: '',
  activity: '',
  narrative: '',
});

export const entryValues = (entry: TimeEntry): TimeEntryValues => ({
  matter_id: entry.matter_id,
  work_date: entry.work_date,
  hours: hoursText(entry.minutes),
  activity: entry.activity,
  narrative: entry.narrative ?? '',
});

export function validateTimeEntry(values: TimeEntryValues, today = todayIso()): TimeEntryErrors {
  const errors: TimeEntryErrors = {};
  if (!values.matter_id) errors.matter_id = 'Choose the matter.';
  errors.work_date = validateWorkDate(values.work_date, today);
  errors.hours = validateHours(values.hours);
  if (!values.activity) errors.activity = 'Choose what you did.';
  errors.narrative = validateNarrative(values.narrative, { required: true });
  return Object.fromEntries(Object.entries(errors).filter(([, message]) => message)) as TimeEntryErrors;
}

/** The body of POST /time-entries (and, without matter and submit, of PATCH). */
export const toTimeEntryInput = (values: TimeEntryValues, submit: boolean): TimeEntryInput => ({
  matter_id: values.matter_id,
  work_date: values.work_date,
  minutes: parseHours(values.hours) ?? 0,
  activity: values.activity as TimeActivity,
  narrative: values.narrative.trim(),
  submit,
});

/** One step of the hours stepper: a tenth of an hour up or down, never below 0.1 nor past 24. */
export function stepHours(text: string, direction: 1 | -1): string {
  const minutes = parseHours(text);
  const current = minutes === undefined || Number.isNaN(minutes) ? 0 : minutes;
  const next = Math.min(24 * 60, Math.max(6, current + direction * 6));
  return hoursText(next);
}
