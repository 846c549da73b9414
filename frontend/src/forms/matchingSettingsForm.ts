import type { MatchingSettings, MatchingSettingsInput, Urgency } from '../api/types';
import { FACTORS, type FactorName } from '../domain/matching';
import { URGENCIES, URGENCY_LABELS } from '../domain/referrals';

/** The settings form's fields as typed: weights, and offer windows in hours (the API counts minutes). */
export interface MatchingSettingsValues {
  weights: Record<FactorName, string>;
  offer_windows: Record<Urgency, string>;
}

/** Messages keyed as the API names fields: "weights.experience", "offer_windows.urgent", "weights" for all of them. */
export type MatchingSettingsErrors = Record<string, string>;

export const WEIGHT_MAX = 100;
/** An offer stays open from 15 minutes to 14 days. */
export const WINDOW_MIN_HOURS = 0.25;
export const WINDOW_MAX_HOURS = 336;

// 90 minutes reads "1.5"; 20 minutes "0.33", which saves as 20 again.
const hours = (minutes: number) => String(Math.round((minutes / 60) * 100) / 100);
const minutes = (hoursText: string) => Math.round(Number(hoursText.trim()) * 60);

const mapValues = <K extends string, V>(keys: K[], f: (key: K) => V) =>
  Object.fromEntries(keys.map((key) => [key, f(key)])) as Record<K, V>;

export const settingsValues = (s: MatchingSettings): MatchingSettingsValues => ({
  weights: mapValues(FACTORS, (f) => String(s.weights[f])),
  offer_windows: mapValues(URGENCIES, (u) => hours(s.offer_windows[u])),
});

/** A decimal number typed by a person, NaN when it is not one. */
function decimal(text: string): number {
  const trimmed = text.trim();
  return /^\d+(\.\d+)?$|^\.\d+$/.test(trimmed) ? Number(trimmed) : NaN;
}

/** What is wrong with the values before the server is asked. */
export function validateMatchingSettings(v: MatchingSettingsValues): MatchingSettingsErrors {
  const errors: MatchingSettingsErrors = {};
  for (const f of FACTORS) {
    const w = decimal(v.weights[f]);
    if (Number.isNaN(w) || w > WEIGHT_MAX) errors[`weights.${f}`] = `Enter a weight from 0 to ${WEIGHT_MAX}.`;
  }
  if (FACTORS.every((f) => decimal(v.weights[f]) === 0)) errors.weights = 'Give at least one score a weight above 0.';
  let previous: Urgency | undefined;
  for (const u of URGENCIES) {
    const h = decimal(v.offer_windows[u]);
    if (Number.isNaN(h) || h < WINDOW_MIN_HOURS || h > WINDOW_MAX_HOURS)
      errors[`offer_windows.${u}`] = `Enter from ${WINDOW_MIN_HOURS} to ${WINDOW_MAX_HOURS} hours (15 minutes to 14 days).`;
    else if (previous && h > decimal(v.offer_windows[previous]))
      errors[`offer_windows.${u}`] = `A more urgent referral cannot wait longer: at most the ${URGENCY_LABELS[previous].toLowerCase()} window (${v.offer_windows[previous].trim()} hours).`;
    previous = u;
  }
  return errors;
}

export const toMatchingSettingsInput = (v: MatchingSettingsValues): MatchingSettingsInput => ({
  weights: mapValues(FACTORS, (f) => decimal(v.weights[f])),
  offer_windows: mapValues(URGENCIES, (u) => minutes(v.offer_windows[u])),
});

/** Each weight's share of a score, as the ranking divides by the sum of the weights. */
export function weightShares(v: MatchingSettingsValues): Record<FactorName, number> {
  const values = mapValues(FACTORS, (f) => decimal(v.weights[f]) || 0);
  const total = FACTORS.reduce((sum, f) => sum + values[f], 0);
  return mapValues(FACTORS, (f) => (total > 0 ? values[f] / total : 0));
}
