import { storeExists } from '../../engine/index.js';
import { DB_OPTION, openStoreOrReport, resolveDbPath } from '../database.js';
import { documentTitle, oneLine, truncateStart, wrap } from '../format-text.js';
import { EXIT_FAILURE, EXIT_OK, flag, stringOption, usageError, type Command } from '../options.js';
import { styleFor, type Style } from '../style.js';
import { shortIds } from './list.js';

/** Hits shown when --limit is not given. */
const DEFAULT_LIMIT = 20;
/** Marks the store puts around matched words; never in cleaned article text (controls are removed). */
const OPEN = '\u0001';
const CLOSE = '\u0002';

export const searchCommand: Command = {
  name: 'search',
  describe: 'Search the stored titles and texts for words; prints each matching document with a snippet.',
  usage: 'claimtrace search <words...> [--limit <n>] [--json] [--db <path>]',
  arguments: [{ name: '<words...>', describe: 'Words that must all occur (in any case, accents ignored); a-b is the words in a row.', required: true, variadic: true }],
  options: [
    { name: 'limit', type: 'string', valueName: 'n', describe: `Show at most n documents (default ${DEFAULT_LIMIT}).` },
    { name: 'json', type: 'boolean', describe: 'Print a JSON array of hits (id, title, source, publishedAt, snippet) instead.' },
    DB_OPTION,
  ],
  notes: [
    'Documents with every word are listed best first (a word in the title counts double). The snippet shows the ' +
      'matched words highlighted on a terminal and in [brackets] otherwise (and in --json). Search operators are not ' +
      'read: OR, NEAR and * are words like any other.',
  ],
  examples: ['claimtrace search strike', 'claimtrace search "port authority" --limit 5', 'claimtrace search cease-fire --json'],

  async run(args, io) {
    const query = args.positionals.join(' ');
    const limitOption = stringOption(args, 'limit');
    let limit = DEFAULT_LIMIT;
    if (limitOption !== undefined) {
      if (!/^\d+$/.test(limitOption) || Number(limitOption) < 1) return usageError(io, 'search', `--limit ${JSON.stringify(limitOption)} is not a positive whole number`);
      limit = Number(limitOption);
    }
    if (!/[\p{L}\p{N}]/u.test(query)) return usageError(io, 'search', `nothing to search for in ${JSON.stringify(query)} (no letter or digit)`);
    const json = flag(args, 'json');
    const path = resolveDbPath(stringOption(args, 'db'), io.env);
    if (!storeExists(path)) {
      if (json) io.stdout.write('[]\n');
      else io.stderr.write(`claimtrace: no documents yet (no database at ${path}); add some with 'claimtrace analyze <file>'\n`);
      return EXIT_OK;
    }
    const store = openStoreOrReport(path, io);
    if (!store) return EXIT_FAILURE;
    try {
      if (json) {
        const hits = await store.searchText(query, { limit });
        io.stdout.write(`${JSON.stringify(hits.map(({ documentId, ...rest }) => ({ id: documentId, ...rest })))}\n`);
        return EXIT_OK;
      }
      // One more than asked tells whether there are others.
      const hits = await store.searchText(query, { limit: limit + 1, marks: { open: OPEN, close: CLOSE } });
      if (hits.length === 0) {
        io.stderr.write(`claimtrace: no stored document has ${args.positionals.length > 1 || /\s/.test(query) ? 'all of ' : ''}${JSON.stringify(query)}\n`);
        return EXIT_OK;
      }
      const style = styleFor(io);
      const ids: string[] = [];
      for await (const document of store.iterateDocuments()) ids.push(document.id);
      const short = shortIds(ids);
      const lines: string[] = [];
      for (const hit of hits.slice(0, limit)) {
        const id = short.get(hit.documentId) ?? hit.documentId;
        const meta = [hit.source ? truncateStart(oneLine(hit.source), 60) : null, hit.publishedAt].filter(Boolean).join(' · ');
        if (lines.length > 0) lines.push('');
        lines.push(`${style.dim(oneLine(id))}  ${style.bold(documentTitle(hit))}${meta ? `  ${style.dim(meta)}` : ''}`);
        lines.push(...wrap(highlight(hit.snippet, style), style.width, '    ', '    '));
      }
      io.stdout.write(`${lines.join('\n')}\n`);
      const more = hits.length > limit ? `; more with --limit ${limit * 2}` : '';
      io.stderr.write(`${hits.length > limit ? `first ${limit}` : `${hits.length}`} ${hits.length === 1 ? 'document' : 'documents'} with ${JSON.stringify(query)}${more}\n`);
      return EXIT_OK;
    } finally {
      await store.close();
    }
  },
};

/** The snippet cleaned for a terminal, its matched words in the accent colour (or in brackets without colour). */
export function highlight(snippet: string, style: Style): string {
  const parts = snippet.split(new RegExp(`(${OPEN}[^${CLOSE}]*${CLOSE})`, 'u'));
  return parts
    .map((part) => {
      if (part.startsWith(OPEN) && part.endsWith(CLOSE)) {
        const word = oneLine(part.slice(1, -1));
        return style.color ? style.bold(style.accent(word)) : `[${word}]`;
      }
      // oneLine trims; keep the spaces around a part so words do not run together.
      const cleaned = oneLine(part);
      if (cleaned === '') return part.trim() === '' && part !== '' ? ' ' : '';
      return `${/^\s/.test(part) ? ' ' : ''}${cleaned}${/\s$/.test(part) ? ' ' : ''}`;
    })
    .join('')
    .replace(/ +/g, ' ')
    .trim();
}
