/**
 * `eval figures`: runs claimtrace over the NewsQuant sentences (value and value+unit P/R/F1) and over
 * the Recognizers-Text English Number/NumberWithUnit specs that fit the contract (pass rate, failures
 * with reasons), and writes a Markdown and a JSON report.
 *
 * Protocol. NewsQuant has only a dev file (290 sentences). Its sentences are split up front into two
 * fixed folds by position: fold A (even index) is the only part whose errors may be looked at when a
 * rule or table changes; fold B (odd index) is never inspected and is the held-out figure. The rules
 * and tables are otherwise written from our own fixtures and the Recognizers specs. `--inspect` prints
 * the errors of fold A only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyzeText } from '../../src/engine/analyze-text.js';
import { loadNewsQuant, newsquantPath, type NewsQuantSentence } from '../datasets/newsquant.js';
import { WIKINEWS_FIGURES_GOLD, loadWikinewsFiguresGold, wikinewsFiguresAsNewsQuant, wikinewsFiguresWithoutCommas } from '../datasets/wikinews-figures-gold.js';
import { loadFigureSpecs, specsRoot, type FigureSpecCase } from '../datasets/recognizers-numbers.js';
import { displayPath, freshReportBase, repoRoot, today } from '../paths.js';
import { measureFiguresSpeed, type FiguresSpeed } from './figures-speed.js';
import { checkSpecCase, matchSentence, predictedUnit, scoreNewsQuant, type NewsQuantScores, type PredictedFigure, type SentenceResult } from '../scorers/figures.js';

export interface FiguresEvalOptions {
  outDir: string;
  write: boolean;
  /** Print the errors of fold A and of the Wikinews figures set (the only parts that may be inspected). */
  inspect: boolean;
  /** The report's file name without extension (default: `<date>-figures`, numbered when taken). */
  name: string | null;
  /** Write the fitting spec cases with their current status for the spec test. */
  exportSpecs: boolean;
  /** Time extract-figures alone on the BBC texts. */
  speed: boolean;
  date: string;
}

export const DEFAULT_FIGURES_OPTIONS: FiguresEvalOptions = {
  outDir: path.join(repoRoot, 'eval', 'reports'),
  write: true,
  inspect: false,
  name: null,
  exportSpecs: false,
  speed: true,
  date: today(),
};

/** The first run, recorded before any NewsQuant error was inspected (value F1, value+unit F1). */
const BEFORE_INSPECTION = { all: ['0.917', '0.731'], foldA: ['0.920', '0.767'], foldB: ['0.913', '0.693'] } as const;

/** The first run on batch 3 of the Wikinews figures set, extract-figures 24, before any of its errors was read (value F1, value+unit F1). */
const WIKINEWS_BATCH3_BEFORE_INSPECTION = ['0.945', '0.809'] as const;

/** The Wikinews figures set with commas and apostrophes removed, extract-figures 25, before any of its errors was read (value F1, value+unit F1). */
const WIKINEWS_COMMA_FREE_BEFORE_INSPECTION = ['0.960', '0.883'] as const;

/** The first run on the Wikinews figures set, extract-figures 16, before any of its errors was read (value F1, value+unit F1). */
const WIKINEWS_BEFORE_INSPECTION = ['0.943', '0.785'] as const;

/** Where the spec test reads its cases (MIT, copied with the notice beside them). */
export const SPEC_CASES_FILE = path.join(repoRoot, 'test', 'eval', 'recognizers-numbers', 'cases.json');

function figuresOf(text: string): PredictedFigure[] {
  const json = analyzeText(text);
  return json.figures.map((f) => ({ span: f.span, value: f.value, min: f.min, max: f.max, approx: f.approx, unit: f.unit, counted: f.counted, countedLemma: f.counting?.lemma ?? null }));
}

const pct = (x: number): string => x.toFixed(3);

function scoreRow(name: string, s: NewsQuantScores): string {
  return `| ${name} | ${s.sentences} | ${s.value.gold} | ${s.value.predicted} | ${pct(s.value.precision)} | ${pct(s.value.recall)} | **${pct(s.value.f1)}** | ${pct(s.valueUnit.precision)} | ${pct(s.valueUnit.recall)} | **${pct(s.valueUnit.f1)}** |`;
}

