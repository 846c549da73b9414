import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { queryKeys } from '../../api/queryKeys';
import { transitionReferral } from '../../api/referrals';
import type { Outcome, Referral, ReferralStatus } from '../../api/types';
import { ChangedMeanwhile, isChangedMeanwhile } from '../../components/ChangedMeanwhile';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Notice } from '../../components/Notice';
import { SelectField } from '../../components/SelectField';
import { isEditable, OUTCOMES, OUTCOME_LABELS, referrerMoves, STATUS_LABELS } from '../../domain/referrals';

/** Edit, submit, withdraw or close: what the referring organisation does with its referral. */
export function ReferralActions({ referral }: { referral: Referral }) {
  const queryClient = useQueryClient();
  const [confirmWithdraw, setConfirmWithdraw] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [outcomeError, setOutcomeError] = useState<string>();
  const moves = referrerMoves(referral.status);

  const mutation = useMutation({
    mutationFn: ({ to, outcome }: { to: ReferralStatus; outcome?: Outcome }) => transitionReferral(referral.id, to, referral.version, outcome),
    onSuccess: (updated) => {
      setConfirmWithdraw(false);
      queryClient.setQueryData(queryKeys.referral(updated.id), updated);
      void queryClient.invalidateQueries({ queryKey: queryKeys.referrals });
    },
  });

  const close = () => {
    if (!outcome) return setOutcomeError('Choose the outcome.');
    setOutcomeError(undefined);
    mutation.mutate({ to: 'closed', outcome });
  };

  if (!isEditable(referral.status) && moves.length === 0) return null;

  return (
    <section className="card" aria-labelledby="actions-heading">
      <h2 id="actions-heading">Actions</h2>
      {mutation.isSuccess && <Notice>The referral is now {STATUS_LABELS[mutation.data.status].toLowerCase()}.</Notice>}
      {mutation.isError &&
        (isChangedMeanwhile(mutation.error) ? (
          <ChangedMeanwhile
            subject="this referral"
            outcome="Nothing was changed."
            onReload={() => {
              mutation.reset();
              void queryClient.invalidateQueries({ queryKey: queryKeys.referral(referral.id) });
            }}
          />
        ) : (
          <ErrorAlert error={mutation.error} />
        ))}
      <div className="form-actions">
        {isEditable(referral.status) && (
          <Link to={`/referrals/${referral.id}/edit`} className="button button-secondary">
            Edit
          </Link>
        )}
        {moves.includes('submitted') && (
          <button type="button" className="button button-primary" disabled={mutation.isPending} onClick={() => mutation.mutate({ to: 'submitted' })}>
            Submit
          </button>
        )}
        {moves.includes('withdrawn') && !confirmWithdraw && (
          <button type="button" className="button button-danger" disabled={mutation.isPending} onClick={() => setConfirmWithdraw(true)}>
            Withdraw
          </button>
        )}
      </div>
      {confirmWithdraw && (
        <div className="confirm" role="group" aria-label="Confirm withdrawal">
          <p>Withdraw this referral? Volunteers will no longer see it, and it cannot be submitted again.</p>
          <div className="form-actions">
            <button type="button" className="button button-danger" disabled={mutation.isPending} onClick={() => mutation.mutate({ to: 'withdrawn' })}>
              Yes, withdraw
            </button>
            <button type="button" className="button button-secondary" onClick={() => setConfirmWithdraw(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {moves.includes('closed') && (
        <div className="inline-fields">
          <SelectField<Outcome | ''>
            label="Outcome"
            value={outcome}
            options={[{ value: '', label: 'Choose the outcome' }, ...OUTCOMES.map((value) => ({ value, label: OUTCOME_LABELS[value] }))]}
            onChange={setOutcome}
            error={outcomeError}
          />
          <div className="field field-button">
            <button type="button" className="button button-primary" disabled={mutation.isPending} onClick={close}>
              Close referral
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
