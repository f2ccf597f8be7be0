/**
 * Quotes against the hand-annotated Wikinews gold set (`eval/datasets/wikinews-quotes/`, CC BY 2.5).
 *
 *   npm run eval -- quotes-wikinews [--no-write] [--verbose] [--out DIR]
 *
 * Same scorer and definitions as the PolNeAR task (lenient content match > 30 % both ways, one-to-one),
 * plus a stricter speaker check the gold set allows: the **entity** is right when the last word of the
 * predicted `speaker.name` (the canonical name, not the mention) is a word of the annotated speaker's
 * canonical name. A pronoun left unresolved is wrong there.
 */
import fs from 'node:fs';
import path from 'node:path';
import { analyzeText } from '../../src/engine/analyze-text.js';
import type { QuoteJson } from '../../src/api/analysis-json.js';
import { displayPath, freshReportBase, repoRoot, today } from '../paths.js';
import { lastNameWord, matchDocument, scoreQuotes, ROWS, type Fragment, type GoldAttributionLike, type PRF, type ScoredDocument } from '../scorers/quotes.js';

interface GoldSpan extends Fragment {
  text: string;
}

interface GoldArticle {
  url: string;
  date: string;
  title: string;
  /** The day the article's annotation was first committed. */
  annotated?: string;
  /** The selection batch (1 the seed, 2 the extension to 30 articles, 3 the end of the second pass). */
  batch?: number;
  text: string;
  attributions: { type: string; source: GoldSpan | null; speaker: string | null; cue: GoldSpan | null; content: GoldSpan[] }[];
}

export interface WikinewsEvalOptions {
  write: boolean;
  verbose: boolean;
  /** Report folder; a report already there under the day's name is kept and the next free `-2`, `-3`… is taken. */
  outDir: string;
}

export const DEFAULT_WIKINEWS_OPTIONS: WikinewsEvalOptions = { write: true, verbose: false, outDir: path.join(repoRoot, 'eval', 'reports') };

export const GOLD_PATH = path.join(repoRoot, 'eval', 'datasets', 'wikinews-quotes', 'gold.json');

/** Reads the gold set and checks every span against its text. */
export function loadWikinewsGold(file = GOLD_PATH): GoldArticle[] {
  const { articles } = JSON.parse(fs.readFileSync(file, 'utf8')) as { articles: GoldArticle[] };
  for (const a of articles) {
    for (const x of a.attributions) {
      for (const s of [x.source, x.cue, ...x.content]) {
        if (s && a.text.slice(s.start, s.end) !== s.text) throw new Error(`${path.basename(file)}: ${a.url}: span ${s.start}-${s.end} is not "${s.text}"`);
      }
    }
  }
  return articles;
}

/**
 * Words of a canonical name the way the scorer's `lastNameWord` cuts them: at white space, with the
 * punctuation at either end dropped, so that a hyphenated or apostrophised name (`Gallego-Lazo`,
 * `France-Presse`, `O'Brien`) is one word on both sides of the comparison.
 */
const nameWords = (s: string): string[] =>
  s
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').toLowerCase())
    .filter((w) => w.length > 0);

/** The entity rule: the last word of the predicted canonical name is a word of the annotated speaker's name. */
export function entitySpeakerCorrect(predictedName: string | null | undefined, goldSpeaker: string): boolean {
  const last = predictedName ? lastNameWord(predictedName) : null;
  return last !== null && nameWords(goldSpeaker).includes(last);
}

function pct(x: number): string {
  return (100 * x).toFixed(1);
}

function prfRow(name: string, r: PRF): string {
  return `| ${name} | ${pct(r.precision)} | ${pct(r.recall)} | ${pct(r.f1)} | ${r.matchedPredicted}/${r.predicted} | ${r.matchedGold}/${r.gold} |`;
}

