// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../api/client';
import { attorneyMe, coordinatorMe, staffMe } from '../test/fixtures';
import { fakeApi, json, renderApp } from '../test/renderApp';

afterEach(() => {
  cleanup();
  tokens.set(null);
  vi.unstubAllGlobals();
});

const home = async (me: object) => {
  vi.stubGlobal(
    'fetch',
    fakeApi({
      'POST /auth/refresh': () => json(200, { access_token: 't', token_type: 'Bearer', expires_in: 900 }),
      'GET /me': () => json(200, me),
      'GET /notifications/unread-count': () => json(200, { count: 0 }),
      'GET /conflicts/pending': () => json(200, { items: [], total: 0 }),
    }),
  );
  renderApp('/');
  const actions = within(await screen.findByRole('region', { name: 'What you can do here' }));
  return (name: string) => actions.queryByRole('link', { name })?.getAttribute('href');
};

describe('the home page’s links to hours and credit', () => {
  it('sends attorneys to their timesheet and their credit', async () => {
    const link = await home(attorneyMe);
    expect(link('Timesheet')).toBe('/timesheet');
    expect(link('My credit')).toBe('/credit');
    expect(link('Time approvals')).toBeUndefined();
  });

  it('sends a firm’s coordinators to the approvals, the firm’s credit and its policy', async () => {
    const link = await home(coordinatorMe);
    expect(link('Time approvals')).toBe('/approvals');
    expect(link('Pro bono credit')).toBe('/credit');
    expect(link('credit policy')).toBe('/credit/policy');
    expect(link('Timesheet')).toBeUndefined();
  });

  it('shows a nonprofit’s staff neither', async () => {
    const link = await home(staffMe);
    expect(link('Timesheet')).toBeUndefined();
    expect(link('Pro bono credit')).toBeUndefined();
  });
});

describe('the home page’s links to impact, reports and the audit trail', () => {
  it('sends a referring organisation’s staff to their impact and reports, not to the audit trail', async () => {
    const link = await home(staffMe);
    expect(link('Impact')).toBe('/impact');
    expect(link('Reports')).toBe('/reports');
    expect(link('Audit trail')).toBeUndefined();
  });

  it('sends a firm’s coordinators to reports and the audit trail, not to impact', async () => {
    const link = await home(coordinatorMe);
    expect(link('Reports')).toBe('/reports');
    expect(link('Audit trail')).toBe('/audit');
    expect(link('Impact')).toBeUndefined();
  });

  it('shows attorneys neither', async () => {
    const link = await home(attorneyMe);
    expect(link('Reports')).toBeUndefined();
    expect(link('Audit trail')).toBeUndefined();
  });
});
