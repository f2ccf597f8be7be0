/**
 * Scores predicted quotes (the `quotes` array of `claimtrace/analysis@1`) against gold attributions
 * (Source / Cue / Content fragments, as in PolNeAR). Pure functions, no I/O.
 *
 * Definitions (also printed at the top of every report):
 * - Gold attributions without a Content span cannot be matched and are left out of every count
 *   (reported as `withoutContent`).
 * - Quotation marks: the double marks “ ” " « », the two-character marks `` and '', and the opening
 *   single mark ‘.
 * - Subset "direct/mixed": a gold attribution whose content contains a quotation mark, or one of whose
 *   content fragments is immediately preceded by an opening mark (“ « " ‘ `` '') or followed by a closing
 *   mark (” » " '') (annotators sometimes leave the marks out). "Immediately" tolerates spaces (not line
 *   breaks) in between, and one of . , ; : ! ? before a following mark.
 * - Quoted regions of a text: from an opening mark to its closing mark, or to the end of the paragraph
 *   line when it is not closed (news continues multi-paragraph quotes with a fresh opening mark);
 *   " and '' toggle; ‘ opens a single-quoted region that ’ closes when no letter follows it.
 *   Direct-only gold = subset attribution all of whose content letters and digits lie in quoted
 *   regions; mixed = the rest of the subset.
 * - Lenient content match: the characters shared by the prediction's content pieces (`contents`, or
 *   `content` when that is empty) and the gold content fragments exceed 30% of the gold content length
 *   AND 30% of the predicted content length. Pairs are matched one-to-one, greedily, largest overlap
 *   first, against all gold attributions of the document.
 * - Rows: "all" = every prediction vs every gold attribution; "subset" = every prediction vs the
 *   direct/mixed subset (precision is the same as in "all": a prediction matched to any gold
 *   attribution is correct); "direct" = predictions typed `direct` vs direct-only gold; "mixed" =
 *   predictions typed `mixed` or `partial` vs mixed gold; "indirect" = predictions typed `indirect` vs
 *   gold outside the subset (no quotation mark in or next to the content). In every row precision = matched predictions
 *   of the row / predictions of the row, recall = matched gold of the row / gold of the row.
 * - Speaker correct (for a matched pair whose gold has a Source): the predicted `speaker.mention`
 *   overlaps the gold Source; or the last word of the predicted `speaker.name` (case-insensitive,
 *   ignoring Jr./Sr./II/III) is a word of the gold Source text; or the gold Source is a pronoun and the
 *   predicted mention's text equals it. Speaker accuracy = correct / matched pairs with a gold Source.
 *   Speaker P/R/F1 counts a match only when content matches and the speaker is correct; for gold
 *   without a Source the speaker is correct when the prediction has none.
 * - Exact spans, counted on lenient-matched pairs: source = `speaker.mention` vs the gold Source, cue =
 *   `cue.span` vs the gold Cue (a discontinuous gold Source or Cue is compared by its extent), content =
 *   the list of pieces vs the list of gold fragments. Every span is first trimmed of whitespace,
 *   quotation marks (“ ” " « » ‘ ’ ' `) and . , on both sides; pieces separated only by such characters
 *   are joined. Precision denominators are the predictions that have the field, recall denominators the
 *   gold attributions that have it.
 */

export interface Fragment {
  start: number;
  end: number;
}

export interface SpanLike extends Fragment {
  text?: string;
}

/** The part of an analysis@1 Quote the scorer reads (a `QuoteJson` fits). */
export interface PredictedQuote {
  id?: string;
  type: string;
  content: SpanLike;
  contents?: SpanLike[];
  cue?: { span: SpanLike; phrase?: SpanLike } | null;
  speaker?: { name: string | null; mention: SpanLike | null; phrase?: SpanLike } | null;
}

export interface GoldAttributionLike {
  id: string;
  source: Fragment[] | null;
  cue: Fragment[];
  content: Fragment[];
}

export interface ScoredDocument {
  docId: string;
  text: string;
  gold: GoldAttributionLike[];
  predictions: PredictedQuote[];
}

