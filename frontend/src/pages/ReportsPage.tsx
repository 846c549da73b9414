import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { downloadReport, getReport, type HoursGrouping, type ReportName, type ReportRequest } from '../api/reports';
import { queryKeys } from '../api/queryKeys';
import { useCurrentUser } from '../auth/currentUser';
import { ErrorAlert } from '../components/ErrorAlert';
import { lastTwelveMonths } from '../components/PeriodFields';
import { PeriodForm } from '../components/PeriodForm';
import { QueryState } from '../components/QueryState';
import { saveFile } from '../components/saveFile';
import { SelectField } from '../components/SelectField';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { formatDay } from '../forms/format';
import { GROUPING_LABELS, REPORT_LABELS, REPORT_SUMMARIES } from './reports/reportChoices';
import { ReportTable } from './reports/ReportTable';

const options = <V extends string>(labels: Record<V, string>) => (Object.keys(labels) as V[]).map((value) => ({ value, label: labels[value] }));

/**
 * Reports to read on the page or download as CSV for a board, a funder or a billing system: hours,
 * matters, time to match and unmet need, over a period. Each organisation sees its own figures.
 */
export function ReportsPage() {
  useDocumentTitle('Reports');
  const me = useCurrentUser();
  const [draft, setDraft] = useState<Pick<ReportRequest, 'report' | 'group_by'>>({ report: 'hours', group_by: 'month' });
  const [request, setRequest] = useState<ReportRequest>(() => ({ ...draft, ...lastTwelveMonths() }));
  const report = useQuery({ queryKey: queryKeys.report(request), queryFn: () => getReport(request) });
  const download = useMutation({
    mutationFn: downloadReport,
    onSuccess: ({ file, filename }) => saveFile(file, filename),
  });

  return (
    <>
      <h1>Reports</h1>
      <p className="lead">
        {me.role === 'platform_admin' ? 'Figures for the whole platform.' : `Figures for ${me.organization.name}.`} Read a report here or
        download it as a CSV file for a spreadsheet.
      </p>
      <section className="card" aria-label="Choose a report">
        <PeriodForm name="Choose a report" period={request} onApply={(period) => setRequest({ ...draft, ...period })}>
          <SelectField<ReportName> label="Report" value={draft.report} options={options(REPORT_LABELS)} onChange={(name) => setDraft({ ...draft, report: name })} />
          {draft.report === 'hours' && (
            <SelectField<HoursGrouping>
              label="Group by"
              value={draft.group_by}
              options={options(GROUPING_LABELS)}
              onChange={(group_by) => setDraft({ ...draft, group_by })}
            />
          )}
        </PeriodForm>
      </section>
      <section className="card" aria-labelledby="report-heading">
        <div className="page-heading">
          <h2 id="report-heading">
            {REPORT_LABELS[request.report]}
            {request.report === 'hours' && ` by ${GROUPING_LABELS[request.group_by].toLowerCase()}`}
          </h2>
          <button type="button" className="button button-secondary" disabled={download.isPending} onClick={() => download.mutate(request)}>
            {download.isPending ? 'Preparing the file…' : 'Download CSV'}
          </button>
        </div>
        <p>{REPORT_SUMMARIES[request.report]}</p>
        {download.isError && <ErrorAlert error={download.error} />}
        <QueryState query={report} loadingLabel="Preparing the report…">
          {(shown) => (
            <>
              <p className="muted">
                From {formatDay(shown.data.from)} to {formatDay(shown.data.to)}.
              </p>
              {shown.data.items.length === 0 ? <p>Nothing to report in this period.</p> : <ReportTable report={shown} />}
            </>
          )}
        </QueryState>
      </section>
    </>
  );
}
