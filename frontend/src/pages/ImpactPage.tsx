import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { listOrganizations } from '../api/organizations';
import { getImpact } from '../api/outcomes';
import { queryKeys } from '../api/queryKeys';
import { useCurrentUser } from '../auth/currentUser';
import { lastTwelveMonths } from '../components/PeriodFields';
import { PeriodForm } from '../components/PeriodForm';
import { QueryState } from '../components/QueryState';
import { SelectField } from '../components/SelectField';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { REFERRING_KINDS } from '../domain/referrals';
import { formatDay } from '../forms/format';
import { ImpactReport } from './impact/ImpactReport';

/** Platform admins look at one referring organisation, or every one together. */
function OrganizationChoice({ value, onChange }: { value: string; onChange: (orgId: string) => void }) {
  const organizations = useQuery({ queryKey: queryKeys.organizations, queryFn: listOrganizations });
  const referrers = (organizations.data ?? []).filter((o) => REFERRING_KINDS.includes(o.kind));
  return (
    <SelectField
      label="Organisation"
      value={value}
      options={[{ value: '', label: 'Every referring organisation' }, ...referrers.map((o) => ({ value: o.id, label: o.name }))]}
      onChange={onChange}
    />
  );
}

/**
 * What a referring organisation's referrals came to, for its funders and its board: how fast they
 * were placed, matches per month, outcomes, client satisfaction, and the need nobody met.
 */
export function ImpactPage() {
  useDocumentTitle('Impact');
  const me = useCurrentUser();
  const admin = me.role === 'platform_admin';
  const [period, setPeriod] = useState(lastTwelveMonths);
  const [orgChoice, setOrgChoice] = useState('');
  const [orgId, setOrgId] = useState('');
  const request = { ...period, org_id: orgId || undefined };
  const impact = useQuery({ queryKey: queryKeys.impact(request), queryFn: () => getImpact(request) });

  return (
    <>
      <h1>Impact</h1>
      <p className="lead">
        {admin
          ? 'What referrals came to: placement, outcomes, satisfaction and unmet need.'
          : `What the referrals of ${me.organization.name} came to: how fast they were placed, how the matters ended, what clients said, and the need nobody met.`}
      </p>
      <section className="card" aria-label="Period">
        <PeriodForm
          name="Choose the period"
          period={period}
          onApply={(next) => {
            setPeriod(next);
            setOrgId(orgChoice);
          }}
        >
          {admin && <OrganizationChoice value={orgChoice} onChange={setOrgChoice} />}
        </PeriodForm>
      </section>
      <QueryState query={impact} loadingLabel="Counting…">
        {(figures) => (
          <>
            <p>
              Referrals submitted from {formatDay(figures.from)} to {formatDay(figures.to)}.
            </p>
            <ImpactReport impact={figures} />
          </>
        )}
      </QueryState>
    </>
  );
}
