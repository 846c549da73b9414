import { api } from './client';
import { unwrap } from './problem';
import type { DevEmail } from './types';

/** The emails a development server kept instead of sending them, newest first. */
export const listDevMailbox = async (): Promise<DevEmail[]> => (await unwrap(api.GET('/admin/dev-mailbox'))).items;
