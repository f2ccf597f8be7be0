/**
 * Events in the column layout of ACLED exports (ACLED Codebook, 2023): one CSV row per event that the
 * text says happened (`modality: asserted`; statements are not ACLED events). What a text cannot say
 * (coordinates, ISO country code, administrative areas, actor interaction codes) stays empty for the
 * analyst to fill; `notes` is the sentence the event was read from, `tags` the crowd size when counted.
 */
import type { AnalysisJson, EventJson } from '../api/analysis-json.js';
import { csvText, type Cell } from './csv.js';
import { countOf, entityName, eventDay, sentenceAround } from './event-fields.js';
import type { ExportOptions, ExportResult } from './types.js';

export const ACLED_COLUMNS = [
  'event_id_cnty', 'event_date', 'year', 'time_precision', 'disorder_type', 'event_type', 'sub_event_type',
  'actor1', 'assoc_actor_1', 'inter1', 'actor2', 'assoc_actor_2', 'inter2', 'interaction', 'civilian_targeting',
  'iso', 'region', 'country', 'admin1', 'admin2', 'admin3', 'location', 'latitude', 'longitude', 'geo_precision',
  'source', 'source_scale', 'notes', 'fatalities', 'tags', 'timestamp',
] as const;

/** ACLED disorder type, event type and sub-event type of a claimtrace event (ACLED Codebook 2023, section 3). */
export function acledTypes(event: EventJson): [string, string, string] | null {
  switch (event.type) {
    case 'protest':
    case 'strike':
      return ['Demonstrations', 'Protests', 'Peaceful protest'];
    case 'riot':
      return ['Demonstrations', 'Riots', 'Violent demonstration'];
    case 'arrest':
      return ['Strategic developments', 'Strategic developments', 'Arrests'];
    case 'agreement':
      return ['Strategic developments', 'Strategic developments', 'Agreement'];
    case 'killing':
    case 'execution':
      return ['Political violence', 'Violence against civilians', 'Attack'];
    case 'attack':
      if (event.lemma === 'air strike' || event.lemma === 'drone strike') return ['Political violence', 'Explosions/Remote violence', 'Air/drone strike'];
      if (event.mode === 'suicide-attack') return ['Political violence', 'Explosions/Remote violence', 'Suicide bomb'];
      if (event.mode === 'explosives') return ['Political violence', 'Explosions/Remote violence', 'Remote explosive/landmine/IED'];
      if (event.mode === 'heavy-weapons') return ['Political violence', 'Explosions/Remote violence', 'Shelling/artillery/missile attack'];
      if (event.mode === 'abduct') return ['Political violence', 'Violence against civilians', 'Abduction/forced disappearance'];
      return ['Political violence', 'Violence against civilians', 'Attack'];
    default:
      return null;
  }
}

export function acledRows(analysis: AnalysisJson): { rows: Cell[][]; skipped: number } {
  const rows: Cell[][] = [];
  let skipped = 0;
  for (const event of analysis.events) {
    const types = acledTypes(event);
    const day = eventDay(analysis, event);
    if (!types || (event.modality ?? 'asserted') !== 'asserted' || !day) {
      skipped++;
      continue;
    }
    const actors = event.actors.map((id) => entityName(analysis, id) ?? id);
    const recipients = (event.recipients ?? []).map((id) => entityName(analysis, id) ?? id);
    const crowd = countOf(analysis, event, 'participants');
    const row: Record<(typeof ACLED_COLUMNS)[number], Cell> = {
      event_id_cnty: `${analysis.document.id}:${event.id}`,
      event_date: day.date,
      year: Number(day.date.slice(0, 4)),
      time_precision: day.precision,
      disorder_type: types[0],
      event_type: types[1],
      sub_event_type: types[2],
      actor1: actors[0] ?? null,
      assoc_actor_1: actors.slice(1).join('; ') || null,
      inter1: null,
      actor2: recipients[0] ?? null,
      assoc_actor_2: recipients.slice(1).join('; ') || null,
      inter2: null,
      interaction: null,
      civilian_targeting: null,
      iso: null,
      region: null,
      country: null,
      admin1: null,
      admin2: null,
      admin3: null,
      location: entityName(analysis, event.place),
      latitude: null,
      longitude: null,
      geo_precision: null,
      source: analysis.document.title ?? analysis.document.url ?? analysis.document.id,
      source_scale: null,
      notes: sentenceAround(analysis.document.text, event.span.start, event.span.end),
      fatalities: countOf(analysis, event, 'killed') ?? 0,
      tags: crowd !== null && (event.type === 'protest' || event.type === 'strike' || event.type === 'riot') ? `crowd size=${crowd}` : null,
      timestamp: null,
    };
    rows.push(ACLED_COLUMNS.map((c) => row[c]));
  }
  return { rows, skipped };
}

export function exportAcled(analyses: readonly AnalysisJson[], options: ExportOptions): ExportResult {
  const rows: Cell[][] = [];
  let skipped = 0;
  for (const analysis of analyses) {
    const part = acledRows(analysis);
    rows.push(...part.rows);
    skipped += part.skipped;
  }
  const messages: string[] = [];
  if (skipped > 0) messages.push(`${skipped} events left out: statements, negated or planned events, or no date and no publication date`);
  if (rows.length === 0) messages.push('no ACLED events in the selection (header only)');
  return { format: 'acled', files: [{ name: 'acled.csv', mediaType: 'text/csv; charset=utf-8; header=present', content: csvText(ACLED_COLUMNS, rows, options.bom) }], messages, count: rows.length };
}
