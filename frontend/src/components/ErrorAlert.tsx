import { errorMessage } from '../api/problem';

/** Why a request failed, announced to screen readers. */
export function ErrorAlert({ error }: { error: unknown }) {
  return (
    <div className="alert alert-error" role="alert">
      <p>{errorMessage(error)}</p>
    </div>
  );
}
