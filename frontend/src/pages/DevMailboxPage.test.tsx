// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../api/client';
import { fakeApi, json, problem, renderApp } from '../test/renderApp';

afterEach(() => {
  cleanup();
  tokens.set(null);
  vi.unstubAllGlobals();
});

const admin = {
  id: '0b7c2c1e-0000-4000-8000-0000000000f2',
  email: 'admin@probono.example',
  name: 'Avery Park',
  role: 'platform_admin',
  organization: {
    id: '0b7c2c1e-0000-4000-8000-0000000000f0',
    name: 'Probono Match',
    kind: 'platform',
    limited_scope_program: false,
    active: true,
    created_at: '2026-01-01T10:00:00Z',
  },
};

const invitation = {
  to: 'lateral@hartwell.example',
  subject: 'You are invited to join Hartwell & Pierce LLP on Probono Match',
  sent_at: '2026-12-03T08:00:00Z',
  text: 'To accept, open this link within seven days and choose your password:\nhttp://localhost:8080/invite?token=abc_-1\n',
};

function stubApi(mailbox: () => Response) {
  vi.stubGlobal(
    'fetch',
    fakeApi({
      'POST /auth/refresh': () => json(200, { access_token: 't', token_type: 'Bearer', expires_in: 900 }),
      'GET /me': () => json(200, admin),
      'GET /admin/dev-mailbox': mailbox,
    }),
  );
}

describe('DevMailboxPage', () => {
  it('lists the kept emails with their links clickable, and is in the navigation', async () => {
    stubApi(() => json(200, { items: [invitation] }));
    renderApp('/admin/dev-mailbox');
    const email = await screen.findByRole('article', { name: invitation.subject });
    expect(within(email).getByText(/lateral@hartwell\.example/)).toBeTruthy();
    const link = within(email).getByRole('link', { name: 'http://localhost:8080/invite?token=abc_-1' });
    expect(link.getAttribute('href')).toBe('http://localhost:8080/invite?token=abc_-1');
    expect(within(email).getByText(/within seven days/)).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Main' }).textContent).toContain('Dev mailbox');
  });

  it('says why there is no mailbox where the server sends email, and leaves it out of the navigation', async () => {
    stubApi(() => problem(404, 'This server has no development mailbox: it sends email, or runs in production.'));
    renderApp('/admin/dev-mailbox');
    expect((await screen.findByRole('alert')).textContent).toContain('no development mailbox');
    expect(screen.getByRole('navigation', { name: 'Main' }).textContent).not.toContain('Dev mailbox');
  });
});
