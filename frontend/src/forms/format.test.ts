import { describe, expect, it } from 'vitest';
import { formatDeadline, waitInWords } from './format';

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
