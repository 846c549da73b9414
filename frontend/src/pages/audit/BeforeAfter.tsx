import type { AuditEntry } from '../../api/types';
import { fieldChanges } from '../../domain/audit';

/** An entry's before and after as a small table of fields, what changed in bold. */
export function BeforeAfter({ entry }: { entry: AuditEntry }) {
  const changes = fieldChanges(entry.before, entry.after);
  if (changes.length === 0) return <span className="muted">No fields recorded</span>;
  return (
    <table className="before-after" aria-label={`Changes of entry ${entry.id}`}>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.field} className={c.changed ? 'changed' : undefined}>
            <th scope="row">{c.field}</th>
            <td>{c.before ?? '—'}</td>
            <td>{c.after ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
