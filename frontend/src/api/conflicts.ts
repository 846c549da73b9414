import { api } from './client';
import { csvBody } from './csvBody';
import { downloadFrom, type Download } from './download';
import { ApiError, expectOk, unwrap, unwrapWithResponse } from './problem';
import type {
  ConflictAnswer,
  ConflictCheck,
  ConflictEntry,
  ConflictEntryInput,
  ConflictInquiry,
  ConflictQuestion,
  ImportMode,
  ImportProgress,
  ImportReport,
  PendingConflict,
} from './types';

export interface ConflictEntryPage {
  items: ConflictEntry[];
  total: number;
  next_cursor?: string;
}

export const listConflictEntries = (q: string, cursor?: string): Promise<ConflictEntryPage> =>
  unwrap(api.GET('/conflicts/entries', { params: { query: { q: q || undefined, cursor, limit: 50 } } }));

export const createConflictEntry = (input: ConflictEntryInput): Promise<ConflictEntry> =>
  unwrap(api.POST('/conflicts/entries', { body: input }));

export const updateConflictEntry = (entryId: string, input: ConflictEntryInput): Promise<ConflictEntry> =>
  unwrap(api.PUT('/conflicts/entries/{entryId}', { params: { path: { entryId } }, body: input }));

/** The firm's registry as a CSV file, fetched with the session's token, and the file name the server gave it. */
export async function exportConflictEntries(): Promise<Download> {
  const { data, response } = await unwrapWithResponse(api.GET('/conflicts/entries/export', { parseAs: 'blob' }));
  return downloadFrom(data, response, 'conflict-registry.csv');
}

export const deleteConflictEntry = (entryId: string): Promise<void> =>
  expectOk(api.DELETE('/conflicts/entries/{entryId}', { params: { path: { entryId } } }));

export const importConflictEntries = (file: Blob, mode: ImportMode): Promise<ImportReport> =>
  unwrap(api.POST('/conflicts/imports', { params: { query: { mode } }, ...csvBody(file) }));

export interface PendingConflictPage {
  items: PendingConflict[];
  total: number;
  next_cursor?: string;
}

/** The firm's potential conflicts waiting to be cleared, oldest first. */
export const listPendingConflicts = (cursor?: string, limit = 50): Promise<PendingConflictPage> =>
  unwrap(api.GET('/conflicts/pending', { params: { query: { cursor, limit } } }));

export const getConflictImport = (id: string): Promise<ImportProgress> =>
  unwrap(api.GET('/conflicts/imports/{id}', { params: { path: { id } } }));

/** The stored check, or null when the firm has not checked this referral yet. */
export async function getConflictCheck(referralId: string): Promise<ConflictCheck | null> {
  try {
    return await unwrap(api.GET('/referrals/{referralId}/conflict-check', { params: { path: { referralId } } }));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export const runConflictCheck = (referralId: string): Promise<ConflictCheck> =>
  unwrap(api.POST('/referrals/{referralId}/conflict-check', { params: { path: { referralId } } }));

export const clearConflictHit = (referralId: string, hitId: string, reason: string): Promise<ConflictCheck> =>
  unwrap(
    api.POST('/referrals/{referralId}/conflict-check/hits/{hitId}/clear', {
      params: { path: { referralId, hitId } },
      body: { reason },
    }),
  );

/** Asks the referring organisation about a hit on its client, whose name the check withholds. */
export const askAboutHit = (referralId: string, hitId: string, question: ConflictQuestion): Promise<ConflictInquiry> =>
  unwrap(
    api.POST('/referrals/{referralId}/conflict-check/hits/{hitId}/inquiries', {
      params: { path: { referralId, hitId } },
      body: { question },
    }),
  );

/** The firms' questions about a referral's client, for the referring organisation. */
export const listConflictInquiries = async (referralId: string): Promise<ConflictInquiry[]> =>
  (await unwrap(api.GET('/referrals/{referralId}/conflict-inquiries', { params: { path: { referralId } } }))).items;

export const answerConflictInquiry = (referralId: string, inquiryId: string, answer: ConflictAnswer): Promise<ConflictInquiry> =>
  unwrap(
    api.POST('/referrals/{referralId}/conflict-inquiries/{inquiryId}/answer', {
      params: { path: { referralId, inquiryId } },
      body: { answer },
    }),
  );
