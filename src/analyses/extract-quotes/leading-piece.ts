/**
 * The part of what was said that stands before its attribution (decision 0091).
 *
 * An attribution set inside the clause it reports splits the content in two: `The move, Carr explained,
 * was the result of three years of preparation`, `If Clinton is elected, he said, “she might …”`. A rule
 * that reads the content after the cue sees only the second piece; the words from the start of the
 * sentence to the comma before the speaker are the first piece. In a relative clause the relative word
 * stands for the subject of what was said (`policies which he said had harmed the economy`,
 * `what Trump calls “a disaster”`): it is the first piece of the content.
 */
import type { CueJson, SpeakerJson } from '../../api/analysis-json.js';
import type { Span } from '../../core/span.js';
import type { QuoteLexicon } from './lexicon.js';
import { OPENING_MARKS } from './split-contents.js';
import { onlySpacesAndTabs } from './words.js';

export interface LeadingPiece {
  piece: { start: number; end: number };
  /** The piece holds no quotation mark: a direct quote with such a piece becomes mixed. */
  kind: 'clause-start' | 'relative';
}

/** The most words after the cue before the comma that closes the attribution (`told reporters`, `said Tuesday`). */
const MAX_TAIL_WORDS = 4;
const WORD_CHAR = /[\p{L}\p{N}.'’-]/u;

/** Whether `s` holds only spaces and at most one opening quotation mark (a scan: no pattern to backtrack). */
function onlySpacesAndOpening(s: string, from = 0): boolean {
  let mark = false;
  for (let i = from; i < s.length; i++) {
    const ch = s[i]!;
    if (isSpace(ch)) continue;
    if (OPENING_MARKS.has(ch) && !mark) mark = true;
    else return false;
  }
  return true;
}

/** Whether `s` is a few words, then a comma, then spaces and at most an opening mark: `` told reporters, “``. */
function attributionTail(s: string): boolean {
  let i = 0;
  let words = 0;
  for (;;) {
    while (i < s.length && isSpace(s[i])) i++;
    if (i >= s.length) return false;
    if (s[i] === ',') return onlySpacesAndOpening(s, i + 1);
    if (!WORD_CHAR.test(s[i]!) || ++words > MAX_TAIL_WORDS) return false;
    while (i < s.length && WORD_CHAR.test(s[i]!)) i++;
  }
}
const QUOTE_MARK = /[“”"«»‘’`]/u;
/** The most words a clause-start piece may have: a longer stretch before a comma is rarely one clause. */
const MAX_PIECE_WORDS = 40;

function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\u00a0';
}

/**
 * The leading piece of a quote whose attribution (speaker and cue, side by side) stands before all its
 * pieces (`quoted`: the pieces are a direct quotation). Null when the attribution does not stand inside a clause that began before it, or when the
 * piece would reach into `taken` (another quote's pieces).
 */
export function leadingPiece(
  lex: QuoteLexicon,
  text: string,
  pieces: readonly Span[],
  speaker: SpeakerJson | null,
  cue: CueJson | null,
  quoted: boolean,
  sentenceStart: number,
  taken: (start: number, end: number) => boolean,
): LeadingPiece | null {
  if (!speaker?.mention || !cue || pieces.length === 0) return null;
  const source = speaker.phrase ?? speaker.mention;
  const verb = cue.phrase ?? cue.span;
  const from = Math.min(source.start, verb.start);
  const to = Math.max(source.end, verb.end);
  // Speaker and cue side by side: nothing but spaces between them.
  if (!(source.end <= verb.start ? onlySpacesAndTabs(text, source.end, verb.start, false) : onlySpacesAndTabs(text, verb.end, source.start, false))) return null;
  const first = pieces[0]!;
  if (first.start < to) return null;
  const after = text.slice(to, first.start);
  // A direct quotation that opens in lower case goes on with the sentence the piece began.
  const goesOn = !quoted || /^\p{Ll}/u.test(text.slice(first.start, first.start + 1));
  let k = from;
  while (k > sentenceStart && isSpace(text[k - 1])) k--;
  // Before a quotation that opens a sentence of its own, the words up to the comma are the writer's frame
  // (`In a statement, he said, “We …”`): on PolNeAR train such a piece was part of the content 5 times in 28.
  if (goesOn && attributionTail(after) && text[k - 1] === ',') {
    // `PIECE, SPEAKER CUE, REST`: the piece runs from the start of the sentence to the comma.
    let start = sentenceStart;
    while (start < k && (isSpace(text[start]) || text[start] === '\n')) start++;
    const end = k - 1;
    const piece = text.slice(start, end);
    // A piece that ends on `that` frames a report of its own (`The IMF said that, according to …, …`).
    if (piece.trim() === '' || QUOTE_MARK.test(piece) || /[\n;:]/u.test(piece) || /\bthat$/iu.test(piece)) return null;
    if (piece.split(/\s+/u).length > MAX_PIECE_WORDS || taken(start, end)) return null;
    return { piece: { start, end }, kind: 'clause-start' };
  }
  if (onlySpacesAndOpening(after) && isSpace(text[from - 1])) {
    // `… which SPEAKER CUE REST`: the relative word right before the speaker.
    let start = from - 1;
    while (start > sentenceStart && isSpace(text[start - 1])) start--;
    const end = start;
    while (start > sentenceStart && /[\p{L}]/u.test(text[start - 1]!)) start--;
    const word = text.slice(start, end).toLowerCase();
    if (!lex.leadingRelatives.has(word) || taken(start, end)) return null;
    return { piece: { start, end }, kind: 'relative' };
  }
  return null;
}

/** The most words of a connective that opens a content (`in contrast`, `even so`). */
const MAX_CONNECTIVE_WORDS = 2;

/**
 * Where a reported piece starts when a connective set off by a comma opens it (`Still, golf clubs are …`,
 * `In fact, neither plan would …`): the connective (class `connective-opener`) links the writer's sentence to
 * the one before and is no part of what was said (decision 0136). Null when no such connective opens it or
 * nothing would be left.
 */
export function afterConnective(lex: QuoteLexicon, text: string, piece: { start: number; end: number }): number | null {
  const m = /^((?:\p{L}+[ \t]+)?\p{L}+),[ \t]+(?=[\p{L}“"‘'])/u.exec(text.slice(piece.start, Math.min(piece.end, piece.start + 40)));
  if (!m || m[1]!.split(/[ \t]+/u).length > MAX_CONNECTIVE_WORDS || !lex.connectiveOpeners.has(m[1]!.toLowerCase().replace(/[ \t]+/gu, ' '))) return null;
  const start = piece.start + m[0].length;
  return start < piece.end ? start : null;
}
