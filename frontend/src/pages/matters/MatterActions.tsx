import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { invalidateAfterAnswer } from '../../api/invalidate';
import { startMatter, withdrawMatter } from '../../api/matters';
import { queryKeys } from '../../api/queryKeys';
import type { Matter, WithdrawReason } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Notice } from '../../components/Notice';
import { WITHDRAW_CHOICES } from '../../domain/answers';
import { ReasonForm } from '../offers/ReasonForm';

/** The matter's attorney records that work began, or withdraws with a reason (the referral goes back to matching). */
export function MatterActions({ matter }: { matter: Matter }) {
  const queryClient = useQueryClient();
  const [withdrawing, setWithdrawing] = useState(false);
  const onSuccess = (updated: Matter) => {
    queryClient.setQueryData(queryKeys.matter(updated.id), updated);
    void invalidateAfterAnswer(queryClient, updated.referral.id);
  };
  const start = useMutation({ mutationFn: () => startMatter(matter.id), onSuccess });
  const withdraw = useMutation({
    mutationFn: ({ reason, note }: { reason: WithdrawReason; note?: string }) => withdrawMatter(matter.id, reason, note),
    onSuccess,
  });

  if (matter.status !== 'active') {
    return withdraw.isSuccess ? <Notice>You withdrew from the matter. The referral is back in matching.</Notice> : null;
  }
  return (
    <section className="card" aria-labelledby="matter-actions-heading">
      <h2 id="matter-actions-heading">Actions</h2>
      {start.isSuccess && <Notice>Recorded: work with the client has begun.</Notice>}
      {start.isError && <ErrorAlert error={start.error} />}
      <div className="form-actions">
        {!matter.in_progress_at && (
          <button type="button" className="button button-primary" disabled={start.isPending} onClick={() => start.mutate()}>
            {start.isPending ? 'Recording…' : 'Start work'}
          </button>
        )}
        {!withdrawing && (
          <button type="button" className="button button-danger" onClick={() => setWithdrawing(true)}>
            Withdraw
          </button>
        )}
      </div>
      {withdrawing && (
        <div className="confirm" role="group" aria-label="Withdraw from the matter">
          <p>Withdraw from this matter? The client’s details are hidden from you again and the referral goes back to matching.</p>
          <ReasonForm<WithdrawReason>
            name="Withdraw from the matter"
            reasons={WITHDRAW_CHOICES}
            submitLabel="Withdraw"
            busyLabel="Withdrawing…"
            busy={withdraw.isPending}
            error={withdraw.error}
            onSubmit={(reason, note) => withdraw.mutate({ reason, note })}
          />
          <div className="form-actions">
            <button type="button" className="button button-secondary" onClick={() => setWithdrawing(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
