import type { ChallengeMeasure, FirmCredit, MatterEligibility } from '../api/types';

/** The hours an attorney gives in a year to count among the firm's active participants. */
export const ACTIVE_HOURS_MARK = 20;

export const MEASURE_LABELS: Record<ChallengeMeasure, string> = {
  percentage: 'Percentage of billable hours (3% and 5% marks)',
  per_attorney: 'Hours per attorney (60 and 100 hour marks)',
};

export const MATTER_ELIGIBILITY_LABELS: Record<MatterEligibility, string> = {
  all: 'Every pro bono matter',
  limited_means: 'Only matters for clients of limited means (at or below 200% of the poverty guideline)',
};

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A share from 0 to 1 as a whole percentage: "40%". */
export const percentFigure = (share: number) => `${Math.round(share * 100)}%`;

const one = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/**
 * The firm's Challenge standing in words: the figure of its measure, the marks it reaches, and what is
 * missing to count it (the billable hours a coordinator enters each year).
 */
export function challengeInWords(ch: FirmCredit['challenge']): { standing: string; marks: string; missing?: string } {
  const unit = ch.measure === 'percentage' ? (n: number) => `${one(n)}%` : (n: number) => `${one(n)} h`;
  const marks = `Marks at ${ch.marks.map(unit).join(' and ')}.`;
  if (ch.measure === 'percentage') {
    if (ch.percentage == null) {
      return {
        standing: `${one(ch.pro_bono_hours)} pro bono hours; the percentage is counted once the firm’s billable hours for the year are entered.`,
        marks,
        missing: 'The billable hours for this year have not been entered.',
      };
    }
    const met = ch.met_mark == null ? `below the ${unit(ch.marks[0])} mark` : `meets the ${unit(ch.met_mark)} mark`;
    return {
      standing: `${one(ch.percentage)}% of billable hours (${one(ch.pro_bono_hours)} pro bono hours of ${one(ch.billable_hours ?? 0)}): ${met}.`,
      marks,
    };
  }
  if (ch.hours_per_attorney == null) return { standing: 'No attorneys to count hours per attorney for.', marks };
  const met = ch.met_mark == null ? `below the ${unit(ch.marks[0])} mark` : `meets the ${unit(ch.met_mark)} mark`;
  return { standing: `${one(ch.hours_per_attorney)} pro bono hours per attorney: ${met}.`, marks };
}
