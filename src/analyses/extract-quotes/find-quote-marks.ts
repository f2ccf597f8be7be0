/**
 * Pairs quotation marks into quoted stretches. Works paragraph by paragraph; a double quote left
 * open at the end of a paragraph runs to the paragraph's end and continues when the next
 * paragraph opens with a quotation mark (the news convention for quotes over several paragraphs).
 * Marks nested inside a top-level quote belong to its content.
 */
import { isLetterOrNumberUnit, isSpaceUnit } from './words.js';

export type QuoteStyle = 'curly' | 'straight' | 'tex' | 'guillemet' | 'single';

export interface QuotedStretch {
  /** Offset of the opening mark. */
  readonly open: number;
  readonly openLength: number;
  /** Offset of the closing mark, or the paragraph end when the quote was left open. */
  readonly close: number;
  readonly closeLength: number;
  readonly style: QuoteStyle;
  readonly closed: boolean;
  /** True when this stretch continues an open quote of the previous paragraph. */
  readonly continues: boolean;
}

interface Paragraph {
  readonly start: number;
  readonly end: number;
}

interface OpenMark {
  at: number;
  length: number;
  style: QuoteStyle;
}

/** Every character that can open or close a quotation. */
const MARK = /[“”"«»‘’'`]/g;

/** `/[\s([{\u2014\u2013\-/:;,]/u` for one character of the text, by its code unit. */
function spaceBeforeOpener(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return isSpaceUnit(code) || code === 0x28 || code === 0x5b || code === 0x7b || code === 0x2014 || code === 0x2013 || code === 0x2d || code === 0x2f || code === 0x3a || code === 0x3b || code === 0x2c;
}

/** `[\p{L}\p{N}]` for one character of the text (one code unit: half a pair is neither). */
function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && isLetterOrNumberUnit(ch.charCodeAt(0));
}

/** `\s` for one character of the text, or its end. */
function isSpaceLike(ch: string | undefined): boolean {
  return ch === undefined || isSpaceUnit(ch.charCodeAt(0));
}

function canOpen(text: string, at: number, length: number, paragraphStart: number): boolean {
  const before = at > paragraphStart ? text[at - 1] : undefined;
  const after = text[at + length];
  return (before === undefined || spaceBeforeOpener(before) || '“‘"\'«'.includes(before)) && !isSpaceLike(after);
}

/** The offset of the last non-space character at or before `at`. */
function lastNonSpace(text: string, at: number): number {
  let k = at;
  while (k >= 0 && isSpaceLike(text[k])) k--;
  return k;
}

function canClose(text: string, at: number, length: number): boolean {
  const after = text[at + length];
  return !isWordChar(after);
}

/**
 * The first quotation mark at or after an offset (-1 for none). The search that ends a paragraph's marks runs on
 * to the next mark of the text, and the paragraphs up to it, which hold none, would each search that stretch
 * again from their own start: the mark found last is kept with where its search began.
 */
function markFinder(text: string): { from(offset: number): number } {
  // No mark lies in [searchedFrom, foundAt); foundAt is text.length when no mark follows.
  let searchedFrom = -1;
  let foundAt = -1;
  return {
    from(offset) {
      if (searchedFrom === -1 || offset < searchedFrom || offset > foundAt) {
        MARK.lastIndex = offset;
        const found = MARK.exec(text);
        searchedFrom = offset;
        foundAt = found ? found.index : text.length;
      }
      return foundAt < text.length ? foundAt : -1;
    },
  };
}

