// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../../api/client';
import { coordinatorMe, emptyReference } from '../../test/fixtures';
import { fakeApi, json, problem, renderApp } from '../../test/renderApp';

afterEach(() => {
  cleanup();
  tokens.set(null);
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const signedIn = { 'POST /auth/refresh': () => json(200, { access_token: 'tok-1', token_type: 'Bearer', expires_in: 900 }) };
const ENTRY = '0b7c2c1e-0000-4000-8000-0000000000e1';
const entry = {
  id: ENTRY,
  name: 'Lakeview Property Management',
  type: 'organization',
  role: 'client',
  aliases: ['Lakeview PM', 'Lakeview Mgmt'],
  matter_ref: '2024-0117',
  created_at: '2026-11-02T09:00:00Z',
  created_by_name: 'Dana Coordinator',
};
const page = (items: unknown[]) => json(200, { items, total: items.length });

describe('editing a registry entry', () => {
  it('opens prefilled, saves through PUT with semicolon-separated other names, and shows the saved entry', async () => {
    let current = entry;
    let sent: unknown;
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedIn,
        ...emptyReference,
        'GET /me': () => json(200, coordinatorMe),
        'GET /conflicts/entries': () => page([current]),
        [`PUT /conflicts/entries/${ENTRY}`]: async (request) => {
          sent = await request.json();
          current = { ...entry, ...(sent as object) };
          return json(200, current);
        },
      }),
    );
    renderApp('/conflicts');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit Lakeview Property Management' }));

    const form = within(screen.getByRole('form', { name: 'Edit Lakeview Property Management' }));
    expect((form.getByLabelText(/^Name/) as HTMLInputElement).value).toBe('Lakeview Property Management');
    expect((form.getByLabelText(/^Role/) as HTMLSelectElement).value).toBe('client');
    const aliases = form.getByLabelText(/^Other names/) as HTMLInputElement;
    expect(aliases.value).toBe('Lakeview PM; Lakeview Mgmt');
    expect((form.getByLabelText(/^Matter reference/) as HTMLInputElement).value).toBe('2024-0117');

    await user.clear(aliases);
    await user.type(aliases, 'Lakeview PM, Inc.; Lakeview Mgmt');
    await user.selectOptions(form.getByLabelText(/^Role/), 'former_client');
    await user.click(form.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Lakeview Property Management has been saved.')).toBeTruthy();
    expect(sent).toEqual({
      name: 'Lakeview Property Management',
      type: 'organization',
      role: 'former_client',
      aliases: ['Lakeview PM, Inc.', 'Lakeview Mgmt'],
      matter_ref: '2024-0117',
    });
    expect(screen.queryByRole('form', { name: 'Edit Lakeview Property Management' })).toBeNull();
    expect(await screen.findByText('Lakeview PM, Inc.; Lakeview Mgmt')).toBeTruthy();
  });

  it('shows the server’s field errors beside their fields, in words for people, and no banner', async () => {
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedIn,
        ...emptyReference,
        'GET /me': () => json(200, coordinatorMe),
        'GET /conflicts/entries': () => page([entry]),
        [`PUT /conflicts/entries/${ENTRY}`]: () =>
          problem(422, 'The request is invalid.', [
            { field: 'name', message: 'must contain letters or digits' },
            { field: 'aliases[1]', message: 'maximum string length is 300' },
          ]),
      }),
    );
    renderApp('/conflicts');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit Lakeview Property Management' }));
    const formElement = screen.getByRole('form', { name: 'Edit Lakeview Property Management' });
    const form = within(formElement);
    await user.click(form.getByRole('button', { name: 'Save changes' }));

    expect(await form.findByText('Enter some letters or digits, not only spaces or symbols.')).toBeTruthy();
    expect(form.getByText('Other name 2: Keep this to 300 characters or fewer.')).toBeTruthy();
    expect(within(formElement).queryByRole('alert')).toBeNull();
    expect(form.getByLabelText(/^Name/).getAttribute('aria-invalid')).toBe('true');
  });

  it('refuses more than 20 other names before asking the server', async () => {
    const fetch = fakeApi({
      ...signedIn,
      ...emptyReference,
      'GET /me': () => json(200, coordinatorMe),
      'GET /conflicts/entries': () => page([entry]),
    });
    vi.stubGlobal('fetch', fetch);
    renderApp('/conflicts');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit Lakeview Property Management' }));
    const form = within(screen.getByRole('form', { name: 'Edit Lakeview Property Management' }));
    const aliases = form.getByLabelText(/^Other names/);
    await user.clear(aliases);
    await user.click(aliases);
    await user.paste(Array.from({ length: 21 }, (_, i) => `Lakeview ${i}`).join('; '));
    await user.click(form.getByRole('button', { name: 'Save changes' }));
    expect(await form.findByText('List at most 20 other names.')).toBeTruthy();
  });
});

