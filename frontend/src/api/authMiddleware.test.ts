import { describe, expect, it, vi } from 'vitest';
import { createTokenStore } from '../auth/tokenStore';
import { createApi } from './client';

const BASE = 'http://app.test/api/v1';

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });

const unauthorized = () =>
  json(401, { type: 'about:blank', title: 'Unauthorized', status: 401 }, 'application/problem+json');

const me = { id: '1', email: 'dana@example.com', name: 'Dana', role: 'coordinator' };

interface FakeServer {
  validToken: string;
  refreshAnswer: () => Response | Promise<Response>;
}

/** A fetch that answers like the API: protected calls need the valid token. */
function fakeFetch(server: FakeServer) {
  return vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const path = new URL(request.url).pathname;
    if (path === '/api/v1/auth/refresh') return server.refreshAnswer();
    if (path === '/api/v1/auth/login') return unauthorized();
    if (request.headers.get('Authorization') !== `Bearer ${server.validToken}`) return unauthorized();
    if (path === '/api/v1/me' && request.method === 'PATCH') return json(200, { ...me, ...(await request.json()) });
    if (path === '/api/v1/me') return json(200, me);
    return json(404, { type: 'about:blank', title: 'Not found', status: 404 });
  });
}

function setup(server: FakeServer) {
  const tokens = createTokenStore();
  tokens.set('stale');
  const fetch = fakeFetch(server);
  const { client, refresh } = createApi({ baseUrl: BASE, tokens, fetch });
  const calls = (path: string) =>
    fetch.mock.calls.filter(([input]) => new URL(input instanceof Request ? input.url : String(input)).pathname === path);
  return { tokens, fetch, client, refresh, calls };
}

describe('auth middleware', () => {
  it('sends the access token as a bearer token', async () => {
    const { tokens, client } = setup({ validToken: 'stale', refreshAnswer: () => unauthorized() });
    const { data } = await client.GET('/me');
    expect(data?.name).toBe('Dana');
    expect(tokens.accessToken()).toBe('stale');
  });

  it('refreshes on a 401 and retries the request with the new token', async () => {
    const { tokens, client, calls } = setup({
      validToken: 'fresh',
      refreshAnswer: () => json(200, { access_token: 'fresh', token_type: 'Bearer', expires_in: 900 }),
    });

    const { data, error } = await client.GET('/me');

    expect(error).toBeUndefined();
    expect(data?.name).toBe('Dana');
    expect(tokens.accessToken()).toBe('fresh');
    expect(calls('/api/v1/auth/refresh')).toHaveLength(1);
    expect(calls('/api/v1/me')).toHaveLength(2);
  });

  it('retries a request with its original body', async () => {
    const { client } = setup({
      validToken: 'fresh',
      refreshAnswer: () => json(200, { access_token: 'fresh', token_type: 'Bearer', expires_in: 900 }),
    });

    const { data } = await client.PATCH('/me', { body: { name: 'Dana Whitfield' } });

    expect(data?.name).toBe('Dana Whitfield');
  });

  it('ends the session when the refresh fails', async () => {
    const { tokens, client, calls } = setup({ validToken: 'fresh', refreshAnswer: () => unauthorized() });

    const { data, error, response } = await client.GET('/me');

    expect(data).toBeUndefined();
    expect(error?.status).toBe(401);
    expect(response.status).toBe(401);
    expect(tokens.snapshot()).toEqual({ accessToken: null, expired: true });
    expect(calls('/api/v1/auth/refresh')).toHaveLength(1);
    expect(calls('/api/v1/me')).toHaveLength(1);
  });

  it('ends the session when the refresh cannot reach the server', async () => {
    const { tokens, client } = setup({
      validToken: 'fresh',
      refreshAnswer: () => Promise.reject(new TypeError('network down')),
    });

    const { error } = await client.GET('/me');

    expect(error?.status).toBe(401);
    expect(tokens.accessToken()).toBeNull();
  });

  it('shares one refresh between concurrent 401s', async () => {
    let answerRefresh = (_: Response) => {};
    const { tokens, client, calls } = setup({
      validToken: 'fresh',
      refreshAnswer: () => new Promise<Response>((resolve) => (answerRefresh = resolve)),
    });

    const pending = Promise.all([client.GET('/me'), client.GET('/me'), client.PATCH('/me', { body: { name: 'D' } })]);
    await vi.waitFor(() => expect(calls('/api/v1/me')).toHaveLength(3));
    await vi.waitFor(() => expect(calls('/api/v1/auth/refresh')).toHaveLength(1));
    answerRefresh(json(200, { access_token: 'fresh', token_type: 'Bearer', expires_in: 900 }));
    const results = await pending;

    expect(results.map((r) => r.response.status)).toEqual([200, 200, 200]);
    expect(calls('/api/v1/auth/refresh')).toHaveLength(1);
    expect(tokens.accessToken()).toBe('fresh');
  });

  it('reuses a token refreshed while the request was in flight instead of refreshing again', async () => {
    const { tokens, client, calls } = setup({
      validToken: 'fresh',
      refreshAnswer: () => json(200, { access_token: 'fresh', token_type: 'Bearer', expires_in: 900 }),
    });
    const first = client.GET('/me');
    tokens.set('fresh');

    const { data } = await first;

    expect(data?.name).toBe('Dana');
    expect(calls('/api/v1/auth/refresh')).toHaveLength(0);
  });

  it('does not refresh when the login itself is refused', async () => {
    const { tokens, client, calls } = setup({ validToken: 'fresh', refreshAnswer: () => unauthorized() });

    const { error } = await client.POST('/auth/login', { body: { email: 'a@b.example', password: 'wrong' } });

    expect(error?.status).toBe(401);
    expect(calls('/api/v1/auth/refresh')).toHaveLength(0);
    expect(tokens.accessToken()).toBe('stale');
  });
});

describe('refresh', () => {
  it('restores a session from the refresh cookie', async () => {
    const { tokens, refresh } = setup({
      validToken: 'fresh',
      refreshAnswer: () => json(200, { access_token: 'fresh', token_type: 'Bearer', expires_in: 900 }),
    });
    tokens.set(null);

    await expect(refresh()).resolves.toBe('fresh');
    expect(tokens.accessToken()).toBe('fresh');
  });

  it('resolves to null without a valid cookie and can be tried again later', async () => {
    const { refresh, calls } = setup({ validToken: 'fresh', refreshAnswer: () => unauthorized() });

    await expect(Promise.all([refresh(), refresh()])).resolves.toEqual([null, null]);
    await expect(refresh()).resolves.toBeNull();
    expect(calls('/api/v1/auth/refresh')).toHaveLength(2);
  });
});
