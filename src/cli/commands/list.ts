import { storeExists, type DocumentSummary, type Store } from '../../engine/index.js';
import { DB_OPTION, openStoreOrReport, resolveDbPath, displayDb } from '../database.js';
import { documentTitle, formatTable, oneLine, truncate, truncateStart } from '../format-text.js';
import { EXIT_FAILURE, EXIT_OK, flag, stringOption, usageError, type Command } from '../options.js';
import { styleFor, tableColumns } from '../style.js';

/** Ids are shown as their shortest start that no other stored id shares, at least this long (as git does). */
export const SHORT_ID_LENGTH = 7;

/** What `--sort` accepts, and how each orders: counts and dates descending, words ascending. */
const SORT_KEYS = ['added', 'date', 'title', 'source', 'quotes', 'figures', 'claims', 'errors'] as const;
type SortKey = (typeof SORT_KEYS)[number];

/** `--where kind=` accepts the contract array names and the record kinds behind them. */
const KINDS: Readonly<Record<string, string>> = {
  quote: 'quote', quotes: 'quote',
  entity: 'entity', entities: 'entity',
  figure: 'figure', figures: 'figure',
  date: 'date-mention', dates: 'date-mention', 'date-mention': 'date-mention',
  framing: 'framing-mark', 'framing-mark': 'framing-mark',
  claim: 'claim', claims: 'claim',
  event: 'event', events: 'event',
};

type Where = { field: 'speaker' | 'claimant'; value: string } | { field: 'kind'; value: string };

export const listCommand: Command = {
  name: 'list',
  describe: 'List the stored documents as a table: id, date, quotes, figures, claims, errors, title and source.',
  usage: 'claimtrace list [--sort <key>] [--reverse] [--limit <n>] [--where <field=value>] [--json] [--db <path>]',
  options: [
    {
      name: 'sort',
      type: 'string',
      valueName: 'key',
      describe: `Order by ${SORT_KEYS.join(', ')} (default added: the order they were stored). Dates and counts go from most to least, title and source from A to Z.`,
    },
    { name: 'reverse', type: 'boolean', describe: 'Reverse the order.' },
    { name: 'limit', type: 'string', valueName: 'n', describe: 'Show at most n documents (after sorting and filtering).' },
    {
      name: 'where',
      type: 'string',
      valueName: 'field=value',
      describe:
        'Only documents with a quote by a speaker (speaker=NAME), a figure or claim by a claimant (claimant=NAME), ' +
        'or at least one record of a kind (kind=quote|figure|date|framing|claim|event|entity). Names match whole, in any case.',
    },
    { name: 'json', type: 'boolean', describe: 'Print a JSON array of document summaries instead of a table.' },
    DB_OPTION,
  ],
  notes: [
    'The ID column shows the shortest start of each id (at least 7 characters) that no other stored document shares; ' +
      "'claimtrace show' takes it as it is. Titles and sources are cut to fit the terminal (sources keep their end, the file name); " +
      'when stdout is not a terminal they are printed whole unless $COLUMNS is set. --json prints the whole ids and every field.',
  ],
  examples: [
    'claimtrace list',
    'claimtrace list --sort quotes --limit 10',
    "claimtrace list --where 'speaker=Pieter Bakker'",
    'claimtrace list --where kind=claim --sort date',
    'claimtrace list --json --db demo.sqlite',
  ],

  async run(args, io) {
    const json = flag(args, 'json');
    const sortOption = stringOption(args, 'sort') ?? 'added';
    if (!(SORT_KEYS as readonly string[]).includes(sortOption)) {
      return usageError(io, 'list', `--sort ${JSON.stringify(sortOption)} is not one of ${SORT_KEYS.join(', ')}`);
    }
    const sort = sortOption as SortKey;
    const limitOption = stringOption(args, 'limit');
    let limit: number | null = null;
    if (limitOption !== undefined) {
      if (!/^\d+$/.test(limitOption) || Number(limitOption) < 1) return usageError(io, 'list', `--limit ${JSON.stringify(limitOption)} is not a positive whole number`);
      limit = Number(limitOption);
    }
    const whereOption = stringOption(args, 'where');
    let where: Where | null = null;
    if (whereOption !== undefined) {
      const parsed = parseWhere(whereOption);
      if (typeof parsed === 'string') return usageError(io, 'list', parsed);
      where = parsed;
    }

    const path = resolveDbPath(stringOption(args, 'db'), io.env);
    // Listing must not create a database as a side effect.
    if (!storeExists(path)) {
      if (json) io.stdout.write('[]\n');
      else io.stderr.write(`claimtrace: no documents yet (no database at ${path}); add some with 'claimtrace analyze <file>'\n`);
      return EXIT_OK;
    }
    const store = openStoreOrReport(path, io);
    if (!store) return EXIT_FAILURE;
    try {
      const plain = sort === 'added' && !flag(args, 'reverse') && where === null && limit === null;
      if (json && plain) {
        // A JSON array written page by page: memory stays flat however many documents are stored.
        let first = true;
        io.stdout.write('[');
        for await (const document of store.iterateDocuments()) {
          io.stdout.write(`${first ? '' : ','}${JSON.stringify(listEntry(document))}`);
          first = false;
        }
        io.stdout.write(']\n');
        return EXIT_OK;
      }
      // Sorting needs every summary (no text: a few hundred bytes each); ids are kept for the short forms.
      const all: DocumentSummary[] = [];
      for await (const document of store.iterateDocuments()) all.push(document);
      let documents = all;
      if (where !== null) {
        const keep = await matchingDocuments(store, where);
        documents = documents.filter((document) => keep(document));
      }
      documents = sortDocuments(documents, sort);
      if (flag(args, 'reverse')) documents.reverse();
      if (limit !== null) documents = documents.slice(0, limit);

      if (json) {
        io.stdout.write(`[${documents.map((document) => JSON.stringify(listEntry(document))).join(',')}]\n`);
        return EXIT_OK;
      }
      if (all.length === 0) {
        io.stderr.write(`claimtrace: no documents in ${displayDb(path)}; add some with 'claimtrace analyze <file>'\n`);
        return EXIT_OK;
      }
      if (documents.length === 0) {
        io.stderr.write(`claimtrace: none of the ${all.length} stored documents matches --where ${whereOption}\n`);
        return EXIT_OK;
      }
      const style = styleFor(io);
      const short = shortIds(all.map((document) => document.id));
      const rows = documents.map((document) => [
        short.get(document.id) ?? oneLine(document.id),
        document.publishedAt ?? '-',
        String(document.recordCounts.quote ?? 0),
        String(document.recordCounts.figure ?? 0),
        String(document.recordCounts.claim ?? 0),
        String(document.errorCount),
        documentTitle(document),
        document.source ? oneLine(document.source) : document.url ? oneLine(document.url) : '-',
      ]);
      fitToWidth(rows, tableColumns(io));
      io.stdout.write(formatTable(['ID', 'DATE', 'QUOTES', 'FIGURES', 'CLAIMS', 'ERRORS', 'TITLE', 'SOURCE'], rows, new Set([2, 3, 4, 5]), style));
      if (documents.length < all.length) {
        io.stderr.write(`${documents.length} of ${all.length} documents${where !== null ? ` (--where ${whereOption})` : ''}\n`);
      }
      return EXIT_OK;
    } finally {
      await store.close();
    }
  },
};

