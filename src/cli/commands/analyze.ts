import { analyzeInputs, defaultJobs, normalisePublishedAt, reanalyzeStored, type AnalyzeProgress, type InputResult, type Store } from '../../engine/index.js';
import { AliasFileError, chooseAliasTable, pipelineWithAliases } from '../../engine/load-aliases.js';
import type { Pipeline } from '../../engine/pipeline.js';
import { DB_OPTION, openStoreOrReport, resolveDbPath } from '../database.js';
import { BRIEF_OPTION, formatAnalysisSummary, oneLine, plural } from '../format-text.js';
import { EXIT_FAILURE, EXIT_OK, flag, stringOption, usageError, type CliIo, type Command, type OptionSpec } from '../options.js';
import { createProgressBar } from '../progress-bar.js';
import { styleFor, type Style } from '../style.js';

/** Skipped files named in the closing summary; the rest are counted. */
const SKIPPED_LISTED = 20;

/** Seconds one document's analyses may run by default. */
const DEFAULT_TIME_BUDGET_S = 60;

export const TIME_BUDGET_OPTION: OptionSpec = {
  name: 'time-budget',
  type: 'string',
  valueName: 'seconds',
  describe:
    `Longest the analyses of one document may run (default ${DEFAULT_TIME_BUDGET_S}); an analysis still running then is ` +
    'stopped with an error diagnostic, the others run and the batch goes on. 0 turns the limit off.',
};

/** The budget in milliseconds (null: none), or a usage message. */
export function timeBudgetMs(value: string | undefined): number | null | string {
  if (value === undefined) return DEFAULT_TIME_BUDGET_S * 1000;
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds < 0) return `--time-budget ${JSON.stringify(value)} is not a number of seconds`;
  return seconds === 0 ? null : Math.round(seconds * 1000);
}

export const JOBS_OPTION: OptionSpec = {
  name: 'jobs',
  type: 'string',
  valueName: 'n',
  describe:
    'Documents analysed at once, each on its own worker thread (default: the number of cores). Results are stored ' +
    'and printed in input order, the same for every N.',
};

/** The number of jobs, or a usage message. */
export function jobsOption(value: string | undefined): number | string {
  if (value === undefined) return defaultJobs();
  const jobs = Number(value);
  if (value.trim() === '' || !Number.isInteger(jobs) || jobs < 1) return `--jobs ${JSON.stringify(value)} is not a whole number of 1 or more`;
  return jobs;
}

