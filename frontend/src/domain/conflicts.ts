import type { ConflictCheck, ConflictEntry, ConflictHit, ConflictRole } from '../api/types';

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
