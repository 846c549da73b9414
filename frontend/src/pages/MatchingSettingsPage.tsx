import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { getMatchingSettings, putMatchingSettings } from '../api/matchingSettings';
import { queryKeys } from '../api/queryKeys';
import type { MatchingSettings } from '../api/types';
import { ChangedMeanwhile, isChangedMeanwhile } from '../components/ChangedMeanwhile';
import { FieldFrame } from '../components/FieldFrame';
import { FormAlert } from '../components/FormAlert';
import { Notice } from '../components/Notice';
import { QueryState } from '../components/QueryState';
import { SubmitButton } from '../components/SubmitButton';
import { TextField } from '../components/TextField';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { FACTOR_HINTS, FACTOR_LABELS, FACTORS, percent, type FactorName } from '../domain/matching';
import { URGENCIES, URGENCY_LABELS } from '../domain/referrals';
import { fieldErrorsByPath } from '../forms/fieldPaths';
import { focusFirstInvalid } from '../forms/focusFirstInvalid';
import { formatDateTime } from '../forms/format';
import {
  settingsValues,
  toMatchingSettingsInput,
  validateMatchingSettings,
  weightShares,
  WEIGHT_MAX,
  type MatchingSettingsErrors,
  type MatchingSettingsValues,
} from '../forms/matchingSettingsForm';

/** Platform admins tune how candidates are ranked and how long an offer waits for an answer. */
export function MatchingSettingsPage() {
  useDocumentTitle('Matching settings');
  const settings = useQuery({ queryKey: queryKeys.matchingSettings, queryFn: getMatchingSettings });
  const [saved, setSaved] = useState(false);
  return (
    <>
      <h1>Matching settings</h1>
      <p className="lead">
        How much each score counts when attorneys are ranked for a referral, and how long an offer stays open before it expires and the
        next candidate is asked.
      </p>
      {saved && <Notice>The matching settings have been saved. Rankings and new offers use them from now on.</Notice>}
      <QueryState query={settings} loadingLabel="Loading the matching settings…">
        {/* A new version (saved here, or reloaded after someone else's save) starts the form afresh. */}
        {(loaded) => <MatchingSettingsForm key={loaded.version} settings={loaded} onSaving={() => setSaved(false)} onSaved={() => setSaved(true)} />}
      </QueryState>
    </>
  );
}

interface MatchingSettingsFormProps {
  settings: MatchingSettings;
  onSaving: () => void;
  onSaved: () => void;
}

function MatchingSettingsForm({ settings, onSaving, onSaved }: MatchingSettingsFormProps) {
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<MatchingSettingsValues>(() => settingsValues(settings));
  const [errors, setErrors] = useState<MatchingSettingsErrors>({});
  const save = useMutation({
    mutationFn: () => putMatchingSettings(toMatchingSettingsInput(values), settings.version),
    onSuccess: (updated) => {
      onSaved();
      queryClient.setQueryData(queryKeys.matchingSettings, updated);
    },
    onError: () => focusFirstInvalid(formRef.current),
  });
  const setWeight = (f: FactorName) => (text: string) => setValues((v) => ({ ...v, weights: { ...v.weights, [f]: text } }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onSaving();
    const found = validateMatchingSettings(values);
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(formRef.current);
    save.mutate();
  };

  if (isChangedMeanwhile(save.error)) {
    return (
      <ChangedMeanwhile
        subject="the matching configuration"
        outcome="Your changes were not saved."
        onReload={() => void queryClient.invalidateQueries({ queryKey: queryKeys.matchingSettings })}
      />
    );
  }

  const server = fieldErrorsByPath(save.error);
  const error = (field: string) => errors[field] ?? server[field];
  const shares = weightShares(values);
  const placed = [...FACTORS.map((f) => `weights.${f}`), ...URGENCIES.map((u) => `offer_windows.${u}`), 'weights'];
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-label="Matching settings" className="wide-form">
      <FormAlert error={save.error} fields={placed.map((path) => path.split('.').pop() ?? path)} />
      <fieldset className="card">
        <legend>Weights</legend>
        <p className="field-hint">
          Each score is between 0 and 1; a candidate’s total is the weighted average. A weight of 0 leaves the score out.
        </p>
        {error('weights') && (
          <p className="field-error" role="alert">
            {error('weights')}
          </p>
        )}
        {FACTORS.map((f) => (
          <div key={f} className="weight-row">
            <TextField
              label={FACTOR_LABELS[f]}
              hint={`${FACTOR_HINTS[f]} Now ${percent(shares[f])} of the score.`}
              inputMode="decimal"
              value={values.weights[f]}
              onChange={setWeight(f)}
              error={error(`weights.${f}`)}
            />
            <FieldFrame label={`${FACTOR_LABELS[f]} slider`} hideLabel>
              {(control) => (
                <input
                  {...control}
                  type="range"
                  min={0}
                  max={WEIGHT_MAX}
                  step={1}
                  value={Number(values.weights[f]) || 0}
                  onChange={(event) => setWeight(f)(event.target.value)}
                />
              )}
            </FieldFrame>
          </div>
        ))}
      </fieldset>
      <fieldset className="card">
        <legend>Offer windows</legend>
        <p className="field-hint">
          Hours an offer stays open, by the referral’s urgency: from 0.25 (15 minutes) to 336 (14 days). A more urgent referral’s window is no
          longer than a less urgent one’s.
        </p>
        <div className="field-grid">
          {URGENCIES.map((u) => (
            <TextField
              key={u}
              label={URGENCY_LABELS[u]}
              hint="Hours"
              inputMode="decimal"
              value={values.offer_windows[u]}
              onChange={(text) => setValues((v) => ({ ...v, offer_windows: { ...v.offer_windows, [u]: text } }))}
              error={error(`offer_windows.${u}`)}
            />
          ))}
        </div>
      </fieldset>
      <p className="muted">Last changed {formatDateTime(settings.updated_at)}.</p>
      <div className="form-actions">
        <SubmitButton busy={save.isPending} label="Save settings" busyLabel="Saving…" />
      </div>
    </form>
  );
}
