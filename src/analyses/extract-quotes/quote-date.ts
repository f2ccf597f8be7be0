import type { QuoteDateJson, SpanJson } from '../../api/analysis-json.js';
import { lastStartingAtOrBefore, type Finding } from '../../core/finding.js';
import { spansOverlap } from '../../core/span.js';
import { statementDate } from '../extract-dates/statement-date.js';

/**
 * A quote's statement date: the date written in the sentence of its cue, outside the quoted words
 * (`admitted on March 4, 2021`, `said on Monday`, `“…,” she told reporters last week`). Dates inside
 * the quote are the speaker's words about something else. Null without a cue or a date.
 */
export function quoteDate(
  cue: SpanJson | null,
  pieces: readonly { start: number; end: number }[],
  sentences: readonly Finding[],
  dates: readonly Finding[],
): { date: QuoteDateJson; evidence: string } | null {
  if (!cue || dates.length === 0) return null;
  const sentence = sentenceAt(sentences, cue.start);
  if (!sentence) return null;
  // Only the dates of this sentence (dates are in text order): a scan of every date per quote is quadratic
  // in quote-dense text.
  const inSentence: Finding[] = [];
  for (let i = Math.max(0, lastStartingAtOrBefore(dates, sentence.span.start)); i < dates.length && dates[i]!.span.start < sentence.span.end; i++) {
    if (dates[i]!.span.start >= sentence.span.start) inSentence.push(dates[i]!);
  }
  const outside = inSentence.filter((date) => !pieces.some((piece) => spansOverlap(piece, date.span)));
  const found = statementDate(sentence.span, outside, cue);
  if (!found) return null;
  const mention = { start: found.mention.start, end: found.mention.end, text: found.mention.text };
  return { date: { value: found.value, mention, basis: found.basis }, evidence: found.evidenceId };
}

function sentenceAt(sentences: readonly Finding[], offset: number): Finding | null {
  const found = sentences[lastStartingAtOrBefore(sentences, offset)];
  return found && offset < found.span.end ? found : null;
}
