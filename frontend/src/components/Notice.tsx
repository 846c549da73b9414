import type { ReactNode } from 'react';

/** A confirmation that something worked, announced politely. */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="alert alert-success" role="status">
      {children}
    </div>
  );
}
