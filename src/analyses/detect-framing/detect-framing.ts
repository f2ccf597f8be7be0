import type { FramingMarkJson, FramingProfileJson } from '../../api/analysis-json.js';
import type { Analysis, AnalysisInputs, RunContext } from '../../core/analysis.js';
import type { Document } from '../../core/document.js';
import { findingsOfKind, type Finding } from '../../core/finding.js';
import { createRecordIds } from '../../core/record-id.js';
import { spanAt } from '../../core/span.js';
import { EXTRACT_QUOTES_ID } from '../extract-quotes/extract-quotes.js';
import { SEGMENT_TEXT_ID } from '../segment-text/segment-text.js';
import { framingLexicon, type FramingCategory, type FramingLexicon, type LexiconEntry, type WordRole } from './lexicon.js';
import { framingProfile, type QuoteCue } from './profile.js';
import { DETECT_FRAMING_RESOURCES } from './resource-ids.js';

export type FramingMarkData = Omit<FramingMarkJson, 'id' | 'analysis' | 'reason' | 'evidence'>;

declare module '../../core/finding.js' {
  interface FindingDataMap {
    'framing-mark': FramingMarkData;
    /** One per document, on the empty span at 0: served as the top-level `framingProfile`. */
    'framing-profile': FramingProfileJson;
  }
}

export const DETECT_FRAMING_ID = 'detect-framing';

interface Range {
  readonly start: number;
  readonly end: number;
}

/** The words of the text: offsets and lower-case forms (a possessive `'s` dropped). */
interface Words {
  readonly count: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly lower: string[];
  readonly capital: Uint8Array;
  /** Index of the sentence each word is in. */
  readonly sentence: Int32Array;
}

const WORD = /[\p{L}\p{N}]+(?:[’'\-][\p{L}\p{N}]+)*/gu;
const CAPITAL = /^\p{Lu}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Letter or digit: ASCII by code, anything else by the Unicode classes. */
function isWordChar(code: number, text: string, i: number): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  return LETTER_OR_DIGIT.test(text[i]!);
}

/**
 * Words as WORD matches them (letters and digits, joined by an apostrophe or hyphen), scanned by
 * character code: the text is long and this runs once per document.
 */
function scanWords(text: string, sentences: readonly Range[]): Words {
  // About one word per six characters in news text; the arrays double when a text has more.
  let max = Math.ceil(text.length / 6) + 16;
  let starts = new Int32Array(max);
  let ends = new Int32Array(max);
  let capital = new Uint8Array(max);
  let sentence = new Int32Array(max);
  const lower: string[] = [];
  let n = 0;
  let s = 0;
  const length = text.length;
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (!isWordChar(code, text, i)) {
      i++;
      continue;
    }
    const start = i;
    i++;
    for (;;) {
      while (i < length && isWordChar(text.charCodeAt(i), text, i)) i++;
      const joiner = text.charCodeAt(i);
      if ((joiner === 0x2019 || joiner === 0x27 || joiner === 0x2d) && i + 1 < length && isWordChar(text.charCodeAt(i + 1), text, i + 1)) {
        i += 2;
        continue;
      }
      break;
    }
    let end = i;
    const last = text.charCodeAt(end - 1);
    if (end - start > 2 && (last === 115 || last === 83)) {
      const apostrophe = text.charCodeAt(end - 2);
      if (apostrophe === 0x2019 || apostrophe === 0x27) end -= 2;
    }
    while (s < sentences.length - 1 && sentences[s]!.end <= start) s++;
    const word = text.slice(start, end);
    const low = word.toLowerCase();
    if (n === max) {
      max *= 2;
      const grow = <T extends Int32Array | Uint8Array>(a: T, b: T): T => (b.set(a), b);
      starts = grow(starts, new Int32Array(max));
      ends = grow(ends, new Int32Array(max));
      capital = grow(capital, new Uint8Array(max));
      sentence = grow(sentence, new Int32Array(max));
    }
    starts[n] = start;
    ends[n] = end;
    capital[n] = low.charCodeAt(0) !== word.charCodeAt(0) ? 1 : 0;
    sentence[n] = s;
    lower.push(low);
    n++;
  }
  return { count: n, starts, ends, lower, capital, sentence };
}

