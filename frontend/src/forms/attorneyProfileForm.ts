import type { AttorneyProfileInput, BarAdmission, ExperienceLevel, WorkMode } from '../api/types';
import { browserTimeZone } from '../domain/attorneys';
import type { PathErrors } from './fieldPaths';
import { parseWholeNumber, todayIso, validateWholeNumber } from './numbers';
import { randomId } from './randomId';

// Limits mirror AttorneyProfileInput in openapi.yaml.
export const LIMITS = {
  bar_admissions: 60,
  practice_areas: 100,
  languages: 50,
  availability: 50,
  blackouts: 100,
  monthly_hour_budget: 200,
  max_active_matters: 50,
  annual_goal_hours: 2000,
  bar_number: 50,
} as const;

interface Row {
  key: string;
}
export interface BarRow extends Row {
  jurisdiction: string;
  bar_number: string;
  status: BarAdmission['status'];
  admitted_on: string;
}
export interface AreaRow extends Row {
  code: string;
  experience: ExperienceLevel;
}
export interface WindowRow extends Row {
  weekday: number;
  start: string;
  end: string;
  time_zone: string;
}
export interface BlackoutRow extends Row {
  start: string;
  end: string;
}

export interface AttorneyForm {
  bar_admissions: BarRow[];
  practice_areas: AreaRow[];
  languages: string[];
  availability: WindowRow[];
  blackouts: BlackoutRow[];
  monthly_hour_budget: string;
  max_active_matters: string;
  annual_goal_hours: string;
  work_mode: WorkMode;
  accepts_mentored: boolean;
}

export const newBarRow = (): BarRow => ({ key: randomId(), jurisdiction: '', bar_number: '', status: 'active', admitted_on: '' });
export const newAreaRow = (): AreaRow => ({ key: randomId(), code: '', experience: 'some' });
export const newWindowRow = (previous?: WindowRow): WindowRow => ({
  key: randomId(),
  weekday: previous ? (previous.weekday + 1) % 7 : 1,
  start: previous?.start ?? '18:00',
  end: previous?.end ?? '20:00',
  time_zone: previous?.time_zone ?? browserTimeZone(),
});
export const newBlackoutRow = (): BlackoutRow => ({ key: randomId(), start: '', end: '' });

const withKey = <T extends object>(item: T) => ({ ...item, key: randomId() });

export function fromProfile(p: AttorneyProfileInput): AttorneyForm {
  return {
    bar_admissions: p.bar_admissions.map(withKey),
    practice_areas: p.practice_areas.map(withKey),
    languages: [...p.languages],
    availability: p.availability.map(withKey),
    blackouts: p.blackouts.map(withKey),
    monthly_hour_budget: String(p.monthly_hour_budget),
    max_active_matters: String(p.max_active_matters),
    annual_goal_hours: String(p.annual_goal_hours),
    work_mode: p.work_mode,
    accepts_mentored: p.accepts_mentored,
  };
}

export function toProfileInput(f: AttorneyForm): AttorneyProfileInput {
  return {
    bar_admissions: f.bar_admissions.map(({ jurisdiction, bar_number, status, admitted_on }) => ({
      jurisdiction,
      bar_number: bar_number.trim(),
      status,
      admitted_on,
    })),
    practice_areas: f.practice_areas.map(({ code, experience }) => ({ code, experience })),
    languages: f.languages,
    availability: f.availability.map(({ weekday, start, end, time_zone }) => ({ weekday, start, end, time_zone })),
    blackouts: f.blackouts.map(({ start, end }) => ({ start, end })),
    monthly_hour_budget: parseWholeNumber(f.monthly_hour_budget) ?? 0,
    max_active_matters: parseWholeNumber(f.max_active_matters) ?? 0,
    annual_goal_hours: parseWholeNumber(f.annual_goal_hours) ?? 0,
    work_mode: f.work_mode,
    accepts_mentored: f.accepts_mentored,
  };
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Checks the profile as the server will, keyed by the API's field paths (`availability[0].end`). */
export function validateAttorneyForm(f: AttorneyForm, today = todayIso()): PathErrors {
  const errors: PathErrors = {};
  const set = (path: string, message: string | undefined) => {
    if (message && !errors[path]) errors[path] = message;
  };
  const tooMany = (list: keyof typeof LIMITS, length: number) =>
    set(list, length > LIMITS[list] ? `List at most ${LIMITS[list]}.` : undefined);

  tooMany('bar_admissions', f.bar_admissions.length);
  const bars = new Set<string>();
  f.bar_admissions.forEach((b, i) => {
    set(`bar_admissions[${i}].jurisdiction`, b.jurisdiction ? undefined : 'Choose a jurisdiction.');
    if (b.jurisdiction && bars.has(b.jurisdiction)) set(`bar_admissions[${i}].jurisdiction`, 'This jurisdiction is listed twice.');
    bars.add(b.jurisdiction);
    const number = b.bar_number.trim();
    set(`bar_admissions[${i}].bar_number`, !number ? 'Enter the bar number.' : number.length > LIMITS.bar_number ? `At most ${LIMITS.bar_number} characters.` : undefined);
    set(`bar_admissions[${i}].admitted_on`, !b.admitted_on ? 'Enter the date of admission.' : b.admitted_on > today ? 'The date cannot be in the future.' : undefined);
  });

  tooMany('practice_areas', f.practice_areas.length);
  const areas = new Set<string>();
  f.practice_areas.forEach((a, i) => {
    set(`practice_areas[${i}].code`, a.code ? undefined : 'Choose a practice area.');
    if (a.code && areas.has(a.code)) set(`practice_areas[${i}].code`, 'This practice area is listed twice.');
    areas.add(a.code);
  });

  tooMany('languages', f.languages.length);

  tooMany('availability', f.availability.length);
  f.availability.forEach((w, i) => {
    set(`availability[${i}].start`, TIME.test(w.start) ? undefined : 'Enter a start time like 18:00.');
    const endValid = TIME.test(w.end) || w.end === '24:00';
    set(`availability[${i}].end`, endValid ? undefined : 'Enter an end time like 20:00.');
    if (endValid && TIME.test(w.start) && w.end <= w.start) set(`availability[${i}].end`, 'The end must be after the start.');
    set(`availability[${i}].time_zone`, w.time_zone ? undefined : 'Choose a time zone.');
  });

  tooMany('blackouts', f.blackouts.length);
  f.blackouts.forEach((d, i) => {
    set(`blackouts[${i}].start`, d.start ? undefined : 'Enter the first day.');
    set(`blackouts[${i}].end`, !d.end ? 'Enter the last day.' : d.start && d.end < d.start ? 'The last day cannot be before the first.' : undefined);
  });

  set('monthly_hour_budget', validateWholeNumber(f.monthly_hour_budget, { min: 0, max: LIMITS.monthly_hour_budget, required: true, label: 'the hours per month' }));
  set('max_active_matters', validateWholeNumber(f.max_active_matters, { min: 0, max: LIMITS.max_active_matters, required: true, label: 'the number of matters' }));
  set('annual_goal_hours', validateWholeNumber(f.annual_goal_hours, { min: 0, max: LIMITS.annual_goal_hours, required: true, label: 'the yearly goal' }));
  return errors;
}

