/**
 * The chooser of extract-dates (`npm run train -- dates`): a two-class logistic regression that scores the
 * candidate readings of a partial date or a shift back (src/analyses/extract-dates/chooser.ts), trained on
 * TempEval-3 TimeBank (the train part) only. 5-fold cross-validation over whole TimeBank documents chooses
 * the epoch count and the margin by which a candidate must beat the rule's value; AQUAINT is never read
 * here. Deterministic: same data and code, same model and card bytes. `--with-wikinews --no-write` adds the
 * hand-annotated Wikinews set (eval/datasets/wikinews-dates/) to the training documents, to compare its
 * cross-validated figure (tried for decision 0109: the same gain as TimeBank alone, so not the default).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadTempeval, type TimexDoc } from '../eval/datasets/tempeval3.js';
import { loadWikinewsTimex } from '../eval/datasets/wikinews-timex.js';
import { matchMentions } from '../eval/scorers/dates.js';
import { bundledResources } from '../src/analyses/resources.js';
import { CHOOSER_BUCKETS, findDates, type DecisionRecord } from '../src/analyses/extract-dates/extract-dates.js';
import { CHOOSER_TEMPLATES, chooseCandidate } from '../src/analyses/extract-dates/chooser.js';
import { segmentText, SEGMENT_TEXT_ID } from '../src/analyses/segment-text/segment-text.js';
import { createRunContext } from '../src/core/analysis.js';
import { createDocument } from '../src/core/document.js';
import { createResources } from '../src/core/resources.js';
import { runAnalyses } from '../src/core/run-analyses.js';
import { hashText } from '../src/engine/hash-text.js';
import { encodeLogisticRegression, trainLogisticRegression, type ClassifierExample, type LogisticRegression } from '../src/learn/logistic-regression.js';

export const DATES_SETTINGS = {
  seed: 20261202,
  buckets: CHOOSER_BUCKETS,
  folds: 5,
  maxCvEpochs: 10,
  learningRate: 0.05,
  l2: 1e-4,
  average: true,
  margins: [0.5, 1, 2, 3],
};

/** One decision of a training document with the gold value of the mention it matched. */
interface LabelledDecision {
  readonly doc: number;
  readonly record: DecisionRecord;
  readonly gold: string;
}

function hashData(docs: readonly TimexDoc[]): string {
  const h = createHash('sha256');
  for (const d of docs) {
    h.update(`${d.id}\n${d.publishedAt ?? ''}\n${d.text}\n`);
    for (const t of d.timexes) h.update(`${t.start}:${t.end}:${t.value}\n`);
  }
  return h.digest('hex');
}

/** Every decision of the rules on TimeBank whose mention matches a gold TIMEX3, with that gold value. */
export function collectDecisions(docs: readonly TimexDoc[]): LabelledDecision[] {
  const resources = createResources(bundledResources);
  const out: LabelledDecision[] = [];
  docs.forEach((doc, i) => {
    const document = createDocument({ id: doc.id, text: doc.text, contentHash: hashText(doc.text), publishedAt: doc.publishedAt });
    const context = createRunContext({ publishedAt: doc.publishedAt, resources });
    const segments = runAnalyses(document, [segmentText], context).findings[SEGMENT_TEXT_ID] ?? [];
    const records: DecisionRecord[] = [];
    const findings = findDates(document, { [SEGMENT_TEXT_ID]: segments }, context, null, (r) => records.push(r));
    const predicted = findings.map((f) => ({ start: f.span.start, end: f.span.end, value: (f.data as { value: string }).value }));
    const match = matchMentions(doc.timexes, predicted);
    const goldAt = new Map(match.pairs.map((p) => [`${p.predicted.start}:${p.predicted.end}`, p.gold.value]));
    for (const record of records) {
      const gold = goldAt.get(`${record.draft.start}:${record.draft.end}`);
      if (gold !== undefined) out.push({ doc: i, record, gold });
    }
  });
  return out;
}

