/** The longest note the server keeps with a decline's or withdrawal's reason. */
export const REASON_NOTE_MAX = 1000;

export interface ReasonErrors {
  reason?: string;
  note?: string;
}

/**
 * A decline's or withdrawal's reason: one of the listed ones, and for "other" a note saying what it
 * is (the referring organisation reads it, and it feeds "why not" for the next match).
 */
export function validateReason(reason: string, note: string): ReasonErrors {
  const errors: ReasonErrors = {};
  if (!reason) errors.reason = 'Choose a reason.';
  const length = [...note.trim()].length;
  if (reason === 'other' && length === 0) errors.note = 'Say what the reason is.';
  else if (length > REASON_NOTE_MAX) errors.note = `Keep the note to ${REASON_NOTE_MAX.toLocaleString('en-US')} characters.`;
  return errors;
}