/** `speaker=Anna de Vries`, `claimant=…` or `kind=figure`; a string says what is wrong. */
export function parseWhere(text: string): Where | string {
  const equals = text.indexOf('=');
  const field = (equals === -1 ? text : text.slice(0, equals)).trim().toLowerCase();
  const value = equals === -1 ? '' : text.slice(equals + 1).trim();
  if (field !== 'speaker' && field !== 'claimant' && field !== 'kind') {
    return `--where ${JSON.stringify(text)}: expected speaker=NAME, claimant=NAME or kind=KIND`;
  }
  if (value === '') return `--where ${JSON.stringify(text)}: no value after ${field}=`;
  if (field === 'kind') {
    const kind = KINDS[value.toLowerCase()];
    if (!kind) return `--where kind=${value}: not a kind (quote, figure, date, framing, claim, event, entity)`;
    return { field, value: kind };
  }
  return { field, value };
}

/** Which documents a --where keeps: by record counts for a kind, by the records' keys for a name. */
async function matchingDocuments(store: Store, where: Where): Promise<(document: DocumentSummary) => boolean> {
  if (where.field === 'kind') return (document) => (document.recordCounts[where.value] ?? 0) > 0;
  const ids = new Set<string>();
  const kinds = where.field === 'speaker' ? ['quote'] : ['figure', 'claim'];
  for (const kind of kinds) {
    for await (const record of store.iterateRecords({ kind, key: where.value })) ids.add(record.documentId);
  }
  return (document) => ids.has(document.id);
}

