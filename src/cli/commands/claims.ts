import type { ClaimJson } from '../../api/index.js';
import { storeExists } from '../../engine/index.js';
import { DB_OPTION, openStoreOrReport, resolveDbPath, displayDb } from '../database.js';
import { formatTable, oneLine, truncate } from '../format-text.js';
import { EXIT_FAILURE, EXIT_OK, flag, stringOption, usageError, type Command } from '../options.js';

/** Claim texts longer than this are cut in the table (`--json` keeps them whole). */
const CLAIM_WIDTH = 100;
const NAME_WIDTH = 24;

/** One claim of `claims --json`: the contract record with the document it is in. */
export interface ClaimListEntry extends ClaimJson {
  documentId: string;
  documentTitle: string | null;
}

const SORTS = ['score', 'document'] as const;

function parseNumber(value: string | undefined, name: string, check: (n: number) => boolean): number | string | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  return value.trim() !== '' && Number.isFinite(n) && check(n) ? n : `--${name} ${JSON.stringify(value)}`;
}

export const claimsCommand: Command = {
  name: 'claims',
  describe: 'List the check-worthy claims of every stored document, highest check-worthiness first.',
  usage: 'claimtrace claims [--min <score>] [--sort score|document] [--limit <n>] [--json] [--db <path>]',
  notes: [
    'A claim is a sentence, or the quoted words in it, that rank-claims judged worth checking, with a calibrated ' +
      'check-worthiness score (0.7 means about 70 % of claims so scored were judged check-worthy in its evaluation), ' +
      'who makes it (the quoted speaker, or the writer) and the quotes, figures, dates and entities it rests on.',
    'Only claims at or above the model threshold are stored; --min raises the bar.',
  ],
  options: [
    { name: 'min', type: 'string', valueName: 'score', describe: 'Only claims with a check-worthiness at or above this score (0 to 1).' },
    { name: 'sort', type: 'string', valueName: 'order', describe: "'score' (default): highest score first; 'document': by document, then position in it." },
    { name: 'limit', type: 'string', valueName: 'n', describe: 'Print at most this many claims.' },
    { name: 'json', type: 'boolean', describe: 'Print a JSON array of claims (the contract record, with documentId and documentTitle) instead of a table.' },
    DB_OPTION,
  ],
  examples: ['claimtrace claims', 'claimtrace claims --min 0.5', 'claimtrace claims --min 0.8 --json --db demo.sqlite'],

  async run(args, io) {
    const min = parseNumber(stringOption(args, 'min'), 'min', (n) => n >= 0 && n <= 1);
    if (typeof min === 'string') return usageError(io, 'claims', `${min}: expected a number from 0 to 1`);
    const limit = parseNumber(stringOption(args, 'limit'), 'limit', (n) => Number.isInteger(n) && n > 0);
    if (typeof limit === 'string') return usageError(io, 'claims', `${limit}: expected a positive whole number`);
    const sort = stringOption(args, 'sort') ?? 'score';
    if (!(SORTS as readonly string[]).includes(sort)) return usageError(io, 'claims', `--sort ${JSON.stringify(sort)}: expected ${SORTS.join(' or ')}`);
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
      const titles = new Map<string, string | null>();
      for await (const document of store.iterateDocuments()) titles.set(document.id, document.title);
      const claims: ClaimListEntry[] = [];
      // Records come by document (save order), then position: the 'document' order as it is.
      for await (const record of store.iterateRecords({ kind: 'claim' })) {
        const f = record.finding;
        const claim = { id: f.id, analysis: f.analysis, ...(f.data as object), ...(f.basis ? { basis: f.basis } : {}), ...(f.reason ? { reason: f.reason } : {}), ...(f.evidence && f.evidence.length > 0 ? { evidence: [...f.evidence] } : {}) } as ClaimJson;
        if (min !== undefined && claim.checkWorthiness < min) continue;
        claims.push({ documentId: record.documentId, documentTitle: titles.get(record.documentId) ?? null, ...claim });
      }
      // Array.prototype.sort is stable: equal scores keep document order.
      if (sort === 'score') claims.sort((a, b) => b.checkWorthiness - a.checkWorthiness);
      const shown = limit === undefined ? claims : claims.slice(0, limit);
      if (json) {
        io.stdout.write(`${JSON.stringify(shown)}\n`);
        return EXIT_OK;
      }
      if (shown.length === 0) {
        io.stderr.write(`claimtrace: no claims${min !== undefined ? ` with a score of ${min} or more` : ''} in ${displayDb(path)}\n`);
        return EXIT_OK;
      }
      const rows = shown.map((c) => [
        c.checkWorthiness.toFixed(2),
        oneLine(c.documentId),
        c.claimant ? truncate(oneLine(c.claimant.name), NAME_WIDTH) : c.voice === 'author' ? '(writer)' : '(unknown)',
        truncate(oneLine(c.span.text), CLAIM_WIDTH),
      ]);
      io.stdout.write(formatTable(['SCORE', 'DOCUMENT', 'CLAIMANT', 'CLAIM'], rows, new Set([0])));
      if (shown.length < claims.length) io.stderr.write(`claimtrace: ${shown.length} of ${claims.length} claims shown (--limit)\n`);
      return EXIT_OK;
    } finally {
      await store.close();
    }
  },
};
