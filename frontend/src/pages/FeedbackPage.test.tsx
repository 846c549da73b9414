// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../api/client';
import { fakeApi, json, problem, renderApp } from '../test/renderApp';

afterEach(() => {
  cleanup();
  tokens.set(null);
  vi.unstubAllGlobals();
});

const noSession = { 'POST /auth/refresh': () => problem(401, 'No session') };
const gone = () =>
  problem(410, 'This feedback link can no longer be used: it was used already or has expired. Ask the organization for a new one if you still want to answer.');

describe('the public feedback page', () => {
  it('lets a client with no account answer once, sending no token of a session', async () => {
    const answers: { body: unknown; authorization: string | null }[] = [];
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...noSession,
        'GET /feedback/tok-123': () => json(200, { organization_name: 'Northside Legal Aid Society', expires_at: '2027-01-02T09:00:00Z' }),
        'POST /feedback/tok-123': async (request) => {
          answers.push({ body: await request.json(), authorization: request.headers.get('Authorization') });
          return new Response(null, { status: 204 });
        },
      }),
    );
    renderApp('/feedback/tok-123');
    const user = userEvent.setup();
    expect(await screen.findByRole('heading', { level: 1, name: 'How did we do?' })).toBeTruthy();
    expect(screen.getByText(/Northside Legal Aid Society would like to know/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Send my answer' }));
    expect(screen.getByText('Choose a score from 1 to 5.')).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: '5: Very satisfied' }));
    await user.type(screen.getByLabelText(/^Anything you would like/), '  Thank you for keeping us housed.  ');
    await user.click(screen.getByRole('button', { name: 'Send my answer' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Thank you' })).toBeTruthy();
    expect(answers).toEqual([{ body: { satisfaction: 5, comment: 'Thank you for keeping us housed.' }, authorization: null }]);
    expect(screen.queryByRole('button', { name: 'Send my answer' })).toBeNull();
  });

  it('says a used or expired link can no longer be used', async () => {
    vi.stubGlobal('fetch', fakeApi({ ...noSession, 'GET /feedback/used': gone }));
    renderApp('/feedback/used');
    expect(await screen.findByRole('heading', { level: 1, name: 'This link can no longer be used' })).toBeTruthy();
    expect(screen.getByText('It has been used already, or it has expired.')).toBeTruthy();
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('says so when the link was used up while the page was open', async () => {
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...noSession,
        'GET /feedback/tok-123': () => json(200, { organization_name: 'Northside Legal Aid Society', expires_at: '2027-01-02T09:00:00Z' }),
        'POST /feedback/tok-123': gone,
      }),
    );
    renderApp('/feedback/tok-123');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('radio', { name: '3: Neither satisfied nor dissatisfied' }));
    await user.click(screen.getByRole('button', { name: 'Send my answer' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'This link can no longer be used' })).toBeTruthy();
  });
});
