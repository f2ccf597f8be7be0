import type { CorpusJson } from '../../api/corpus-json.js';
import { readOutletsFile, storeExists, updateCorpus, type Outlet } from '../../engine/index.js';
import { DB_OPTION, openStoreOrReport, resolveDbPath } from '../database.js';
import { formatClusters, formatCorpusSummary, formatOrigins, formatSpeaker } from '../format-corpus.js';
import { EXIT_FAILURE, EXIT_OK, flag, stringOption, usageError, type Command } from '../options.js';

/** Clusters listed by the plain `claimtrace corpus` summary. */
const SUMMARY_CLUSTERS = 10;
const VIEWS = ['clusters', 'speaker', 'origins'];

export const corpusCommand: Command = {
  name: 'corpus',
  describe: 'Across the stored documents: claim clusters, disagreeing figures, quote drift, same-origin groups and independent sources.',
  usage: 'claimtrace corpus [clusters [--min-sources <n>] | speaker <name> | origins] [--json] [--outlets <file>] [--db <path>]',
  arguments: [
    { name: '[view]', describe: "'clusters', 'speaker' or 'origins'; without it, a summary (or with --json the whole claimtrace/corpus@1 object).", required: false },
    { name: '[name]', describe: "For 'speaker': a name, alias or entity key (case does not matter).", required: false },
  ],
  options: [
    { name: 'json', type: 'boolean', describe: 'Print JSON: the claimtrace/corpus@1 object (for clusters, with only the clusters shown; for speaker and origins, those parts).' },
    { name: 'min-sources', type: 'string', valueName: 'n', describe: "With 'clusters': only clusters carried by at least n independent sources (default 1)." },
    {
      name: 'outlets',
      type: 'string',
      valueName: 'file',
      describe: 'A tab-separated outlets file (domain, outlet, names, owner, network) added to the built-in table: documents of one outlet or network count as one source.',
    },
    DB_OPTION,
  ],
  notes: [
    'The corpus state is kept in the database: documents indexed by an earlier run are not compared again, only ' +
      'documents analysed since then are linked (through MinHash/LSH buckets, passage anchors and shingle indexes, ' +
      'never all pairs). A changed text or outlets file rebuilds the state from the stored analyses.',
    'independentSources counts origins, not documents: near-duplicates and documents sharing verbatim passages ' +
      'outside quotes, documents of one outlet or network, and documents that cite the same outlet or statement ' +
      'count once. Every cluster says why in its "why" line.',
  ],
  examples: [
    'claimtrace corpus',
    'claimtrace corpus --json > corpus.json',
    'claimtrace corpus clusters --min-sources 2',
    "claimtrace corpus speaker 'Tomas Reyel'",
    'claimtrace corpus origins --outlets outlets.tsv',
  ],

  async run(args, io) {
    const [view, name] = args.positionals;
    if (view !== undefined && !VIEWS.includes(view)) return usageError(io, 'corpus', `unknown view ${JSON.stringify(view)} (views: ${VIEWS.join(', ')})`);
    if (view === 'speaker' && !name) return usageError(io, 'corpus', "'speaker' needs a name: claimtrace corpus speaker <name>");
    if (view !== 'speaker' && name !== undefined) return usageError(io, 'corpus', `unexpected argument ${JSON.stringify(name)}`);
    const minSourcesText = stringOption(args, 'min-sources');
    if (minSourcesText !== undefined && (view !== 'clusters' || !/^\d+$/.test(minSourcesText))) {
      return usageError(io, 'corpus', view !== 'clusters' ? "--min-sources goes with 'clusters'" : '--min-sources needs a whole number');
    }
    const json = flag(args, 'json');
    let outlets: Outlet[] = [];
    const outletsPath = stringOption(args, 'outlets');
    if (outletsPath !== undefined) {
      try {
        outlets = readOutletsFile(outletsPath);
      } catch (error) {
        io.stderr.write(`claimtrace: ${error instanceof Error ? error.message : String(error)}\n`);
        return EXIT_FAILURE;
      }
    }
    const path = resolveDbPath(stringOption(args, 'db'), io.env);
    if (!storeExists(path)) {
      io.stderr.write(`claimtrace: no documents yet (no database at ${path}); add some with 'claimtrace analyze <file>'\n`);
      return EXIT_FAILURE;
    }
    const store = openStoreOrReport(path, io);
    if (!store) return EXIT_FAILURE;
    let corpus: CorpusJson;
    try {
      const run = await updateCorpus(store, { outlets });
      corpus = run.corpus;
      io.stderr.write(
        `claimtrace: corpus of ${corpus.documentCount} documents: ${run.added} indexed now, ${run.restored} from the stored state${run.rebuilt ? ' (rebuilt: texts, rules or outlets changed)' : ''}\n`,
      );
      for (const skip of run.skipped) io.stderr.write(`claimtrace: ${skip.documentId}: left out of the corpus: ${skip.problem}\n`);
    } finally {
      await store.close();
    }

    if (view === undefined) {
      io.stdout.write(json ? `${JSON.stringify(corpus)}\n` : formatCorpusSummary(corpus, SUMMARY_CLUSTERS));
      return EXIT_OK;
    }
    if (view === 'clusters') {
      const minSources = minSourcesText === undefined ? 1 : Number(minSourcesText);
      const clusters = corpus.claimClusters.filter((c) => c.independentSources >= minSources);
      if (json) io.stdout.write(`${JSON.stringify({ ...corpus, claimClusters: clusters })}\n`);
      else if (clusters.length === 0) io.stderr.write(`claimtrace: no claim cluster carried by ${minSources} or more independent sources\n`);
      else io.stdout.write(formatClusters(clusters));
      return EXIT_OK;
    }
    if (view === 'origins') {
      io.stdout.write(json ? `${JSON.stringify({ schema: corpus.schema, origins: corpus.origins })}\n` : formatOrigins(corpus.origins));
      return EXIT_OK;
    }
    const wanted = name!.toLowerCase();
    const entity =
      corpus.entities.find((e) => e.name.toLowerCase() === wanted || e.key.toLowerCase() === wanted) ??
      corpus.entities.find((e) => e.aliases.some((a) => a.toLowerCase() === wanted)) ??
      corpus.entities.find((e) => e.name.toLowerCase().includes(wanted));
    if (!entity) {
      io.stderr.write(`claimtrace: no person or organisation named ${JSON.stringify(name)} in the corpus\n`);
      return EXIT_FAILURE;
    }
    const names = new Set([entity.name, ...entity.aliases]);
    const clusters = corpus.claimClusters.filter((c) => c.members.some((m) => m.speaker !== null && names.has(m.speaker)));
    io.stdout.write(json ? `${JSON.stringify({ schema: corpus.schema, entity, claimClusters: clusters })}\n` : formatSpeaker(entity, clusters));
    return EXIT_OK;
  },
};
