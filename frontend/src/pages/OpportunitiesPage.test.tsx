// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../api/client';
import type { Opportunity } from '../api/types';
import { attorneyMe, emptyReference, referral } from '../test/fixtures';
import { fakeApi, json, renderApp } from '../test/renderApp';

afterEach(() => {
  cleanup();
  tokens.set(null);
  vi.unstubAllGlobals();
});

const REFERRAL = '8b1e0c2a-0000-4000-8000-000000000001';

const opportunity = {
  referral: referral(REFERRAL, { summary: 'Tenant facing eviction after asking for repairs.' }),
  score: 0.74,
  mentored: false,
  factors: [
    { name: 'fairness', weight: 2, value: 0.5, why: 'You have had few offers lately.' },
    { name: 'experience', weight: 3, value: 1, why: 'You are an expert in housing.' },
    { name: 'language', weight: 1, value: 1 },
  ],
} as unknown as Opportunity;

describe('the attorney’s Opportunities page', () => {
  it('ranks open referrals with why each fits, and volunteers only with the attestation', async () => {
    const interest = vi.fn(async (request: Request) => {
      expect(await request.json()).toEqual({ attest_no_conflict: true });
      return json(201, {});
    });
    vi.stubGlobal(
      'fetch',
      fakeApi({
        'POST /auth/refresh': () => json(200, { access_token: 't', token_type: 'Bearer', expires_in: 900 }),
        'GET /me': () => json(200, attorneyMe),
        'GET /notifications/unread-count': () => json(200, { count: 0 }),
        ...emptyReference,
        'GET /opportunities': () => json(200, { items: [opportunity] }),
        [`POST /referrals/${REFERRAL}/interest`]: interest,
        'GET /offers': () => json(200, { items: [] }),
      }),
    );
    renderApp('/opportunities');
    const user = userEvent.setup();

    const nav = within(await screen.findByRole('navigation', { name: 'Main' }));
    expect(nav.getByRole('link', { name: 'Opportunities' }).getAttribute('aria-current')).toBe('page');
    const card = within(await screen.findByRole('article', { name: 'housing, IL' }));
    expect(card.getByText('Tenant facing eviction after asking for repairs.')).toBeTruthy();
    expect(card.getByText('A fit of 74% for you.')).toBeTruthy();
    // The strongest reasons first; a factor without a sentence says nothing.
    expect(card.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['You are an expert in housing.', 'You have had few offers lately.']);

    await user.click(card.getByRole('button', { name: 'I’m interested' }));
    expect(card.getByText('Tick the box to confirm that you know of no conflict of interest.')).toBeTruthy();
    expect(interest).not.toHaveBeenCalled();

    await user.click(card.getByRole('checkbox', { name: 'I know of no conflict of interest' }));
    await user.click(card.getByRole('button', { name: 'I’m interested' }));
    expect(await card.findByText(/^You volunteered\./)).toBeTruthy();
    expect(interest).toHaveBeenCalledTimes(1);
  });
});
