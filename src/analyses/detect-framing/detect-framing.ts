import type { FramingMarkJson, FramingProfileJson } from '../../api/analysis-json.js';
import type { Analysis, AnalysisInputs, RunContext } from '../../core/analysis.js';
import type { Document } from '../../core/document.js';
import { findingsOfKind, type Finding } from '../../core/finding.js';
import { createRecordIds } from '../../core/record-id.js';
import { spanAt } from '../../core/span.js';
import { EXTRACT_QUOTES_ID } from '../extract-quotes/extract-quotes.js';
import { SEGMENT_TEXT_ID } from '../segment-text/segment-text.js';
import { framingLexicon, SIDE_PART, SIDE_WORD, SUPERLATIVE_ADVERB, SUPERLATIVE_WORD, type FramingCategory, type FramingLexicon, type LexiconEntry, type WordRole } from './lexicon.js';
import { framingProfile, type QuoteCue } from './profile.js';
import { DETECT_FRAMING_RESOURCES, FRAMING_CLUSTERS, FRAMING_MODEL, FRAMING_PLAIN_WORDS, type FramingModel, type PlainWords } from './resource-ids.js';
import { tagSpans, type FramingClusters, type LoadedSpanModel, type SpanInput } from './span-model.js';
import { resourceValue } from '../../core/resources.js';
import { DETECT_ENTITIES_ID } from '../detect-entities/detect-entities.js';
import { CAPITAL, scanWords, WORD, type Tokens, type Words } from './words.js';
import { lastAtOrBefore } from '../../core/search.js';

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

