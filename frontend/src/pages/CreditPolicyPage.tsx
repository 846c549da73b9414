import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { createCreditPolicy, getFirmCredit, listCreditPolicies, putBillableHours } from '../api/credit';
import { queryKeys } from '../api/queryKeys';
import type { ChallengeMeasure, CreditPolicy, MatterEligibility } from '../api/types';
import { useCurrentUser } from '../auth/currentUser';
import { CheckboxField } from '../components/CheckboxField';
import { DataTable } from '../components/DataTable';
import { FormAlert } from '../components/FormAlert';
import { Notice } from '../components/Notice';
import { QueryState } from '../components/QueryState';
import { SelectField } from '../components/SelectField';
import { SubmitButton } from '../components/SubmitButton';
import { TextField } from '../components/TextField';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { MATTER_ELIGIBILITY_LABELS, MEASURE_LABELS, MONTHS } from '../domain/credit';
import { ACTIVITY_LABELS, activityLabel, hoursFigure } from '../domain/hours';
import {
  BILLABLE_MAX,
  LISTED_ACTIVITIES,
  parseDecimal,
  policyInForce,
  policyValues,
  toCreditPolicyInput,
  validateCreditPolicy,
  type CreditPolicyErrors,
  type CreditPolicyValues,
} from '../forms/creditPolicyForm';
import { fieldErrorsByPath } from '../forms/fieldPaths';
import { focusFirstInvalid } from '../forms/focusFirstInvalid';
import { formatDay } from '../forms/format';
import { parseWholeNumber, validateWholeNumber } from '../forms/numbers';

/**
 * A firm's coordinators and admins set how pro bono hours earn billable-hour credit (a new version
 * from a date; credit already granted keeps its version) and enter the firm's billable hours each
 * year, against which the Pro Bono Challenge percentage is counted.
 */
export function CreditPolicyPage() {
  useDocumentTitle('Credit policy');
  const policies = useQuery({ queryKey: queryKeys.creditPolicies, queryFn: listCreditPolicies });
  const [notice, setNotice] = useState('');
  return (
    <>
      <p className="breadcrumb">
        <Link to="/credit">Pro bono credit</Link>
      </p>
      <h1>Credit policy</h1>
      <p className="lead">
        How approved pro bono hours count towards your attorneys’ billable-hour expectations. A change applies from the date you give; credit
        already granted keeps the version it was granted under.
      </p>
      {notice && <Notice>{notice}</Notice>}
      <QueryState query={policies} loadingLabel="Loading the credit policy…">
        {(items) => (
          <>
            <PolicyHistory policies={items} />
            <PolicyForm key={items[0]?.id ?? 'none'} current={policyInForce(items) ?? items[0]} onSaved={setNotice} />
          </>
        )}
      </QueryState>
      <BillableHoursForm onSaved={setNotice} />
    </>
  );
}

const ratioText = (ratio: number) => `${ratio.toLocaleString('en-US')} credit hour${ratio === 1 ? '' : 's'} per hour`;

