import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeInputs, defaultDbPath, type AnalyzeProgress } from '../../engine/index.js';
import type { AnalysisJson, QuoteJson } from '../../api/index.js';
import { DB_OPTION, openStoreOrReport } from '../database.js';
import { documentTitle, formatQuoteLine, groupBySpeaker, oneLine, plural, shellQuote, wrap } from '../format-text.js';
import { EXIT_FAILURE, EXIT_OK, flag, stringOption, usageError, type CliIo, type Command } from '../options.js';
import { DEFAULT_HOST, DEFAULT_PORT, parsePort, serveUntilStopped } from './serve.js';
import { createProgressBar } from '../progress-bar.js';
import { makeStyle, styleFor, type Style } from '../style.js';
import { shortIds } from './list.js';

/**
 * The bundled sample: Wikinews articles (CC BY 2.5, see demo/ATTRIBUTION.md), one JSON record per
 * line. Resolved from this module, three levels below the package root in both src/ and dist/.
 */
export const DEMO_CORPUS_PATH = fileURLToPath(new URL('../../../demo/wikinews-sample.jsonl', import.meta.url));

/** How many speakers the report lists. */
const TOP_SPEAKERS = 5;

export const demoCommand: Command = {
  name: 'demo',
  describe: 'Analyse the bundled sample of Wikinews articles into a demo database and show what was found.',
  usage: 'claimtrace demo [--db <path>] [--port <n>] [--open] [--no-serve]',
  options: [
    {
      ...DB_OPTION,
      describe: 'Database for the demo (default: demo.sqlite in the folder of the default database).',
    },
    { name: 'port', type: 'string', valueName: 'n', describe: `Port of the web UI (default ${DEFAULT_PORT}; 0 picks a free one).` },
    { name: 'open', type: 'boolean', describe: 'Open the web UI in the default browser.' },
    { name: 'no-serve', type: 'boolean', describe: 'Only analyse and report; do not serve the web UI afterwards.' },
  ],
  notes: [
    'The sample is 40 Wikinews articles (CC BY 2.5) shipped with claimtrace. Running the demo again reads them ' +
      'from the demo database instead of analysing them again.',
  ],
  examples: ['claimtrace demo', 'claimtrace demo --open', 'claimtrace demo --db demo.sqlite --no-serve'],

  async run(args, io) {
    const dbPath = stringOption(args, 'db') || join(dirname(defaultDbPath(io.env)), 'demo.sqlite');
    const store = openStoreOrReport(dbPath, io, { backgroundWrites: true });
    if (!store) return EXIT_FAILURE;

    const bar = io.isTTY ? createProgressBar(io.stderr, { ...(io.columns ? { columns: io.columns } : {}) }) : null;
    const found: AnalysisJson[] = [];
    let failed = 0;
    try {
      const results = analyzeInputs([DEMO_CORPUS_PATH], {
        store,
        ...(bar ? { onProgress: (progress: AnalyzeProgress) => bar.update(progress) } : {}),
      });
      for await (const result of results) {
        if (result.kind === 'analysed') {
          found.push(result.analysis);
        } else if (result.kind === 'failed') {
          failed++;
          const text = `claimtrace: ${oneLine(result.diagnostic.message)}`;
          if (bar) bar.message(text);
          else io.stderr.write(`${text}\n`);
        }
      }
    } finally {
      bar?.clear();
      await store.close();
    }

    io.stdout.write(formatDemoReport(found, dbPath, styleFor(io)));
    if (failed > 0) {
      io.stderr.write(`claimtrace: ${plural(failed, 'demo document')} could not be analysed\n`);
      return EXIT_FAILURE;
    }
    if (flag(args, 'no-serve')) return EXIT_OK;
    const port = parsePort(stringOption(args, 'port'));
    if (port === null) return usageError(io, 'demo', `--port expects a number from 0 to 65535, got ${JSON.stringify(stringOption(args, 'port'))}`);
    const served = openStoreOrReport(dbPath, io);
    if (!served) return EXIT_FAILURE;
    io.stdout.write('\n');
    return serveUntilStopped(served, { host: DEFAULT_HOST, port, token: null, open: flag(args, 'open') }, io);
  },
};