/** Sorted, non-overlapping ranges; `inside` walks forward, so positions must be asked in order. */
function rangeCursor(ranges: readonly Range[]): (position: number) => boolean {
  let k = 0;
  return (position) => {
    while (k < ranges.length && ranges[k]!.end <= position) k++;
    return k < ranges.length && ranges[k]!.start <= position;
  };
}

function insideAny(ranges: readonly Range[], position: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid]!;
    if (position < r.start) hi = mid - 1;
    else if (position >= r.end) lo = mid + 1;
    else return true;
  }
  return false;
}

interface Draft {
  start: number;
  end: number;
  category: FramingCategory;
  quoted: boolean;
  note: string;
  reason: string;
}

function matches(words: Words, i: number, phrase: readonly string[]): boolean {
  if (i + phrase.length > words.count) return false;
  for (let k = 1; k < phrase.length; k++) {
    if (words.lower[i + k] !== phrase[k]) return false;
    // A phrase does not run over a sentence end.
    if (words.sentence[i + k] !== words.sentence[i]) return false;
  }
  return true;
}

/**
 * A word written like part of a name in running text ("Ms Crook", "Michael Savage"): capitalised
 * after a capitalised word, not at a sentence start or in a headline. A capitalised epithet after a
 * lower-case word ("called him Crooked Joe") is still a label.
 */
function looksLikeName(words: Words, i: number, headline: readonly boolean[]): boolean {
  if (!words.capital[i]) return false;
  const first = i === 0 || words.sentence[i - 1] !== words.sentence[i];
  return !first && !headline[words.sentence[i]!] && words.capital[i - 1] === 1;
}

function blocked(lex: FramingLexicon, words: Words, i: number, length: number, term: string): boolean {
  const before = lex.blockBefore.get(term);
  if (before && i > 0 && words.sentence[i - 1] === words.sentence[i] && before.has(words.lower[i - 1]!)) return true;
  const after = lex.blockAfter.get(term);
  if (after) {
    for (let k = i + length; k < Math.min(words.count, i + length + 3); k++) {
      if (words.sentence[k] !== words.sentence[i]) break;
      if (after.has(words.lower[k]!)) return true;
    }
  }
  return false;
}

/** Sentences written in title case, as headlines are: capitalised words there are not names. */
function headlines(words: Words, sentenceCount: number): boolean[] {
  const long = new Array<number>(sentenceCount).fill(0);
  const capitalised = new Array<number>(sentenceCount).fill(0);
  for (let i = 0; i < words.count; i++) {
    if (words.lower[i]!.length <= 3) continue;
    long[words.sentence[i]!]!++;
    if (words.capital[i]) capitalised[words.sentence[i]!]!++;
  }
  return long.map((n, s) => n >= 2 && capitalised[s]! / n >= 0.6);
}

/** "the worst crisis in its history", "the most corrupt government", with no attribution in the sentence. */
function superlativeAt(lex: FramingLexicon, words: Words, i: number): { end: number; word: string } | null {
  if (!lex.determiners.has(words.lower[i]!) || i + 1 >= words.count) return null;
  const same = (k: number): boolean => k < words.count && words.sentence[k] === words.sentence[i];
  let j = i + 1;
  let word = words.lower[j]!;
  let evaluative = lex.evaluativeSuperlatives.has(word);
  let superlative = evaluative;
  if (lex.superlativeAdverbs.has(word) && same(j + 1)) {
    j++;
    word = `${word} ${words.lower[j]!}`;
    superlative = !lex.functionWords.has(words.lower[j]!);
    evaluative = lex.loadedAdjectives.has(words.lower[j]!);
  } else if (!superlative) {
    superlative = word.length >= 5 && word.endsWith('est') && !lex.notSuperlatives.has(word) && !words.capital[j];
  }
  if (!superlative) return null;
  let end = j;
  if (same(j + 1) && !lex.functionWords.has(words.lower[j + 1]!) && !lex.superlativeAdverbs.has(words.lower[j + 1]!)) end = j + 1;
  let scoped = false;
  for (let k = end + 1; k <= end + 4 && same(k); k++) {
    const scope = lex.scopes.find((phrase) => phrase[0] === words.lower[k] && matches(words, k, phrase));
    if (scope) {
      end = k + scope.length - 1;
      scoped = true;
      break;
    }
  }
  if (!evaluative && !scoped) return null;
  return { end, word };
}

