import { describe, expect, it } from 'vitest';
import type { Referral } from '../api/types';
import { formatAliases, parseAliases } from './aliases';
import {
  emptyParty,
  emptyReferralForm,
  fromReferral,
  toParty,
  toReferralInput,
  validateReferralForm,
  type ReferralForm,
} from './referralForm';

const TODAY = '2026-03-10';

const validForm = (): ReferralForm => ({
  ...emptyReferralForm(),
  practice_area: 'housing.private_landlord_tenant',
  jurisdiction: 'IL',
  summary: 'Tenant faces eviction over disputed repairs.',
  household_size: '3',
  annual_income: '24,500',
  client: { name: 'Maria Lopez', email: '', phone: '', address: '', date_of_birth: '', notes: '' },
  parties: [emptyParty({ name: 'Lakeview Property Management LLC', role: 'adverse', kind: 'organization' })],
});

describe('validateReferralForm', () => {
  it('accepts a complete form', () => {
    expect(validateReferralForm(validForm(), TODAY)).toEqual({});
  });

  it('names every missing required field by its API path', () => {
    const errors = validateReferralForm(emptyReferralForm(), TODAY);
    expect(Object.keys(errors).sort()).toEqual(
      [
        'client.name',
        'eligibility.annual_income',
        'eligibility.household_size',
        'jurisdiction',
        'practice_area',
        'summary',
      ].sort(),
    );
  });

  it('needs a summary of 10 to 4000 characters, not counting surrounding spaces', () => {
    const check = (summary: string) => validateReferralForm({ ...validForm(), summary }, TODAY).summary;
    expect(check('   short    ')).toMatch(/at least 10/);
    expect(check('a'.repeat(10))).toBeUndefined();
    expect(check('a'.repeat(4000))).toBeUndefined();
    expect(check('a'.repeat(4001))).toMatch(/at most 4,000/);
  });

  it('keeps household size within 1–30 and income within 0–10,000,000 whole dollars', () => {
    const check = (household_size: string, annual_income: string) =>
      validateReferralForm({ ...validForm(), household_size, annual_income }, TODAY);
    expect(check('0', '0')['eligibility.household_size']).toBeTruthy();
    expect(check('31', '0')['eligibility.household_size']).toBeTruthy();
    expect(check('1', '0')).toEqual({});
    expect(check('30', '$10,000,000')).toEqual({});
    expect(check('2', '10000001')['eligibility.annual_income']).toBeTruthy();
    expect(check('2.5', '12.50')).toEqual({
      'eligibility.household_size': expect.stringMatching(/whole number/),
      'eligibility.annual_income': expect.stringMatching(/whole number/),
    });
  });

  it('says a negative income or hour count is negative, not that it is no whole number', () => {
    const errors = validateReferralForm({ ...validForm(), annual_income: '-12,000', estimated_hours: '-5' }, TODAY);
    expect(errors['eligibility.annual_income']).toMatch(/0 or more, not a negative number/);
    expect(errors.estimated_hours).toMatch(/1 or more, not a negative number/);
    expect(Object.values(errors).join(' ')).not.toMatch(/whole number/);
  });

  it('refuses a deadline in the past and a date of birth in the future', () => {
    const form = validForm();
    expect(validateReferralForm({ ...form, deadline: '2026-03-09' }, TODAY).deadline).toBeTruthy();
    expect(validateReferralForm({ ...form, deadline: TODAY }, TODAY).deadline).toBeUndefined();
    const born = (date_of_birth: string) =>
      validateReferralForm({ ...form, client: { ...form.client, date_of_birth } }, TODAY)['client.date_of_birth'];
    expect(born('2026-03-11')).toBeTruthy();
    expect(born('1980-01-31')).toBeUndefined();
  });

  it('checks the client email only when one is given', () => {
    const form = validForm();
    const email = (value: string) =>
      validateReferralForm({ ...form, client: { ...form.client, email: value } }, TODAY)['client.email'];
    expect(email('')).toBeUndefined();
    expect(email('maria@example.org')).toBeUndefined();
    expect(email('maria@')).toMatch(/email address/);
  });

  it('puts party messages on their row', () => {
    const form = validForm();
    form.parties.push(emptyParty({ name: '  ' }), emptyParty({ name: 'X', aliases: 'a'.repeat(201) }));
    const errors = validateReferralForm(form, TODAY);
    expect(errors['parties[0].name']).toBeUndefined();
    expect(errors['parties[1].name']).toBeTruthy();
    expect(errors['parties[2].aliases']).toMatch(/at most 200/);
  });

  it('allows at most 20 aliases per party', () => {
    const form = validForm();
    form.parties[0].aliases = Array.from({ length: 21 }, (_, i) => `Name ${i}`).join('; ');
    expect(validateReferralForm(form, TODAY)['parties[0].aliases']).toMatch(/at most 20/);
  });
});

