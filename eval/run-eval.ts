/**
 * Evaluation CLI.
 *
 *   npm run eval -- quotes [--split dev|train] [--limit N] [--verbose]
 *                          [--no-peer] [--peer-min-length N] [--examples N] [--out DIR] [--no-write]
 *                          [--folds K] [--baseline REPORT.json] [--label TEXT]
 *
 * See eval/README.md.
 */
import path from 'node:path';
import { DEFAULT_QUOTES_OPTIONS, runQuotesEval, type QuotesEvalOptions } from './tasks/quotes.js';

const USAGE = `usage: tsx eval/run-eval.ts quotes [options]

tasks:
  quotes                 quote / speaker / cue extraction against PolNeAR attributions

options:
  --split dev|train      PolNeAR split (default dev)
  --limit N              only the first N documents (alphabetical)
  --verbose              print every error (missed gold, false positive, wrong speaker)
  --no-peer              do not run the quote-parser package for comparison
  --peer-min-length N    minLength passed to quote-parser (default ${DEFAULT_QUOTES_OPTIONS.peerMinLength}, its own default)
  --examples N           error examples per class in the report (default ${DEFAULT_QUOTES_OPTIONS.examples})
  --out DIR              report folder (default eval/reports)
  --no-write             print the summary only, write no report
  --folds K              also split the documents into K folds (sorted by id, round robin) and
                         report each fold's P/R/F1 and speaker accuracy, with mean and sd
  --baseline FILE        an earlier JSON report to compare with (before/after table)
  --label TEXT           what this run is, stored in its JSON report (shown when it is a baseline)
`;

function fail(message: string): never {
  console.error(`run-eval: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function intArg(name: string, value: string | undefined): number {
  if (value === undefined || !/^\d+$/.test(value)) fail(`${name} needs a non-negative integer`);
  return Number(value);
}

function parseQuotesArgs(args: string[]): QuotesEvalOptions {
  const opts: QuotesEvalOptions = { ...DEFAULT_QUOTES_OPTIONS };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? args[++i];
    switch (flag) {
      case '--split': {
        const v = value();
        if (v !== 'dev' && v !== 'train') fail('--split must be dev or train');
        opts.split = v;
        break;
      }
      case '--limit':
        opts.limit = intArg('--limit', value());
        break;
      case '--verbose':
      case '-v':
        opts.verbose = true;
        break;
      case '--no-peer':
        opts.peer = false;
        break;
      case '--peer-min-length':
        opts.peerMinLength = intArg('--peer-min-length', value());
        break;
      case '--examples':
        opts.examples = intArg('--examples', value());
        break;
      case '--out': {
        const v = value();
        if (!v) fail('--out needs a folder');
        opts.outDir = path.resolve(v);
        break;
      }
      case '--no-write':
        opts.write = false;
        break;
      case '--folds':
        opts.folds = intArg('--folds', value());
        if (opts.folds === 1) fail('--folds needs 2 or more');
        break;
      case '--baseline': {
        const v = value();
        if (!v) fail('--baseline needs a JSON report');
        opts.baseline = path.resolve(v);
        break;
      }
      case '--label': {
        const v = value();
        if (!v) fail('--label needs a text');
        opts.label = v;
        break;
      }
      default:
        fail(`unknown option ${a}`);
    }
  }
  return opts;
}

function main(argv: string[]): void {
  const [task, ...rest] = argv;
  if (!task || task === '--help' || task === '-h') {
    console.log(USAGE);
    process.exit(task ? 0 : 2);
  }
  if (task === 'quotes') {
    const opts = parseQuotesArgs(rest);
    runQuotesEval(opts, ['npm run eval --', ...argv].join(' '));
    return;
  }
  fail(`unknown task ${task}`);
}

main(process.argv.slice(2));
