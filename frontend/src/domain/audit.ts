/** The audit trail as people read it: actions in words, who may read it, before and after side by side. */
import type { AuditVerification, Role } from '../api/types';

/** Actions whose generic wording ("Auth signed in") reads badly; others are worded from their names. */
const ACTION_WORDS: Record<string, string> = {
  'auth.signed_in': 'Signed in',
  'auth.sign_in_failed': 'Sign-in failed',
  'auth.signed_out': 'Signed out',
  'auth.password_changed': 'Password changed',
  'auth.password_reset': 'Password reset',
  'auth.refresh_token_reused': 'Stolen session refused',
  'audit.exported': 'Audit trail exported',
};

/** Actions people look for most, offered as they type a filter; any other action can be typed. */
export const SUGGESTED_ACTIONS = [
  'auth.signed_in',
  'auth.sign_in_failed',
  'conflict.hit_cleared',
  'conflict.registry_imported',
  'hours.approved',
  'hours.rejected',
  'credit.policy_created',
  'matter.closed',
  'audit.exported',
];

/** A code in words: "time_entry" → "Time entry", "credit.policy_created" → "Credit policy created". */
const inWords = (code: string) => {
  const words = code.replace(/[._]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export const actionInWords = (action: string) => ACTION_WORDS[action] ?? inWords(action);

export const objectTypeInWords = inWords;

/** Coordinators and org admins read their organisation's trail, platform admins everyone's. */
export const readsAudit = (role: Role) => role === 'coordinator' || role === 'org_admin' || role === 'platform_admin';

export const VERIFY_REASON_LABELS: Record<NonNullable<AuditVerification['reason']>, string> = {
  gap: 'an entry is missing',
  prev_hash_mismatch: 'an entry does not carry the hash of the entry before it',
  hash_mismatch: 'an entry was changed after it was written',
  head_mismatch: 'the chain’s head does not hold the last entry’s hash',
};

export interface FieldChange {
  field: string;
  before?: string;
  after?: string;
  changed: boolean;
}

const shown = (value: unknown): string | undefined => {
  if (value === undefined) return undefined;
  if (value === null) return 'none';
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object')) return value.length ? value.join(', ') : 'none';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
};

type Fields = Record<string, unknown> | undefined;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Nested objects as their leaves, named by their path: { filters: { action } } → "filters › action". */
function flatten(fields: Fields, prefix = '', into: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [name, value] of Object.entries(fields ?? {})) {
    const path = prefix + name.replace(/_/g, ' ');
    if (isRecord(value) && Object.keys(value).length > 0) flatten(value, `${path} › `, into);
    else into[path] = value;
  }
  return into;
}

/** The fields of an entry's before and after, side by side, sorted by name, each marked if it changed. */
export function fieldChanges(before: Fields, after: Fields): FieldChange[] {
  const was = flatten(before);
  const is = flatten(after);
  const names = [...new Set([...Object.keys(was), ...Object.keys(is)])].sort();
  return names.map((field) => {
    const b = shown(was[field]);
    const a = shown(is[field]);
    return { field, before: b, after: a, changed: b !== a };
  });
}
