/** How matters end and what came of them: closing categories, client satisfaction, who does what. */
import type { ClosingCategory, Matter, Me } from '../api/types';
import { parseHours } from './hours';
import { canRefer } from './referrals';

/** The Legal Services Corporation case-closing categories, as legal aid programs report them. */
export const CLOSING_LABELS: Record<ClosingCategory, string> = {
  counsel_advice: 'Counsel and advice',
  limited_action: 'Limited action (brief service)',
  settlement_without_litigation: 'Negotiated settlement without litigation',
  settlement_with_litigation: 'Negotiated settlement with litigation',
  agency_decision: 'Administrative agency decision',
  court_uncontested: 'Court decision (uncontested)',
  court_contested: 'Court decision (contested)',
  court_appeal: 'Court decision (appeal)',
  other: 'Other',
};
export const CLOSING_CATEGORIES = Object.keys(CLOSING_LABELS) as ClosingCategory[];

/** A client's satisfaction, 1 to 5, in words. */
export const SATISFACTION_LABELS: Record<number, string> = {
  1: 'Very dissatisfied',
  2: 'Dissatisfied',
  3: 'Neither satisfied nor dissatisfied',
  4: 'Satisfied',
  5: 'Very satisfied',
};
export const SATISFACTION_SCORES = [5, 4, 3, 2, 1];

export const satisfactionInWords = (score: number) => `${score} of 5, ${SATISFACTION_LABELS[score].toLowerCase()}`;

// Limits mirror openapi.yaml.
export const CLOSING_HOURS_MAX = 99999.9;
export const CLOSING_NOTE_MAX = 2000;
export const FEEDBACK_COMMENT_MAX = 2000;

/** The matter's attorney and their firm's coordinators and org admins close an active matter. */
export const mayClose = (me: Me, matter: Matter) =>
  matter.status === 'active' &&
  (matter.attorney_id === me.id ||
    (me.organization.id === matter.firm_id && (me.role === 'coordinator' || me.role === 'org_admin')));

/** The referring organisation hears what its clients thought of a closed matter. */
export const hearsFeedback = (me: Me, matter: Matter) =>
  matter.status === 'closed' && canRefer(me) && me.organization.id === matter.referral.organization_id;

/** The hours typed for a closing, in tenths as timesheets take them ("12.5"); undefined when blank, NaN when not hours. */
export const closingHours = (text: string): number | undefined => {
  const minutes = parseHours(text);
  return minutes === undefined ? undefined : minutes / 60;
};

export function validateClosingHours(text: string): string | undefined {
  const hours = closingHours(text);
  if (hours === undefined) return 'Enter the hours given to the matter in all.';
  if (Number.isNaN(hours)) return 'Enter the hours as a number with at most one decimal, like 12.5.';
  if (hours > CLOSING_HOURS_MAX) return `Enter at most ${CLOSING_HOURS_MAX.toLocaleString('en-US')} hours.`;
  return undefined;
}
