import { createContext, useContext } from 'react';
import type { TokenResponse } from '../api/types';

export type AuthStatus = 'restoring' | 'signedIn' | 'signedOut';

export interface AuthContextValue {
  status: AuthStatus;
  /** The last session ended because the server no longer accepted it. */
  expired: boolean;
  signIn(token: TokenResponse): void;
  /** Revokes the login on the server and forgets it here. */
  signOut(): Promise<void>;
  /** Forgets the login here only, e.g. after a password reset revoked it on the server. */
  forget(): void;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}
