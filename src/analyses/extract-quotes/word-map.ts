/**
 * A Map keyed by words that answers most misses without hashing the word.
 *
 * The rules look up every word of a sentence in a few tables (the first words of cue forms, the
 * reporting nouns), and nearly all of these lookups miss. A Map lookup first hashes the key: every
 * character of a string just made by `slice` or `toLowerCase`, or of a joined multi-word surface,
 * which must be flattened first. Here a bit per (length, first letter, second letter, last letter)
 * says whether any key has that outline. A word whose outline no key has is not a key; about nine
 * words in ten are turned away after reading three characters. The bits only ever say "maybe", so the
 * answers are exactly the Map's.
 */

/** Lengths 0 to 15 (longer is 15), letters a–z and A–Z as 1–26, every other character as 0. */
const OUTLINES = 16 * 27 * 27 * 27;

function letter(code: number): number {
  const lower = code | 32;
  return lower >= 97 && lower <= 122 ? lower - 96 : 0;
}

/** The outline of a word: a number below OUTLINES. */
function outline(word: string): number {
  const n = word.length;
  if (n === 0) return 0;
  const first = letter(word.charCodeAt(0));
  const second = n > 1 ? letter(word.charCodeAt(1)) : 0;
  const last = letter(word.charCodeAt(n - 1));
  return (((n > 15 ? 15 : n) * 27 + first) * 27 + second) * 27 + last;
}

export class WordMap<V> extends Map<string, V> {
  /** One bit per outline that some key has. */
  private readonly outlines = new Uint32Array(OUTLINES >>> 5);

  override set(key: string, value: V): this {
    const at = outline(key);
    this.outlines[at >>> 5] = this.outlines[at >>> 5]! | (1 << (at & 31));
    return super.set(key, value);
  }

  override get(key: string): V | undefined {
    const at = outline(key);
    if ((this.outlines[at >>> 5]! & (1 << (at & 31))) === 0) return undefined;
    return super.get(key);
  }

  override has(key: string): boolean {
    const at = outline(key);
    if ((this.outlines[at >>> 5]! & (1 << (at & 31))) === 0) return false;
    return super.has(key);
  }
}

/**
 * A set of two-word keys (`asked about`, `known as`) that answers whether two words, given apart, form a
 * key without joining them: the rules ask it for nearly every pair of neighbouring words, and joining
 * builds a new string (and hashes it) for each. A word holds no space, so the first space of a key parts
 * it as `${first} ${second}` does; the answers are exactly the set's.
 */
export class WordPairSet extends Set<string> {
  /** The second words of the keys, by their first word. */
  private readonly seconds = new WordMap<Set<string>>();

  override add(key: string): this {
    const space = key.indexOf(' ');
    if (space !== -1) {
      const first = key.slice(0, space);
      let rest = this.seconds.get(first);
      if (!rest) this.seconds.set(first, (rest = new Set()));
      rest.add(key.slice(space + 1));
    }
    return super.add(key);
  }

  /** `has(`${first} ${second}`)` for a first word that holds no space. */
  hasPair(first: string, second: string): boolean {
    return this.seconds.get(first)?.has(second) ?? false;
  }
}
