/**
 * Other names are separated by semicolons wherever people type them: organisation names hold commas
 * ("Lakeview Properties, Inc."), and the registry's CSV file already separates its columns by them.
 */
export const ALIAS_SEPARATOR = ';';

/** "Bob Smith; R. Smith" → ["Bob Smith", "R. Smith"]: trimmed, blanks and repeats (ignoring case) dropped. */
export function parseAliases(text: string): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const part of text.split(ALIAS_SEPARATOR)) {
    const alias = part.trim().replace(/\s+/g, ' ');
    const key = alias.toLowerCase();
    if (!alias || seen.has(key)) continue;
    seen.add(key);
    result.push(alias);
  }
  return result;
}

export const formatAliases = (aliases: readonly string[] | undefined) => (aliases ?? []).join(`${ALIAS_SEPARATOR} `);
