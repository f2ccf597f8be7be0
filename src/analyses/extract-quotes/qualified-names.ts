/**
 * Names that the capital-letter scan of find-speaker.ts cut short, and the person behind a chain of
 * qualifiers:
 *
 * - a lower-case particle joined to a capitalised name is part of the name: `el-Sisi`, `al-Assad`,
 *   `d’Estaing` (the particle from the `name-particle` class);
 * - `Ryan Norris of the University of Guelph in Ontario said`, `George Kimbrell of the Center for Food
 *   Safety said`, `President Abdel Fattah el-Sisi of Egypt said`: the speaker is the person before the
 *   first `of`/`from`, the rest of the chain (bodies and places joined by `of`, `for`, `in`, `at`) is the
 *   person's role, whatever its length (at most MAX_CHAIN_WORDS words).
 */
import type { QuoteLexicon } from './lexicon.js';
import type { Word } from './words.js';

/** The most words a chain of qualifiers after a person's name may have. */
const MAX_CHAIN_WORDS = 14;

/** A word that can be part of a name: capitalised, or a particle joined to a capitalised part ("el-Sisi"). */
export function isNameWord(lex: QuoteLexicon, w: Word): boolean {
  if (w.capital) return true;
  if (w.punct) return false;
  const text = w.text;
  for (let i = 1; i <= 3 && i + 1 < text.length; i++) {
    const c = text[i]!;
    if (c === '-' || c === '’' || c === "'") {
      const next = text[i + 1]!;
      return next !== next.toLowerCase() && lex.nameParticles.has(text.slice(0, i));
    }
  }
  return false;
}

/** Words that join qualifiers in a chain after a name ("of the University of Guelph in Ontario"). */
const CHAIN_LINKS = new Set(['of', 'for', 'in', 'at', 'from']);

/**
 * Where a qualifier chain after the name that ends at word `nameEnd` (exclusive) ends: `of`/`from`, an
 * optional article, a capitalised run, then more links and runs. Returns `nameEnd` when no chain
 * follows.
 */
export function qualifierChainEnd(lex: QuoteLexicon, words: readonly Word[], nameEnd: number, max: number): number {
  const first = words[nameEnd];
  if (!first || first.punct || !lex.placeLinks.has(first.lower)) return nameEnd;
  let end = nameEnd;
  let k = nameEnd;
  while (k < max && k - nameEnd < MAX_CHAIN_WORDS) {
    const link = words[k];
    if (!link || link.punct || !CHAIN_LINKS.has(link.lower)) break;
    let r = k + 1;
    if (words[r] && !words[r]!.punct && (words[r]!.lower === 'the' || words[r]!.lower === 'a')) r++;
    const runStart = r;
    while (r < max && words[r] && (isNameWord(lex, words[r]!) || (r > runStart && !words[r]!.punct && lex.smallWords.has(words[r]!.lower) && words[r + 1] && isNameWord(lex, words[r + 1]!)))) r++;
    if (r === runStart) break;
    end = r;
    k = r;
  }
  return end;
}

/**
 * The person before a chain of qualifiers whose last capitalised run starts at `runStart`: walks back
 * over `of|for|in|at|from (the)? Run` links to the first run that is followed by `of`/`from` and not
 * preceded by an article (an article opens a body: "the University"). `person` is the start of that
 * person's name and the index of its first link; without a person, `body` is the article that opens the
 * body the chain names ("The Bank of England said"), else -1.
 */
export function personBeforeChain(lex: QuoteLexicon, words: readonly Word[], runStart: number, min: number, nameEndingAt: (end: number) => number): { person: { start: number; link: number } | null; body: number } {
  let start = runStart;
  let person: { start: number; link: number } | null = null;
  let body = -1;
  for (let hops = 0; hops < 5; hops++) {
    const linkAt = words[start - 1]?.lower === 'the' || words[start - 1]?.lower === 'a' ? start - 2 : start - 1;
    const link = words[linkAt];
    if (!link || linkAt - 1 < min || link.punct || !CHAIN_LINKS.has(link.lower)) break;
    const previous = nameEndingAt(linkAt);
    if (previous === -1 || runStart - previous > MAX_CHAIN_WORDS + 6) break;
    const article = words[previous - 1];
    const isBody = previous - 1 >= min && article !== undefined && !article.punct && (article.lower === 'the' || article.lower === 'a');
    if (lex.placeLinks.has(link.lower) && !isBody) person = { start: previous, link: linkAt };
    else if (isBody && !person) body = previous - 1;
    start = previous;
  }
  return { person, body: person ? -1 : body };
}
