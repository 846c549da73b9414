import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { listNotifications } from '../api/notifications';
import { queryKeys } from '../api/queryKeys';
import type { Notification } from '../api/types';
import { CheckboxField } from '../components/CheckboxField';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { NotificationItem } from '../notifications/NotificationItem';
import { useMarkRead, useUnreadCount } from '../notifications/useNotifications';

/** Every notification of the signed-in user, newest first, or only the unread ones. */
export function NotificationsPage() {
  useDocumentTitle('Notifications');
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('unread') === 'true';
  const list = useInfiniteQuery({
    queryKey: queryKeys.notificationList(unreadOnly),
    queryFn: ({ pageParam }) => listNotifications(unreadOnly, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor,
  });
  const count = useUnreadCount();
  const { one, all } = useMarkRead();
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const onOpen = (n: Notification) => {
    if (!n.read_at) one.mutate(n.id);
  };

  return (
    <>
      <div className="page-heading">
        <h1>Notifications</h1>
        <Link to="/notifications/preferences" className="button button-secondary">
          Preferences
        </Link>
      </div>
      <div className="inline-fields">
        <CheckboxField
          label="Only unread"
          checked={unreadOnly}
          onChange={(checked) => setParams(checked ? { unread: 'true' } : {}, { replace: true })}
        />
        <button
          type="button"
          className="button button-secondary"
          disabled={(count.data ?? 0) === 0 || all.isPending}
          onClick={() => all.mutate()}
        >
          Mark all read
        </button>
      </div>
      {all.isError && <ErrorAlert error={all.error} />}
      {list.isPending ? (
        <Loading label="Loading notifications…" />
      ) : !list.data ? (
        <ErrorAlert error={list.error} />
      ) : items.length === 0 ? (
        <p className="card">{unreadOnly ? 'You have read every notification.' : 'Nothing yet. Events that concern you show here.'}</p>
      ) : (
        <section className="card" aria-label="Notification list">
          <ul className="notification-list">
            {items.map((n) => (
              <NotificationItem key={n.id} notification={n} onOpen={onOpen} />
            ))}
          </ul>
          {list.hasNextPage && (
            <div className="form-actions">
              <button
                type="button"
                className="button button-secondary"
                disabled={list.isFetchingNextPage}
                onClick={() => void list.fetchNextPage()}
              >
                {list.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </button>
            </div>
          )}
          {list.isError && <ErrorAlert error={list.error} />}
        </section>
      )}
    </>
  );
}