export function runWikinewsEval(opts: WikinewsEvalOptions, command: string): void {
  const articles = loadWikinewsGold();
  const docs: ScoredDocument[] = [];
  let entityPairs = 0;
  let entityCorrect = 0;
  const wrong: string[] = [];
  const byBatch = new Map<string, { docs: ScoredDocument[]; pairs: number; correct: number }>();
  for (const a of articles) {
    const out = analyzeText(a.text, { publishedAt: a.date, id: a.url, title: a.title });
    const gold: GoldAttributionLike[] = a.attributions.map((x, i) => ({ id: `A${i + 1}`, source: x.source ? [x.source] : null, cue: x.cue ? [x.cue] : [], content: x.content }));
    const predictions = out.quotes as QuoteJson[];
    const doc: ScoredDocument = { docId: a.url, text: a.text, gold, predictions };
    docs.push(doc);
    const batchKey = `batch ${a.batch ?? '?'} (annotated ${a.annotated ?? '?'})`;
    const batch = byBatch.get(batchKey) ?? { docs: [], pairs: 0, correct: 0 };
    byBatch.set(batchKey, batch);
    batch.docs.push(doc);
    const match = matchDocument(predictions, gold);
    match.forEach((g, p) => {
      if (g < 0) return;
      const speaker = a.attributions[g]!.speaker;
      if (!speaker) return;
      entityPairs++;
      batch.pairs++;
      const name = predictions[p]!.speaker?.name ?? null;
      if (entitySpeakerCorrect(name, speaker)) {
        entityCorrect++;
        batch.correct++;
      } else wrong.push(`${path.basename(a.url)}: «${predictions[p]!.content.text.slice(0, 60)}» predicted ${name ?? '—'}, gold ${speaker}`);
    });
  }
  const scores = scoreQuotes(docs);
  const all = scores.rows.all;
  const batches = [...byBatch.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  const batchRows = batches.map(([day, b]) => {
    const s = scoreQuotes(b.docs).rows.all.lenient;
    return `| ${day}: ${b.docs.length} articles, ${s.gold} attributions | ${pct(s.precision)} | ${pct(s.recall)} | ${pct(s.f1)} | ${pct(b.pairs ? b.correct / b.pairs : 0)} (${b.correct}/${b.pairs}) |`;
  });
  const lines = [
    `# Quote attribution evaluation: Wikinews gold set, ${today()}`,
    '',
    `- Command: \`${command}\``,
    `- Data: \`eval/datasets/wikinews-quotes/gold.json\`: ${articles.length} articles, ${scores.gold.scored} attributions (Wikinews contributors, CC BY 2.5), annotated by hand following its GUIDE.md before claimtrace was run on them (selection and changes in its README).`,
    '- Definitions: as in the PolNeAR report (lenient content match > 30 % both ways, one-to-one; rows by the quotation marks around the gold content). Speaker (entity) accuracy: the last word of the predicted canonical `speaker.name` is a word of the annotated speaker; a pronoun left unresolved counts as wrong.',
    '',
    '| gold rows | P % | R % | F1 % | matched / predictions | matched / gold |',
    '|---|---:|---:|---:|---:|---:|',
    ...ROWS.map((r) => prfRow(r, scores.rows[r].lenient)),
    '',
    '| speaker | accuracy % | correct / pairs |',
    '|---|---:|---:|',
    `| entity (canonical name) | ${pct(entityPairs ? entityCorrect / entityPairs : 0)} | ${entityCorrect}/${entityPairs} |`,
    `| mention or name (PolNeAR definition) | ${pct(all.speakerAccuracy.accuracy)} | ${all.speakerAccuracy.correct}/${all.speakerAccuracy.pairs} |`,
    '',
    'All attributions by annotation batch (batch 1 the seed, 2 the extension to 30 articles, 3 the end of the selection pass; same definitions):',
    '',
    '| batch | P % | R % | F1 % | speaker (entity) % |',
    '|---|---:|---:|---:|---:|',
    ...batchRows,
    '',
    '| exact span (all attributions) | P % | R % | F1 % | matched / predictions | matched / gold |',
    '|---|---:|---:|---:|---:|---:|',
    prfRow('source', all.exactSource),
    prfRow('cue', all.exactCue),
    prfRow('content', all.exactContent),
    '',
  ];
  console.log(lines.join('\n'));
  if (opts.verbose) for (const w of wrong) console.log('wrong speaker: ' + w);
  if (opts.write) {
    fs.mkdirSync(opts.outDir, { recursive: true });
    const base = freshReportBase(opts.outDir, `${today()}-quotes-wikinews`, (f) => fs.existsSync(f));
    fs.writeFileSync(`${base}.md`, lines.join('\n'));
    const json = { task: 'quotes-wikinews', date: today(), articles: articles.length, gold: scores.gold, predictions: scores.predictions, rows: Object.fromEntries(ROWS.map((r) => [r, { lenient: scores.rows[r].lenient, speakerAccuracy: scores.rows[r].speakerAccuracy }])), entitySpeaker: { pairs: entityPairs, correct: entityCorrect }, batches: Object.fromEntries(batches.map(([day, b]) => [day, { articles: b.docs.length, all: scoreQuotes(b.docs).rows.all.lenient, entitySpeaker: { pairs: b.pairs, correct: b.correct } }])), exact: { source: all.exactSource, cue: all.exactCue, content: all.exactContent } };
    fs.writeFileSync(`${base}.json`, JSON.stringify(json, null, 2) + '\n');
    console.log(`wrote ${displayPath(base)}.md and .json`);
  }
}
