import createClient from 'openapi-fetch';
import { createRefresher, type Refresh } from '../auth/refresh';
import { createTokenStore, type TokenStore } from '../auth/tokenStore';
import { createAuthMiddleware } from './authMiddleware';
import type { paths } from './schema';

export type ApiClient = ReturnType<typeof createClient<paths>>;

interface ApiOptions {
  baseUrl: string;
  tokens: TokenStore;
  fetch?: typeof globalThis.fetch;
}

export function createApi({ baseUrl, tokens, fetch = (input, init) => globalThis.fetch(input, init) }: ApiOptions): {
  client: ApiClient;
  refresh: Refresh;
} {
  const refresh = createRefresher({ baseUrl, tokens, fetch });
  // credentials: the refresh cookie must travel with login, refresh, logout and invitation calls.
  const client = createClient<paths>({ baseUrl, fetch, credentials: 'include' });
  client.use(createAuthMiddleware({ tokens, refresh }));
  return { client, refresh };
}

export const tokens = createTokenStore();

// An absolute base lets the same client run under tests, where relative URLs have nothing to resolve against.
const baseUrl = `${globalThis.location?.origin ?? ''}/api/v1`;

export const { client: api, refresh: refreshSession } = createApi({ baseUrl, tokens });
