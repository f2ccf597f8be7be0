/**
 * rank-claims: the check-worthy sentences of a document, each with a calibrated score, who makes the
 * claim (the quoted speaker, or the writer) and the records it rests on (quotes, figures, dates,
 * entities). The score comes from a logistic regression (models/claims.model, trained by
 * `npm run train -- claims` on CheckThat! 2024 train; see models/claims.card.md) over the features in
 * features.ts, calibrated by Platt scaling fitted on cross-validation folds of train.
 */
import type { ClaimantJson, ClaimJson } from '../../api/analysis-json.js';
import type { Analysis, AnalysisInputs, RunContext } from '../../core/analysis.js';
import type { Document } from '../../core/document.js';
import { findingsOfKind, type Finding } from '../../core/finding.js';
import { createRecordIds } from '../../core/record-id.js';
import { resourceValue } from '../../core/resources.js';
import { trimmedSpanAt } from '../../core/span.js';
import { DETECT_FRAMING_ID } from '../detect-framing/detect-framing.js';
import { EXTRACT_DATES_ID } from '../extract-dates/extract-dates.js';
import { EXTRACT_FIGURES_ID } from '../extract-figures/extract-figures.js';
import { EXTRACT_QUOTES_ID } from '../extract-quotes/extract-quotes.js';
import { RESOLVE_ALIASES_ID } from '../resolve-aliases/resolve-aliases.js';
import { SEGMENT_TEXT_ID } from '../segment-text/segment-text.js';
import { tokenTable } from '../segment-text/tokens.js';
import { claimLexicon, clusterWeights, documentRecords, FeatureBuffer, recordsIn, sentenceFeatures, type SentenceRecords } from './features.js';
import { CLAIM_MODEL, RANK_CLAIMS_RESOURCES, type ClaimModel } from './resource-ids.js';

export type ClaimData = Omit<ClaimJson, 'id' | 'analysis' | 'reason' | 'evidence'>;

declare module '../../core/finding.js' {
  interface FindingDataMap {
    claim: ClaimData;
  }
}

export const RANK_CLAIMS_ID = 'rank-claims';

/**
 * The calibrated probability that a sentence with these features is check-worthy; `extra` is log-odds
 * already summed (the cluster features, see `clusterWeights`).
 */
export function checkWorthiness(model: ClaimModel, features: Int32Array, extra = 0): number {
  const w = model.logOddsWeights;
  let z = model.logOddsBias + extra;
  for (let i = 0; i < features.length; i++) z += w[features[i]!]!;
  return 1 / (1 + Math.exp(-(model.plattA * z + model.plattB)));
}

/** One scored sentence of a document. */
export interface ScoredSentence {
  readonly start: number;
  readonly end: number;
  readonly score: number;
  readonly records: SentenceRecords;
}

/**
 * Every sentence of the document with its calibrated score: what the analysis keeps the claims of,
 * and what the evaluator scores.
 */
export function scoreSentences(document: Document, inputs: AnalysisInputs, context: RunContext): ScoredSentence[] {
  const model = resourceValue(context.resources, CLAIM_MODEL);
  const mask = model.classifier.buckets - 1;
  const lex = claimLexicon(context.resources, mask);
  const summed = clusterWeights(model.logOddsWeights, lex);
  const segment = inputs[SEGMENT_TEXT_ID] ?? [];
  const tokens = tokenTable(segment);
  const sentences = findingsOfKind(segment, 'sentence');
  const records = documentRecords(inputs);
  const buffer = new FeatureBuffer();
  const out: ScoredSentence[] = [];
  let t = 0;
  for (let s = 0; s < sentences.length; s++) {
    const sentence = sentences[s]!;
    while (t < tokens.count && tokens.starts[t]! < sentence.span.start) t++;
    const from = t;
    while (t < tokens.count && tokens.starts[t]! < sentence.span.end) t++;
    if (t === from) continue;
    const sentenceRecords = recordsIn(records, sentence.span.start, sentence.span.end);
    buffer.clear();
    const clusterLogOdds = sentenceFeatures(document.text, tokens, from, t, sentenceRecords, lex, mask, buffer, summed);
    out.push({ start: sentence.span.start, end: sentence.span.end, score: checkWorthiness(model, buffer.view(), clusterLogOdds), records: sentenceRecords });
  }
  return out;
}

