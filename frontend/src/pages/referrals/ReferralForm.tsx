import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { queryKeys } from '../../api/queryKeys';
import { createReferral, transitionReferral, updateReferral } from '../../api/referrals';
import type { Referral } from '../../api/types';
import { useJurisdictions, useLanguages } from '../../api/useReference';
import { ChangedMeanwhile, isChangedMeanwhile } from '../../components/ChangedMeanwhile';
import { CheckboxField } from '../../components/CheckboxField';
import { CodeSelect } from '../../components/CodeSelect';
import { PathFormAlert } from '../../components/PathFormAlert';
import { PracticeAreaSelect } from '../../components/PracticeAreaSelect';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import { URGENCIES, URGENCY_LABELS } from '../../domain/referrals';
import { fieldErrorsByPath, type PathErrors } from '../../forms/fieldPaths';
import { focusFirstInvalid } from '../../forms/focusFirstInvalid';
import { todayIso } from '../../forms/numbers';
import { randomId } from '../../forms/randomId';
import {
  emptyReferralForm,
  fromReferral,
  SUMMARY_MAX,
  SUMMARY_MIN,
  toReferralInput,
  validateReferralForm,
  type ReferralForm as Form,
} from '../../forms/referralForm';
import { ClientFields } from './ClientFields';
import { PartyRows } from './PartyRows';

type Intent = 'save' | 'submit';

// Paths with a place on this form; the server's messages for any other are listed in the alert.
const PLACED = new Set([
  'practice_area', 'jurisdiction', 'language', 'summary', 'urgency', 'deadline', 'estimated_hours',
  'eligibility.household_size', 'eligibility.annual_income',
  'client.name', 'client.email', 'client.phone', 'client.address', 'client.date_of_birth', 'client.notes', 'parties',
]);
const isPlaced = (path: string) => PLACED.has(path) || /^parties\[\d+\]/.test(path);

