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

export interface LeadingPiece {
  piece: { start: number; end: number };
  /** The piece holds no quotation mark: a direct quote with such a piece becomes mixed. */
  kind: 'clause-start' | 'relative';
}

/** After the cue: a few words (`told reporters`, `said Tuesday`), then the comma before the rest. */
const ATTRIBUTION_TAIL = /^(?:[ \t]+[\p{L}\p{N}.'’-]+){0,4}[ \t]*,[ \t]*[“"‘«]?[ \t]*$/u;
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
  const gap = source.end <= verb.start ? text.slice(source.end, verb.start) : text.slice(verb.end, source.start);
  if (!/^[ \t]*$/u.test(gap)) return null;
  const first = pieces[0]!;
  if (first.start < to) return null;
  const after = text.slice(to, first.start);
  // A direct quotation that opens in lower case goes on with the sentence the piece began.
  const goesOn = !quoted || /^\p{Ll}/u.test(text.slice(first.start, first.start + 1));
  let k = from;
  while (k > sentenceStart && isSpace(text[k - 1])) k--;
  // Before a quotation that opens a sentence of its own, the words up to the comma are the writer's frame
  // (`In a statement, he said, “We …”`): on PolNeAR train such a piece was part of the content 5 times in 28.
  if (goesOn && ATTRIBUTION_TAIL.test(after) && text[k - 1] === ',') {
    // `PIECE, SPEAKER CUE, REST`: the piece runs from the start of the sentence to the comma.
    let start = sentenceStart;
    while (start < k && (isSpace(text[start]) || text[start] === '\n')) start++;
    const end = k - 1;
    const piece = text.slice(start, end);
    if (piece.trim() === '' || QUOTE_MARK.test(piece) || /[\n;:]/u.test(piece)) return null;
    if (piece.split(/\s+/u).length > MAX_PIECE_WORDS || taken(start, end)) return null;
    return { piece: { start, end }, kind: 'clause-start' };
  }
  if (/^[ \t]*[“"‘«]?[ \t]*$/u.test(after) && isSpace(text[from - 1])) {
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