const SCARE_QUOTE = /“([^“”\n]{1,60})”|"([^"\n]{1,60})"|‘([^‘’\n]{1,60})’(?![\p{L}])/gu;
const SENTENCE_INSIDE = /[.!?,;:]$|[.!?]\s/u;

/**
 * Quotation marks around a short phrase that nobody is quoted as saying: the writer's irony
 * (`the “reforms”`). Speech, titles and names in quotation marks, and phrases after a naming verb
 * ("what he called “a witch hunt”") are someone's words, not the writer's.
 */
function scareQuotes(lex: FramingLexicon, text: string, words: Words, quoteRanges: readonly Range[]): { scare: Range[]; named: Range[] } {
  const out: Range[] = [];
  const named: Range[] = [];
  SCARE_QUOTE.lastIndex = 0;
  let w = 0;
  for (let m = SCARE_QUOTE.exec(text); m !== null; m = SCARE_QUOTE.exec(text)) {
    const open = m.index;
    const close = open + m[0].length;
    const inner = (m[1] ?? m[2] ?? m[3])!.trim();
    if (insideAny(quoteRanges, open + 1)) continue;
    const innerWords = inner.match(WORD) ?? [];
    if (innerWords.length === 0 || innerWords.length > 4 || SENTENCE_INSIDE.test(inner)) continue;
    if (innerWords.every((x) => CAPITAL.test(x))) continue;
    while (w < words.count && words.starts[w]! < open) w++;
    let naming = false;
    for (let k = Math.max(0, w - 3); k < w; k++) {
      if (lex.namingCues.has(words.lower[k]!) || lex.attribution.some((p) => p.length === 1 && p[0] === words.lower[k])) naming = true;
    }
    const lead = text.slice(Math.max(0, open - 3), open).trimEnd();
    if (naming || lead.endsWith(':')) named.push({ start: open, end: close });
    else out.push({ start: open, end: close });
  }
  return { scare: out, named };
}

