/**
 * A word-level diff (longest common subsequence) of two versions of a quote, and what kind of
 * change it is: a cut, an editor's bracket, or other rewording.
 */
import type { WordDiffOpJson } from '../api/corpus-json.js';

export interface DiffWord {
  text: string;
  folded: string;
}

/** Ops in reading order; neighbouring words with the same op are joined with one space. */
export function wordDiff(a: readonly DiffWord[], b: readonly DiffWord[]): WordDiffOpJson[] {
  const n = a.length;
  const m = b.length;
  // Quotes are short; a quadratic table is fine up to a few hundred words each.
  const table = new Uint16Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * (m + 1) + j] =
        a[i]!.folded === b[j]!.folded ? table[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(table[(i + 1) * (m + 1) + j]!, table[i * (m + 1) + j + 1]!);
    }
  }
  const ops: WordDiffOpJson[] = [];
  const push = (op: WordDiffOpJson['op'], text: string) => {
    const last = ops[ops.length - 1];
    if (last && last.op === op) last.text += ` ${text}`;
    else ops.push({ op, text });
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i]!.folded === b[j]!.folded) {
      push('same', b[j]!.text);
      i++;
      j++;
    } else if (j < m && (i === n || table[i * (m + 1) + j + 1]! >= table[(i + 1) * (m + 1) + j]!)) {
      push('added', b[j]!.text);
      j++;
    } else {
      push('removed', a[i]!.text);
      i++;
    }
  }
  return ops;
}

/**
 * `trimmed`: one version is the other with words cut at the start, the end or in between (only
 * `removed` ops, or only `added`); `bracketed`: the added words sit in square brackets in b (or a);
 * `reworded`: anything else.
 */
export function classifyDrift(ops: readonly WordDiffOpJson[], aText: string, bText: string): 'trimmed' | 'bracketed' | 'reworded' {
  const removed = ops.some((op) => op.op === 'removed');
  const added = ops.some((op) => op.op === 'added');
  if (hasBracketedInsertion(bText) || hasBracketedInsertion(aText)) return 'bracketed';
  if (removed !== added) return 'trimmed';
  return 'reworded';
}

/** True when the text holds `[…]` with something between the brackets (a scan, linear in the text). */
function hasBracketedInsertion(text: string): boolean {
  for (let open = text.indexOf('['); open !== -1; open = text.indexOf('[', open + 1)) {
    const close = text.indexOf(']', open + 1);
    if (close === -1) return false;
    if (close > open + 1) return true;
  }
  return false;
}
