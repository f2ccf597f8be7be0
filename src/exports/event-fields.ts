/** What the event exports (ACLED, PLOVER) read off an event: names, its date as a day, counts, the sentence. */
import type { AnalysisJson, EventJson } from '../api/analysis-json.js';

export function entityName(analysis: AnalysisJson, id: string | null | undefined): string | null {
  if (!id) return null;
  return analysis.entities.find((e) => e.id === id)?.name ?? null;
}

/** The event's day and how precise it is (ACLED time precision: 1 day, 2 week, 3 month or vaguer). */
export function eventDay(analysis: AnalysisJson, event: EventJson): { date: string; precision: 1 | 2 | 3 } | null {
  const value = event.date ? analysis.dates.find((d) => d.id === event.date)?.value : undefined;
  if (value && /^\d{4}-\d{2}-\d{2}$/.test(value)) return { date: value, precision: 1 };
  if (value && /^\d{4}-\d{2}$/.test(value)) return { date: `${value}-01`, precision: 3 };
  const published = analysis.document.publishedAt;
  return published ? { date: published, precision: 3 } : null;
}

/** Sum of the values of the figures attached with `role`, or null when none has a value. */
export function countOf(analysis: AnalysisJson, event: EventJson, role: string): number | null {
  let total: number | null = null;
  for (const link of event.figures ?? []) {
    if (link.role !== role) continue;
    const figure = analysis.figures.find((f) => f.id === link.figureId);
    const value = figure ? (figure.value ?? figure.min) : null;
    if (value !== null && value !== undefined) total = (total ?? 0) + value;
  }
  return total;
}

/** The sentence around the trigger: from the last sentence end before it to the next one after it. */
export function sentenceAround(text: string, start: number, end: number): string {
  let s = start;
  while (s > 0 && !/[.!?\n]/.test(text[s - 1]!)) s--;
  let e = end;
  while (e < text.length && !/[.!?\n]/.test(text[e]!)) e++;
  if (e < text.length && text[e] !== '\n') e++;
  return text.slice(s, e).trim();
}
