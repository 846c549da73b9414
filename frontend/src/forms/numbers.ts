/**
 * Reads a whole number typed by a person ("12,500", "$ 300"): undefined when blank, NaN when it is
 * not a whole number.
 */
export function parseWholeNumber(text: string): number | undefined {
  const cleaned = text.replace(/[\s,$]/g, '');
  if (!cleaned) return undefined;
  return /^\d+$/.test(cleaned) ? Number(cleaned) : NaN;
}

/** A message when a whole number is missing (if required) or outside min–max. */
export function validateWholeNumber(
  text: string,
  { min, max, required, label }: { min: number; max: number; required: boolean; label: string },
): string | undefined {
  const value = parseWholeNumber(text);
  if (value === undefined) return required ? `Enter ${label}.` : undefined;
  // "-5" is a whole number, only below the range: say so rather than "as a whole number".
  if (/^-\s*[\d,]+$/.test(text.trim()) && min >= 0) return `Enter ${label} of ${min.toLocaleString('en-US')} or more, not a negative number.`;
  if (Number.isNaN(value)) return `Enter ${label} as a whole number.`;
  if (value < min || value > max) return `Enter ${label} between ${min.toLocaleString('en-US')} and ${max.toLocaleString('en-US')}.`;
  return undefined;
}

/** Today in the browser's time zone, as YYYY-MM-DD (what a date input holds). */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
