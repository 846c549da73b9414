const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' });

export const formatDate = (iso: string) => dateFormat.format(new Date(iso));

// A date-only value ("2026-04-01") is a calendar day, not an instant: read it as local noon so no
// time zone moves it to the day before.
export const formatDay = (day: string) => dateFormat.format(new Date(`${day}T12:00:00`));

/** A referral's deadline, worded alike on every page that shows one. */
export const formatDeadline = (deadline?: string) => (deadline ? formatDay(deadline) : 'No deadline');

const dateTimeFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

export const formatDateTime = (iso: string) => dateTimeFormat.format(new Date(iso));

/** A wait in words, to the second up to a minute and a half and in whole minutes after that. */
export function waitInWords(seconds: number): string {
  if (seconds <= 1) return '1 second';
  if (seconds <= 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/**
 * How long something has waited since an instant: minutes within the hour, hours up to two days (a
 * potential conflict is overdue after 48 hours), whole days after that.
 */
export function ageInWords(since: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - new Date(since).getTime()) / 60_000));
  if (minutes < 2) return 'just now';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return hours === 1 ? '1 hour' : `${hours} hours`;
  return `${Math.floor(hours / 24)} days`;
}

/**
 * The time left until an instant, in words: days and hours, hours and minutes under a day, minutes
 * under an hour; "expired" once it has passed.
 */
export function timeLeftInWords(until: string, now = Date.now()): string {
  const minutes = Math.floor((new Date(until).getTime() - now) / 60_000);
  if (minutes < 0) return 'expired';
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (minutes < 60) return minutes < 1 ? 'less than a minute' : plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${plural(hours, 'hour')} ${plural(minutes % 60, 'minute')}` : plural(hours, 'hour');
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${plural(days, 'day')} ${plural(hours % 24, 'hour')}` : plural(days, 'day');
}

const monthFormat = new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric' });

/** A month ("2026-03") as people write it: "Mar 2026". */
export const formatMonth = (month: string) => monthFormat.format(new Date(`${month}-15T12:00:00`));

/** A span given in hours, in words: minutes under an hour, hours up to two days ("5.5 hours"), days after that ("3.2 days"). */
export function hoursSpanInWords(hours: number): string {
  const one = (n: number, unit: string) => `${n.toLocaleString('en-US', { maximumFractionDigits: 1 })} ${unit}${n === 1 ? '' : 's'}`;
  if (hours < 1) return one(Math.max(1, Math.round(hours * 60)), 'minute');
  if (hours < 48) return one(Math.round(hours * 10) / 10, 'hour');
  return one(Math.round((hours / 24) * 10) / 10, 'day');
}

/** Hours with at most one decimal, as people write them: "12.5 hours", "1 hour". */
export const hoursInWords = (hours: number) =>
  `${hours.toLocaleString('en-US', { maximumFractionDigits: 1 })} ${hours === 1 ? 'hour' : 'hours'}`;
