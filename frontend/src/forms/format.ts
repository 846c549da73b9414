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
