import { reanalyzeStored, ReanalyzeError, storeExists, type AnalyzeProgress } from '../../engine/index.js';
import { AliasFileError, chooseAliasTable } from '../../engine/load-aliases.js';
import { DB_OPTION, openStoreOrReport, resolveDbPath } from '../database.js';
import { plural } from '../format-text.js';
import { EXIT_FAILURE, EXIT_OK, flag, stringOption, usageError, type Command } from '../options.js';
import { createProgressBar } from '../progress-bar.js';
import { printResults, TIME_BUDGET_OPTION, timeBudgetMs } from './analyze.js';

/** Without a terminal, a progress line every this many documents. */
const PROGRESS_EVERY = 100;

export const reanalyzeCommand: Command = {
  name: 'reanalyze',
  describe: 'Analyse the stored documents again from their stored text, e.g. after a lexicon or model change.',
  usage: 'claimtrace reanalyze [--only <analysis>] [--json] [--db <path>]',
  options: [
    {
      name: 'only',
      type: 'string',
      valueName: 'analysis',
      describe:
        'Run this analysis again on every stored document and keep the stored results of all the others as they are ' +
        '(e.g. extract-quotes after editing its cue lexicon).',
    },
    { name: 'json', type: 'boolean', describe: 'Print one claimtrace/analysis@1 object per document (JSON Lines) instead of a summary.' },
    TIME_BUDGET_OPTION,
    DB_OPTION,
  ],
  notes: [
    'Without --only, every analysis whose stored result no longer matches its cache key (version, data files, ' +
      'inputs) runs again, as `analyze` would do on the original files.',
    'Progress is a bar on a terminal, else a line every 100 documents on stderr.',
  ],
  examples: ['claimtrace reanalyze --only extract-quotes', 'claimtrace reanalyze --db news.sqlite'],

  async run(args, io) {
    if (args.positionals.length > 0) return usageError(io, 'reanalyze', `unexpected argument ${JSON.stringify(args.positionals[0])}`);
    const only = stringOption(args, 'only');
    const json = flag(args, 'json');
    const budget = timeBudgetMs(stringOption(args, 'time-budget'));
    if (typeof budget === 'string') return usageError(io, 'reanalyze', budget);
    const path = resolveDbPath(stringOption(args, 'db'), io.env);
    if (!storeExists(path)) {
      io.stderr.write(`claimtrace: no documents yet (no database at ${path})\n`);
      return EXIT_OK;
    }
    const store = openStoreOrReport(path, io, { backgroundWrites: true });
    if (!store) return EXIT_FAILURE;
    const bar = io.isTTY ? createProgressBar(io.stderr, { ...(io.columns ? { columns: io.columns } : {}) }) : null;
    const onProgress = (progress: AnalyzeProgress): void => {
      if (bar) bar.update(progress);
      else if (progress.done % PROGRESS_EVERY === 0 || progress.done === progress.total) io.stderr.write(`reanalysed ${progress.done}/${progress.total ?? '?'} documents\n`);
    };
    let counts;
    try {
      const { pipeline } = await chooseAliasTable(store, undefined);
      counts = await printResults(reanalyzeStored(store, { select: 'all', timeBudgetMs: budget, ...(only !== undefined ? { only } : {}), ...(pipeline ? { pipeline } : {}), onProgress }), io, { json, bar });
    } catch (error) {
      if (error instanceof ReanalyzeError) return usageError(io, 'reanalyze', error.message);
      if (!(error instanceof AliasFileError)) throw error;
      io.stderr.write(`claimtrace reanalyze: ${error.message}\n`);
      return EXIT_FAILURE;
    } finally {
      bar?.clear();
      await store.close();
    }
    const errorsNote = counts.withErrors > 0 ? `, ${counts.withErrors} with errors` : '';
    io.stderr.write(`reanalysed ${plural(counts.analysed, 'document')}${only ? ` (${only} only)` : ''}, ${counts.failed} failed${errorsNote}\n`);
    return counts.failed > 0 || counts.withErrors > 0 ? EXIT_FAILURE : EXIT_OK;
  },
};
