import { describe, expect, it } from 'vitest';
import { validateReason } from './reasonForm';

describe('validateReason', () => {
  it('needs a reason', () => expect(validateReason('', '')).toEqual({ reason: 'Choose a reason.' }));
  it('takes a listed reason without a note', () => expect(validateReason('no_capacity', '')).toEqual({}));
  it('needs a note for another reason', () => expect(validateReason('other', '   ')).toEqual({ note: 'Say what the reason is.' }));
  it('takes another reason with a note', () => expect(validateReason('other', 'On leave')).toEqual({}));
  it('keeps notes to 1,000 characters', () => {
    expect(validateReason('conflict', 'é'.repeat(1000))).toEqual({});
    expect(validateReason('conflict', 'é'.repeat(1001))).toEqual({ note: 'Keep the note to 1,000 characters.' });
  });
});
