import type { Party, Referral, ReferralInput, Urgency } from '../api/types';
import { formatAliases, parseAliases } from './aliases';
import type { PathErrors } from './fieldPaths';
import { parseWholeNumber, todayIso, validateWholeNumber } from './numbers';
import { EMAIL_MAX, NAME_MAX, validateEmail } from './validation';
import { randomId } from './randomId';

// Limits mirror ReferralInput, Client and Party in openapi.yaml.
export const SUMMARY_MIN = 10;
export const SUMMARY_MAX = 4000;
export const PHONE_MAX = 40;
export const ADDRESS_MAX = 500;
export const NOTES_MAX = 4000;
export const PARTIES_MAX = 50;
export const ALIASES_MAX = 20;
export const HOUSEHOLD_MAX = 30;
export const INCOME_MAX = 10_000_000;
export const HOURS_MAX = 2000;

export interface PartyRow {
  /** Keeps React's row identity stable when rows are removed. */
  key: string;
  name: string;
  role: Party['role'];
  kind: Party['kind'];
  /** Comma-separated, as typed. */
  aliases: string;
}

export interface ClientFields {
  name: string;
  email: string;
  phone: string;
  address: string;
  date_of_birth: string;
  notes: string;
}

/** What the referral form holds: text as typed, converted to a ReferralInput on sending. */
export interface ReferralForm {
  practice_area: string;
  jurisdiction: string;
  language: string;
  summary: string;
  urgency: Urgency;
  deadline: string;
  estimated_hours: string;
  limited_scope: boolean;
  remote_allowed: boolean;
  mentored_ok: boolean;
  household_size: string;
  annual_income: string;
  client: ClientFields;
  parties: PartyRow[];
}

export const emptyParty = (overrides: Partial<PartyRow> = {}): PartyRow => ({
  key: randomId(),
  name: '',
  role: 'adverse',
  kind: 'person',
  aliases: '',
  ...overrides,
});

export const emptyReferralForm = (): ReferralForm => ({
  practice_area: '',
  jurisdiction: '',
  language: '',
  summary: '',
  urgency: 'routine',
  deadline: '',
  estimated_hours: '',
  limited_scope: false,
  remote_allowed: true,
  mentored_ok: false,
  household_size: '',
  annual_income: '',
  client: { name: '', email: '', phone: '', address: '', date_of_birth: '', notes: '' },
  parties: [],
});

export const toParty = (row: PartyRow): Party => {
  const aliases = parseAliases(row.aliases);
  return { name: row.name.trim(), role: row.role, kind: row.kind, ...(aliases.length ? { aliases } : {}) };
};

export const toPartyRow = (party: Party): PartyRow => ({
  key: randomId(),
  name: party.name,
  role: party.role,
  kind: party.kind,
  aliases: formatAliases(party.aliases),
});

const optional = (value: string) => value.trim() || undefined;

/** The request body for a valid form. */
export function toReferralInput(form: ReferralForm, submit = false): ReferralInput {
  const c = form.client;
  return {
    practice_area: form.practice_area,
    jurisdiction: form.jurisdiction,
    language: optional(form.language),
    summary: form.summary.trim(),
    urgency: form.urgency,
    deadline: optional(form.deadline),
    estimated_hours: parseWholeNumber(form.estimated_hours),
    limited_scope: form.limited_scope,
    remote_allowed: form.remote_allowed,
    mentored_ok: form.mentored_ok,
    eligibility: {
      household_size: parseWholeNumber(form.household_size) ?? 0,
      annual_income: parseWholeNumber(form.annual_income) ?? 0,
    },
    client: {
      name: c.name.trim(),
      email: optional(c.email),
      phone: optional(c.phone),
      address: optional(c.address),
      date_of_birth: optional(c.date_of_birth),
      notes: optional(c.notes),
    },
    parties: form.parties.map(toParty),
    ...(submit ? { submit: true } : {}),
  };
}

