import type { ClaimantJson, FigureJson, SpanJson } from '../../api/analysis-json.js';
import type { Analysis, AnalysisInputs, RunContext } from '../../core/analysis.js';
import type { Document } from '../../core/document.js';
import { findingsOfKind, type Finding } from '../../core/finding.js';
import { createRecordIds } from '../../core/record-id.js';
import { lastAtOrBefore } from '../../core/search.js';
import { spanAt, type Span } from '../../core/span.js';
import { EXTRACT_QUOTES_ID } from '../extract-quotes/extract-quotes.js';
import { SEGMENT_TEXT_ID } from '../segment-text/segment-text.js';
import { claimantOf, createSentenceCache, indexQuotePieces, type QuoteRef, type Range } from './claimant.js';
import { findFigures, inheritUnits } from './find-figures.js';
import { figureLexicon, isCaseless } from './lexicon.js';
import { COUNTED_LEMMAS, EXTRACT_FIGURES_RESOURCES } from './resource-ids.js';
import { countedLemma, irregularPlurals } from './lemma.js';
import { resourceValue } from '../../core/resources.js';

export type FigureData = Omit<FigureJson, 'id' | 'analysis' | 'reason' | 'evidence'>;

declare module '../../core/finding.js' {
  interface FindingDataMap {
    figure: FigureData;
  }
}

export const EXTRACT_FIGURES_ID = 'extract-figures';

function toSpanJson(span: Span): SpanJson {
  return { start: span.start, end: span.end, text: span.text };
}

/** The sentence holding `offset`, or the whole text when there are no sentences. */
function sentenceAt(sentences: readonly Range[], offset: number, length: number): Range {
  const s = sentences[lastAtOrBefore(sentences.length, (i) => sentences[i]!.start, offset)];
  return s && offset < s.end ? s : { start: 0, end: length };
}

/** Quantities with their value, bounds, unit, counted noun and claimant. */
export const extractFigures: Analysis = {
  id: EXTRACT_FIGURES_ID,
  version: '29',
  needs: [SEGMENT_TEXT_ID],
  uses: [EXTRACT_QUOTES_ID],
  emits: ['figure'],
  resources: EXTRACT_FIGURES_RESOURCES,
  describe: 'Quantities in digits or words with value, range, approximation, unit or currency, the noun counted and who claims them.',
  run(document: Document, inputs: AnalysisInputs, context: RunContext): Finding[] {
    const { text } = document;
    const cased = figureLexicon(context.resources);
    // A text without capitals (lower-cased copy, chat, some feeds) reads months and unit symbols whatever their case.
    const lex = isCaseless(text) ? cased.caseless : cased;
    const lemmas = resourceValue(context.resources, COUNTED_LEMMAS);
    const sentences = findingsOfKind(inputs[SEGMENT_TEXT_ID] ?? [], 'sentence').map((s) => s.span);
    const quotes: QuoteRef[] = findingsOfKind(inputs[EXTRACT_QUOTES_ID] ?? [], 'quote').map((q) => {
      const speaker = q.data.speaker;
      const claimant: ClaimantJson | null = speaker && speaker.name !== null ? { entityId: speaker.entityId, name: speaker.name, basis: speaker.basis } : null;
      return { id: q.id, pieces: q.data.contents, claimant };
    });
    const pieces = indexQuotePieces(quotes);
    const ids = createRecordIds();
    const out: Finding[] = [];
    const cache = createSentenceCache();
    const raws = findFigures(lex, text, { nounMarkers: lex.nounMarkers, irregularPlurals: irregularPlurals(lemmas) });
    inheritUnits(lex, text, raws, (offset) => sentenceAt(sentences, offset, text.length).start);
    for (const raw of raws) {
      const span = spanAt(text, raw.start, raw.end);
      const who = claimantOf(lex, text, raw, sentenceAt(sentences, raw.start, text.length), pieces, cache);
      const data: FigureData = {
        span: toSpanJson(span),
        value: raw.value,
        min: raw.min,
        max: raw.max,
        approx: raw.approx,
        unit: raw.unit,
        counted: raw.counted ? text.slice(raw.counted.start, raw.counted.end) : null,
        counting: raw.counted ? { span: toSpanJson(spanAt(text, raw.counted.start, raw.counted.end)), lemma: countedLemma(lemmas, text.slice(raw.counted.start, raw.counted.end)) } : null,
        claimant: who.claimant,
        voice: who.voice,
        quoteId: who.quoteId,
      };
      out.push({
        id: ids('f', span),
        analysis: EXTRACT_FIGURES_ID,
        kind: 'figure',
        span,
        data,
        basis: raw.inferred ? 'inferred' : 'stated',
        reason: `${raw.reason}; claimant: ${who.reason}`,
        ...(who.quoteId ? { evidence: [who.quoteId] } : {}),
      });
    }
    return out;
  },
};
