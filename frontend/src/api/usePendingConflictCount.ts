import { useQuery } from '@tanstack/react-query';
import { listPendingConflicts } from './conflicts';
import { queryKeys } from './queryKeys';

/**
 * How many potential conflicts wait on the firm's coordinators. New ones arrive with referrals other
 * organisations submit, so the count is read again every minute as well as after the firm's own
 * checks change (see invalidateAfterCheck).
 */
export const usePendingConflictCount = (enabled: boolean) =>
  useQuery({
    queryKey: queryKeys.pendingConflictCount,
    queryFn: async () => (await listPendingConflicts(undefined, 1)).total,
    enabled,
    refetchInterval: 60_000,
  });
