import { describe, expect, it } from 'vitest';
import { actionInWords, fieldChanges } from './audit';

describe('the audit trail in words', () => {
  it.each([
    ['matter.closed', 'Matter closed'],
    ['credit.policy_created', 'Credit policy created'],
    ['auth.signed_in', 'Signed in'],
  ])('names %s as %s', (action, words) => {
    expect(actionInWords(action)).toBe(words);
  });

  it('puts before and after side by side, marking what changed', () => {
    expect(fieldChanges({ role: 'attorney', status: 'active', areas: ['housing'] }, { role: 'coordinator', status: 'active', goal_met: true })).toEqual([
      { field: 'areas', before: 'housing', after: undefined, changed: true },
      { field: 'goal met', before: undefined, after: 'true', changed: true },
      { field: 'role', before: 'attorney', after: 'coordinator', changed: true },
      { field: 'status', before: 'active', after: 'active', changed: false },
    ]);
  });

  it('shows an action on something new with its after only', () => {
    expect(fieldChanges(undefined, { hours: 12.5, filters: { action: 'matter.closed', object_type: 'matter' } })).toEqual([
      { field: 'filters › action', before: undefined, after: 'matter.closed', changed: true },
      { field: 'filters › object type', before: undefined, after: 'matter', changed: true },
      { field: 'hours', before: undefined, after: '12.5', changed: true },
    ]);
  });
});