/** A form holding a referral's details, for editing. Needs the unredacted referral. */
export function fromReferral(r: Referral): ReferralForm {
  const c = r.client;
  return {
    practice_area: r.practice_area,
    jurisdiction: r.jurisdiction,
    language: r.language ?? '',
    summary: r.summary,
    urgency: r.urgency,
    deadline: r.deadline ?? '',
    estimated_hours: r.estimated_hours?.toString() ?? '',
    limited_scope: r.limited_scope,
    remote_allowed: r.remote_allowed,
    mentored_ok: r.mentored_ok,
    household_size: String(r.eligibility.household_size),
    annual_income: r.eligibility.annual_income?.toString() ?? '',
    client: {
      name: c?.name ?? '',
      email: c?.email ?? '',
      phone: c?.phone ?? '',
      address: c?.address ?? '',
      date_of_birth: c?.date_of_birth ?? '',
      notes: c?.notes ?? '',
    },
    parties: r.parties.map(toPartyRow),
  };
}

const length = (value: string) => [...value].length;

function maxLength(value: string, max: number, what: string): string | undefined {
  return length(value.trim()) > max ? `${what} must be at most ${max.toLocaleString('en-US')} characters.` : undefined;
}

/**
 * Checks the form as the server will, keyed by the API's field paths (`client.email`,
 * `parties[1].name`) so the server's own messages land in the same places.
 */
export function validateReferralForm(form: ReferralForm, today = todayIso()): PathErrors {
  const errors: PathErrors = {};
  const set = (path: string, message: string | undefined) => {
    if (message) errors[path] = message;
  };

  set('practice_area', form.practice_area ? undefined : 'Choose a practice area.');
  set('jurisdiction', form.jurisdiction ? undefined : 'Choose a jurisdiction.');
  const summary = length(form.summary.trim());
  set(
    'summary',
    summary < SUMMARY_MIN
      ? `Describe the legal problem in at least ${SUMMARY_MIN} characters.`
      : maxLength(form.summary, SUMMARY_MAX, 'The summary'),
  );
  set('deadline', form.deadline && form.deadline < today ? 'The deadline cannot be in the past.' : undefined);
  set(
    'estimated_hours',
    validateWholeNumber(form.estimated_hours, { min: 1, max: HOURS_MAX, required: false, label: 'the estimated hours' }),
  );
  set(
    'eligibility.household_size',
    validateWholeNumber(form.household_size, { min: 1, max: HOUSEHOLD_MAX, required: true, label: 'the household size' }),
  );
  set(
    'eligibility.annual_income',
    validateWholeNumber(form.annual_income, { min: 0, max: INCOME_MAX, required: true, label: 'the annual income in dollars' }),
  );

  const c = form.client;
  set('client.name', c.name.trim() ? maxLength(c.name, NAME_MAX, "The client's name") : "Enter the client's name.");
  if (c.email.trim()) {
    set('client.email', maxLength(c.email, EMAIL_MAX, 'The email address') ?? validateEmail(c.email));
  }
  set('client.phone', maxLength(c.phone, PHONE_MAX, 'The phone number'));
  set('client.address', maxLength(c.address, ADDRESS_MAX, 'The address'));
  set('client.notes', maxLength(c.notes, NOTES_MAX, 'The notes'));
  set(
    'client.date_of_birth',
    c.date_of_birth && c.date_of_birth > today ? 'The date of birth cannot be in the future.' : undefined,
  );

  if (form.parties.length > PARTIES_MAX) set('parties', `List at most ${PARTIES_MAX} parties.`);
  form.parties.forEach((row, i) => {
    set(`parties[${i}].name`, row.name.trim() ? maxLength(row.name, NAME_MAX, 'The name') : 'Enter the party’s name.');
    const aliases = parseAliases(row.aliases);
    if (aliases.length > ALIASES_MAX) set(`parties[${i}].aliases`, `List at most ${ALIASES_MAX} other names.`);
    else if (aliases.some((alias) => length(alias) > NAME_MAX))
      set(`parties[${i}].aliases`, `Each other name must be at most ${NAME_MAX} characters.`);
  });
  return errors;
}
