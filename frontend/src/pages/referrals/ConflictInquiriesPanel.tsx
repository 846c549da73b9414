import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { answerConflictInquiry, listConflictInquiries } from '../../api/conflicts';
import { queryKeys } from '../../api/queryKeys';
import type { ConflictAnswer, ConflictInquiry } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryState } from '../../components/QueryState';
import { ANSWER_LABELS, ANSWERS, ENTRY_TYPE_LABELS, QUESTION_LABELS } from '../../domain/conflicts';
import { formatDateTime } from '../../forms/format';

/**
 * Firms' conflict checks never show them the client's name. When a firm's entry is close to it, the
 * firm's coordinator asks here: is it the same person, or may they learn the name?
 */
export function ConflictInquiriesPanel({ referralId }: { referralId: string }) {
  const inquiries = useQuery({
    queryKey: queryKeys.conflictInquiries(referralId),
    queryFn: () => listConflictInquiries(referralId),
  });
  return (
    <section className="card" aria-labelledby="inquiries-heading">
      <h2 id="inquiries-heading">Questions from firms</h2>
      <QueryState query={inquiries} loadingLabel="Loading the firms’ questions…">
        {(items) =>
          items.length === 0 ? (
            <p className="muted">No firm has asked about your client.</p>
          ) : (
            <ul className="inquiry-list">
              {items.map((inquiry) => (
                <InquiryItem key={inquiry.id} referralId={referralId} inquiry={inquiry} />
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}

function InquiryItem({ referralId, inquiry }: { referralId: string; inquiry: ConflictInquiry }) {
  const queryClient = useQueryClient();
  const answer = useMutation({
    mutationFn: (a: ConflictAnswer) => answerConflictInquiry(referralId, inquiry.id, a),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.conflictInquiries(referralId) }),
  });
  const { entry } = inquiry;
  return (
    <li>
      <p>
        <strong>{inquiry.firm_name}</strong> ({inquiry.asked_by_name}, {formatDateTime(inquiry.asked_at)}) has this entry
        in its conflict registry:
      </p>
      <dl className="summary">
        <dt>Name</dt>
        <dd>{entry.name}</dd>
        <dt>Type</dt>
        <dd>{ENTRY_TYPE_LABELS[entry.type]}</dd>
        <dt>Other names</dt>
        <dd>{entry.aliases.join(', ') || '—'}</dd>
      </dl>
      <p>
        <strong>{QUESTION_LABELS[inquiry.question].asked}</strong>
        {inquiry.question === 'disclose_name' && (
          <span className="muted"> Only {inquiry.asked_by_name} will see the name, on this match.</span>
        )}
      </p>
      {inquiry.answer ? (
        <p role="status">
          Answered: {ANSWER_LABELS[inquiry.answer]}
          {inquiry.answered_by_name && ` by ${inquiry.answered_by_name}`}
          {inquiry.answered_at && `, ${formatDateTime(inquiry.answered_at)}`}.
        </p>
      ) : (
        <div className="button-row">
          {ANSWERS[inquiry.question].map((a) => (
            <button
              key={a}
              type="button"
              className="button button-small button-secondary"
              disabled={answer.isPending}
              onClick={() => answer.mutate(a)}
            >
              {ANSWER_LABELS[a]}
            </button>
          ))}
        </div>
      )}
      {answer.isError && <ErrorAlert error={answer.error} />}
    </li>
  );
}
