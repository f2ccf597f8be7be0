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
}

export const DEFAULT_QUOTES_OPTIONS: QuotesEvalOptions = {
  split: 'dev',
  verbose: false,
  peer: true,
  peerMinLength: QUOTE_PARSER_DEFAULT_MIN_LENGTH,
  examples: 10,
  outDir: path.join(repoRoot, 'eval', 'reports'),
  write: true,
};

/** Longest excerpt of article text shown per example in a report. */
const SNIPPET_CHARS = 80;

export const DEFINITIONS: string[] = [
  'Gold: PolNeAR attributions (E records) of the first annotator of each document; an attribution without a Content span cannot be matched and is left out of every count.',
  'Quotation marks: “ ” " « », the ASCII pairs of two backticks and two apostrophes (used by some newswires), and the opening single mark ‘.',
  'Subset "direct/mixed": gold attributions whose content contains a quotation mark, or one of whose content fragments is immediately preceded by an opening mark (“ « " ‘, two backticks, two apostrophes) or followed by a closing mark (” » ", two apostrophes): spaces but not line breaks tolerated in between, and one of . , ; : ! ? before a following mark.',
  'Direct-only gold: subset attributions all of whose content letters and digits lie inside quoted regions (opening mark to closing mark, or to the end of the paragraph line when unclosed). Mixed gold: the rest of the subset.',
  `Predictions: every predicted quote of every type. Lenient content match: shared characters between the prediction's content pieces (\`contents\`) and the gold content fragments > ${MIN_OVERLAP * 100}% of the gold content length AND > ${MIN_OVERLAP * 100}% of the predicted length; one-to-one greedy matching, largest overlap first, against all gold attributions of the document.`,
  'Rows: "subset" = all predictions vs direct/mixed gold; "all" = all predictions vs all gold; "direct" = predictions typed direct vs direct-only gold; "mixed" = predictions typed mixed or partial vs mixed gold. Precision = row predictions matched to any gold attribution / row predictions; recall = row gold matched by any prediction / row gold.',
  'Speaker correct (matched pair, gold has a Source): the predicted speaker.mention overlaps the gold Source; or the last word of speaker.name (case-insensitive, ignoring Jr./Sr./II/III) is a word of the gold Source text (gold "Sen. Ted Cruz", predicted "Ted Cruz"); or the gold Source is a pronoun and the predicted mention text equals it. Speaker accuracy = correct / matched pairs with a gold Source. Speaker P/R/F1: a match counts only if content matches and the speaker is correct (for gold without a Source: the prediction has no speaker).',
  'Exact spans on matched pairs: source = speaker.mention vs gold Source, cue = cue.span vs gold Cue (a discontinuous gold Source or Cue is compared by its extent), content = the list of pieces vs the list of gold fragments. All spans trimmed of whitespace, quotation marks (“ ” " « » ‘ ’, the apostrophe, the backtick) and . , on both sides first; pieces separated only by such characters are joined. Precision over predictions having the field, recall over gold having it.',
];

interface SystemRun {
  name: string;
  version: string;
  scores: QuoteScores;
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
  return { name, version, scores: scoreQuotes(scored), seconds, failures };
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
    ...metricTable('3a. Exact source span (speaker.mention vs gold Source)', s, (r) => s.rows[r].exactSource),
    ...metricTable('3b. Exact cue span (cue.span vs gold Cue)', s, (r) => s.rows[r].exactCue),
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

function markdownReport(date: string, opts: QuotesEvalOptions, docs: PolnearDoc[], runs: SystemRun[], command: string): string {
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
    `- Command: \`${command}\``,
    `- Data: PolNeAR \`${opts.split}\` split read in place from \`../shared/data/polnear/\` (not part of this repository); ${docs.length} documents${opts.limit !== undefined ? ` (--limit ${opts.limit}, alphabetical)` : ''}.`,
    `- Gold: ${g.attributions} attributions, ${g.withoutContent} without Content left out, ${g.scored} scored (${g.withSource} with a Source); subset direct/mixed ${g.subset} (direct-only ${g.direct}, mixed ${g.mixed}); outside the subset ${g.other}.`,
    `- claimtrace: \`analyzeText(text, { publishedAt, id, title })\` with publishedAt and title from metadata.tsv.`,
    opts.peer
      ? `- Peer: npm \`quote-parser\` ${quoteParserVersion()}, \`parse(text, 'en', { minLength: ${opts.peerMinLength} })\`; quote offsets checked against the text (re-located with indexOf when they do not fit), duplicate spans kept once; its "name" string is used as the speaker (name and mention), no cue; every quote typed direct.`
      : '- Peer: not run (--no-peer).',
    '',
    '## Summary',
    '',
    ...summaryRows(runs),
    '',
    ...runs.flatMap((r) => systemSection(r, r.name === 'claimtrace' ? opts.examples : 0)),
  ];
  return lines.join('\n') + '\n';
}

function jsonReport(date: string, opts: QuotesEvalOptions, docs: PolnearDoc[], runs: SystemRun[]) {
  return {
    task: 'quotes',
    date,
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
  const sg = runs[0].scores.gold;
  console.log(`gold scored: ${sg.scored} (subset ${sg.subset}: direct ${sg.direct}, mixed ${sg.mixed}; other ${sg.other}; without content ${sg.withoutContent})\n`);
  printSummary(runs);
  for (const r of runs) {
    if (r.failures.length) console.log(`\n${r.name}: ${r.failures.length} documents failed, first: ${r.failures[0].docId}: ${r.failures[0].message}`);
  }
  if (opts.verbose) for (const r of runs) printErrors(r);

  if (!opts.write) return { markdown: null, json: null };
  const date = today();
  const base = `${date}-quotes${opts.split === 'dev' ? '' : '-' + opts.split}`;
  fs.mkdirSync(opts.outDir, { recursive: true });
  const md = path.join(opts.outDir, base + '.md');
  const js = path.join(opts.outDir, base + '.json');
  fs.writeFileSync(md, markdownReport(date, opts, docs, runs, command));
  fs.writeFileSync(js, JSON.stringify(jsonReport(date, opts, docs, runs), null, 2) + '\n');
  console.log(`\nwrote ${displayPath(md)} and ${displayPath(js)} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  return { markdown: md, json: js };
}
