import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { getConflictImport } from '../../api/conflicts';
import { invalidateAfterRegistryChange } from '../../api/invalidate';
import { queryKeys } from '../../api/queryKeys';
import type { ImportProgress } from '../../api/types';

/** How often the page asks how far the re-check has got while it runs. */
const POLL_MS = 1500;

function describe(p: ImportProgress): string {
  switch (p.status) {
    case 'queued':
      return 'Re-checking open referrals: queued.';
    case 'checking':
      return p.to_check > 0
        ? `Re-checking open referrals: ${p.checked.toLocaleString('en-US')} of ${p.to_check.toLocaleString('en-US')} checked.`
        : 'Re-checking open referrals…';
    case 'done':
      return p.to_check === 1
        ? 'Re-check done: the open referral was checked against the new entries.'
        : `Re-check done: ${p.to_check.toLocaleString('en-US')} open referrals were checked against the new entries.`;
  }
}

/**
 * The re-check of the firm's open referrals that a committed import starts in the background. Until
 * a referral has been checked again, the firm's attorneys do not see it, so the coordinator is told
 * how far it has got; when it is done, the checks and the "To clear" queue are refreshed.
 */
export function RecheckProgress({ initial }: { initial: ImportProgress }) {
  const queryClient = useQueryClient();
  const { data } = useQuery({
    queryKey: queryKeys.conflictImport(initial.id),
    queryFn: () => getConflictImport(initial.id),
    initialData: initial,
    refetchInterval: (query) => (query.state.data?.status === 'done' ? false : POLL_MS),
  });
  const progress = data ?? initial;
  const done = progress.status === 'done';
  useEffect(() => {
    if (done) void invalidateAfterRegistryChange(queryClient);
  }, [done, queryClient]);
  return (
    <div className="recheck-progress">
      <p role="status" aria-live="polite">
        {describe(progress)}
      </p>
      {!done && progress.to_check > 0 && (
        <progress max={progress.to_check} value={progress.checked} aria-label="Open referrals re-checked" />
      )}
      {!done && <p className="hint">Your firm's attorneys see each referral again once it has been re-checked.</p>}
    </div>
  );
}
