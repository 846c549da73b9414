import { Link } from 'react-router-dom';
import type { Notification } from '../api/types';
import { formatDateTime } from '../forms/format';

interface NotificationItemProps {
  notification: Notification;
  /** Called when the reader follows the link, before the app goes there. */
  onOpen: (notification: Notification) => void;
}

/** One notification: what happened, when, and the link to it; unread ones stand out. */
export function NotificationItem({ notification: n, onOpen }: NotificationItemProps) {
  const unread = !n.read_at;
  return (
    <li className={unread ? 'notification notification-unread' : 'notification'}>
      <Link to={n.link} onClick={() => onOpen(n)} className="notification-link">
        {unread && <span className="visually-hidden">Unread: </span>}
        <span className="notification-title">{n.title}</span>
        <span className="notification-time">{formatDateTime(n.created_at)}</span>
      </Link>
    </li>
  );
}
