import { useInfiniteQuery } from '@tanstack/react-query';
import { queryKeys } from '../../api/queryKeys';
import { getTimeline } from '../../api/referralOffers';
import type { TimelineStep } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { DECLINE_REASON_LABELS, TIMELINE_ACTION_LABELS, WITHDRAW_REASON_LABELS } from '../../domain/offers';
import { CLOSING_LABELS } from '../../domain/outcomes';
import { STATUS_LABELS } from '../../domain/referrals';
import { formatDateTime } from '../../forms/format';

// A closing's reason is its closing category.
const REASON_LABELS: Record<string, string> = { ...DECLINE_REASON_LABELS, ...WITHDRAW_REASON_LABELS, ...CLOSING_LABELS };

// "client.date_of_birth" → "client date of birth"
const fieldLabel = (field: string) => field.replace(/[._]/g, ' ');

/** One step in words: what happened, to whom, and why. */
export function describeStep(step: TimelineStep): string {
  const to = step.to_status && STATUS_LABELS[step.to_status];
  const attorney = step.attorney_name && (step.firm_name ? `${step.attorney_name} (${step.firm_name})` : step.attorney_name);
  const reason = step.reason && (REASON_LABELS[step.reason] ?? step.reason);
  switch (step.action) {
    case 'created':
      return to ? `Created as ${to.toLowerCase()}` : 'Created';
    case 'updated':
      return step.fields.length ? `Edited: ${step.fields.map(fieldLabel).join(', ')}` : 'Edited';
    case 'status_changed':
      if (!to) return 'Status changed';
      return step.from_status ? `${STATUS_LABELS[step.from_status]} → ${to}` : `Now ${to.toLowerCase()}`;
    case 'offered':
      return attorney ? `Offered to ${attorney}` : 'Offered';
    default: {
      const label = TIMELINE_ACTION_LABELS[step.action];
      return [label, attorney && `: ${attorney}`, reason && ` — ${reason}`].filter(Boolean).join('');
    }
  }
}

/** The referral's whole life for its referring organisation: posted, offered to whom, seen, declined and why, taken, edited. */
export function ReferralTimeline({ referralId }: { referralId: string }) {
  const timeline = useInfiniteQuery({
    queryKey: queryKeys.referralTimeline(referralId),
    queryFn: ({ pageParam }) => getTimeline(referralId, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor,
  });
  const steps = timeline.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="card" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Timeline</h2>
      {timeline.isPending ? (
        <Loading label="Loading the timeline…" />
      ) : steps.length === 0 && timeline.isError ? (
        <ErrorAlert error={timeline.error} />
      ) : (
        <>
          <DataTable columns={['When', 'Who', 'What']}>
            {steps.map((step) => (
              <tr key={step.id}>
                <td>{formatDateTime(step.at)}</td>
                <td>{step.actor_name}</td>
                <td>{describeStep(step)}</td>
              </tr>
            ))}
          </DataTable>
          {timeline.hasNextPage && (
            <div className="form-actions">
              <button
                type="button"
                className="button button-secondary"
                disabled={timeline.isFetchingNextPage}
                onClick={() => void timeline.fetchNextPage()}
              >
                {timeline.isFetchingNextPage ? 'Loading…' : 'Show later steps'}
              </button>
            </div>
          )}
          {timeline.isError && <ErrorAlert error={timeline.error} />}
        </>
      )}
    </section>
  );
}
