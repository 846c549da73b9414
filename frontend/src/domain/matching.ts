import type { CandidateFactor, Constraint } from '../api/types';

export type FactorName = CandidateFactor['name'];

/** The scores' names, in the order the settings and the factor bars list them. */
export const FACTOR_LABELS: Record<FactorName, string> = {
  experience: 'Experience',
  availability: 'Availability',
  capacity: 'Capacity',
  goal: 'Annual goal',
  partnership: 'Partnership',
  language: 'Language',
  fairness: 'Fairness',
  urgency: 'Urgency',
};
export const FACTORS = Object.keys(FACTOR_LABELS) as FactorName[];

/** What each score measures, for the settings page. */
export const FACTOR_HINTS: Record<FactorName, string> = {
  experience: 'Experience in the referral’s practice area.',
  availability: 'Weekly availability before the deadline, in the attorney’s time zone.',
  capacity: 'Room for another matter and hours left this month.',
  goal: 'Attorneys behind their annual pro bono goal rise.',
  partnership: 'The firm has a partnership with the referring organisation, with pledged hours left.',
  language: 'Speaks the client’s language.',
  fairness: 'Fewer offers in the last 30 days, so the same attorneys are not asked every time.',
  urgency: 'Fits how urgent the referral is.',
};

/** Why attorneys were left out, each followed by how many. */
export const CONSTRAINT_LABELS: Record<Constraint, string> = {
  bar_admission: 'Not admitted to the bar in this jurisdiction',
  practice_area: 'Not practising in this area',
  language: 'Not speaking the client’s language',
  capacity_matters: 'At their limit of matters',
  capacity_hours: 'Too few hours left this month',
  blackout: 'Away until the deadline',
  conflict: 'Their firm’s conflict check has not cleared the referral',
  declined: 'Declined this referral before',
  work_mode: 'Cannot work remotely or in person as the referral needs',
};
export const CONSTRAINTS = Object.keys(CONSTRAINT_LABELS) as Constraint[];

/** A score in [0,1] as a whole percentage. */
export const percent = (value: number) => `${Math.round(value * 100)}%`;
