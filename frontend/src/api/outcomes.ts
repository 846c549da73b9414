import { api } from './client';
import { expectOk, unwrap } from './problem';
import type { ClientFeedback, FeedbackRequest, FeedbackInput, FeedbackLink, Impact, MatterClosing, Matter } from './types';

/** Closes an active matter with its outcome; the referral closes with it. */
export const closeMatter = (matterId: string, closing: MatterClosing): Promise<Matter> =>
  unwrap(api.POST('/matters/{matterId}/close', { params: { path: { matterId } }, body: closing }));

/** What the matter's clients said of it, newest first: for the referring organisation only. */
export const listFeedback = async (matterId: string): Promise<ClientFeedback[]> =>
  (await unwrap(api.GET('/matters/{matterId}/feedback', { params: { path: { matterId } } }))).items;

/** Records feedback the client gave the referring organisation's staff (by phone, in person). */
export const recordFeedback = (matterId: string, input: FeedbackInput): Promise<ClientFeedback> =>
  unwrap(api.POST('/matters/{matterId}/feedback', { params: { path: { matterId } }, body: input }));

/** A single-use link asking the client; its address is shown this once. */
export const createFeedbackLink = (matterId: string): Promise<FeedbackLink> =>
  unwrap(api.POST('/matters/{matterId}/feedback-links', { params: { path: { matterId } } }));

/** What a feedback link's page shows (no sign-in): who asks, never the matter. */
export const getFeedbackRequest = (token: string): Promise<FeedbackRequest> =>
  unwrap(api.GET('/feedback/{token}', { params: { path: { token } } }));

/** The client's answer through the link, which it uses up. */
export const answerFeedback = (token: string, input: FeedbackInput): Promise<void> =>
  expectOk(api.POST('/feedback/{token}', { params: { path: { token } }, body: input }));

export interface ImpactPeriod {
  from?: string;
  to?: string;
  org_id?: string;
}

/** The referring organisation's impact figures for a period. */
export const getImpact = (period: ImpactPeriod): Promise<Impact> => unwrap(api.GET('/impact', { params: { query: period } }));
