/**
 * CSV (RFC 4180): comma-separated, CRLF line ends, every field quoted when it holds a comma, a quote,
 * CR or LF, quotes doubled. UTF-8, with an optional byte order mark for spreadsheets that guess the
 * encoding otherwise. A text cell that a spreadsheet would read as a formula (starting with `=`, `+`,
 * `-`, `@`, a tab or CR, as the OWASP CSV-injection guidance lists) gets a leading `'`; numbers are
 * written as numbers and never altered.
 */
import type { AnalysisJson, EntityJson } from '../api/analysis-json.js';
import { CSV_TABLES, type CsvTable, type ExportFile, type ExportOptions, type ExportResult } from './types.js';

export type Cell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made safe for spreadsheets: `=1+1` → `'=1+1`. */
export function guardFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? guardFormula(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvText(header: readonly string[], rows: readonly (readonly Cell[])[], bom = false): string {
  const lines = [header.map(csvField).join(','), ...rows.map((row) => row.map(csvField).join(','))];
  return `${bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}

function entityName(analysis: AnalysisJson, id: string | null | undefined): string | null {
  if (!id) return null;
  return analysis.entities.find((e: EntityJson) => e.id === id)?.name ?? null;
}

const TABLES: Record<CsvTable, { header: string[]; rows: (analysis: AnalysisJson) => Cell[][] }> = {
  quotes: {
    header: ['document_id', 'id', 'type', 'speaker', 'speaker_entity_id', 'speaker_basis', 'cue', 'cue_lemma', 'stance', 'date', 'content', 'start', 'end'],
    rows: (a) =>
      a.quotes.map((q) => [
        a.document.id,
        q.id,
        q.type,
        q.speaker?.name ?? null,
        q.speaker?.entityId ?? null,
        q.speaker?.basis ?? null,
        q.cue?.span.text ?? null,
        q.cue?.lemma ?? null,
        q.cue?.stance ?? null,
        q.date?.value ?? null,
        q.content.text,
        q.content.start,
        q.content.end,
      ]),
  },
  figures: {
    header: ['document_id', 'id', 'text', 'value', 'min', 'max', 'approx', 'unit', 'counted', 'claimant', 'voice', 'quote_id', 'start', 'end'],
    rows: (a) =>
      a.figures.map((f) => [a.document.id, f.id, f.span.text, f.value, f.min, f.max, f.approx, f.unit, f.counted, f.claimant?.name ?? null, f.voice, f.quoteId, f.span.start, f.span.end]),
  },
  claims: {
    header: ['document_id', 'id', 'text', 'claimant', 'claimant_entity_id', 'voice', 'check_worthiness', 'evidence', 'start', 'end'],
    rows: (a) =>
      a.claims.map((c) => [
        a.document.id,
        c.id,
        c.span.text,
        c.claimant?.name ?? null,
        c.claimant?.entityId ?? null,
        c.voice,
        c.checkWorthiness,
        (c.evidence ?? []).join(' '),
        c.span.start,
        c.span.end,
      ]),
  },
  entities: {
    header: ['document_id', 'id', 'type', 'name', 'aliases', 'roles', 'mentions', 'pronoun_mentions'],
    rows: (a) => a.entities.map((e) => [a.document.id, e.id, e.type, e.name, e.aliases.join(' | '), e.roles.join(' | '), e.mentions.length, e.pronounMentions.length]),
  },
  events: {
    header: ['document_id', 'id', 'type', 'plover', 'mode', 'modality', 'trigger', 'actors', 'recipients', 'date', 'place', 'figures', 'start', 'end'],
    rows: (a) =>
      a.events.map((v) => [
        a.document.id,
        v.id,
        v.type,
        v.plover,
        v.mode ?? null,
        v.modality ?? null,
        v.span.text,
        v.actors.map((id) => entityName(a, id) ?? id).join(' | '),
        (v.recipients ?? []).map((id) => entityName(a, id) ?? id).join(' | '),
        v.date ? (a.dates.find((d) => d.id === v.date)?.value ?? v.date) : null,
        entityName(a, v.place),
        (v.figures ?? []).map((f) => `${f.role}=${a.figures.find((x) => x.id === f.figureId)?.value ?? f.figureId}`).join(' | '),
        v.span.start,
        v.span.end,
      ]),
  },
};

export function csvHeader(table: CsvTable): readonly string[] {
  return TABLES[table].header;
}

export function exportCsv(analyses: readonly AnalysisJson[], options: ExportOptions): ExportResult {
  const tables = options.table ? [options.table] : [...CSV_TABLES];
  const files: ExportFile[] = [];
  let count = 0;
  const messages: string[] = [];
  for (const table of tables) {
    const rows = analyses.flatMap((a) => TABLES[table].rows(a));
    count += rows.length;
    if (rows.length === 0) messages.push(`${table}.csv: no ${table} in the selection (header only)`);
    files.push({ name: `${table}.csv`, mediaType: 'text/csv; charset=utf-8; header=present', content: csvText(TABLES[table].header, rows, options.bom) });
  }
  return { format: 'csv', files, messages, count };
}