function detect(document: Document, inputs: AnalysisInputs, context: RunContext): Finding[] {
  const text = document.text;
  const lex = framingLexicon(context.resources);
  const sentenceFindings = findingsOfKind(inputs[SEGMENT_TEXT_ID] ?? [], 'sentence');
  const sentences: Range[] = sentenceFindings.map((f) => ({ start: f.span.start, end: f.span.end }));
  if (sentences.length === 0) sentences.push({ start: 0, end: text.length });
  const quotes = findingsOfKind(inputs[EXTRACT_QUOTES_ID] ?? [], 'quote');
  const quoteRanges: Range[] = quotes
    .flatMap((q) => q.data.contents.map((c) => ({ start: c.start, end: c.end })))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const wholeQuotes: Range[] = quotes.map((q) => ({ start: q.span.start, end: q.span.end })).sort((a, b) => a.start - b.start || a.end - b.end);
  const words = scanWords(text, sentences);
  const headline = headlines(words, sentences.length);
  // One look-up per word: what it can start, and whether its sentence attributes what it says.
  const roles = new Array<WordRole | undefined>(words.count);
  const attributed = new Array<boolean>(sentences.length).fill(false);
  for (let i = 0; i < words.count; i++) {
    const role = lex.roles.get(words.lower[i]!);
    if (role === undefined) continue;
    roles[i] = role;
    if (role.attribution.length > 0 && role.attribution.some((p) => matches(words, i, p))) attributed[words.sentence[i]!] = true;
  }
  const drafts: Draft[] = [];
  // A short phrase in quotation marks after a naming verb ("what he called “a witch hunt”") is someone's words.
  const { scare, named } = scareQuotes(lex, text, words, wholeQuotes);
  const quoted = rangeCursor(mergeRanges([...quoteRanges, ...named].sort((a, b) => a.start - b.start || a.end - b.end)));
  let coveredUntil = -1;
  for (let i = 0; i < words.count; i++) {
    const role = roles[i];
    if (role === undefined) continue;
    const inQuote = quoted(words.starts[i]!);
    if (role.determiner && !inQuote && !attributed[words.sentence[i]!]) {
      const sup = superlativeAt(lex, words, i);
      if (sup) {
        drafts.push({
          start: words.starts[i]!,
          end: words.ends[sup.end]!,
          category: 'unsourced-superlative',
          quoted: false,
          note: 'a sweeping superlative the writer states without a source',
          reason: `rule/unsourced-superlative/${sup.word}`,
        });
      }
    }
    if (i < coveredUntil) continue;
    const entry: LexiconEntry | undefined = role.entries.find((e) => matches(words, i, e.words));
    if (!entry) continue;
    const last = i + entry.words.length - 1;
    if (entry.words.length === 1 && looksLikeName(words, i, headline)) continue;
    if (blocked(lex, words, i, entry.words.length, entry.words.join(' '))) continue;
    drafts.push({ start: words.starts[i]!, end: words.ends[last]!, category: entry.category, quoted: inQuote, note: entry.note, reason: entry.reason });
    coveredUntil = last + 1;
  }
  const quotedScare = rangeCursor(mergeRanges(quoteRanges));
  for (const range of scare) {
    drafts.push({
      start: range.start,
      end: range.end,
      category: 'scare-quote',
      quoted: quotedScare(range.start),
      note: 'quotation marks that distance the writer from the words, with no one quoted',
      reason: 'rule/scare-quote',
    });
  }
  drafts.sort((a, b) => a.start - b.start || a.end - b.end || (a.reason < b.reason ? -1 : 1));
  const nextId = createRecordIds();
  const marks: Finding<'framing-mark'>[] = drafts.map((d) => {
    const span = spanAt(document, d.start, d.end);
    return {
      id: nextId('fm', span),
      analysis: DETECT_FRAMING_ID,
      kind: 'framing-mark',
      span,
      data: { span: { start: span.start, end: span.end, text: span.text }, category: d.category, voice: d.quoted ? 'quoted' : 'author', note: d.note },
      basis: 'stated',
      reason: d.reason,
    };
  });
  const cues: QuoteCue[] = quotes
    .filter((q) => q.data.cue !== null)
    .map((q) => ({ id: q.id, speaker: q.data.speaker?.name ?? null, entityId: q.data.speaker?.entityId ?? null, lemma: q.data.cue!.lemma, stance: q.data.cue!.stance }));
  const profile = framingProfile(marks, sentences, cues);
  const profileSpan = spanAt(document, 0, 0);
  return [
    ...marks,
    {
      id: nextId('fp', profileSpan),
      analysis: DETECT_FRAMING_ID,
      kind: 'framing-profile',
      span: profileSpan,
      data: profile,
      basis: 'inferred',
      reason: 'profile/author-marks-and-cue-stances',
    },
  ];
}

function mergeRanges(ranges: readonly Range[]): Range[] {
  const out: Range[] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) out[out.length - 1] = { start: last.start, end: Math.max(last.end, r.end) };
    else out.push({ start: r.start, end: r.end });
  }
  return out;
}

/** The writer's framing marks, told apart from quoted voices, and a framing profile per document. */
export const detectFraming: Analysis = {
  id: DETECT_FRAMING_ID,
  version: '3',
  needs: [SEGMENT_TEXT_ID],
  uses: [EXTRACT_QUOTES_ID],
  emits: ['framing-mark', 'framing-profile'],
  resources: DETECT_FRAMING_RESOURCES,
  describe: "Framing marks (evaluative adverbs, loaded labels, factive cues, certainty, unsourced superlatives, intensifiers, hedges, scare quotes) in the writer's or a quoted voice, and a framing profile per document.",
  run: detect,
};
