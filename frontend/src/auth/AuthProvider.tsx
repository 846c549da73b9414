import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { logout } from '../api/auth';
import { refreshSession, tokens } from '../api/client';
import type { TokenResponse } from '../api/types';
import { AuthContext, type AuthContextValue } from './authContext';

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const session = useSyncExternalStore(tokens.subscribe, tokens.snapshot);
  const [restoring, setRestoring] = useState(true);

  // The access token lives in memory, so a reload starts signed out until the refresh cookie
  // has been exchanged for a new one.
  useEffect(() => {
    let active = true;
    void refreshSession().finally(() => {
      if (active) setRestoring(false);
    });
    return () => {
      active = false;
    };
  }, []);

  // Nothing cached for one person may be shown to the next one signing in on this browser.
  const previousToken = useRef(session.accessToken);
  useEffect(() => {
    if (previousToken.current && !session.accessToken) queryClient.clear();
    previousToken.current = session.accessToken;
  }, [session.accessToken, queryClient]);

  const signIn = useCallback(
    (token: TokenResponse) => {
      queryClient.clear();
      tokens.set(token.access_token);
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await logout();
    } catch {
      // Signing out here must work even when the server cannot be reached.
    }
    tokens.set(null);
  }, []);

  const forget = useCallback(() => tokens.set(null), []);

  const value = useMemo<AuthContextValue>(
    () => ({
      status: restoring ? 'restoring' : session.accessToken ? 'signedIn' : 'signedOut',
      expired: session.expired,
      signIn,
      signOut,
      forget,
    }),
    [restoring, session, signIn, signOut, forget],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
