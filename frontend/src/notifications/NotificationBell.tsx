import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { listNotifications } from '../api/notifications';
import { errorMessage } from '../api/problem';
import { queryKeys } from '../api/queryKeys';
import type { Notification } from '../api/types';
import { NotificationItem } from './NotificationItem';
import { UNREAD_POLL_MS, useMarkRead, useUnreadCount } from './useNotifications';

/** How many of the latest notifications the bell's panel shows; the page lists them all. */
const LATEST = 8;

/** The top bar's bell: the unread count, kept current by polling, and a panel of the latest notifications. */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const count = useUnreadCount();
  const latest = useQuery({
    queryKey: queryKeys.latestNotifications,
    queryFn: () => listNotifications(false, undefined, LATEST),
    enabled: open,
    refetchInterval: open ? UNREAD_POLL_MS : false,
    staleTime: 0,
  });
  const { one, all } = useMarkRead();

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const unread = count.data ?? 0;
  const onOpen = (n: Notification) => {
    if (!n.read_at) one.mutate(n.id);
    setOpen(false);
  };

  return (
    <div className="bell" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="bell-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`Notifications, ${unread} unread`}
        onClick={() => setOpen((was) => !was)}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" fill="currentColor">
          <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
        </svg>
        {unread > 0 && (
          <span className="bell-count" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <section id={panelId} className="bell-panel" aria-label="Latest notifications">
          <div className="bell-panel-head">
            <h2>Notifications</h2>
            <button
              type="button"
              className="button button-secondary button-small"
              disabled={unread === 0 || all.isPending}
              onClick={() => all.mutate()}
            >
              Mark all read
            </button>
          </div>
          {latest.isPending && <p className="muted">Loading…</p>}
          {latest.isError && (
            <p className="alert alert-error" role="alert">
              {errorMessage(latest.error)}
            </p>
          )}
          {latest.data && latest.data.items.length === 0 && <p className="muted">Nothing yet. Events that concern you show here.</p>}
          {latest.data && latest.data.items.length > 0 && (
            <ul className="notification-list">
              {latest.data.items.map((n) => (
                <NotificationItem key={n.id} notification={n} onOpen={onOpen} />
              ))}
            </ul>
          )}
          <div className="bell-panel-foot">
            <Link to="/notifications" onClick={() => setOpen(false)}>
              All notifications
            </Link>
            <Link to="/notifications/preferences" onClick={() => setOpen(false)}>
              Preferences
            </Link>
          </div>
        </section>
      )}
    </div>
  );
}
