// Limits mirror openapi.yaml so people hear about a mistake before the server refuses it.
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;
export const NAME_MAX = 200;
export const EMAIL_MAX = 254;
export const ORGANIZATION_NAME_MIN = 2;

// JSON Schema lengths count code points, not UTF-16 units.
const length = (value: string) => [...value].length;

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateEmail(value: string): string | undefined {
  const email = value.trim();
  if (!email) return 'Enter your email address.';
  if (length(email) > EMAIL_MAX) return `Email addresses are at most ${EMAIL_MAX} characters.`;
  if (!EMAIL_PATTERN.test(email)) return 'Enter an email address like name@example.org.';
  return undefined;
}

export function validateNewPassword(value: string): string | undefined {
  if (length(value) < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (length(value) > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  return undefined;
}

export function validatePasswordConfirmation(password: string, confirmation: string): string | undefined {
  if (!confirmation) return 'Enter the password again.';
  if (password !== confirmation) return 'The passwords do not match.';
  return undefined;
}

export function validateRequired(value: string, message: string): string | undefined {
  return value ? undefined : message;
}

export function validatePersonName(value: string): string | undefined {
  const name = value.trim();
  if (!name) return 'Enter a name.';
  if (length(name) > NAME_MAX) return `Names are at most ${NAME_MAX} characters.`;
  return undefined;
}

export function validateOrganizationName(value: string): string | undefined {
  const name = value.trim();
  if (length(name) < ORGANIZATION_NAME_MIN) return `Use at least ${ORGANIZATION_NAME_MIN} characters.`;
  if (length(name) > NAME_MAX) return `Names are at most ${NAME_MAX} characters.`;
  return undefined;
}

export type Errors<F extends string> = Partial<Record<F, string>>;

/** Keeps only the fields that have a message. */
export function collectErrors<F extends string>(errors: Record<F, string | undefined>): Errors<F> {
  const result: Errors<F> = {};
  for (const [field, message] of Object.entries(errors) as [F, string | undefined][]) {
    if (message) result[field] = message;
  }
  return result;
}

export const hasErrors = (errors: Errors<string>) => Object.keys(errors).length > 0;
