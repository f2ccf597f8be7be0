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
  type FramingProfileJson,
  type QuoteJson,
} from '../api/analysis-json.js';
import type { Document } from '../core/document.js';
import type { Diagnostic, Finding } from '../core/finding.js';
import { compareSpans } from '../core/span.js';
import { toolVersion } from './tool-version.js';

/**
 * Which record kind fills which contract array. A record kind an analysis declares that is not
 * listed here stays internal (tokens, sentences, mentions, cue candidates...). Each listed kind's
 * `data` holds the contract fields of that array's objects except `id`, `analysis`, `basis`,
 * `reason` and `evidence`, which come from the finding itself.
 */
export const CONTRACT_ARRAYS = {
  entity: 'entities',
  quote: 'quotes',
  figure: 'figures',
  'date-mention': 'dates',
  'framing-mark': 'framing',
  claim: 'claims',
  event: 'events',
} as const;

export type ContractKind = keyof typeof CONTRACT_ARRAYS;
type ContractArray = (typeof CONTRACT_ARRAYS)[ContractKind];

export function isContractKind(kind: string): kind is ContractKind {
  return Object.prototype.hasOwnProperty.call(CONTRACT_ARRAYS, kind);
}

/** A bug in how analyses compose: two producers of one contract array, or one id used twice. */
export class CompositionError extends Error {}

/** What the serialiser needs of a run: the findings by analysis and the diagnostics, in pipeline order. */
export interface SerialisableResult {
  readonly findings: Readonly<Record<string, readonly Finding[]>>;
  readonly diagnostics: readonly Diagnostic[];
}

function toRecord(finding: Finding): Record<string, unknown> {
  const record: Record<string, unknown> = { id: finding.id, analysis: finding.analysis, ...(finding.data as object) };
  if (finding.basis !== undefined) record.basis = finding.basis;
  if (finding.reason !== undefined) record.reason = finding.reason;
  if (finding.evidence !== undefined && finding.evidence.length > 0) record.evidence = [...finding.evidence];
  return record;
}

/**
 * The serialiser behind `analyze --json`, `show`, the API and the exports: one place, one shape.
 * It fails loudly (CompositionError) when two analyses fill the same contract array or two records
 * share an id in one document, since either would make `evidence` and review links ambiguous.
 */
export function toAnalysisJson(document: Document, result: SerialisableResult): AnalysisJson {
  const arrays: Record<ContractArray, Finding[]> = {
    entities: [],
    quotes: [],
    figures: [],
    dates: [],
    framing: [],
    claims: [],
    events: [],
  };
  let framingProfile: FramingProfileJson | undefined;
  const producers = new Map<ContractArray, string>();
  const ids = new Map<string, string>();
  for (const [analysisId, findings] of Object.entries(result.findings)) {
    for (const finding of findings) {
      if (finding.kind === 'framing-profile') {
        framingProfile = finding.data as FramingProfileJson;
        continue;
      }
      if (!isContractKind(finding.kind)) continue;
      const target = CONTRACT_ARRAYS[finding.kind];
      const producer = producers.get(target);
      if (producer !== undefined && producer !== analysisId) {
        throw new CompositionError(`document ${document.id}: "${target}" is produced by both "${producer}" and "${analysisId}"; a contract array has one producer`);
      }
      producers.set(target, analysisId);
      const owner = ids.get(finding.id);
      if (owner !== undefined) {
        throw new CompositionError(`document ${document.id}: record id "${finding.id}" is used twice (${owner} and ${finding.kind} from ${analysisId})`);
      }
      ids.set(finding.id, `${finding.kind} from ${analysisId}`);
      arrays[target].push(finding);
    }
  }
  const sorted = <T>(key: ContractArray): T[] =>
    arrays[key]
      .slice()
      .sort((a, b) => compareSpans(a.span, b.span) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((finding) => toRecord(finding) as T);
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
    ...(framingProfile ? { framingProfile } : {}),
  };
}
