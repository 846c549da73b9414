import { api } from './client';
import { csvBody } from './csvBody';
import { downloadFrom, type Download } from './download';
import { ifMatch } from './ifMatch';
import { expectOk, unwrap, unwrapWithResponse } from './problem';
import type { TimeAdjustmentInput, TimeEntry, TimeEntryInput, TimeEntryStatus, TimeEntryUpdate, TimeImportReport } from './types';

export interface TimeEntryFilters {
  attorney_id?: string;
  matter_id?: string;
  status?: TimeEntryStatus;
  from?: string;
  to?: string;
}

export interface TimeEntryPage {
  items: TimeEntry[];
  next_cursor?: string;
}

export const TIME_ENTRY_PAGE = 200;

/** One page of the entries the caller may see: an attorney's own, a firm's for its coordinators. */
export const listTimeEntries = (filters: TimeEntryFilters, cursor?: string): Promise<TimeEntryPage> =>
  unwrap(api.GET('/time-entries', { params: { query: { ...filters, cursor, limit: TIME_ENTRY_PAGE } } }));

/** Every entry matching the filters, page after page: a week of one attorney's time is a page or two. */
export async function listAllTimeEntries(filters: TimeEntryFilters): Promise<TimeEntry[]> {
  const items: TimeEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await listTimeEntries(filters, cursor);
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return items;
}

export const createTimeEntry = (input: TimeEntryInput): Promise<TimeEntry> => unwrap(api.POST('/time-entries', { body: input }));

/** Changes a draft or rejected entry, unless it changed after `version` was read (412). */
export const updateTimeEntry = (timeEntryId: string, update: TimeEntryUpdate, version: number): Promise<TimeEntry> =>
  unwrap(api.PATCH('/time-entries/{timeEntryId}', { params: { path: { timeEntryId }, header: ifMatch(version) }, body: update }));

export const deleteTimeEntry = (timeEntryId: string, version: number): Promise<void> =>
  expectOk(api.DELETE('/time-entries/{timeEntryId}', { params: { path: { timeEntryId }, header: ifMatch(version) } }));

export const submitTimeEntry = (timeEntryId: string): Promise<TimeEntry> =>
  unwrap(api.POST('/time-entries/{timeEntryId}/submit', { params: { path: { timeEntryId } } }));

/** A new entry correcting an approved one, which itself stays as it was. */
export const adjustTimeEntry = (timeEntryId: string, adjustment: TimeAdjustmentInput): Promise<TimeEntry> =>
  unwrap(api.POST('/time-entries/{timeEntryId}/adjust', { params: { path: { timeEntryId } }, body: adjustment }));

/** Approves all the entries or, if any cannot be, none of them. */
export const approveTimeEntries = async (ids: string[]): Promise<TimeEntry[]> =>
  (await unwrap(api.POST('/time-entries/approve', { body: { ids } }))).items;

/** Rejects all the entries with one reason or, if any cannot be, none of them. */
export const rejectTimeEntries = async (ids: string[], reason: string): Promise<TimeEntry[]> =>
  (await unwrap(api.POST('/time-entries/reject', { body: { ids, reason } }))).items;

export type TimeExportFormat = 'csv' | 'ledes';

/** What the firm's billing system is sent: its approved time over a period, both days included. */
export interface TimeExportRequest {
  format: TimeExportFormat;
  from: string;
  to: string;
  narratives: boolean;
}

/** The firm's approved time as a file, fetched with the session's token (a plain link would carry none). */
export async function exportTimeEntries(request: TimeExportRequest): Promise<Download> {
  const { data, response } = await unwrapWithResponse(api.GET('/time-entries/export', { params: { query: request }, parseAs: 'blob' }));
  return downloadFrom(data, response, `pro-bono-time-${request.from}-${request.to}.${request.format === 'ledes' ? 'txt' : 'csv'}`);
}

/** Records the file's rows as submitted entries, all of them or, when any is at fault, none. */
export const importTimeEntries = (file: Blob): Promise<TimeImportReport> => unwrap(api.POST('/time-entries/import', csvBody(file)));