/** What the demo found: counts, top speakers, two example quotes and the commands to explore. */
export function formatDemoReport(analyses: readonly AnalysisJson[], dbPath: string, style: Style = makeStyle(false)): string {
  const quotes = analyses.flatMap((analysis) => analysis.quotes.map((quote) => ({ quote, analysis })));
  const speakers = groupBySpeaker(quotes.map(({ quote }) => quote));
  const attributed = quotes.filter(({ quote }) => quote.speaker?.name).length;
  const figures = analyses.reduce((sum, analysis) => sum + analysis.figures.length, 0);
  const dates = analyses.reduce((sum, analysis) => sum + analysis.dates.length, 0);
  const db = shellQuote(dbPath);
  const short = shortIds(analyses.map((analysis) => analysis.document.id));

  const lines = [
    `Analysed ${plural(analyses.length, 'Wikinews article')} into ${dbPath}.`,
    `Found ${plural(quotes.length, 'quote')}, ${attributed} attributed to ${plural(speakers.length, 'speaker')}; ` +
      `${plural(figures, 'figure')} and ${plural(dates, 'date')}.`,
  ];
  if (speakers.length > 0) {
    lines.push('', style.heading('Top speakers'));
    const top = speakers.slice(0, TOP_SPEAKERS);
    const width = String(top[0]!.quotes.length).length;
    for (const speaker of top) lines.push(`  ${String(speaker.quotes.length).padStart(width)}  ${oneLine(speaker.name)}`);
  }
  const examples = pickExamples(quotes);
  if (examples.length > 0) {
    lines.push('', style.heading('Example quotes') + style.dim(' (speaker, cue verb as written, its stance)'));
    examples.forEach(({ quote, analysis }, index) => {
      if (index > 0) lines.push('');
      lines.push(...wrap(`${style.bold(oneLine(quote.speaker!.name!))} ${formatQuoteLine(quote, null, style)}`, style.width, '  ', '    '));
      const id = short.get(analysis.document.id) ?? analysis.document.id;
      lines.push(...wrap(style.dim(`in ${documentTitle(analysis.document)} [${oneLine(id)}]`), style.width, '    ', '      '));
    });
  }
  const firstId = examples[0]?.analysis.document.id ?? analyses[0]?.document.id;
  const firstShort = firstId ? (short.get(firstId) ?? firstId) : null;
  lines.push('', style.heading('Explore'), `  claimtrace list --db ${db} --sort quotes`);
  if (firstShort) {
    lines.push(`  claimtrace show ${shellQuote(firstShort)} --db ${db}`, `  claimtrace show ${shellQuote(firstShort)} --json --db ${db}`);
  }
  lines.push(`  claimtrace search election --db ${db}`);
  return `${lines.join('\n')}\n`;
}

type PlacedQuote = { quote: QuoteJson; analysis: AnalysisJson };

/**
 * Two quotes that show what the analysis records, from two different speakers. Preferred: direct
 * quotes by a speaker named in full (two words or more, every longer word capitalised: a person or
 * an organisation, not "It" or a misread clause), the first with a stance that is not neutral;
 * each preference is dropped in turn when nothing meets it. The second comes from another article
 * when one has a candidate.
 */
function pickExamples(quotes: readonly PlacedQuote[]): PlacedQuote[] {
  // Only speakers with a name: an unresolved pronoun is no example of who said what.
  const attributed = quotes.filter(({ quote }) => quote.speaker?.name && quote.cue);
  const fullName = ({ quote }: PlacedQuote): boolean => {
    const words = quote.speaker!.name!.split(/\s+/);
    return words.length >= 2 && words.every((word) => word.length <= 3 || /^\p{Lu}/u.test(word));
  };
  const direct = ({ quote }: PlacedQuote): boolean => quote.type === 'direct';
  const preferred = [
    attributed.filter((placed) => direct(placed) && fullName(placed)),
    attributed.filter(fullName),
    attributed,
  ].find((candidates) => candidates.length > 0);
  if (!preferred) return [];
  const first = preferred.find(({ quote }) => quote.cue!.stance !== 'neutral') ?? preferred[0]!;
  const otherSpeaker = preferred.filter(({ quote }) => quote.speaker!.name !== first.quote.speaker!.name);
  const second = otherSpeaker.find(({ analysis }) => analysis.document.id !== first.analysis.document.id) ?? otherSpeaker[0];
  return second ? [first, second] : [first];
}