export function runFiguresEval(opts: FiguresEvalOptions, command: string): void {
  const sentences = loadNewsQuant();
  const t0 = performance.now();
  let chars = 0;
  const results: SentenceResult[] = sentences.map((s: NewsQuantSentence) => {
    chars += s.text.length;
    return { index: s.index, text: s.text, gold: s.quantities, predicted: figuresOf(s.text) };
  });
  const seconds = (performance.now() - t0) / 1000;
  const all = scoreNewsQuant(results);
  const foldA = scoreNewsQuant(results.filter((r) => r.index % 2 === 0));
  const foldB = scoreNewsQuant(results.filter((r) => r.index % 2 === 1));

  // The Wikinews figures set: hand-annotated to NewsQuant's conventions, a train split (its errors are read).
  const wikinewsGold = loadWikinewsFiguresGold();
  const wikinewsResults: SentenceResult[] = wikinewsFiguresAsNewsQuant(wikinewsGold).map((s) => ({ index: s.index, text: s.text, gold: s.quantities, predicted: figuresOf(s.text) }));
  const wikinews = scoreNewsQuant(wikinewsResults);
  // Per batch: batches 1 and 2 (2020 articles) and batch 3 (2019 articles, added with extract-figures 25).
  const wikinewsBatches = {
    '1-2': scoreNewsQuant(wikinewsResults.filter((r) => wikinewsGold[r.index]!.batch !== 3)),
    '3': scoreNewsQuant(wikinewsResults.filter((r) => wikinewsGold[r.index]!.batch === 3)),
  };
  // The same set with commas and apostrophes removed as NewsQuant's text has them removed (a train part too).
  const strippedResults: SentenceResult[] = wikinewsFiguresWithoutCommas(wikinewsGold).map((s) => ({ index: s.index, text: s.text, gold: s.quantities, predicted: figuresOf(s.text) }));
  const stripped = scoreNewsQuant(strippedResults);
  const strippedBatches = {
    '1-2': scoreNewsQuant(strippedResults.filter((r) => wikinewsGold[r.index]!.batch !== 3)),
    '3': scoreNewsQuant(strippedResults.filter((r) => wikinewsGold[r.index]!.batch === 3)),
  };

  if (opts.inspect) {
    const printErrors = (label: string, rows: SentenceResult[]): void => {
      for (const r of rows) {
        const m = matchSentence(r.gold, r.predicted);
        const badUnit = m.matched.filter((p) => !p.unitAgrees);
        if (m.missed.length === 0 && m.spurious.length === 0 && badUnit.length === 0) continue;
        console.log(`${label}#${r.index} ${r.text}`);
        for (const g of m.missed) console.log(`   missed ${g.change} ${g.value} ${g.unit} (${g.normalizedUnit})`);
        for (const p of m.spurious) console.log(`   spurious "${p.span.text}" = ${p.value ?? `[${p.min}, ${p.max}]`} ${p.unit ?? ''} ${p.counted ?? ''}`);
        for (const p of badUnit) console.log(`   unit: gold ${p.gold.normalizedUnit}, ours ${predictedUnit(p.predicted)} ("${p.predicted.span.text}")`);
      }
    };
    printErrors('A', results.filter((x) => x.index % 2 === 0));
    printErrors('W', wikinewsResults);
    printErrors('WC', strippedResults);
  }

  const specs = loadFigureSpecs();
  const checked = specs.cases.map((c: FigureSpecCase) => ({ case: c, ...checkSpecCase(c, figuresOf(c.input)) }));
  const byFile: Record<string, { cases: number; passed: number }> = {};
  for (const c of checked) {
    const row = (byFile[c.case.file] ??= { cases: 0, passed: 0 });
    row.cases++;
    if (c.pass) row.passed++;
  }
  const passed = checked.filter((c) => c.pass).length;
  const failureKinds: Record<string, number> = {};
  for (const c of checked) for (const r of c.reasons) {
    const kind = r.startsWith('missed') ? 'missed' : r.startsWith('extra') ? 'extra figure' : r.startsWith('ordinal') ? 'ordinal read as a figure' : r.includes('currency') ? 'currency code' : 'value or bounds differ';
    failureKinds[kind] = (failureKinds[kind] ?? 0) + 1;
  }

  if (opts.exportSpecs) {
    fs.mkdirSync(path.dirname(SPEC_CASES_FILE), { recursive: true });
    const exported = checked.map((c) => ({ ...c.case, status: c.pass ? 'pass' : 'fail', reasons: c.reasons }));
    fs.writeFileSync(SPEC_CASES_FILE, `${JSON.stringify(exported, null, 1)}\n`);
    console.log(`wrote ${displayPath(SPEC_CASES_FILE)} (${exported.length} cases)`);
  }

  const speed: FiguresSpeed | null = opts.speed ? measureFiguresSpeed(5) : null;

  const summary = [
    `NewsQuant dev (${displayPath(newsquantPath())}), ${all.sentences} sentences, ${all.value.gold} scorable quantities (${all.unscorable} with a non-numeric value left out):`,
    `  all        value F1 ${pct(all.value.f1)} (P ${pct(all.value.precision)} R ${pct(all.value.recall)})   value+unit F1 ${pct(all.valueUnit.f1)}`,
    `  fold A     value F1 ${pct(foldA.value.f1)}   value+unit F1 ${pct(foldA.valueUnit.f1)}   (even sentences; the only fold inspected)`,
    `  fold B     value F1 ${pct(foldB.value.f1)}   value+unit F1 ${pct(foldB.valueUnit.f1)}   (odd sentences; held out, never inspected)`,
    `Wikinews figures (train: errors read), ${wikinews.sentences} sentences, ${wikinews.value.gold} quantities: value F1 ${pct(wikinews.value.f1)} (P ${pct(wikinews.value.precision)} R ${pct(wikinews.value.recall)})   value+unit F1 ${pct(wikinews.valueUnit.f1)}`,
    ...(['1-2', '3'] as const).map((b) => [b, wikinewsBatches[b]] as const).map(([b, x]) => `  batch ${b.padEnd(4)} ${x.sentences} sentences, ${x.value.gold} quantities: value F1 ${pct(x.value.f1)}   value+unit F1 ${pct(x.valueUnit.f1)}`),
    `Wikinews figures, commas and apostrophes removed (train: errors read): value F1 ${pct(stripped.value.f1)} (P ${pct(stripped.value.precision)} R ${pct(stripped.value.recall)})   value+unit F1 ${pct(stripped.valueUnit.f1)}`,
    ...(['1-2', '3'] as const).map((b) => [b, strippedBatches[b]] as const).map(([b, x]) => `  batch ${b.padEnd(4)} ${x.sentences} sentences, ${x.value.gold} quantities: value F1 ${pct(x.value.f1)}   value+unit F1 ${pct(x.valueUnit.f1)}`),
    `Recognizers-Text specs: ${passed}/${checked.length} fitting cases pass (${pct(passed / Math.max(1, checked.length))}); ${specs.total - checked.length} of ${specs.total} left out`,
    `Speed: ${(chars / 1e6 / seconds).toFixed(2)} MB/s through the whole pipeline on NewsQuant sentences (one call per sentence)`,
    ...(speed ? [`extract-figures alone on the BBC texts: ${speed.mbPerSecond.toFixed(1)} MB per CPU second, ${speed.mbPerWallSecond.toFixed(1)} MB per wall second (${speed.megabytes.toFixed(2)} MB, best of ${speed.passes} passes, one thread)`] : []),
  ].join('\n');
  console.log(summary);
  if (!opts.write) return;

  const report = {
    task: 'figures',
    date: opts.date,
    command,
    protocol:
      'NewsQuant has only a dev file. Fixed folds by sentence position, set before any scoring: fold A = even index, fold B = odd index. Only fold A errors were inspected while writing rules and tables; fold B is held out. Rules were otherwise written from our own fixtures, the Recognizers-Text specs and, since extract-figures 17, the errors of the hand-annotated Wikinews figures set (a train split annotated to NewsQuant\'s conventions; since extract-figures 25 with a third batch of 2019 articles, whose first-run figure was recorded before its errors were read; since extract-figures 26 also read with its commas and apostrophes removed as NewsQuant removes them, a train part too).',
    newsquant: { file: displayPath(newsquantPath()), all, foldA, foldB, secondsWholePipeline: seconds, characters: chars },
    wikinews: { file: displayPath(WIKINEWS_FIGURES_GOLD), split: 'train: errors read', scores: wikinews, batches: wikinewsBatches },
    wikinewsWithoutCommas: { file: displayPath(WIKINEWS_FIGURES_GOLD), split: 'train: errors read', transform: 'commas and apostrophes (straight and curly) removed without a space, as in NewsQuant', scores: stripped, batches: strippedBatches },
    speed,
    recognizers: {
      root: displayPath(specsRoot()),
      total: specs.total,
      fitting: checked.length,
      passed,
      passRate: passed / Math.max(1, checked.length),
      excluded: specs.excluded,
      byFile,
      failureKinds,
      failures: checked.filter((c) => !c.pass).map((c) => ({ id: c.case.id, reasons: c.reasons })),
    },
  };
  fs.mkdirSync(opts.outDir, { recursive: true });
  const base = opts.name ? path.join(opts.outDir, opts.name) : freshReportBase(opts.outDir, `${opts.date}-figures`, fs.existsSync);
  fs.writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
  const recallRows = Object.entries(all.recallByChange)
    .sort()
    .map(([k, v]) => `| \`${k}\` | ${v.gold} | ${v.found} | ${pct(v.found / Math.max(1, v.gold))} |`);
  const md = [
    `# Figures: NewsQuant and Recognizers-Text specs (${opts.date})`,
    '',
    `Command: \`${command}\`. Machine-readable: \`${path.basename(base)}.json\` (every spec failure with its reasons).`,
    '',
    '## Protocol',
    '',
    report.protocol,
    '',
    '## NewsQuant (dev file, the only split published here)',
    '',
    'Matching per sentence, one to one in text order: a gold quantity matches the first unmatched figure with the same value (a range or a vague quantity by its two bounds; relative tolerance 1e-6). Value+unit also needs the unit to agree: gold `-` with a figure that has no unit and no counted noun; otherwise the gold normalised unit equals, ends with or starts with the name of our unit (ISO codes and unit codes mapped to names) or, for counts, our counted noun (singular, lower case) or its lemma (`counting.lemma`, since extract-figures 10: `best speakers` agrees with gold `good speaker`). Gold values that are neither a number nor a range are left out.',
    '',
    '| rows | sentences | gold | predicted | value P | value R | value F1 | +unit P | +unit R | +unit F1 |',
    '|---|---|---|---|---|---|---|---|---|---|',
    scoreRow('all (dev)', all),
    scoreRow('fold A (dev, even; inspected)', foldA),
    scoreRow('fold B (dev, odd; held out)', foldB),
    '',
    'Targets: value F1 ≥ 0.93, value+unit F1 ≥ 0.87. For scale (not measured here, and on the whole NewsQuant file rather than this dev subset): CQE 0.92 / 0.86, quantulum3 0.73 / 0.47.',
    '',
    "Units (decision 0069): our unit codes are named as in CQE's unit dictionary, the set's `normalized_unit` names (`metric ton`, `pound-mass`, `russian ruble`); a counted noun is compared as written and through its lemma; a gold quantity pairs with the equal-valued figure whose unit agrees before the first equal-valued one, as the set authors' scorer does.",
    '',
    `Before any fold A error was read (extract-figures 1, written from the fixtures only): value F1 ${BEFORE_INSPECTION.all[0]} / value+unit F1 ${BEFORE_INSPECTION.all[1]} on all dev sentences, ${BEFORE_INSPECTION.foldA[0]} / ${BEFORE_INSPECTION.foldA[1]} on fold A, ${BEFORE_INSPECTION.foldB[0]} / ${BEFORE_INSPECTION.foldB[1]} on fold B. The gap between the folds now is the optimism of tuning on fold A.`,
    '',
    'Value recall by the gold `change` class (all dev sentences):',
    '',
    '| change | gold | found | recall |',
    '|---|---|---|---|',
    ...recallRows,
    '',
    '## Wikinews figures (train: errors read)',
    '',
    `The hand-annotated set \`${displayPath(WIKINEWS_FIGURES_GOLD)}\` (Wikinews sentences, CC BY 2.5; selection, guide and changes in its README.md and GUIDE.md), annotated to NewsQuant's conventions and scored by the same matching. Its errors are read when rules change (a train split, like fold A); fold B stays the held-out figure.`,
    '',
    '| rows | sentences | gold | predicted | value P | value R | value F1 | +unit P | +unit R | +unit F1 |',
    '|---|---|---|---|---|---|---|---|---|---|',
    scoreRow('Wikinews figures (train: errors read)', wikinews),
    scoreRow('batches 1 and 2 (2020 articles)', wikinewsBatches['1-2']),
    scoreRow('batch 3 (2019 articles)', wikinewsBatches['3']),
    scoreRow('commas and apostrophes removed (train: errors read)', stripped),
    scoreRow('batches 1 and 2, commas and apostrophes removed', strippedBatches['1-2']),
    scoreRow('batch 3, commas and apostrophes removed', strippedBatches['3']),
    '',
    `The last three rows are the same sentences and gold with every comma and apostrophe (straight or curly) removed without a space in its place, as NewsQuant's cleaned text shows them (\`1,720\` → \`1720\`, \`the company's\` → \`the companys\`): a train part, whose errors are read, for the rules that a comma or an apostrophe used to carry. Before any of its errors was read (extract-figures 25): value F1 ${WIKINEWS_COMMA_FREE_BEFORE_INSPECTION[0]} / value+unit F1 ${WIKINEWS_COMMA_FREE_BEFORE_INSPECTION[1]}.`,
    '',
    `Batch 3 before any of its errors was read (extract-figures 24, the first run after its gold was committed): value F1 ${WIKINEWS_BATCH3_BEFORE_INSPECTION[0]} / value+unit F1 ${WIKINEWS_BATCH3_BEFORE_INSPECTION[1]}.`,
    '',
    `Before any of its errors was read (extract-figures 16, the first run after the gold was committed): value F1 ${WIKINEWS_BEFORE_INSPECTION[0]} / value+unit F1 ${WIKINEWS_BEFORE_INSPECTION[1]}.`,
    '',
    '## Speed',
    '',
    ...(speed
      ? [
          `extract-figures alone (segment-text and extract-quotes run before, untimed) on the ${speed.documents} BBC texts, ${speed.megabytes.toFixed(2)} MB UTF-8, main thread (one core), best of ${speed.passes} passes after a warm-up: **${speed.mbPerSecond.toFixed(1)} MB per CPU second** (${speed.seconds.toFixed(3)} CPU s per pass; by wall time ${speed.mbPerWallSecond.toFixed(1)} MB/s), ${speed.figures} figures. CPU time of the process includes V8's background threads (garbage collection, compilation), so it is the stricter figure. Target: ≥ 10 MB/s per core.`,
          '',
        ]
      : []),
    `The whole pipeline over the NewsQuant sentences, one short call each (start-up cost per call dominates): ${(chars / 1e6 / seconds).toFixed(2)} MB/s.`,
    '',
    '## Recognizers-Text English specs (MIT, © Microsoft Corporation)',
    '',
    `${passed} of ${checked.length} fitting cases pass (**${pct(passed / Math.max(1, checked.length))}**). ${specs.total - checked.length} of ${specs.total} cases in the 8 default-mode files were left out as outside the contract:`,
    '',
    ...Object.entries(specs.excluded).map(([k, v]) => `- ${k}: ${v}`),
    '',
    'A case passes when every expected quantity is overlapped by a figure with its value (a range: its bounds; a currency: its ISO code when given), no figure overlaps an ordinal, and, in NumberModel (the only model that lists every number of its input), no figure lies outside the expected quantities.',
    '',
    '| file | fitting cases | pass | rate |',
    '|---|---|---|---|',
    ...Object.entries(byFile).map(([f, v]) => `| ${f} | ${v.cases} | ${v.passed} | ${pct(v.passed / v.cases)} |`),
    '',
    'Failure reasons (one case may have several):',
    '',
    ...Object.entries(failureKinds).sort((a, b) => b[1] - a[1]).map(([k, v]) => `- ${k}: ${v}`),
    '',
    'Every failing case, with its reasons, is in the JSON report and in `test/eval/recognizers-numbers/cases.json`, where the spec test skips it with those reasons.',
    '',
  ].join('\n');
  fs.writeFileSync(`${base}.md`, md);
  console.log(`wrote ${displayPath(base)}.md and .json`);
}
