import type { Report } from '../../api/reports';
import { DataTable } from '../../components/DataTable';
import { formatMonth, hoursInWords, hoursSpanInWords } from '../../forms/format';
import { GROUPING_LABELS } from './reportChoices';

const count = (n: number) => n.toLocaleString('en-US');
const hours = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
const span = (median: number | null, p90: number | null) =>
  median === null ? '—' : `${hoursSpanInWords(median)} (90% within ${hoursSpanInWords(p90 ?? median)})`;

/** A report's rows as a table, its figures in words where a number alone would puzzle. */
export function ReportTable({ report }: { report: Report }) {
  switch (report.report) {
    case 'hours': {
      const total = report.data.items.reduce((sum, item) => sum + item.hours, 0);
      return (
        <>
          <p>{hoursInWords(total)} approved in all.</p>
          <DataTable columns={[GROUPING_LABELS[report.data.group_by], 'Hours', 'Entries']}>
            {report.data.items.map((item) => (
              <tr key={item.key ?? 'none'}>
                <th scope="row">{item.key === null && report.data.group_by === 'partnership' ? 'Outside any partnership' : item.label}</th>
                <td>{hours(item.hours)}</td>
                <td>{count(item.entries)}</td>
              </tr>
            ))}
          </DataTable>
        </>
      );
    }
    case 'matters':
      return (
        <DataTable columns={['Month', 'Opened', 'Closed', 'Withdrawn']}>
          {report.data.items.map((item) => (
            <tr key={item.month}>
              <th scope="row">{formatMonth(item.month)}</th>
              <td>{count(item.opened)}</td>
              <td>{count(item.closed)}</td>
              <td>{count(item.withdrawn)}</td>
            </tr>
          ))}
        </DataTable>
      );
    case 'time-to-match':
      return (
        <DataTable columns={['Month submitted', 'Referrals', 'Offered', 'Accepted', 'Time to first offer (median)', 'Time to acceptance (median)']}>
          {report.data.items.map((item) => (
            <tr key={item.month}>
              <th scope="row">{formatMonth(item.month)}</th>
              <td>{count(item.referrals)}</td>
              <td>{count(item.offered)}</td>
              <td>{count(item.accepted)}</td>
              <td>{span(item.first_offer_median_hours, item.first_offer_p90_hours)}</td>
              <td>{span(item.acceptance_median_hours, item.acceptance_p90_hours)}</td>
            </tr>
          ))}
        </DataTable>
      );
    case 'unmet-need':
      return (
        <DataTable columns={['Practice area', 'Jurisdiction', 'Referrals nobody took', 'Of them offered to someone']}>
          {report.data.items.map((item) => (
            <tr key={`${item.practice_area} ${item.jurisdiction}`}>
              <th scope="row">{item.practice_area_name}</th>
              <td>{item.jurisdiction_name}</td>
              <td>{count(item.referrals)}</td>
              <td>{count(item.offered)}</td>
            </tr>
          ))}
        </DataTable>
      );
  }
}
