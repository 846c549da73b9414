import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { countUnreadNotifications, markAllNotificationsRead, markNotificationRead } from '../api/notifications';
import { queryKeys } from '../api/queryKeys';

/** How often the unread count is asked for while the app is open: new events show without a reload. */
export const UNREAD_POLL_MS = 20_000;

/** The signed-in user's unread count, polled, and asked again whenever the window regains focus. */
export function useUnreadCount() {
  return useQuery({
    queryKey: queryKeys.notificationCount,
    queryFn: countUnreadNotifications,
    refetchInterval: UNREAD_POLL_MS,
    refetchOnWindowFocus: true,
    staleTime: 0,
  });
}

/** Marking one or all read; every count and list of notifications is stale afterwards. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: queryKeys.notifications });
  const one = useMutation({ mutationFn: markNotificationRead, onSuccess });
  const all = useMutation({ mutationFn: markAllNotificationsRead, onSuccess });
  return { one, all };
}
