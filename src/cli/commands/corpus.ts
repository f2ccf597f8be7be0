import { createWriteStream, type WriteStream } from 'node:fs';
import { CORPUS_SCHEMA, type CorpusEntityJson } from '../../api/corpus-json.js';
import {
  corpusOutput,
  DEFAULT_MAX_MEMBERS,
  readOutletsFile,
  renderItem,
  textWriter,
  type TextOut,
  storeExists,
  updateCorpus,
  writeCorpusObject,
  type CorpusRun,
  type Outlet,
  type Store,
} from '../../engine/index.js';
import { DB_OPTION, openStoreOrReport, resolveDbPath } from '../database.js';
import { formatClusters, formatOrigins, formatSpeaker, formatSummaryHead } from '../format-corpus.js';
import { EXIT_FAILURE, EXIT_OK, flag, stringOption, usageError, type CliIo, type Command } from '../options.js';

/** Clusters listed by the plain `claimtrace corpus` summary. */
const SUMMARY_CLUSTERS = 10;
const VIEWS = ['clusters', 'speaker', 'origins'];

export const corpusCommand: Command = {
  name: 'corpus',
  describe: 'Across the stored documents: claim clusters, disagreeing figures, quote drift, same-origin groups and independent sources.',
  usage: 'claimtrace corpus [clusters [--min-sources <n>] | speaker <name> | origins] [--json] [--out <file>] [--max-members <n>] [--outlets <file>] [--db <path>]',
  arguments: [
    { name: '[view]', describe: "'clusters', 'speaker' or 'origins'; without it, a summary (or with --json the whole claimtrace/corpus@1 object).", required: false },
    { name: '[name]', describe: "For 'speaker': a name, alias or entity key (case does not matter).", required: false },
  ],
  options: [
    { name: 'json', type: 'boolean', describe: 'Print JSON: the claimtrace/corpus@1 object (for clusters, with only the clusters shown; for speaker and origins, those parts).' },
    { name: 'out', type: 'string', valueName: 'file', describe: 'Write the output to this file instead of standard output.' },
    {
      name: 'max-members',
      type: 'string',
      valueName: 'n',
      describe: `Members listed per claim cluster, corpus entity and origin group (default ${DEFAULT_MAX_MEMBERS}; 'all' for every one). A larger one lists one member of each independent source first and says in "omitted" how many it left out; counts, sources and agreement are always of the whole.`,
    },
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
    'The output is written a piece at a time (one cluster, entity or origin group), with the spans cut from texts read ' +
      'back from the database as they are needed: memory holds the index, not the output, however large the corpus.',
  ],
  examples: [
    'claimtrace corpus',
    'claimtrace corpus --json --out corpus.json',
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
    const maxMembersText = stringOption(args, 'max-members');
    if (maxMembersText !== undefined && !/^(all|[1-9]\d*)$/.test(maxMembersText)) {
      return usageError(io, 'corpus', "--max-members needs a whole number of 1 or more, or 'all'");
    }
    const maxMembers = maxMembersText === undefined ? DEFAULT_MAX_MEMBERS : maxMembersText === 'all' ? Infinity : Number(maxMembersText);
    const json = flag(args, 'json');
    const outPath = stringOption(args, 'out');
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
    let file: WriteStream | null = null;
    try {
      const run = await updateCorpus(store, { outlets });
      io.stderr.write(
        `claimtrace: corpus of ${run.documentCount} documents: ${run.added} indexed now, ${run.restored} from the stored state${run.rebuilt ? ' (rebuilt: texts, rules or outlets changed)' : ''}\n`,
      );
      for (const skip of run.skipped) io.stderr.write(`claimtrace: ${skip.documentId}: left out of the corpus: ${skip.problem}\n`);
      if (outPath !== undefined) {
        const opened = await openOut(outPath);
        if (typeof opened === 'string') {
          io.stderr.write(`claimtrace: ${opened}\n`);
          return EXIT_FAILURE;
        }
        file = opened;
      }
      const out = file ?? io.stdout;
      const code = await writeView(run, store, out, { view, name, json, maxMembers, minSources: minSourcesText === undefined ? 1 : Number(minSourcesText) }, io);
      if (file) await closeOut(file);
      file = null;
      if (outPath !== undefined && code === EXIT_OK) io.stderr.write(`claimtrace: wrote ${outPath}\n`);
      return code;
    } catch (error) {
      if (file && error === file.errored) {
        io.stderr.write(`claimtrace: ${outPath}: cannot write (${(error as NodeJS.ErrnoException).code ?? String(error)})\n`);
        return EXIT_FAILURE;
      }
      throw error;
    } finally {
      file?.destroy();
      await store.close();
    }
  },
};

interface ViewRequest {
  view: string | undefined;
  name: string | undefined;
  json: boolean;
  maxMembers: number;
  minSources: number;
}

/**
 * Writes the asked view a piece at a time (a cluster, entity or origin group per write, waiting for
 * the output to take it): neither the corpus object nor its text is ever whole in memory.
 */
