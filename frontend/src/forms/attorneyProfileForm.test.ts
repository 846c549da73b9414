import { describe, expect, it } from 'vitest';
import type { AttorneyProfileInput } from '../api/types';
import { fromProfile, newWindowRow, toProfileInput, validateAttorneyForm } from './attorneyProfileForm';

const TODAY = '2026-03-10';

const profile: AttorneyProfileInput = {
  bar_admissions: [{ jurisdiction: 'IL', bar_number: '6312345', status: 'active', admitted_on: '2015-11-05' }],
  practice_areas: [{ code: 'housing.private_landlord_tenant', experience: 'expert' }],
  languages: ['en', 'es'],
  availability: [{ weekday: 2, start: '18:00', end: '20:30', time_zone: 'America/Chicago' }],
  blackouts: [{ start: '2026-07-01', end: '2026-07-14' }],
  monthly_hour_budget: 10,
  max_active_matters: 2,
  annual_goal_hours: 60,
  work_mode: 'either',
  accepts_mentored: true,
};

describe('attorney profile form', () => {
  it('round-trips a profile', () => {
    expect(toProfileInput(fromProfile(profile))).toEqual(profile);
    expect(validateAttorneyForm(fromProfile(profile), TODAY)).toEqual({});
  });

  it('names row errors by their API path', () => {
    const form = fromProfile(profile);
    form.availability.push({ ...newWindowRow(), start: '20:00', end: '19:00' });
    form.bar_admissions.push({ ...form.bar_admissions[0], key: 'x', bar_number: ' ' });
    form.practice_areas.push({ key: 'y', code: '', experience: 'some' });
    form.blackouts.push({ key: 'z', start: '2026-08-10', end: '2026-08-01' });
    const errors = validateAttorneyForm(form, TODAY);
    expect(errors).toEqual({
      'availability[1].end': 'The end must be after the start.',
      'bar_admissions[1].jurisdiction': 'This jurisdiction is listed twice.',
      'bar_admissions[1].bar_number': 'Enter the bar number.',
      'practice_areas[1].code': 'Choose a practice area.',
      'blackouts[1].end': 'The last day cannot be before the first.',
    });
  });

  it('allows a window ending at midnight and keeps numbers in range', () => {
    const form = fromProfile(profile);
    form.availability[0].end = '24:00';
    form.monthly_hour_budget = '201';
    form.annual_goal_hours = '';
    const errors = validateAttorneyForm(form, TODAY);
    expect(errors['availability[0].end']).toBeUndefined();
    expect(errors.monthly_hour_budget).toMatch(/between 0 and 200/);
    expect(errors.annual_goal_hours).toBeTruthy();
  });

  it('refuses an admission date in the future', () => {
    const form = fromProfile(profile);
    form.bar_admissions[0].admitted_on = '2026-03-11';
    expect(validateAttorneyForm(form, TODAY)['bar_admissions[0].admitted_on']).toMatch(/future/);
  });
});
