/**
 * Anchoring an imported span on the stored text. A position (code points) that still selects the
 * quoted text is kept (`anchored`). Otherwise the quote selector is searched: among the places the
 * exact text occurs, the one whose surroundings best match the prefix and suffix wins, ties going to
 * the one nearest the old position (`re-anchored`); failing that, the same search on text with
 * whitespace, quotation marks, dashes and case folded (`re-anchored`, fuzzy). Nothing found:
 * `orphaned`. This follows the W3C model's advice that a TextQuoteSelector is the robust selector
 * and a TextPositionSelector the fast one.
 */
import type { SpanJson } from '../api/analysis-json.js';
import type { CodePointIndex } from './code-points.js';

export type AnchorStatus = 'anchored' | 're-anchored' | 'orphaned';

export interface QuoteSelectorInput {
  exact: string;
  prefix?: string;
  suffix?: string;
  /** The old position in code points, when the import has one. */
  position?: { start: number; end: number } | null;
}

export interface Anchor {
  status: AnchorStatus;
  span: SpanJson | null;
  /** How it was found: position, exact, fuzzy or none. */
  how: 'position' | 'exact' | 'fuzzy' | 'none';
}

function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** Every start of `needle` in `haystack`, at most `limit`. */
function occurrences(haystack: string, needle: string, limit = 10000): number[] {
  const out: number[] = [];
  if (needle === '') return out;
  let at = haystack.indexOf(needle);
  while (at !== -1 && out.length < limit) {
    out.push(at);
    at = haystack.indexOf(needle, at + 1);
  }
  return out;
}

function best(text: string, starts: readonly number[], length: number, prefix: string, suffix: string, near: number | null): number {
  let bestStart = starts[0]!;
  let bestScore = -1;
  let bestDistance = Infinity;
  for (const start of starts) {
    const score = commonSuffix(text.slice(Math.max(0, start - prefix.length), start), prefix) + commonPrefix(text.slice(start + length, start + length + suffix.length), suffix);
    const distance = near === null ? 0 : Math.abs(start - near);
    if (score > bestScore || (score === bestScore && distance < bestDistance)) {
      bestStart = start;
      bestScore = score;
      bestDistance = distance;
    }
  }
  return bestStart;
}

const FOLD: Record<string, string> = { '“': '"', '”': '"', '„': '"', '«': '"', '»': '"', '‘': "'", '’': "'", '‚': "'", '–': '-', '—': '-', '‐': '-', '\u00A0': ' ' };

/** The text folded for fuzzy search, with each folded character's original UTF-16 offset. */
function folded(text: string): { text: string; offsets: number[] } {
  let out = '';
  const offsets: number[] = [];
  let lastSpace = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      if (lastSpace) continue;
      lastSpace = true;
      out += ' ';
      offsets.push(i);
      continue;
    }
    lastSpace = false;
    out += (FOLD[c] ?? c).toLowerCase();
    offsets.push(i);
  }
  offsets.push(text.length);
  return { text: out, offsets };
}

function spanOf(text: string, start: number, end: number): SpanJson {
  return { start, end, text: text.slice(start, end) };
}

export function anchorQuote(text: string, index: CodePointIndex, selector: QuoteSelectorInput): Anchor {
  const { exact } = selector;
  const prefix = selector.prefix ?? '';
  const suffix = selector.suffix ?? '';
  let near: number | null = null;
  if (selector.position) {
    const { start, end } = selector.position;
    if (Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end >= start && end <= index.length) {
      const s = index.toUtf16(start);
      const e = index.toUtf16(end);
      if (text.slice(s, e) === exact) return { status: 'anchored', span: spanOf(text, s, e), how: 'position' };
      near = s;
    }
  }
  if (exact === '') return { status: 'orphaned', span: null, how: 'none' };
  const starts = occurrences(text, exact);
  if (starts.length > 0) {
    const start = best(text, starts, exact.length, prefix, suffix, near);
    return { status: 're-anchored', span: spanOf(text, start, start + exact.length), how: 'exact' };
  }
  const hay = folded(text);
  const needle = folded(exact.trim()).text;
  const fuzzyStarts = occurrences(hay.text, needle);
  if (fuzzyStarts.length > 0 && needle.length > 0) {
    const start = best(hay.text, fuzzyStarts, needle.length, folded(prefix).text, folded(suffix).text, near === null ? null : hay.offsets.findIndex((o) => o >= near!));
    const s = hay.offsets[start]!;
    let e = hay.offsets[start + needle.length - 1]! + 1;
    if (/[\uD800-\uDBFF]/.test(text[e - 1] ?? '')) e++;
    return { status: 're-anchored', span: spanOf(text, s, e), how: 'fuzzy' };
  }
  return { status: 'orphaned', span: null, how: 'none' };
}
