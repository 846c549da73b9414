import type { Middleware } from 'openapi-fetch';
import type { Refresh } from '../auth/refresh';
import type { TokenStore } from '../auth/tokenStore';

interface AuthMiddlewareOptions {
  tokens: TokenStore;
  refresh: Refresh;
}

interface Sent {
  retry: Request;
  token: string | null;
}

// A 401 from these means wrong credentials or a dead refresh cookie, not an expired access token.
const isAuthEndpoint = (schemaPath: string) => schemaPath.startsWith('/auth/');

/**
 * Sends the access token with every request and, on a 401, refreshes it once and retries the
 * request. When the refresh fails the session has ended and the token store says so.
 */
export function createAuthMiddleware({ tokens, refresh }: AuthMiddlewareOptions): Middleware {
  const sent = new Map<string, Sent>();

  return {
    onRequest({ request, schemaPath, id }) {
      const token = tokens.accessToken();
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      // The body is consumed by the first attempt, so keep a copy for the retry.
      if (!isAuthEndpoint(schemaPath)) sent.set(id, { retry: request.clone(), token });
      return request;
    },

    async onResponse({ response, id, options }) {
      const attempt = sent.get(id);
      sent.delete(id);
      if (!attempt || response.status !== 401) return response;

      // Another request may already have refreshed since this one left; reuse its token.
      const current = tokens.accessToken();
      const fresh = current && current !== attempt.token ? current : await refresh();
      if (!fresh) {
        tokens.expire();
        return response;
      }
      attempt.retry.headers.set('Authorization', `Bearer ${fresh}`);
      return options.fetch(attempt.retry);
    },

    onError({ id }) {
      sent.delete(id);
    },
  };
}
