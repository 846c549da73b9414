// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokens } from '../api/client';
import { firm } from '../test/fixtures';
import { fakeApi, json, problem, renderApp } from '../test/renderApp';

afterEach(() => {
  cleanup();
  tokens.set(null);
  vi.unstubAllGlobals();
});

const platform = {
  id: '0b7c2c1e-0000-4000-8000-0000000000f0',
  name: 'Probono Match',
  kind: 'platform',
  limited_scope_program: false,
  active: true,
  created_at: '2026-01-01T10:00:00Z',
};
const nonprofit = {
  id: '0b7c2c1e-0000-4000-8000-0000000000f1',
  name: 'Northside Legal Aid Society',
  kind: 'nonprofit',
  limited_scope_program: false,
  active: false,
  deactivated_at: '2026-11-20T10:00:00Z',
  created_at: '2026-01-03T10:00:00Z',
};
const admin = {
  id: '0b7c2c1e-0000-4000-8000-0000000000f2',
  email: 'admin@probono.example',
  name: 'Avery Park',
  role: 'platform_admin',
  organization: platform,
};

type Org = typeof firm & { deactivated_at?: string };

/** The API of a platform admin, keeping the organisations it is sent and the changes asked for. */
function platformApi(answer?: (orgId: string, update: Record<string, unknown>) => Response | undefined) {
  const organizations: Org[] = [firm, nonprofit, platform].map((o) => ({ ...o }));
  const patches: { orgId: string; update: Record<string, unknown> }[] = [];
  const routes: Record<string, (request: Request) => Response | Promise<Response>> = {
    'POST /auth/refresh': () => json(200, { access_token: 't', token_type: 'Bearer', expires_in: 900 }),
    'GET /me': () => json(200, admin),
    'GET /organizations': () => json(200, { items: organizations }),
  };
  for (const o of organizations) {
    routes[`PATCH /organizations/${o.id}`] = async (request) => {
      const update = (await request.json()) as Record<string, unknown>;
      patches.push({ orgId: o.id, update });
      const refused = answer?.(o.id, update);
      if (refused) return refused;
      if (typeof update.name === 'string') o.name = update.name;
      if (typeof update.active === 'boolean') {
        o.active = update.active;
        o.deactivated_at = update.active ? undefined : '2026-12-02T18:00:00Z';
      }
      return json(200, o);
    };
  }
  return { routes, patches };
}

const rowOf = async (name: string) => {
  const header = await screen.findByRole('rowheader', { name });
  const row = header.closest('tr');
  if (!row) throw new Error(`no row for ${name}`);
  return row;
};