function PolicyHistory({ policies }: { policies: CreditPolicy[] }) {
  const current = policyInForce(policies);
  if (policies.length === 0) {
    return <p className="card">No credit policy yet: approved hours earn no credit until the firm sets one.</p>;
  }
  return (
    <section className="card" aria-labelledby="versions-heading">
      <h2 id="versions-heading">Versions</h2>
      <DataTable columns={['From', 'Fiscal year starts', 'Cap', 'Credit', 'Counts', 'Matters', 'Challenge measure']}>
        {policies.map((p) => (
          <tr key={p.id}>
            <th scope="row">
              {formatDay(p.effective_from)}
              {p.id === current?.id && <span className="badge badge-active"> In force</span>}
            </th>
            <td>{MONTHS[p.fiscal_year_start_month - 1]}</td>
            <td>{p.annual_cap_hours == null ? 'No cap' : hoursFigure(p.annual_cap_hours)}</td>
            <td>{ratioText(p.credit_ratio)}</td>
            <td>
              {[...p.eligible_activities.map(activityLabel), ...(p.training_counts ? ['Training'] : []), ...(p.supervision_counts ? ['Supervision'] : [])].join(
                ', ',
              ) || 'Nothing'}
            </td>
            <td>{p.matter_eligibility === 'all' ? 'All' : 'Limited means'}</td>
            <td>{p.challenge_measure === 'percentage' ? 'Percentage' : 'Hours per attorney'}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

const PLACED = ['effective_from', 'fiscal_year_start_month', 'annual_cap_hours', 'credit_ratio', 'eligible_activities', 'matter_eligibility', 'challenge_measure'];

function PolicyForm({ current, onSaved }: { current?: CreditPolicy; onSaved: (message: string) => void }) {
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<CreditPolicyValues>(() => policyValues(current));
  const [errors, setErrors] = useState<CreditPolicyErrors>({});
  const save = useMutation({
    mutationFn: () => createCreditPolicy(toCreditPolicyInput(values)),
    onSuccess: (saved) => {
      onSaved(`The new policy applies from ${formatDay(saved.effective_from)}.`);
      void queryClient.invalidateQueries({ queryKey: queryKeys.credit });
    },
    onError: () => focusFirstInvalid(formRef.current),
  });
  const set = <K extends keyof CreditPolicyValues>(key: K) => (value: CreditPolicyValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const server = fieldErrorsByPath(save.error);
  const error = (field: keyof CreditPolicyValues) => errors[field] ?? server[field];

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onSaved('');
    const found = validateCreditPolicy(values);
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(formRef.current);
    save.mutate();
  };
  const toggleActivity = (activity: (typeof LISTED_ACTIVITIES)[number], on: boolean) =>
    set('eligible_activities')(on ? [...values.eligible_activities, activity] : values.eligible_activities.filter((a) => a !== activity));

  return (
    <section className="card" aria-labelledby="policy-form-heading">
      <h2 id="policy-form-heading">{current ? 'Change the policy' : 'Set the policy'}</h2>
      <form ref={formRef} aria-labelledby="policy-form-heading" noValidate onSubmit={onSubmit}>
        <FormAlert error={save.error} fields={PLACED} />
        <TextField label="Applies from" type="date" value={values.effective_from} onChange={set('effective_from')} error={error('effective_from')} />
        <SelectField
          label="Fiscal year starts in"
          value={values.fiscal_year_start_month}
          options={MONTHS.map((m, i) => ({ value: String(i + 1), label: m }))}
          onChange={set('fiscal_year_start_month')}
          error={error('fiscal_year_start_month')}
        />
        <TextField
          label="Annual cap (hours per attorney)"
          hint="The most hours an attorney is credited in a fiscal year; blank for no cap."
          inputMode="decimal"
          value={values.annual_cap_hours}
          onChange={set('annual_cap_hours')}
          error={error('annual_cap_hours')}
        />
        <TextField
          label="Credit per approved hour"
          hint="1 credits an hour for an hour; 0.5 half an hour."
          inputMode="decimal"
          value={values.credit_ratio}
          onChange={set('credit_ratio')}
          error={error('credit_ratio')}
        />
        <fieldset className="checkbox-group">
          <legend>Activities that earn credit</legend>
          {error('eligible_activities') && <p className="field-error">{error('eligible_activities')}</p>}
          {LISTED_ACTIVITIES.map((a) => (
            <CheckboxField key={a} label={ACTIVITY_LABELS[a]} checked={values.eligible_activities.includes(a)} onChange={(on) => toggleActivity(a, on)} />
          ))}
          <CheckboxField
            label="Training"
            hint="Counts only when tied to a matter."
            checked={values.training_counts}
            onChange={set('training_counts')}
          />
          <CheckboxField label="Supervision" checked={values.supervision_counts} onChange={set('supervision_counts')} />
        </fieldset>
        <SelectField<MatterEligibility>
          label="Matters that earn credit"
          value={values.matter_eligibility}
          options={(Object.keys(MATTER_ELIGIBILITY_LABELS) as MatterEligibility[]).map((m) => ({ value: m, label: MATTER_ELIGIBILITY_LABELS[m] }))}
          onChange={set('matter_eligibility')}
          error={error('matter_eligibility')}
        />
        <SelectField<ChallengeMeasure>
          label="Pro Bono Challenge measure"
          value={values.challenge_measure}
          options={(Object.keys(MEASURE_LABELS) as ChallengeMeasure[]).map((m) => ({ value: m, label: MEASURE_LABELS[m] }))}
          onChange={set('challenge_measure')}
          error={error('challenge_measure')}
        />
        <div className="form-actions">
          <SubmitButton busy={save.isPending} label="Save as a new version" busyLabel="Saving…" />
        </div>
      </form>
    </section>
  );
}

function BillableHoursForm({ onSaved }: { onSaved: (message: string) => void }) {
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [hours, setHours] = useState('');
  const [attorneys, setAttorneys] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const chosenYear = parseWholeNumber(year);
  const known = chosenYear !== undefined && chosenYear >= 2000 && chosenYear <= 2100 ? chosenYear : undefined;
  // What was entered for the year so far, read from the firm's Challenge figures.
  const entered = useQuery({
    queryKey: queryKeys.firmCredit(me.organization.id, known),
    queryFn: () => getFirmCredit(me.organization.id, known),
    enabled: known !== undefined,
  });
  const save = useMutation({
    mutationFn: () =>
      putBillableHours(me.organization.id, Number(year), { billable_hours: parseDecimal(hours, 1), attorneys: parseWholeNumber(attorneys) ?? 0 }),
    onSuccess: (saved) => {
      onSaved(`The billable hours for fiscal year ${saved.fiscal_year} have been saved.`);
      void queryClient.invalidateQueries({ queryKey: queryKeys.credit });
    },
    onError: () => focusFirstInvalid(formRef.current),
  });
  const server = fieldErrorsByPath(save.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onSaved('');
    const billable = parseDecimal(hours, 1);
    const found = {
      year: validateWholeNumber(year, { min: 2000, max: 2100, required: true, label: 'the fiscal year' }),
      billable_hours: !hours.trim()
        ? 'Enter the billable hours.'
        : Number.isNaN(billable) || billable > BILLABLE_MAX
          ? `Enter hours in tenths from 0 to ${BILLABLE_MAX.toLocaleString('en-US')}.`
          : undefined,
      attorneys: validateWholeNumber(attorneys, { min: 0, max: 100_000, required: true, label: 'the number of attorneys' }),
    };
    setErrors(found);
    if (Object.values(found).some(Boolean)) return focusFirstInvalid(formRef.current);
    save.mutate();
  };
  const figures = entered.data?.challenge;
  return (
    <section className="card" aria-labelledby="billable-heading">
      <h2 id="billable-heading">Billable hours</h2>
      <p>
        The firm’s client-paying billable hours in a fiscal year and how many attorneys it counts: the Challenge percentage is pro bono hours
        over these hours, and hours per attorney is over this count.
      </p>
      <form ref={formRef} aria-labelledby="billable-heading" noValidate onSubmit={onSubmit}>
        <FormAlert error={save.error} fields={['billable_hours', 'attorneys', 'year']} />
        <TextField label="Fiscal year" inputMode="numeric" value={year} onChange={setYear} error={errors.year ?? server.year} />
        {figures && (
          <p className="muted">
            {figures.billable_hours == null
              ? `Nothing entered for fiscal year ${entered.data?.fiscal_year} yet.`
              : `Entered for fiscal year ${entered.data?.fiscal_year}: ${figures.billable_hours.toLocaleString('en-US')} billable hours, ${figures.attorneys ?? 0} attorneys.`}
          </p>
        )}
        <TextField label="Billable hours" inputMode="decimal" value={hours} onChange={setHours} error={errors.billable_hours ?? server.billable_hours} />
        <TextField label="Attorneys" inputMode="numeric" value={attorneys} onChange={setAttorneys} error={errors.attorneys ?? server.attorneys} />
        <div className="form-actions">
          <SubmitButton busy={save.isPending} label="Save billable hours" busyLabel="Saving…" />
        </div>
      </form>
    </section>
  );
}