export interface Draft {
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
    // The length first: most words differ in it, and it needs no lower-case string.
    if (words.lowerLength(i + k) !== phrase[k]!.length || words.lower(i + k) !== phrase[k]) return false;
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

function attributedAt(words: Words, i: number, role: WordRole): boolean {
  const list = role.attribution;
  for (let k = 0; k < list.length; k++) if (matches(words, i, list[k]!)) return true;
  return false;
}

/** The first (longest) entry of a word's role that matches at `i`. */
function entryAt(words: Words, i: number, role: WordRole): LexiconEntry | undefined {
  const list = role.entries;
  for (let k = 0; k < list.length; k++) if (matches(words, i, list[k]!.words)) return list[k];
  return undefined;
}

function blocked(lex: FramingLexicon, words: Words, i: number, length: number, term: string): boolean {
  const before = lex.blockBefore.get(term);
  if (before && i > 0 && words.sentence[i - 1] === words.sentence[i] && before.has(words.lower(i - 1))) return true;
  const after = lex.blockAfter.get(term);
  if (after) {
    for (let k = i + length; k < Math.min(words.count, i + length + 3); k++) {
      if (words.sentence[k] !== words.sentence[i]) break;
      if (after.has(words.lower(k))) return true;
    }
  }
  return false;
}

/** Sentences written in title case, as headlines are: capitalised words there are not names. */
function headlines(words: Words, sentenceCount: number): boolean[] {
  const long = new Array<number>(sentenceCount).fill(0);
  const capitalised = new Array<number>(sentenceCount).fill(0);
  for (let i = 0; i < words.count; i++) {
    if (words.lowerLength(i) <= 3) continue;
    long[words.sentence[i]!]!++;
    if (words.capital[i]) capitalised[words.sentence[i]!]!++;
  }
  return long.map((n, s) => n >= 2 && capitalised[s]! / n >= 0.6);
}

/** "the worst crisis in its history", "the most corrupt government", with no attribution in the sentence. */
/** Whether a possessive `'s` or `’s` follows position `at` (the word scan leaves it out of the word). */
function possessive(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  const s = text.charCodeAt(at + 1);
  return (c === 0x2019 || c === 0x27) && (s === 115 || s === 83);
}

/** Whether word `j` could open a superlative: a listed superlative or adverb, or a word ending in `est` (no string made). */
function superlativeCandidate(lex: FramingLexicon, text: string, words: Words, j: number): boolean {
  if ((lex.wordFlags[words.code[j]!]! & (SUPERLATIVE_WORD | SUPERLATIVE_ADVERB)) !== 0) return true;
  const end = words.ends[j]!;
  if (words.lowerLength(j) < 5) return false;
  return (text.charCodeAt(end - 3) | 32) === 101 && (text.charCodeAt(end - 2) | 32) === 115 && (text.charCodeAt(end - 1) | 32) === 116;
}

/** At a determiner (the scan calls it only there): a superlative phrase starting at `i`. */
function superlativeAt(lex: FramingLexicon, text: string, words: Words, i: number): { end: number; word: string } | null {
  if (i + 1 >= words.count || !superlativeCandidate(lex, text, words, i + 1)) return null;
  const same = (k: number): boolean => k < words.count && words.sentence[k] === words.sentence[i];
  let j = i + 1;
  let word = words.lower(j);
  let evaluative = lex.evaluativeSuperlatives.has(word);
  let superlative = evaluative;
  if (lex.superlativeAdverbs.has(word) && same(j + 1)) {
    j++;
    word = `${word} ${words.lower(j)}`;
    superlative = !lex.functionWords.has(words.lower(j));
    evaluative = lex.loadedAdjectives.has(words.lower(j));
  } else if (!superlative) {
    superlative = word.length >= 5 && word.endsWith('est') && !lex.notSuperlatives.has(word) && !words.capital[j];
  }
  if (!superlative) return null;
  let end = j;
  if (same(j + 1) && !lex.functionWords.has(words.lower(j + 1)) && !lex.superlativeAdverbs.has(words.lower(j + 1))) end = j + 1;
  let scoped = false;
  for (let k = end + 1; k <= end + 4 && same(k); k++) {
    const scope = lex.scopes.find((phrase) => phrase[0] === words.lower(k) && matches(words, k, phrase));
    if (scope) {
      end = k + scope.length - 1;
      scoped = true;
      break;
    }
    // "in the port's history", "in Britain's history": `in`, up to two words ending in a possessive, a scope noun.
    if (words.lower(k) === 'in') {
      for (let h = k + 2; h <= k + 3 && same(h); h++) {
        if (lex.possessiveScopes.has(words.lower(h)) && possessive(text, words.ends[h - 1]!)) {
          end = h;
          scoped = true;
          break;
        }
      }
      if (scoped) break;
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
      if (lex.namingCues.has(words.lower(k)) || lex.attribution.some((p) => p.length === 1 && p[0] === words.lower(k))) naming = true;
    }
    const lead = text.slice(Math.max(0, open - 3), open).trimEnd();
    if (naming || lead.endsWith(':')) named.push({ start: open, end: close });
    else out.push({ start: open, end: close });
  }
  return { scare: out, named };
}

/** What the lexicon scan finds in a document: its words and sentences, the table and rule marks, the quoted ranges. */
export interface FramingScan {
  readonly text: string;
  readonly sentences: readonly Range[];
  readonly words: Words;
  readonly headline: readonly boolean[];
  readonly drafts: readonly Draft[];
  /** Quote contents and phrases after a naming verb, merged: the speakers' words. */
  readonly quoted: readonly Range[];
  /** Quote contents alone, merged. */
  readonly quoteContents: readonly Range[];
}

/**
 * The lexicon and rule marks of a document, before the span model. With `reuse` the word arrays are
 * buffers kept for the next call (`scanWords`): only for a scan that is dropped before the next one.
 */
export function scanFraming(document: Document, inputs: AnalysisInputs, context: RunContext, reuse = false): FramingScan {
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
  const words = scanWords(text, sentences, lex.vocabulary, reuse);
  const headline = headlines(words, sentences.length);
  // One look-up per word: what it can start, and whether its sentence attributes what it says.
  const { roleById } = lex;
  const code = words.code;
  const attributed = new Uint8Array(sentences.length);
  for (let i = 0; i < words.count; i++) {
    const c = code[i]!;
    if (c === 0) continue;
    const role = roleById[c];
    if (role !== undefined && role.attribution.length > 0 && attributedAt(words, i, role)) attributed[words.sentence[i]!] = 1;
  }
  const drafts: Draft[] = [];
  // A short phrase in quotation marks after a naming verb ("what he called “a witch hunt”") is someone's words.
  const { scare, named } = scareQuotes(lex, text, words, wholeQuotes);
  const quotedRanges = mergeRanges([...quoteRanges, ...named].sort((a, b) => a.start - b.start || a.end - b.end));
  const quoted = rangeCursor(quotedRanges);
  let coveredUntil = -1;
  for (let i = 0; i < words.count; i++) {
    const c = code[i]!;
    if (c === 0) continue;
    const role = roleById[c];
    if (role === undefined) continue;
    const inQuote = quoted(words.starts[i]!);
    if (role.determiner && !inQuote && !attributed[words.sentence[i]!]) {
      const sup = superlativeAt(lex, text, words, i);
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
    const entry = entryAt(words, i, role);
    if (entry === undefined) continue;
    const last = i + entry.words.length - 1;
    if (entry.words.length === 1 && looksLikeName(words, i, headline)) continue;
    if (blocked(lex, words, i, entry.words.length, entry.words.join(' '))) continue;
    drafts.push({ start: words.starts[i]!, end: words.ends[last]!, category: entry.category, quoted: inQuote, note: entry.note, reason: entry.reason });
    coveredUntil = last + 1;
  }
  const quoteContents = mergeRanges(quoteRanges);
  const quotedScare = rangeCursor(quoteContents);
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
  return { text, sentences, words, headline, drafts, quoted: quotedRanges, quoteContents };
}

/**
 * The span model's input of a scanned document: its tokens, and per token the mark on it, its voice,
 * and whether it names a side. A side is a run of words in one sentence, read as one token: the words
 * of an entity mention from detect-entities (when it ran), a capitalised word inside running text (a
 * name the entity model missed), a word of the side-word class (`police`, `protesters`, `bishop`), and
 * the side-part words written next to them (`secular society`, `police station`, `protest camp`). So
 * `the capital` and `the rebel province` give the model the same sequence, whatever the length of the
 * side's name. Every other word is a token of its own.
 */
export function spanInputOf(scan: FramingScan, inputs: AnalysisInputs, lex: Pick<FramingLexicon, 'wordFlags'>, reuse = false): SpanInput {
  const { words } = scan;
  const n = words.count;
  if (scratchMark.length < n) {
    scratchMark = new Uint8Array(2 * n + 64);
    scratchSide = new Uint8Array(2 * n + 64);
  }
  // Per word (not token), used only here: reused from one document to the next.
  const wordMark = scratchMark;
  wordMark.fill(0, 0, n);
  const markRanges = scan.drafts.map((d) => ({ start: d.start, end: d.end, code: 2 * (CATEGORY_INDEX.get(d.category)! + 1) }));
  let k = 0;
  for (let i = 0; i < n; i++) {
    const start = words.starts[i]!;
    while (k < markRanges.length && markRanges[k]!.end <= start) k++;
    // Drafts are sorted by start; the first that covers the word gives its code.
    for (let j = k; j < markRanges.length && markRanges[j]!.start <= start; j++) {
      const r = markRanges[j]!;
      if (r.end > start) {
        wordMark[i] = r.code + (r.start >= (i > 0 ? words.ends[i - 1]! : 0) ? 1 : 0);
        break;
      }
    }
  }
  const mentions = findingsOfKind(inputs[DETECT_ENTITIES_ID] ?? [], 'entity-mention')
    .map((m) => ({ start: m.span.start, end: m.span.end }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const names = mergeRanges(mentions);
  let nameAt = 0;
  const side = scratchSide;
  const flags = lex.wordFlags;
  for (let i = 0; i < n; i++) {
    // The mention at or after the word's start (words come in order): `rangeCursor`, written out.
    const at = words.starts[i]!;
    while (nameAt < names.length && names[nameAt]!.end <= at) nameAt++;
    const inName = nameAt < names.length && names[nameAt]!.start <= at;
    const first = i === 0 || words.sentence[i - 1] !== words.sentence[i];
    // A word the tables mark is wording, not a name, even written with a capital or taken into an entity
    // mention (`Crooked` in `Crooked Joe`, which the entity model may read as part of the name or not,
    // depending on the name): the model reads the word, and only the name is masked. Whether a word is
    // masked so depends on the word alone, never on whom it is aimed at or how far a mention reaches. A
    // side word stays a side.
    const epithet = wordMark[i] !== 0;
    const capitalName = words.capital[i] === 1 && !first && !scan.headline[words.sentence[i]!];
    side[i] = (!epithet && (inName || capitalName)) || (flags[words.code[i]!]! & SIDE_WORD) !== 0 ? 1 : 0;
  }
  // Side parts next to a side, in either direction, within the sentence.
  for (let i = 1; i < n; i++) {
    if (!side[i] && side[i - 1] && words.sentence[i - 1] === words.sentence[i] && (flags[words.code[i]!]! & SIDE_PART) !== 0) side[i] = 1;
  }
  for (let i = n - 2; i >= 0; i--) {
    if (!side[i] && side[i + 1] && words.sentence[i + 1] === words.sentence[i] && (flags[words.code[i]!]! & SIDE_PART) !== 0) side[i] = 1;
  }
  const inQuote = rangeCursor(scan.quoteContents);
  // With `reuse` (an input that does not outlive the caller's document) the arrays are views of buffers
  // kept from one document to the next: a typed array of a few kilobytes has its own backing store,
  // whose allocation costs more than filling it. Every place of the views is written below.
  const pool = reuse ? inputPool(n) : undefined;
  const firstWord = pool ? pool.firstWord : new Int32Array(n + 1);
  const starts = pool ? pool.starts : new Int32Array(n);
  const ends = pool ? pool.ends : new Int32Array(n);
  const capital = pool ? pool.capital : new Uint8Array(n);
  const sentence = pool ? pool.sentence : new Int32Array(n);
  const mark = pool ? pool.mark : new Uint8Array(n);
  const quoted = pool ? pool.quoted : new Uint8Array(n);
  const name = pool ? pool.name : new Uint8Array(n);
  const lowerKey = pool ? pool.lowerKey : new Uint32Array(n);
  let t = 0;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    if (side[i]) while (j < n && side[j] && words.sentence[j] === words.sentence[i]) j++;
    firstWord[t] = i;
    starts[t] = words.starts[i]!;
    ends[t] = words.ends[j - 1]!;
    capital[t] = words.capital[i]!;
    sentence[t] = words.sentence[i]!;
    let m = 0;
    for (let w = i; w < j && m === 0; w++) m = wordMark[w]!;
    mark[t] = m;
    quoted[t] = inQuote(words.starts[i]!) ? 1 : 0;
    name[t] = side[i]!;
    lowerKey[t] = words.lowerKey[i]!;
    t++;
    i = j;
  }
  firstWord[t] = n;
  const tokens: Tokens = { count: t, starts: starts.subarray(0, t), ends: ends.subarray(0, t), capital: capital.subarray(0, t), sentence: sentence.subarray(0, t), lowerKey: lowerKey.subarray(0, t) };
  return { text: scan.text, words: tokens, firstWord: firstWord.subarray(0, t + 1), mark: mark.subarray(0, t), quoted: quoted.subarray(0, t), name: name.subarray(0, t), headline: scan.headline };
}

interface InputArrays {
  readonly firstWord: Int32Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly capital: Uint8Array;
  readonly sentence: Int32Array;
  readonly mark: Uint8Array;
  readonly quoted: Uint8Array;
  readonly name: Uint8Array;
  readonly lowerKey: Uint32Array;
}

let pooledInput: InputArrays | undefined;

/** Arrays for a span input of up to `n` tokens, kept for the next document (`spanInputOf` with `reuse`). */
function inputPool(n: number): InputArrays {
  if (pooledInput === undefined || pooledInput.starts.length < n) {
    const size = 2 * n + 64;
    pooledInput = {
      firstWord: new Int32Array(size + 1),
      starts: new Int32Array(size),
      ends: new Int32Array(size),
      capital: new Uint8Array(size),
      sentence: new Int32Array(size),
      mark: new Uint8Array(size),
      quoted: new Uint8Array(size),
      name: new Uint8Array(size),
      lowerKey: new Uint32Array(size),
    };
  }
  return pooledInput;
}

let scratchMark = new Uint8Array(0);
let scratchSide = new Uint8Array(0);

const CATEGORY_INDEX = new Map<FramingCategory, number>(
  (['evaluative-adverb', 'loaded-label', 'factive-cue', 'certainty-marker', 'unsourced-superlative', 'intensifier', 'hedge', 'scare-quote'] as const).map((c, i) => [c, i]),
);

/** The last token of `tokens` that starts at or before `position` (-1 when none). */
function tokenAt(tokens: Tokens, position: number): number {
  const starts = tokens.starts;
  return lastAtOrBefore(tokens.count, (i) => starts[i]!, position);
}

/** Whether the gap between a label and a side joins them into one noun phrase: nothing, a space or a hyphen. */
function joins(text: string, from: number, to: number): boolean {
  if (to - from > 1) return false;
  if (to === from) return true;
  const c = text.charCodeAt(from);
  return c === 32 || c === 9 || c === 0xa0 || c === 45;
}

/**
 * The side a loaded label is aimed at: the side (a run of words naming a person, a group, a party, a
 * country: one token of the span model's input) written right after the label (`Crooked Joe`, `the
 * thug police`, `smeared Brown`), in the same sentence, joined by a space or a hyphen only. For a
 * label of the tables (nouns and adjectives for people and groups) also one written right before it
 * (`the Assad regime`, `police thugs`); not for a model phrase, which may be a verb whose subject
 * stands before it (`the marchers shocked`). The label's own span stays on the wording; the target
 * says whom it is aimed at. Which words are a side depends on the words alone (decision 0055), so a
 * mirrored pair gets a target on both members or on neither.
 */
export function labelTarget(input: SpanInput, start: number, end: number, before: boolean): Range | null {
  const tokens = input.words;
  const { name, text } = input;
  const last = tokenAt(tokens, end - 1);
  if (last < 0 || name[last]) return null;
  if (tokens.ends[last] === end) {
    const next = last + 1;
    if (next < tokens.count && name[next] && tokens.sentence[next] === tokens.sentence[last] && joins(text, end, tokens.starts[next]!)) {
      return { start: tokens.starts[next]!, end: tokens.ends[next]! };
    }
  }
  if (!before) return null;
  const first = tokenAt(tokens, start);
  if (first < 0 || tokens.starts[first] !== start || name[first]) return null;
  const previous = first - 1;
  if (previous >= 0 && name[previous] && tokens.sentence[previous] === tokens.sentence[first] && joins(text, tokens.ends[previous]!, start)) {
    return { start: tokens.starts[previous]!, end: tokens.ends[previous]! };
  }
  return null;
}

/** The target of a mark: for a loaded label, the side next to it (`labelTarget`), else none. */
export function targetOf(input: SpanInput, draft: Draft): Range | null {
  return draft.category === 'loaded-label' ? labelTarget(input, draft.start, draft.end, draft.reason !== MODEL_REASON) : null;
}

/** The characters a mark covers with its target, as one range: the label with whom it names (`Crooked Joe`). */
export function withTarget(input: SpanInput, draft: Draft): Range {
  const target = targetOf(input, draft);
  return target ? { start: Math.min(draft.start, target.start), end: Math.max(draft.end, target.end) } : { start: draft.start, end: draft.end };
}

/**
 * Word ranges of the span model as marks, each cut where the voice changes (writer's words, a quote's).
 * Left out: a phrase of function words, pronouns, auxiliaries
 * and modals only (what is left of `War and Peace` once the names are cut out; `could`), a single
 * capitalised word (`Nobody` opening a quote), and a phrase inside a table or rule mark (`It is no
 * secret` inside `It is no secret that`), which tells the reader nothing more, a phrase in the writer's
 * voice that holds a digit (`$639m year-earlier`, `despatched 15-0`): a figure is extract-figures' record,
 * and the model's phrases around figures are seldom framing (decision 0092), and a phrase that is a whole
 * clause of a quote (`wholeQuotedClause`, decision 0099), and a phrase whose content words are all
 * `plain` (word keys that PTC's training articles hold inside propaganda spans less often than the
 * threshold chosen by cross-validation: `stall`, `inspection`; decision 0127; and words they never hold
 * that are frequent in unlabelled news text, `screensaver`, `fortnight`, decision 0133). A phrase takes the
 * category of the first table or rule mark inside it, else `loaded-label`, and the voice of its place:
 * in a quote's content or a phrase after a naming verb, the speaker's.
 */
export function phraseDrafts(scan: FramingScan, spans: readonly { start: number; end: number }[], lex: FramingLexicon, plain: PlainWords = NO_PLAIN_WORDS, vocabulary: ReadonlyMap<number, number> = NO_VOCABULARY): Draft[] {
  const { words, drafts } = scan;
  if (spans.length === 0) return [];
  const inQuote = rangeCursor(scan.quoted);
  // A mark speaks in one voice: a phrase that runs from the writer's words into a quote's is cut where
  // the voice changes. A phrase that holds a quotation mark without its partner (`to “madness`, the
  // mark closing after it) is cut at its quotation marks: the quoted words are a phrase of their own.
  // Each piece is judged on its own.
  const { text } = scan;
  const pieces: { start: number; end: number }[] = [];
  for (const span of spans) {
    let from = span.start;
    let voice = inQuote(words.starts[from]!);
    const cutAtMarks = !balancedQuotes(text, words.ends[span.start]!, words.starts[span.end - 1]!);
    for (let i = span.start + 1; i < span.end; i++) {
      const v = inQuote(words.starts[i]!);
      if (v !== voice || (cutAtMarks && quotationMarkIn(text, words.ends[i - 1]!, words.starts[i]!))) {
        pieces.push({ start: from, end: i });
        from = i;
        voice = v;
      }
    }
    pieces.push({ start: from, end: span.end });
  }
  const voiceOf = rangeCursor(scan.quoted);
  const out: Draft[] = [];
  let k = 0;
  for (const span of pieces) {
    // A content word: longer than two characters, not a function word, determiner, pronoun, auxiliary
    // or modal. The phrase needs one that is not plain.
    let content = false;
    for (let i = span.start; i < span.end && !content; i++) {
      const w = words.lower(i);
      content = w.length > 2 && !lex.functionWords.has(w) && !lex.determiners.has(w) && !lex.weakWords.has(w) && !isPlainWord(plain, words.lowerKey[i]!, vocabulary);
    }
    if (!content) continue;
    // One capitalised word: at a sentence start or in a headline, where the capital hides whether it
    // is a name (inside running text a capitalised word is masked as a side and never marked).
    if (span.end - span.start === 1 && words.capital[span.start]) continue;
    const start = words.starts[span.start]!;
    const end = words.ends[span.end - 1]!;
    while (k < drafts.length && drafts[k]!.end <= start) k++;
    let inner: Draft | undefined;
    let contained = false;
    for (let j = k; j < drafts.length && drafts[j]!.start < end; j++) {
      const d = drafts[j]!;
      if (d.end <= start) continue;
      if (d.start <= start && d.end >= end) contained = true;
      inner ??= d;
    }
    if (contained) continue;
    const quoted = voiceOf(start);
    if (!quoted && hasDigit(text, start, end)) continue;
    if (quoted && wholeQuotedClause(scan, span.start, span.end, lex)) continue;
    out.push({
      start,
      end,
      category: inner ? inner.category : 'loaded-label',
      quoted,
      note: inner ? `${MODEL_NOTE}, around ${inner.reason}` : MODEL_NOTE,
      reason: MODEL_REASON,
    });
  }
  return out;
}

const NO_PLAIN_WORDS: PlainWords = { threshold: 0, unseenNews: false, unseenOther: false, flipped: new Set() };
const NO_VOCABULARY: ReadonlyMap<number, number> = new Map();

/**
 * Whether a word key is plain (decision 0133): its group's verdict (the news vocabulary, the word classes'
 * words, or the others) unless the plain words list it as flipped.
 */
export function isPlainWord(plain: PlainWords, key: number, vocabulary: ReadonlyMap<number, number>): boolean {
  return (vocabulary.has(key) ? plain.unseenNews : plain.unseenOther) !== plain.flipped.has(key);
}

/** Least words of a quoted sentence that `wholeQuotedClause` reads as a clause. */
const CLAUSE_WORDS = 4;

/**
 * Whether words `from .. to - 1` cover a whole sentence of a quote's content (every word of the sentence
 * inside the quote), of at least CLAUSE_WORDS words, one of them a pronoun, auxiliary or modal (the
 * `weak-word` class): a clause (`Nobody should risk their life for a shift bonus`). Such a model phrase is
 * left out: the quote record already gives the speaker's words, and a whole clause is not a label; the
 * reader would see the quote marked `loaded-label` without a word that frames it. A table mark inside it
 * (`thugs` in `They are simply thugs`) stays, on its own word (decision 0099).
 */
function wholeQuotedClause(scan: FramingScan, from: number, to: number, lex: Pick<FramingLexicon, 'weakWords'>): boolean {
  const { words, quoteContents, sentences } = scan;
  if (to - from < CLAUSE_WORDS) return false;
  const start = words.starts[from]!;
  let q = -1;
  for (let k = 0; k < quoteContents.length && quoteContents[k]!.start <= start; k++) if (quoteContents[k]!.end > start) q = k;
  if (q < 0) return false;
  const s = words.sentence[from]!;
  const sentence = sentences[s];
  if (!sentence || words.sentence[to - 1] !== s) return false;
  const lo = Math.max(quoteContents[q]!.start, sentence.start);
  const hi = Math.min(quoteContents[q]!.end, sentence.end);
  if (words.ends[to - 1]! > hi) return false;
  // No word of the sentence's quoted part before or after the phrase.
  if (from > 0 && words.sentence[from - 1] === s && words.starts[from - 1]! >= lo) return false;
  if (to < words.count && words.sentence[to] === s && words.ends[to]! <= hi) return false;
  for (let i = from; i < to; i++) if (lex.weakWords.has(words.lower(i))) return true;
  return false;
}

/** Whether `text.slice(from, to)` holds an ASCII digit. */
function hasDigit(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/** A double quotation mark (single ones are left alone: `’` is also the apostrophe). */
function isQuotationMark(c: number): boolean {
  return c === 0x22 || c === 0x201c || c === 0x201d || c === 0xab || c === 0xbb;
}

/** Whether `text.slice(from, to)` (the gap between two words) holds a quotation mark. */
function quotationMarkIn(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isQuotationMark(text.charCodeAt(i))) return true;
  return false;
}

/** Whether the double quotation marks in `text.slice(from, to)` pair up: as many `“` as `”`, `«` as `»`, an even number of `"`. */
function balancedQuotes(text: string, from: number, to: number): boolean {
  let curly = 0;
  let straight = 0;
  let guillemet = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x201c) curly++;
    else if (c === 0x201d) curly--;
    else if (c === 0x22) straight ^= 1;
    else if (c === 0xab) guillemet++;
    else if (c === 0xbb) guillemet--;
  }
  return curly === 0 && straight === 0 && guillemet === 0;
}

/** The reason of the span model's phrases. */
export const FRAMING_MODEL_REASON = 'model/framing-spans';
const MODEL_REASON = FRAMING_MODEL_REASON;
const MODEL_NOTE = 'a phrase the learned span model reads as loaded wording (trained on annotated propaganda spans)';

/** The span model with its word classes, made once per pair of resource values (not once per document). */
const loadedModels = new WeakMap<FramingModel, { clusters: FramingClusters; model: LoadedSpanModel }>();

function loadedModel(framing: FramingModel, clusters: FramingClusters): LoadedSpanModel {
  const known = loadedModels.get(framing);
  if (known !== undefined && known.clusters === clusters) return known.model;
  const model: LoadedSpanModel = { ...framing, clusters };
  loadedModels.set(framing, { clusters, model });
  return model;
}

function detect(document: Document, inputs: AnalysisInputs, context: RunContext): Finding[] {
  // The scan and the span input live only while this document is read: their arrays are reused.
  const scan = scanFraming(document, inputs, context, true);
  const { sentences } = scan;
  const lex = framingLexicon(context.resources);
  const input = spanInputOf(scan, inputs, lex, true);
  const model = loadedModel(resourceValue(context.resources, FRAMING_MODEL), resourceValue(context.resources, FRAMING_CLUSTERS));
  const drafts = scan.drafts.concat(phraseDrafts(scan, tagSpans(model, input), lex, resourceValue(context.resources, FRAMING_PLAIN_WORDS), model.clusters));
  const quotes = findingsOfKind(inputs[EXTRACT_QUOTES_ID] ?? [], 'quote');
  drafts.sort((a, b) => a.start - b.start || a.end - b.end || (a.reason < b.reason ? -1 : 1));
  const nextId = createRecordIds();
  const marks: Finding<'framing-mark'>[] = drafts.map((d) => {
    const span = spanAt(document, d.start, d.end);
    const aimedAt = targetOf(input, d);
    const target = aimedAt ? spanAt(document, aimedAt.start, aimedAt.end) : null;
    return {
      id: nextId('fm', span),
      analysis: DETECT_FRAMING_ID,
      kind: 'framing-mark',
      span,
      data: {
        span: { start: span.start, end: span.end, text: span.text },
        category: d.category,
        voice: d.quoted ? 'quoted' : 'author',
        note: d.note,
        target: target ? { start: target.start, end: target.end, text: target.text } : null,
      },
      basis: 'stated',
      reason: d.reason,
    };
  });
  const cues: QuoteCue[] = quotes
    .filter((q) => q.data.cue !== null)
    .map((q) => ({ id: q.id, speaker: q.data.speaker?.name ?? null, entityId: q.data.speaker?.entityId ?? null, lemma: q.data.cue!.lemma, stance: q.data.cue!.stance }));
  const profile = framingProfile(marks, sentences, cues, MODEL_REASON);
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
  version: '23',
  needs: [SEGMENT_TEXT_ID],
  uses: [EXTRACT_QUOTES_ID, DETECT_ENTITIES_ID],
  emits: ['framing-mark', 'framing-profile'],
  resources: DETECT_FRAMING_RESOURCES,
  describe: "Framing marks (evaluative adverbs, loaded labels, factive cues, certainty, unsourced superlatives, intensifiers, hedges, scare quotes) in the writer's or a quoted voice, and a framing profile per document.",
  run: detect,
};
