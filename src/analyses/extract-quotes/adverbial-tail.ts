/**
 * A longer adverbial after a cue that closes its sentence (decision 0085): `Years of neglect have made
 * things worse, the editorial board wrote in a column that was shared widely.` The words after the cue are
 * where and how it was said, so the content is the clause before the comma. It is a prepositional phrase
 * (`in`, `on`, `at`, `during`…) whose `that`, if any, opens a relative clause (a verb right after it),
 * not a reported one (`wrote in a column that taxes would rise` reports the clause after `that`).
 */
import type { QuoteLexicon } from './lexicon.js';
import type { Word } from './words.js';

/** The most words such a tail may have. */
const MAX_TAIL_WORDS = 12;

export function adverbialClauseTail(lex: QuoteLexicon, words: readonly Word[], from: number, to: number): boolean {
  const first = words[from];
  if (!first || first.punct || !lex.adverbialOpeners.has(first.lower) || lex.notName.has(first.text)) return false;
  let count = 0;
  for (let i = from; i < to; i++) {
    const w = words[i]!;
    if (w.punct) {
      // One sentence: only the full stop that ends it.
      if (w.text !== '.' || i !== to - 1) return false;
      continue;
    }
    if (++count > MAX_TAIL_WORDS) return false;
    if (lex.relatives.has(w.lower) && w.lower === 'that') {
      const next = words[i + 1];
      if (!next || next.punct || !(lex.beForms.has(next.lower) || lex.auxiliaries.has(next.lower) || lex.finiteVerbs.has(next.lower))) return false;
    }
  }
  return count >= 2;
}
