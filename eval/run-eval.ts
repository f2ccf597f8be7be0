/**
 * Evaluation CLI.
 *
 *   npm run eval -- claims [--no-cv] [--no-speed] [--no-baseline] [--no-write] [--out DIR]
 *   npm run eval -- entities [--no-cv] [--no-speed] [--no-peer] [--no-write] [--out DIR]
 *   npm run eval -- quotes [--split dev|train] [--limit N] [--verbose]
 *                          [--no-peer] [--peer-min-length N] [--examples N] [--out DIR] [--no-write]
 *                          [--folds K] [--baseline REPORT.json] [--label TEXT]
 *
 * See eval/README.md.
 */
import path from 'node:path';
import { reportCommand } from './paths.js';
import { DEFAULT_CLAIMS_OPTIONS, runClaimsEval, type ClaimsEvalOptions } from './tasks/claims.js';
import { DEFAULT_FRAMING_OPTIONS, runFramingEval, type FramingEvalOptions } from './tasks/framing.js';
import { DEFAULT_DATES_OPTIONS, runDatesEval, type DatesEvalOptions, type DatesPart } from './tasks/dates.js';
import { DEFAULT_FIGURES_OPTIONS, runFiguresEval, type FiguresEvalOptions } from './tasks/figures.js';
import { DEFAULT_ENTITIES_OPTIONS, runEntitiesEval, type EntitiesEvalOptions } from './tasks/entities.js';
import { DEFAULT_QUOTES_OPTIONS, runQuotesEval, type QuotesEvalOptions } from './tasks/quotes.js';
import { DEFAULT_EVENTS_OPTIONS, runEventsEval } from './tasks/events.js';
import { DEFAULT_CORPUS_OPTIONS, runCorpusEval, type CorpusEvalOptions } from './tasks/corpus.js';
import { DEFAULT_SENTENCES_OPTIONS, runSentencesEval, type SentencesEvalOptions } from './tasks/sentences.js';
import { SENTENCE_PARTS, type SentencePart } from './datasets/sentences.js';
import { DEFAULT_WIKINEWS_OPTIONS, runWikinewsEval, type WikinewsEvalOptions } from './tasks/quotes-wikinews.js';

const USAGE = `usage: tsx eval/run-eval.ts quotes [options]

tasks:
  framing                framing marks against the PTC span gold (SemEval-2020 Task 11 SI), K-fold CV over its training articles
  quotes                 quote / speaker / cue extraction against PolNeAR attributions
  quotes-wikinews        the same against the hand-annotated Wikinews gold set (options: --no-write, --verbose, --out DIR)
  entities               entity mentions: CoNLL-2003 validation, train 5-fold CV, MEANTIME; compromise as peer
                         (options: --no-cv, --no-speed, --no-peer, --no-write, --out DIR)
  figures                quantities against NewsQuant (value, value+unit F1) and the Recognizers-Text number specs
                         and the hand-annotated Wikinews figures set (train split)
                         (options: --inspect, --export-specs, --no-speed, --no-write, --out DIR, --name BASE)
  claims                 check-worthiness against CheckThat! 2024 English dev and dev-test (F1 of Yes), train 5-fold CV,
                         calibration (reliability diagram, ECE), a bag-of-words reference
                         (options: --no-cv, --no-speed, --no-baseline, --no-write, --out DIR)
  dates                  TIMEX3 dates against TempEval-3 and MEANTIME (see --part below)
  sentences              segment-text's sentence boundaries against MEANTIME English (Airbus+Apple: train, errors read;
                         GM+stock: measured) and CoNLL-2003 (automatic breaks; train: errors read, valid: measured);
                         options: --part meantime-train|meantime-test|conll-train|conll-valid (repeatable),
                         --verbose (every error of the train part), --examples N, --out DIR, --no-write
  events                 event triggers against MEANTIME event mentions (options: --no-write, --out DIR)
  corpus                 document similarity against SemEval-2022 Task 8 en-en pairs (nested CV) and
                         cross-document entities against MEANTIME (B-cubed); options: --folds K, --part similarity|entities,
                         --out DIR, --no-write

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

function parseWikinewsArgs(args: string[]): WikinewsEvalOptions {
  const opts: WikinewsEvalOptions = { ...DEFAULT_WIKINEWS_OPTIONS };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (flag === '--no-write') opts.write = false;
    else if (flag === '--verbose' || flag === '-v') opts.verbose = true;
    else if (flag === '--out') {
      const v = inline ?? args[++i];
      if (!v) fail('--out needs a folder');
      opts.outDir = path.resolve(v);
    } else fail(`unknown option ${a}`);
  }
  return opts;
}

const DATES_USAGE = `dates options:
  --part train|held-out|meantime|wikinews   one part only (repeatable; default all four): TempEval-3 TimeBank
                                   (train), TempEval-3 AQUAINT (held out), MEANTIME English (measured only), the
                                   hand-annotated Wikinews set (eval/datasets/wikinews-dates/, train: errors read)
  --limit N / --verbose / --examples N / --out DIR / --no-write / --folds K   as for quotes
  --update-known-failures          rewrite test/eval/recognizers-text/known-failures.json from this run
  --speed                          also time extract-dates alone on the BBC texts (MB/s, one core)
