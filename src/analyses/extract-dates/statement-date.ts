/**
 * The statement date of a quote: the date written in its attribution clause ("admitted on March 4,
 * 2021", "said on Monday", "told reporters last week"). Pure: it reads only the clause's span and the
 * document's date-mention records, so extract-quotes can call it with what it already has.
 */
import type { Finding } from '../../core/finding.js';
import type { Span } from '../../core/span.js';
import type { DateMentionData } from './extract-dates.js';

export interface StatementDate {
  /** The TIMEX3 value of the date mention. */
  readonly value: string;
  /** The written date. */
  readonly mention: Span;
  /** The basis of the date record: `stated` when written in full, `inferred` when anchored. */
  readonly basis: 'stated' | 'inferred';
  /** The id of the date record, for the quote's `evidence`. */
  readonly evidenceId: string;
}

interface Range {
  readonly start: number;
  readonly end: number;
}

/** Dates that can date a statement: points in time, not durations ("for two years") or sets ("every week"). */
function isPointInTime(finding: Finding<'date-mention'>): boolean {
  const data = finding.data as DateMentionData;
  return data.type === 'DATE' || data.type === 'TIME';
}

/** A reference date written against the cue, as the comment in `statementDate` says. */
function againstCue(date: Finding<'date-mention'>, cue: Range & { readonly text?: string }): boolean {
  if (cue.start - date.span.end === 1) return true;
  const after = date.span.start - cue.end;
  if (after === 1 && date.span.text.endsWith('ly')) return true;
  return after >= 1 && after <= 3 && cue.text !== undefined && cue.text.toLowerCase() === 'according to';
}

/** `PRESENT_REF`, `PAST_REF`, `FUTURE_REF`: a time named only as now, before or after. */
function isReference(finding: Finding<'date-mention'>): boolean {
  return (finding.data as DateMentionData).value.endsWith('_REF');
}

/**
 * The date written inside `clause` (the attribution: cue and speaker, e.g. `Iran admitted on March 4`),
 * or null. With several and a `cue`, the nearest after the cue ("said on Friday", "told reporters last
 * week"), else the nearest before it ("on Friday said"): a date before the cue more often belongs to an
 * apposition ("the union, founded in 1990, said"). Without a cue, the first.
 */
export function statementDate(clause: Range, dates: readonly Finding[], cue?: Range & { readonly text?: string }): StatementDate | null {
  let best: Finding<'date-mention'> | null = null;
  let bestDistance = Infinity;
  for (const finding of dates) {
    if (finding.kind !== 'date-mention') continue;
    const date = finding as Finding<'date-mention'>;
    if (date.span.start < clause.start || date.span.end > clause.end || !isPointInTime(date)) continue;
    // A vague reference (`now`, `recently`, `currently`) dates the statement only written against its cue: right
    // before it (`now say`, `recently said`), an adverb right after it (`warned recently that`), or the source's
    // own age after `according to` (`according to a recent report`). Elsewhere in the clause it is the quoted
    // matter's (`said recent reservations were better`, `said the company now planned`). The future (`soon`, `the
    // future`) never dates one.
    if (isReference(date) && (!cue || date.data.value === 'FUTURE_REF' || !againstCue(date, cue))) continue;
    const distance = !cue ? date.span.start - clause.start : date.span.start >= cue.end ? date.span.start - cue.end : clause.end - clause.start + cue.start - date.span.end;
    if (distance < bestDistance) {
      best = date;
      bestDistance = distance;
    }
  }
  if (!best) return null;
  return { value: best.data.value, mention: best.span, basis: best.basis ?? 'stated', evidenceId: best.id };
}
