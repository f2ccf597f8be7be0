/**
 * Human-readable output: the per-document summary (`analyze` and `show` without `--json`), the
 * tables of `list` and `search`, and the small text helpers they share. Everything taken from an
 * article is cleaned of control and bidi-override characters before it reaches a terminal; colour
 * and width come from a `Style` (style.ts).
 */
import type { AnalysisJson, ClaimJson, EventJson, FigureJson, QuoteJson } from '../api/index.js';
import type { OptionSpec } from './options.js';
import { makeStyle, visibleLength, type Style } from './style.js';

/** `--brief` of `analyze` and `show`. */
export const BRIEF_OPTION: OptionSpec = {
  name: 'brief',
  type: 'boolean',
  describe: 'One line per quote (cut with …) and only the first few figures, dates, framing marks and claims.',
};

/** How many characters of a quote `--brief` shows before cutting it with `…`. */
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
  let cut = characters.slice(0, Math.max(0, max - 1)).join('');
  const space = cut.lastIndexOf(' ');
  if (space >= Math.floor(cut.length * 0.8)) cut = cut.slice(0, space);
  return `${cut.trimEnd()}…`;
}

/** Keeps the end of `text` (a path's file name matters most), marking the cut with a leading `…`. */
export function truncateStart(text: string, max: number): string {
  const characters = Array.from(text);
  if (characters.length <= max) return text;
  return `…${characters.slice(characters.length - Math.max(0, max - 1)).join('')}`;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/**
 * Words laid out in lines of at most `width` visible columns: the first line starts with `first`,
 * the others with `rest` (a hanging indent). A word longer than a line is cut across lines.
 * Colour escapes do not count towards the width; no-break spaces join words into one (and come out
 * as plain spaces).
 */
export function wrap(text: string, width: number, first = '', rest = first): string[] {
  const lines: string[] = [];
  let line = first;
  let lineHasWord = false;
  // A colour escape alone between two spaces (a styled ` · `) sticks to the word after it, so it
  // adds no space of its own.
  const words: string[] = [];
  let pending = '';
  for (const piece of text.split(' ')) {
    if (piece === '') continue;
    if (visibleLength(piece) === 0) {
      pending += piece;
      continue;
    }
    words.push(pending + piece);
    pending = '';
  }
  if (pending !== '') {
    if (words.length > 0) words[words.length - 1] += pending;
    else words.push(pending);
  }
  // The line's visible width is kept as it grows rather than measured again for every word.
  const restWidth = visibleLength(rest);
  let lineWidth = visibleLength(first);
  for (const word of words) {
    const room = width - lineWidth - (lineHasWord ? 1 : 0);
    const wordWidth = visibleLength(word);
    if (wordWidth <= room) {
      line += (lineHasWord ? ' ' : '') + word;
      lineWidth += (lineHasWord ? 1 : 0) + wordWidth;
      lineHasWord = true;
      continue;
    }
    if (lineHasWord) {
      lines.push(line);
      line = rest;
      lineWidth = restWidth;
      lineHasWord = false;
    }
    // A word wider than a whole line (a URL) is cut; escapes never are, as they only wrap words.
    let remaining = word;
    while (visibleLength(remaining) > width - lineWidth && !/\u001b/.test(remaining)) {
      const take = Math.max(1, width - lineWidth);
      const characters = Array.from(remaining);
      lines.push(line + characters.slice(0, take).join(''));
      line = rest;
      lineWidth = restWidth;
      remaining = characters.slice(take).join('');
    }
    if (remaining !== '') {
      line += remaining;
      lineWidth += visibleLength(remaining);
      lineHasWord = true;
    }
  }
  if (lineHasWord || lines.length === 0) lines.push(line);
  // No-break spaces only held words together (keepTogether); the terminal gets plain spaces.
  return lines.map((entry) => entry.trimEnd().replace(/\u00a0/g, ' '));
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

/** The quoted words of a quote, its pieces joined with ` … `, in quotation marks when direct. */
function quoteWords(quote: QuoteJson, maxLength: number | null): string {
  const pieces = quote.contents.length > 0 ? quote.contents : [quote.content];
  const joined = oneLine(pieces.map((piece) => piece.text).join(' … '));
  const words = maxLength === null ? joined : truncate(joined, maxLength);
  return quote.type === 'indirect' || quote.type === 'mixed' ? words : `“${words}”`;
}

/** `said (neutral): ` or `[indirect] `: cue as written, its stance and the quote type when not direct. */
function quoteLead(quote: QuoteJson, style: Style): string {
  const kind = quote.type === 'direct' ? '' : ` [${quote.type}]`;
  if (!quote.cue) return kind ? `${style.dim(kind.trim())} ` : '';
  const stance = quote.cue.stance === 'neutral' ? style.dim(`(${quote.cue.stance})`) : style.accent(`(${quote.cue.stance})`);
  return `${oneLine(quote.cue.span.text)} ${stance}${style.dim(kind)}: `;
}

/** `said (neutral): “We are not going back…”`: cue as written, stance, and the quoted words (cut at `maxLength`). */
export function formatQuoteLine(quote: QuoteJson, maxLength: number | null = QUOTE_PREVIEW_LENGTH, style: Style = makeStyle(false)): string {
  return `${quoteLead(quote, style)}${quoteWords(quote, maxLength)}`;
}

/** How much of the first line stands in for a missing title. */
const UNTITLED_PREVIEW_LENGTH = 60;

/** A document's title, or the start of its first line marked `(untitled)` when it has none. */
export function documentTitle(document: { title: string | null; text?: string }): string {
  if (document.title && oneLine(document.title) !== '') return oneLine(document.title);
  const firstLine = oneLine(document.text?.split('\n').find((line) => line.trim() !== '') ?? '');
  return firstLine ? `(untitled) ${truncate(firstLine, UNTITLED_PREVIEW_LENGTH)}` : '(untitled)';
}

/** The first line of a document's summary: its title and id. */
export function documentHeading(document: { id: string; title: string | null; text?: string }, style: Style = makeStyle(false)): string {
  return `${style.bold(documentTitle(document))}  ${style.dim(`[${oneLine(document.id)}]`)}`;
}

export interface SummaryOptions {
  /** Where the document came from (path, URL, record); shown under the title. */
  source?: string | null;
  style?: Style;
  /** One line per quote (cut with `…`) and only the first few figures, dates, marks and claims. */
  brief?: boolean;
}

/** How many items of each list `--brief` keeps; the full summary keeps every quote, figure and date. */
const BRIEF_ITEMS = 5;
/** Framing marks, claims and events are ranked; the full summary shows this many of each. */
const TOP_ITEMS = 8;

/** The readable summary of one analysis, ending with a newline. */
export function formatAnalysisSummary(analysis: AnalysisJson, options: SummaryOptions = {}): string {
  const style = options.style ?? makeStyle(false);
  const brief = options.brief ?? false;
  const { document, quotes } = analysis;
  const groups = groupBySpeaker(quotes);
  const unattributed = quotes.filter((quote) => !quote.speaker);
  const claims = analysis.claims ?? [];
  const events = analysis.events ?? [];
  const errors = analysis.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;

  const where = [
    options.source === '-' ? 'standard input' : options.source ? oneLine(options.source) : document.url ? oneLine(document.url) : null,
    document.publishedAt ? `published ${document.publishedAt}` : 'no publication date',
  ].filter((part): part is string => part !== null);
  const facts = [`${plural(quotes.length, 'quote')} from ${plural(groups.length, 'speaker')}`];
  if (unattributed.length > 0) facts.push(`${unattributed.length} unattributed`);
  const others: Array<[number, string, string]> = [
    [analysis.entities.length, 'entity', 'entities'],
    [analysis.figures.length, 'figure', 'figures'],
    [analysis.dates.length, 'date', 'dates'],
    [claims.length, 'claim', 'claims'],
    [events.length, 'event', 'events'],
  ];
  for (const [count, noun, nouns] of others) if (count > 0) facts.push(plural(count, noun, nouns));
  if (errors > 0) facts.push(style.error(plural(errors, 'error')));

  const width = style.width;
  const lines = [documentHeading(document, style), ...wrap(style.dim(where.join(' · ')), width, '  ', '    '), ...wrap(facts.join(' · '), width, '  ', '    ')];
  const section = (name: string): void => {
    lines.push('', `  ${style.heading(name)}`);
  };

  const quoteLines = (quote: QuoteJson): string[] => {
    const lead = quoteLead(quote, style);
    if (!brief) return wrap(`${lead}${quoteWords(quote, null)}`, width, '    ', '      ');
    // One line: the words are cut to the room left after the indent, the lead and the quotation marks.
    const room = Math.max(20, width - 4 - visibleLength(lead) - 2);
    return [`    ${lead}${quoteWords(quote, room)}`];
  };
  if (quotes.length > 0) {
    section('Quotes');
    for (const group of groups) {
      lines.push(`  ${style.bold(oneLine(group.name))} ${style.dim(`(${plural(group.quotes.length, 'quote')})`)}`);
      for (const quote of group.quotes) lines.push(...quoteLines(quote));
    }
    if (unattributed.length > 0) {
      lines.push(`  ${style.bold('unattributed')} ${style.dim(`(${plural(unattributed.length, 'quote')})`)}`);
      for (const quote of unattributed) lines.push(...quoteLines(quote));
    }
  }

  if (analysis.figures.length > 0) {
    section('Figures, by who states them');
    lines.push(...figureLines(analysis.figures, document.text ?? '', style, brief));
  }
  if (analysis.dates.length > 0) {
    section('Dates');
    const seen = new Set<string>();
    const items: string[] = [];
    for (const date of analysis.dates) {
      // No-break spaces keep an item on one line when the list wraps.
      const item = keepTogether(`${oneLine(date.span.text)} ${style.dim(`(${date.value}${date.mod ? ` ${date.mod}` : ''})`)}`);
      if (seen.has(item)) continue;
      seen.add(item);
      items.push(item);
    }
    lines.push(...listLine(items, brief ? BRIEF_ITEMS : null, width, style));
  }
  const profile = analysis.framingProfile;
  if (analysis.framing.length > 0 || profile) section('Framing in the writer’s voice');
  if (profile) {
    lines.push(
      ...wrap(
        style.dim(
          (profile.authorMarks === 0
            ? `no marks in ${plural(profile.sentences, 'sentence')}${profile.quotedMarks > 0 ? `; ${plural(profile.quotedMarks, 'mark')} inside quotes` : ''}`
            : `${plural(profile.authorMarks, 'mark')} in ${profile.sentencesWithAuthorMarks} of ${plural(profile.sentences, 'sentence')}; ${plural(profile.quotedMarks, 'mark')} inside quotes`) +
            (profile.modelPhrases && profile.modelPhrases.author > 0 ? `; ${plural(profile.modelPhrases.author, 'phrase')} more from the span model` : ''),
        ),
        width,
        '    ',
        '      ',
      ),
    );
    const top = profile.topMarks.slice(0, brief ? BRIEF_ITEMS : TOP_ITEMS);
    for (const mark of top) {
      lines.push(...wrap(`${quoted(mark.text)} ${style.dim(mark.category)}${mark.count > 1 ? ` ×${mark.count}` : ''}`, width, '    ', '      '));
    }
  } else {
    const marks = analysis.framing.filter((mark) => mark.voice === 'author').slice(0, brief ? BRIEF_ITEMS : TOP_ITEMS);
    for (const mark of marks) lines.push(...wrap(`${quoted(mark.span.text)} ${style.dim(mark.category)}`, width, '    ', '      '));
  }
  if (claims.length > 0) {
    section('Top claims to check');
    lines.push(...claimLines(claims, style, brief ? 3 : TOP_ITEMS, brief));
  }
  if (events.length > 0) {
    section('Events');
    lines.push(...eventLines(events, analysis, style, brief ? 3 : TOP_ITEMS, brief));
  }

  const notes = analysis.diagnostics;
  if (notes.length > 0) {
    lines.push('');
    for (const diagnostic of notes) {
      const label = diagnostic.severity === 'error' ? style.error('error') : diagnostic.severity === 'warning' ? style.warning('warning') : diagnostic.severity;
      lines.push(...wrap(`${label} (${diagnostic.analysis}): ${oneLine(diagnostic.message)}`, width, '  ', '    '));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Words in curly quotes, unless they already start and end with quotation marks (a scare quote). */
function quoted(text: string): string {
  const words = oneLine(text);
  return /^["“‘'«].*["”’'»]$/u.test(words) ? words : `“${words}”`;
}

/** Spaces inside one list item become no-break spaces, so `wrap` never splits the item (it prints them as spaces). */
function keepTogether(text: string): string {
  return text.replace(/ /g, '\u00a0');
}

/** Items joined with ` · ` and wrapped; with a limit, the rest counted as `… and N more`. */
function listLine(items: readonly string[], limit: number | null, width: number, style: Style): string[] {
  const shown = limit === null ? items : items.slice(0, limit);
  const more = items.length - shown.length;
  const text = shown.join(style.dim(' · ')) + (more > 0 ? style.dim(` … and ${more} more`) : '');
  return wrap(text, width, '    ', '    ');
}

/** How far the counted noun may follow a figure for the words between to be shown (`hundreds of companies`). */
const COUNTED_GAP = 25;

/**
 * A figure as written, with what it counts when the words are not already in it: the text from the
 * figure to its counted noun when that follows closely (`3,000 of the protesters`), else the noun.
 */
function figureText(figure: FigureJson, text: string): string {
  const written = oneLine(figure.span.text);
  const counting = figure.counting?.span;
  if (counting && counting.start >= figure.span.end && counting.start - figure.span.end <= COUNTED_GAP && counting.end <= text.length) {
    return oneLine(text.slice(figure.span.start, counting.end));
  }
  const counted = counting ? oneLine(counting.text) : figure.counted ? oneLine(figure.counted) : null;
  return counted && !written.toLowerCase().includes(counted.toLowerCase()) ? `${written} ${counted}` : written;
}

/** Figures grouped by claimant: the writer's own first, then each claimant in order of first figure. */
function figureLines(figures: readonly FigureJson[], text: string, style: Style, brief: boolean): string[] {
  const groups = new Map<string, string[]>();
  for (const figure of figures) {
    const who = figure.claimant ? oneLine(figure.claimant.name) : figure.voice === 'quoted' ? 'in a quote' : 'the writer';
    const list = groups.get(who) ?? [];
    list.push(keepTogether(figureText(figure, text)));
    groups.set(who, list);
  }
  const ordered = [...groups.entries()].sort(([a], [b]) => (a === 'the writer' ? -1 : b === 'the writer' ? 1 : 0));
  const lines: string[] = [];
  for (const [who, items] of ordered.slice(0, brief ? BRIEF_ITEMS : ordered.length)) {
    const shown = brief ? items.slice(0, BRIEF_ITEMS) : items;
    const more = items.length - shown.length;
    const text = `${style.bold(who)}: ${shown.join(style.dim(' · '))}${more > 0 ? style.dim(` … and ${more} more`) : ''}`;
    lines.push(...wrap(text, style.width, '    ', '      '));
  }
  if (brief && ordered.length > BRIEF_ITEMS) lines.push(style.dim(`    … and ${plural(ordered.length - BRIEF_ITEMS, 'other claimant')}`));
  return lines;
}

/** The most check-worthy claims first: score, claimant, the claim (cut when brief). */
function claimLines(claims: readonly ClaimJson[], style: Style, limit: number, brief: boolean): string[] {
  const ranked = [...claims].sort((a, b) => (b.checkWorthiness ?? 0) - (a.checkWorthiness ?? 0)).slice(0, limit);
  const lines: string[] = [];
  for (const claim of ranked) {
    const score = typeof claim.checkWorthiness === 'number' ? style.dim(claim.checkWorthiness.toFixed(2)) : style.dim('  - ');
    const who = claim.claimant ? `${style.bold(oneLine(claim.claimant.name))}: ` : claim.voice === 'author' ? `${style.bold('the writer')}: ` : '';
    const text = oneLine(claim.span.text);
    lines.push(...wrap(`${score} ${who}${brief ? truncate(text, QUOTE_PREVIEW_LENGTH) : text}`, style.width, '    ', '         '));
  }
  if (claims.length > ranked.length) lines.push(style.dim(`    … and ${claims.length - ranked.length} more (--json has them all)`));
  return lines;
}

/**
 * Events in text order: type, the words, and who, when and where when known. Actors and the place are
 * entity ids and the date a date record's id (the contract): each is shown by its name or words.
 */
function eventLines(events: readonly EventJson[], analysis: AnalysisJson, style: Style, limit: number, brief: boolean): string[] {
  const entities = new Map(analysis.entities.map((entity) => [entity.id, oneLine(entity.name)]));
  const dates = new Map(analysis.dates.map((date) => [date.id, `${oneLine(date.span.text)} (${date.value})`]));
  const lines: string[] = [];
  for (const event of events.slice(0, limit)) {
    const actors = (event.actors ?? []).map((id) => entities.get(id) ?? oneLine(id));
    const details = [
      actors.length > 0 ? actors.join(', ') : null,
      event.date ? (dates.get(event.date) ?? oneLine(event.date)) : null,
      event.place ? (entities.get(event.place) ?? oneLine(event.place)) : null,
    ].filter((part): part is string => part !== null);
    const text = oneLine(event.span.text);
    const body = `${style.bold(oneLine(event.type ?? event.plover ?? 'event'))} ${brief ? truncate(text, 60) : text}${details.length > 0 ? ` ${style.dim(`(${details.join('; ')})`)}` : ''}`;
    lines.push(...wrap(body, style.width, '    ', '      '));
  }
  if (events.length > limit) lines.push(style.dim(`    … and ${events.length - limit} more (--json has them all)`));
  return lines;
}

/**
 * A plain-text table: columns padded to their widest cell, `right` columns right-aligned, the
 * last column left unpadded so long titles do not leave trailing spaces. The header row is shown
 * in the style's bold.
 */
export function formatTable(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  right: ReadonlySet<number> = new Set(),
  style: Style = makeStyle(false),
): string {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => visibleLength(row[column] ?? ''))));
  const render = (row: readonly string[]): string =>
    row
      .map((cell, column) => {
        if (column === row.length - 1 && !right.has(column)) return cell;
        const pad = widths[column]! - visibleLength(cell);
        return right.has(column) ? ' '.repeat(pad) + cell : cell + ' '.repeat(pad);
      })
      .join('  ')
      .trimEnd();
  return `${[style.bold(render(header)), ...rows.map(render)].join('\n')}\n`;
}

/** Quotes a path for a shell command line only when it needs it. */
export function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
