import { describe, expect, it } from 'vitest';
import { stepHours } from '../forms/timeEntryForm';
import { addDays, hoursText, mondayOf, parseHours, validateAdjustment, validateHours, validateWorkDate, weekDays } from './hours';

describe('hours in tenths', () => {
  it.each([
    ['2.5', 150],
    ['2,5', 150],
    ['.3', 18],
    ['24', 1440],
    ['', undefined],
    ['2.55', NaN],
    ['two', NaN],
    ['-1', NaN],
  ])('reads %j as %s minutes', (text, minutes) => {
    expect(parseHours(text)).toBe(minutes);
  });

  it('reads negative hours only for adjustments', () => {
    expect(parseHours('-0.5', { allowNegative: true })).toBe(-30);
    expect(validateAdjustment('0')).toBe('An adjustment changes the hours by at least 0.1.');
    expect(validateAdjustment('-0.5')).toBeUndefined();
  });

  it('writes minutes as hours with one decimal', () => {
    expect([150, 6, 0, -30, 1440].map(hoursText)).toEqual(['2.5', '0.1', '0.0', '-0.5', '24.0']);
  });

  it('keeps an entry between 0.1 and 24 hours', () => {
    expect(validateHours('0')).toBe('Enter at least 0.1 hours.');
    expect(validateHours('24.1')).toBe('A day has at most 24 hours.');
    expect([stepHours('', 1), stepHours('0.1', -1), stepHours('2.5', 1), stepHours('24', 1)]).toEqual(['0.1', '0.1', '2.6', '24.0']);
  });

  it('refuses days that have not come yet', () => {
    expect(validateWorkDate('2026-12-05', '2026-12-04')).toBe('Time cannot be logged for a day that has not come yet.');
    expect(validateWorkDate('2026-12-04', '2026-12-04')).toBeUndefined();
  });
});

describe('weeks', () => {
  it('run from Monday to Sunday, across months and years', () => {
    expect(mondayOf('2026-12-04')).toBe('2026-11-30');
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
    expect(mondayOf('2027-01-03')).toBe('2026-12-28');
    expect(weekDays('2026-12-28')).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']);
    expect(addDays('2026-03-29', -7)).toBe('2026-03-22');
  });
});
