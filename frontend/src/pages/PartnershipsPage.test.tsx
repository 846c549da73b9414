// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../api/client';
import { coordinatorMe, emptyReference, firm } from '../test/fixtures';
import { fakeApi, json, problem, renderApp } from '../test/renderApp';

afterEach(() => {
  cleanup();
  tokens.set(null);
  vi.unstubAllGlobals();
});

const signedIn = { 'POST /auth/refresh': () => json(200, { access_token: 't', token_type: 'Bearer', expires_in: 900 }) };
const firmAdminMe = { ...coordinatorMe, email: 'admin@hartwell.example', name: 'Morgan Hale', role: 'org_admin' };
const NORTHSIDE = '0b7c2c1e-0000-4000-8000-00000000000a';
const ID = '0b7c2c1e-0000-4000-8000-0000000000b1';
const reference = {
  ...emptyReference,
  'GET /practice-areas': () =>
    json(200, {
      items: [
        { code: 'housing', name: 'Housing' },
        { code: 'housing.private_landlord_tenant', name: 'Private landlord/tenant', parent_code: 'housing' },
        { code: 'family', name: 'Family' },
      ],
    }),
};
const partnership = (version: number, overrides: Record<string, unknown> = {}) => ({
  id: ID,
  firm_id: firm.id,
  firm_name: firm.name,
  referrer_id: NORTHSIDE,
  referrer_name: 'Northside Legal Aid Society',
  practice_areas: ['housing'],
  pledged_hours: 500,
  hours_left: 379.5,
  delivered_hours: 120.5,
  starts_on: '2026-01-01',
  ends_on: '2026-12-31',
  contact_name: 'Dana Whitfield',
  contact_email: 'coordinator@hartwell.example',
  notes: '',
  created_at: '2026-01-02T10:00:00Z',
  updated_at: '2026-01-02T10:00:00Z',
  version,
  ...overrides,
});

