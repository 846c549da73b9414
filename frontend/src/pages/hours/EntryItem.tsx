import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { invalidateAfterTime } from '../../api/invalidate';
import { adjustTimeEntry, deleteTimeEntry, submitTimeEntry, updateTimeEntry } from '../../api/timeEntries';
import type { TimeAdjustmentInput, TimeEntry } from '../../api/types';
import { ChangedMeanwhile, isChangedMeanwhile } from '../../components/ChangedMeanwhile';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ACTIVITY_LABELS, hoursText } from '../../domain/hours';
import { entryValues, toTimeEntryInput, type TimeEntryValues } from '../../forms/timeEntryForm';
import { AdjustForm } from './AdjustForm';
import { EntryStatus } from './EntryStatus';
import { TimeEntryForm, type MatterOption } from './TimeEntryForm';

interface EntryItemProps {
  entry: TimeEntry;
  matterLabel: string;
  matters: MatterOption[];
  onDone: (message: string) => void;
}

type Mode = 'view' | 'edit' | 'adjust' | 'delete';

/** One entry of the attorney's week with what may still be done to it, which its status decides. */
export function EntryItem({ entry, matterLabel, matters, onDone }: EntryItemProps) {
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<Mode>('view');
  const what = `${hoursText(entry.minutes)} h of ${ACTIVITY_LABELS[entry.activity].toLowerCase()}`;
  const settle = (message: string) => {
    setMode('view');
    void invalidateAfterTime(queryClient);
    onDone(message);
  };

  // A rejected entry goes back for approval once corrected; a draft is saved, and sent if asked.
  const save = useMutation({
    mutationFn: async ({ values, submit }: { values: TimeEntryValues; submit: boolean }) => {
      const { work_date, minutes, activity, narrative } = toTimeEntryInput(values, submit);
      const saved = await updateTimeEntry(entry.id, { work_date, minutes, activity, narrative }, entry.version);
      return submit ? submitTimeEntry(saved.id) : saved;
    },
    onSuccess: (saved) => settle(saved.status === 'submitted' ? 'The entry has been sent for approval.' : 'The entry has been saved.'),
  });
  const submit = useMutation({
    mutationFn: () => submitTimeEntry(entry.id),
    onSuccess: () => settle(`${what} has been sent for approval.`),
  });
  const remove = useMutation({
    mutationFn: () => deleteTimeEntry(entry.id, entry.version),
    onSuccess: () => settle(`The draft of ${what} has been deleted.`),
  });
  const adjust = useMutation({
    mutationFn: (adjustment: TimeAdjustmentInput) => adjustTimeEntry(entry.id, adjustment),
    onSuccess: (created) => settle(`An adjustment of ${hoursText(created.minutes)} h has been sent for approval.`),
  });

  const editable = entry.status === 'draft' || entry.status === 'rejected';
  return (
    <li className={`entry entry-${entry.status}`} aria-label={`${what} on ${matterLabel}`}>
      <div className="entry-head">
        <span className="entry-hours">{hoursText(entry.minutes)} h</span>
        <span className="entry-matter">{matterLabel}</span>
        <EntryStatus entry={entry} />
      </div>
      <p className="entry-what">
        {ACTIVITY_LABELS[entry.activity]}
        {entry.narrative && <>: {entry.narrative}</>}
        {entry.adjusts_id && <span className="muted"> (adjusts an approved entry)</span>}
      </p>
      {entry.status === 'rejected' && entry.reject_reason && (
        <p className="entry-reason">
          <strong>Rejected{entry.decided_by_name ? ` by ${entry.decided_by_name}` : ''}:</strong> {entry.reject_reason}
        </p>
      )}

      {mode === 'edit' &&
        (isChangedMeanwhile(save.error) ? (
          <ChangedMeanwhile subject="this entry" outcome="Your changes were not saved." onReload={() => settle('')} />
        ) : (
          <TimeEntryForm
            label={`Edit ${what}`}
            initial={entryValues(entry)}
            matters={matters}
            matterFixed
            submitLabel={entry.status === 'rejected' ? 'Save and resubmit' : 'Save and submit'}
            draftLabel={entry.status === 'draft' ? 'Save draft' : undefined}
            busy={save.isPending}
            error={save.error}
            onSave={(values, submitting) => save.mutate({ values, submit: submitting })}
            onCancel={() => setMode('view')}
          />
        ))}
      {mode === 'adjust' && (
        <AdjustForm entry={entry} busy={adjust.isPending} error={adjust.error} onSave={(input) => adjust.mutate(input)} onCancel={() => setMode('view')} />
      )}
      {mode === 'delete' && (
        <div role="group" aria-label={`Delete the draft of ${what}?`} className="entry-confirm">
          <p>Delete the draft of {what}?</p>
          <button type="button" className="button button-danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
            {remove.isPending ? 'Deleting…' : 'Delete'}
          </button>{' '}
          <button type="button" className="button button-secondary" onClick={() => setMode('view')}>
            Keep it
          </button>
          {remove.error && <ErrorAlert error={remove.error} />}
        </div>
      )}

      {mode === 'view' && (
        <div className="row-actions entry-actions">
          {entry.status === 'draft' && (
            <button type="button" className="button button-primary" disabled={submit.isPending} onClick={() => submit.mutate()} aria-label={`Submit ${what}`}>
              {submit.isPending ? 'Submitting…' : 'Submit'}
            </button>
          )}
          {editable && (
            <button type="button" className="button button-secondary" onClick={() => setMode('edit')} aria-label={`${entry.status === 'rejected' ? 'Correct' : 'Edit'} ${what}`}>
              {entry.status === 'rejected' ? 'Correct and resubmit' : 'Edit'}
            </button>
          )}
          {entry.status === 'draft' && (
            <button type="button" className="button button-secondary" onClick={() => setMode('delete')} aria-label={`Delete ${what}`}>
              Delete
            </button>
          )}
          {entry.status === 'approved' && (
            <button type="button" className="button button-secondary" onClick={() => setMode('adjust')} aria-label={`Adjust ${what}`}>
              Adjust
            </button>
          )}
        </div>
      )}
      {mode === 'view' && submit.error && <ErrorAlert error={submit.error} />}
    </li>
  );
}
