import type { ReferralFilters, ReferralSort } from '../../api/referrals';
import { useJurisdictions } from '../../api/useReference';
import { CodeSelect } from '../../components/CodeSelect';
import { PracticeAreaSelect } from '../../components/PracticeAreaSelect';
import { SelectField } from '../../components/SelectField';
import { STATUSES, STATUS_LABELS, URGENCIES, URGENCY_LABELS } from '../../domain/referrals';
import type { ReferralStatus, Urgency } from '../../api/types';

const SORT_LABELS: Record<ReferralSort, string> = {
  created: 'Newest first',
  deadline: 'Earliest deadline first',
  urgency: 'Most urgent first',
};

interface ReferralFilterBarProps {
  filters: ReferralFilters;
  onChange: (filters: ReferralFilters) => void;
  /** Law firms see open referrals only, so a status filter helps only the referring organisation. */
  showStatus: boolean;
}

export function ReferralFilterBar({ filters, onChange, showStatus }: ReferralFilterBarProps) {
  const jurisdictions = useJurisdictions();
  const set = <K extends keyof ReferralFilters>(key: K) => (value: string) =>
    onChange({ ...filters, [key]: value || undefined });
  return (
    <div className="filter-bar" role="group" aria-label="Filter and sort referrals">
      {showStatus && (
        <SelectField<ReferralStatus | ''>
          label="Status"
          value={filters.status ?? ''}
          options={[{ value: '', label: 'Any status' }, ...STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] }))]}
          onChange={set('status')}
        />
      )}
      <PracticeAreaSelect label="Practice area" emptyLabel="Any practice area" value={filters.practice_area ?? ''} onChange={set('practice_area')} />
      <CodeSelect
        label="Jurisdiction"
        emptyLabel="Any jurisdiction"
        items={jurisdictions.data}
        value={filters.jurisdiction ?? ''}
        onChange={set('jurisdiction')}
      />
      <SelectField<Urgency | ''>
        label="Urgency"
        value={filters.urgency ?? ''}
        options={[{ value: '', label: 'Any urgency' }, ...URGENCIES.map((value) => ({ value, label: URGENCY_LABELS[value] }))]}
        onChange={set('urgency')}
      />
      <SelectField<ReferralSort>
        label="Sort"
        value={filters.sort ?? 'created'}
        options={(Object.keys(SORT_LABELS) as ReferralSort[]).map((value) => ({ value, label: SORT_LABELS[value] }))}
        onChange={(sort) => onChange({ ...filters, sort: sort === 'created' ? undefined : sort })}
      />
    </div>
  );
}
