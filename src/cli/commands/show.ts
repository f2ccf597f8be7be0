import { loadAnalysis, loadDefaultPipeline, storeExists } from '../../engine/index.js';
import { DB_OPTION, openStoreOrReport, resolveDbPath } from '../database.js';
import { formatAnalysisSummary } from '../format-text.js';
import { EXIT_FAILURE, EXIT_OK, flag, stringOption, type Command } from '../options.js';

export const showCommand: Command = {
  name: 'show',
  describe: 'Show the stored analysis of one document, as a summary or as the claimtrace/analysis@1 object.',
  usage: 'claimtrace show <id> [--json] [--db <path>]',
  arguments: [{ name: '<id>', describe: "A document id, as 'claimtrace list' shows it.", required: true }],
  options: [
    {
      name: 'json',
      type: 'boolean',
      describe: "Print the stored claimtrace/analysis@1 object, byte for byte the line 'analyze --json' printed.",
    },
    DB_OPTION,
  ],
  examples: ['claimtrace show 3f2a9c0d1e2b', 'claimtrace show 3f2a9c0d1e2b --json > 3f2a9c0d1e2b.json'],

  async run(args, io) {
    const id = args.positionals[0]!;
    const path = resolveDbPath(stringOption(args, 'db'), io.env);
    const unknown = (): number => {
      io.stderr.write(`claimtrace: no document with id ${JSON.stringify(id)} in ${path} (see 'claimtrace list')\n`);
      return EXIT_FAILURE;
    };
    if (!storeExists(path)) return unknown();
    const store = openStoreOrReport(path, io);
    if (!store) return EXIT_FAILURE;
    try {
      const analysis = await loadAnalysis(store, id, loadDefaultPipeline());
      if (!analysis) return unknown();
      io.stdout.write(flag(args, 'json') ? `${JSON.stringify(analysis)}\n` : formatAnalysisSummary(analysis));
      return EXIT_OK;
    } finally {
      await store.close();
    }
  },
};
