import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { exportAuditEntries, listAuditEntries, type AuditFilters } from '../api/audit';
import { queryKeys } from '../api/queryKeys';
import type { AuditEntry } from '../api/types';
import { useCurrentUser } from '../auth/currentUser';
import { DataTable } from '../components/DataTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { FormAlert } from '../components/FormAlert';
import { Loading } from '../components/Loading';
import { saveFile } from '../components/saveFile';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { actionInWords, objectTypeInWords } from '../domain/audit';
import { formatDateTime } from '../forms/format';
import { AuditFilterForm } from './audit/AuditFilterForm';
import { BeforeAfter } from './audit/BeforeAfter';
import { VerifyChain } from './audit/VerifyChain';

const FILTER_KEYS = ['action', 'actor_id', 'object_type', 'object_id', 'from', 'to'] as const;

/** Filters kept in the address, so a reload or a shared link shows the same entries. */
function filtersFrom(params: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

/**
 * The audit trail: who did what to which object, with what it was before and became, newest first.
 * Coordinators and org admins read their organisation's entries, platform admins everyone's.
 */
export function AuditPage() {
  useDocumentTitle('Audit trail');
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const apply = (next: AuditFilters) => setParams(new URLSearchParams(Object.entries(next).filter(([, v]) => v) as [string, string][]));
  const entries = useInfiniteQuery({
    queryKey: queryKeys.audit(filters),
    queryFn: ({ pageParam }) => listAuditEntries(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor,
  });
  const download = useMutation({
    mutationFn: () => exportAuditEntries(filters),
    onSuccess: ({ file, filename }) => saveFile(file, filename),
  });
  const items = entries.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <div className="page-heading">
        <h1>Audit trail</h1>
        <button type="button" className="button button-secondary" disabled={download.isPending} onClick={() => download.mutate()}>
          {download.isPending ? 'Preparing the file…' : 'Download CSV'}
        </button>
      </div>
      <p className="lead">
        {me.role === 'platform_admin'
          ? 'Every security- and credit-relevant action on the platform, newest first.'
          : `Security- and credit-relevant actions at ${me.organization.name}, newest first. Entries never hold client details.`}
      </p>
      {download.isError && <ErrorAlert error={download.error} />}
      <section className="card" aria-label="Filters">
        <AuditFilterForm key={JSON.stringify(filters)} filters={filters} onApply={apply} />
      </section>
      {entries.isPending ? (
        <Loading label="Loading the audit trail…" />
      ) : !entries.data ? (
        <FormAlert error={entries.error} />
      ) : items.length === 0 ? (
        <p className="card">No entries match these filters.</p>
      ) : (
        <section className="card" aria-label="Audit entries">
          <DataTable columns={['When', 'Who', 'Action', 'Object', 'Before and after', 'Request']}>
            {items.map((entry) => (
              <AuditRow key={entry.id} entry={entry} onActor={(actor_id) => apply({ ...filters, actor_id })} />
            ))}
          </DataTable>
          {entries.hasNextPage && (
            <div className="form-actions">
              <button
                type="button"
                className="button button-secondary"
                disabled={entries.isFetchingNextPage}
                onClick={() => void entries.fetchNextPage()}
              >
                {entries.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </button>
            </div>
          )}
          {entries.isError && <ErrorAlert error={entries.error} />}
        </section>
      )}
      {me.role === 'platform_admin' && <VerifyChain />}
    </>
  );
}

function AuditRow({ entry: e, onActor }: { entry: AuditEntry; onActor: (actorId: string) => void }) {
  return (
    <tr>
      <td>
        {formatDateTime(e.at)}
        <br />
        <span className="muted">#{e.id}</span>
      </td>
      <td>
        {e.actor_id ? (
          <button type="button" className="link-button" onClick={() => onActor(e.actor_id ?? '')} aria-label={`Only the actions of ${e.actor_name ?? e.actor_id}`}>
            {e.actor_name ?? e.actor_id}
          </button>
        ) : (
          <span className="muted">Nobody signed in</span>
        )}
        {e.org_name && (
          <>
            <br />
            <span className="muted">{e.org_name}</span>
          </>
        )}
      </td>
      <th scope="row">{actionInWords(e.action)}</th>
      <td>
        {objectTypeInWords(e.object_type)}
        <br />
        <code className="muted">{e.object_id}</code>
      </td>
      <td>
        <BeforeAfter entry={e} />
      </td>
      <td>
        <code className="muted">{e.request_id}</code>
        {e.ip && (
          <>
            <br />
            <span className="muted">from {e.ip}</span>
          </>
        )}
      </td>
    </tr>
  );
}
