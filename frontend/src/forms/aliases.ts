/** "Bob Smith, R. Smith" → ["Bob Smith", "R. Smith"]: trimmed, blanks and repeats (ignoring case) dropped. */
export function parseAliases(text: string, separator: string | RegExp = ','): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const part of text.split(separator)) {
    const alias = part.trim().replace(/\s+/g, ' ');
    const key = alias.toLowerCase();
    if (!alias || seen.has(key)) continue;
    seen.add(key);
    result.push(alias);
  }
  return result;
}

export const formatAliases = (aliases: readonly string[] | undefined) => (aliases ?? []).join(', ');