export type GoldClass = 'direct' | 'mixed' | 'other';
export type RowName = 'all' | 'subset' | 'direct' | 'mixed' | 'indirect';
export const ROWS: RowName[] = ['subset', 'all', 'direct', 'mixed', 'indirect'];

export interface PRF {
  predicted: number;
  matchedPredicted: number;
  gold: number;
  matchedGold: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface SpeakerAccuracy {
  /** Lenient-matched pairs whose gold has a Source. */
  pairs: number;
  correct: number;
  /** Pairs whose prediction has no speaker. */
  noSpeaker: number;
  accuracy: number;
}

export interface RowScores {
  lenient: PRF;
  speakerAccuracy: SpeakerAccuracy;
  speaker: PRF;
  exactSource: PRF;
  exactCue: PRF;
  exactContent: PRF;
}

export interface TypeBreakdown {
  predicted: number;
  matched: number;
  matchedSubset: number;
  matchedDirect: number;
  matchedMixed: number;
  precision: number;
}

export interface ErrorCase {
  docId: string;
  /** Offset of the content in the document (for sorting and lookup). */
  start: number;
  content: string;
  goldClass?: GoldClass;
  goldSource?: string | null;
  predictedType?: string;
  predictedSpeaker?: string | null;
  predictedMention?: string | null;
}

export interface QuoteScores {
  documents: number;
  predictions: number;
  /** Predictions whose spans fall outside the text or whose `text` differs from the document. */
  invalidPredictions: number;
  gold: {
    attributions: number;
    withoutContent: number;
    scored: number;
    withSource: number;
    subset: number;
    direct: number;
    mixed: number;
    other: number;
  };
  rows: Record<RowName, RowScores>;
  byType: Record<string, TypeBreakdown>;
  errors: { missed: ErrorCase[]; falsePositive: ErrorCase[]; wrongSpeaker: ErrorCase[] };
}

export const MIN_OVERLAP = 0.3;

// ---------------------------------------------------------------------------------------------
// Character sets

const DOUBLE_MARKS = new Set(['“', '”', '"', '«', '»']);
const TWO_CHAR_MARKS = new Set(['``', "''"]);
const OPEN_SINGLE = '‘';
const TRIM_CHARS = new Set(['“', '”', '"', '«', '»', '‘', '’', "'", '`', '.', ',']);
const FOLLOWING_PUNCT = new Set(['.', ',', ';', ':', '!', '?']);
const PRONOUNS = new Set([
  'i', 'me', 'we', 'us', 'you', 'he', 'him', 'she', 'her', 'it', 'they', 'them', 'one',
  'his', 'hers', 'its', 'their', 'theirs', 'our', 'my', 'your', 'this', 'that', 'these', 'those',
  'who', 'which', 'someone', 'somebody', 'everyone', 'anyone', 'nobody',
]);
const NAME_SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md', 'esq']);

function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && /\s/.test(ch);
}

/** Whitespace other than a line break. */
function isInlineSpace(ch: string | undefined): boolean {
  return ch !== undefined && ch !== '\n' && ch !== '\r' && /\s/.test(ch);
}

/** True when `s` contains a quotation mark of the subset rule. */
export function containsQuoteMark(s: string): boolean {
  for (const ch of s) if (DOUBLE_MARKS.has(ch) || ch === OPEN_SINGLE) return true;
  return s.includes('``') || s.includes("''");
}

const OPENING_MARKS = new Set(['“', '«', '"', OPEN_SINGLE]);
const CLOSING_MARKS = new Set(['”', '»', '"']);

/** An opening-capable mark (“ « " ‘ `` '') whose last character is at j - 1. */
function openingMarkEndsAt(text: string, j: number): boolean {
  if (j <= 0) return false;
  if (OPENING_MARKS.has(text[j - 1])) return true;
  return j >= 2 && TWO_CHAR_MARKS.has(text.slice(j - 2, j));
}

