import { api } from './client';
import { expectOk } from './problem';

/** Where the job queue console is served; it is a page of the server's, not of this app. */
export const QUEUE_CONSOLE_PATH = '/admin/queues';

/** Trades the access token for the console's short-lived cookie (platform admins only). */
export const openQueueConsoleSession = (): Promise<void> => expectOk(api.POST('/admin/queues/session'));
