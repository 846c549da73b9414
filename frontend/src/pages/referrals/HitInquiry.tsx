import { useMutation, useQueryClient } from '@tanstack/react-query';
import { askAboutHit } from '../../api/conflicts';
import { queryKeys } from '../../api/queryKeys';
import type { ConflictHit, ConflictQuestion } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ANSWER_LABELS, QUESTION_LABELS } from '../../domain/conflicts';
import { formatDateTime } from '../../forms/format';

/**
 * A hit on the referral's client shows no name. The coordinator resolves it by asking the referring
 * organisation whether the entry is the same person, or to disclose the name to them.
 */
export function HitInquiry({ referralId, hit, canAsk }: { referralId: string; hit: ConflictHit; canAsk: boolean }) {
  const queryClient = useQueryClient();
  const ask = useMutation({
    mutationFn: (question: ConflictQuestion) => askAboutHit(referralId, hit.id, question),
    // The queue of potential conflicts says which of them wait for an answer.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.conflictCheck(referralId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.pendingConflicts }),
      ]),
  });
  const inquiry = hit.inquiry;
  const waiting = inquiry && !inquiry.answer;

  return (
    <div className="hit-inquiry">
      {inquiry && (
        <p>
          {inquiry.asked_by_name} asked {formatDateTime(inquiry.asked_at)}: “{QUESTION_LABELS[inquiry.question].asked}”{' '}
          {inquiry.answer ? (
            <strong>
              {ANSWER_LABELS[inquiry.answer]}
              {inquiry.answered_by_name && ` (${inquiry.answered_by_name}`}
              {inquiry.answered_at && `, ${formatDateTime(inquiry.answered_at)})`}
            </strong>
          ) : (
            <span className="muted">Waiting for the referring organisation to answer.</span>
          )}
        </p>
      )}
      {canAsk && !waiting && (
        <div className="button-row">
          {(Object.keys(QUESTION_LABELS) as ConflictQuestion[]).map((question) => (
            <button
              key={question}
              type="button"
              className="button button-small button-secondary"
              disabled={ask.isPending}
              onClick={() => ask.mutate(question)}
              aria-label={`${QUESTION_LABELS[question].ask} about ${hit.entry_name}`}
            >
              {QUESTION_LABELS[question].ask}
            </button>
          ))}
        </div>
      )}
      {ask.isError && <ErrorAlert error={ask.error} />}
    </div>
  );
}