/** Informative decisions: the candidates differ and one of them is the gold value. */
function examplesOf(decisions: readonly LabelledDecision[]): ClassifierExample[] {
  const out: ClassifierExample[] = [];
  for (const { record, gold } of decisions) {
    const values = new Set(record.decision.candidates.map((c) => c.value));
    if (values.size < 2 || !values.has(gold)) continue;
    record.decision.candidates.forEach((c, k) => out.push({ features: record.features[k]!, label: c.value === gold ? 1 : 0 }));
  }
  return out;
}

function train(examples: readonly ClassifierExample[], epochs: number, onEpoch?: (epoch: number, model: LogisticRegression) => void): LogisticRegression {
  return trainLogisticRegression(examples, {
    labels: ['other', 'gold'],
    buckets: DATES_SETTINGS.buckets,
    epochs,
    seed: DATES_SETTINGS.seed,
    learningRate: DATES_SETTINGS.learningRate,
    l2: DATES_SETTINGS.l2,
    average: DATES_SETTINGS.average,
    onEpoch,
  });
}

/** Correct values among the decisions with the model's choices (margin), and with the rules alone. */
function correctOf(model: LogisticRegression, decisions: readonly LabelledDecision[], margin: number): { chooser: number; rules: number; changed: number } {
  let chooser = 0;
  let rules = 0;
  let changed = 0;
  for (const { record, gold } of decisions) {
    const chosen = chooseCandidate(model, record.features, record.decision, record.ruleValue, margin);
    const value = chosen ? chosen.value : record.ruleValue;
    if (chosen) changed++;
    if (value === gold) chooser++;
    if (record.ruleValue === gold) rules++;
  }
  return { chooser, rules, changed };
}

interface CvCell {
  epochs: number;
  margin: number;
  chooser: number;
  rules: number;
  changed: number;
}

export function trainDates(modelsDir: string, args: readonly string[]): void {
  const docs = args.includes('--with-wikinews') ? [...loadTempeval('train'), ...loadWikinewsTimex()] : loadTempeval('train');
  const decisions = collectDecisions(docs);
  const k = DATES_SETTINGS.folds;
  const cells = new Map<string, CvCell>();
  for (let fold = 0; fold < k; fold++) {
    const trainPart = decisions.filter((d) => d.doc % k !== fold);
    const testPart = decisions.filter((d) => d.doc % k === fold);
    train(examplesOf(trainPart), DATES_SETTINGS.maxCvEpochs, (epochs, model) => {
      for (const margin of DATES_SETTINGS.margins) {
        const key = `${epochs}:${margin}`;
        const cell = cells.get(key) ?? { epochs, margin, chooser: 0, rules: 0, changed: 0 };
        const r = correctOf(model, testPart, margin);
        cell.chooser += r.chooser;
        cell.rules += r.rules;
        cell.changed += r.changed;
        cells.set(key, cell);
      }
    });
  }
  const table = [...cells.values()];
  // Most correct out of fold; ties: the larger margin (fewer changes to the rules), then fewer epochs.
  const best = table.reduce((a, b) => (b.chooser > a.chooser || (b.chooser === a.chooser && (b.margin > a.margin || (b.margin === a.margin && b.epochs < a.epochs))) ? b : a));
  console.log(`decisions matched to gold: ${decisions.length}; informative: ${decisions.filter((d) => new Set(d.record.decision.candidates.map((c) => c.value)).size > 1 && d.record.decision.candidates.some((c) => c.value === d.gold)).length}`);
  console.log(`5-fold CV over TimeBank documents: rules ${best.rules} correct; chooser ${best.chooser} (epochs ${best.epochs}, margin ${best.margin}, ${best.changed} values changed)`);
  const model = train(examplesOf(decisions), best.epochs);
  const onTrain = correctOf(model, decisions, best.margin);
  const dataHash = hashData(docs);
  const bytes = encodeLogisticRegression(model, {
    name: 'dates',
    templates: CHOOSER_TEMPLATES,
    dataHash,
    settings: { epochs: best.epochs, margin: best.margin, seed: DATES_SETTINGS.seed, learningRate: DATES_SETTINGS.learningRate, l2: DATES_SETTINGS.l2, average: DATES_SETTINGS.average, folds: k },
  });
  if (args.includes('--no-write')) return;
  fs.writeFileSync(path.join(modelsDir, 'dates.model'), bytes);
  fs.writeFileSync(path.join(modelsDir, 'dates.card.md'), card({ bytes, dataHash, best, table, decisions: decisions.length, onTrain, documents: docs.length }));
  console.log(`wrote models/dates.model (${bytes.length} bytes) and models/dates.card.md`);
}

