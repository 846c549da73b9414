import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/problem';
import { queryKeys } from '../api/queryKeys';

/** Whether a write failed because someone else changed the referral after the caller read it (412). */
export const isChangedMeanwhile = (error: unknown): boolean => error instanceof ApiError && error.status === 412;

interface ChangedMeanwhileProps {
  referralId: string;
  /** What became of the caller's attempt, e.g. that their edits were not saved. */
  what: string;
  onReload?: () => void;
}

/** Tells the user that someone else changed the referral first, and lets them load that version. */
export function ChangedMeanwhile({ referralId, what, onReload }: ChangedMeanwhileProps) {
  const queryClient = useQueryClient();
  const reload = () => {
    onReload?.();
    void queryClient.invalidateQueries({ queryKey: queryKeys.referral(referralId) });
  };
  return (
    <div className="alert alert-error" role="alert">
      <p>
        Someone else changed this referral after you opened it. {what} Reload to see their changes, then make yours
        again.
      </p>
      <button type="button" className="button button-secondary" onClick={reload}>
        Reload the referral
      </button>
    </div>
  );
}
