import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { getAttorney, putAttorney } from '../../api/attorneys';
import { queryKeys } from '../../api/queryKeys';
import type { AttorneyProfile } from '../../api/types';
import { CheckboxField } from '../../components/CheckboxField';
import { Notice } from '../../components/Notice';
import { ChangedMeanwhile, isChangedMeanwhile } from '../../components/ChangedMeanwhile';
import { PathFormAlert } from '../../components/PathFormAlert';
import { SelectField } from '../../components/SelectField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { WORK_MODES, WORK_MODE_LABELS } from '../../domain/attorneys';
import { fromProfile, LIMITS, toProfileInput, validateAttorneyForm, type AttorneyForm } from '../../forms/attorneyProfileForm';
import { fieldErrorsByPath, type PathErrors } from '../../forms/fieldPaths';
import { focusFirstInvalid } from '../../forms/focusFirstInvalid';
import { AvailabilityRows } from './AvailabilityRows';
import { BarAdmissionRows } from './BarAdmissionRows';
import { BlackoutRows } from './BlackoutRows';
import { LanguagePicker } from './LanguagePicker';
import { PracticeAreaRows } from './PracticeAreaRows';

const LISTS = /^(bar_admissions|practice_areas|languages|availability|blackouts)(\[\d+\]|$)/;
const SCALARS = new Set(['monthly_hour_budget', 'max_active_matters', 'annual_goal_hours', 'work_mode']);
const isPlaced = (path: string) => LISTS.test(path) || SCALARS.has(path);

/** The whole profile, saved at once (PUT replaces it). Read-only when `readOnly`. */
export function AttorneyProfileForm({ profile, readOnly }: { profile: AttorneyProfile; readOnly: boolean }) {
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState<AttorneyForm>(() => fromProfile(profile));
  const [clientErrors, setClientErrors] = useState<PathErrors>({});

  const mutation = useMutation({
    mutationFn: () => putAttorney(profile.user_id, toProfileInput(form), profile.version),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.attorney(saved.user_id), saved);
      void queryClient.invalidateQueries({ queryKey: queryKeys.attorneys, exact: true });
    },
    onError: () => focusFirstInvalid(formRef.current),
  });

  const set = <K extends keyof AttorneyForm>(field: K) => (value: AttorneyForm[K]) => {
    setForm((f) => ({ ...f, [field]: value }));
    if (mutation.isSuccess) mutation.reset();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateAttorneyForm(form);
    setClientErrors(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(formRef.current);
    mutation.mutate();
  };

  const reload = async () => {
    const fresh = await queryClient.fetchQuery({ queryKey: queryKeys.attorney(profile.user_id), queryFn: () => getAttorney(profile.user_id), staleTime: 0 });
    mutation.reset();
    setForm(fromProfile(fresh));
  };

  const errors = { ...fieldErrorsByPath(mutation.error), ...clientErrors };
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="wide-form">
      {isChangedMeanwhile(mutation.error) ? (
        <ChangedMeanwhile subject="this profile" outcome="Your edits on this page were not saved." onReload={reload} />
      ) : (
        <PathFormAlert error={mutation.error} isPlaced={isPlaced} />
      )}
      <fieldset disabled={readOnly} className="plain-fieldset">
        <fieldset className="card">
          <legend>Bar admissions</legend>
          <BarAdmissionRows rows={form.bar_admissions} onChange={set('bar_admissions')} errors={errors} />
        </fieldset>
        <fieldset className="card">
          <legend>Practice areas</legend>
          <p className="field-hint">Include areas you are new to but willing to learn, with a mentor if needed.</p>
          <PracticeAreaRows rows={form.practice_areas} onChange={set('practice_areas')} errors={errors} />
        </fieldset>
        <fieldset className="card">
          <legend>Languages</legend>
          <LanguagePicker codes={form.languages} onChange={set('languages')} errors={errors} />
        </fieldset>
        <fieldset className="card">
          <legend>Weekly availability</legend>
          <AvailabilityRows rows={form.availability} onChange={set('availability')} errors={errors} />
        </fieldset>
        <fieldset className="card">
          <legend>Unavailable periods</legend>
          <p className="field-hint">Holidays, trials or other times you cannot take on work.</p>
          <BlackoutRows rows={form.blackouts} onChange={set('blackouts')} errors={errors} />
        </fieldset>
        <fieldset className="card">
          <legend>Capacity and preferences</legend>
          <div className="field-grid">
            <TextField
              label="Hours per month"
              hint={`0 to ${LIMITS.monthly_hour_budget}`}
              inputMode="numeric"
              value={form.monthly_hour_budget}
              onChange={set('monthly_hour_budget')}
              error={errors.monthly_hour_budget}
            />
            <TextField
              label="Most active matters at once"
              hint={`0 to ${LIMITS.max_active_matters}`}
              inputMode="numeric"
              value={form.max_active_matters}
              onChange={set('max_active_matters')}
              error={errors.max_active_matters}
            />
            <TextField
              label="Yearly pro bono goal (hours)"
              hint={`0 to ${LIMITS.annual_goal_hours.toLocaleString('en-US')}`}
              inputMode="numeric"
              value={form.annual_goal_hours}
              onChange={set('annual_goal_hours')}
              error={errors.annual_goal_hours}
            />
            <SelectField
              label="Work mode"
              value={form.work_mode}
              options={WORK_MODES.map((value) => ({ value, label: WORK_MODE_LABELS[value] }))}
              onChange={set('work_mode')}
              error={errors.work_mode}
            />
          </div>
          <CheckboxField
            label="Accepts mentored matters"
            hint="Matters where the referring nonprofit provides a mentor."
            checked={form.accepts_mentored}
            onChange={set('accepts_mentored')}
          />
        </fieldset>
      </fieldset>
      {!readOnly && (
        <div className="form-actions">
          <SubmitButton busy={mutation.isPending} label="Save profile" busyLabel="Saving…" />
          {mutation.isSuccess && <Notice>The profile has been saved.</Notice>}
        </div>
      )}
    </form>
  );
}