/** A closing-capable mark (” » " '') starting at k. */
function closingMarkStartsAt(text: string, k: number): boolean {
  if (k >= text.length) return false;
  if (CLOSING_MARKS.has(text[k])) return true;
  return text.slice(k, k + 2) === "''";
}

/**
 * An opening mark right before the fragment or a closing mark right after it (see the definitions
 * above). A mark on the other side (a closing mark before, an opening mark after) belongs to a
 * neighbouring quote and does not count.
 */
export function fragmentNextToMark(text: string, f: Fragment): boolean {
  let j = f.start;
  while (j > 0 && isInlineSpace(text[j - 1])) j--;
  if (openingMarkEndsAt(text, j)) return true;
  let k = f.end;
  while (k < text.length && isInlineSpace(text[k])) k++;
  if (closingMarkStartsAt(text, k)) return true;
  if (FOLLOWING_PUNCT.has(text[k])) {
    k++;
    while (k < text.length && isInlineSpace(text[k])) k++;
    if (closingMarkStartsAt(text, k)) return true;
  }
  return false;
}

/** The subset rule: the content holds a quotation mark or one of its fragments touches one. */
export function isDirectOrMixed(text: string, content: Fragment[]): boolean {
  if (content.length === 0) return false;
  for (const f of content) if (containsQuoteMark(text.slice(f.start, f.end))) return true;
  for (const f of content) if (fragmentNextToMark(text, f)) return true;
  return false;
}

/**
 * Marks every character of `text` that lies inside a quoted region (marks included); see the
 * definitions at the top of this file.
 */
export function quotedRegions(text: string): Uint8Array {
  const mask = new Uint8Array(text.length);
  let open = -1; // start of the open double-quoted region
  let openBy = ''; // the mark that opened it
  let single = -1; // start of the open single-quoted region
  const fill = (from: number, to: number) => mask.fill(1, from, to);
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') {
      if (open >= 0) fill(open, i);
      if (single >= 0) fill(single, i);
      open = -1;
      single = -1;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === "''" || two === '``') {
      if (open >= 0 && (two === "''" || openBy === two)) {
        fill(open, i + 2);
        open = -1;
      } else {
        if (open >= 0) fill(open, i);
        open = i;
        openBy = two;
      }
      i++;
      continue;
    }
    if (ch === '“' || ch === '«') {
      if (open >= 0) fill(open, i); // an unclosed region ends where a new one opens
      open = i;
      openBy = ch;
    } else if (ch === '”' || ch === '»') {
      if (open >= 0) {
        fill(open, i + 1);
        open = -1;
      }
    } else if (ch === '"') {
      if (open >= 0) {
        fill(open, i + 1);
        open = -1;
      } else {
        open = i;
        openBy = ch;
      }
    } else if (ch === OPEN_SINGLE) {
      if (single < 0) single = i;
    } else if (ch === '’' && single >= 0) {
      const next = text[i + 1];
      if (next === undefined || !/[\p{L}\p{N}]/u.test(next)) {
        fill(single, i + 1);
        single = -1;
      }
    }
  }
  if (open >= 0) fill(open, text.length);
  if (single >= 0) fill(single, text.length);
  return mask;
}

/** direct (all content letters quoted), mixed (rest of the subset) or other (not in the subset). */
export function classifyGold(text: string, content: Fragment[], regions: Uint8Array = quotedRegions(text)): GoldClass {
  if (!isDirectOrMixed(text, content)) return 'other';
  let letters = 0;
  for (const f of content) {
    for (let i = f.start; i < f.end; i++) {
      if (/[\p{L}\p{N}]/u.test(text[i])) {
        letters++;
        if (!regions[i]) return 'mixed';
      }
    }
  }
  return letters > 0 ? 'direct' : 'mixed';
}

// ---------------------------------------------------------------------------------------------
// Span arithmetic

/** Sorted, merged copy of the fragments (empty ones dropped). */
export function mergeFragments(frags: Fragment[]): Fragment[] {
  const sorted = frags.filter((f) => f.end > f.start).map((f) => ({ start: f.start, end: f.end })).sort((a, b) => a.start - b.start);
  const out: Fragment[] = [];
  for (const f of sorted) {
    const last = out[out.length - 1];
    if (last && f.start <= last.end) last.end = Math.max(last.end, f.end);
    else out.push(f);
  }
  return out;
}

