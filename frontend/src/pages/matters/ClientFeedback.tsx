import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { createFeedbackLink, listFeedback, recordFeedback } from '../../api/outcomes';
import { queryKeys } from '../../api/queryKeys';
import type { ClientFeedback as Feedback, FeedbackInput, FeedbackLink } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Notice } from '../../components/Notice';
import { QueryState } from '../../components/QueryState';
import { satisfactionInWords } from '../../domain/outcomes';
import { formatDateTime } from '../../forms/format';
import { FeedbackForm } from '../feedback/FeedbackForm';

/**
 * The referring organisation's record of what the client thought of a closed matter: what was said,
 * a form to record what the client told staff, and a single-use link to ask the client directly.
 */
export function ClientFeedback({ matterId }: { matterId: string }) {
  const queryClient = useQueryClient();
  const feedback = useQuery({ queryKey: queryKeys.matterFeedback(matterId), queryFn: () => listFeedback(matterId) });
  // Each recording gets a fresh, empty form.
  const [recorded, setRecorded] = useState(0);
  const record = useMutation({
    mutationFn: (input: FeedbackInput) => recordFeedback(matterId, input),
    onSuccess: () => {
      setRecorded((n) => n + 1);
      void queryClient.invalidateQueries({ queryKey: queryKeys.matterFeedback(matterId) });
    },
  });

  return (
    <section className="card feedback-panel" aria-labelledby="feedback-heading">
      <h2 id="feedback-heading">Client feedback</h2>
      <QueryState query={feedback} loadingLabel="Loading the feedback…">
        {(items) => (items.length === 0 ? <p>No feedback yet.</p> : <FeedbackList items={items} />)}
      </QueryState>
      <h3>Record what the client told you</h3>
      {record.isSuccess && <Notice>The client’s feedback has been recorded.</Notice>}
      <FeedbackForm
        key={recorded}
        name="Record the client’s feedback"
        question="How satisfied was the client?"
        commentLabel="What the client said"
        submitLabel="Record feedback"
        busy={record.isPending}
        error={record.error}
        onSubmit={(input) => record.mutate(input)}
      />
      <h3>Ask the client</h3>
      <FeedbackLinkMaker matterId={matterId} />
    </section>
  );
}

function FeedbackList({ items }: { items: Feedback[] }) {
  return (
    <ul className="feedback-list" aria-label="Feedback given">
      {items.map((f) => (
        <li key={f.id}>
          <p>
            <strong>{satisfactionInWords(f.satisfaction)}</strong>
            <span className="muted">
              {' '}
              · {f.source === 'client_link' ? 'given by the client through a feedback link' : `recorded by ${f.recorded_by_name ?? 'staff'}`},{' '}
              {formatDateTime(f.created_at)}
            </span>
          </p>
          {f.comment && <p className="preserve-lines">{f.comment}</p>}
        </li>
      ))}
    </ul>
  );
}

/** Creates a link for the client, shown once (the server keeps only its hash), with a button to copy it. */
function FeedbackLinkMaker({ matterId }: { matterId: string }) {
  const create = useMutation({ mutationFn: () => createFeedbackLink(matterId) });
  return (
    <>
      <p>
        A link lets the client answer once, without an account. Send it to them yourself; creating a new link replaces
        one they have not used.
      </p>
      {create.data && <ShownLink link={create.data} />}
      {create.isError && <ErrorAlert error={create.error} />}
      <div className="form-actions">
        <button type="button" className="button button-secondary" disabled={create.isPending} onClick={() => create.mutate()}>
          {create.isPending ? 'Creating…' : create.data ? 'Create another link' : 'Create a feedback link'}
        </button>
      </div>
    </>
  );
}

function ShownLink({ link }: { link: FeedbackLink }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | ''>('');
  const copy = () =>
    navigator.clipboard.writeText(link.url).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  return (
    <div className="shown-link" role="group" aria-label="Feedback link">
      <p>
        This link is shown only now: copy it before you leave the page. It works once, until {formatDateTime(link.expires_at)}.
      </p>
      <div className="copy-field">
        <input readOnly value={link.url} aria-label="Feedback link address" onFocus={(event) => event.target.select()} />
        <button type="button" className="button button-primary" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      {copied === 'yes' && <p role="status">Copied.</p>}
      {copied === 'failed' && <p role="alert">Your browser did not let the page copy it: select the address and copy it yourself.</p>}
    </div>
  );
}
