import { describe, expect, it } from 'vitest';
import { humanFieldMessage } from './fieldMessages';

describe('humanFieldMessage', () => {
  it.each([
    ['is already registered', 'An account with this email already exists. Ask them to sign in instead.'],
    ['must contain letters or digits', 'Enter some letters or digits, not only spaces or symbols.'],
    ['overlaps unavailable period 1', 'This period overlaps period 1. Merge them or change the dates.'],
    ['number must be at least 0', 'Enter 0 or more.'],
    ['number must be at most 10000000', 'Enter at most 10,000,000.'],
    ['maximum string length is 300', 'Keep this to 300 characters or fewer.'],
    ['value is not one of the allowed values ["a","b"]', 'Choose one of the options.'],
    ['must be a valid date', 'Enter a date.'],
    ['is not a known jurisdiction', 'This is not a known jurisdiction.'],
    ["the platform's own organization cannot be deactivated", "The platform's own organization cannot be deactivated."],
    ['Already a sentence.', 'Already a sentence.'],
  ])('%s → %s', (raw, human) => {
    expect(humanFieldMessage(raw)).toBe(human);
  });

  it('never leaves a raw lower-case predicate', () => {
    for (const raw of ['is invalid', 'must be 2 to 200 characters', 'has 6 fields, expected 5']) {
      expect(humanFieldMessage(raw)).toMatch(/^[A-Z].*\.$/);
    }
  });
});
