/**
 * The Citron quote format (BBC R&D, `docs/data_format.md` of bbc/citron): per document
 * `{ text, quotes: [{ cue, sources, contents, coreferences, id }] }`, spans `{ start, end, text }` with
 * offsets in code points (Citron is Python, whose strings index code points). As in Citron, a content
 * span includes its quotation marks when the text has them. One document per line (JSONL).
 */
import type { AnalysisJson, QuoteJson, SpanJson } from '../api/analysis-json.js';
import { createCodePointIndex, type CodePointIndex } from './code-points.js';
import type { ExportOptions, ExportResult } from './types.js';

export interface CitronSpan {
  start: number;
  end: number;
  text: string;
}

export interface CitronQuote {
  cue: CitronSpan;
  sources: CitronSpan[];
  contents: CitronSpan[];
  coreferences: CitronSpan[];
  id?: string;
  confidence?: number;
}

export interface CitronDocument {
  text: string;
  quotes: CitronQuote[];
}

const OPENING = /["“‘«„']/;
const CLOSING = /["”’»“']/;

function citronSpan(text: string, index: CodePointIndex, start: number, end: number): CitronSpan {
  return { start: index.toCodePoint(start), end: index.toCodePoint(end), text: text.slice(start, end) };
}

/** A content piece widened over the quotation marks around it, as Citron writes contents. */
function withMarks(text: string, span: SpanJson): [number, number] {
  let start = span.start;
  let end = span.end;
  if (start > 0 && OPENING.test(text[start - 1]!)) start--;
  // The closing mark may follow a comma or full stop that belongs to the quote: `…word,"`.
  if (end < text.length && CLOSING.test(text[end]!)) end++;
  else if (end + 1 < text.length && /[,.!?]/.test(text[end]!) && CLOSING.test(text[end + 1]!)) end += 2;
  return [start, end];
}

export function citronQuote(analysis: AnalysisJson, quote: QuoteJson, index: CodePointIndex): CitronQuote | null {
  const { text } = analysis.document;
  if (!quote.cue) return null;
  const pieces = quote.contents.length > 0 ? quote.contents : [quote.content];
  const mention = quote.speaker?.mention ?? null;
  const entity = quote.speaker?.entityId ? analysis.entities.find((e) => e.id === quote.speaker!.entityId) : undefined;
  // A pronoun or title as the source: the entity's named mentions are its coreferences.
  const coreferences =
    mention && entity ? entity.mentions.filter((m) => !(m.start === mention.start && m.end === mention.end) && m.end <= mention.start).slice(-1) : [];
  return {
    id: quote.id,
    cue: citronSpan(text, index, quote.cue.span.start, quote.cue.span.end),
    sources: mention ? [citronSpan(text, index, mention.start, mention.end)] : [],
    contents: pieces.map((piece) => {
      const [start, end] = withMarks(text, piece);
      return citronSpan(text, index, start, end);
    }),
    coreferences: quote.speaker?.basis === 'inferred' ? coreferences.map((m) => citronSpan(text, index, m.start, m.end)) : [],
  };
}

export function citronDocument(analysis: AnalysisJson): { document: CitronDocument; skipped: number } {
  const index = createCodePointIndex(analysis.document.text);
  const quotes: CitronQuote[] = [];
  let skipped = 0;
  for (const quote of analysis.quotes) {
    const q = citronQuote(analysis, quote, index);
    if (q) quotes.push(q);
    else skipped++;
  }
  return { document: { text: analysis.document.text, quotes }, skipped };
}

export function exportCitron(analyses: readonly AnalysisJson[], _options: ExportOptions): ExportResult {
  const lines: string[] = [];
  let skipped = 0;
  let count = 0;
  for (const analysis of analyses) {
    const part = citronDocument(analysis);
    lines.push(JSON.stringify(part.document));
    skipped += part.skipped;
    count += part.document.quotes.length;
  }
  const messages = skipped > 0 ? [`${skipped} quotes without a cue verb left out (Citron needs a cue)`] : [];
  return { format: 'citron', files: [{ name: 'citron.jsonl', mediaType: 'application/jsonl', content: lines.length ? `${lines.join('\n')}\n` : '' }], messages, count };
}
