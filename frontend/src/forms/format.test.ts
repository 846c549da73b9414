import { describe, expect, it } from 'vitest';
import { ageInWords, formatDeadline, waitInWords } from './format';

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