export const analyzeCommand: Command = {
  name: 'analyze',
  describe: 'Analyse articles into attributed quotes (speaker, cue verb, stance) and store the results.',
  usage: 'claimtrace analyze <input...> [--json | --brief | --quiet] [--published-at <date>] [--aliases <file>] [--jobs <n>] [--db <path> | --no-store] | claimtrace analyze --retry-failed [--db <path>]',
  arguments: [
    {
      name: '<input...>',
      describe:
        'Files (.txt .md .html .json .jsonl .csv .tsv, or no extension), directories (read recursively) or - for standard input. ' +
        'Required, except with --retry-failed.',
      required: false,
      variadic: true,
    },
  ],
  options: [
    {
      name: 'json',
      type: 'boolean',
      describe: 'Print one claimtrace/analysis@1 object per document, one per line (JSON Lines), instead of a summary.',
    },
    {
      name: 'quiet',
      type: 'boolean',
      describe:
        'Print nothing per document: only failures and errors (on stderr) and the closing count. For large batches that are ' +
        'read back from the database afterwards (show, export, serve); a document whose text is already stored with ' +
        'up-to-date analyses is then stored as a copy of them without being decoded.',
    },
    {
      name: 'published-at',
      type: 'string',
      valueName: 'date',
      describe: 'Publication date (YYYY-MM-DD) for every input; wins over dates found in HTML or JSON records.',
    },
    {
      name: 'aliases',
      type: 'string',
      valueName: 'file',
      describe:
        'A YAML alias table: names to join into one entity (with a canonical name and type) and names to keep apart. ' +
        'It decides which mentions are one entity and the entity key used across documents (see docs/analyses/resolve-aliases.md). ' +
        'The table is kept in the database and used by later runs on it until another is given; an empty file clears it.',
    },
    DB_OPTION,
    { name: 'no-store', type: 'boolean', describe: 'Analyse without opening a database: nothing is stored or read from the cache.' },
    BRIEF_OPTION,
    TIME_BUDGET_OPTION,
    JOBS_OPTION,
    {
      name: 'retry-failed',
      type: 'boolean',
      describe:
        'Analyse again, from the stored text, only the stored documents whose last run had errors; analyses whose ' +
        'stored results are sound are taken from the cache. Takes no inputs.',
    },
  ],
  notes: [
    'Without --json each document gets a summary: title, id and source (the file, URL or record), counts, then ' +
      'every quote whole, wrapped to the terminal width and grouped by speaker (cue verb as written, its stance, ' +
      'the quoted words; unattributed quotes last), the figures grouped by who states them, the dates, the framing ' +
      'marks in the writer’s voice, and the top claims and events when there are any. --brief cuts each quote to ' +
      'one line and each list to its first few. Colour is used only when stdout is a terminal, never with NO_COLOR set.',
    'Each analysis is cached on its own: an analysis whose version, data files, publication date and inputs ' +
      'are unchanged is taken from the database instead of running again; a document for which nothing had to ' +
      'run counts as "from cache" in the closing count. Results are written many documents to a transaction.',
    'Files of a type claimtrace does not read, met while walking a directory, are named in the closing summary.',
    'An input that cannot be read (missing, empty, binary, not UTF-8) is reported on stderr and the others go on; ' +
      'the exit code is then 1.',
  ],
  examples: [
    'claimtrace analyze article.txt',
    'claimtrace analyze articles/ --published-at 2024-03-04',
    'claimtrace analyze article.html --json --no-store > article.analysis.json',
    'claimtrace analyze articles/ --aliases aliases.yaml',
    'claimtrace analyze --retry-failed',
    'cat article.txt | claimtrace analyze - --json --no-store',
  ],

  async run(args, io) {
    const publishedAtOption = stringOption(args, 'published-at');
    let publishedAt: string | null = null;
    if (publishedAtOption !== undefined) {
      publishedAt = normalisePublishedAt(publishedAtOption);
      if (publishedAt === null) {
        return usageError(io, 'analyze', `--published-at ${JSON.stringify(publishedAtOption)} is not a date (expected YYYY-MM-DD)`);
      }
    }
    const noStore = flag(args, 'no-store');
    const brief = flag(args, 'brief');
    if (flag(args, 'json') && brief) return usageError(io, 'analyze', '--json and --brief cannot be used together');
    const quiet = flag(args, 'quiet');
    if (quiet && (flag(args, 'json') || brief)) return usageError(io, 'analyze', `--quiet and --${brief ? 'brief' : 'json'} cannot be used together`);
    const style = styleFor(io);
    const retryFailed = flag(args, 'retry-failed');
    if (retryFailed && args.positionals.length > 0) {
      return usageError(io, 'analyze', '--retry-failed takes no inputs: it analyses the stored documents that had errors again');
    }
    if (retryFailed && noStore) return usageError(io, 'analyze', '--retry-failed and --no-store cannot be used together');
    if (!retryFailed && args.positionals.length === 0) return usageError(io, 'analyze', 'missing argument <input...>');
    const budget = timeBudgetMs(stringOption(args, 'time-budget'));
    if (typeof budget === 'string') return usageError(io, 'analyze', budget);
    const jobs = jobsOption(stringOption(args, 'jobs'));
    if (typeof jobs === 'string') return usageError(io, 'analyze', jobs);
    if (noStore && stringOption(args, 'db') !== undefined) {
      return usageError(io, 'analyze', '--db and --no-store cannot be used together');
    }
    const json = flag(args, 'json');
    const aliasesPath = stringOption(args, 'aliases');
    // A bad file is reported before a database is opened.
    if (aliasesPath !== undefined) {
      try {
        pipelineWithAliases(aliasesPath);
      } catch (error) {
        if (!(error instanceof AliasFileError)) throw error;
        io.stderr.write(`claimtrace analyze: ${error.message}\n`);
        return EXIT_FAILURE;
      }
    }

    let store: Store | null = null;
    if (!noStore) {
      store = openStoreOrReport(resolveDbPath(stringOption(args, 'db'), io.env), io, { backgroundWrites: true });
      if (!store) return EXIT_FAILURE;
    }
    let pipeline: Pipeline | undefined;
    try {
      const choice = await chooseAliasTable(store, aliasesPath);
      pipeline = choice.pipeline;
      if (choice.from === 'store') io.stderr.write('claimtrace: using the alias table kept in the database (replace it with --aliases FILE; an empty file clears it)\n');
    } catch (error) {
      await store?.close();
      if (!(error instanceof AliasFileError)) throw error;
      io.stderr.write(`claimtrace analyze: ${error.message}\n`);
      return EXIT_FAILURE;
    }

    const bar = io.isTTY ? createProgressBar(io.stderr, { ...(io.columns ? { columns: io.columns } : {}) }) : null;
    const onProgress = bar ? (progress: AnalyzeProgress) => bar.update(progress) : undefined;
    let counts: ResultCounts;
    try {
      const results = retryFailed
        ? reanalyzeStored(store!, { select: 'failed', timeBudgetMs: budget, ...(pipeline ? { pipeline } : {}), ...(onProgress ? { onProgress } : {}) })
        : analyzeInputs(args.positionals, {
            publishedAt,
            store,
            stdin: io.stdin,
            timeBudgetMs: budget,
            jobs,
            analysisNeeded: !quiet,
            ...(pipeline ? { pipeline } : {}),
            ...(onProgress ? { onProgress } : {}),
          });
      counts = await printResults(results, io, { json, quiet, bar, style, brief });
    } finally {
      bar?.clear();
      await store?.close();
    }
    const { analysed, fromCache, failed, skipped, withErrors } = counts;
    const errorsNote = withErrors > 0 ? `, ${withErrors} with errors` : '';
    const skippedNote = skipped.length > 0 ? `, ${plural(skipped.length, 'file')} skipped` : '';
    if (skipped.length > 0) {
      const shown = skipped.slice(0, SKIPPED_LISTED).map((entry) => `  ${oneLine(entry)}`);
      if (skipped.length > SKIPPED_LISTED) shown.push(`  … and ${skipped.length - SKIPPED_LISTED} more`);
      io.stderr.write(`skipped (not a format claimtrace reads):\n${shown.join('\n')}\n`);
    }
    io.stderr.write(`analysed ${plural(analysed, 'document')} (${fromCache} from cache), ${failed} failed${errorsNote}${skippedNote}\n`);
    return failed > 0 || withErrors > 0 ? EXIT_FAILURE : EXIT_OK;
  },
};

