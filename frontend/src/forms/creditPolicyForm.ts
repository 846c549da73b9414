import type { ChallengeMeasure, CreditPolicy, CreditPolicyInput, MatterEligibility, TimeActivity } from '../api/types';
import { todayIso } from './numbers';

/** The activities a policy lists; training and supervision have switches of their own. */
export const LISTED_ACTIVITIES: TimeActivity[] = ['client_meeting', 'research', 'drafting', 'court_appearance', 'travel', 'administrative'];

export const CAP_MAX_HOURS = 10_000;
export const RATIO_MAX = 2;
export const BILLABLE_MAX = 100_000_000;

export interface CreditPolicyValues {
  effective_from: string;
  fiscal_year_start_month: string;
  annual_cap_hours: string;
  credit_ratio: string;
  eligible_activities: TimeActivity[];
  training_counts: boolean;
  supervision_counts: boolean;
  matter_eligibility: MatterEligibility;
  challenge_measure: ChallengeMeasure;
}

export type CreditPolicyErrors = Partial<Record<keyof CreditPolicyValues, string>>;

/** A new version starts from the one in force (or the usual defaults), from today. */
export const policyValues = (current: CreditPolicy | undefined, today = todayIso()): CreditPolicyValues => ({
  effective_from: today,
  fiscal_year_start_month: String(current?.fiscal_year_start_month ?? 1),
  annual_cap_hours: current?.annual_cap_hours == null ? '' : String(current.annual_cap_hours),
  credit_ratio: String(current?.credit_ratio ?? 1),
  eligible_activities: current ? LISTED_ACTIVITIES.filter((a) => current.eligible_activities.includes(a)) : [...LISTED_ACTIVITIES],
  training_counts: current?.training_counts ?? false,
  supervision_counts: current?.supervision_counts ?? true,
  matter_eligibility: current?.matter_eligibility ?? 'all',
  challenge_measure: current?.challenge_measure ?? 'percentage',
});

/** A number typed with at most `places` decimals ("1,500.5" too); NaN otherwise. */
export function parseDecimal(text: string, places: number): number {
  const cleaned = text.replace(/[\s,]/g, '');
  return new RegExp(`^\\d+(\\.\\d{0,${places}})?$`).test(cleaned) ? Number(cleaned) : NaN;
}

export function validateCreditPolicy(v: CreditPolicyValues): CreditPolicyErrors {
  const errors: CreditPolicyErrors = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v.effective_from)) errors.effective_from = 'Enter the day the policy applies from.';
  if (v.annual_cap_hours.trim()) {
    const cap = parseDecimal(v.annual_cap_hours, 1);
    if (Number.isNaN(cap) || cap > CAP_MAX_HOURS)
      errors.annual_cap_hours = `Enter hours in tenths from 0 to ${CAP_MAX_HOURS.toLocaleString('en-US')}, like 50 or 62.5, or leave it blank for no cap.`;
  }
  const ratio = parseDecimal(v.credit_ratio, 2);
  if (Number.isNaN(ratio) || ratio <= 0 || ratio > RATIO_MAX)
    errors.credit_ratio = `Enter the credit per hour, more than 0 and at most ${RATIO_MAX}, with up to two decimals, like 1 or 0.75.`;
  return errors;
}

export const toCreditPolicyInput = (v: CreditPolicyValues): CreditPolicyInput => ({
  effective_from: v.effective_from,
  fiscal_year_start_month: Number(v.fiscal_year_start_month),
  annual_cap_hours: v.annual_cap_hours.trim() ? parseDecimal(v.annual_cap_hours, 1) : null,
  credit_ratio: parseDecimal(v.credit_ratio, 2),
  eligible_activities: LISTED_ACTIVITIES.filter((a) => v.eligible_activities.includes(a)),
  training_counts: v.training_counts,
  supervision_counts: v.supervision_counts,
  matter_eligibility: v.matter_eligibility,
  challenge_measure: v.challenge_measure,
});

/** The version in force on a day: the newest that starts on or before it (versions come newest first). */
export const policyInForce = (policies: CreditPolicy[], day = todayIso()) => policies.find((p) => p.effective_from <= day);
