// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../api/client';
import { fakeApi, json, problem, renderApp } from '../test/renderApp';

const preview = {
  email: 'new.associate@hartwell.example',
  role: 'attorney',
  organization_name: 'Hartwell & Pierce LLP',
  organization_kind: 'law_firm',
  expires_at: '2026-11-27T10:00:00Z',
};

afterEach(() => {
  cleanup();
  tokens.set(null);
  vi.unstubAllGlobals();
});

describe('AcceptInvitationPage', () => {
  it('names a public defender’s staff role after the office', async () => {
    vi.stubGlobal(
      'fetch',
      fakeApi({
        'POST /auth/refresh': () => problem(401, 'No session'),
        'POST /invitations/lookup': () =>
          json(200, { ...preview, role: 'nonprofit_staff', organization_name: 'Lakeshore Public Defender', organization_kind: 'public_defender' }),
      }),
    );
    renderApp('/invite?token=abc');
    expect(await screen.findByText('Public defender staff')).toBeTruthy();
  });

  it('shows the invitation and signs the new member in', async () => {
    let accepted: unknown;
    vi.stubGlobal(
      'fetch',
      fakeApi({
        'POST /auth/refresh': () => problem(401, 'No session'),
        'POST /invitations/lookup': () => json(200, preview),
        'POST /invitations/accept': async (request) => {
          accepted = await request.json();
          return json(201, { access_token: 'new-member', token_type: 'Bearer', expires_in: 900 });
        },
        'GET /me': () =>
          json(200, {
            id: '0b7c2c1e-0000-4000-8000-000000000009',
            email: preview.email,
            name: 'Jordan Lee',
            role: 'attorney',
            organization: {
              id: '0b7c2c1e-0000-4000-8000-000000000002',
              name: 'Hartwell & Pierce LLP',
              kind: 'law_firm',
              created_at: '2026-01-05T10:00:00Z',
            },
          }),
      }),
    );
    renderApp('/invite?token=abc');
    const user = userEvent.setup();

    expect(await screen.findByRole('heading', { name: 'Join Hartwell & Pierce LLP' })).toBeTruthy();
    expect(screen.getByText(preview.email)).toBeTruthy();
    expect(screen.getByText('Attorney')).toBeTruthy();

    await user.type(screen.getByLabelText('Full name'), 'Jordan Lee');
    await user.type(screen.getByLabelText('Password'), 'a long enough secret');
    await user.type(screen.getByLabelText('Confirm password'), 'a long enough secret');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    // The public page's header is a banner too: wait for the signed-in one, not the first found.
    expect(await screen.findByText('Jordan Lee', { selector: '.account-name' })).toBeTruthy();
    expect(accepted).toEqual({ token: 'abc', name: 'Jordan Lee', password: 'a long enough secret' });
  });

  it('asks for matching passwords of at least 12 characters', async () => {
    vi.stubGlobal(
      'fetch',
      fakeApi({
        'POST /auth/refresh': () => problem(401, 'No session'),
        'POST /invitations/lookup': () => json(200, preview),
      }),
    );
    renderApp('/invite?token=abc');
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Password'), 'short');
    await user.type(screen.getByLabelText('Confirm password'), 'shorter');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(await screen.findByText('Enter a name.')).toBeTruthy();
    expect(screen.getByText('Use at least 12 characters.')).toBeTruthy();
    expect(screen.getByText('The passwords do not match.')).toBeTruthy();
  });

  it('explains when the invitation can no longer be used', async () => {
    vi.stubGlobal(
      'fetch',
      fakeApi({
        'POST /auth/refresh': () => problem(401, 'No session'),
        'POST /invitations/lookup': () => problem(410, 'This invitation is no longer valid.'),
      }),
    );
    renderApp('/invite?token=used');

    expect((await screen.findByRole('alert')).textContent).toMatch(/expired, was revoked, or has already been used/);
  });
});
