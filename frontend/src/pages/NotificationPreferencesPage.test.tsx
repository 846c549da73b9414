// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../api/client';
import { coordinatorMe } from '../test/fixtures';
import { fakeApi, json, problem, renderApp } from '../test/renderApp';

afterEach(() => {
  cleanup();
  tokens.set(null);
  vi.unstubAllGlobals();
});

const preferences = [
  { event_type: 'password_reset', label: 'Password reset', description: 'The link to choose a new password.', delivery: 'immediate', default_delivery: 'immediate', security: true },
  { event_type: 'conflict_to_clear', label: 'Potential conflicts to clear', description: 'A new referral names someone in your registry.', delivery: 'immediate', default_delivery: 'immediate', security: false },
  { event_type: 'referral_submitted', label: 'New referrals', description: 'A referral is open for your attorneys.', delivery: 'off', default_delivery: 'off', security: false },
];

function stubApi(put: (body: unknown) => Response) {
  vi.stubGlobal(
    'fetch',
    fakeApi({
      'POST /auth/refresh': () => json(200, { access_token: 't', token_type: 'Bearer', expires_in: 900 }),
      'GET /me': () => json(200, coordinatorMe),
      'GET /notifications/unread-count': () => json(200, { count: 0 }),
      'GET /me/notification-preferences': () => json(200, { items: preferences }),
      'PUT /me/notification-preferences': async (request) => put(await request.json()),
    }),
  );
}

const group = (name: string) => within(screen.getByRole('group', { name }));

describe('NotificationPreferencesPage', () => {
  it('shows security emails as fixed and saves the delivery chosen for each other event', async () => {
    const sent: unknown[] = [];
    stubApi((body) => {
      sent.push(body);
      return json(200, { items: preferences.map((p) => (p.event_type === 'conflict_to_clear' ? { ...p, delivery: 'daily' } : p)) });
    });
    const user = userEvent.setup();
    renderApp('/notifications/preferences');
    await screen.findByRole('button', { name: 'Save preferences' });

    expect(group('Password reset').queryAllByRole('radio')).toHaveLength(0);
    expect(group('Password reset').getByText(/cannot be turned off/)).toBeTruthy();
    const conflicts = group('Potential conflicts to clear');
    expect(conflicts.getAllByRole('radio').map((r) => r.closest('label')?.textContent)).toEqual([
      'Immediately (default)',
      'Daily digest',
      'Weekly digest',
      'Off',
    ]);
    expect((conflicts.getByRole('radio', { name: /Immediately/ }) as HTMLInputElement).checked).toBe(true);
    expect((group('New referrals').getByRole('radio', { name: /Off/ }) as HTMLInputElement).checked).toBe(true);

    await user.click(conflicts.getByRole('radio', { name: 'Daily digest' }));
    await user.click(screen.getByRole('button', { name: 'Save preferences' }));
    await screen.findByText('Your preferences have been saved.');
    expect(sent).toEqual([
      {
        items: [
          { event_type: 'conflict_to_clear', delivery: 'daily' },
          { event_type: 'referral_submitted', delivery: 'off' },
        ],
      },
    ]);
    expect((group('Potential conflicts to clear').getByRole('radio', { name: 'Daily digest' }) as HTMLInputElement).checked).toBe(true);
  });

  it("shows the server's refusal beside the event it names", async () => {
    stubApi(() => problem(422, 'The request has invalid fields.', [{ field: 'items[1].event_type', message: 'is not an event you are notified of' }]));
    const user = userEvent.setup();
    renderApp('/notifications/preferences');
    await screen.findByRole('button', { name: 'Save preferences' });
    await user.click(screen.getByRole('button', { name: 'Save preferences' }));
    expect((await group('New referrals').findByRole('alert')).textContent).toBe('This is not an event you are notified of.');
    expect(group('Potential conflicts to clear').queryByRole('alert')).toBeNull();
  });
});
