import { loadAnalysis, loadDefaultPipeline, storeExists } from '../../engine/index.js';
import { DB_OPTION, openStoreOrReport, resolveDbPath } from '../database.js';
import { BRIEF_OPTION, formatAnalysisSummary } from '../format-text.js';
import { EXIT_FAILURE, EXIT_OK, flag, stringOption, type Command } from '../options.js';
import { resolveDocumentId } from '../resolve-id.js';
import { styleFor } from '../style.js';

export const showCommand: Command = {
  name: 'show',
  describe: 'Show the stored analysis of one document, as a summary or as the claimtrace/analysis@1 object.',
  usage: 'claimtrace show <id> [--json | --brief] [--db <path>]',
  arguments: [
    {
      name: '<id>',
      describe: "A document id as 'claimtrace list' shows it, or any unique start of one (case does not matter).",
      required: true,
    },
  ],
  options: [
    {
      name: 'json',
      type: 'boolean',
      describe: "Print the stored claimtrace/analysis@1 object, byte for byte the line 'analyze --json' printed.",
    },
    BRIEF_OPTION,
    DB_OPTION,
  ],
  notes: [
    'Ids can be shortened as in git: any start of an id that no other stored id shares will do, in upper or ' +
      'lower case. A start that several ids share lists them (id, title, source) and exits 1.',
    'The summary shows the title, id and source, then every quote whole (wrapped to the terminal width) grouped ' +
      'by speaker, the figures grouped by who states them, the dates, the framing marks in the writer’s voice, ' +
      'and the top claims and events when the analysis has them. Colour is used only when stdout is a terminal, ' +
      'and never when NO_COLOR is set.',
  ],
  examples: ['claimtrace show 3f2a9c0d1e2b', 'claimtrace show 3f2a', 'claimtrace show 3f2a9c0d1e2b --json > 3f2a9c0d1e2b.json'],

  async run(args, io) {
    const typed = args.positionals[0]!;
    const path = resolveDbPath(stringOption(args, 'db'), io.env);
    if (!storeExists(path)) {
      io.stderr.write(`claimtrace: no document with id ${JSON.stringify(typed)} in ${path} (see 'claimtrace list')\n`);
      return EXIT_FAILURE;
    }
    const store = openStoreOrReport(path, io);
    if (!store) return EXIT_FAILURE;
    try {
      const found = await resolveDocumentId(store, typed, io, path);
      if (!found) return EXIT_FAILURE;
      const analysis = await loadAnalysis(store, found.id, loadDefaultPipeline());
      if (!analysis) {
        io.stderr.write(`claimtrace: the document ${found.id} could not be read back from ${path}\n`);
        return EXIT_FAILURE;
      }
      io.stdout.write(
        flag(args, 'json')
          ? `${JSON.stringify(analysis)}\n`
          : formatAnalysisSummary(analysis, { source: found.source, style: styleFor(io), brief: flag(args, 'brief') }),
      );
      return EXIT_OK;
    } finally {
      await store.close();
    }
  },
};
