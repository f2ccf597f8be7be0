/**
 * `X said that “…”`: quoted words right after the `that` of a reported clause (decision 0085).
 *
 * The writer has turned the speaker's words into the complement of a `that` clause, so the quote is mixed
 * and its content is the clause with its `that`, as indirect content is (decision 0018). PolNeAR train marks
 * the `that` in the content 52 times out of 53 in this construction.
 */
import type { Span } from '../../core/span.js';

/** The `that` written between the attribution and the opening mark, nothing but spaces after it. */
const THAT_BEFORE_MARK = /(?:^|[^\p{L}\p{N}])that\s*$/iu;

/**
 * The clause from `that` to the end of the closing mark when `that` stands right before the opening mark
 * of a quote led by its attribution; null otherwise.
 */
export function thatClauseOfQuote(text: string, leading: { end: number; reportStart: number }, open: number, afterClose: number): Span | null {
  if (Number.isNaN(leading.reportStart) || leading.reportStart < leading.end || leading.reportStart >= open) return null;
  const between = text.slice(leading.reportStart, open);
  if (!THAT_BEFORE_MARK.test(between) || !/^that\b/iu.test(between)) return null;
  let end = afterClose;
  while (end > open && /[\s,]/u.test(text[end - 1]!)) end--;
  return { start: leading.reportStart, end, text: text.slice(leading.reportStart, end) } as Span;
}
