import type { ImportReport } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { RecheckProgress } from './RecheckProgress';

const count = (n: number) => n.toLocaleString('en-US');

export function ImportReportView({ report }: { report: ImportReport }) {
  return (
    <section aria-labelledby="report-heading" className="import-report">
      <h3 id="report-heading">Import report</h3>
      <p role="status" className={report.committed ? 'alert alert-success' : 'alert alert-error'}>
        {report.committed
          ? `Imported: ${count(report.accepted)} ${report.accepted === 1 ? 'entry was' : 'entries were'} added to the registry.`
          : report.mode === 'all_or_nothing' && report.rejected > 0
            ? 'Nothing was imported: some lines have errors, and you chose all or nothing.'
            : 'Nothing was imported.'}
      </p>
      <dl className="summary">
        <dt>Committed</dt>
        <dd>{report.committed ? 'Yes' : 'No'}</dd>
        <dt>Accepted lines</dt>
        <dd>{count(report.accepted)}</dd>
        <dt>Rejected lines</dt>
        <dd>{count(report.rejected)}</dd>
      </dl>
      {report.recheck && <RecheckProgress initial={report.recheck} />}
      {report.errors.length > 0 && (
        <>
          <h4>Rejected lines{report.errors_truncated && ' (showing first 1,000)'}</h4>
          <DataTable columns={['Line', 'Reason']}>
            {report.errors.map((e) => (
              <tr key={e.line}>
                <td>{e.line}</td>
                <td>{e.reason}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </section>
  );
}
