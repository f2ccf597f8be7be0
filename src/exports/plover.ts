/**
 * Events as PLOVER JSON records (PLOVER manual, chapter "Data Fields", Open Event Data Alliance), one
 * per line as the manual suggests (JSONL). Required there: `id`, `date`, `actor`, `event`; events with
 * neither a dated mention nor a publication date, negated or planned ones, and plain statements
 * (`OTHER`: no PLOVER category) are left out and counted. `text_info` offsets count code points.
 */
import type { AnalysisJson, EventJson } from '../api/analysis-json.js';
import { createCodePointIndex } from './code-points.js';
import { countOf, entityName, eventDay } from './event-fields.js';
import type { ExportOptions, ExportResult } from './types.js';

export interface PloverRecord {
  id: string;
  date: string;
  actor: { entity_text: string; identifier_id: string }[];
  recipient: { entity_text: string; identifier_id: string }[];
  event: string[];
  mode: string[];
  event_loc?: { extracted_place: string };
  event_text: string[];
  text_info: { start: number; end: number };
  cite_info: { url?: string; title?: string; coder: string; codebook: string };
  size?: { dead?: number; arrested?: number };
  coded_date: string;
  comment: string;
}

export function ploverRecord(analysis: AnalysisJson, event: EventJson, options: ExportOptions): PloverRecord | null {
  const day = eventDay(analysis, event);
  if (!day || event.plover === 'OTHER' || (event.modality ?? 'asserted') !== 'asserted') return null;
  const index = createCodePointIndex(analysis.document.text);
  const place = entityName(analysis, event.place);
  const dead = countOf(analysis, event, 'killed');
  const arrested = countOf(analysis, event, 'detained');
  const { document } = analysis;
  return {
    id: `${document.id}:${event.id}`,
    date: day.date,
    actor: event.actors.map((id) => ({ entity_text: entityName(analysis, id) ?? id, identifier_id: `${document.id}:${id}` })),
    recipient: (event.recipients ?? []).map((id) => ({ entity_text: entityName(analysis, id) ?? id, identifier_id: `${document.id}:${id}` })),
    event: [event.plover],
    mode: event.mode ? [event.mode] : [],
    ...(place ? { event_loc: { extracted_place: place } } : {}),
    event_text: [event.span.text],
    text_info: { start: index.toCodePoint(event.span.start), end: index.toCodePoint(event.span.end) },
    cite_info: {
      ...(document.url ? { url: document.url } : {}),
      ...(document.title ? { title: document.title } : {}),
      coder: `claimtrace ${options.toolVersion}`,
      codebook: 'PLOVER 2021 (CAMEO2PLOVER-2021)',
    },
    ...(dead !== null || arrested !== null ? { size: { ...(dead !== null ? { dead } : {}), ...(arrested !== null ? { arrested } : {}) } } : {}),
    coded_date: options.today,
    comment: `claimtrace ${event.type}${day.precision === 1 ? '' : '; date is the publication date or a month'}`,
  };
}

export function exportPlover(analyses: readonly AnalysisJson[], options: ExportOptions): ExportResult {
  const lines: string[] = [];
  let skipped = 0;
  for (const analysis of analyses) {
    for (const event of analysis.events) {
      const record = ploverRecord(analysis, event, options);
      if (record) lines.push(JSON.stringify(record));
      else skipped++;
    }
  }
  const messages = skipped > 0 ? [`${skipped} events left out: plain statements (no PLOVER category), negated or planned events, or no date`] : [];
  return { format: 'plover', files: [{ name: 'plover.jsonl', mediaType: 'application/jsonl', content: lines.length ? `${lines.join('\n')}\n` : '' }], messages, count: lines.length };
}
