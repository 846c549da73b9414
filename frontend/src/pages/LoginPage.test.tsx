// @vitest-environment jsdom
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../api/client';
import { fakeApi, json, problem, renderApp } from '../test/renderApp';

const me = {
  id: '0b7c2c1e-0000-4000-8000-000000000001',
  email: 'coordinator@hartwell.example',
  name: 'Dana Whitfield',
  role: 'coordinator',
  organization: {
    id: '0b7c2c1e-0000-4000-8000-000000000002',
    name: 'Hartwell & Pierce LLP',
    kind: 'law_firm',
    created_at: '2026-01-05T10:00:00Z',
  },
};

afterEach(() => {
  vi.useRealTimers();
  cleanup();
  tokens.set(null);
  vi.unstubAllGlobals();
});

async function signIn(email: string, password: string) {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('Email'), email);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('LoginPage', () => {
  it('signs in and shows who is signed in', async () => {
    vi.stubGlobal(
      'fetch',
      fakeApi({
        'POST /auth/refresh': () => problem(401, 'No session'),
        'POST /auth/login': () => json(200, { access_token: 'token-1', token_type: 'Bearer', expires_in: 900 }),
        'GET /me': (request) =>
          request.headers.get('Authorization') === 'Bearer token-1' ? json(200, me) : problem(401, 'No token'),
      }),
    );
    renderApp('/');

    await signIn('coordinator@hartwell.example', 'probono-demo-2026');

    // The public page's header is a banner too: wait for the signed-in one, not the first found.
    const banner = (await screen.findByText('Dana Whitfield', { selector: '.account-name' })).closest('header');
    if (!banner) throw new Error('the name is not in the header');
    expect(banner.textContent).toContain('Hartwell & Pierce LLP');
    expect(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Members' })).toBeTruthy();
  });

  it("shows the server's explanation when the password is wrong", async () => {
    vi.stubGlobal(
      'fetch',
      fakeApi({
        'POST /auth/refresh': () => problem(401, 'No session'),
        'POST /auth/login': () => problem(401, 'Invalid email or password'),
      }),
    );
    renderApp('/login');

    await signIn('coordinator@hartwell.example', 'wrong password');

    expect((await screen.findByRole('alert')).textContent).toContain('Invalid email or password');
  });

  it('shows the server’s too-many-attempts message', async () => {
    vi.stubGlobal(
      'fetch',
      fakeApi({
        'POST /auth/refresh': () => problem(401, 'No session'),
        'POST /auth/login': () => problem(429, 'Too many sign-in attempts. Try again in 15 minutes.'),
      }),
    );
    renderApp('/login');

    await signIn('coordinator@hartwell.example', 'another guess');

    expect((await screen.findByRole('alert')).textContent).toContain('Too many sign-in attempts');
  });

  it('says how long to wait after too many attempts, counts down, and lets the user try again', async () => {
    // Only the clock and the countdown's interval are faked: the user's typing runs in real time.
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.stubGlobal(
      'fetch',
      fakeApi({
        'POST /auth/refresh': () => problem(401, 'No session'),
        'POST /auth/login': () => {
          const answer = problem(429, 'Too many failed sign-in attempts. Try again in 3 seconds.');
          answer.headers.set('Retry-After', '3');
          return answer;
        },
      }),
    );
    renderApp('/login');

    await signIn('coordinator@hartwell.example', 'another guess');

    expect(await screen.findByText('Too many attempts. Try again in 3 seconds.', { selector: '.alert p' })).toBeTruthy();
    const button = screen.getByRole('button', { name: 'Sign in' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(screen.getByTestId('sign-in-wait').textContent).toBe('Too many attempts. Try again in 3 seconds.');

    act(() => vi.advanceTimersByTime(1000));
    expect(screen.getByText('Too many attempts. Try again in 2 seconds.', { selector: '.alert p' })).toBeTruthy();
    // Screen readers were told once; the ticking is for the eye.
    expect(screen.getByTestId('sign-in-wait').textContent).toBe('Too many attempts. Try again in 3 seconds.');

    act(() => vi.advanceTimersByTime(1000));
    expect(screen.getByText('Too many attempts. Try again in 1 second.', { selector: '.alert p' })).toBeTruthy();

    act(() => vi.advanceTimersByTime(1000));
    expect(screen.queryByText(/Too many attempts/)).toBeNull();
    expect(screen.getByText('You can try signing in again now.', { selector: '.alert p' })).toBeTruthy();
    expect(screen.getByTestId('sign-in-wait').textContent).toBe('You can try signing in again now.');
    expect(button.disabled).toBe(false);
  });

  it('tells a member of a deactivated organisation why they cannot sign in', async () => {
    vi.stubGlobal(
      'fetch',
      fakeApi({
        'POST /auth/refresh': () => problem(401, 'No session'),
        'POST /auth/login': () => problem(403, 'Your organization has been deactivated on Probono Match.'),
      }),
    );
    renderApp('/login');

    await signIn('coordinator@hartwell.example', 'probono-demo-2026');

    expect((await screen.findByRole('alert')).textContent).toContain('Your organization has been deactivated');
  });

  it('places validation messages from the server beside their fields', async () => {
    vi.stubGlobal(
      'fetch',
      fakeApi({
        'POST /auth/refresh': () => problem(401, 'No session'),
        'POST /auth/login': () =>
          problem(422, 'The request is invalid.', [{ field: 'email', message: 'is not a deliverable address' }]),
      }),
    );
    renderApp('/login');

    await signIn('someone@example.org', 'whatever');

    const email = await screen.findByLabelText('Email');
    await vi.waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('This is not a deliverable address.')).toBeTruthy();
    // Said once, beside the field: no banner repeats it.
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('checks the form before asking the server', async () => {
    const fetch = vi.fn(fakeApi({ 'POST /auth/refresh': () => problem(401, 'No session') }));
    vi.stubGlobal('fetch', fetch);
    renderApp('/login');
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Email'), 'not-an-email');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByText(/Enter an email address like/)).toBeTruthy();
    expect(screen.getByText('Enter your password.')).toBeTruthy();
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('restores the session from the refresh cookie on load', async () => {
    vi.stubGlobal(
      'fetch',
      fakeApi({
        'POST /auth/refresh': () => json(200, { access_token: 'restored', token_type: 'Bearer', expires_in: 900 }),
        'GET /me': (request) =>
          request.headers.get('Authorization') === 'Bearer restored' ? json(200, me) : problem(401, 'No token'),
      }),
    );
    renderApp('/profile');

    expect(await screen.findByRole('heading', { level: 1, name: 'Profile' })).toBeTruthy();
    expect(screen.getByText('coordinator@hartwell.example')).toBeTruthy();
  });
});