export interface ResultCounts {
  analysed: number;
  fromCache: number;
  failed: number;
  skipped: string[];
  withErrors: number;
}

/**
 * Prints each result as it comes (a summary or, with `json`, one JSON line per document; failures and
 * error diagnostics on stderr) and counts them. Shared by `analyze` and `reanalyze`.
 */
export async function printResults(
  results: AsyncIterable<InputResult>,
  io: CliIo,
  options: { json: boolean; quiet?: boolean; bar: ReturnType<typeof createProgressBar> | null; style?: Style; brief?: boolean },
): Promise<ResultCounts> {
  const { json, bar } = options;
  const style = options.style ?? styleFor(io);
  const report = (text: string): void => {
    if (bar) bar.message(text);
    else io.stderr.write(`${text}\n`);
  };
  const counts: ResultCounts = { analysed: 0, fromCache: 0, failed: 0, skipped: [], withErrors: 0 };
  for await (const result of results) {
    if (result.kind === 'failed') {
      counts.failed++;
      report(`claimtrace: ${oneLine(result.diagnostic.message)}`);
      continue;
    }
    if (result.kind === 'skipped') {
      counts.skipped.push(`${result.source} (${result.reason})`);
      continue;
    }
    counts.analysed++;
    if (result.cached) counts.fromCache++;
    // A result's JSON text without an error diagnostic in it need not be parsed to say so (decision 0101).
    const errors =
      result.errorCount === 0 || (result.json !== undefined && !result.json.includes('"severity":"error"'))
        ? []
        : result.analysis.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    if (errors.length > 0) counts.withErrors++;
    for (const error of errors) report(`claimtrace: ${oneLine(result.source)}: ${error.analysis}: ${oneLine(error.message)}`);
    // The bar shares the terminal with stdout: erase it first, the next update redraws it.
    bar?.clear();
    if (options.quiet) {
      // Nothing per document; the closing count says how many.
    } else if (json) {
      io.stdout.write(`${result.json ?? JSON.stringify(result.analysis)}\n`);
    } else {
      const summary = formatAnalysisSummary(result.analysis, { source: result.source, style, brief: options.brief ?? false });
      io.stdout.write(`${counts.analysed > 1 ? '\n' : ''}${summary}`);
    }
    // Records of one JSON Lines file are analysed without I/O in between; letting the event loop
    // turn delivers a closed stdout (`| head`) now rather than after the whole batch.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return counts;
}