/** The quote whose content covers the most of the sentence, if any. */
function mainQuote(records: SentenceRecords, start: number, end: number): { quote: Finding<'quote'>; start: number; end: number } | null {
  let best: { quote: Finding<'quote'>; start: number; end: number } | null = null;
  let bestCovered = 0;
  for (const quote of records.quotes) {
    let covered = 0;
    let first = Infinity;
    let last = -1;
    for (const piece of quote.data.contents) {
      const s = Math.max(start, piece.start);
      const e = Math.min(end, piece.end);
      if (e <= s) continue;
      covered += e - s;
      first = Math.min(first, s);
      last = Math.max(last, e);
    }
    if (covered > bestCovered) [best, bestCovered] = [{ quote, start: first, end: last }, covered];
  }
  return best;
}

function claimantOfQuote(quote: Finding<'quote'>): ClaimantJson | null {
  const speaker = quote.data.speaker;
  return speaker && speaker.name ? { entityId: speaker.entityId, name: speaker.name, basis: speaker.basis } : null;
}

/** What the claim rests on, as the reason a reader sees. */
function reasonOf(records: SentenceRecords, quoted: boolean): string {
  const parts: string[] = [];
  if (quoted) parts.push('quote');
  if (records.figures.length > 0) parts.push('figure');
  if (records.dates.length > 0) parts.push('date');
  if (records.mentions.length > 0) parts.push('entity');
  return `model/claims${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
}

/** The ids of the quotes, figures and dates of a claim, then of the entities it mentions (each once), in that order. */
function evidenceOf(records: SentenceRecords): string[] {
  const out: string[] = [];
  for (const q of records.quotes) out.push(q.id);
  for (const f of records.figures) out.push(f.id);
  for (const d of records.dates) out.push(d.id);
  const start = out.length;
  for (const m of records.mentions) if (!out.includes(m.entityId, start)) out.push(m.entityId);
  return out;
}

/** A letter or a digit: what a dateline has only inside its dates and names. */
const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/**
 * A dateline or a date on a line of its own (`Tuesday, September 10, 2019`, `ROTTERDAM, March 4, 2024`): every letter
 * and digit of the sentence lies inside a date or a name, so it states nothing a reader could check.
 */
function onlyDatesAndNames(text: string, start: number, end: number, records: SentenceRecords): boolean {
  if (records.dates.length === 0) return false;
  const spans = [...records.dates.map((d) => d.span), ...records.mentions].sort((a, b) => a.start - b.start);
  let at = start;
  for (const span of spans) {
    if (span.start > at && WORD_CHARACTER.test(text.slice(at, span.start))) return false;
    at = Math.max(at, span.end);
  }
  return !WORD_CHARACTER.test(text.slice(at, end));
}

function rank(document: Document, inputs: AnalysisInputs, context: RunContext): Finding[] {
  const model = resourceValue(context.resources, CLAIM_MODEL);
  const ids = createRecordIds();
  const out: Finding[] = [];
  for (const scored of scoreSentences(document, inputs, context)) {
    if (scored.score < model.threshold) continue;
    if (onlyDatesAndNames(document.text, scored.start, scored.end, scored.records)) continue;
    const sentence = trimmedSpanAt(document, scored.start, scored.end);
    const quoted = mainQuote(scored.records, sentence.start, sentence.end);
    const span = quoted ? trimmedSpanAt(document, quoted.start, quoted.end) : sentence;
    let claimant: ClaimantJson | null = quoted ? claimantOfQuote(quoted.quote) : null;
    // A figure's claimant ("according to the ministry, 40 people...") names who makes an unquoted claim.
    if (!quoted) claimant = scored.records.figures.find((f) => f.data.claimant !== null)?.data.claimant ?? null;
    const evidence = evidenceOf(scored.records);
    out.push({
      id: ids('c', span),
      analysis: RANK_CLAIMS_ID,
      kind: 'claim',
      span,
      data: {
        span: { start: span.start, end: span.end, text: span.text },
        sentence: { start: sentence.start, end: sentence.end, text: sentence.text },
        claimant,
        voice: quoted ? 'quoted' : 'author',
        checkWorthiness: Math.round(scored.score * 1000) / 1000,
      },
      basis: 'inferred',
      reason: reasonOf(scored.records, quoted !== null),
      ...(evidence.length > 0 ? { evidence } : {}),
    });
  }
  return out;
}

/** Check-worthy sentences and quotes with a calibrated score, claimant and evidence. */
export const rankClaims: Analysis = {
  id: RANK_CLAIMS_ID,
  version: '25',
  needs: [SEGMENT_TEXT_ID],
  uses: [RESOLVE_ALIASES_ID, EXTRACT_DATES_ID, EXTRACT_QUOTES_ID, EXTRACT_FIGURES_ID, DETECT_FRAMING_ID],
  emits: ['claim'],
  resources: RANK_CLAIMS_RESOURCES,
  describe: 'Check-worthy sentences and quotes, each with a calibrated check-worthiness score, its claimant and the quotes, figures, dates and entities it rests on.',
  run: rank,
};
