import { useState, type FormEvent } from 'react';
import type { AuditFilters } from '../../api/audit';
import { TextField } from '../../components/TextField';
import { SUGGESTED_ACTIONS, actionInWords } from '../../domain/audit';

interface AuditFilterFormProps {
  filters: AuditFilters;
  onApply: (filters: AuditFilters) => void;
}

// The filter's days are whole days in the browser's time zone; the API takes instants.
const dayStart = (day: string) => new Date(`${day}T00:00:00`).toISOString();
const dayAfter = (day: string) => {
  const next = new Date(`${day}T00:00:00`);
  next.setDate(next.getDate() + 1);
  return next.toISOString();
};
const dayOf = (instant?: string, endExclusive = false) => {
  if (!instant) return '';
  const at = new Date(instant);
  if (endExclusive) at.setDate(at.getDate() - 1);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
};

/** Filters applied together when the form is sent, so typing an id does not fetch at every key. */
export function AuditFilterForm({ filters, onApply }: AuditFilterFormProps) {
  const [action, setAction] = useState(filters.action ?? '');
  const [objectType, setObjectType] = useState(filters.object_type ?? '');
  const [objectId, setObjectId] = useState(filters.object_id ?? '');
  const [actorId, setActorId] = useState(filters.actor_id ?? '');
  const [from, setFrom] = useState(dayOf(filters.from));
  const [to, setTo] = useState(dayOf(filters.to, true));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({
      action: action.trim() || undefined,
      object_type: objectType.trim() || undefined,
      object_id: objectId.trim() || undefined,
      actor_id: actorId.trim() || undefined,
      from: from ? dayStart(from) : undefined,
      to: to ? dayAfter(to) : undefined,
    });
  };

  const clear = () => {
    for (const set of [setAction, setObjectType, setObjectId, setActorId, setFrom, setTo]) set('');
    onApply({});
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Filter the audit trail">
      <div className="filter-bar filter-bar-aligned">
        <TextField label="Action" list="audit-actions" hint="e.g. matter.closed" value={action} onChange={setAction} />
        <datalist id="audit-actions">
          {SUGGESTED_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {actionInWords(a)}
            </option>
          ))}
        </datalist>
        <TextField label="Object type" hint="e.g. matter, membership" value={objectType} onChange={setObjectType} />
        <TextField label="Object id" value={objectId} onChange={setObjectId} />
        <TextField label="Actor id" hint="Or pick a person below" value={actorId} onChange={setActorId} />
        <TextField label="From" type="date" value={from} onChange={setFrom} />
        <TextField label="To" type="date" value={to} onChange={setTo} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          Apply filters
        </button>
        <button type="button" className="button button-secondary" onClick={clear}>
          Clear
        </button>
      </div>
    </form>
  );
}
