import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { getNotificationPreferences, setNotificationPreferences } from '../api/notifications';
import { queryKeys } from '../api/queryKeys';
import type { NotificationDelivery, NotificationPreference } from '../api/types';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { Notice } from '../components/Notice';
import { PathFormAlert } from '../components/PathFormAlert';
import { SubmitButton } from '../components/SubmitButton';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { fieldErrorsByPath, rowErrors } from '../forms/fieldPaths';

export const DELIVERY_LABELS: Record<NotificationDelivery, string> = {
  immediate: 'Immediately',
  daily: 'Daily digest',
  weekly: 'Weekly digest',
  off: 'Off',
};

const DELIVERIES = Object.keys(DELIVERY_LABELS) as NotificationDelivery[];

/** For each kind of event that reaches the signed-in user: email it at once, in a digest, or not at all. */
export function NotificationPreferencesPage() {
  useDocumentTitle('Notification preferences');
  const preferences = useQuery({ queryKey: queryKeys.notificationPreferences, queryFn: getNotificationPreferences });
  return (
    <>
      <p className="breadcrumb">
        <Link to="/notifications">Notifications</Link>
      </p>
      <h1>Notification preferences</h1>
      <p className="lead">
        Choose when we email you about each kind of event. Whatever you choose, every event also appears under the bell
        at the top of the page.
      </p>
      {preferences.isPending ? (
        <Loading label="Loading your preferences…" />
      ) : preferences.isError ? (
        <ErrorAlert error={preferences.error} />
      ) : (
        <PreferencesForm preferences={preferences.data} />
      )}
    </>
  );
}

function PreferencesForm({ preferences }: { preferences: NotificationPreference[] }) {
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState(() => Object.fromEntries(preferences.map((p) => [p.event_type, p.delivery])));
  const changeable = preferences.filter((p) => !p.security);
  const mutation = useMutation({
    mutationFn: () => setNotificationPreferences(changeable.map((p) => ({ event_type: p.event_type, delivery: chosen[p.event_type] }))),
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.notificationPreferences, saved),
  });
  const errors = fieldErrorsByPath(mutation.error);
  // The server names each item by its place in the list sent: the changeable ones, in order.
  const errorOf = (p: NotificationPreference) => {
    const row = rowErrors(errors, 'items', changeable.indexOf(p));
    return row.delivery ?? row.event_type;
  };
  const isPlaced = (path: string) => /^items\[\d+\]\.(delivery|event_type)$/.test(path);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };

  return (
    <form className="card" onSubmit={onSubmit} noValidate>
      {mutation.isSuccess && <Notice>Your preferences have been saved.</Notice>}
      <PathFormAlert error={mutation.error} isPlaced={isPlaced} />
      {preferences.map((p) => (
        <fieldset key={p.event_type} className="preference">
          <legend>{p.label}</legend>
          {p.description && <p className="field-hint">{p.description}</p>}
          {p.security ? (
            <p className="preference-fixed">Always emailed at once: this is a security email and cannot be turned off.</p>
          ) : (
            <div className="preference-choices">
              {DELIVERIES.map((d) => (
                <label key={d} className="preference-choice">
                  <input
                    type="radio"
                    name={p.event_type}
                    value={d}
                    checked={chosen[p.event_type] === d}
                    onChange={() => {
                      setChosen((was) => ({ ...was, [p.event_type]: d }));
                      if (mutation.isSuccess) mutation.reset();
                    }}
                  />
                  {DELIVERY_LABELS[d]}
                  {d === p.default_delivery && <span className="muted"> (default)</span>}
                </label>
              ))}
            </div>
          )}
          {errorOf(p) && (
            <p className="field-error" role="alert">
              {errorOf(p)}
            </p>
          )}
        </fieldset>
      ))}
      <div className="form-actions">
        <SubmitButton busy={mutation.isPending} label="Save preferences" busyLabel="Saving…" disabled={changeable.length === 0} />
      </div>
    </form>
  );
}
