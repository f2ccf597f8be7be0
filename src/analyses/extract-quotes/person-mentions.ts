import type { Gender, QuoteLexicon } from './lexicon.js';

/** A written name that "he" or "she" may refer to. */
export interface PersonMention {
  readonly start: number;
  readonly end: number;
  readonly name: string;
  gender: Gender;
}

/** Capitalised sequences that look like people's names, in text order. */
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
    const start = m.index + m[0].length - m[2]!.length + skipped;
    const clean = name.replace(/[’']s$/, '');
    mentions.push({ start, end: start + clean.length, name: clean, gender: lex.titles.get(title ?? leadingTitle ?? '') ?? null });
  }
  return mentions;
}