export function totalLength(frags: Fragment[]): number {
  return mergeFragments(frags).reduce((n, f) => n + f.end - f.start, 0);
}

/** Number of characters covered by both fragment lists. */
export function overlapLength(a: Fragment[], b: Fragment[]): number {
  const x = mergeFragments(a);
  const y = mergeFragments(b);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < x.length && j < y.length) {
    const lo = Math.max(x[i].start, y[j].start);
    const hi = Math.min(x[i].end, y[j].end);
    if (hi > lo) n += hi - lo;
    if (x[i].end < y[j].end) i++;
    else j++;
  }
  return n;
}

/** The content pieces of a prediction: `contents`, or `content` when there are none. */
export function predictedPieces(p: PredictedQuote): Fragment[] {
  const pieces = p.contents && p.contents.length > 0 ? p.contents : [p.content];
  return pieces.filter((s) => s && s.end > s.start).map((s) => ({ start: s.start, end: s.end }));
}

/** True when the overlap passes the lenient threshold on both sides. */
export function lenientOverlap(pred: Fragment[], gold: Fragment[], min = MIN_OVERLAP): { ok: boolean; overlap: number } {
  const overlap = overlapLength(pred, gold);
  const g = totalLength(gold);
  const p = totalLength(pred);
  return { ok: g > 0 && p > 0 && overlap > min * g && overlap > min * p, overlap };
}

/**
 * One-to-one greedy matching of one document: candidate pairs pass the lenient threshold; the pair
 * with the largest overlap is taken first (ties: larger summed coverage, then document order).
 * Returns `predToGold[i]` = index of the matched gold attribution or -1.
 */
export function matchDocument(predictions: PredictedQuote[], gold: GoldAttributionLike[], min = MIN_OVERLAP): number[] {
  const cands: { p: number; g: number; overlap: number; cover: number }[] = [];
  const predPieces = predictions.map(predictedPieces);
  const predLen = predPieces.map(totalLength);
  const goldLen = gold.map((g) => totalLength(g.content));
  predictions.forEach((_, p) => {
    gold.forEach((g, gi) => {
      if (goldLen[gi] === 0 || predLen[p] === 0) return;
      const { ok, overlap } = lenientOverlap(predPieces[p], g.content, min);
      if (ok) cands.push({ p, g: gi, overlap, cover: overlap / goldLen[gi] + overlap / predLen[p] });
    });
  });
  cands.sort((a, b) => b.overlap - a.overlap || b.cover - a.cover || a.g - b.g || a.p - b.p);
  const predToGold = predictions.map(() => -1);
  const goldTaken = gold.map(() => false);
  for (const c of cands) {
    if (predToGold[c.p] >= 0 || goldTaken[c.g]) continue;
    predToGold[c.p] = c.g;
    goldTaken[c.g] = true;
  }
  return predToGold;
}

// ---------------------------------------------------------------------------------------------
// Speakers

function fragmentsText(text: string, frags: Fragment[]): string {
  return frags.map((f) => text.slice(f.start, f.end)).join(' ');
}

function words(s: string): string[] {
  return s
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').toLowerCase())
    .filter((w) => w.length > 0);
}

/** The last word of a name, ignoring suffixes such as Jr. or III. */
export function lastNameWord(name: string): string | null {
  const ws = words(name);
  while (ws.length > 1 && NAME_SUFFIXES.has(ws[ws.length - 1])) ws.pop();
  return ws.length > 0 ? ws[ws.length - 1] : null;
}

