import { useQuery } from '@tanstack/react-query';
import { listDevMailbox } from '../api/devMailbox';
import { queryKeys } from '../api/queryKeys';
import type { DevEmail } from '../api/types';
import { QueryState } from '../components/QueryState';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { formatDateTime } from '../forms/format';

const LINK = /(https?:\/\/[^\s<>"]+)/;

/** A plain-text body with its web addresses made into links (split keeps them at odd indexes). */
function Body({ text }: { text: string }) {
  return (
    <pre className="dev-email-body">
      {text.split(LINK).map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part} target="_blank" rel="noreferrer">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </pre>
  );
}

function Email({ email }: { email: DevEmail }) {
  return (
    <article className="card" aria-label={email.subject}>
      <h2>{email.subject}</h2>
      <p>
        To {email.to} · <time dateTime={email.sent_at}>{formatDateTime(email.sent_at)}</time>
      </p>
      <Body text={email.text} />
    </article>
  );
}

/** Platform admins: the emails a development server without SMTP_URL kept instead of sending. */
export function DevMailboxPage() {
  useDocumentTitle('Development mailbox');
  const mailbox = useQuery({ queryKey: queryKeys.devMailbox, queryFn: listDevMailbox, retry: false });
  return (
    <>
      <h1>Development mailbox</h1>
      <QueryState query={mailbox} loadingLabel="Loading the mailbox…">
        {(emails) => (
          <>
            <p>
              This server has no mail server configured, so it sends no email: here are the last 200 it would have
              sent, newest first.{' '}
              <button type="button" className="button button-secondary" onClick={() => void mailbox.refetch()}>
                Refresh
              </button>
            </p>
            {emails.length === 0 ? (
              <p>No email yet.</p>
            ) : (
              emails.map((email, i) => <Email key={`${email.sent_at}-${i}`} email={email} />)
            )}
          </>
        )}
      </QueryState>
    </>
  );
}
