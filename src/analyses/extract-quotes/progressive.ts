/**
 * A reporting verb in the progressive (`Trump is telling a town hall that …`, `Kasich's campaign is already
 * claiming victory`, `they were saying that …`) is the finite verb of its clause, not a participle that
 * continues an earlier one (`…, saying that …`; decision 0091).
 */
import type { QuoteLexicon } from './lexicon.js';
import type { Word } from './words.js';

/** Whether the -ing cue starting at word `cueFrom` follows a form of *be*, with at most two adverbs between. */
export function isProgressive(lex: QuoteLexicon, words: readonly Word[], cueFrom: number): boolean {
  if (!words[cueFrom]?.lower.endsWith('ing')) return false;
  let k = cueFrom - 1;
  // "is already claiming", "are now saying", "was repeatedly telling".
  while (k >= 0 && cueFrom - k <= 3 && !words[k]!.punct && !lex.progressiveBe.has(words[k]!.lower) && (words[k]!.lower.endsWith('ly') || lex.auxiliaries.has(words[k]!.lower)) && !lex.negators.has(words[k]!.lower)) k--;
  return k >= 0 && !words[k]!.punct && lex.progressiveBe.has(words[k]!.lower);
}