describe('aliases', () => {
  it('splits on semicolons, trims, and drops blanks and repeats', () => {
    expect(parseAliases(' Lakeview PM ;  Lakeview  Property Mgmt;; lakeview pm; ')).toEqual([
      'Lakeview PM',
      'Lakeview Property Mgmt',
    ]);
    expect(parseAliases('   ')).toEqual([]);
  });

  it('keeps the commas of an organisation name', () => {
    expect(parseAliases('Lakeview Properties, Inc.; LPM')).toEqual(['Lakeview Properties, Inc.', 'LPM']);
  });

  it('formats a list back for editing', () => {
    expect(formatAliases(['A', 'B'])).toBe('A; B');
    expect(formatAliases(undefined)).toBe('');
  });
});

describe('party rows', () => {
  it('become parties with trimmed names and aliases only when there are some', () => {
    expect(toParty(emptyParty({ name: ' Lakeview LLC ', kind: 'organization', aliases: 'Lakeview; LPM' }))).toEqual({
      name: 'Lakeview LLC',
      role: 'adverse',
      kind: 'organization',
      aliases: ['Lakeview', 'LPM'],
    });
    expect(toParty(emptyParty({ name: 'Maria Lopez', role: 'client' }))).toEqual({
      name: 'Maria Lopez',
      role: 'client',
      kind: 'person',
    });
  });
});

describe('toReferralInput and fromReferral', () => {
  it('converts numbers, leaves out blank optional fields and marks a submission', () => {
    const input = toReferralInput({ ...validForm(), estimated_hours: '12', language: 'es' }, true);
    expect(input).toMatchObject({
      summary: 'Tenant faces eviction over disputed repairs.',
      estimated_hours: 12,
      language: 'es',
      eligibility: { household_size: 3, annual_income: 24500 },
      client: { name: 'Maria Lopez' },
      submit: true,
    });
    expect(input.deadline).toBeUndefined();
    expect(input.client.email).toBeUndefined();
    expect('submit' in toReferralInput(validForm())).toBe(false);
  });

  it('round-trips a stored referral', () => {
    const referral: Referral = {
      id: 'r1',
      organization_id: 'o1',
      organization_name: 'Northside',
      status: 'draft',
      version: 1,
      practice_area: 'housing.private_landlord_tenant',
      jurisdiction: 'IL',
      summary: 'Tenant faces eviction over disputed repairs.',
      urgency: 'urgent',
      deadline: '2026-04-01',
      limited_scope: true,
      remote_allowed: false,
      mentored_ok: true,
      eligibility: { household_size: 2, annual_income: 18000, poverty_percent: 85, guideline_year: 2026, guideline_region: 'contiguous' },
      client: { name: 'Maria Lopez', email: 'maria@example.org' },
      parties: [{ name: 'Lakeview LLC', role: 'adverse', kind: 'organization', aliases: ['Lakeview'] }],
      redacted: false,
      created_at: '2026-03-01T10:00:00Z',
      updated_at: '2026-03-01T10:00:00Z',
    };
    const form = fromReferral(referral);
    expect(form.parties[0].aliases).toBe('Lakeview');
    const input = toReferralInput(form);
    expect(input).toMatchObject({
      urgency: 'urgent',
      deadline: '2026-04-01',
      limited_scope: true,
      eligibility: { household_size: 2, annual_income: 18000 },
      client: { name: 'Maria Lopez', email: 'maria@example.org' },
      parties: referral.parties,
    });
  });
});