async function writeView(run: CorpusRun, store: Store, out: TextOut, request: ViewRequest, io: CliIo): Promise<number> {
  const write = textWriter(out);
  const { parts, loadTexts } = corpusOutput(run, store, { maxMembers: request.maxMembers });
  const cluster = (rank: number) => renderItem(parts, () => parts.clusterAt(rank), loadTexts);
  const { view, json } = request;
  if (view === undefined) {
    if (json) {
      await writeCorpusObject(run, store, out, { maxMembers: request.maxMembers });
      await write('\n');
      return EXIT_OK;
    }
    let multi = 0;
    let disagree = 0;
    for (let rank = 0; rank < parts.clusterCount; rank++) {
      const info = parts.clusterInfo(rank);
      if (info.independentSources >= 2) multi++;
      if (info.agreement !== 'agree') disagree++;
    }
    await write(formatSummaryHead({ documents: run.documentCount, clusters: parts.clusterCount, multi, disagree, origins: parts.originCount, entities: parts.entityCount() }));
    const shown = Math.min(SUMMARY_CLUSTERS, parts.clusterCount);
    for (let rank = 0; rank < shown; rank++) await write(`\n${formatClusters([await cluster(rank)])}`);
    if (parts.clusterCount > shown) await write(`\n… ${parts.clusterCount - shown} more: claimtrace corpus clusters\n`);
    return EXIT_OK;
  }
  if (view === 'clusters') {
    const picked = (rank: number) => parts.clusterInfo(rank).independentSources >= request.minSources;
    if (json) {
      await writeCorpusObject(run, store, out, { maxMembers: request.maxMembers, clusters: picked });
      await write('\n');
      return EXIT_OK;
    }
    let written = 0;
    for (let rank = 0; rank < parts.clusterCount; rank++) {
      if (!picked(rank)) continue;
      await write(`${written > 0 ? '\n' : ''}${formatClusters([await cluster(rank)])}`);
      written++;
    }
    if (written === 0) io.stderr.write(`claimtrace: no claim cluster carried by ${request.minSources} or more independent sources\n`);
    return EXIT_OK;
  }
  if (view === 'origins') {
    if (json) await write(`{"schema":${JSON.stringify(CORPUS_SCHEMA)},"origins":[`);
    else if (parts.originCount === 0) await write(formatOrigins([]));
    for (let i = 0; i < parts.originCount; i++) {
      const origin = await renderItem(parts, () => parts.originAt(i), loadTexts);
      await write(json ? `${i > 0 ? ',' : ''}${JSON.stringify(origin)}` : `${i > 0 ? '\n' : ''}${formatOrigins([origin])}`);
    }
    if (json) await write(']}\n');
    return EXIT_OK;
  }
  // speaker NAME: the entity found by name, key or alias, then by part of its name.
  const wanted = request.name!.toLowerCase();
  let exact: CorpusEntityJson | undefined;
  let alias: CorpusEntityJson | undefined;
  let partial: CorpusEntityJson | undefined;
  for (const e of parts.entityItems()) {
    if (e.name.toLowerCase() === wanted || e.key.toLowerCase() === wanted) {
      exact = e;
      break;
    }
    if (!alias && e.aliases.some((a) => a.toLowerCase() === wanted)) alias = e;
    if (!partial && e.name.toLowerCase().includes(wanted)) partial = e;
  }
  const entity = exact ?? alias ?? partial;
  if (!entity) {
    io.stderr.write(`claimtrace: no person or organisation named ${JSON.stringify(request.name)} in the corpus\n`);
    return EXIT_FAILURE;
  }
  const names = new Set([entity.name, ...entity.aliases]);
  const ranks: number[] = [];
  for (let rank = 0; rank < parts.clusterCount; rank++) {
    for (const speaker of parts.clusterSpeakers(rank)) {
      if (names.has(speaker)) {
        ranks.push(rank);
        break;
      }
    }
  }
  if (json) await write(`{"schema":${JSON.stringify(CORPUS_SCHEMA)},"entity":${JSON.stringify(entity)},"claimClusters":[`);
  else await write(formatSpeaker(entity, []));
  for (let i = 0; i < ranks.length; i++) {
    const item = await cluster(ranks[i]!);
    await write(json ? `${i > 0 ? ',' : ''}${JSON.stringify(item)}` : `\n${formatClusters([item])}`);
  }
  if (json) await write(']}\n');
  return EXIT_OK;
}

/** Opens the --out file for writing; a string says why it cannot be. */
function openOut(path: string): Promise<WriteStream | string> {
  return new Promise((resolve) => {
    const stream = createWriteStream(path);
    stream.once('ready', () => resolve(stream));
    stream.once('error', (error: NodeJS.ErrnoException) => resolve(`${path}: cannot write (${error.code ?? error.message})`));
  });
}

function closeOut(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.end(() => resolve());
  });
}
