import type { BarAdmission, ExperienceLevel, WorkMode } from '../api/types';

export const EXPERIENCE_LABELS: Record<ExperienceLevel, string> = {
  learning: 'None, willing to learn',
  some: 'Some',
  experienced: 'Experienced',
  expert: 'Expert',
};
export const EXPERIENCE_LEVELS = Object.keys(EXPERIENCE_LABELS) as ExperienceLevel[];

export const WORK_MODE_LABELS: Record<WorkMode, string> = {
  remote: 'Remote',
  in_person: 'In person',
  either: 'Either',
};
export const WORK_MODES = Object.keys(WORK_MODE_LABELS) as WorkMode[];

export const BAR_STATUS_LABELS: Record<BarAdmission['status'], string> = { active: 'Active', inactive: 'Inactive' };

/** 0 is Sunday, as in the API. */
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const US_TIME_ZONES = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
  'America/Puerto_Rico',
];

/** Common US time zones, the browser's own, and any already chosen. */
export function timeZoneChoices(...extra: string[]): string[] {
  const own = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zones = [...US_TIME_ZONES];
  for (const zone of [own, ...extra]) if (zone && !zones.includes(zone)) zones.push(zone);
  return zones;
}

export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'America/New_York';
