/**
 * Runs the entity model over one sentence of tokens: features, Viterbi, BILOU spans. Shared by the
 * analysis, the training script (cross-validation) and the evaluation, so all three tag the same way.
 */
import { decodeBilou, decodeBilouInto, type TokenSpan } from '../../learn/bilou.js';
import { hashLower } from '../../learn/hash.js';
import { decodeEmissions, decodeRange, viterbi, type SequenceTagger } from '../../learn/sequence-tagger.js';
import { activeEmissions, sentenceEmissions } from './emission.js';
import { caseAndMarks, FEATURES_PER_TOKEN, sentenceCase, sentenceFeatures, type Gazetteer } from './features.js';

let featureBuffer = new Int32Array(64 * FEATURES_PER_TOKEN);
let emitBuffer = new Float64Array(64 * 17);
let tagBuffer = new Uint8Array(64);
let markBuffer = new Uint8Array(64);
let activeBuffer = new Uint8Array(64);

/**
 * How far from a word with a capital letter or a digit the model is run, in tokens: up to two before
 * it (name particles: `van der Walt`, `de la Rúa`) and one after it (`Bank of England`: `of` is next
 * to a capital on both sides). Elsewhere in an ordinary sentence a lower-case word is taken to be
 * outside any name without scoring it: the model does not tag such words (their features see no
 * capital close by), so the labels are those of the full search but for rare cases (2 of 61,603
 * mentions on the BBC texts, none on CoNLL-2003 validation; docs/performance.md).
 *
 * Within that reach, a word with neither a capital nor a digit is scored only when it is one of the
 * words found inside names (`of`, `de`, `van`, `&`: data/name-inner-words.tsv, the lower-case words
 * of the gold names of CoNLL-2003 train) when the caller gives that list; any other such word (`said`,
 * `on`, `a`) is taken to be outside names. Decision 0048 and docs/performance.md give the
 * cross-validation on train that chose this and what it costs.
 */
export const REACH_BEFORE = 2;
export const REACH_AFTER = 1;

const outsideLabels = new WeakMap<readonly string[], number>();
function outsideLabel(labels: readonly string[]): number {
  let o = outsideLabels.get(labels);
  if (o === undefined) outsideLabels.set(labels, (o = labels.indexOf('O')));
  return o;
}

/** `hashLower` (as a signed integer) of the words that may be scored inside a name without a capital or a digit (`REACH_BEFORE`). */
export type InnerWords = ReadonlySet<number>;

