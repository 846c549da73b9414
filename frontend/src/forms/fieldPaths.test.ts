import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/problem';
import { fieldErrorsByPath, normalizeFieldPath, rowErrors } from './fieldPaths';

describe('normalizeFieldPath', () => {
  it.each([
    ['parties[1].name', 'parties[1].name'],
    ['parties.1.name', 'parties[1].name'],
    ['/parties/1/name', 'parties[1].name'],
    ['body.client.email', 'client.email'],
    ['languages.2', 'languages[2]'],
    ['availability[0].end', 'availability[0].end'],
    ['summary', 'summary'],
    ['body', 'body'],
  ])('%s → %s', (field, expected) => {
    expect(normalizeFieldPath(field)).toBe(expected);
  });
});

describe('fieldErrorsByPath and rowErrors', () => {
  const error = new ApiError({
    type: 'https://probono.example/problems/validation',
    title: 'Invalid request',
    status: 422,
    errors: [
      { field: 'parties[1].name', message: 'must not be blank' },
      { field: 'parties.1.aliases.0', message: 'too long' },
      { field: 'parties.10.role', message: 'bad role' },
      { field: 'languages[1]', message: 'is listed twice' },
      { field: 'client.name', message: 'must not be blank' },
    ],
  });
  const errors = fieldErrorsByPath(error);

  it('keys messages by normalized path', () => {
    expect(errors['client.name']).toBe('Enter some letters or digits, not only spaces or symbols.');
    expect(errors['parties[1].aliases[0]']).toBe('Too long.');
  });

  it('gives each row its own messages and nothing of another row', () => {
    expect(rowErrors(errors, 'parties', 1)).toEqual({ name: 'Enter some letters or digits, not only spaces or symbols.', 'aliases[0]': 'Too long.' });
    expect(rowErrors(errors, 'parties', 10)).toEqual({ role: 'Bad role.' });
    expect(rowErrors(errors, 'parties', 0)).toEqual({});
    expect(rowErrors(errors, 'languages', 1)).toEqual({ '': 'This is listed twice; remove one of them.' });
  });

  it('is empty for anything but an API error', () => {
    expect(fieldErrorsByPath(new Error('boom'))).toEqual({});
  });
});