/** The speaker rules of the definitions above. */
export function speakerCorrect(text: string, pred: PredictedQuote, goldSource: Fragment[]): boolean {
  const sp = pred.speaker;
  if (!sp) return false;
  if (sp.mention && sp.mention.end > sp.mention.start && overlapLength([sp.mention], goldSource) > 0) return true;
  const goldText = fragmentsText(text, goldSource);
  const last = lastNameWord(sp.name ?? '');
  if (last && !PRONOUNS.has(last) && words(goldText).includes(last)) return true;
  const goldNorm = goldText.trim().toLowerCase();
  if (PRONOUNS.has(goldNorm) && sp.mention) {
    const mentionText = (sp.mention.text ?? text.slice(sp.mention.start, sp.mention.end)).trim().toLowerCase();
    if (mentionText === goldNorm) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Exact spans

/** Trims whitespace, quotation marks and . , from both ends; null when nothing is left. */
export function trimSpan(text: string, f: Fragment): Fragment | null {
  let s = f.start;
  let e = f.end;
  const strip = (ch: string) => isSpace(ch) || TRIM_CHARS.has(ch);
  while (s < e && strip(text[s])) s++;
  while (e > s && strip(text[e - 1])) e--;
  return e > s ? { start: s, end: e } : null;
}

/** Trimmed, sorted pieces; pieces separated only by trimmable characters are joined. */
export function normalizePieces(text: string, frags: Fragment[]): Fragment[] {
  const trimmed = frags
    .map((f) => trimSpan(text, f))
    .filter((f): f is Fragment => f !== null)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Fragment[] = [];
  for (const f of trimmed) {
    const last = out[out.length - 1];
    if (last && (f.start <= last.end || trimSpan(text, { start: last.end, end: f.start }) === null)) {
      last.end = Math.max(last.end, f.end);
    } else out.push({ ...f });
  }
  return out;
}

function extent(frags: Fragment[]): Fragment[] {
  if (frags.length === 0) return [];
  return [{ start: Math.min(...frags.map((f) => f.start)), end: Math.max(...frags.map((f) => f.end)) }];
}

function sameSpans(text: string, a: Fragment[], b: Fragment[]): boolean {
  const x = normalizePieces(text, a);
  const y = normalizePieces(text, b);
  return x.length > 0 && x.length === y.length && x.every((f, i) => f.start === y[i].start && f.end === y[i].end);
}

/**
 * Exact source: `speaker.mention` against the gold Source, or with `phrases` the whole source phrase
 * (`speaker.phrase` where the prediction has one: the mention with its apposition), for gold sets whose
 * Source spans take the apposition in (PolNeAR).
 */
export function exactSource(text: string, pred: PredictedQuote, gold: GoldAttributionLike, phrases = false): boolean {
  const m = (phrases ? pred.speaker?.phrase : undefined) ?? pred.speaker?.mention;
  return !!m && !!gold.source && sameSpans(text, [m], extent(gold.source));
}

/** Exact cue: `cue.span`, or with `phrases` the whole verb group (`cue.phrase` where there is one: `has also said:`). */
export function exactCue(text: string, pred: PredictedQuote, gold: GoldAttributionLike, phrases = false): boolean {
  const c = (phrases ? pred.cue?.phrase : undefined) ?? pred.cue?.span;
  return !!c && gold.cue.length > 0 && sameSpans(text, [c], extent(gold.cue));
}

export function exactContent(text: string, pred: PredictedQuote, gold: GoldAttributionLike): boolean {
  return sameSpans(text, predictedPieces(pred), gold.content);
}

// ---------------------------------------------------------------------------------------------
// Aggregation

interface PredInfo {
  doc: ScoredDocument;
  pred: PredictedQuote;
  gold: GoldInfo | null;
}

interface GoldInfo {
  doc: ScoredDocument;
  gold: GoldAttributionLike;
  cls: GoldClass;
  pred: PredInfo | null;
}

const ROW_FILTERS: Record<RowName, { pred: (p: PredictedQuote) => boolean; gold: (g: GoldInfo) => boolean }> = {
  all: { pred: () => true, gold: () => true },
  subset: { pred: () => true, gold: (g) => g.cls !== 'other' },
  direct: { pred: (p) => p.type === 'direct', gold: (g) => g.cls === 'direct' },
  mixed: { pred: (p) => p.type === 'mixed' || p.type === 'partial', gold: (g) => g.cls === 'mixed' },
  indirect: { pred: (p) => p.type === 'indirect', gold: (g) => g.cls === 'other' },
};

export function prf(predicted: number, matchedPredicted: number, gold: number, matchedGold: number): PRF {
  const precision = predicted > 0 ? matchedPredicted / predicted : 0;
  const recall = gold > 0 ? matchedGold / gold : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { predicted, matchedPredicted, gold, matchedGold, precision, recall, f1 };
}

type PairCondition = (doc: ScoredDocument, pred: PredictedQuote, gold: GoldAttributionLike) => boolean;

function speakerCondition(doc: ScoredDocument, pred: PredictedQuote, gold: GoldAttributionLike): boolean {
  return gold.source ? speakerCorrect(doc.text, pred, gold.source) : !pred.speaker;
}

function validPrediction(text: string, p: PredictedQuote): boolean {
  const spans: SpanLike[] = [p.content, ...(p.contents ?? [])];
  if (p.cue?.span) spans.push(p.cue.span);
  if (p.speaker?.mention) spans.push(p.speaker.mention);
  return spans.every(
    (s) =>
      Number.isInteger(s.start) &&
      Number.isInteger(s.end) &&
      s.start >= 0 &&
      s.end >= s.start &&
      s.end <= text.length &&
      (s.text === undefined || s.text === text.slice(s.start, s.end)),
  );
}

/** Scores a set of documents. */
export function scoreQuotes(docs: ScoredDocument[], options: { minOverlap?: number; phrases?: boolean } = {}): QuoteScores {
  const min = options.minOverlap ?? MIN_OVERLAP;
  const phrases = options.phrases ?? false;
  const preds: PredInfo[] = [];
  const golds: GoldInfo[] = [];
  let attributions = 0;
  let withoutContent = 0;
  let invalidPredictions = 0;

  for (const doc of docs) {
    attributions += doc.gold.length;
    const scoredGold = doc.gold.filter((g) => totalLength(g.content) > 0);
    withoutContent += doc.gold.length - scoredGold.length;
    const regions = quotedRegions(doc.text);
    const gi: GoldInfo[] = scoredGold.map((gold) => ({ doc, gold, cls: classifyGold(doc.text, gold.content, regions), pred: null }));
    const pi: PredInfo[] = doc.predictions.map((pred) => ({ doc, pred, gold: null }));
    for (const p of doc.predictions) if (!validPrediction(doc.text, p)) invalidPredictions++;
    const predToGold = matchDocument(doc.predictions, scoredGold, min);
    predToGold.forEach((g, p) => {
      if (g < 0) return;
      pi[p].gold = gi[g];
      gi[g].pred = pi[p];
    });
    preds.push(...pi);
    golds.push(...gi);
  }

  const row = (name: RowName, condition: PairCondition | null, predHas: (p: PredictedQuote) => boolean, goldHas: (g: GoldAttributionLike) => boolean): PRF => {
    const f = ROW_FILTERS[name];
    const rowPreds = preds.filter((p) => f.pred(p.pred) && predHas(p.pred));
    const rowGold = golds.filter((g) => f.gold(g) && goldHas(g.gold));
    const ok = (p: PredInfo, g: GoldInfo) => goldHas(g.gold) && predHas(p.pred) && (!condition || condition(p.doc, p.pred, g.gold));
    const matchedPredicted = rowPreds.filter((p) => p.gold && ok(p, p.gold)).length;
    const matchedGold = rowGold.filter((g) => g.pred && ok(g.pred, g)).length;
    return prf(rowPreds.length, matchedPredicted, rowGold.length, matchedGold);
  };

  const always = () => true;
  const rows = {} as Record<RowName, RowScores>;
  for (const name of ROWS) {
    const pairs = golds.filter((g) => ROW_FILTERS[name].gold(g) && g.pred && g.gold.source);
    const correct = pairs.filter((g) => speakerCorrect(g.doc.text, g.pred!.pred, g.gold.source!)).length;
    rows[name] = {
      lenient: row(name, null, always, always),
      speakerAccuracy: {
        pairs: pairs.length,
        correct,
        noSpeaker: pairs.filter((g) => !g.pred!.pred.speaker).length,
        accuracy: pairs.length > 0 ? correct / pairs.length : 0,
      },
      speaker: row(name, speakerCondition, always, always),
      exactSource: row(name, (d, p, g) => exactSource(d.text, p, g, phrases), (p) => !!p.speaker?.mention, (g) => !!g.source),
      exactCue: row(name, (d, p, g) => exactCue(d.text, p, g, phrases), (p) => !!p.cue?.span, (g) => g.cue.length > 0),
      exactContent: row(name, (d, p, g) => exactContent(d.text, p, g), always, always),
    };
  }

  const byType: Record<string, TypeBreakdown> = {};
  for (const p of preds) {
    const t = (byType[p.pred.type] ??= { predicted: 0, matched: 0, matchedSubset: 0, matchedDirect: 0, matchedMixed: 0, precision: 0 });
    t.predicted++;
    if (p.gold) {
      t.matched++;
      if (p.gold.cls !== 'other') t.matchedSubset++;
      if (p.gold.cls === 'direct') t.matchedDirect++;
      if (p.gold.cls === 'mixed') t.matchedMixed++;
    }
  }
  for (const t of Object.values(byType)) t.precision = t.predicted > 0 ? t.matched / t.predicted : 0;

  const contentText = (doc: ScoredDocument, frags: Fragment[]) => fragmentsText(doc.text, frags);
  const srcText = (g: GoldInfo) => (g.gold.source ? contentText(g.doc, g.gold.source) : null);
  const missed: ErrorCase[] = golds
    .filter((g) => g.cls !== 'other' && !g.pred)
    .map((g) => ({
      docId: g.doc.docId,
      start: g.gold.content[0].start,
      content: contentText(g.doc, g.gold.content),
      goldClass: g.cls,
      goldSource: srcText(g),
    }));
  const falsePositive: ErrorCase[] = preds
    .filter((p) => !p.gold)
    .map((p) => ({
      docId: p.doc.docId,
      start: p.pred.content.start,
      content: contentText(p.doc, predictedPieces(p.pred)),
      predictedType: p.pred.type,
      predictedSpeaker: p.pred.speaker?.name ?? null,
      predictedMention: p.pred.speaker?.mention ? p.doc.text.slice(p.pred.speaker.mention.start, p.pred.speaker.mention.end) : null,
    }));
  const wrongSpeaker: ErrorCase[] = golds
    .filter((g) => g.pred && g.gold.source && !speakerCorrect(g.doc.text, g.pred.pred, g.gold.source))
    .map((g) => ({
      docId: g.doc.docId,
      start: g.gold.content[0].start,
      content: contentText(g.doc, g.gold.content),
      goldClass: g.cls,
      goldSource: srcText(g),
      predictedType: g.pred!.pred.type,
      predictedSpeaker: g.pred!.pred.speaker?.name ?? null,
      predictedMention: g.pred!.pred.speaker?.mention
        ? g.doc.text.slice(g.pred!.pred.speaker.mention.start, g.pred!.pred.speaker.mention.end)
        : null,
    }));
  const byPosition = (a: ErrorCase, b: ErrorCase) => (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : a.start - b.start);

  return {
    documents: docs.length,
    predictions: preds.length,
    invalidPredictions,
    gold: {
      attributions,
      withoutContent,
      scored: golds.length,
      withSource: golds.filter((g) => g.gold.source).length,
      subset: golds.filter((g) => g.cls !== 'other').length,
      direct: golds.filter((g) => g.cls === 'direct').length,
      mixed: golds.filter((g) => g.cls === 'mixed').length,
      other: golds.filter((g) => g.cls === 'other').length,
    },
    rows,
    byType,
    errors: {
      missed: missed.sort(byPosition),
      falsePositive: falsePositive.sort(byPosition),
      wrongSpeaker: wrongSpeaker.sort(byPosition),
    },
  };
}
