import { errorMessage } from '../api/problem';
import { fieldErrorsByPath } from '../forms/fieldPaths';

interface PathFormAlertProps {
  error: unknown;
  /** Whether the form shows a message for this field path beside the field itself. */
  isPlaced: (path: string) => boolean;
}

/**
 * The server's explanation of a failed request; messages for fields the form does not show are listed.
 * Messages shown beside their fields are not repeated: with nothing else to say there is no banner.
 */
export function PathFormAlert({ error, isPlaced }: PathFormAlertProps) {
  if (!error) return null;
  const messages = Object.entries(fieldErrorsByPath(error));
  const unplaced = messages.filter(([path]) => !isPlaced(path));
  if (messages.length > 0 && unplaced.length === 0) return null;
  return (
    <div className="alert alert-error" role="alert">
      <p>{errorMessage(error)}</p>
      {unplaced.length > 0 && (
        <ul>
          {unplaced.map(([path, message]) => (
            <li key={path}>
              {path}: {message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