`;

function parseDatesArgs(args: string[]): DatesEvalOptions {
  const opts: DatesEvalOptions = { ...DEFAULT_DATES_OPTIONS, parts: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    switch (a) {
      case '--part': {
        const v = args[++i];
        if (v !== 'train' && v !== 'held-out' && v !== 'meantime' && v !== 'wikinews') fail(`--part must be train, held-out, meantime or wikinews\n${DATES_USAGE}`);
        opts.parts.push(v as DatesPart);
        break;
      }
      case '--limit':
        opts.limit = intArg('--limit', args[++i]);
        break;
      case '--verbose':
        opts.verbose = true;
        break;
      case '--examples':
        opts.examples = intArg('--examples', args[++i]);
        break;
      case '--out':
        opts.outDir = path.resolve(args[++i] ?? fail('--out needs a folder'));
        break;
      case '--no-write':
        opts.write = false;
        break;
      case '--folds':
        opts.folds = intArg('--folds', args[++i]);
        break;
      case '--update-known-failures':
        opts.updateKnownFailures = true;
        break;
      case '--speed':
        opts.speed = true;
        break;
      default:
        fail(`unknown option ${a}\n${DATES_USAGE}`);
    }
  }
  if (opts.parts.length === 0) opts.parts = [...DEFAULT_DATES_OPTIONS.parts];
  return opts;
}

function parseFiguresArgs(args: string[]): FiguresEvalOptions {
  const opts: FiguresEvalOptions = { ...DEFAULT_FIGURES_OPTIONS };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--no-write') opts.write = false;
    else if (a === '--inspect') opts.inspect = true;
    else if (a === '--export-specs') opts.exportSpecs = true;
    else if (a === '--name') {
      const v = args[++i];
      if (!v || v.includes('/')) fail('--name needs a file name without folder or extension');
      opts.name = v;
    }
    else if (a === '--no-speed') opts.speed = false;
    else if (a === '--out') {
      const v = args[++i];
      if (!v) fail('--out needs a folder');
      opts.outDir = path.resolve(v);
    } else fail(`unknown option ${a}`);
  }
  return opts;
}

const FRAMING_USAGE = `framing options:
  --folds K      cross-validation folds over the PTC training articles (default ${DEFAULT_FRAMING_OPTIONS.folds})
  --limit N      only the first N articles (by id)
  --out DIR / --no-write   as for quotes
