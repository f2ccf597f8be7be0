/**
 * Cuts a document's text into segments for the reader: each segment is a run of text covered by the
 * same set of highlights, so overlapping and nested spans (a figure inside a quote) render as flat
 * siblings and every character of the text appears exactly once, as text.
 */
import type { AnalysisJson } from '../api/index.js';

export type HighlightKind = 'quote' | 'figure' | 'date' | 'framing' | 'claim' | 'speaker' | 'cue';
/** The kinds a user toggles and navigates; `speaker` and `cue` are parts of a quote. */
export type RecordKind = 'quote' | 'figure' | 'date' | 'framing' | 'claim';
export const RECORD_KINDS: readonly RecordKind[] = ['quote', 'figure', 'claim', 'framing', 'date'];

export interface Highlight {
  kind: HighlightKind;
  recordId: string;
  start: number;
  end: number;
  inferred: boolean;
  /** Index in the speaker palette (quotes, speaker mentions, cues). */
  colour: number;
}

export interface Segment {
  start: number;
  end: number;
  highlights: Highlight[];
}

/** Number of categorical colours for speakers within the quote colour family. */
export const SPEAKER_COLOURS = 8;

/** Speakers numbered by first quote, so one speaker keeps one colour throughout the document. */
export function speakerColours(analysis: AnalysisJson): Map<string, number> {
  const colours = new Map<string, number>();
  for (const quote of analysis.quotes) {
    const key = quote.speaker?.name ?? '';
    if (!colours.has(key)) colours.set(key, colours.size % SPEAKER_COLOURS);
  }
  return colours;
}

export function highlightsOf(analysis: AnalysisJson, kinds: ReadonlySet<RecordKind>): Highlight[] {
  const out: Highlight[] = [];
  const colours = speakerColours(analysis);
  if (kinds.has('quote')) {
    for (const quote of analysis.quotes) {
      const colour = colours.get(quote.speaker?.name ?? '') ?? 0;
      const pieces = quote.contents.length > 0 ? quote.contents : [quote.content];
      for (const piece of pieces) out.push({ kind: 'quote', recordId: quote.id, start: piece.start, end: piece.end, inferred: false, colour });
      if (quote.speaker?.mention) {
        const m = quote.speaker.mention;
        out.push({ kind: 'speaker', recordId: quote.id, start: m.start, end: m.end, inferred: quote.speaker.basis === 'inferred', colour });
      }
      if (quote.cue) out.push({ kind: 'cue', recordId: quote.id, start: quote.cue.span.start, end: quote.cue.span.end, inferred: false, colour });
    }
  }
  if (kinds.has('figure')) for (const f of analysis.figures) out.push({ kind: 'figure', recordId: f.id, start: f.span.start, end: f.span.end, inferred: false, colour: 0 });
  if (kinds.has('date')) for (const d of analysis.dates) out.push({ kind: 'date', recordId: d.id, start: d.span.start, end: d.span.end, inferred: d.basis === 'inferred', colour: 0 });
  // A phrase of the learned span model (reason `model/…`) is the model's reading, not a lexicon entry: drawn lighter,
  // as the framing profile leaves it out of its counts.
  if (kinds.has('framing')) for (const m of analysis.framing) out.push({ kind: 'framing', recordId: m.id, start: m.span.start, end: m.span.end, inferred: (m.reason ?? '').startsWith('model/'), colour: 0 });
  if (kinds.has('claim')) for (const c of analysis.claims) out.push({ kind: 'claim', recordId: c.id, start: c.span.start, end: c.span.end, inferred: false, colour: 0 });
  return out.filter((h) => h.end > h.start);
}

/** Flat segments covering [0, length): O((n + h) log h) with a sweep over the boundaries. */
export function segmentText(length: number, highlights: readonly Highlight[]): Segment[] {
  const bounds = new Set<number>([0, length]);
  for (const h of highlights) {
    bounds.add(Math.max(0, Math.min(length, h.start)));
    bounds.add(Math.max(0, Math.min(length, h.end)));
  }
  const points = [...bounds].sort((a, b) => a - b);
  const starts = new Map<number, Highlight[]>();
  for (const h of highlights) {
    const list = starts.get(h.start);
    if (list) list.push(h);
    else starts.set(h.start, [h]);
  }
  const segments: Segment[] = [];
  let open: Highlight[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    open = open.filter((h) => h.end > start);
    const begun = starts.get(start);
    if (begun) open.push(...begun);
    if (end > start) segments.push({ start, end, highlights: open.slice() });
  }
  return segments;
}

/** The record ids in reading order (first start), the order `j` and `k` move through. */
export function recordOrder(highlights: readonly Highlight[]): string[] {
  const first = new Map<string, number>();
  for (const h of highlights) {
    if (h.kind === 'speaker' || h.kind === 'cue') continue;
    const at = first.get(h.recordId);
    if (at === undefined || h.start < at) first.set(h.recordId, h.start);
  }
  return [...first].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
}
