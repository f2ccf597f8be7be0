/**
 * Name comparison: three levels, from strict to loose, and the reason each level gives.
 *
 *   fold      lower case, no diacritics, curly apostrophes straight, no periods: "Erdoğan’s" -> "erdogan’s"
 *   variant   each token mapped through name-variants.tsv: "qaddafi" -> "gaddafi"
 *   skeleton  a conservative spelling rule on tokens of six letters or more: doubled letters written
 *             once and "iy"/"yi" as "y" ("zelenskyy" -> "zelensky", "zelenskiy" -> "zelensky")
 */
const NON_ASCII = /[^\x00-\x7f]/;
const PERIODS = /\./g;
const SPACES = /\s+/g;
const MARKS = /\p{M}/gu;
const APOSTROPHES = /[’‘`´]/g;

/** A straight or a right single quotation mark: the apostrophes of names (`O'Brien`, `Erdoğan’s`). */
export function isApostropheCode(c: number): boolean {
  return c === 39 || c === 0x2019;
}

export function foldName(name: string): string {
  // Most names are plain ASCII: no diacritics or curly apostrophes to undo.
  if (!NON_ASCII.test(name)) return name.toLowerCase().replace(PERIODS, '').replace(SPACES, ' ').trim();
  return name.normalize('NFKD').replace(MARKS, '').toLowerCase().replace(APOSTROPHES, "'").replace(PERIODS, '').replace(SPACES, ' ').trim();
}

/** Tokens of a folded name: split on spaces only, so "kilroy-silk" and "o'brien" stay whole. */
export function nameTokens(folded: string): string[] {
  return folded === '' ? [] : folded.split(' ');
}

/** The spelling skeleton of one token; tokens under six letters are left as they are. */
const DOUBLED_LETTER = /(\p{L})\1+/gu;
const IY = /iy|yi|ij/g;

export function skeleton(token: string): string {
  if (token.length < 6) return token;
  return token.replace(DOUBLED_LETTER, '$1').replace(IY, 'y');
}

/** How two names were found to be one, from the strictest level that matched. */
export type NameLevel = 'fold' | 'variant' | 'skeleton';

export interface NameKeys {
  /** The folded name as one string. */
  readonly folded: string;
  readonly fold: readonly string[];
  readonly variant: readonly string[];
  readonly skeleton: readonly string[];
}

export function nameKeys(name: string, variants: ReadonlyMap<string, string>): NameKeys {
  const folded = foldName(name);
  const fold = nameTokens(folded);
  const variant = fold.map((t) => variants.get(t) ?? t);
  return { folded, fold, variant, skeleton: variant.map(skeleton) };
}

/** True when `short` equals the last tokens of `long` at the given level. */
export function endsWith(long: readonly string[], short: readonly string[]): boolean {
  if (short.length === 0 || short.length > long.length) return false;
  const offset = long.length - short.length;
  return short.every((t, i) => long[offset + i] === t);
}

/** The strictest level at which `short` is the end of `long` (equal lengths: the same name), or null. */
export function suffixLevel(long: NameKeys, short: NameKeys): NameLevel | null {
  if (endsWith(long.fold, short.fold)) return 'fold';
  if (endsWith(long.variant, short.variant)) return 'variant';
  if (endsWith(long.skeleton, short.skeleton)) return 'skeleton';
  return null;
}

/** Letters of an acronym as written ("ISIS", "U.S.", "DRC"), upper case; null when it is no acronym. */
const ACRONYM = /^\p{Lu}[\p{Lu}\p{N}.&-]{1,9}$/u;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]/gu;

export function acronymLetters(text: string): string | null {
  if (text.length < 2 || text.length > 20 || !ACRONYM.test(text)) return null;
  const letters = text.replace(NOT_LETTER_OR_DIGIT, '');
  return letters.length >= 2 && letters.length <= 8 ? letters : null;
}

const WORD_BREAKS = /[\s-]+/;
const LEADING_NON_LETTERS = /^[^\p{L}\p{N}]+/u;

/** The initials of a name's words, upper case, leaving out small words ("of", "the"). */
export function initials(name: string, skip: ReadonlySet<string>): string {
  let out = '';
  for (const word of name.split(WORD_BREAKS)) {
    const clean = word.replace(LEADING_NON_LETTERS, '');
    if (clean === '' || skip.has(clean.toLowerCase())) continue;
    out += clean[0]!.toUpperCase();
  }
  return out;
}

/**
 * An acronym written in parentheses next to a name belongs to it when at least two of its letters,
 * and at least half, are initials of the name's words, each initial used once: "DRC" for "Democratic
 * Republic of the Congo", "PKK" for "Kurdistan Workers’ Party" (the Kurdish name's order), "ISIS" for
 * "Islamic State"; not "UN" for "World Health Organization".
 */
export function acronymFits(letters: string, nameInitials: string): boolean {
  const pool = [...nameInitials];
  let hits = 0;
  for (const letter of letters) {
    const at = pool.indexOf(letter);
    if (at === -1) continue;
    pool.splice(at, 1);
    hits++;
  }
  return hits >= Math.min(2, letters.length) && hits * 2 >= letters.length;
}
