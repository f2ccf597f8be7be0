/**
 * `eval quotes`: runs claimtrace and the `quote-parser` package over PolNeAR documents, scores both
 * with eval/scorers/quotes.ts and writes a Markdown and a JSON report.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyzeText } from '../../src/engine/analyze-text.js';
import { loadPolnear, polnearRoot, type PolnearDoc, type PolnearSplit } from '../datasets/polnear.js';
import { displayPath, repoRoot, today } from '../paths.js';
import { QUOTE_PARSER_DEFAULT_MIN_LENGTH, quoteParserQuotes, quoteParserVersion } from '../peers/quote-parser.js';
import {
  MIN_OVERLAP,
  ROWS,
  scoreQuotes,
  type ErrorCase,
  type PRF,
  type PredictedQuote,
  type QuoteScores,
  type RowName,
  type ScoredDocument,
} from '../scorers/quotes.js';

export interface QuotesEvalOptions {
  split: PolnearSplit;
  limit?: number;
  verbose: boolean;
  /** Skip the quote-parser comparison. */
  peer: boolean;
  peerMinLength: number;
  /** Error examples per class in the Markdown report. */
  examples: number;
  /** Folder for the reports (default eval/reports). */
  outDir: string;
  /** Write no report files. */
  write: boolean;
  /** Cross-validation: split the documents into this many folds (sorted by id) and score each; 0 = off. */
  folds: number;
  /** A JSON report of an earlier run to compare with, figure by figure. */
  baseline?: string;
  /** What this run is ("before removing …"), stored in its JSON report. */
  label?: string;
}

export const DEFAULT_QUOTES_OPTIONS: QuotesEvalOptions = {
  split: 'dev',
  verbose: false,
  peer: true,
  peerMinLength: QUOTE_PARSER_DEFAULT_MIN_LENGTH,
  examples: 10,
  outDir: path.join(repoRoot, 'eval', 'reports'),
  write: true,
  folds: 0,
};

/** Longest excerpt of article text shown per example in a report. */
const SNIPPET_CHARS = 80;

export const DEFINITIONS: string[] = [
  'Gold: PolNeAR attributions (E records) of the first annotator of each document; an attribution without a Content span cannot be matched and is left out of every count.',
  'Quotation marks: “ ” " « », the ASCII pairs of two backticks and two apostrophes (used by some newswires), and the opening single mark ‘.',
  'Subset "direct/mixed": gold attributions whose content contains a quotation mark, or one of whose content fragments is immediately preceded by an opening mark (“ « " ‘, two backticks, two apostrophes) or followed by a closing mark (” » ", two apostrophes): spaces but not line breaks tolerated in between, and one of . , ; : ! ? before a following mark.',
  'Direct-only gold: subset attributions all of whose content letters and digits lie inside quoted regions (opening mark to closing mark, or to the end of the paragraph line when unclosed). Mixed gold: the rest of the subset.',
  `Predictions: every predicted quote of every type. Lenient content match: shared characters between the prediction's content pieces (\`contents\`) and the gold content fragments > ${MIN_OVERLAP * 100}% of the gold content length AND > ${MIN_OVERLAP * 100}% of the predicted length; one-to-one greedy matching, largest overlap first, against all gold attributions of the document.`,
  'Rows: "subset" = all predictions vs direct/mixed gold; "all" = all predictions vs all gold; "direct" = predictions typed direct vs direct-only gold; "mixed" = predictions typed mixed or partial vs mixed gold; "indirect" = predictions typed indirect vs gold outside the subset. Precision = row predictions matched to any gold attribution / row predictions; recall = row gold matched by any prediction / row gold.',
  'Speaker correct (matched pair, gold has a Source): the predicted speaker.mention overlaps the gold Source; or the last word of speaker.name (case-insensitive, ignoring Jr./Sr./II/III) is a word of the gold Source text (gold "Sen. Ted Cruz", predicted "Ted Cruz"); or the gold Source is a pronoun and the predicted mention text equals it. Speaker accuracy = correct / matched pairs with a gold Source. Speaker P/R/F1: a match counts only if content matches and the speaker is correct (for gold without a Source: the prediction has no speaker).',
  'Exact spans on matched pairs: source = speaker.phrase (the mention with its apposition, decision 0085) or else speaker.mention vs gold Source, cue = cue.phrase (the verb group with its auxiliaries, adverbs and colon) or else cue.span vs gold Cue (a discontinuous gold Source or Cue is compared by its extent), content = the list of pieces vs the list of gold fragments. All spans trimmed of whitespace, quotation marks (“ ” " « » ‘ ’, the apostrophe, the backtick) and . , on both sides first; pieces separated only by such characters are joined. Precision over predictions having the field, recall over gold having it.',
];

