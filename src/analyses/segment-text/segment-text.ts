import type { Analysis, AnalysisInputs, RunContext } from '../../core/analysis.js';
import type { Document } from '../../core/document.js';
import type { Finding } from '../../core/finding.js';
import { resourceValue, type Resources } from '../../core/resources.js';
import { spanAt } from '../../core/span.js';
import { derivedFrom } from '../memo.js';
import { ABBREVIATIONS, SEGMENT_TEXT_RESOURCES, SENTENCE_STARTERS } from './resource-ids.js';
import type { AbbreviationsRow, SentenceStartersRow } from '../resources.js';

export type TokenType = 'word' | 'number' | 'punct' | 'symbol';
export const TOKEN_TYPES: readonly TokenType[] = ['word', 'number', 'punct', 'symbol'];

export interface TokenTable {
  readonly count: number;
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
  /** Index into TOKEN_TYPES. */
  readonly types: Uint8Array;
  /** Index of the sentence each token belongs to. */
  readonly sentences: Uint32Array;
}

declare module '../../core/finding.js' {
  interface FindingDataMap {
    paragraph: { index: number };
    sentence: { index: number; paragraph: number };
    /**
     * All tokens of the document in packed arrays (one record per document: a million token
     * objects dominated the run time). Read them through the accessors in `tokens.ts`.
     */
    'token-table': TokenTable;
  }
}

export const SEGMENT_TEXT_ID = 'segment-text';

/** What sentence splitting reads from the resources, built once per resource value. */
interface SegmentLexicon {
  /** Abbreviation (without its final period) -> kind, from data/abbreviations.tsv. */
  readonly abbreviations: ReadonlyMap<string, string>;
  /**
   * Words that start sentences often and names rarely (data/sentence-starters.tsv): after an
   * abbreviation that may also end a sentence ("in the U.S. The senator ..."), one of these next
   * means the sentence did end.
   */
  readonly sentenceStarters: ReadonlySet<string>;
}

const buildLexicon = derivedFrom(
  (abbreviations: readonly AbbreviationsRow[], starters: readonly SentenceStartersRow[]): SegmentLexicon => ({
    abbreviations: new Map(abbreviations.map((row) => [row.abbreviation, row.kind])),
    sentenceStarters: new Set(starters.map((row) => row.word)),
  }),
);

function segmentLexicon(resources: Resources): SegmentLexicon {
  return buildLexicon(resourceValue(resources, ABBREVIATIONS), resourceValue(resources, SENTENCE_STARTERS));
}
/**
 * Kinds after which a period never ends a sentence: a name follows a title (`Gov.`), the other side or
 * what is introduced follows a link (`vs.`, `e.g.`).
 */
const NEVER_FINAL = new Set(['title', 'link']);

const TERMINATORS = '.!?…';
const CLOSERS = '"\'”’»)]}';
const OPENERS = '"\'“‘«([{`';

