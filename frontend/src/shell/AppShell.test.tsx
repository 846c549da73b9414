// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../api/client';
import { attorneyMe, coordinatorMe, emptyReference } from '../test/fixtures';
import { fakeApi, json, problem, renderApp } from '../test/renderApp';

afterEach(() => {
  cleanup();
  tokens.set(null);
  vi.unstubAllGlobals();
});

describe('the main navigation', () => {
  it.each([
    ['/profile/attorney', 'My practice', attorneyMe],
    ['/profile', 'Profile', attorneyMe],
    ['/', 'Home', coordinatorMe],
    ['/conflicts', 'Conflicts', coordinatorMe],
  ])('at %s highlights only %s', async (path, expected, me) => {
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...emptyReference,
        'POST /auth/refresh': () => json(200, { access_token: 't', token_type: 'Bearer', expires_in: 900 }),
        'GET /me': () => json(200, me),
        [`GET /attorneys/${me.id}`]: () => problem(404, 'Not found'),
        'GET /conflicts/entries': () => json(200, { items: [], total: 0 }),
      }),
    );
    renderApp(path);
    const nav = within(await screen.findByRole('navigation', { name: 'Main' }));
    const current = nav.getAllByRole('link').filter((link) => link.getAttribute('aria-current') === 'page');
    expect(current.map((link) => link.textContent)).toEqual([expected]);
  });
});
