import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { clearConflictHit } from '../../api/conflicts';
import { invalidateAfterCheck } from '../../api/invalidate';
import { fieldErrors } from '../../api/problem';
import { queryKeys } from '../../api/queryKeys';
import type { ConflictHit } from '../../api/types';
import { FormAlert } from '../../components/FormAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';

export const CLEAR_REASON_MIN = 5;
export const CLEAR_REASON_MAX = 2000;

export function validateClearReason(reason: string): string | undefined {
  const length = [...reason.trim()].length;
  if (length < CLEAR_REASON_MIN) return `Give a reason of at least ${CLEAR_REASON_MIN} characters.`;
  if (length > CLEAR_REASON_MAX) return `Keep the reason to ${CLEAR_REASON_MAX.toLocaleString('en-US')} characters.`;
  return undefined;
}

/** Records why a potential conflict is not one; the server keeps who cleared it and when. */
export function ClearHitForm({ referralId, hit }: { referralId: string; hit: ConflictHit }) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const mutation = useMutation({
    mutationFn: () => clearConflictHit(referralId, hit.id, reason.trim()),
    onSuccess: (check) => {
      queryClient.setQueryData(queryKeys.conflictCheck(referralId), check);
      void invalidateAfterCheck(queryClient, referralId);
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateClearReason(reason);
    setError(found);
    if (!found) mutation.mutate();
  };

  return (
    <form onSubmit={onSubmit} noValidate className="clear-hit-form">
      <FormAlert error={mutation.error} fields={['reason']} />
      <TextField
        label={`Reason for clearing ${hit.entry_name}`}
        value={reason}
        onChange={setReason}
        error={error ?? fieldErrors(mutation.error).reason}
        required
      />
      <SubmitButton busy={mutation.isPending} label="Clear" busyLabel="Clearing…" variant="secondary" />
    </form>
  );
}
