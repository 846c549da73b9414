import { createContext, useContext } from 'react';
import type { Me } from '../api/types';

export const CurrentUserContext = createContext<Me | null>(null);

/** The signed-in user; only for pages rendered inside the app shell. */
export function useCurrentUser(): Me {
  const me = useContext(CurrentUserContext);
  if (!me) throw new Error('useCurrentUser must be used inside the app shell');
  return me;
}
