import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { listAttorneys } from '../api/attorneys';
import { invalidateAfterTime } from '../api/invalidate';
import { listMatters } from '../api/matters';
import { queryKeys } from '../api/queryKeys';
import { approveTimeEntries, listTimeEntries, rejectTimeEntries, type TimeEntryFilters } from '../api/timeEntries';
import type { TimeEntry, TimeEntryStatus } from '../api/types';
import { useNames } from '../api/useReference';
import { DataTable } from '../components/DataTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { Notice } from '../components/Notice';
import { SelectField } from '../components/SelectField';
import { TextField } from '../components/TextField';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { ACTIVITY_LABELS, ENTRY_STATUSES, ENTRY_STATUS_LABELS, hoursText } from '../domain/hours';
import { formatDay } from '../forms/format';
import { BulkProblem } from './hours/BulkProblem';
import { EntryStatus } from './hours/EntryStatus';
import { RejectForm } from './hours/RejectForm';
import { matterLabel } from './TimesheetPage';

const COLUMNS = ['Select', 'Attorney', 'Date', 'Matter', 'Activity', 'Hours', 'Status', 'Decide'];

const entriesInWords = (n: number) => (n === 1 ? '1 entry' : `${n} entries`);
const sumHours = (entries: TimeEntry[]) => hoursText(entries.reduce((sum, e) => sum + e.minutes, 0));

/**
 * A firm's coordinators approve or reject their attorneys' submitted time, entry by entry or many at
 * once. What is approved is credited and locked; what is rejected goes back with the reason.
 */