export function findQuotedStretches(text: string, paragraphs: readonly Paragraph[]): QuotedStretch[] {
  const stretches: QuotedStretch[] = [];
  const closed: ClosedPair[] = [];
  const popTo = (stack: OpenMark[], style: QuoteStyle, at: number, length: number) => closePair(closed, stack, style, at, length);
  const marks = markFinder(text);
  let carried = false;
  for (let p = 0; p < paragraphs.length; p++) {
    const paragraph = paragraphs[p]!;
    const nextFirst = paragraphs[p + 1] ? text[paragraphs[p + 1]!.start] : undefined;
    const stack: OpenMark[] = [];
    let continues = false;
    // A paragraph that opens with a mark while the previous one left a quote open continues it.
    const first = text[paragraph.start];
    if (carried && first !== undefined && '“"«\''.includes(first)) continues = true;
    carried = false;
    // Jump from one mark to the next: most of a text has none.
    let at = marks.from(paragraph.start);
    while (at !== -1 && at < paragraph.end) {
      let i = at;
      const ch = text[i]!;
      const top = stack[stack.length - 1];
      if (ch === '`' && text[i + 1] === '`') {
        stack.push({ at: i, length: 2, style: 'tex' });
        i++;
      } else if (ch === "'" && text[i + 1] === "'") {
        // Two apostrophes: the closer of ``…'', and in some newswire archives both marks (''…'').
        if (stack.some((m) => m.style === 'tex') && !isSpaceLike(text[i - 1])) popTo(stack, 'tex', i, 2);
        else if (canOpen(text, i, 2, paragraph.start)) stack.push({ at: i, length: 2, style: 'tex' });
        i++;
      } else if (ch === '“') {
        // Some texts close with “ too; treat it as a closer when it sits after a word and before a space.
        if (top?.style === 'curly' && stack.length === 1 && !isSpaceLike(text[i - 1]) && isSpaceLike(text[i + 1]) && canClose(text, i, 1)) {
          popTo(stack, 'curly', i, 1);
        } else stack.push({ at: i, length: 1, style: 'curly' });
      } else if (ch === '”') {
        if (stack.some((m) => m.style === 'curly')) popTo(stack, 'curly', i, 1);
        // A straight opener closed by a curly mark (mixed styles, a common typo): "…”.
        else if (top?.style === 'straight' && !isSpaceLike(text[i - 1]) && canClose(text, i, 1)) popTo(stack, 'straight', i, 1);
        else if (stack.length === 0 && isSpaceLike(text[i - 1]) && !isSpaceLike(text[i + 1])) stack.push({ at: i, length: 1, style: 'curly' });
      } else if (ch === '"') {
        // A curly opener closed by a straight mark (mixed styles, a common typo): “…" said.
        if (top?.style === 'curly' && !stack.some((m) => m.style === 'straight') && !isSpaceLike(text[i - 1]) && canClose(text, i, 1) && isSpaceLike(text[i + 1]) !== false) {
          popTo(stack, 'curly', i, 1);
        } else if (stack.some((m) => m.style === 'straight') && (!isSpaceLike(text[i - 1]) || !canOpen(text, i, 1, paragraph.start))) {
          popTo(stack, 'straight', i, 1);
        } else if (canOpen(text, i, 1, paragraph.start) && !/\p{N}/u.test(text[i - 1] ?? '')) {
          // `…six months. "We are …`: a quote that runs on into a new sentence and opens again without
          // closing (a convention of some newsrooms). The open quote ends with its sentence.
          if (top?.style === 'straight' && stack.length === 1 && isSpaceLike(text[i - 1]) && /[.!?]/u.test(text[lastNonSpace(text, i - 1)] ?? '')) {
            popTo(stack, 'straight', lastNonSpace(text, i - 1) + 1, 0);
          }
          stack.push({ at: i, length: 1, style: 'straight' });
        }
      } else if (ch === '«') {
        stack.push({ at: i, length: 1, style: 'guillemet' });
      } else if (ch === '»') {
        if (stack.some((m) => m.style === 'guillemet')) popTo(stack, 'guillemet', i, 1);
      } else if (ch === '‘' || (ch === "'" && !isWordChar(text[i - 1]))) {
        if (canOpen(text, i, 1, paragraph.start) && !/\p{N}/u.test(text[i + 1] ?? '')) stack.push({ at: i, length: 1, style: 'single' });
        else if (ch === "'" && top?.style === 'single' && canClose(text, i, 1)) popTo(stack, 'single', i, 1);
      } else if ((ch === '’' || ch === "'") && top?.style === 'single' && canClose(text, i, 1) && !isSpaceLike(text[i - 1])) {
        popTo(stack, 'single', i, 1);
      }
      if (stack.length > 8) stack.splice(0, stack.length - 8);
      at = marks.from(i + 1);
    }
    // Whatever double quote is still open at the bottom of the stack runs to the paragraph end.
    const bottom = stack.find((m) => m.style !== 'single');
    // An open quote is kept only where the convention applies: it opens the paragraph, or the
    // next paragraph opens with a mark; otherwise it is a stray mark (inches, typos).
    const next = paragraphs[p + 1];
    const nextOpensWithMark = (nextFirst !== undefined && '“"«'.includes(nextFirst)) || (next !== undefined && text.startsWith("''", next.start));
    const hidesPairs = bottom !== undefined && closed.some((pair) => pair.at > bottom.at && pair.depth > 0);
    // A quote opened after a colon (`she told the programme: "What …`) runs to the paragraph end too.
    const afterColon = bottom !== undefined && text[lastNonSpace(text, bottom.at - 1)] === ':' && lastNonSpace(text, bottom.at - 1) >= paragraph.start;
    if (bottom && (nextOpensWithMark || ((bottom.at === paragraph.start || afterColon) && !hidesPairs))) {
      closed.push({ at: bottom.at, length: bottom.length, style: bottom.style, close: paragraph.end, closeLength: 0, isClosed: false, depth: 0 });
      carried = true;
    } else {
      // Stray marks (a typo, inches, an unbalanced mark): the pairs opened after them are not nested
      // in them. Without this one stray mark hides every quote of its paragraph.
      const stray = stack.filter((m) => m.style !== 'single');
      if (stray.length > 0) for (const pair of closed) pair.depth = Math.max(0, pair.depth - stray.filter((m) => m.at < pair.at).length);
    }
    emit(paragraph, continues);
  }
  return stretches;

  // Closed pairs are collected per paragraph with their nesting depth; only depth 0 is emitted.
  function emit(_paragraph: Paragraph, continues: boolean): void {
    closed.sort((a, b) => a.at - b.at);
    let firstInParagraph = true;
    for (const pair of closed) {
      if (pair.depth !== 0) continue;
      stretches.push({
        open: pair.at,
        openLength: pair.length,
        close: pair.close,
        closeLength: pair.closeLength,
        style: pair.style,
        closed: pair.isClosed,
        continues: continues && firstInParagraph && pair.at === _paragraph.start,
      });
      firstInParagraph = false;
    }
    closed.length = 0;
  }
}

interface ClosedPair {
  at: number;
  length: number;
  style: QuoteStyle;
  close: number;
  closeLength: number;
  isClosed: boolean;
  depth: number;
}

/** Closes the innermost open mark of `style`, dropping unclosed marks opened after it. */
function closePair(closed: ClosedPair[], stack: OpenMark[], style: QuoteStyle, at: number, length: number): void {
  for (let k = stack.length - 1; k >= 0; k--) {
    if (stack[k]!.style !== style) continue;
    const mark = stack[k]!;
    stack.length = k;
    // Depth counts only enclosing double quotes: an unpaired apostrophe-like single mark must not hide a quote.
    const depth = style === 'single' ? stack.length : stack.filter((m) => m.style !== 'single').length;
    closed.push({ at: mark.at, length: mark.length, style, close: at, closeLength: length, isClosed: true, depth });
    return;
  }
}
