// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../api/client';
import { fakeApi, problem, renderApp } from '../test/renderApp';

afterEach(() => {
  cleanup();
  tokens.set(null);
  vi.unstubAllGlobals();
});

async function choosePassword(password: string) {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText(/^New password/), password);
  await user.type(screen.getByLabelText('Confirm new password'), password);
  await user.click(screen.getByRole('button', { name: 'Change password' }));
}

describe('ResetPasswordPage', () => {
  it('sends people to sign in with their new password', async () => {
    let sent: unknown;
    vi.stubGlobal(
      'fetch',
      fakeApi({
        'POST /auth/refresh': () => problem(401, 'No session'),
        'POST /auth/password-reset/confirm': async (request) => {
          sent = await request.json();
          return new Response(null, { status: 204 });
        },
      }),
    );
    renderApp('/reset-password?token=reset-1');

    await choosePassword('a brand new passphrase');

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toMatch(/password has been changed/);
    expect(sent).toEqual({ token: 'reset-1', password: 'a brand new passphrase' });
  });

  it('says so when the link has expired or was used', async () => {
    vi.stubGlobal(
      'fetch',
      fakeApi({
        'POST /auth/refresh': () => problem(401, 'No session'),
        'POST /auth/password-reset/confirm': () => problem(410, 'This reset link is no longer valid.'),
      }),
    );
    renderApp('/reset-password?token=old');

    await choosePassword('a brand new passphrase');

    expect(await screen.findByRole('heading', { name: 'This link no longer works' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Request a new link' })).toBeTruthy();
  });
});
