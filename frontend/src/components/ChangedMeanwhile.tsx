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

/** Tells the user that someone else changed the record first, and lets them load that version. */
export function ChangedMeanwhile({ subject, outcome, onReload }: ChangedMeanwhileProps) {
  return (
    <div className="alert alert-error" role="alert">
      <p>
        Someone else changed {subject} after you opened it. {outcome} Reload to see their changes, then make yours again.
      </p>
      <button type="button" className="button button-secondary" onClick={onReload}>
        Reload
      </button>
    </div>
  );
}
