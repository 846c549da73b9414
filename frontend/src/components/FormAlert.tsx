import { errorMessage, fieldErrors } from '../api/problem';

interface FormAlertProps {
  error: unknown;
  /** Fields the form shows messages beside; messages for any other field are listed here. */
  fields?: string[];
}

/** The server's explanation of why a request failed, announced to screen readers. */
export function FormAlert({ error, fields = [] }: FormAlertProps) {
  if (!error) return null;
  const unplaced = Object.entries(fieldErrors(error)).filter(([field]) => !fields.includes(field));
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
