import type { TokenStore } from './tokenStore';

export type Refresh = () => Promise<string | null>;

interface RefresherOptions {
  baseUrl: string;
  tokens: TokenStore;
  fetch: typeof globalThis.fetch;
}

/**
 * Exchanges the refresh cookie for a new access token. Calls made while one is in flight share
 * it: the server rotates the cookie on every refresh and treats a reused one as theft, revoking
 * the whole login, so two parallel refreshes would sign the user out.
 */
export function createRefresher({ baseUrl, tokens, fetch }: RefresherOptions): Refresh {
  let inFlight: Promise<string | null> | null = null;

  const refreshOnce = async (): Promise<string | null> => {
    try {
      const response = await fetch(`${baseUrl}/auth/refresh`, {
        method: 'POST',
        credentials: 'include',
        headers: { Accept: 'application/json' },
      });
      if (!response.ok) return null;
      const body = (await response.json()) as { access_token?: unknown };
      if (typeof body.access_token !== 'string') return null;
      tokens.set(body.access_token);
      return body.access_token;
    } catch {
      return null;
    }
  };

  return () => {
    inFlight ??= refreshOnce().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };
}
