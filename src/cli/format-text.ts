/**
 * Human-readable output: the per-document summary (`analyze` and `show` without `--json`), the
 * document table of `list`, and the small text helpers they share. Everything taken from an
 * article is cleaned of control and bidi-override characters before it reaches a terminal.
 */
import type { AnalysisJson, ClaimJson, QuoteJson } from '../api/index.js';

/** How many characters of a quote the summary shows before cutting it with `…`. */
export const QUOTE_PREVIEW_LENGTH = 100;

// C0 and C1 controls (escape sequences could rewrite the terminal) and bidi overrides and isolates.
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** One line of text: unsafe characters and whitespace runs become single spaces. */
export function oneLine(text: string): string {
  return text.replace(UNSAFE_CHARACTERS, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Cuts `text` to at most `max` characters (code points, so a surrogate pair is never split),
 * preferring a word boundary in the last fifth, and marks the cut with `…`.
 */
export function truncate(text: string, max: number): string {
  const characters = Array.from(text);
  if (characters.length <= max) return text;
  let cut = characters.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  if (space >= Math.floor(cut.length * 0.8)) cut = cut.slice(0, space);
  return `${cut.trimEnd()}…`;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

interface SpeakerGroup {
  name: string;
  quotes: QuoteJson[];
}

/**
 * Quotes grouped by speaker (entity id when known, else the canonical name): the speaker with
 * most quotes first, ties in order of first quote; unattributed quotes are left out.
 */
export function groupBySpeaker(quotes: readonly QuoteJson[]): SpeakerGroup[] {
  const groups = new Map<string, SpeakerGroup>();
  for (const quote of quotes) {
    if (!quote.speaker) continue;
    // An unresolved speaker (name null) is shown by the pronoun that stands for it: "unresolved speaker (they)".
    const written = quote.speaker.mention ? oneLine(quote.speaker.mention.text) : null;
    const pronoun = written === null || written === 'I' ? written : written.toLowerCase();
    const name = quote.speaker.name ?? (pronoun ? `unresolved speaker (${pronoun})` : 'unresolved speaker');
    const key = quote.speaker.entityId ? `entity:${quote.speaker.entityId}` : quote.speaker.name !== null ? `name:${name}` : `unresolved:${name}`;
    let group = groups.get(key);
    if (!group) {
      group = { name, quotes: [] };
      groups.set(key, group);
    }
    group.quotes.push(quote);
  }
  // Map keeps insertion order and sort is stable, so ties stay in order of first quote.
  return [...groups.values()].sort((a, b) => b.quotes.length - a.quotes.length);
}

/** `said (neutral): “We are not going back…”`: cue as written, stance, and the quoted words. */
export function formatQuoteLine(quote: QuoteJson, maxLength = QUOTE_PREVIEW_LENGTH): string {
  const pieces = quote.contents.length > 0 ? quote.contents : [quote.content];
  const words = truncate(oneLine(pieces.map((piece) => piece.text).join(' … ')), maxLength);
  const body = quote.type === 'indirect' || quote.type === 'mixed' ? words : `“${words}”`;
  const kind = quote.type === 'direct' ? '' : ` [${quote.type}]`;
  const cue = quote.cue ? `${oneLine(quote.cue.span.text)} (${quote.cue.stance})${kind}: ` : kind ? `${kind.trim()} ` : '';
  return `${cue}${body}`;
}

/** How many claims a document summary lists. */
export const TOP_CLAIMS = 5;

/** `0.97 Jane Doe: We have cut the deficit…`: score, who claims it (the writer when unquoted), the words. */
export function formatClaimLine(claim: ClaimJson, maxLength = QUOTE_PREVIEW_LENGTH): string {
  const who = claim.claimant ? oneLine(claim.claimant.name) : claim.voice === 'author' ? 'writer' : 'unknown speaker';
  return `${claim.checkWorthiness.toFixed(2)} ${who}: ${truncate(oneLine(claim.span.text), maxLength)}`;
}

/** How much of the first line stands in for a missing title. */
const UNTITLED_PREVIEW_LENGTH = 60;

/**
 * The first line of a document's summary: its title and id. A document without a title (plain
 * text) shows the start of its first non-blank line instead, marked as such.
 */
export function documentHeading(document: { id: string; title: string | null; text?: string }): string {
  const id = `[${oneLine(document.id)}]`;
  if (document.title && oneLine(document.title) !== '') return `${oneLine(document.title)}  ${id}`;
  const firstLine = oneLine(document.text?.split('\n').find((line) => line.trim() !== '') ?? '');
  return firstLine ? `(untitled) ${truncate(firstLine, UNTITLED_PREVIEW_LENGTH)}  ${id}` : `(untitled)  ${id}`;
}

/** The readable summary of one analysis, ending with a newline. */
export function formatAnalysisSummary(analysis: AnalysisJson): string {
  const { document, quotes } = analysis;
  const groups = groupBySpeaker(quotes);
  const unattributed = quotes.filter((quote) => !quote.speaker);
  const errors = analysis.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;

  const facts = [
    document.publishedAt ? `published ${document.publishedAt}` : 'no publication date',
    `${plural(quotes.length, 'quote')} from ${plural(groups.length, 'speaker')}`,
  ];
  if (unattributed.length > 0) facts.push(`${unattributed.length} unattributed`);
  const others: Array<[number, string]> = [
    [analysis.entities.length, 'entity'],
    [analysis.figures.length, 'figure'],
    [analysis.dates.length, 'date'],
    [analysis.claims.length, 'claim'],
  ];
  for (const [count, noun] of others) if (count > 0) facts.push(plural(count, noun, noun === 'entity' ? 'entities' : undefined));
  if (errors > 0) facts.push(plural(errors, 'error'));

  const lines = [documentHeading(document), `  ${facts.join(' · ')}`];
  for (const group of groups) {
    lines.push(`  ${oneLine(group.name)} (${plural(group.quotes.length, 'quote')})`);
    for (const quote of group.quotes) lines.push(`    ${formatQuoteLine(quote)}`);
  }
  if (unattributed.length > 0) {
    lines.push(`  unattributed (${plural(unattributed.length, 'quote')})`);
    for (const quote of unattributed) lines.push(`    ${formatQuoteLine(quote)}`);
  }
  const topClaims = [...analysis.claims].sort((a, b) => b.checkWorthiness - a.checkWorthiness).slice(0, TOP_CLAIMS);
  if (topClaims.length > 0) {
    lines.push(`  top claims (${topClaims.length} of ${analysis.claims.length}, most check-worthy first)`);
    for (const claim of topClaims) lines.push(`    ${formatClaimLine(claim)}`);
  }
  for (const diagnostic of analysis.diagnostics) {
    lines.push(`  ${diagnostic.severity} (${diagnostic.analysis}): ${oneLine(diagnostic.message)}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A plain-text table: columns padded to their widest cell, `right` columns right-aligned, the
 * last column left unpadded so long titles do not leave trailing spaces.
 */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, right: ReadonlySet<number> = new Set()): string {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => Array.from(row[column] ?? '').length)));
  const render = (row: readonly string[]): string =>
    row
      .map((cell, column) => {
        if (column === row.length - 1 && !right.has(column)) return cell;
        const pad = widths[column]! - Array.from(cell).length;
        return right.has(column) ? ' '.repeat(pad) + cell : cell + ' '.repeat(pad);
      })
      .join('  ')
      .trimEnd();
  return `${all.map(render).join('\n')}\n`;
}

/** Quotes a path for a shell command line only when it needs it. */
export function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
