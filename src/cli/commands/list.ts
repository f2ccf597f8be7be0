import { storeExists, type DocumentSummary } from '../../engine/index.js';
import { DB_OPTION, openStoreOrReport, resolveDbPath } from '../database.js';
import { formatTable, oneLine, truncate } from '../format-text.js';
import { EXIT_FAILURE, EXIT_OK, flag, stringOption, type Command } from '../options.js';

/** Titles longer than this are cut in the table (`--json` keeps them whole). */
const TITLE_WIDTH = 60;

export const listCommand: Command = {
  name: 'list',
  describe: 'List the stored documents: id, publication date, title, number of quotes and errors.',
  usage: 'claimtrace list [--json] [--db <path>]',
  options: [
    { name: 'json', type: 'boolean', describe: 'Print a JSON array of document summaries instead of a table.' },
    DB_OPTION,
  ],
  examples: ['claimtrace list', 'claimtrace list --json --db demo.sqlite'],

  async run(args, io) {
    const json = flag(args, 'json');
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
      if (json) {
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
      const rows: string[][] = [];
      for await (const document of store.iterateDocuments()) {
        rows.push([
          oneLine(document.id),
          document.publishedAt ?? '-',
          String(document.recordCounts.quote ?? 0),
          String(document.errorCount),
          document.title ? truncate(oneLine(document.title), TITLE_WIDTH) : '-',
        ]);
      }
      if (rows.length === 0) {
        io.stderr.write(`claimtrace: no documents in ${path}; add some with 'claimtrace analyze <file>'\n`);
        return EXIT_OK;
      }
      io.stdout.write(formatTable(['ID', 'DATE', 'QUOTES', 'ERRORS', 'TITLE'], rows, new Set([2, 3])));
      return EXIT_OK;
    } finally {
      await store.close();
    }
  },
};

/** One entry of `list --json`: the stored summary, with the quote count under its established name. */
function listEntry(document: DocumentSummary): Record<string, unknown> {
  return { ...document, quoteCount: document.recordCounts.quote ?? 0 };
}
