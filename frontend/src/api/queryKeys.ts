import type { ReferralFilters } from './referrals';

export const queryKeys = {
  me: ['me'] as const,
  organizations: ['organizations'] as const,
  organization: (orgId: string) => ['organizations', orgId] as const,
  members: (orgId: string) => ['organizations', orgId, 'members'] as const,
  invitations: (orgId: string) => ['organizations', orgId, 'invitations'] as const,
  invitation: (token: string) => ['invitation', token] as const,
  practiceAreas: ['reference', 'practice-areas'] as const,
  languages: ['reference', 'languages'] as const,
  jurisdictions: ['reference', 'jurisdictions'] as const,
  attorneys: ['attorneys'] as const,
  attorney: (userId: string) => ['attorneys', userId] as const,
  referrals: ['referrals'] as const,
  referralLists: ['referrals', 'list'] as const,
  referralList: (filters: ReferralFilters) => ['referrals', 'list', filters] as const,
  referral: (id: string) => ['referrals', 'one', id] as const,
  referralHistory: (id: string) => ['referrals', 'one', id, 'history'] as const,
  conflictChecks: ['conflict-check'] as const,
  conflictCheck: (referralId: string) => ['conflict-check', referralId] as const,
  conflictEntries: ['conflict-entries'] as const,
  conflictEntryList: (q: string) => ['conflict-entries', q] as const,
};