function isUpperStart(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function isLowerStart(ch: string): boolean {
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 0xa0 || code === 0x2009 || code === 0x202f || code === 0x200a || code === 0x3000 || code === 0x2028 || code === 0x2029;
}

/** Start of the word right before a period at `dot` (letters, digits and inner periods, e.g. "U.S"). */
function wordStartBefore(text: string, dot: number, lineStart: number): number {
  let s = dot;
  while (s > lineStart) {
    const ch = text[s - 1]!;
    if (/[\p{L}\p{N}.'’]/u.test(ch)) s--;
    else break;
  }
  while (s < dot && /[.'’]/u.test(text[s]!)) s++;
  return s;
}

/** The word at `from`, after any opening quotes or brackets ("“It" gives "It"). */
function nextWord(text: string, from: number, end: number): string {
  let s = from;
  while (s < end && OPENERS.includes(text[s]!)) s++;
  const match = /^[\p{L}\p{N}]+/u.exec(text.slice(s, Math.min(end, s + 40)));
  if (!match) return '';
  // A starter word with a period of its own is an abbreviation ("U.S. No.1 wheat"), and one joined by a
  // hyphen to a capitalised word is part of a name ("the U.S. Under-Secretary of State"): neither is a
  // starter ("So-called grid computing" still starts one).
  const stop = s + match[0].length;
  if (text[stop] === '.' || (text[stop] === '-' && isUpperStart(text[stop + 1] ?? ''))) return '';
  return match[0];
}

/**
 * A word in lower case with a capital inside (`iPhone`, `iOS`, `eBay`): a brand that starts sentences
 * with its own spelling.
 */
function isInnerCapitalWord(text: string, from: number, end: number): boolean {
  return /^\p{Ll}{1,2}\p{Lu}/u.test(text.slice(from, Math.min(end, from + 3)));
}

/**
 * Whether the sentence so far (from `sentenceStart` to the period at `dot`) is a list number alone
 * ("1. Norway 8.62 points", "10. Shinichi Itoh"): a number of one to three digits is no sentence.
 */
function isListNumber(text: string, sentenceStart: number, dot: number): boolean {
  return dot - sentenceStart <= 3 && /^\p{N}+$/u.test(text.slice(sentenceStart, dot));
}

/**
 * Decides whether a terminator run ending at `after` (exclusive, closers included) ends a sentence,
 * given the next non-space character at `next`.
 */
function endsSentence(lexicon: SegmentLexicon, text: string, sentenceStart: number, termStart: number, next: number, lineStart: number, lineEnd: number): boolean {
  const { abbreviations } = lexicon;
  const nextChar = text[next]!;
  const followedByStart = isUpperStart(nextChar) || /\p{N}/u.test(nextChar) || OPENERS.includes(nextChar) || isInnerCapitalWord(text, next, lineEnd);
  if (!followedByStart) return false;
  if (text[termStart] !== '.' || text[termStart + 1] === '.') return true;
  if (isListNumber(text, sentenceStart, termStart)) return false;
  const wordStart = wordStartBefore(text, termStart, lineStart);
  const word = text.slice(wordStart, termStart);
  if (word === '') return true;
  // A single capital letter is an initial ("J. K. Rowling") unless it is the pronoun "I" (but "Wayne A. I.
  // Frederick") or it ends a name joined by "&" ("AT&T.", but "the S.&P. 500").
  if (/^\p{Lu}$/u.test(word) && !(text[wordStart - 1] === '&' && /\p{L}/u.test(text[wordStart - 2] ?? '')) && (word !== 'I' || /\p{Lu}\. $/u.test(text.slice(Math.max(lineStart, wordStart - 3), wordStart)))) {
    // "in group C. The other two teams": an initial is followed by a name, rarely by a sentence starter
    // (a one-letter starter, "A" or "I", may be the next initial).
    const after = nextWord(text, next, lineEnd);
    return after.length > 1 && lexicon.sentenceStarters.has(after);
  }
  // Looked up as written: a lower-case word is not the abbreviation it spells in capitals ("iron ore. China's",
  // "fell critically ill. May God", "he sat. Nobody" are not Oregon, Illinois and Saturday).
  const kind = abbreviations.get(word);
  if (kind === undefined) {
    // Unlisted dotted initialisms (U.S.A, N.Y) behave like listed ones.
    if (!/^(?:\p{L}\.)+\p{L}$/u.test(word)) return true;
  } else if (NEVER_FINAL.has(kind)) return false;
  if (kind === 'month' && /\p{N}/u.test(nextChar)) return false;
  // "No." is the abbreviation of number before a numeral only; elsewhere it is the word ("Is it? No. But ...").
  if (word === 'No' || word === 'Nos' || word === 'no') return !/\p{N}/u.test(nextChar);
  // In a title-case line (a headline, "Obama Administration To Allow Central Americans To Enter U.S. As
  // Refugees") every word is capitalised, so a capitalised starter after the abbreviation tells nothing.
  return lexicon.sentenceStarters.has(nextWord(text, next, lineEnd)) && !isTitleCase(text, lineStart, lineEnd);
}

/**
 * Whether a line is in title case: at least three words of four letters or more, every one of them
 * capitalised.
 */
function isTitleCase(text: string, lineStart: number, lineEnd: number): boolean {
  let long = 0;
  for (const m of text.slice(lineStart, lineEnd).matchAll(/\p{L}{4,}/gu)) {
    const start = lineStart + m.index!;
    if (start > lineStart && /[\p{L}\p{N}'’-]/u.test(text[start - 1]!)) continue;
    if (!isUpperStart(m[0][0]!)) return false;
    long++;
  }
  return long >= 3;
}

interface Range {
  start: number;
  end: number;
}

/**
 * Paragraphs: blocks separated by blank lines or a paragraph separator (U+2029), trimmed of surrounding whitespace.
 * A line ends at LF, CRLF or a lone CR (old Mac files), so the three spellings of a blank line give the same
 * paragraphs.
 */
export function findParagraphs(text: string): Range[] {
  const paragraphs: Range[] = [];
  const blank = /(?:\r\n?|\n)[ \t\u00a0]*(?:\r\n?|\n)|\u2029/g;
  let start = 0;
  const push = (s: number, e: number) => {
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (e > s) paragraphs.push({ start: s, end: e });
  };
  for (let m = blank.exec(text); m; m = blank.exec(text)) {
    push(start, m.index);
    start = m.index + m[0].length;
    // Swallow further blank lines so one gap gives one boundary.
    blank.lastIndex = start;
  }
  push(start, text.length);
  return paragraphs;
}

/**
 * Lines of a paragraph that stand alone. A single line break separates sentences (headlines,
 * datelines and list items have no final punctuation) unless the text is hard-wrapped: the line
 * has no final punctuation and the next one starts in lower case.
 */
function findLines(text: string, paragraph: Range): Range[] {
  const lines: Range[] = [];
  let start = paragraph.start;
  for (let i = paragraph.start; i < paragraph.end; i++) {
    if (!isLineBreak(text, i)) continue;
    let e = i;
    while (e > start && isSpace(text.charCodeAt(e - 1))) e--;
    let n = i + 1;
    while (n < paragraph.end && isSpace(text.charCodeAt(n))) n++;
    const last = text[e - 1] ?? '';
    const wrapped = !/[.!?…:;"”’»)\]]/u.test(last) && n < paragraph.end && isLowerStart(text[n]!);
    if (wrapped) continue;
    if (e > start) lines.push({ start, end: e });
    start = n;
    i = n - 1;
  }
  if (paragraph.end > start) lines.push({ start, end: paragraph.end });
  return lines;
}

/** A line ends at LF, at a CR not followed by LF (the LF of a CRLF ends it), or at U+2028 (line separator). */
function isLineBreak(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === 10 || c === 0x2028 || (c === 13 && text.charCodeAt(i + 1) !== 10);
}

/** Sentences inside one line: split after terminators (and their closing quotes) before a capital. */
function splitLine(lexicon: SegmentLexicon, text: string, line: Range, out: Range[]): void {
  let start = line.start;
  let i = line.start;
  while (i < line.end) {
    if (!TERMINATORS.includes(text[i]!)) {
      i++;
      continue;
    }
    const termStart = i;
    while (i < line.end && TERMINATORS.includes(text[i]!)) i++;
    while (i < line.end && CLOSERS.includes(text[i]!)) i++;
    const boundary = i;
    if (boundary >= line.end) break;
    if (!isSpace(text.charCodeAt(boundary))) continue;
    let next = boundary;
    while (next < line.end && isSpace(text.charCodeAt(next))) next++;
    if (next >= line.end) break;
    if (endsSentence(lexicon, text, start, termStart, next, line.start, line.end)) {
      out.push({ start, end: boundary });
      start = next;
    }
    i = next;
  }
  if (line.end > start) out.push({ start, end: line.end });
}

const TOKEN = /(\p{N}+(?:[.,:]\p{N}+)*)|([\p{L}\p{M}\p{N}]+(?:['’\-.][\p{L}\p{M}\p{N}]+)*)|([\p{P}])|(\S)/gu;

/** Splits a text into paragraphs, sentences and tokens with exact offsets. */
export const segmentText: Analysis = {
  id: SEGMENT_TEXT_ID,
  version: '4',
  needs: [],
  emits: ['paragraph', 'sentence', 'token-table'],
  // Cheaper to recompute (about 25 MB/s) than to store: the token table alone is larger than the text.
  persist: false,
  resources: SEGMENT_TEXT_RESOURCES,
  describe: 'Paragraphs, sentences and tokens with exact offsets.',
  run(document: Document, _inputs: AnalysisInputs, context: RunContext): Finding[] {
    const { text } = document;
    const lexicon = segmentLexicon(context.resources);
    const findings: Finding[] = [];
    const paragraphs = findParagraphs(text);
    let sentenceIndex = 0;
    let tokenIndex = 0;
    const initial = Math.max(16, text.length >> 2);
    let starts: Uint32Array = new Uint32Array(initial);
    let ends: Uint32Array = new Uint32Array(initial);
    let types: Uint8Array = new Uint8Array(initial);
    let sentenceOf: Uint32Array = new Uint32Array(initial);
    paragraphs.forEach((paragraph, paragraphIndex) => {
      findings.push({
        id: `p${paragraphIndex + 1}`,
        analysis: SEGMENT_TEXT_ID,
        kind: 'paragraph',
        span: spanAt(text, paragraph.start, paragraph.end),
        data: { index: paragraphIndex },
      });
      const sentences: Range[] = [];
      for (const line of findLines(text, paragraph)) splitLine(lexicon, text, line, sentences);
      for (const sentence of sentences) {
        findings.push({
          id: `s${sentenceIndex + 1}`,
          analysis: SEGMENT_TEXT_ID,
          kind: 'sentence',
          span: spanAt(text, sentence.start, sentence.end),
          data: { index: sentenceIndex, paragraph: paragraphIndex },
        });
        const slice = text.slice(sentence.start, sentence.end);
        TOKEN.lastIndex = 0;
        for (let m = TOKEN.exec(slice); m; m = TOKEN.exec(slice)) {
          if (tokenIndex === starts.length) [starts, ends, types, sentenceOf] = grow(starts, ends, types, sentenceOf);
          const start = sentence.start + m.index;
          starts[tokenIndex] = start;
          ends[tokenIndex] = start + m[0].length;
          types[tokenIndex] = m[1] ? 1 : m[2] ? 0 : m[3] ? 2 : 3;
          sentenceOf[tokenIndex] = sentenceIndex;
          tokenIndex++;
        }
        sentenceIndex++;
      }
    });
    findings.push({
      id: 'tokens',
      analysis: SEGMENT_TEXT_ID,
      kind: 'token-table',
      span: spanAt(text, 0, text.length),
      data: { count: tokenIndex, starts: starts.subarray(0, tokenIndex), ends: ends.subarray(0, tokenIndex), types: types.subarray(0, tokenIndex), sentences: sentenceOf.subarray(0, tokenIndex) },
    });
    return findings;
  },
};

function grow(starts: Uint32Array, ends: Uint32Array, types: Uint8Array, sentences: Uint32Array): [Uint32Array, Uint32Array, Uint8Array, Uint32Array] {
  const size = starts.length * 2;
  const copy = <T extends Uint32Array | Uint8Array>(from: T, to: T): T => {
    to.set(from);
    return to;
  };
  return [copy(starts, new Uint32Array(size)), copy(ends, new Uint32Array(size)), copy(types, new Uint8Array(size)), copy(sentences, new Uint32Array(size))];
}