/** Creates a referral (no `referral`) or edits one. */
export function ReferralForm({ referral }: { referral?: Referral }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const jurisdictions = useJurisdictions();
  const languages = useLanguages();
  const [form, setForm] = useState<Form>(() => (referral ? fromReferral(referral) : emptyReferralForm()));
  const [clientErrors, setClientErrors] = useState<PathErrors>({});
  // One key per form: a double click, or a retry after a lost answer, creates one referral.
  const [idempotencyKey] = useState(randomId);

  const mutation = useMutation({
    mutationFn: async (intent: Intent): Promise<Referral> => {
      if (!referral) return createReferral(toReferralInput(form, intent === 'submit'), idempotencyKey);
      const saved = await updateReferral(referral.id, toReferralInput(form), referral.version);
      return intent === 'submit' ? transitionReferral(referral.id, 'submitted', saved.version) : saved;
    },
    onSuccess: (saved, intent) => {
      queryClient.setQueryData(queryKeys.referral(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: queryKeys.referrals });
      const notice = intent === 'submit' ? 'The referral has been submitted.' : referral ? 'Your changes have been saved.' : 'The draft has been saved.';
      navigate(`/referrals/${saved.id}`, { state: { notice } });
    },
    onError: () => focusFirstInvalid(formRef.current),
  });

  const set = <K extends keyof Form>(field: K) => (value: Form[K]) => setForm((f) => ({ ...f, [field]: value }));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const intent: Intent = submitter?.value === 'submit' ? 'submit' : 'save';
    const found = validateReferralForm(form);
    setClientErrors(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(formRef.current);
    mutation.mutate(intent);
  };

  const errors = { ...fieldErrorsByPath(mutation.error), ...clientErrors };
  const canSubmit = !referral || referral.status === 'draft';

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="wide-form">
      {referral && isChangedMeanwhile(mutation.error) ? (
        <ChangedMeanwhile
          subject="this referral"
          outcome="Your edits on this page were not saved."
          // The page starts the form afresh from the version it loads.
          onReload={() => void queryClient.invalidateQueries({ queryKey: queryKeys.referral(referral.id) })}
        />
      ) : (
        <PathFormAlert error={mutation.error} isPlaced={isPlaced} />
      )}
      <fieldset className="card">
        <legend>The matter</legend>
        <div className="field-grid">
          <PracticeAreaSelect
            label="Practice area"
            emptyLabel="Choose a practice area"
            value={form.practice_area}
            onChange={set('practice_area')}
            error={errors.practice_area}
          />
          <CodeSelect
            label="Jurisdiction"
            emptyLabel="Choose a jurisdiction"
            items={jurisdictions.data}
            value={form.jurisdiction}
            onChange={set('jurisdiction')}
            error={errors.jurisdiction}
          />
          <CodeSelect
            label="Client's language"
            emptyLabel="English / not needed"
            items={languages.data}
            value={form.language}
            onChange={set('language')}
            error={errors.language}
          />
        </div>
        <TextAreaField
          label="Summary"
          hint={`The legal problem in ${SUMMARY_MIN} to ${SUMMARY_MAX.toLocaleString('en-US')} characters. Volunteers see this before they take the matter, so leave out the client's name.`}
          value={form.summary}
          onChange={set('summary')}
          error={errors.summary}
          rows={5}
          required
        />
        <div className="field-grid">
          <SelectField
            label="Urgency"
            value={form.urgency}
            options={URGENCIES.map((value) => ({ value, label: URGENCY_LABELS[value] }))}
            onChange={set('urgency')}
            error={errors.urgency}
          />
          <TextField label="Deadline" type="date" min={todayIso()} value={form.deadline} onChange={set('deadline')} error={errors.deadline} />
          <TextField
            label="Estimated hours"
            inputMode="numeric"
            value={form.estimated_hours}
            onChange={set('estimated_hours')}
            error={errors.estimated_hours}
          />
        </div>
        <CheckboxField label="Limited scope (brief service or one task)" checked={form.limited_scope} onChange={set('limited_scope')} />
        <CheckboxField label="The attorney may work remotely" checked={form.remote_allowed} onChange={set('remote_allowed')} />
        <CheckboxField
          label="A less experienced attorney may take this under a mentor"
          checked={form.mentored_ok}
          onChange={set('mentored_ok')}
        />
      </fieldset>

      <fieldset className="card">
        <legend>Eligibility</legend>
        <div className="field-grid">
          <TextField
            label="Household size"
            inputMode="numeric"
            value={form.household_size}
            onChange={set('household_size')}
            error={errors['eligibility.household_size']}
            required
          />
          <TextField
            label="Annual household income (US dollars)"
            inputMode="numeric"
            value={form.annual_income}
            onChange={set('annual_income')}
            error={errors['eligibility.annual_income']}
            required
          />
        </div>
        <p className="field-hint">The percentage of the federal poverty guideline is worked out from these when you save.</p>
      </fieldset>

      <fieldset className="card">
        <legend>Client</legend>
        <p className="alert alert-info">Client details are shared only with the attorney who takes the matter.</p>
        <ClientFields client={form.client} onChange={set('client')} errors={errors} />
      </fieldset>

      <fieldset className="card">
        <legend>Parties</legend>
        <p className="field-hint">
          Everyone involved: the client, the other side and related people or companies. Law firms check these names
          for conflicts of interest.
        </p>
        <PartyRows rows={form.parties} onChange={set('parties')} errors={errors} clientName={form.client.name} />
      </fieldset>

      <div className="form-actions">
        <button type="submit" name="intent" value="save" className="button button-secondary" disabled={mutation.isPending}>
          {referral ? 'Save changes' : 'Save draft'}
        </button>
        {canSubmit && (
          <button type="submit" name="intent" value="submit" className="button button-primary" disabled={mutation.isPending}>
            {referral ? 'Save and submit' : 'Submit'}
          </button>
        )}
        {mutation.isPending && (
          <span role="status" className="muted">
            Saving…
          </span>
        )}
      </div>
    </form>
  );
}
