import { describe, expect, it } from 'vitest';
import { ageInWords, formatDeadline, formatMonth, hoursInWords, hoursSpanInWords, timeLeftInWords, waitInWords } from './format';

describe('waitInWords', () => {
  it('counts seconds up to a minute and a half, then whole minutes rounded up', () => {
    expect(waitInWords(1)).toBe('1 second');
    expect(waitInWords(30)).toBe('30 seconds');
    expect(waitInWords(90)).toBe('90 seconds');
    expect(waitInWords(91)).toBe('2 minutes');
    expect(waitInWords(900)).toBe('15 minutes');
  });
});

describe('formatDeadline', () => {
  it('says when there is no deadline in words', () => {
    expect(formatDeadline(undefined)).toBe('No deadline');
    expect(formatDeadline('2026-12-24')).toMatch(/2026/);
  });
});

describe('ageInWords', () => {
  const now = Date.parse('2026-12-03T12:00:00Z');
  const ago = (minutes: number) => new Date(now - minutes * 60_000).toISOString();
  it('counts minutes within the hour, hours up to two days, then days', () => {
    expect(ageInWords(ago(0), now)).toBe('just now');
    expect(ageInWords(ago(5), now)).toBe('5 minutes');
    expect(ageInWords(ago(60), now)).toBe('1 hour');
    expect(ageInWords(ago(47 * 60 + 59), now)).toBe('47 hours');
    expect(ageInWords(ago(48 * 60), now)).toBe('2 days');
    expect(ageInWords(ago(10 * 24 * 60), now)).toBe('10 days');
  });
  it('takes a time a little ahead of this clock for now', () => {
    expect(ageInWords(ago(-3), now)).toBe('just now');
  });
});

describe('timeLeftInWords', () => {
  const now = Date.parse('2026-12-04T12:00:00Z');
  const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
  it.each([
    [-1, 'expired'],
    [0, 'less than a minute'],
    [1, '1 minute'],
    [59, '59 minutes'],
    [60, '1 hour'],
    [61, '1 hour 1 minute'],
    [23 * 60 + 30, '23 hours 30 minutes'],
    [24 * 60, '1 day'],
    [50 * 60 + 5, '2 days 2 hours'],
  ])('%i minutes ahead reads "%s"', (minutes, words) => expect(timeLeftInWords(at(minutes), now)).toBe(words));
});

describe('formatMonth', () => {
  it('writes a month as people do', () => {
    expect(formatMonth('2026-03')).toBe('Mar 2026');
    expect(formatMonth('2026-12')).toBe('Dec 2026');
  });
});

describe('hoursSpanInWords', () => {
  it('counts minutes under an hour, hours up to two days, then days, to a tenth', () => {
    expect(hoursSpanInWords(0.004)).toBe('1 minute');
    expect(hoursSpanInWords(0.75)).toBe('45 minutes');
    expect(hoursSpanInWords(1)).toBe('1 hour');
    expect(hoursSpanInWords(5.54)).toBe('5.5 hours');
    expect(hoursSpanInWords(47.9)).toBe('47.9 hours');
    expect(hoursSpanInWords(48)).toBe('2 days');
    expect(hoursSpanInWords(77)).toBe('3.2 days');
  });
});

describe('hoursInWords', () => {
  it('writes hours to a tenth, one hour in the singular', () => {
    expect(hoursInWords(1)).toBe('1 hour');
    expect(hoursInWords(12.5)).toBe('12.5 hours');
    expect(hoursInWords(1200)).toBe('1,200 hours');
  });
});
