import type { TimeEntry } from '../../api/types';
import { ENTRY_STATUS_LABELS } from '../../domain/hours';

/** An entry's status as a badge; a decided entry says who decided. */
export function EntryStatus({ entry }: { entry: Pick<TimeEntry, 'status' | 'decided_by_name'> }) {
  const by = (entry.status === 'approved' || entry.status === 'rejected') && entry.decided_by_name ? ` by ${entry.decided_by_name}` : '';
  return (
    <span className={`badge badge-entry-${entry.status}`} title={by ? `${ENTRY_STATUS_LABELS[entry.status]}${by}` : undefined}>
      {ENTRY_STATUS_LABELS[entry.status]}
    </span>
  );
}
