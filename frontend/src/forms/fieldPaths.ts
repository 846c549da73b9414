import { humanFieldMessage } from '../api/fieldMessages';
import { ApiError } from '../api/problem';

/**
 * Writes a field path the way forms key their messages: `parties[1].name`. The server names fields
 * either that way (its own checks) or as JSON pointer segments joined by dots (`parties.1.name`),
 * sometimes with a leading `/` or `body.`.
 */
export function normalizeFieldPath(field: string): string {
  const segments = field
    .replace(/\[(\d+)\]/g, '.$1')
    .split(/[./]/)
    .filter(Boolean);
  if (segments[0] === 'body' && segments.length > 1) segments.shift();
  return segments.reduce((path, segment) => {
    if (/^\d+$/.test(segment)) return `${path}[${segment}]`;
    return path ? `${path}.${segment}` : segment;
  }, '');
}

export type PathErrors = Record<string, string>;

/** Field-level messages of a validation problem in words for people, keyed by normalized path (first message wins). */
export function fieldErrorsByPath(error: unknown): PathErrors {
  if (!(error instanceof ApiError)) return {};
  const result: PathErrors = {};
  for (const { field, message } of error.problem.errors ?? []) {
    result[normalizeFieldPath(field)] ??= humanFieldMessage(message);
  }
  return result;
}

/**
 * The messages for one row of a repeated group: `rowErrors(errors, 'parties', 1)` turns
 * `parties[1].name` into `{ name }`; a message for the whole item (`languages[1]`) is under `''`.
 */
export function rowErrors(errors: PathErrors, list: string, index: number): PathErrors {
  const prefix = `${list}[${index}]`;
  const result: PathErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    if (path === prefix) result[''] = message;
    else if (path.startsWith(`${prefix}.`)) result[path.slice(prefix.length + 1)] = message;
  }
  return result;
}

/** Messages that no field on the form shows, so the form's alert can list them. */
export function unplacedErrors(errors: PathErrors, isPlaced: (path: string) => boolean): [string, string][] {
  return Object.entries(errors).filter(([path]) => !isPlaced(path));
}
