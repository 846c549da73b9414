/**
 * The one place that turns the server's field messages into sentences a person reads beside the field.
 * The server writes short predicates about the field ("is already registered", "must not be blank") and
 * the spec validator writes its own ("number must be at least 0"); forms never show either raw.
 */
type Rewrite = [RegExp, (match: RegExpMatchArray) => string];

const fixed = (text: string) => () => text;
const thousands = (n: string) => (Number.isFinite(Number(n)) ? Number(n).toLocaleString('en-US') : n);

const REWRITES: Rewrite[] = [
  [/^is already registered$/, fixed('An account with this email already exists. Ask them to sign in instead.')],
  [/^already has a pending invitation$/, fixed('This person has already been invited; the invitation is still open.')],
  [/^is already the name of an organi[sz]ation$/, fixed('Another organisation already has this name.')],
  [/^is not your current password$/, fixed('This is not your current password.')],
  [/^is not an email address$|^must be a valid email$/, fixed('Enter an email address such as name@example.org.')],
  [/^must be a valid date$/, fixed('Enter a date.')],
  [/^must be a valid uuid$/, fixed('This is not a valid reference.')],
  [/^is required$/, fixed('Fill this in.')],
  [/^must not be blank$|^must contain letters or digits$/, fixed('Enter some letters or digits, not only spaces or symbols.')],
  [/^is in the past$/, fixed('Choose a date from today on.')],
  [/^is in the future$/, fixed('Choose a date no later than today.')],
  [/^is listed twice$/, fixed('This is listed twice; remove one of them.')],
  [/^must not be before start$/, fixed('The last day must not be before the first day.')],
  [/^must be after start$/, fixed('The end time must be after the start time.')],
  [/^overlaps unavailable period (\d+)$/, (m) => `This period overlaps period ${m[1]}. Merge them or change the dates.`],
  [/^number must be at least (\S+)$/, (m) => `Enter ${thousands(m[1])} or more.`],
  [/^number must be at most (\S+)$/, (m) => `Enter at most ${thousands(m[1])}.`],
  [/^maximum string length is (\d+)$/, (m) => `Keep this to ${thousands(m[1])} characters or fewer.`],
  [/^minimum string length is (\d+)$/, (m) => `Enter at least ${thousands(m[1])} characters.`],
  [/^must be (\d+) to (\d+) characters$/, (m) => `Use ${m[1]} to ${thousands(m[2])} characters.`],
  [/^maximum number of items is (\d+)$/, (m) => `List at most ${thousands(m[1])}.`],
  [/^value is not one of the allowed values/, fixed('Choose one of the options.')],
];

// A predicate about the field reads as a sentence once it has a subject.
const PREDICATE = /^(is|are|was|must|has|have|does|cannot|can|should|overlaps|contains|applies)\b/;

/** A server field message as a sentence for the page. */
export function humanFieldMessage(message: string): string {
  const text = message.trim();
  for (const [pattern, rewrite] of REWRITES) {
    const match = text.match(pattern);
    if (match) return rewrite(match);
  }
  const sentence = PREDICATE.test(text) ? `This ${text}` : text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}
