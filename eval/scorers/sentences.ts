/**
 * Sentence boundaries: pure functions, no corpus data.
 *
 * The gold corpora (CoNLL-2003, MEANTIME) are pre-tokenised, one sentence per record, with no original text.
 * A document is rebuilt from its tokens (`detokenize`) and the sentences are joined into running text:
 *
 * - a sentence that ends in final punctuation (its last token, closing quotes and brackets skipped, is `.`,
 *   `!`, `?`, `...` or `…`) is followed by one space: the boundary after it is **scored**, the segmenter has
 *   to find it from the punctuation and the words around it;
 * - any other sentence (headline, byline, dateline, table row, list item), and any sentence before one that
 *   starts with a dash or an asterisk (newswire bullets and sign-offs, `-- London Newsroom`, which stand on
 *   their own line in the original), is followed by a line break, and the first sentence of a document (its
 *   headline) by a blank line: these boundaries are **given** by the layout, as they are in the original
 *   texts, and are not counted either way.
 * - a gold "sentence" that starts with a lower-case word or with `,` `;` `:` is put back on the sentence
 *   before it: no sentence starts so, the corpus's own splitter broke it (`The Walt Disney Co .` |
 *   `said Thursday ...`).
 *
 * A boundary is the offset where a sentence starts. Predicted boundaries are the starts of segment-text's
 * sentences. TP = a predicted boundary at a scored gold boundary; FP = a predicted boundary that is neither a
 * scored nor a given gold boundary; FN = a scored gold boundary not predicted.
 */

export interface GoldSentenceDocument {
  readonly id: string;
  readonly text: string;
  /** Offsets where a sentence starts after a sentence that ends in final punctuation (scored). */
  readonly scored: readonly number[];
  /** Offsets where a sentence starts after a line break (given by the layout, not scored). */
  readonly given: readonly number[];
}

export interface BoundaryCounts {
  tp: number;
  fp: number;
  fn: number;
}

export interface BoundaryScore extends BoundaryCounts {
  precision: number;
  recall: number;
  f1: number;
}

export interface BoundaryErrors {
  /** Predicted boundaries that are no gold boundary (the segmenter split a sentence). */
  falsePositives: number[];
  /** Scored gold boundaries the segmenter did not find (it joined two sentences). */
  falseNegatives: number[];
}

const FINAL = /^(?:[.!?…]+|\.\.\.)$/u;
const CLOSING = new Set(["''", '"', '”', '’', "'", ')', ']', '}', '-RRB-', '»']);
const NO_SPACE_BEFORE = /^(?:[.,;:!?%)\]}»]|'s|'S|n't|N'T|'re|'ve|'ll|'d|'m|'RE|'VE|'LL|'D|'M|'|''|”|’)$/u;
const NO_SPACE_AFTER = new Set(['(', '[', '{', '``', '“', '‘', '«', '$']);

/**
 * Whether a tokenised sentence ends in final punctuation: its last token, closing quotes and brackets
 * skipped, is `.`, `!`, `?`, `...`, `…` or a run of them.
 */
export function endsInFinalPunctuation(tokens: readonly string[]): boolean {
  let i = tokens.length - 1;
  while (i >= 0 && CLOSING.has(tokens[i]!)) i--;
  return i >= 0 && FINAL.test(tokens[i]!);
}

export interface Detokenized {
  readonly text: string;
  /** Offset of each sentence's first character in `text`. */
  readonly starts: readonly number[];
}

/**
 * Rebuilds running text from tokenised sentences (Penn Treebank conventions): no space before `.` `,` `;`
 * `:` `!` `?` `%`, closing brackets and clitics (`'s`, `n't`), none after opening brackets, `` `` `` and `$`;
 * `` `` `` and `''` become “ and ”; a straight `"` opens and closes in turn (it opens at the start of a sentence and closes at its end); a `.` token after
 * a token that already ends in a period (`U.S. .`, the tokeniser's copy of the sentence's period) is dropped.
 * Sentences are joined as the module comment says.
 */
