import { describe, expect, it } from 'vitest';
import { waitInWords } from './format';

describe('waitInWords', () => {
  it('counts seconds up to a minute and a half, then whole minutes rounded up', () => {
    expect(waitInWords(1)).toBe('1 second');
    expect(waitInWords(30)).toBe('30 seconds');
    expect(waitInWords(90)).toBe('90 seconds');
    expect(waitInWords(91)).toBe('2 minutes');
    expect(waitInWords(900)).toBe('15 minutes');
  });
});
