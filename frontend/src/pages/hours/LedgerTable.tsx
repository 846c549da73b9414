import { useInfiniteQuery } from '@tanstack/react-query';
import { listCreditLedger } from '../../api/credit';
import { queryKeys } from '../../api/queryKeys';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { hoursFigure } from '../../domain/hours';
import { formatDay } from '../../forms/format';

/** Each approved entry's credit in the year and the ledger's reason for it: the cap, an ineligible activity, the ratio. */
export function LedgerTable({ attorneyId, fiscalYear }: { attorneyId: string; fiscalYear: number }) {
  const ledger = useInfiniteQuery({
    queryKey: queryKeys.creditLedger(attorneyId, fiscalYear),
    queryFn: ({ pageParam }) => listCreditLedger(attorneyId, fiscalYear, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor,
  });
  const rows = ledger.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="card" aria-labelledby="ledger-heading">
      <h2 id="ledger-heading">Credit ledger</h2>
      {ledger.isPending ? (
        <Loading label="Loading the ledger…" />
      ) : !ledger.data ? (
        <ErrorAlert error={ledger.error} />
      ) : rows.length === 0 ? (
        <p>No approved entries in this fiscal year yet.</p>
      ) : (
        <>
          <DataTable columns={['Work date', 'Hours', 'Credited', 'Why']}>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">{formatDay(r.work_date)}</th>
                <td className="figure">{hoursFigure(r.hours)}</td>
                <td className="figure">{hoursFigure(r.credited_hours)}</td>
                <td>
                  {r.cap_applied && <span className="badge badge-entry-rejected">Cap reached</span>} {r.reason}
                </td>
              </tr>
            ))}
          </DataTable>
          {ledger.hasNextPage && (
            <div className="form-actions">
              <button type="button" className="button button-secondary" disabled={ledger.isFetchingNextPage} onClick={() => void ledger.fetchNextPage()}>
                {ledger.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
