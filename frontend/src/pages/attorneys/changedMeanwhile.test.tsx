// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../../api/client';
import { attorneyMe, emptyReference } from '../../test/fixtures';
import { fakeApi, json, problem, renderApp } from '../../test/renderApp';

afterEach(() => {
  cleanup();
  tokens.set(null);
  vi.unstubAllGlobals();
});

const signedIn = { 'POST /auth/refresh': () => json(200, { access_token: 't', token_type: 'Bearer', expires_in: 900 }) };

const profile = (version: number, budget: number) => ({
  user_id: attorneyMe.id,
  name: attorneyMe.name,
  email: attorneyMe.email,
  version,
  updated_at: '2026-12-01T09:00:00Z',
  bar_admissions: [],
  practice_areas: [],
  languages: [],
  availability: [],
  blackouts: [],
  monthly_hour_budget: budget,
  max_active_matters: 2,
  annual_goal_hours: 50,
  work_mode: 'either',
  accepts_mentored: false,
});

describe('an attorney and their coordinator editing one profile', () => {
  it('refuses the stale save, says so, and reloads what the other saved', async () => {
    let current = profile(4, 10);
    const ifMatches: (string | null)[] = [];
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedIn,
        ...emptyReference,
        'GET /me': () => json(200, attorneyMe),
        [`GET /attorneys/${attorneyMe.id}`]: () => json(200, current),
        [`PUT /attorneys/${attorneyMe.id}`]: (request) => {
          ifMatches.push(request.headers.get('If-Match'));
          return problem(412, 'Someone else changed this profile after you opened it.');
        },
      }),
    );
    renderApp('/profile/attorney');
    const budget = await screen.findByLabelText(/^Hours per month/);
    current = profile(5, 25); // the coordinator saves first

    const user = userEvent.setup();
    await user.clear(budget);
    await user.type(budget, '12');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(await screen.findByText(/Someone else changed this profile after you opened it\. Your edits on this page were not saved\./)).toBeTruthy();
    expect(ifMatches).toEqual(['"4"']);

    await user.click(screen.getByRole('button', { name: 'Reload' }));
    expect(await screen.findByDisplayValue('25')).toBeTruthy();
    expect(screen.queryByText(/Someone else changed this profile/)).toBeNull();
  });
});
