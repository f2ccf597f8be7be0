import {
  ANALYSIS_SCHEMA,
  type AnalysisJson,
  type ClaimJson,
  type DateMentionJson,
  type DiagnosticJson,
  type EntityJson,
  type EventJson,
  type FigureJson,
  type FramingMarkJson,
  type QuoteJson,
} from '../api/analysis-json.js';
import type { Document } from '../core/document.js';
import type { Finding } from '../core/finding.js';
import type { AnalysesResult } from '../core/run-analyses.js';
import { compareSpans } from '../core/span.js';
import { toolVersion } from './tool-version.js';

/**
 * Which record kind fills which contract array. A record kind an analysis declares that is not
 * listed here stays internal (tokens, sentences, cue candidates...). Each listed kind's `data`
 * holds the contract fields of that array's objects except `id` and `analysis`.
 */
const CONTRACT_ARRAYS = {
  entity: 'entities',
  quote: 'quotes',
  figure: 'figures',
  'date-mention': 'dates',
  'framing-mark': 'framing',
  claim: 'claims',
  event: 'events',
} as const;

type ContractArray = (typeof CONTRACT_ARRAYS)[keyof typeof CONTRACT_ARRAYS];

function toRecord(finding: Finding): Record<string, unknown> {
  const record: Record<string, unknown> = { id: finding.id, analysis: finding.analysis, ...(finding.data as object) };
  if (finding.reason !== undefined) record.reason = finding.reason;
  if (finding.evidence !== undefined && finding.evidence.length > 0) record.evidence = [...finding.evidence];
  return record;
}

/** The serialiser behind `analyze --json`, the API and the store: one place, one shape. */
export function toAnalysisJson(document: Document, result: AnalysesResult): AnalysisJson {
  const arrays: Record<ContractArray, Array<{ record: Record<string, unknown>; finding: Finding }>> = {
    entities: [],
    quotes: [],
    figures: [],
    dates: [],
    framing: [],
    claims: [],
    events: [],
  };
  for (const findings of Object.values(result.findings)) {
    for (const finding of findings) {
      const target = (CONTRACT_ARRAYS as Record<string, ContractArray | undefined>)[finding.kind];
      if (target) arrays[target].push({ record: toRecord(finding), finding });
    }
  }
  const sorted = <T>(key: ContractArray): T[] =>
    arrays[key]
      .slice()
      .sort((a, b) => compareSpans(a.finding.span, b.finding.span) || (a.finding.id < b.finding.id ? -1 : 1))
      .map((entry) => entry.record as T);
  const diagnostics: DiagnosticJson[] = result.diagnostics.map((d) => ({
    severity: d.severity,
    message: d.message,
    span: d.span ? { start: d.span.start, end: d.span.end, text: d.span.text } : null,
    analysis: d.analysis,
  }));
  return {
    schema: ANALYSIS_SCHEMA,
    tool: { name: 'claimtrace', version: toolVersion },
    document: {
      id: document.id,
      title: document.title,
      url: document.url,
      publishedAt: document.publishedAt,
      format: document.format,
      contentHash: document.contentHash,
      length: document.text.length,
      text: document.text,
    },
    entities: sorted<EntityJson>('entities'),
    quotes: sorted<QuoteJson>('quotes'),
    figures: sorted<FigureJson>('figures'),
    dates: sorted<DateMentionJson>('dates'),
    framing: sorted<FramingMarkJson>('framing'),
    claims: sorted<ClaimJson>('claims'),
    events: sorted<EventJson>('events'),
    diagnostics,
  };
}
