import { useMutation } from '@tanstack/react-query';
import { openQueueConsoleSession, QUEUE_CONSOLE_PATH } from '../../api/queues';
import { ErrorAlert } from '../../components/ErrorAlert';

/**
 * Opens the job queue console in a new tab. The console cannot be sent the access token, which lives
 * in this page's memory, so the token is first traded for a cookie the console accepts for ten
 * minutes. The tab is opened at once, while the click still allows pop-ups, and sent to the console
 * once the cookie is set.
 */
export function JobQueuesButton() {
  const open = useMutation({
    mutationFn: async (tab: Window | null) => {
      try {
        await openQueueConsoleSession();
      } catch (error) {
        tab?.close();
        throw error;
      }
      if (tab) {
        tab.opener = null; // the console has no business with this page
        tab.location.href = QUEUE_CONSOLE_PATH;
      }
      else window.location.assign(QUEUE_CONSOLE_PATH);
    },
  });
  return (
    <>
      {open.isError && <ErrorAlert error={open.error} />}
      <button
        type="button"
        className="button button-secondary"
        disabled={open.isPending}
        onClick={() => open.mutate(window.open('about:blank', '_blank'))}
      >
        Job queues
      </button>
    </>
  );
}
