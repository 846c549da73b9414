import { useEffect, useRef } from 'react';
import { ApiError } from '../api/problem';

/** Whether a write failed because someone else changed the record after the caller read it (412). */
export const isChangedMeanwhile = (error: unknown): boolean => error instanceof ApiError && error.status === 412;

interface ChangedMeanwhileProps {
  /** What was changed, as in "this referral". */
  subject: string;
  /** What became of the caller's attempt, e.g. that their edits were not saved. */
  outcome: string;
  /** Loads the version someone else saved. */
  onReload: () => void;
}

/**
 * Tells the user that someone else changed the record first, and lets them load that version. It
 * takes the focus when it appears: the button that failed may be a long form's length away.
 */
export function ChangedMeanwhile({ subject, outcome, onReload }: ChangedMeanwhileProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="alert alert-error" role="alert" tabIndex={-1} ref={ref}>
      <p>
        Someone else changed {subject} after you opened it. {outcome} Reload to see their changes, then make yours again.
      </p>
      <button type="button" className="button button-secondary" onClick={onReload}>
        Reload
      </button>
    </div>
  );
}