const BULLET = /^(?:-+|\*+|–|—)$/u;
const NOT_A_START = /^(?:[a-z]+|[,;:])$/u;

/** Whether a sentence is followed by one space (the boundary after it is scored) rather than a line break. */
function joinedInline(previous: readonly string[], next: readonly string[]): boolean {
  return endsInFinalPunctuation(previous) && !BULLET.test(next[0] ?? '');
}

/** Puts a gold sentence that starts with a lower-case word or `,` `;` `:` back on the sentence before it. */
export function mergeBrokenSentences(sentences: readonly (readonly string[])[]): string[][] {
  const out: string[][] = [];
  for (const s of sentences) {
    if (out.length > 1 && NOT_A_START.test(s[0] ?? '')) out[out.length - 1]!.push(...s);
    else out.push([...s]);
  }
  return out;
}

export function detokenize(sentences: readonly (readonly string[])[]): Detokenized {
  let text = '';
  const starts: number[] = [];
  let quoteOpen = false;
  sentences.forEach((tokens, s) => {
    if (s > 0) text += s === 1 ? '\n\n' : joinedInline(sentences[s - 1]!, tokens) ? ' ' : '\n';
    starts.push(text.length);
    let glueNext = true;
    let previous = '';
    tokens.forEach((raw, t) => {
      if (raw === '.' && previous.endsWith('.') && previous.length > 1) return;
      let token = raw === '``' ? '“' : raw === "''" ? '”' : raw === '-LRB-' ? '(' : raw === '-RRB-' ? ')' : raw;
      let glue = glueNext || NO_SPACE_BEFORE.test(raw);
      glueNext = NO_SPACE_AFTER.has(raw);
      if (raw === '"') {
        // The first token of a sentence opens a quote and its last closes one, whatever came before
        // (newswire leaves a quote open at the end of a paragraph when the next one goes on quoting).
        if (t === 0) quoteOpen = false;
        else if (t === tokens.length - 1) quoteOpen = true;
        if (quoteOpen) {
          glue = true;
          glueNext = false;
          token = '”';
        } else {
          glueNext = true;
          token = '“';
        }
        quoteOpen = !quoteOpen;
      }
      if (!glue) text += ' ';
      text += token;
      previous = raw;
    });
  });
  return { text, starts };
}

/** A gold document from tokenised sentences: the text and its scored and given boundaries. */
export function goldDocument(id: string, tokenised: readonly (readonly string[])[]): GoldSentenceDocument {
  const sentences = mergeBrokenSentences(tokenised);
  const { text, starts } = detokenize(sentences);
  const scored: number[] = [];
  const given: number[] = [];
  for (let s = 1; s < sentences.length; s++) {
    if (s > 1 && joinedInline(sentences[s - 1]!, sentences[s]!)) scored.push(starts[s]!);
    else given.push(starts[s]!);
  }
  return { id, text, scored, given };
}

/** Compares predicted sentence starts with a gold document; the first sentence's start is not a boundary. */
export function scoreBoundaries(gold: GoldSentenceDocument, predictedStarts: readonly number[]): BoundaryCounts & BoundaryErrors {
  const scored = new Set(gold.scored);
  const given = new Set(gold.given);
  const predicted = new Set(predictedStarts.filter((p) => p > 0));
  const falsePositives = [...predicted].filter((p) => !scored.has(p) && !given.has(p)).sort((a, b) => a - b);
  const falseNegatives = gold.scored.filter((g) => !predicted.has(g));
  const tp = gold.scored.length - falseNegatives.length;
  return { tp, fp: falsePositives.length, fn: falseNegatives.length, falsePositives, falseNegatives };
}

export function prf(counts: BoundaryCounts): BoundaryScore {
  const precision = counts.tp + counts.fp === 0 ? 0 : counts.tp / (counts.tp + counts.fp);
  const recall = counts.tp + counts.fn === 0 ? 0 : counts.tp / (counts.tp + counts.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...counts, precision, recall, f1 };
}