interface SystemRun {
  name: string;
  version: string;
  scores: QuoteScores;
  /** Per-document predictions with their gold, in document order (for folds). */
  scored: ScoredDocument[];
  seconds: number;
  failures: { docId: string; message: string }[];
}

function toPredicted(quotes: readonly PredictedQuote[]): PredictedQuote[] {
  return quotes.map((q) => ({ id: q.id, type: q.type, content: q.content, contents: q.contents, cue: q.cue, speaker: q.speaker }));
}

function runSystem(
  name: string,
  docs: PolnearDoc[],
  predict: (doc: PolnearDoc) => { predictions: PredictedQuote[]; version?: string },
): SystemRun {
  const scored: ScoredDocument[] = [];
  const failures: { docId: string; message: string }[] = [];
  let version = 'unknown';
  let seconds = 0;
  for (const doc of docs) {
    let predictions: PredictedQuote[] = [];
    const t0 = performance.now();
    try {
      const out = predict(doc);
      predictions = out.predictions;
      if (out.version) version = out.version;
    } catch (err) {
      failures.push({ docId: doc.docId, message: err instanceof Error ? err.message : String(err) });
    }
    seconds += (performance.now() - t0) / 1000;
    scored.push({ docId: doc.docId, text: doc.text, gold: doc.attributions, predictions });
  }
  return { name, version, scores: scoreQuotes(scored, { phrases: true }), scored, seconds, failures };
}

// ---------------------------------------------------------------------------------------------
// Cross-validation and baseline

/** The headline figures of a score: lenient P/R/F1 on the direct/mixed subset and speaker accuracy. */
export interface Headline {
  documents: number;
  precision: number;
  recall: number;
  f1: number;
  speakerAccuracy: number;
}

function headline(scores: QuoteScores, documents: number): Headline {
  const s = scores.rows.subset;
  return { documents, precision: s.lenient.precision, recall: s.lenient.recall, f1: s.lenient.f1, speakerAccuracy: s.speakerAccuracy.accuracy };
}

/**
 * Fold `i` holds the documents at positions i, i+k, i+2k… of the list sorted by document id, so
 * every fold mixes publishers and the split is the same on every run. The rules are not fitted, so
 * each fold is simply scored on its own: the spread shows how much the figures vary across documents.
 */
export function foldsOf<T extends { docId: string }>(docs: readonly T[], k: number): T[][] {
  const sorted = [...docs].sort((a, b) => (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : 0));
  const folds: T[][] = Array.from({ length: k }, () => []);
  sorted.forEach((doc, i) => folds[i % k]!.push(doc));
  return folds;
}

export interface FoldSummary {
  k: number;
  folds: Headline[];
  mean: Omit<Headline, 'documents'>;
  /** Sample standard deviation (n - 1) across folds. */
  sd: Omit<Headline, 'documents'>;
}

function meanSd(values: number[]): [number, number] {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.length > 1 ? values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1) : 0;
  return [mean, Math.sqrt(variance)];
}

export function crossValidate(scored: readonly ScoredDocument[], k: number): FoldSummary {
  const folds = foldsOf(scored, k).map((fold) => headline(scoreQuotes(fold, { phrases: true }), fold.length));
  const keys = ['precision', 'recall', 'f1', 'speakerAccuracy'] as const;
  const mean = {} as Omit<Headline, 'documents'>;
  const sd = {} as Omit<Headline, 'documents'>;
  for (const key of keys) [mean[key], sd[key]] = meanSd(folds.map((f) => f[key]));
  return { k, folds, mean, sd };
}

function foldLines(cv: FoldSummary, split: string): string[] {
  const row = (name: string, h: Omit<Headline, 'documents'>, docs: string) =>
    `| ${name} | ${docs} | ${pct(h.precision)} | ${pct(h.recall)} | ${pct(h.f1)} | ${pct(h.speakerAccuracy)} |`;
  return [
    `## Cross-validation: ${cv.k} folds of PolNeAR ${split}`,
    '',
    `Documents sorted by id; document i goes to fold i mod ${cv.k}. Lenient match on the direct/mixed subset; speaker accuracy on matched subset pairs. The rules are not fitted to folds: each fold is scored as it is, so the spread is the variation across ${split} documents. Standard deviation with n - 1.`,
    '',
    '| fold | documents | P % | R % | F1 % | speaker acc. % |',
    '|---|---:|---:|---:|---:|---:|',
    ...cv.folds.map((f, i) => row(String(i + 1), f, String(f.documents))),
    row('mean', cv.mean, ''),
    row('sd', cv.sd, ''),
    '',
  ];
}

