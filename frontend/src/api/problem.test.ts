import { describe, expect, it } from 'vitest';
import { ApiError, errorMessage, fieldErrors, retryAfterSeconds, toProblem, unwrap } from './problem';

describe('fieldErrors', () => {
  it('keys messages by form field whatever prefix the server uses', () => {
    const error = new ApiError({
      type: 'https://probono.example/problems/validation',
      title: 'Invalid request',
      status: 422,
      detail: 'Some fields are invalid.',
      errors: [
        { field: 'email', message: 'must be an email address' },
        { field: '/password', message: 'too short' },
        { field: 'body.new_password', message: 'too long' },
      ],
    });

    expect(fieldErrors(error)).toEqual({
      email: 'This must be an email address.',
      password: 'Too short.',
      new_password: 'Too long.',
    });
  });

  it('is empty for anything but an API error', () => {
    expect(fieldErrors(new Error('boom'))).toEqual({});
  });
});

describe('errorMessage', () => {
  it('prefers the problem detail, then its title', () => {
    expect(errorMessage(new ApiError({ type: 't', title: 'Unauthorized', status: 401, detail: 'Invalid email or password' }))).toBe(
      'Invalid email or password',
    );
    expect(errorMessage(new ApiError({ type: 't', title: 'Gone', status: 410 }))).toBe('Gone');
  });
});

describe('unwrap', () => {
  it('turns a non-problem error body into a problem', () => {
    const problem = toProblem('Bad Gateway', new Response('Bad Gateway', { status: 502, statusText: 'Bad Gateway' }));
    expect(problem.status).toBe(502);
    expect(problem.detail).toMatch(/try again/);
  });

  it('turns a network failure into an API error with status 0', async () => {
    const error = await unwrap(Promise.reject(new TypeError('Failed to fetch'))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(0);
    expect(errorMessage(error)).toMatch(/Could not reach the server/);
  });
});

describe('retryAfterSeconds', () => {
  it('reads seconds or an HTTP date, and nothing else', () => {
    const now = Date.parse('2026-12-02T18:00:00Z');
    expect(retryAfterSeconds('30', now)).toBe(30);
    expect(retryAfterSeconds('Wed, 02 Dec 2026 18:01:30 GMT', now)).toBe(90);
    expect(retryAfterSeconds('Wed, 02 Dec 2026 17:59:00 GMT', now)).toBe(0);
    expect(retryAfterSeconds(null, now)).toBeUndefined();
    expect(retryAfterSeconds('soon', now)).toBeUndefined();
  });
});