function card(info: { bytes: Uint8Array; dataHash: string; best: CvCell; table: CvCell[]; decisions: number; onTrain: { chooser: number; rules: number; changed: number }; documents: number }): string {
  const { best } = info;
  const rows = info.table
    .filter((c) => c.margin === best.margin || c.epochs === best.epochs)
    .map((c) => `| ${c.epochs} | ${c.margin} | ${c.rules} | ${c.chooser} | ${c.changed} |`);
  return `# Model card: dates

The chooser of \`extract-dates\` (\`models/dates.model\`), rebuilt byte for byte by \`npm run train -- dates\`
(scripts/train-dates.ts), together with this card.

## What it decides
For a partial date (a bare weekday, month, month–day, season or quarter) the direction and the anchor: the most
recent or the coming one, counted from the publication date or from the last full date the story stated before
it. For a shift back by whole years ("a year ago", "a year earlier", "year-ago") the granularity: the year, or
the publication's quarter, month or day a year back, or the quarter the story spoke of. Each candidate is scored;
the best replaces the rules' value only when its log-odds beat the rules' value by the margin below.
See \`src/analyses/extract-dates/chooser.ts\` and docs/decisions/0050-a-learned-chooser-for-dates.md.

## Data and licence
- Training data: TempEval-3 TBAQ-cleaned, the \`TimeBank/\` part only (${info.documents} documents, each with its
  creation time as the publication date), read in place from \`../shared/data/tempeval3/\`, never copied into
  this repository. The \`AQUAINT/\` part is held out: never read by this script.
- Licence of the training data: none stated → research and evaluation use only. This file holds no text of the
  data, only hashed feature weights derived from it.
- Hash of the training data (sha256 of the document texts, creation times and gold values): \`${info.dataHash}\`.

## Model
- Logistic regression (two classes: the candidate is the gold value or not) over hashed binary features
  (\`src/learn/logistic-regression.ts\`), weights averaged over every update: ${best.epochs} epochs, learning rate
  ${DATES_SETTINGS.learningRate} decaying as 1/(1+epoch), L2 ${DATES_SETTINGS.l2}, seed ${DATES_SETTINGS.seed}, ${DATES_SETTINGS.buckets} hash buckets,
  weights quantised to Int16 with one scale, stored sparse; ${info.bytes.length} bytes. Margin: **${best.margin}**.
- Feature templates (${CHOOSER_TEMPLATES.length}), each joined with the candidate's kind: ${CHOOSER_TEMPLATES.map((t) => `\`${t}\``).join(', ')}.
- Training examples: the ${info.decisions} decisions of the rules whose mention overlaps a gold TIMEX3 (one-to-one,
  as the scorer matches); those whose candidates differ and include the gold value give one example per candidate.

## Scores (TimeBank only; values correct among the matched decisions)
5-fold cross-validation over whole documents (document i in fold i mod 5) chose the epochs and the margin:
out of fold, the rules alone get **${best.rules}** of the ${info.decisions} decisions right and the chooser **${best.chooser}**
(${best.changed} values changed). On all of TimeBank after training (not a held-out figure): rules ${info.onTrain.rules},
chooser ${info.onTrain.chooser} (${info.onTrain.changed} changed).

| epochs | margin | rules correct | chooser correct | changed |
|---|---|---|---|---|
${rows.join('\n')}

The figures on the held-out AQUAINT part and on MEANTIME are in the dated reports of \`npm run eval -- dates\`.

## Limits
- Trained on 1989 Wall Street Journal and 1998 wire copy; the gold's own habits (for instance whether "a year ago"
  is a year or a quarter) differ between its sources, so the margin keeps the rules' value unless the evidence
  is clear.
- Only decisions with a publication date; without one the rules keep the unknown parts unknown.
`;
}
