import { errorMessage, fieldErrors } from '../api/problem';

interface FormAlertProps {
  error: unknown;
  /** Fields the form shows messages beside; messages for any other field are listed here. */
  fields?: string[];
}

/**
 * The server's explanation of why a request failed, announced to screen readers. Messages the form
 * shows beside their fields are said there only, once: with nothing else to say there is no banner.
 */
export function FormAlert({ error, fields = [] }: FormAlertProps) {
  if (!error) return null;
  const messages = Object.entries(fieldErrors(error));
  const unplaced = messages.filter(([field]) => !fields.includes(field));
  if (messages.length > 0 && unplaced.length === 0) return null;
  return (
    <div className="alert alert-error" role="alert">
      <p>{errorMessage(error)}</p>
      {unplaced.length > 0 && (
        <ul>
          {unplaced.map(([field, message]) => (
            <li key={field}>
              {field}: {message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