describe('OrganizationsPage', () => {
  it('lists every organisation with its kind and whether it is active, each value labelled for narrow screens', async () => {
    vi.stubGlobal('fetch', fakeApi(platformApi().routes));
    renderApp('/organizations');

    const row = await rowOf('Northside Legal Aid Society');
    expect(row.textContent).toContain('Nonprofit');
    expect(row.textContent).toContain('Deactivated');
    expect(within(row).getByRole('button', { name: 'Reactivate Northside Legal Aid Society' })).toBeTruthy();
    expect([...row.cells].map((cell) => cell.dataset.label)).toEqual(['Name', 'Kind', 'Status', 'Created', 'Actions']);
    expect((await rowOf('Hartwell & Pierce LLP')).textContent).toContain('Active');
    // The platform's own organisation cannot be switched off.
    const own = await rowOf('Probono Match');
    expect(within(own).queryByRole('button', { name: /Deactivate/ })).toBeNull();
    expect(within(own).getByRole('button', { name: 'Edit Probono Match' })).toBeTruthy();
  });

  it('renames an organisation, sending only what changed', async () => {
    const api = platformApi();
    vi.stubGlobal('fetch', fakeApi(api.routes));
    renderApp('/organizations');
    const user = userEvent.setup();

    await user.click(within(await rowOf('Hartwell & Pierce LLP')).getByRole('button', { name: 'Edit Hartwell & Pierce LLP' }));
    const form = screen.getByRole('form', { name: 'Edit Hartwell & Pierce LLP' });
    // A law firm has no limited-scope program to set.
    expect(within(form).queryByLabelText('Runs a limited-scope program')).toBeNull();
    const name = within(form).getByLabelText('Name');
    expect(document.activeElement).toBe(name);
    await user.clear(name);
    await user.type(name, 'Hartwell Pierce & Lowe LLP');
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));

    expect((await screen.findByRole('status')).textContent).toBe('Hartwell Pierce & Lowe LLP has been saved.');
    expect(await rowOf('Hartwell Pierce & Lowe LLP')).toBeTruthy();
    expect(screen.queryByRole('form')).toBeNull();
    expect(api.patches).toEqual([{ orgId: firm.id, update: { name: 'Hartwell Pierce & Lowe LLP' } }]);
  });

  it('shows why the server refused a new name beside the field', async () => {
    const api = platformApi(() =>
      problem(422, 'The request is invalid.', [{ field: 'name', message: 'is already registered' }]),
    );
    vi.stubGlobal('fetch', fakeApi(api.routes));
    renderApp('/organizations');
    const user = userEvent.setup();

    await user.click(within(await rowOf('Northside Legal Aid Society')).getByRole('button', { name: 'Edit Northside Legal Aid Society' }));
    const form = screen.getByRole('form', { name: 'Edit Northside Legal Aid Society' });
    await user.click(within(form).getByLabelText('Runs a limited-scope program'));
    await user.type(within(form).getByLabelText('Name'), ' Inc');
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));

    const name = within(form).getByLabelText('Name');
    await vi.waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(api.patches[0].update).toEqual({ name: 'Northside Legal Aid Society Inc', limited_scope_program: true });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('deactivates an organisation only once the admin confirms, and can reactivate it', async () => {
    const api = platformApi();
    vi.stubGlobal('fetch', fakeApi(api.routes));
    renderApp('/organizations');
    const user = userEvent.setup();
    const deactivate = within(await rowOf('Hartwell & Pierce LLP')).getByRole('button', { name: 'Deactivate Hartwell & Pierce LLP' });

    await user.click(deactivate);
    const confirm = screen.getByRole('group', { name: 'Confirm deactivation of Hartwell & Pierce LLP' });
    expect(confirm.textContent).toContain('Its members are signed out at once and cannot sign in until it is reactivated.');
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('group')).toBeNull();
    expect(document.activeElement).toBe(deactivate);
    expect(api.patches).toEqual([]);

    await user.click(deactivate);
    await user.click(screen.getByRole('button', { name: 'Yes, deactivate' }));
    expect((await screen.findByRole('status')).textContent).toBe('Hartwell & Pierce LLP has been deactivated.');
    const row = await rowOf('Hartwell & Pierce LLP');
    expect(row.textContent).toContain('Deactivated');
    expect(api.patches).toEqual([{ orgId: firm.id, update: { active: false } }]);

    await user.click(within(row).getByRole('button', { name: 'Reactivate Hartwell & Pierce LLP' }));
    const again = screen.getByRole('group', { name: 'Confirm reactivation of Hartwell & Pierce LLP' });
    await user.click(within(again).getByRole('button', { name: 'Yes, reactivate' }));
    await vi.waitFor(() => expect(screen.getByRole('status').textContent).toBe('Hartwell & Pierce LLP has been reactivated.'));
    expect(api.patches[1]).toEqual({ orgId: firm.id, update: { active: true } });
  });

  it('opens the job queues in a new tab once the console cookie is set', async () => {
    const api = platformApi();
    let sessions = 0;
    api.routes['POST /admin/queues/session'] = () => {
      sessions++;
      return new Response(null, { status: 204 });
    };
    vi.stubGlobal('fetch', fakeApi(api.routes));
    const tab = { location: { href: 'about:blank' }, close: vi.fn() };
    const open = vi.spyOn(window, 'open').mockReturnValue(tab as unknown as Window);
    renderApp('/organizations');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Job queues' }));
    await vi.waitFor(() => expect(tab.location.href).toBe('/admin/queues'));
    expect(open).toHaveBeenCalledWith('about:blank', '_blank');
    expect(sessions).toBe(1);
    expect(tab.close).not.toHaveBeenCalled();
    open.mockRestore();
  });

  it('closes the new tab and says why when the job queues are refused', async () => {
    const api = platformApi();
    api.routes['POST /admin/queues/session'] = () => problem(403, 'The job queues are for platform admins.');
    vi.stubGlobal('fetch', fakeApi(api.routes));
    const tab = { location: { href: 'about:blank' }, close: vi.fn() };
    const open = vi.spyOn(window, 'open').mockReturnValue(tab as unknown as Window);
    renderApp('/organizations');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Job queues' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The job queues are for platform admins.');
    expect(tab.close).toHaveBeenCalled();
    expect(tab.location.href).toBe('about:blank');
    open.mockRestore();
  });
});
