import type { ConflictAnswer, ConflictCheck, ConflictEntry, ConflictHit, ConflictQuestion, ConflictRole, Me } from '../api/types';

/** Only a law firm's coordinators clear potential conflicts, so only they are shown the ones waiting. */
export const clearsConflicts = (me: Pick<Me, 'role' | 'organization'>) =>
  me.organization.kind === 'law_firm' && me.role === 'coordinator';

export const CONFLICT_ROLE_LABELS: Record<ConflictRole, string> = {
  client: 'Current client',
  former_client: 'Former client',
  adverse: 'Adverse party',
  related: 'Related party',
};
export const CONFLICT_ROLES = Object.keys(CONFLICT_ROLE_LABELS) as ConflictRole[];

export const ENTRY_TYPE_LABELS: Record<ConflictEntry['type'], string> = {
  person: 'Person',
  organization: 'Organisation',
};

export const HIT_LEVEL_LABELS: Record<ConflictHit['level'], string> = {
  potential: 'Potential',
  conflict: 'Conflict',
};

export const CHECK_RESULT_LABELS: Record<ConflictCheck['result'], string> = {
  clear: 'Clear: no matches',
  potential: 'Potential conflict: needs clearing',
  conflict: 'Conflict: the firm cannot take this matter',
  cleared: 'Cleared: every potential conflict was cleared',
};

export const MATCH_LABELS: Record<ConflictHit['match'], string> = {
  exact: 'Same name',
  similar: 'Similar name',
};

/** How a coordinator puts each question, and how the referring organisation reads it. */
export const QUESTION_LABELS: Record<ConflictQuestion, { ask: string; asked: string }> = {
  same_person: { ask: 'Ask if it is the same person', asked: 'Is this the same person as your client?' },
  disclose_name: { ask: 'Ask for the client’s name', asked: 'Disclose your client’s name to this coordinator?' },
};

export const ANSWER_LABELS: Record<ConflictAnswer, string> = {
  same_person: 'Yes, the same person',
  different_person: 'No, a different person',
  disclose: 'Disclose the name',
  decline: 'Decline',
};

/** The answers each question takes, in the order they are offered. */
export const ANSWERS: Record<ConflictQuestion, ConflictAnswer[]> = {
  same_person: ['same_person', 'different_person'],
  disclose_name: ['disclose', 'decline'],
};
