import { usePendingConflictCount } from '../api/usePendingConflictCount';

/** The number of potential conflicts waiting, beside the navigation's "To clear"; nothing when none wait. */
export function PendingCount() {
  const count = usePendingConflictCount(true);
  if (!count.data) return null;
  // The badge is read out as words: a bare number after the link's name would say nothing.
  return (
    <>
      {' '}
      <span className="nav-count" aria-hidden="true">
        {count.data}
      </span>
      <span className="visually-hidden">{count.data} waiting</span>
    </>
  );
}
