import { errorMessage } from '../../api/problem';
import type { TimeEntry } from '../../api/types';
import { hoursText } from '../../domain/hours';
import { fieldErrorsByPath } from '../../forms/fieldPaths';
import { formatDay } from '../../forms/format';

/**
 * Why a decision on some entries was refused (all or nothing: then none was decided), as a whole and
 * entry by entry: the server names an entry by its place in the ids sent (ids[3]), which the page sent in order.
 */
export function BulkProblem({ error, batch }: { error: unknown; batch: TimeEntry[] }) {
  const byEntry = Object.entries(fieldErrorsByPath(error)).map(([path, message]) => {
    const index = path.match(/^ids\[(\d+)\]$/)?.[1];
    const entry = index === undefined ? undefined : batch[Number(index)];
    const who = entry ? `${entry.attorney_name}, ${formatDay(entry.work_date)}, ${hoursText(entry.minutes)} h` : path;
    return { who, message };
  });
  return (
    <div className="alert alert-error" role="alert">
      <p>{errorMessage(error)}</p>
      {byEntry.length > 0 && (
        <ul>
          {byEntry.map(({ who, message }) => (
            <li key={who}>
              {who}: {message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