function sortDocuments(documents: DocumentSummary[], sort: SortKey): DocumentSummary[] {
  const count = (document: DocumentSummary, kind: string): number => document.recordCounts[kind] ?? 0;
  const text = (value: string | null): string => (value ?? '').toLocaleLowerCase();
  // Array.prototype.sort is stable: equal keys keep the order they were stored in.
  const by: Record<SortKey, ((a: DocumentSummary, b: DocumentSummary) => number) | null> = {
    added: null,
    // Newest first; documents without a date last.
    date: (a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''),
    title: (a, b) => text(documentTitle(a)).localeCompare(text(documentTitle(b))),
    source: (a, b) => text(a.source).localeCompare(text(b.source)),
    quotes: (a, b) => count(b, 'quote') - count(a, 'quote'),
    figures: (a, b) => count(b, 'figure') - count(a, 'figure'),
    claims: (a, b) => count(b, 'claim') - count(a, 'claim'),
    errors: (a, b) => b.errorCount - a.errorCount,
  };
  const compare = by[sort];
  return compare ? [...documents].sort(compare) : [...documents];
}

/**
 * The shortest start of each id, at least SHORT_ID_LENGTH long, that no other id shares (compared
 * in lower case, as `show` matches them), carried on to the end of a word for ids made of words; an
 * id that is the start of another stays whole.
 */
export function shortIds(ids: readonly string[]): Map<string, string> {
  const lower = ids.map((id) => id.toLowerCase());
  const sorted = [...lower].sort();
  const shared = new Map<string, number>();
  // In sorted order, the longest start an id shares with any other is the one it shares with a neighbour.
  for (let i = 0; i < sorted.length; i++) {
    const id = sorted[i]!;
    const before = i > 0 ? commonPrefix(id, sorted[i - 1]!) : 0;
    const after = i + 1 < sorted.length ? commonPrefix(id, sorted[i + 1]!) : 0;
    shared.set(id, Math.max(shared.get(id) ?? 0, before, after));
  }
  const result = new Map<string, string>();
  ids.forEach((id, index) => {
    let length = Math.max(SHORT_ID_LENGTH, (shared.get(lower[index]!) ?? 0) + 1);
    // An id made of words (a record id such as `dozens-dead-in-boat-fire`) is cut at the end of a word:
    // `dozens-dead` reads better than `dozens-`.
    if (!/^[0-9a-f]+$/i.test(id)) {
      while (length < id.length && /[\p{L}\p{N}]/u.test(id[length]!) && /[\p{L}\p{N}]/u.test(id[length - 1]!)) length++;
      while (length < id.length && !/[\p{L}\p{N}]/u.test(id[length - 1]!)) length++;
      while (length < id.length && /[\p{L}\p{N}]/u.test(id[length]!)) length++;
    }
    result.set(id, oneLine(id.slice(0, length)));
  });
  return result;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** Widths below which title and source are not cut further (the table then runs past the edge). */
const MIN_TITLE = 16;
const MIN_SOURCE = 10;

/**
 * Cuts the title (its end) and source (its start, keeping the file name) of each row so the table
 * fits `columns`; null leaves them whole. The title gets about two thirds of the room when both need
 * cutting, but the source keeps its file name whole while the title keeps MIN_TITLE characters.
 */
function fitToWidth(rows: string[][], columns: number | null): void {
  if (columns === null || rows.length === 0) return;
  const TITLE = 6;
  const SOURCE = 7;
  const width = (column: number, header: string): number => Math.max(header.length, ...rows.map((row) => Array.from(row[column]!).length));
  const fixed = [0, 1, 2, 3, 4, 5].reduce((sum, column) => sum + width(column, ['ID', 'DATE', 'QUOTES', 'FIGURES', 'CLAIMS', 'ERRORS'][column]!) + 2, 0);
  const room = columns - fixed - 2;
  const titleWidth = width(TITLE, 'TITLE');
  const sourceWidth = width(SOURCE, 'SOURCE');
  if (titleWidth + sourceWidth <= room) return;
  // The file name (after the last slash) is what tells sources apart: it is kept whole when it can be.
  const names = Math.max(...rows.map((row) => Array.from(row[SOURCE]!.replace(/^.*[\\/]/, '')).length + 1));
  let sourceMax = Math.max(MIN_SOURCE, Math.min(sourceWidth, room - MIN_TITLE, Math.max(Math.floor(room * 0.35), names)));
  let titleMax = Math.max(MIN_TITLE, room - Math.min(sourceWidth, sourceMax));
  if (titleWidth < titleMax) {
    titleMax = titleWidth;
    sourceMax = Math.max(MIN_SOURCE, room - titleWidth);
  }
  for (const row of rows) {
    row[TITLE] = truncate(row[TITLE]!, titleMax);
    row[SOURCE] = truncateStart(row[SOURCE]!, sourceMax);
  }
}

/** One entry of `list --json`: the stored summary, with the quote count under its established name. */
function listEntry(document: DocumentSummary): Record<string, unknown> {
  return { ...document, quoteCount: document.recordCounts.quote ?? 0 };
}
