import { api } from './client';
import { downloadFrom, type Download } from './download';
import { unwrap, unwrapWithResponse } from './problem';
import type { operations } from './schema';

type Json<O extends keyof operations> = operations[O] extends { responses: { 200: { content: { 'application/json': infer T } } } } ? T : never;

export type HoursReport = Json<'reportHours'>;
export type MattersReport = Json<'reportMatters'>;
export type TimeToMatchReport = Json<'reportTimeToMatch'>;
export type UnmetNeedReport = Json<'reportUnmetNeed'>;
export type HoursGrouping = HoursReport['group_by'];

export type ReportName = 'hours' | 'matters' | 'time-to-match' | 'unmet-need';

/** What a report is asked for: its period (both days included) and, for hours, how they are grouped. */
export interface ReportRequest {
  report: ReportName;
  from: string;
  to: string;
  group_by: HoursGrouping;
}

export type Report =
  | { report: 'hours'; data: HoursReport }
  | { report: 'matters'; data: MattersReport }
  | { report: 'time-to-match'; data: TimeToMatchReport }
  | { report: 'unmet-need'; data: UnmetNeedReport };

const periodOf = ({ from, to }: ReportRequest) => ({ from, to });

// The schema lets each report answer JSON or CSV; asked without format=csv, they answer JSON.
const json = <T>(body: T | string) => body as T;

/** A report as JSON, to show as a table. */
export async function getReport(request: ReportRequest): Promise<Report> {
  const query = periodOf(request);
  switch (request.report) {
    case 'hours': {
      const data = await unwrap(api.GET('/reports/hours', { params: { query: { ...query, group_by: request.group_by } } }));
      return { report: 'hours', data: json(data) };
    }
    case 'matters':
      return { report: 'matters', data: json(await unwrap(api.GET('/reports/matters', { params: { query } }))) };
    case 'time-to-match':
      return { report: 'time-to-match', data: json(await unwrap(api.GET('/reports/time-to-match', { params: { query } }))) };
    case 'unmet-need':
      return { report: 'unmet-need', data: json(await unwrap(api.GET('/reports/unmet-need', { params: { query } }))) };
  }
}

/** A report as a CSV file, fetched with the session's token (a plain link would carry none). */
export async function downloadReport(request: ReportRequest): Promise<Download> {
  const query = { ...periodOf(request), format: 'csv' as const };
  const asFile = { parseAs: 'blob' as const };
  const pending =
    request.report === 'hours'
      ? api.GET('/reports/hours', { params: { query: { ...query, group_by: request.group_by } }, ...asFile })
      : request.report === 'matters'
        ? api.GET('/reports/matters', { params: { query }, ...asFile })
        : request.report === 'time-to-match'
          ? api.GET('/reports/time-to-match', { params: { query }, ...asFile })
          : api.GET('/reports/unmet-need', { params: { query }, ...asFile });
  const { data, response } = await unwrapWithResponse<{ data?: Blob; error?: unknown; response: Response }>(pending);
  return downloadFrom(data, response, `${request.report}-${request.from}-${request.to}.csv`);
}
