import type { Partnership, PartnershipInput } from '../api/types';
import { PLEDGED_HOURS_MAX } from '../domain/partnerships';
import { EMAIL_MAX, NAME_MAX } from './validation';

/** The partnership form's fields, as typed. */
export interface PartnershipValues {
  firm_id: string;
  referrer_id: string;
  practice_areas: string[];
  pledged_hours: string;
  starts_on: string;
  ends_on: string;
  contact_name: string;
  contact_email: string;
  notes: string;
}

export type PartnershipField = keyof PartnershipValues;
export type PartnershipErrors = Partial<Record<PartnershipField, string>>;

export const NOTES_MAX = 2000;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const emptyPartnership = (firmId = '', referrerId = ''): PartnershipValues => ({
  firm_id: firmId,
  referrer_id: referrerId,
  practice_areas: [],
  pledged_hours: '',
  starts_on: '',
  ends_on: '',
  contact_name: '',
  contact_email: '',
  notes: '',
});

export const partnershipValues = (p: Partnership): PartnershipValues => ({
  firm_id: p.firm_id,
  referrer_id: p.referrer_id,
  practice_areas: p.practice_areas,
  pledged_hours: String(p.pledged_hours),
  starts_on: p.starts_on,
  ends_on: p.ends_on ?? '',
  contact_name: p.contact_name,
  contact_email: p.contact_email ?? '',
  notes: p.notes,
});

/** What is wrong with the values before the server is asked; dates compare as ISO strings. */
export function validatePartnership(v: PartnershipValues): PartnershipErrors {
  const errors: PartnershipErrors = {};
  if (!v.firm_id) errors.firm_id = 'Choose the law firm.';
  if (!v.referrer_id) errors.referrer_id = 'Choose the referring organisation.';
  const hours = v.pledged_hours.trim();
  if (!hours) errors.pledged_hours = 'Enter the hours pledged each year (0 if none).';
  else if (!/^\d+$/.test(hours) || Number(hours) > PLEDGED_HOURS_MAX)
    errors.pledged_hours = `Enter a whole number of hours from 0 to ${PLEDGED_HOURS_MAX.toLocaleString('en-US')}.`;
  if (!v.starts_on) errors.starts_on = 'Enter the date the partnership starts.';
  if (v.starts_on && v.ends_on && v.ends_on < v.starts_on) errors.ends_on = 'The end date must be on or after the start date.';
  const email = v.contact_email.trim();
  if (email && (email.length > EMAIL_MAX || !EMAIL_PATTERN.test(email))) errors.contact_email = 'Enter an email address like name@example.org.';
  if ([...v.contact_name.trim()].length > NAME_MAX) errors.contact_name = `Names are at most ${NAME_MAX} characters.`;
  if ([...v.notes.trim()].length > NOTES_MAX) errors.notes = `Notes are at most ${NOTES_MAX} characters.`;
  return errors;
}

/** The request body: blank optional fields are left out, as the API wants them absent rather than empty. */
export function toPartnershipInput(v: PartnershipValues): PartnershipInput {
  return {
    firm_id: v.firm_id,
    referrer_id: v.referrer_id,
    practice_areas: v.practice_areas,
    pledged_hours: Number(v.pledged_hours.trim()),
    starts_on: v.starts_on,
    ends_on: v.ends_on || undefined,
    contact_name: v.contact_name.trim() || undefined,
    contact_email: v.contact_email.trim() || undefined,
    notes: v.notes.trim() || undefined,
  };
}
