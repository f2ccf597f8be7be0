import type { Gender, QuoteLexicon } from './lexicon.js';

/** A written name that "he" or "she" may refer to. */
export interface PersonMention {
  readonly start: number;
  readonly end: number;
  readonly name: string;
  gender: Gender;
}

/** False for a written speaker name that is an organisation or a place rather than a person. */
export function isPersonName(lex: QuoteLexicon, name: string): boolean {
  const words = name.split(/\s+/);
  // A short all-capital word is an acronym (CNN, FBI), not a person.
  if (words.length === 1 && /^[\p{Lu}&.]{2,5}$/u.test(name)) return false;
  if (lex.notFirst.has(words[0]!)) return false;
  return !words.some((w) => lex.notPersonWords.has(w.replace(/[’']s$/, '')));
}

/** The word right before `offset`, lower case ("" when none). */
function wordBefore(text: string, offset: number): string {
  const match = /([\p{L}]+)\s+$/u.exec(text.slice(Math.max(0, offset - 20), offset));
  return match ? match[1]!.toLowerCase() : '';
}

/**
 * Capitalised sequences that look like people's names, in text order. A sequence after a
 * preposition of place ("in Des Moines", "at Camp David") is a place, not a person.
 */
export function findPersonMentions(lex: QuoteLexicon, text: string): PersonMention[] {
  const mentions: PersonMention[] = [];
  const candidate = lex.personCandidate;
  candidate.lastIndex = 0;
  for (let m = candidate.exec(text); m; m = candidate.exec(text)) {
    const title = m[1];
    let name = m[2]!;
    let words = name.split(/\s+/);
    // A title written as a capitalised word ("Captain Monica Rochester") is not part of the name.
    let leadingTitle: string | undefined;
    let skipped = 0;
    // Everything up to the last title goes ("Vermont Senator Bernie Sanders" -> "Bernie Sanders").
    let lastTitle = -1;
    for (let t = words.length - 2; t >= 0; t--) {
      if (lex.titles.has(words[t]!.replace(/\.$/, ''))) {
        lastTitle = t;
        break;
      }
    }
    for (let t = 0; t <= lastTitle && words.length > 1; t++) {
      leadingTitle = words.shift()!.replace(/\.$/, '');
      skipped = m[2]!.length - name.length + /^\S+\s+/u.exec(name)![0].length;
      name = m[2]!.slice(skipped);
    }
    if (!title && words.length < 2) continue;
    if (lex.notFirst.has(words[0]!)) continue;
    if (words.some((w) => lex.notPersonWords.has(w.replace(/[’']s$/, '')))) continue;
    // (A possessive is more often a person's: "in Donald Trump’s speech".)
    if (!title && !leadingTitle && !/[’']s$/.test(name) && lex.placePrepositions.has(wordBefore(text, m.index))) continue;
    const start = m.index + m[0].length - m[2]!.length + skipped;
    const clean = name.replace(/[’']s$/, '');
    mentions.push({ start, end: start + clean.length, name: clean, gender: lex.titles.get(title ?? leadingTitle ?? '') ?? null });
  }
  return mentions;
}
