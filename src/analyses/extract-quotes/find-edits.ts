/**
 * Editorial changes inside quoted words: insertions in square brackets (`[the government]`,
 * `[sic]`, `[W]e`) and omissions (`…`, `...`, `. . .`, `[…]`, `[...]`). A quotation that shows many
 * of them was cut and stitched by the writer; how much of it is the editor's is what a fact-checker
 * asks first.
 */
import type { QuoteEditJson, SpanJson } from '../../api/analysis-json.js';

/** A bracketed stretch (no nested brackets, at most 200 units) or an ellipsis. */
const EDIT = /\[[^\[\]\n]{0,200}\]|…|\.\s?\.\s?\.(?:\s?\.)?/gu;
const ELLIPSIS_ONLY = /^\[\s*(?:…|\.\s?\.\s?\.)\s*\]$/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/gu;

/** A quote cut into this many fragments or more (pieces and omissions) gets a warning. */
export const STITCHED_FRAGMENTS = 4;

export interface QuoteEdits {
  readonly edits: QuoteEditJson[];
  /** Letters and digits inside insertions over the letters and digits of the content (0–1, three decimals). */
  readonly editorShare: number;
  readonly warnings: string[];
}

const lettersIn = (s: string): number => s.match(LETTER_OR_DIGIT)?.length ?? 0;

/** The edits of a quote whose quoted words are `pieces` (direct pieces, or the mixed clause). */
export function findEdits(pieces: readonly SpanJson[]): QuoteEdits | null {
  const edits: QuoteEditJson[] = [];
  let inserted = 0;
  for (const piece of pieces) {
    EDIT.lastIndex = 0;
    for (let m = EDIT.exec(piece.text); m; m = EDIT.exec(piece.text)) {
      const value = m[0];
      const start = piece.start + m.index;
      const span = { start, end: start + value.length, text: value };
      if (value.startsWith('[') && !ELLIPSIS_ONLY.test(value)) {
        inserted += lettersIn(value);
        edits.push({ kind: 'insertion', span });
      } else edits.push({ kind: 'omission', span });
    }
  }
  if (edits.length === 0) return null;
  // Letters are counted only for a quote that was edited (most were not).
  let letters = 0;
  for (const piece of pieces) letters += lettersIn(piece.text);
  const omissions = edits.filter((e) => e.kind === 'omission').length;
  const fragments = pieces.length + omissions;
  const warnings = fragments >= STITCHED_FRAGMENTS ? [`stitched from ${fragments} fragments: the writer cut the quotation ${fragments - 1} times`] : [];
  const editorShare = letters === 0 ? 0 : Math.round((inserted / letters) * 1000) / 1000;
  return { edits, editorShare, warnings };
}
