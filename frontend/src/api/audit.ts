import { api } from './client';
import { downloadFrom, type Download } from './download';
import { unwrap, unwrapWithResponse } from './problem';
import type { AuditEntry, AuditVerification } from './types';

/** What the audit trail is filtered by; every field optional. Times are ISO instants. */
export interface AuditFilters {
  action?: string;
  actor_id?: string;
  object_type?: string;
  object_id?: string;
  from?: string;
  to?: string;
}

export interface AuditPage {
  items: AuditEntry[];
  next_cursor?: string;
}

/** One page of the audit trail, newest first. */
export const listAuditEntries = (filters: AuditFilters, cursor?: string): Promise<AuditPage> =>
  unwrap(api.GET('/audit', { params: { query: { ...filters, cursor, limit: 50 } } }));

/** Every entry the filters select, as a CSV file fetched with the session's token. */
export async function exportAuditEntries(filters: AuditFilters): Promise<Download> {
  const { data, response } = await unwrapWithResponse(api.GET('/audit/export', { params: { query: filters }, parseAs: 'blob' }));
  return downloadFrom(data, response, 'audit-trail.csv');
}

/** Recomputes the trail's hash chain and says where it first breaks, if it does. */
export const verifyAuditTrail = (): Promise<AuditVerification> => unwrap(api.GET('/audit/verify'));
