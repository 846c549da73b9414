import type { HoursGrouping, ReportName } from '../../api/reports';

export const REPORT_LABELS: Record<ReportName, string> = {
  hours: 'Hours',
  matters: 'Matters opened and closed',
  'time-to-match': 'Time to offer and acceptance',
  'unmet-need': 'Unmet need',
};

export const REPORT_SUMMARIES: Record<ReportName, string> = {
  hours: 'Approved pro bono hours, by whole months.',
  matters: 'Matters opened, closed and withdrawn each month.',
  'time-to-match': 'How long referrals submitted each month waited for a first offer and for an attorney to accept.',
  'unmet-need': 'Referrals nobody took, by practice area and jurisdiction.',
};

export const GROUPING_LABELS: Record<HoursGrouping, string> = {
  month: 'Month',
  attorney: 'Attorney',
  practice_area: 'Practice area',
  referrer: 'Referring organisation',
  partnership: 'Partnership',
};
