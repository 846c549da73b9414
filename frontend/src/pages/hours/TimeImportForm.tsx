import { useMutation, useQueryClient } from '@tanstack/react-query';
import { invalidateAfterTime } from '../../api/invalidate';
import { importTimeEntries } from '../../api/timeEntries';
import type { TimeImportReport } from '../../api/types';
import { CsvUploadForm } from '../../components/CsvUploadForm';
import { DataTable } from '../../components/DataTable';

const EXAMPLE = `external_id,attorney_email,matter_id,date,hours,activity,narrative,rate
TK-10442,priya@hartwell.example,0b7c2c1e-0000-4000-8000-0000000000a1,2026-11-30,1.5,research,Habitability defences,450.00
TK-10443,priya@hartwell.example,0b7c2c1e-0000-4000-8000-0000000000a1,12/01/2026,0.3,A106,Call with the client,`;

const count = (n: number) => n.toLocaleString('en-US');
const entries = (n: number) => (n === 1 ? '1 entry' : `${count(n)} entries`);
const rows = (n: number) => (n === 1 ? '1 row' : `${count(n)} rows`);

/**
 * Sends a CSV file from the firm's timekeeping system; its rows become submitted entries, waiting in
 * the approval queue, all of them or none.
 */
export function TimeImportForm() {
  const queryClient = useQueryClient();
  const upload = useMutation({
    mutationFn: importTimeEntries,
    onSuccess: (report) => {
      if (report.committed) void invalidateAfterTime(queryClient);
    },
  });

  return (
    <>
      <p>
        The first line names the columns, in any order: <code>external_id</code> (your system’s id of the entry),{' '}
        <code>attorney_email</code>, <code>matter_id</code> (the matter’s id here, as the export gives it), <code>date</code>{' '}
        (YYYY-MM-DD or MM/DD/YYYY), <code>hours</code> or <code>minutes</code>, <code>activity</code> (such as{' '}
        <code>research</code>, or its UTBMS code such as <code>A102</code>), <code>narrative</code> and, if you like,{' '}
        <code>rate</code> in dollars an hour. For example:
      </p>
      <pre className="example">{EXAMPLE}</pre>
      <p>
        The rows are checked as time logged here is and recorded as submitted entries, to approve in the queue. It is all or
        nothing: if any row is at fault, nothing is imported and the faults are listed by line. A row whose <code>external_id</code>{' '}
        was imported before is skipped, so sending the same file twice adds nothing.
      </p>
      <CsvUploadForm name="Import time" submitLabel="Import" busy={upload.isPending} error={upload.error} onUpload={upload.mutate} onChoose={upload.reset} />
      {upload.isSuccess && <TimeImportReportView report={upload.data} />}
    </>
  );
}

function outcome(report: TimeImportReport): string {
  if (!report.committed) {
    return report.errors.length > 0
      ? 'Nothing was imported: some rows are at fault, and an import is all or nothing. Correct them and send the whole file again.'
      : 'Nothing was imported.';
  }
  if (report.created === 0) return `Nothing new: ${report.skipped === 0 ? 'the file has no rows' : 'every row was imported before'}.`;
  return `Imported ${entries(report.created)}, waiting for approval.`;
}

function TimeImportReportView({ report }: { report: TimeImportReport }) {
  return (
    <section aria-labelledby="time-import-heading" className="import-report">
      <h3 id="time-import-heading">Import report</h3>
      <p role="status" className={report.committed ? 'alert alert-success' : 'alert alert-error'}>
        {outcome(report)}
      </p>
      <dl className="summary">
        <dt>Created</dt>
        <dd>{entries(report.created)}</dd>
        <dt>Skipped, already imported</dt>
        <dd>{rows(report.skipped)}</dd>
        <dt>Errors</dt>
        <dd>{count(report.errors.length)}</dd>
      </dl>
      {report.errors.length > 0 && (
        <>
          <h4>Rows at fault{report.errors_truncated && ' (the first 100)'}</h4>
          <DataTable columns={['Line', 'Column', 'Problem']}>
            {report.errors.map((e, i) => (
              <tr key={i}>
                <td>{e.line}</td>
                <td>{e.field ? <code>{e.field}</code> : 'The whole row'}</td>
                <td>{e.detail}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </section>
  );
}