describe('adding a registry entry', () => {
  it('says other names are separated by semicolons and sends them split on semicolons', async () => {
    let sent: unknown;
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedIn,
        ...emptyReference,
        'GET /me': () => json(200, coordinatorMe),
        'GET /conflicts/entries': () => page([]),
        'POST /conflicts/entries': async (request) => {
          sent = await request.json();
          return json(201, { ...entry, ...(sent as object), id: ENTRY });
        },
      }),
    );
    renderApp('/conflicts');
    const user = userEvent.setup();
    const form = within((await screen.findByRole('heading', { name: 'Add an entry' })).closest('section')!);
    expect(form.getByText(/separated by semicolons/)).toBeTruthy();
    await user.type(form.getByLabelText(/^Name/), 'Robert Smith');
    await user.type(form.getByLabelText(/^Other names/), 'Smith, Bob; R. Smith');
    await user.click(form.getByRole('button', { name: 'Add entry' }));
    expect(await form.findByText('Robert Smith has been added to the registry.')).toBeTruthy();
    expect(sent).toMatchObject({ name: 'Robert Smith', aliases: ['Smith, Bob', 'R. Smith'] });
    expect(screen.getByText(/Separate aliases with semicolons/)).toBeTruthy();
  });
});

describe('exporting the registry', () => {
  it('fetches the CSV with the session’s token and saves it under the server’s file name', async () => {
    let authorization: string | null = null;
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedIn,
        ...emptyReference,
        'GET /me': () => json(200, coordinatorMe),
        'GET /conflicts/entries': () => page([entry]),
        'GET /conflicts/entries/export': (request) => {
          authorization = request.headers.get('Authorization');
          return new Response('\ufeffname,type,role,aliases,matter_ref\n', {
            status: 200,
            headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="conflict-registry-2026-12-02.csv"' },
          });
        },
      }),
    );
    const createObjectURL = vi.fn((_: Blob) => 'blob:registry');
    const revokeObjectURL = vi.fn();
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL }));
    const saved: { href: string; download: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ href: this.href, download: this.download });
    });

    renderApp('/conflicts');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Export CSV' }));

    await vi.waitFor(() => expect(saved).toEqual([{ href: 'blob:registry', download: 'conflict-registry-2026-12-02.csv' }]));
    expect(authorization).toBe('Bearer tok-1');
    const file = createObjectURL.mock.calls[0][0];
    expect(await file.text()).toContain('name,type,role,aliases,matter_ref');
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:registry');
  });

  it('says why when the export fails', async () => {
    vi.stubGlobal(
      'fetch',
      fakeApi({
        ...signedIn,
        ...emptyReference,
        'GET /me': () => json(200, coordinatorMe),
        'GET /conflicts/entries': () => page([entry]),
        'GET /conflicts/entries/export': () => problem(403, 'Only a law firm’s coordinators and org admins manage its conflict registry.'),
      }),
    );
    renderApp('/conflicts');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Export CSV' }));
    expect((await screen.findByRole('alert')).textContent).toContain('coordinators and org admins');
  });
});
