/**
 * Holds the access token in memory only: a token in localStorage would be readable by any
 * script injected into the page, while the refresh token stays in an httpOnly cookie.
 */
export interface Session {
  readonly accessToken: string | null;
  /** True when a signed-in session ended because the server stopped accepting it. */
  readonly expired: boolean;
}

export interface TokenStore {
  snapshot(): Session;
  accessToken(): string | null;
  set(accessToken: string | null): void;
  expire(): void;
  subscribe(listener: () => void): () => void;
}

export function createTokenStore(): TokenStore {
  let session: Session = { accessToken: null, expired: false };
  const listeners = new Set<() => void>();

  const update = (next: Session) => {
    if (next.accessToken === session.accessToken && next.expired === session.expired) return;
    session = next;
    listeners.forEach((listener) => listener());
  };

  return {
    snapshot: () => session,
    accessToken: () => session.accessToken,
    set: (accessToken) => update({ accessToken, expired: false }),
    expire: () => update({ accessToken: null, expired: session.accessToken !== null }),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