export function ApprovalsPage() {
  useDocumentTitle('Time approvals');
  const names = useNames();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<TimeEntryFilters>({ status: 'submitted' });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState('');
  const [rejecting, setRejecting] = useState(false);

  const attorneys = useQuery({ queryKey: queryKeys.attorneys, queryFn: listAttorneys });
  const matters = useQuery({ queryKey: queryKeys.matterList, queryFn: listMatters });
  const entries = useInfiniteQuery({
    queryKey: queryKeys.timeEntryList(filters),
    queryFn: ({ pageParam }) => listTimeEntries(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor,
  });
  const items = entries.data?.pages.flatMap((page) => page.items) ?? [];
  const decidable = items.filter((e) => e.status === 'submitted');
  const chosen = decidable.filter((e) => selected.has(e.id));

  const done = (message: string) => {
    setSelected(new Set());
    setRejecting(false);
    setNotice(message);
    void invalidateAfterTime(queryClient);
  };
  // The ids go in the order the entries are shown, so the server's ids[3] names the fourth chosen row.
  const approve = useMutation({
    mutationFn: (batch: TimeEntry[]) => approveTimeEntries(batch.map((e) => e.id)),
    onSuccess: (approved) => done(`Approved ${entriesInWords(approved.length)} (${sumHours(approved)} h).`),
  });
  const reject = useMutation({
    mutationFn: ({ batch, reason }: { batch: TimeEntry[]; reason: string }) => rejectTimeEntries(batch.map((e) => e.id), reason),
    onSuccess: (rejected) => done(`Rejected ${entriesInWords(rejected.length)} (${sumHours(rejected)} h); the attorneys see why.`),
  });
  // One problem at a time: the latest decision's.
  const approveBatch = (batch: TimeEntry[]) => {
    reject.reset();
    approve.mutate(batch);
  };
  const rejectBatch = (batch: TimeEntry[], reason: string) => {
    approve.reset();
    reject.mutate({ batch, reason });
  };
  const failed = approve.error ?? reject.error;
  const failedBatch = approve.error ? approve.variables : reject.variables?.batch;

  const filter = <K extends keyof TimeEntryFilters>(key: K) => (value: string) => {
    setFilters((f) => ({ ...f, [key]: value || undefined }));
    setSelected(new Set());
    setNotice('');
    approve.reset();
    reject.reset();
  };
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const allChosen = decidable.length > 0 && chosen.length === decidable.length;
  const busy = approve.isPending || reject.isPending;

  return (
    <>
      <h1>Time approvals</h1>
      <p className="lead">
        Your attorneys’ time waiting for approval. Approved time is credited under the firm’s policy and can no longer be changed; rejected
        time goes back to the attorney with your reason.
      </p>
      <p>
        <Link to="/approvals/exchange">Export approved time or import time from your timekeeping system</Link>
      </p>
      <section className="card" aria-label="Filters">
        <div className="filter-bar">
          <SelectField
            label="Attorney"
            value={filters.attorney_id ?? ''}
            options={[{ value: '', label: 'All attorneys' }, ...(attorneys.data ?? []).map((a) => ({ value: a.user_id, label: a.name }))]}
            onChange={filter('attorney_id')}
          />
          <SelectField
            label="Matter"
            value={filters.matter_id ?? ''}
            options={[
              { value: '', label: 'All matters' },
              ...(matters.data ?? []).map((m) => ({
                value: m.id,
                label: `${m.attorney_name}: ${matterLabel(names, { ...m.referral, referrer_name: m.referral.organization_name })}`,
              })),
            ]}
            onChange={filter('matter_id')}
          />
          <TextField label="From" type="date" value={filters.from ?? ''} onChange={filter('from')} />
          <TextField label="To" type="date" value={filters.to ?? ''} onChange={filter('to')} />
          <SelectField<TimeEntryStatus | ''>
            label="Status"
            value={filters.status ?? ''}
            options={[{ value: '', label: 'Any status' }, ...ENTRY_STATUSES.map((s) => ({ value: s, label: ENTRY_STATUS_LABELS[s] }))]}
            onChange={filter('status')}
          />
        </div>
      </section>
      {notice && <Notice>{notice}</Notice>}
      {failed && <BulkProblem error={failed} batch={failedBatch ?? []} />}

      {entries.isPending ? (
        <Loading label="Loading the time entries…" />
      ) : !entries.data ? (
        <ErrorAlert error={entries.error} />
      ) : items.length === 0 ? (
        <p className="card">No time entries match these filters.</p>
      ) : (
        <section className="card" aria-label="Time entries">
          <div className="bulk-bar" role="group" aria-label="Selected entries">
            <label className="bulk-all">
              <input
                type="checkbox"
                checked={allChosen}
                disabled={decidable.length === 0}
                onChange={(event) => setSelected(event.target.checked ? new Set(decidable.map((e) => e.id)) : new Set())}
              />
              Select all {decidable.length} waiting
            </label>
            <span aria-live="polite">
              {chosen.length === 0 ? 'None selected' : `${entriesInWords(chosen.length)} selected, ${sumHours(chosen)} h`}
            </span>
            <button type="button" className="button button-primary" disabled={chosen.length === 0 || busy} onClick={() => approveBatch(chosen)}>
              {approve.isPending ? 'Approving…' : 'Approve selected'}
            </button>
            <button type="button" className="button button-secondary" disabled={chosen.length === 0 || busy} onClick={() => setRejecting(true)}>
              Reject selected
            </button>
          </div>
          {rejecting && chosen.length > 0 && (
            <RejectForm
              label={`Reject ${entriesInWords(chosen.length)}`}
              busy={reject.isPending}
              onReject={(reason) => rejectBatch(chosen, reason)}
              onCancel={() => setRejecting(false)}
            />
          )}
          <p className="muted">
            {entriesInWords(items.length)} shown, {sumHours(items)} h.
          </p>
          <DataTable columns={COLUMNS}>
            {items.map((e) => (
              <ApprovalRow
                key={e.id}
                entry={e}
                matter={e.matter ? matterLabel(names, e.matter) : ''}
                checked={selected.has(e.id)}
                onToggle={(on) => toggle(e.id, on)}
                busy={busy}
                onApprove={() => approveBatch([e])}
                onReject={(reason) => rejectBatch([e], reason)}
              />
            ))}
          </DataTable>
          {entries.hasNextPage && (
            <div className="form-actions">
              <button type="button" className="button button-secondary" disabled={entries.isFetchingNextPage} onClick={() => void entries.fetchNextPage()}>
                {entries.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </button>
            </div>
          )}
        </section>
      )}
    </>
  );
}

interface ApprovalRowProps {
  entry: TimeEntry;
  matter: string;
  checked: boolean;
  onToggle: (on: boolean) => void;
  busy: boolean;
  onApprove: () => void;
  onReject: (reason: string) => void;
}

function ApprovalRow({ entry: e, matter, checked, onToggle, busy, onApprove, onReject }: ApprovalRowProps) {
  const [rejecting, setRejecting] = useState(false);
  const what = `${e.attorney_name}’s ${hoursText(e.minutes)} h on ${formatDay(e.work_date)}`;
  const waiting = e.status === 'submitted';
  return (
    <>
      <tr>
        <td>
          {waiting && <input type="checkbox" aria-label={`Select ${what}`} checked={checked} onChange={(event) => onToggle(event.target.checked)} />}
        </td>
        <th scope="row">{e.attorney_name}</th>
        <td>{formatDay(e.work_date)}</td>
        <td>{matter}</td>
        <td>
          {ACTIVITY_LABELS[e.activity]}
          {e.narrative && <>: {e.narrative}</>}
          {e.adjusts_id && <span className="muted"> (adjusts an approved entry)</span>}
          {e.status === 'rejected' && e.reject_reason && <span className="muted"> Rejected: {e.reject_reason}</span>}
        </td>
        <td className="figure">{hoursText(e.minutes)}</td>
        <td>
          <EntryStatus entry={e} />
        </td>
        <td>
          {waiting && !rejecting && (
            <div className="row-actions">
              <button type="button" className="button button-primary button-small" disabled={busy} onClick={onApprove} aria-label={`Approve ${what}`}>
                Approve
              </button>
              <button type="button" className="button button-secondary button-small" disabled={busy} onClick={() => setRejecting(true)} aria-label={`Reject ${what}`}>
                Reject
              </button>
            </div>
          )}
        </td>
      </tr>
      {rejecting && (
        <tr className="row-detail">
          <td colSpan={COLUMNS.length}>
            <RejectForm label={`Reject ${what}`} busy={busy} onReject={onReject} onCancel={() => setRejecting(false)} />
          </td>
        </tr>
      )}
    </>
  );
}
