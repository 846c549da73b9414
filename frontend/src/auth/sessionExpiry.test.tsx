// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../api/client';
import { fakeApi, json, problem, renderApp } from '../test/renderApp';

afterEach(() => {
  cleanup();
  tokens.set(null);
  vi.unstubAllGlobals();
});

describe('an ended session', () => {
  it('sends the user to sign in and says why', async () => {
    let refreshes = 0;
    vi.stubGlobal(
      'fetch',
      fakeApi({
        // The cookie works once on load, then the server revokes the login.
        'POST /auth/refresh': () =>
          ++refreshes === 1
            ? json(200, { access_token: 'soon-revoked', token_type: 'Bearer', expires_in: 900 })
            : problem(401, 'Session expired'),
        'GET /me': () => problem(401, 'Token revoked'),
      }),
    );
    renderApp('/profile');

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(screen.getByText('Your session has ended. Please sign in again.')).toBeTruthy();
    expect(refreshes).toBe(2);
  });
});