interface BaselineReport {
  date?: string;
  dataset?: { split?: string };
  systems?: { name: string; rows?: QuoteScores['rows']; predictions?: number }[];
  crossValidation?: FoldSummary;
  label?: string;
}

function readBaseline(file: string): BaselineReport {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as BaselineReport;
}

function baselineLines(baseline: BaselineReport, run: SystemRun, cv: FoldSummary | null, split: string): string[] {
  const before = baseline.systems?.find((s) => s.name === 'claimtrace');
  if (!before?.rows) return [];
  const b = before.rows.subset;
  const a = run.scores.rows.subset;
  const line = (name: string, x: number, y: number) => `| ${name} | ${pct(x)} | ${pct(y)} | ${(100 * (y - x)).toFixed(1)} |`;
  const lines = [
    `## Before and after (PolNeAR ${split})`,
    '',
    `Before: ${baseline.label ?? 'the baseline report'}${baseline.date ? ` (${baseline.date})` : ''}. After: this run. All figures on PolNeAR ${split}.`,
    '',
    '| figure | before % | after % | change (points) |',
    '|---|---:|---:|---:|',
    `| predictions | ${before.predictions ?? '?'} | ${run.scores.predictions} | ${before.predictions !== undefined ? run.scores.predictions - before.predictions : ''} |`,
    line('P (subset)', b.lenient.precision, a.lenient.precision),
    line('R (subset)', b.lenient.recall, a.lenient.recall),
    line('F1 (subset)', b.lenient.f1, a.lenient.f1),
    line('speaker accuracy (subset)', b.speakerAccuracy.accuracy, a.speakerAccuracy.accuracy),
    line('speaker F1 (subset)', b.speaker.f1, a.speaker.f1),
  ];
  if (cv && baseline.crossValidation) {
    const bc = baseline.crossValidation;
    lines.push(
      line(`CV mean P (${bc.k} folds)`, bc.mean.precision, cv.mean.precision),
      line(`CV mean R (${bc.k} folds)`, bc.mean.recall, cv.mean.recall),
      line(`CV mean F1 (${bc.k} folds)`, bc.mean.f1, cv.mean.f1),
      line(`CV sd F1 (${bc.k} folds)`, bc.sd.f1, cv.sd.f1),
      line(`CV mean speaker accuracy (${bc.k} folds)`, bc.mean.speakerAccuracy, cv.mean.speakerAccuracy),
    );
  }
  lines.push('');
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Formatting

const pct = (x: number) => (100 * x).toFixed(1);

function prfCells(m: PRF): string {
  return `${pct(m.precision)} | ${pct(m.recall)} | ${pct(m.f1)} | ${m.matchedPredicted}/${m.predicted} | ${m.matchedGold}/${m.gold}`;
}

function metricTable(title: string, scores: QuoteScores, pick: (row: RowName) => PRF): string[] {
  return [
    `**${title}**`,
    '',
    '| gold rows | P % | R % | F1 % | matched / predictions | matched / gold |',
    '|---|---:|---:|---:|---:|---:|',
    ...ROWS.map((r) => `| ${r} | ${prfCells(pick(r))} |`),
    '',
  ];
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

export function snippet(s: string, max = SNIPPET_CHARS): string {
  const t = oneLine(s);
  return t.length <= max ? t : t.slice(0, max - 1).trimEnd() + '…';
}

function describeError(kind: 'missed' | 'falsePositive' | 'wrongSpeaker', e: ErrorCase, max: number): string {
  const where = `\`${e.docId}\`@${e.start}`;
  const content = `«${snippet(e.content, max)}»`;
  const name = (s: string | null | undefined) => (s ? snippet(s, 40) : '—');
  if (kind === 'missed') return `${where} [${e.goldClass}] ${content} — gold source: ${name(e.goldSource)}`;
  if (kind === 'falsePositive') return `${where} [${e.predictedType}] ${content} — speaker: ${name(e.predictedSpeaker)}`;
  const mention = e.predictedMention && e.predictedMention !== e.predictedSpeaker ? ` ("${name(e.predictedMention)}")` : '';
  return `${where} [${e.goldClass}] ${content} — gold: ${name(e.goldSource)}; predicted: ${name(e.predictedSpeaker)}${mention}`;
}

/** Up to `n` errors, at most two per document, in document order. */
function pickExamples(errors: ErrorCase[], n: number): ErrorCase[] {
  const perDoc = new Map<string, number>();
  const out: ErrorCase[] = [];
  for (const e of errors) {
    if (out.length >= n) break;
    const k = perDoc.get(e.docId) ?? 0;
    if (k >= 2) continue;
    perDoc.set(e.docId, k + 1);
    out.push(e);
  }
  return out;
}

function systemSection(run: SystemRun, examples: number): string[] {
  const s = run.scores;
  const lines: string[] = [
    `## ${run.name} ${run.version}`,
    '',
    `${s.predictions} predicted quotes over ${s.documents} documents (${run.seconds.toFixed(2)} s; ${run.failures.length} documents failed; ${s.invalidPredictions} predictions with spans that do not fit the text).`,
    '',
    ...metricTable('1. Lenient content match', s, (r) => s.rows[r].lenient),
    '**2. Speaker accuracy on lenient-matched pairs whose gold has a Source**',
    '',
    '| gold rows | accuracy % | correct / pairs | pairs without predicted speaker |',
    '|---|---:|---:|---:|',
    ...ROWS.map((r) => {
      const a = s.rows[r].speakerAccuracy;
      return `| ${r} | ${pct(a.accuracy)} | ${a.correct}/${a.pairs} | ${a.noSpeaker} |`;
    }),
    '',
    ...metricTable('2b. Speaker P/R/F1 (content match AND correct speaker)', s, (r) => s.rows[r].speaker),
    ...metricTable('3a. Exact source span (speaker.phrase, else speaker.mention, vs gold Source)', s, (r) => s.rows[r].exactSource),
    ...metricTable('3b. Exact cue span (cue.phrase, else cue.span, vs gold Cue)', s, (r) => s.rows[r].exactCue),
    ...metricTable('3c. Exact content pieces (trimmed)', s, (r) => s.rows[r].exactContent),
    '**4. Predicted quotes by type**',
    '',
    '| type | predicted | matched any gold | P % | matched subset | matched direct | matched mixed |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...Object.entries(s.byType)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([t, b]) => `| ${t} | ${b.predicted} | ${b.matched} | ${pct(b.precision)} | ${b.matchedSubset} | ${b.matchedDirect} | ${b.matchedMixed} |`),
    ...(Object.keys(s.byType).length === 0 ? ['| (none) | 0 | 0 | 0.0 | 0 | 0 | 0 |'] : []),
    '',
  ];
  if (run.failures.length > 0) {
    lines.push('**Failed documents**', '', ...run.failures.slice(0, 10).map((f) => `- \`${f.docId}\`: ${snippet(f.message, 100)}`), '');
  }
  const classes: [string, 'missed' | 'falsePositive' | 'wrongSpeaker'][] = [
    ['Missed gold (direct/mixed subset)', 'missed'],
    ['False positives', 'falsePositive'],
    ['Wrong speaker', 'wrongSpeaker'],
  ];
  if (examples > 0) {
    lines.push(`**Error examples** (up to ${examples} per class, at most two per document; excerpts shortened to ${SNIPPET_CHARS} characters)`, '');
    for (const [title, kind] of classes) {
      const all = s.errors[kind];
      lines.push(`*${title}: ${all.length}*`, '');
      for (const e of pickExamples(all, examples)) lines.push(`- ${describeError(kind, e, SNIPPET_CHARS)}`);
      lines.push('');
    }
  } else {
    lines.push(`**Errors**: ${classes.map(([title, kind]) => `${title.toLowerCase()} ${s.errors[kind].length}`).join('; ')}.`, '');
  }
  return lines;
}

function summaryRows(runs: SystemRun[]): string[] {
  const header = [
    '| system | predictions | P % | R subset % | F1 subset % | R all % | F1 all % | speaker acc. % | speaker F1 subset % | exact content F1 subset % |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  return [
    ...header,
    ...runs.map((r) => {
      const s = r.scores.rows;
      return `| ${r.name} | ${r.scores.predictions} | ${pct(s.subset.lenient.precision)} | ${pct(s.subset.lenient.recall)} | ${pct(s.subset.lenient.f1)} | ${pct(s.all.lenient.recall)} | ${pct(s.all.lenient.f1)} | ${pct(s.subset.speakerAccuracy.accuracy)} | ${pct(s.subset.speaker.f1)} | ${pct(s.subset.exactContent.f1)} |`;
    }),
  ];
}

function markdownReport(date: string, opts: QuotesEvalOptions, docs: PolnearDoc[], runs: SystemRun[], command: string, cv: FoldSummary | null, baseline: BaselineReport | null): string {
  const g = runs[0].scores.gold;
  const lines: string[] = [
    `# Quote attribution evaluation: PolNeAR ${opts.split}, ${date}`,
    '',
    '## Definitions',
    '',
    ...DEFINITIONS.map((d) => `- ${d}`),
    '',
    '## Settings',
    '',
    // A baseline is named by its file name only (it may lie outside the repository); its figures are in this report.
    `- Command: \`${command.replace(/--baseline(=|\s+)\S+/, (_m, sep: string) => `--baseline${sep}${path.basename(opts.baseline ?? '')}`)}\``,
    `- Data: PolNeAR \`${opts.split}\` split read in place from \`../shared/data/polnear/\` (not part of this repository); ${docs.length} documents${opts.limit !== undefined ? ` (--limit ${opts.limit}, alphabetical)` : ''}.`,
    `- Gold: ${g.attributions} attributions, ${g.withoutContent} without Content left out, ${g.scored} scored (${g.withSource} with a Source); subset direct/mixed ${g.subset} (direct-only ${g.direct}, mixed ${g.mixed}); outside the subset ${g.other}.`,
    `- claimtrace: \`analyzeText(text, { publishedAt, id, title })\` with publishedAt and title from metadata.tsv.`,
    opts.peer
      ? `- Peer: npm \`quote-parser\` ${quoteParserVersion()}, \`parse(text, 'en', { minLength: ${opts.peerMinLength} })\`; quote offsets checked against the text (re-located with indexOf when they do not fit), duplicate spans kept once; its "name" string is used as the speaker (name and mention), no cue; every quote typed direct.`
      : '- Peer: not run (--no-peer).',
    '',
    `## Summary (PolNeAR ${opts.split}, all ${docs.length} documents)`,
    '',
    ...summaryRows(runs),
    '',
    ...(cv ? foldLines(cv, opts.split) : []),
    ...(baseline ? baselineLines(baseline, runs[0]!, cv, opts.split) : []),
    ...runs.flatMap((r) => systemSection(r, r.name === 'claimtrace' ? opts.examples : 0)),
  ];
  return lines.join('\n') + '\n';
}

function jsonReport(date: string, opts: QuotesEvalOptions, docs: PolnearDoc[], runs: SystemRun[], cv: FoldSummary | null, baseline: BaselineReport | null) {
  return {
    task: 'quotes',
    date,
    label: opts.label ?? null,
    dataset: { name: 'PolNeAR', split: opts.split, documents: docs.length, limit: opts.limit ?? null },
    settings: { minOverlap: MIN_OVERLAP, peerMinLength: opts.peer ? opts.peerMinLength : null },
    definitions: DEFINITIONS,
    systems: runs.map((r) => {
      const { errors, ...numbers } = r.scores;
      return {
        name: r.name,
        version: r.version,
        seconds: Number(r.seconds.toFixed(3)),
        failedDocuments: r.failures.length,
        ...numbers,
        errorCounts: { missed: errors.missed.length, falsePositive: errors.falsePositive.length, wrongSpeaker: errors.wrongSpeaker.length },
      };
    }),
    ...(cv ? { crossValidation: cv } : {}),
    ...(baseline ? { baseline: baselineJson(baseline) } : {}),
  };
}

/** The baseline's headline figures, kept in the new report so both sit in one file. */
function baselineJson(baseline: BaselineReport) {
  const before = baseline.systems?.find((s) => s.name === 'claimtrace');
  return {
    label: baseline.label ?? null,
    date: baseline.date ?? null,
    split: baseline.dataset?.split ?? null,
    predictions: before?.predictions ?? null,
    subset: before?.rows ? headline({ rows: before.rows } as QuoteScores, 0) : null,
    crossValidation: baseline.crossValidation ?? null,
  };
}

function printSummary(runs: SystemRun[]): void {
  const cols = ['system', 'pred', 'P', 'R sub', 'F1 sub', 'R all', 'F1 all', 'spk acc', 'spk F1', 'exact F1'];
  const rows = runs.map((r) => {
    const s = r.scores.rows;
    return [
      r.name,
      String(r.scores.predictions),
      pct(s.subset.lenient.precision),
      pct(s.subset.lenient.recall),
      pct(s.subset.lenient.f1),
      pct(s.all.lenient.recall),
      pct(s.all.lenient.f1),
      pct(s.subset.speakerAccuracy.accuracy),
      pct(s.subset.speaker.f1),
      pct(s.subset.exactContent.f1),
    ];
  });
  const widths = cols.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(fmt(cols));
  for (const r of rows) console.log(fmt(r));
}

function printErrors(run: SystemRun): void {
  for (const kind of ['missed', 'falsePositive', 'wrongSpeaker'] as const) {
    const all = run.scores.errors[kind];
    console.log(`\n[${run.name}] ${kind}: ${all.length}`);
    for (const e of all) console.log('  ' + describeError(kind, e, 160));
  }
}

export function runQuotesEval(opts: QuotesEvalOptions, command: string): { markdown: string | null; json: string | null } {
  const t0 = performance.now();
  const docs = loadPolnear(opts.split, { limit: opts.limit });
  const g = docs.reduce((n, d) => n + d.attributions.length, 0);
  console.log(`PolNeAR ${opts.split}: ${docs.length} documents, ${g} attributions (${displayPath(polnearRoot())})`);

  const runs: SystemRun[] = [
    runSystem('claimtrace', docs, (doc) => {
      const out = analyzeText(doc.text, { publishedAt: doc.publishedAt, id: doc.docId, title: doc.title });
      return { predictions: toPredicted(out.quotes), version: out.tool.version };
    }),
  ];
  if (opts.peer) {
    runs.push(
      runSystem('quote-parser', docs, (doc) => ({ predictions: quoteParserQuotes(doc.text, opts.peerMinLength), version: quoteParserVersion() })),
    );
  }
  const cv = opts.folds > 1 ? crossValidate(runs[0]!.scored, opts.folds) : null;
  const baseline = opts.baseline ? readBaseline(opts.baseline) : null;
  const sg = runs[0].scores.gold;
  console.log(`gold scored: ${sg.scored} (subset ${sg.subset}: direct ${sg.direct}, mixed ${sg.mixed}; other ${sg.other}; without content ${sg.withoutContent})\n`);
  printSummary(runs);
  for (const r of runs) {
    if (r.failures.length) console.log(`\n${r.name}: ${r.failures.length} documents failed, first: ${r.failures[0].docId}: ${r.failures[0].message}`);
  }
  if (cv) {
    console.log(`\n${cv.k}-fold cross-validation over PolNeAR ${opts.split} (subset, lenient):`);
    cv.folds.forEach((f, i) => console.log(`  fold ${i + 1} (${f.documents} docs): P ${pct(f.precision)} R ${pct(f.recall)} F1 ${pct(f.f1)} speaker ${pct(f.speakerAccuracy)}`));
    console.log(`  mean: P ${pct(cv.mean.precision)} R ${pct(cv.mean.recall)} F1 ${pct(cv.mean.f1)} speaker ${pct(cv.mean.speakerAccuracy)}`);
    console.log(`  sd:   P ${pct(cv.sd.precision)} R ${pct(cv.sd.recall)} F1 ${pct(cv.sd.f1)} speaker ${pct(cv.sd.speakerAccuracy)}`);
  }
  if (opts.verbose) for (const r of runs) printErrors(r);

  if (!opts.write) return { markdown: null, json: null };
  const date = today();
  const base = `${date}-quotes${opts.split === 'dev' ? '' : '-' + opts.split}`;
  fs.mkdirSync(opts.outDir, { recursive: true });
  const md = path.join(opts.outDir, base + '.md');
  const js = path.join(opts.outDir, base + '.json');
  fs.writeFileSync(md, markdownReport(date, opts, docs, runs, command, cv, baseline));
  fs.writeFileSync(js, JSON.stringify(jsonReport(date, opts, docs, runs, cv, baseline), null, 2) + '\n');
  console.log(`\nwrote ${displayPath(md)} and ${displayPath(js)} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  return { markdown: md, json: js };
}