/** The `InnerWords` set of a word list; a word written with `'` is also taken with `’` (`Workers’ Party`: the training text has only `'`). */
export function innerWordSet(words: Iterable<string>): InnerWords {
  const set = new Set<number>();
  for (const w of words) {
    set.add(hashLower(w) | 0);
    if (w.includes("'")) set.add(hashLower(w.replace(/'/g, '\u2019')) | 0);
  }
  return set;
}

/**
 * Tags tokens `from..to` into `tagBuffer` and returns the sentence case. A loaded model's emission
 * scores come from `sentenceEmissions` (word sums reused, the same scores); a model being trained
 * (dense weights) goes through `sentenceFeatures`.
 */
function tagInto(model: SequenceTagger, gazetteer: Gazetteer, text: string, starts: ArrayLike<number>, ends: ArrayLike<number>, from: number, to: number, innerWords: InnerWords | undefined): number {
  const n = to - from;
  if (model.featuresPerToken !== FEATURES_PER_TOKEN) throw new Error(`the entity model has ${model.featuresPerToken} features per token, this code computes ${FEATURES_PER_TOKEN}`);
  if (tagBuffer.length < n) tagBuffer = new Uint8Array(n * 2);
  if (model.weights.sparse) {
    const L = model.labels.length;
    if (emitBuffer.length < n * L) emitBuffer = new Float64Array(n * L * 2);
    if (markBuffer.length < n) {
      markBuffer = new Uint8Array(n * 2);
      activeBuffer = new Uint8Array(n * 2);
    }
    const sentenceCaseValue = caseAndMarks(text, starts, ends, from, to, gazetteer, markBuffer);
    const outside = outsideLabel(model.labels);
    if (sentenceCaseValue === 0 && outside >= 0) {
      // Tokens near a capital or a digit are scored; the runs between them are outside names.
      let activeCount = 0;
      let last = -Infinity;
      let ahead = 0;
      while (ahead < n && !markBuffer[ahead]) ahead++;
      for (let t = 0; t < n; t++) {
        if (ahead < t) {
          ahead = t;
          while (ahead < n && !markBuffer[ahead]) ahead++;
        }
        if (markBuffer[t]) last = t;
        let on = t - last <= REACH_AFTER || (ahead < n && ahead - t <= REACH_BEFORE) ? 1 : 0;
        if (on && innerWords && !markBuffer[t] && !innerWords.has(hashLower(text, starts[from + t]!, ends[from + t]!) | 0)) on = 0;
        activeBuffer[t] = on;
        activeCount += on;
      }
      if (activeCount < n) {
        activeEmissions(model, gazetteer, text, starts, ends, from, to, activeBuffer, emitBuffer);
        for (let t = 0; t < n; ) {
          if (!activeBuffer[t]) {
            tagBuffer[t++] = outside;
            continue;
          }
          let end = t;
          while (end < n && activeBuffer[end]) end++;
          decodeRange(model, emitBuffer, t, end, tagBuffer, t > 0, end < n);
          t = end;
        }
        return 0;
      }
    }
    const sCase = sentenceEmissions(model, gazetteer, text, starts, ends, from, to, emitBuffer);
    decodeEmissions(model, emitBuffer, n, tagBuffer);
    return sCase;
  }
  if (featureBuffer.length < n * FEATURES_PER_TOKEN) featureBuffer = new Int32Array(n * FEATURES_PER_TOKEN * 2);
  sentenceFeatures(text, starts, ends, from, to, gazetteer, model.buckets - 1, featureBuffer);
  viterbi(model, featureBuffer, n, tagBuffer);
  return sentenceCase(text, starts, ends, from, to, gazetteer);
}

/** Entity spans (token indices relative to `from`) of tokens `from..to` of `text`. */
export function tagSentence(
  model: SequenceTagger,
  gazetteer: Gazetteer,
  text: string,
  starts: ArrayLike<number>,
  ends: ArrayLike<number>,
  from: number,
  to: number,
  innerWords?: InnerWords,
): TokenSpan[] {
  const n = to - from;
  if (n <= 0) return [];
  tagInto(model, gazetteer, text, starts, ends, from, to, innerWords);
  return decodeBilou(tagBuffer.subarray(0, n), model.labels);
}

/** Lower-case text of tokens `from..to`, one space between tokens. */
function keyOf(text: string, starts: ArrayLike<number>, ends: ArrayLike<number>, from: number, to: number): string {
  let key = '';
  for (let i = from; i < to; i++) key += (i > from ? ' ' : '') + text.slice(starts[i]!, ends[i]!).toLowerCase();
  return key;
}

function startsLower(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c < 128) return c >= 97 && c <= 122;
  const ch = text[at]!;
  return ch !== ch.toUpperCase();
}

/** A span of the document: `carried` when the document pass, not the model, tagged it. */
export interface DocumentSpan extends TokenSpan {
  readonly carried?: boolean;
}

/** Longest name, in tokens, that the document pass carries into a headline. */
const MAX_CARRIED_TOKENS = 6;

/** The model's type for people, whose last names are carried on their own too. */
const personLabel = 'PER';

/**
 * Tags every sentence of a document (`sentenceStarts`: the first token of each sentence, then the
 * token count), then makes the document consistent where capitals say nothing: in a sentence all in
 * capitals or in title case (a headline), a run of untagged tokens that the model tagged as a name in
 * an ordinary sentence of the same document, or the last name of a person so tagged, gets that
 * name's type (the most frequent one). A
 * one-word name is carried only when that word never appears in lower case in an ordinary sentence,
 * so `MAY` in a headline does not become Theresa May. Spans come back with absolute token indices,
 * in order. `innerWords`: see `REACH_BEFORE` (without it, every word within reach is scored).
 */
export function tagDocument(
  model: SequenceTagger,
  gazetteer: Gazetteer,
  text: string,
  starts: ArrayLike<number>,
  ends: ArrayLike<number>,
  sentenceStarts: ArrayLike<number>,
  innerWords?: InnerWords,
): DocumentSpan[] {
  const sentences = sentenceStarts.length - 1;
  // Spans of every sentence, in order; `first[k]` is the index of sentence k's first span.
  const all: TokenSpan[] = [];
  const first = new Int32Array(sentences + 1);
  const headline = new Uint8Array(sentences);
  let headlines = 0;
  for (let k = 0; k < sentences; k++) {
    first[k] = all.length;
    const from = sentenceStarts[k]!;
    const to = sentenceStarts[k + 1]!;
    if (to <= from) continue;
    if (tagInto(model, gazetteer, text, starts, ends, from, to, innerWords) !== 0) {
      headline[k] = 1;
      headlines++;
    }
    decodeBilouInto(tagBuffer, to - from, model.labels, from, all);
  }
  first[sentences] = all.length;
  // The document pass only changes headlines: without one, or without a name elsewhere, the spans stand.
  if (headlines === 0 || all.length === 0) return all;
  const names = new Map<string, Map<string, number>>();
  const count = (key: string, type: string) => {
    let counts = names.get(key);
    if (!counts) names.set(key, (counts = new Map()));
    counts.set(type, (counts.get(type) ?? 0) + 1);
  };
  for (let k = 0; k < sentences; k++) {
    if (headline[k]) continue;
    for (let j = first[k]!; j < first[k + 1]!; j++) {
      const s = all[j]!;
      count(keyOf(text, starts, ends, s.start, s.end), s.type);
      // A person's last name alone refers to the same person ("MACRON" after "Emmanuel Macron").
      if (s.type === personLabel && s.end - s.start > 1) count(keyOf(text, starts, ends, s.end - 1, s.end), s.type);
    }
  }
  if (names.size === 0) return all;
  /** Hashes (`hashLower`, signed) of the words seen starting in lower case in ordinary sentences; built when first needed. */
  let lowerWords: Set<number> | null = null;
  const seenInLowerCase = (i: number): boolean => {
    if (!lowerWords) {
      lowerWords = new Set<number>();
      for (let k = 0; k < sentences; k++) {
        if (headline[k]) continue;
        for (let j = sentenceStarts[k]!; j < sentenceStarts[k + 1]!; j++) if (startsLower(text, starts[j]!)) lowerWords.add(hashLower(text, starts[j]!, ends[j]!) | 0);
      }
    }
    return lowerWords.has(hashLower(text, starts[i]!, ends[i]!) | 0);
  };
  const out: DocumentSpan[] = [];
  for (let k = 0; k < sentences; k++) {
    const spans = all.slice(first[k]!, first[k + 1]!);
    if (!headline[k]) {
      out.push(...spans);
      continue;
    }
    const from = sentenceStarts[k]!;
    const to = sentenceStarts[k + 1]!;
    const covered = new Uint8Array(to - from);
    for (const s of spans) covered.fill(1, s.start - from, s.end - from);
    const added: DocumentSpan[] = [];
    for (let i = from; i < to; ) {
      let taken = 0;
      for (let len = Math.min(MAX_CARRIED_TOKENS, to - i); len >= 1 && !taken; len--) {
        let free = true;
        for (let j = i; j < i + len; j++) if (covered[j - from]) free = false;
        if (!free) continue;
        const key = keyOf(text, starts, ends, i, i + len);
        const counts = names.get(key);
        if (!counts) continue;
        if (len === 1 && seenInLowerCase(i)) continue;
        let type = '';
        let best = 0;
        for (const [t, c] of counts) if (c > best) [type, best] = [t, c];
        added.push({ start: i, end: i + len, type, carried: true });
        taken = len;
      }
      i += taken || 1;
    }
    out.push(...[...spans, ...added].sort((a, b) => a.start - b.start));
  }
  return out;
}
