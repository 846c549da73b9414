import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { deleteConflictEntry, listConflictEntries } from '../../api/conflicts';
import { invalidateAfterRegistryChange } from '../../api/invalidate';
import { queryKeys } from '../../api/queryKeys';
import type { ConflictEntry } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { CONFLICT_ROLE_LABELS, ENTRY_TYPE_LABELS } from '../../domain/conflicts';
import { formatDate } from '../../forms/format';
import { EntryForm } from './EntryForm';
import { ExportButton } from './ExportButton';

export function EntriesTable() {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const [confirming, setConfirming] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState<ConflictEntry | null>(null);
  const entries = useInfiniteQuery({
    queryKey: queryKeys.conflictEntryList(q),
    queryFn: ({ pageParam }) => listConflictEntries(q, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor,
  });
  const remove = useMutation({
    mutationFn: (entry: ConflictEntry) => deleteConflictEntry(entry.id),
    onSuccess: () => {
      setConfirming(null);
      void invalidateAfterRegistryChange(queryClient);
    },
  });

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    setQ(draft.trim());
  };

  const items = entries.data?.pages.flatMap((page) => page.items) ?? [];
  const total = entries.data?.pages[0]?.total;

  return (
    <section className="card" aria-labelledby="entries-heading">
      <h2 id="entries-heading">Registry{total !== undefined && ` (${total.toLocaleString('en-US')} entries)`}</h2>
      <form role="search" onSubmit={onSearch} className="search-form">
        <label htmlFor="registry-search">Search names</label>
        <input id="registry-search" type="search" value={draft} maxLength={200} onChange={(event) => setDraft(event.target.value)} />
        <button type="submit" className="button button-secondary">
          Search
        </button>
        {q && (
          <button type="button" className="button button-secondary" onClick={() => { setDraft(''); setQ(''); }}>
            Show all
          </button>
        )}
      </form>
      <div className="form-actions">
        <ExportButton />
      </div>
      {saved && (
        <p className="alert alert-success" role="status">
          {saved.name} has been saved.
        </p>
      )}
      {remove.isSuccess && (
        <p className="alert alert-success" role="status">
          {remove.variables.name} has been removed.
        </p>
      )}
      {remove.isError && <ErrorAlert error={remove.error} />}
      {entries.isPending ? (
        <Loading label="Loading the registry…" />
      ) : !entries.data ? (
        <ErrorAlert error={entries.error} />
      ) : items.length === 0 ? (
        <p>{q ? `No names similar to “${q}”.` : 'The registry is empty. Add entries below or upload a CSV file.'}</p>
      ) : (
        <DataTable columns={['Name', 'Type', 'Role', 'Other names', 'Matter', 'Added', 'Actions']}>
          {items.map((entry) =>
            editing === entry.id ? (
              <tr key={entry.id}>
                <td colSpan={7}>
                  <EntryForm
                    entry={entry}
                    onSaved={(edited) => {
                      setEditing(null);
                      setSaved(edited);
                    }}
                    onCancel={() => setEditing(null)}
                  />
                </td>
              </tr>
            ) : (
              <tr key={entry.id}>
                <th scope="row">{entry.name}</th>
                <td>{ENTRY_TYPE_LABELS[entry.type]}</td>
                <td>{CONFLICT_ROLE_LABELS[entry.role]}</td>
                <td>{entry.aliases.join('; ') || '—'}</td>
                <td>{entry.matter_ref || '—'}</td>
                <td>
                  {formatDate(entry.created_at)}
                  {entry.created_by_name && <span className="muted"> by {entry.created_by_name}</span>}
                </td>
                <td>
                  {confirming === entry.id ? (
                    <span className="confirm-inline">
                      <button type="button" className="button button-small button-danger" disabled={remove.isPending} onClick={() => remove.mutate(entry)}>
                        Confirm delete<span className="visually-hidden"> {entry.name}</span>
                      </button>
                      <button type="button" className="button button-small button-secondary" onClick={() => setConfirming(null)}>
                        Cancel
                      </button>
                    </span>
                  ) : (
                    <span className="confirm-inline">
                      <button
                        type="button"
                        className="button button-small button-secondary"
                        aria-label={`Edit ${entry.name}`}
                        onClick={() => {
                          setSaved(null);
                          setEditing(entry.id);
                        }}
                      >
                        Edit
                      </button>
                      <button type="button" className="button button-small button-secondary" onClick={() => setConfirming(entry.id)}>
                        Delete<span className="visually-hidden"> {entry.name}</span>
                      </button>
                    </span>
                  )}
                </td>
              </tr>
            ),
          )}
        </DataTable>
      )}
      {entries.isError && entries.data && <ErrorAlert error={entries.error} />}
      {entries.hasNextPage && (
        <div className="form-actions">
          <button type="button" className="button button-secondary" disabled={entries.isFetchingNextPage} onClick={() => void entries.fetchNextPage()}>
            {entries.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </button>
        </div>
      )}
    </section>
  );
}
