import { api } from './client';
import { unwrap } from './problem';
import type { Offer, Proposal } from './types';

/** The nightly matching's proposals for the caller's firm still waiting on a decision, newest first. */
export const listProposals = async (): Promise<Proposal[]> => (await unwrap(api.GET('/proposals'))).items;

/** Sends a proposal as a routed offer to its attorney; the answer is the offer made. */
export const sendProposal = (proposalId: string): Promise<Offer> =>
  unwrap(api.POST('/proposals/{proposalId}/send', { params: { path: { proposalId } } }));

export const dismissProposal = (proposalId: string): Promise<Proposal> =>
  unwrap(api.POST('/proposals/{proposalId}/dismiss', { params: { path: { proposalId } } }));
