import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Loading } from '../components/Loading';
import { useAuth } from './authContext';

export function RequireAuth({ children }: { children: ReactNode }) {
  const { status } = useAuth();
  const location = useLocation();
  if (status === 'restoring') return <Loading label="Signing you in…" />;
  if (status === 'signedOut') return <Navigate to="/login" replace state={{ from: location }} />;
  return children;
}
