/**
 * Adapter for the npm package `quote-parser` (a regex-based extractor of direct quotes), used as a
 * point of comparison in the evaluation and the benchmark.
 *
 * `parse(text, 'en', { minLength })` returns `{ index, text, name: { index, text } }` records: the quote
 * body without its marks and a rough "name" string next to it. The package computes `index` with
 * `match.indexOf(quote)`, which can point at an earlier occurrence of the same string, so every offset
 * is checked against the text and, when it does not fit, the string is located with `indexOf` from the
 * end of the previous quote. Several rules of the package can fire on the same quote; such duplicates
 * (same content span) are kept once.
 */
import { createRequire } from 'node:module';
import type { PredictedQuote } from '../scorers/quotes.js';

interface QuoteParserResult {
  index: number;
  text: string;
  name?: { index: number; text?: string | null };
}

interface QuoteParserModule {
  parse(text: string, lang: string, options?: { minLength?: number }): QuoteParserResult[];
  languages(): string[];
}

const require = createRequire(import.meta.url);
let loaded: QuoteParserModule | null = null;

function load(): QuoteParserModule {
  loaded ??= require('quote-parser') as QuoteParserModule;
  return loaded;
}

/** The installed version of the package. */
export function quoteParserVersion(): string {
  try {
    return (require('quote-parser/package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** The package's default minimum quote length (characters). */
export const QUOTE_PARSER_DEFAULT_MIN_LENGTH = 30;

/** Calls the package as is (no offset repair); for timing. */
export function rawQuoteParser(text: string, minLength = QUOTE_PARSER_DEFAULT_MIN_LENGTH): number {
  if (!text) return 0;
  return load().parse(text, 'en', { minLength }).length;
}

function locate(text: string, needle: string, claimed: number, from: number): number {
  if (claimed >= 0 && text.startsWith(needle, claimed)) return claimed;
  const after = text.indexOf(needle, from);
  return after >= 0 ? after : text.indexOf(needle);
}

function span(text: string, start: number, end: number) {
  return { start, end, text: text.slice(start, end) };
}

/** Runs the package and maps its output to analysis@1-like quotes with character offsets. */
export function quoteParserQuotes(text: string, minLength = QUOTE_PARSER_DEFAULT_MIN_LENGTH): PredictedQuote[] {
  if (!text) return [];
  const raw = load().parse(text, 'en', { minLength });
  const ordered = raw.slice().sort((a, b) => a.index - b.index);
  const out: PredictedQuote[] = [];
  const seen = new Map<string, PredictedQuote>();
  let cursor = 0;
  for (const r of ordered) {
    if (!r.text) continue;
    const start = locate(text, r.text, r.index, cursor);
    if (start < 0) continue;
    // Trim whitespace so the span starts and ends on text.
    let s = start;
    let e = start + r.text.length;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e <= s) continue;
    cursor = e;
    let speaker: PredictedQuote['speaker'] = null;
    const nameText = r.name?.text?.trim();
    if (nameText) {
      const raw = r.name!.text!;
      let ns = locate(text, raw, r.name!.index, e);
      if (ns >= 0) {
        ns += raw.length - raw.trimStart().length;
        speaker = { name: nameText, mention: span(text, ns, ns + nameText.length) };
      } else {
        speaker = { name: nameText, mention: null };
      }
    }
    const key = `${s}:${e}`;
    const previous = seen.get(key);
    if (previous) {
      if (!previous.speaker && speaker) previous.speaker = speaker;
      continue;
    }
    const content = span(text, s, e);
    const quote: PredictedQuote = {
      id: `qp${out.length + 1}`,
      type: 'direct',
      content,
      contents: [content],
      cue: null,
      speaker,
    };
    seen.set(key, quote);
    out.push(quote);
  }
  return out;
}