`;

function parseFramingArgs(args: string[]): FramingEvalOptions {
  const opts: FramingEvalOptions = { ...DEFAULT_FRAMING_OPTIONS };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    switch (a) {
      case '--folds':
        opts.folds = intArg('--folds', args[++i]);
        if (opts.folds < 2) fail(`--folds needs 2 or more\n${FRAMING_USAGE}`);
        break;
      case '--limit':
        opts.limit = intArg('--limit', args[++i]);
        break;
      case '--out':
        opts.outDir = path.resolve(args[++i] ?? fail('--out needs a folder'));
        break;
      case '--no-write':
        opts.write = false;
        break;
      default:
        fail(`unknown option ${a}\n${FRAMING_USAGE}`);
    }
  }
  return opts;
}

function parseEntitiesArgs(args: string[]): EntitiesEvalOptions {
  const opts: EntitiesEvalOptions = { ...DEFAULT_ENTITIES_OPTIONS };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--no-cv') opts.cv = false;
    else if (a === '--no-speed') opts.speed = false;
    else if (a === '--no-peer') opts.peer = false;
    else if (a === '--no-write') opts.write = false;
    else if (a === '--out' && args[i + 1]) opts.outDir = path.resolve(args[++i]!);
    else fail(`unknown option ${a}`);
  }
  return opts;
}

function parseClaimsArgs(args: string[]): ClaimsEvalOptions {
  const opts: ClaimsEvalOptions = { ...DEFAULT_CLAIMS_OPTIONS };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--no-cv') opts.cv = false;
    else if (a === '--no-speed') opts.speed = false;
    else if (a === '--no-baseline') opts.baseline = false;
    else if (a === '--no-write') opts.write = false;
    else if (a === '--out') {
      const dir = args[++i];
      if (!dir) fail('--out needs a folder');
      opts.outDir = path.resolve(dir);
    } else fail(`unknown option for claims: ${a}`);
  }
  return opts;
}

function parseCorpusArgs(args: string[]): CorpusEvalOptions {
  const opts: CorpusEvalOptions = { ...DEFAULT_CORPUS_OPTIONS };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--no-write') opts.write = false;
    else if (a === '--out' && args[i + 1]) opts.outDir = path.resolve(args[++i]!);
    else if (a === '--part') {
      const part = args[++i];
      if (part !== 'similarity' && part !== 'entities') fail('--part must be similarity or entities');
      opts.part = part;
    } else if (a === '--folds') {
      opts.folds = intArg('--folds', args[++i]);
      if (opts.folds < 2) fail('--folds needs 2 or more');
    } else fail(`unknown option ${a}`);
  }
  return opts;
}

function parseSentencesArgs(args: string[]): SentencesEvalOptions {
  const opts: SentencesEvalOptions = { ...DEFAULT_SENTENCES_OPTIONS, parts: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--part') {
      const part = args[++i] as SentencePart;
      if (!SENTENCE_PARTS.includes(part)) fail(`--part must be one of ${SENTENCE_PARTS.join(', ')}`);
      opts.parts.push(part);
    } else if (a === '--verbose' || a === '-v') opts.verbose = true;
    else if (a === '--examples') opts.examples = intArg('--examples', args[++i]);
    else if (a === '--no-write') opts.write = false;
    else if (a === '--out') {
      const v = args[++i];
      if (!v) fail('--out needs a folder');
      opts.outDir = path.resolve(v);
    } else fail(`unknown option for sentences: ${a}`);
  }
  if (opts.parts.length === 0) opts.parts = [...SENTENCE_PARTS];
  return opts;
}

function main(argv: string[]): void {
  const [task, ...rest] = argv;
  if (!task || task === '--help' || task === '-h') {
    console.log(USAGE);
    process.exit(task ? 0 : 2);
  }
  if (task === 'events') {
    const opts = { ...DEFAULT_EVENTS_OPTIONS };
    for (let i = 0; i < rest.length; i++) {
      if (rest[i] === '--no-write') opts.write = false;
      else if (rest[i] === '--out' && rest[i + 1]) opts.outDir = path.resolve(rest[++i]!);
      else fail(`unknown option for events: ${rest[i]}`);
    }
    runEventsEval(opts, reportCommand(argv));
    return;
  }
  if (task === 'sentences') {
    runSentencesEval(parseSentencesArgs(rest), reportCommand(argv));
    return;
  }
  if (task === 'dates') {
    runDatesEval(parseDatesArgs(rest), reportCommand(argv));
    return;
  }
  if (task === 'framing') {
    runFramingEval(parseFramingArgs(rest), reportCommand(argv));
    return;
  }
  if (task === 'claims') {
    runClaimsEval(parseClaimsArgs(rest), reportCommand(argv));
    return;
  }
  if (task === 'entities') {
    runEntitiesEval(parseEntitiesArgs(rest), reportCommand(argv));
    return;
  }
  if (task === 'quotes') {
    const opts = parseQuotesArgs(rest);
    runQuotesEval(opts, reportCommand(argv));
    return;
  }
  if (task === 'corpus') {
    runCorpusEval(parseCorpusArgs(rest), reportCommand(argv));
    return;
  }
  if (task === 'quotes-wikinews') {
    runWikinewsEval(parseWikinewsArgs(rest), reportCommand(argv));
    return;
  }
  if (task === 'figures') {
    runFiguresEval(parseFiguresArgs(rest), reportCommand(argv));
    return;
  }
  fail(`unknown task ${task}`);
}

main(process.argv.slice(2));