describe('the partnerships page', () => {
  it('checks the form before sending, shows the server’s field errors beside their fields, then records the partnership', async () => {
    const sent: unknown[] = [];
    let saved = false;
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedIn,
        ...reference,
        'GET /me': () => json(200, firmAdminMe),
        'GET /partnerships': () => json(200, { items: saved ? [partnership(1)] : [] }),
        'GET /partner-organizations': () => json(200, { items: [{ id: NORTHSIDE, name: 'Northside Legal Aid Society', kind: 'nonprofit' }] }),
        'POST /partnerships': async (request) => {
          const body = await request.json();
          sent.push(body);
          if (sent.length === 1) {
            return problem(422, 'Some fields are not valid.', [
              { field: 'practice_areas[1]', message: 'is not a known practice area' },
              { field: 'starts_on', message: 'overlaps another partnership of this firm and organization' },
            ]);
          }
          saved = true;
          return json(201, partnership(1));
        },
      }),
    );
    renderApp('/partnerships');
    const user = userEvent.setup();
    expect(await screen.findByText('No partnerships yet.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Record a partnership' }));
    const form = within(await screen.findByRole('form', { name: 'Record a partnership' }));

    // Nothing is sent while the form has mistakes; a firm's admin chooses only the other side.
    expect(form.queryByLabelText(/^Law firm/)).toBeNull();
    await user.type(form.getByLabelText(/^Pledged hours/), '500.5');
    await user.type(form.getByLabelText(/^Starts on/), '2026-06-01');
    await user.type(form.getByLabelText(/^Ends on/), '2026-01-01');
    await user.type(form.getByLabelText(/^Contact email/), 'dana at hartwell');
    await user.click(form.getByRole('button', { name: 'Record partnership' }));
    expect(form.getByText('Choose the referring organisation.')).toBeTruthy();
    expect(form.getByText('Enter a whole number of hours from 0 to 100,000.')).toBeTruthy();
    expect(form.getByText('The end date must be on or after the start date.')).toBeTruthy();
    expect(form.getByText('Enter an email address like name@example.org.')).toBeTruthy();
    expect(sent).toHaveLength(0);

    await user.selectOptions(await form.findByLabelText(/^Referring organisation/), NORTHSIDE);
    await user.selectOptions(form.getByLabelText(/^Practice areas/), ['housing', 'family']);
    await user.clear(form.getByLabelText(/^Pledged hours/));
    await user.type(form.getByLabelText(/^Pledged hours/), '500');
    await user.clear(form.getByLabelText(/^Ends on/));
    await user.type(form.getByLabelText(/^Ends on/), '2026-12-31');
    await user.clear(form.getByLabelText(/^Contact email/));
    await user.type(form.getByLabelText(/^Contact email/), 'coordinator@hartwell.example');
    await user.click(form.getByRole('button', { name: 'Record partnership' }));
    expect(await form.findByText('Practice area 2: This is not a known practice area.')).toBeTruthy();
    expect(form.getByText('This overlaps another partnership of this firm and organization.')).toBeTruthy();
    expect(sent[0]).toEqual({
      firm_id: firm.id,
      referrer_id: NORTHSIDE,
      practice_areas: ['housing', 'family'],
      pledged_hours: 500,
      starts_on: '2026-06-01',
      ends_on: '2026-12-31',
      contact_email: 'coordinator@hartwell.example',
    });

    await user.click(form.getByRole('button', { name: 'Record partnership' }));
    expect(await screen.findByText('The partnership of Hartwell & Pierce LLP and Northside Legal Aid Society has been saved.')).toBeTruthy();
    const row = within(await screen.findByRole('row', { name: /Northside Legal Aid Society/ }));
    expect(row.getByText('Housing')).toBeTruthy();
    expect(row.getByText('120.5 of 500')).toBeTruthy();
    expect(row.getByRole('meter', { name: '24% of the pledged hours delivered' })).toBeTruthy();
  }, 60_000); // a long form typed key by key

  it('tells an editor that someone else changed the partnership first, and saves nothing of theirs', async () => {
    let sentIfMatch: string | null = null;
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedIn,
        ...reference,
        'GET /me': () => json(200, firmAdminMe),
        'GET /partnerships': () => json(200, { items: [partnership(1)] }),
        [`PUT /partnerships/${ID}`]: (request) => {
          sentIfMatch = request.headers.get('If-Match');
          return problem(412, 'Someone else changed this partnership after you opened it.');
        },
      }),
    );
    renderApp('/partnerships');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit the partnership with Northside Legal Aid Society' }));
    const form = within(screen.getByRole('form', { name: /^Edit the partnership of Hartwell/ }));
    expect((form.getByLabelText(/^Pledged hours/) as HTMLInputElement).value).toBe('500');
    await user.clear(form.getByLabelText(/^Pledged hours/));
    await user.type(form.getByLabelText(/^Pledged hours/), '750');
    await user.click(form.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText(/Someone else changed this partnership after you opened it\. Your changes were not saved\./)).toBeTruthy();
    expect(sentIfMatch).toBe('"1"');
    await user.click(screen.getByRole('button', { name: 'Reload' }));
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('deletes a partnership only once the admin confirms, with the version they saw', async () => {
    let deleted: string | null = null;
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedIn,
        ...reference,
        'GET /me': () => json(200, firmAdminMe),
        'GET /partnerships': () => json(200, { items: deleted ? [] : [partnership(3)] }),
        [`DELETE /partnerships/${ID}`]: (request) => {
          deleted = request.headers.get('If-Match');
          return new Response(null, { status: 204 });
        },
      }),
    );
    renderApp('/partnerships');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Delete the partnership with Northside Legal Aid Society' }));
    await user.click(screen.getByRole('button', { name: 'Keep it' }));
    expect(deleted).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Delete the partnership with Northside Legal Aid Society' }));
    const confirm = within(screen.getByRole('group', { name: 'Delete the partnership with Northside Legal Aid Society?' }));
    await user.click(confirm.getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('The partnership with Northside Legal Aid Society has been deleted.')).toBeTruthy();
    expect(deleted).toBe('"3"');
    expect(await screen.findByText('No partnerships yet.')).toBeTruthy();
  });

  it('shows coordinators the partnerships without controls to change them', async () => {
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedIn,
        ...reference,
        'GET /me': () => json(200, coordinatorMe),
        'GET /partnerships': () => json(200, { items: [partnership(1, { practice_areas: [], ends_on: undefined })] }),
      }),
    );
    renderApp('/partnerships');
    const row = within(await screen.findByRole('row', { name: /Northside Legal Aid Society/ }));
    expect(row.getByText('All practice areas')).toBeTruthy();
    expect(row.getByText(/no end date/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Record a partnership' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Edit/ })).toBeNull();
  });
});
