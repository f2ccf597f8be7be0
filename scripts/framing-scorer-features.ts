/**
 * The features of detect-framing's phrase scorer: a second look at every candidate mark (a span-model
 * phrase or a table or rule mark) with what the tagger cannot see word by word: the phrase's length, the
 * tagger's confidence over it, whether the tables fire inside it, and its sentence (quotation marks, `!`
 * and `?`, first or second person, place in the text, how many sides it names). Blind to sides like the
 * span model: a side is read as one token and never by its words.
 */
import { hashString, combine as combineHash } from '../src/learn/hash.js';
import type { FramingLexicon } from '../src/analyses/detect-framing/lexicon.js';
import type { SpanInput } from '../src/analyses/detect-framing/span-model.js';
import type { FramingScan } from '../src/analyses/detect-framing/detect-framing.js';

/** A candidate mark as the scorer sees it. */
export interface ScorerCandidate {
  readonly start: number;
  readonly end: number;
  readonly category: string;
  readonly quoted: boolean;
  readonly reason: string;
  /** The tagger's mean margin over the phrase, in float weight units; NaN for a table or rule mark. */
  readonly margin: number;
  /** Whether the candidate has a target (a side next to a loaded label). */
  readonly target: boolean;
}

export const SCORER_TEMPLATES = [
  'source', 'category', 'voice', 'words', 'margin', 'margin|words', 'marks-inside', 'model-over-mark', 'first', 'last',
  'first-class', 'last-class', 'edge-function', 'target', 'sentence-words', 'sentence-sides', 'sentence-quote-mark',
  'sentence-exclamation', 'sentence-question', 'sentence-person', 'sentence-place', 'headline', 'source|voice',
] as const;

function bucket(x: number, edges: readonly number[]): number {
  let b = 0;
  while (b < edges.length && x >= edges[b]!) b++;
  return b;
}

const MARGIN_EDGES = [0, 20, 40, 70, 100, 150, 220, 320, 450, 650, 900];
const WORD_EDGES = [2, 3, 4, 5, 7, 10, 15];
const SENTENCE_EDGES = [6, 10, 15, 20, 30, 45];

/** The token (of the span model's view) that holds character `position`, by binary search. */
function tokenAt(starts: Int32Array, count: number, position: number): number {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= position) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Per sentence of the token view, the facts the scorer reads about it (computed once per document). */
interface SentenceFacts {
  readonly tokens: Int32Array;
  readonly sides: Int32Array;
  readonly flags: Uint8Array;
}

const QUOTE_MARK = 1;
const EXCLAMATION = 2;
const QUESTION = 4;
const PERSON = 8;

function sentenceFacts(scan: FramingScan, input: SpanInput, lex: Pick<FramingLexicon, 'personWords'>): SentenceFacts {
  const n = scan.sentences.length;
  const tokens = new Int32Array(n);
  const sides = new Int32Array(n);
  const flags = new Uint8Array(n);
  const { words } = input;
  for (let i = 0; i < words.count; i++) {
    const s = words.sentence[i]!;
    if (s >= n) continue;
    tokens[s]!++;
    if (input.name[i]) sides[s]!++;
  }
  for (let i = 0; i < scan.words.count; i++) {
    const s = scan.words.sentence[i]!;
    if (s < n && scan.words.lowerLength(i) <= 10 && lex.personWords.has(scan.words.lower(i))) flags[s]! |= PERSON;
  }
  const { text } = scan;
  scan.sentences.forEach((r, s) => {
    for (let k = r.start; k < r.end; k++) {
      const c = text.charCodeAt(k);
      if (c === 0x22 || c === 0x201c || c === 0x201d) flags[s]! |= QUOTE_MARK;
      else if (c === 0x21) flags[s]! |= EXCLAMATION;
      else if (c === 0x3f) flags[s]! |= QUESTION;
    }
  });
  return { tokens, sides, flags };
}

/** Scores the candidates of one document: each one's feature ids into `buckets` (a power of two). */
export class ScorerFeatures {
  private readonly facts: SentenceFacts;
  constructor(
    private readonly scan: FramingScan,
    private readonly input: SpanInput,
    private readonly lex: Pick<FramingLexicon, 'personWords' | 'functionWords' | 'determiners' | 'weakWords'>,
    private readonly clusters: ReadonlyMap<number, number>,
  ) {
    this.facts = sentenceFacts(scan, input, lex);
  }

  /**
   * The feature ids of `c`; `tableMarksInside` counts the table and rule marks inside a model phrase,
   * `modelOver` says whether a model phrase overlaps a table mark.
   */
  features(c: ScorerCandidate, tableMarksInside: number, modelOver: boolean, buckets: number): Int32Array {
    const { input, scan } = this;
    const words = input.words;
    const mask = buckets - 1;
    const first = tokenAt(words.starts, words.count, c.start);
    const last = tokenAt(words.starts, words.count, c.end - 1);
    const length = last - first + 1;
    const model = !Number.isFinite(c.margin) ? false : true;
    const source = model ? 'model' : c.reason.startsWith('rule/') ? c.reason.slice(0, c.reason.indexOf('/', 5) < 0 ? c.reason.length : c.reason.indexOf('/', 5)) : c.reason.slice(0, c.reason.indexOf('/'));
    const sentence = words.sentence[first]!;
    const f = this.facts.flags[sentence] ?? 0;
    const firstWord = input.name[first] ? '<name>' : scan.text.slice(words.starts[first]!, words.ends[first]!).toLowerCase();
    const lastWord = input.name[last] ? '<name>' : scan.text.slice(words.starts[last]!, words.ends[last]!).toLowerCase();
    const weak = (w: string) => this.lex.functionWords.has(w) || this.lex.determiners.has(w) || this.lex.weakWords.has(w);
    const classOf = (t: number) => (input.name[t] ? 0 : (this.clusters.get(words.lowerKey[t]!) ?? 0) >>> 0);
    const cut8 = (path: number) => {
      if (path === 0) return 0;
      const len = 31 - Math.clz32(path);
      return len <= 8 ? path : path >>> (len - 8);
    };
    const values: string[] = [
      source,
      c.category,
      c.quoted ? 'quoted' : 'author',
      String(bucket(length, WORD_EDGES)),
      model ? String(bucket(c.margin, MARGIN_EDGES)) : '-',
      model ? `${bucket(c.margin, MARGIN_EDGES)}|${bucket(length, WORD_EDGES)}` : '-',
      model ? String(Math.min(tableMarksInside, 2)) : '-',
      model ? '-' : modelOver ? '1' : '0',
      firstWord,
      lastWord,
      String(cut8(classOf(first))),
      String(cut8(classOf(last))),
      `${weak(firstWord) ? 1 : 0}${weak(lastWord) ? 1 : 0}`,
      c.target ? '1' : '0',
      String(bucket(this.facts.tokens[sentence] ?? 0, SENTENCE_EDGES)),
      String(Math.min(this.facts.sides[sentence] ?? 0, 3)),
      f & QUOTE_MARK ? '1' : '0',
      f & EXCLAMATION ? '1' : '0',
      f & QUESTION ? '1' : '0',
      f & PERSON ? '1' : '0',
      String(Math.min(sentence, 4)),
      input.headline[sentence] ? '1' : '0',
      `${source}|${c.quoted ? 'q' : 'a'}`,
    ];
    const out = new Int32Array(values.length);
    values.forEach((v, t) => {
      out[t] = (combineHash(hashString(v), t + 0x3c6ef372) & mask) >>> 0;
    });
    return out;
  }
}
