// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../api/client';
import type { MatchingSettings } from '../api/types';
import { fakeApi, json, problem, renderApp } from '../test/renderApp';

afterEach(() => {
  cleanup();
  tokens.set(null);
  vi.unstubAllGlobals();
});

const adminMe = {
  id: '0b7c2c1e-0000-4000-8000-000000000009',
  email: 'admin@probono.example',
  name: 'Robin Admin',
  role: 'platform_admin',
  organization: { id: '0b7c2c1e-0000-4000-8000-000000000008', name: 'Probono Match', kind: 'platform', limited_scope_program: false, active: true, created_at: '2026-01-05T10:00:00Z' },
};
const settings = (version: number, overrides: Partial<MatchingSettings> = {}): MatchingSettings => ({
  weights: { experience: 3, availability: 2, capacity: 2, goal: 1, partnership: 1, language: 1, fairness: 2, urgency: 1 },
  offer_windows: { routine: 2880, soon: 1440, urgent: 480, emergency: 90 },
  updated_at: '2026-12-01T10:00:00Z',
  version,
  ...overrides,
});

function serve(routes: Parameters<typeof fakeApi>[0]) {
  vi.stubGlobal(
    'fetch',
    fakeApi({
      'POST /auth/refresh': () => json(200, { access_token: 't', token_type: 'Bearer', expires_in: 900 }),
      'GET /me': () => json(200, adminMe),
      ...routes,
    }),
  );
}

const field = (form: ReturnType<typeof within>, label: string) => form.getByRole('textbox', { name: label }) as HTMLInputElement;

describe('the matching settings page', () => {
  it('shows the settings in hours, checks them before sending, places the server’s field errors, then saves in minutes', async () => {
    const sent: { body: unknown; ifMatch: string | null }[] = [];
    serve({
      'GET /matching/settings': () => json(200, settings(4)),
      'PUT /matching/settings': async (request) => {
        sent.push({ body: await request.json(), ifMatch: request.headers.get('If-Match') });
        if (sent.length === 1) return problem(422, 'Some fields are not valid.', [{ field: 'weights.fairness', message: 'must be at most 100' }]);
        return json(200, settings(5, { offer_windows: { routine: 2880, soon: 1440, urgent: 360, emergency: 90 } }));
      },
    });
    renderApp('/admin/matching');
    const user = userEvent.setup();
    const form = within(await screen.findByRole('form', { name: 'Matching settings' }));
    expect(field(form, 'Experience').value).toBe('3');
    expect(field(form, 'Routine').value).toBe('48');
    expect(field(form, 'Emergency').value).toBe('1.5');
    expect(form.getByText(/Now 23% of the score/)).toBeTruthy(); // 3 of 13

    // Every weight at 0, and an emergency that would wait longer than an urgent referral: nothing is sent.
    for (const label of ['Experience', 'Availability', 'Capacity', 'Annual goal', 'Partnership', 'Language', 'Fairness', 'Urgency']) {
      await user.clear(field(form, label));
      await user.type(field(form, label), '0');
    }
    await user.clear(field(form, 'Emergency'));
    await user.type(field(form, 'Emergency'), '12');
    await user.clear(field(form, 'Routine'));
    await user.type(field(form, 'Routine'), 'two days');
    await user.click(form.getByRole('button', { name: 'Save settings' }));
    expect(form.getByText('Give at least one score a weight above 0.')).toBeTruthy();
    expect(form.getByText('A more urgent referral cannot wait longer: at most the urgent window (8 hours).')).toBeTruthy();
    expect(form.getByText('Enter from 0.25 to 336 hours (15 minutes to 14 days).')).toBeTruthy();
    expect(sent).toHaveLength(0);

    await user.clear(field(form, 'Experience'));
    await user.type(field(form, 'Experience'), '4.5');
    await user.clear(field(form, 'Fairness'));
    await user.type(field(form, 'Fairness'), '2');
    await user.clear(field(form, 'Routine'));
    await user.type(field(form, 'Routine'), '48');
    await user.clear(field(form, 'Urgent'));
    await user.type(field(form, 'Urgent'), '6');
    await user.clear(field(form, 'Emergency'));
    await user.type(field(form, 'Emergency'), '1.5');
    await user.click(form.getByRole('button', { name: 'Save settings' }));
    expect(await form.findByText('This must be at most 100.')).toBeTruthy();
    expect(field(form, 'Fairness').getAttribute('aria-invalid')).toBe('true');
    expect(sent[0]).toEqual({
      body: {
        weights: { experience: 4.5, availability: 0, capacity: 0, goal: 0, partnership: 0, language: 0, fairness: 2, urgency: 0 },
        offer_windows: { routine: 2880, soon: 1440, urgent: 360, emergency: 90 },
      },
      ifMatch: '"4"',
    });

    await user.click(form.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText(/The matching settings have been saved/)).toBeTruthy();
    expect(field(within(screen.getByRole('form', { name: 'Matching settings' })), 'Urgent').value).toBe('6');
  }, 60_000); // a form typed key by key

  it('tells the admin that someone else changed the settings first, and reloads theirs', async () => {
    let reloaded = false;
    serve({
      'GET /matching/settings': () => json(200, reloaded ? settings(6, { weights: { ...settings(6).weights, experience: 7 } }) : settings(5)),
      'PUT /matching/settings': () => {
        reloaded = true;
        return problem(412, 'Someone else changed the matching settings after you opened them.');
      },
    });
    renderApp('/admin/matching');
    const user = userEvent.setup();
    const form = within(await screen.findByRole('form', { name: 'Matching settings' }));
    await user.clear(field(form, 'Experience'));
    await user.type(field(form, 'Experience'), '5');
    await user.click(form.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText(/Someone else changed the matching configuration after you opened it\. Your changes were not saved\./)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Reload' }));
    const fresh = within(await screen.findByRole('form', { name: 'Matching settings' }));
    expect(field(fresh, 'Experience').value).toBe('7');
  });

  it('is for platform admins only', async () => {
    serve({ 'GET /me': () => json(200, { ...adminMe, role: 'org_admin', organization: { ...adminMe.organization, kind: 'nonprofit' } }) });
    renderApp('/admin/matching');
    expect(await screen.findByRole('heading', { name: 'Not available' })).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Matching settings' })).toBeNull();
  });
});
