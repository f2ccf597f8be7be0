/**
 * `eval entities`: the entity model of detect-entities against CoNLL-2003 validation (entity-level
 * exact match, overall and per type: on the gold tokens, and through the analysis on the rebuilt
 * text), 5-fold cross-validation on CoNLL-2003 train, MEANTIME English named mentions
 * (person/organisation/location), model size and load time, and the `compromise` package as a peer.
 * Writes eval/reports/<date>-entities.md and .json.
 */
import fs from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import nlp from 'compromise';
import { createRunContext } from '../../src/core/analysis.js';
import { createDocument } from '../../src/core/document.js';
import { findingsOfKind } from '../../src/core/finding.js';
import { createResources } from '../../src/core/resources.js';
import { runAnalyses } from '../../src/core/run-analyses.js';
import { bundledResources } from '../../src/analyses/resources.js';
import { detectEntities } from '../../src/analyses/detect-entities/detect-entities.js';
import { ENTITY_MODEL } from '../../src/analyses/detect-entities/resource-ids.js';
import { segmentText } from '../../src/analyses/segment-text/segment-text.js';
import { hashText } from '../../src/engine/hash-text.js';
import { readModelFile } from '../../src/engine/load-models.js';
import { decodeSequenceTagger, type SequenceTagger } from '../../src/learn/sequence-tagger.js';
import { tagScheme } from '../../src/learn/bilou.js';
import { crossValidateEntities, ENTITY_SETTINGS, entityGazetteer, entityInnerWords, scoreEntityModel } from '../../scripts/train.js';
import { iobEntities, loadConll, type ConllDocument } from '../datasets/conll2003.js';
import { loadMeantime, type MeantimeDocument } from '../datasets/meantime.js';
import { measureEntitiesSpeed, type EntitiesSpeed } from './entities-speed.js';
import { displayPath, freshReportBase, repoRoot, today } from '../paths.js';
import { completedMentions, measureNameCompletion, measureSurnameRule, type CompletionCounts, type SurnameRuleCounts } from './entities-completion.js';
import { EntityScorer, type EntityScores, type KeyedEntity, type PRF } from '../scorers/entities.js';

export interface EntitiesEvalOptions {
  cv: boolean;
  /** Time detect-entities alone on the BBC texts (eval/tasks/entities-speed.ts). */
  speed: boolean;
  peer: boolean;
  write: boolean;
  outDir: string;
}

export const DEFAULT_ENTITIES_OPTIONS: EntitiesEvalOptions = { cv: true, speed: true, peer: true, write: true, outDir: path.join(repoRoot, 'eval', 'reports') };

const LABEL_OF_TYPE: Record<string, string> = { person: 'PER', organization: 'ORG', place: 'LOC', group: 'MISC', other: 'MISC' };

const DEFINITIONS = [
  'Exact match (CoNLL conlleval semantics): an entity counts only when its first token, last token and type equal a gold entity; precision, recall and F1 are micro-averaged over entities.',
  '"On gold tokens": the model tags the CoNLL tokens of each document, as in the shared task, followed by the document pass of detect-entities (headline sentences take the types of names tagged in ordinary sentences). "Through the analysis": each CoNLL document is rebuilt as text (tokens joined by one space, sentences by a newline), segment-text and detect-entities run on it, and a mention counts when its character span and label (PER, ORG, LOC, MISC from the record\'s `label`) equal a gold entity\'s.',
  'Train cross-validation: the CoNLL-2003 train documents in 5 folds (round robin in file order); each fold is tagged by a model trained, with the shipped settings, on the other four.',
  'MEANTIME: the 120 English documents of intra-doc_annotation, rebuilt as text the same way; gold = ENTITY_MENTION with syntactic_type NAM whose entity instance (REFERS_TO) is PER, ORG or LOC. Our person/organization/place mentions are compared (group and other left out). MEANTIME annotates entities in the first sentences of each article only: predictions after the last sentence holding any entity mention are not scored. A prediction equal to a gold named mention of another type (PRO product, FIN financial, MIX) is ignored, not a false positive. Exact = same character span and type; overlap = shares a character with a gold mention of the same type (one-to-one, in order).',
  'Peer: the `compromise` package (rule-based; `.people()`, `.organizations()`, `.places()` with character offsets; trailing sentence punctuation trimmed from its spans). It has no MISC type, so it is compared on PER, ORG and LOC only, beside our figures restricted to the same three types.',
];

export function analysisResources(model: SequenceTagger, hash: string) {
  return createResources([...bundledResources, { id: ENTITY_MODEL, hash, value: model }]);
}

/** A CoNLL document as text, with each gold entity's character span. */
export function conllText(doc: ConllDocument): { text: string; gold: KeyedEntity[] } {
  let text = '';
  const gold: KeyedEntity[] = [];
  doc.sentences.forEach((s, si) => {
    if (si > 0) text += '\n';
    const starts: number[] = [];
    s.tokens.forEach((t, i) => {
      if (i > 0) text += ' ';
      starts.push(text.length);
      text += t;
    });
    for (const e of iobEntities(s.tags)) gold.push({ key: `${starts[e.start]}:${starts[e.end - 1]! + s.tokens[e.end - 1]!.length}`, type: e.type });
  });
  return { text, gold };
}

function analyse(text: string, resources: ReturnType<typeof analysisResources>) {
  const document = createDocument({ id: 'eval', text, contentHash: hashText(text), publishedAt: null });
  const result = runAnalyses(document, [segmentText, detectEntities], createRunContext({ resources }));
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(errors.map((d) => d.message).join('; '));
  return findingsOfKind(result.findings['detect-entities'] ?? [], 'entity-mention');
}

const TRAILING = /[\s.,;:!?"')\]]+$/;
const KEEP_PERIOD = /(?:\b[A-Z]\.)+$|\b(?:Inc|Corp|Ltd|Co|Jr|Sr|St|Bros)\.$/;

function peerMentions(text: string): { start: number; end: number; type: string }[] {
  const doc = nlp(text);
  const out: { start: number; end: number; type: string }[] = [];
  const take = (view: { out(kind: 'offset'): { text: string; offset: { start: number; length: number } }[] }, type: string) => {
    for (const o of view.out('offset')) {
      const start = o.offset.start;
      let end = start + o.offset.length;
      let span = text.slice(start, end);
      if (!KEEP_PERIOD.test(span)) span = span.replace(TRAILING, '');
      else span = span.replace(/[\s,;:!?"')\]]+$/, '');
      end = start + span.length;
      const lead = span.length - span.replace(/^[\s"'(\[]+/, '').length;
      if (end > start + lead) out.push({ start: start + lead, end, type });
    }
  };
  take(doc.people() as never, 'PER');
  take(doc.organizations() as never, 'ORG');
  take(doc.places() as never, 'LOC');
  return out;
}

function peerVersion(): string {
  return String((nlp as unknown as { version: string }).version);
}

interface OverlapCounts {
  tp: number;
  fp: number;
  fn: number;
}

function overlapScore(gold: { start: number; end: number; type: string }[], predicted: { start: number; end: number; type: string }[], counts: Map<string, OverlapCounts>): void {
  const c = (t: string) => {
    let x = counts.get(t);
    if (!x) counts.set(t, (x = { tp: 0, fp: 0, fn: 0 }));
    return x;
  };
  const used = new Set<number>();
  for (const p of predicted) {
    const g = gold.findIndex((g, i) => !used.has(i) && g.type === p.type && g.start < p.end && p.start < g.end);
    if (g >= 0) {
      used.add(g);
      c(p.type).tp++;
    } else c(p.type).fp++;
  }
  gold.forEach((g, i) => {
    if (!used.has(i)) c(g.type).fn++;
  });
}

function fromCounts(counts: Map<string, OverlapCounts>): EntityScores {
  const scorer = new EntityScorer();
  for (const [type, x] of counts) scorer.counts.set(type, { ...x });
  return scorer.scores();
}

function meantimeScores(docs: readonly MeantimeDocument[], predict: (text: string) => { start: number; end: number; type: string }[]) {
  const exact = new EntityScorer();
  const overlap = new Map<string, OverlapCounts>();
  let seconds = 0;
  for (const doc of docs) {
    const t0 = performance.now();
    const predictedAll = predict(doc.text);
    seconds += (performance.now() - t0) / 1000;
    const gold = doc.mentions.filter((m) => m.type === 'PER' || m.type === 'ORG' || m.type === 'LOC');
    const otherNamed = new Set(doc.mentions.filter((m) => !gold.includes(m)).map((m) => `${m.start}:${m.end}`));
    const predicted = predictedAll.filter((p) => p.start < doc.annotatedEnd && !otherNamed.has(`${p.start}:${p.end}`));
    exact.add(
      gold.map((g) => ({ key: `${g.start}:${g.end}`, type: g.type })),
      predicted.map((p) => ({ key: `${p.start}:${p.end}`, type: p.type })),
    );
    overlapScore(gold.map((g) => ({ ...g })), predicted, overlap);
  }
  return { exact: exact.scores(), overlap: fromCounts(overlap), seconds };
}

/** Restricts scores to PER, ORG, LOC (for the comparison with a peer that has no MISC). */
function threeTypes(scorer: EntityScorer): EntityScores {
  const s = new EntityScorer();
  for (const t of ['PER', 'ORG', 'LOC']) {
    const c = scorer.counts.get(t);
    if (c) s.counts.set(t, { ...c });
  }
  return s.scores();
}

const pct = (x: number) => (100 * x).toFixed(2);

function table(rows: [string, EntityScores][]): string {
  const types = [...new Set(rows.flatMap(([, s]) => Object.keys(s.byType)))].sort();
  const head = `| run | P | R | **F1** | ${types.map((t) => `${t} F1`).join(' | ')} |\n|---|---|---|---|${types.map(() => '---|').join('')}`;
  const lines = rows.map(([name, s]) => `| ${name} | ${pct(s.overall.precision)} | ${pct(s.overall.recall)} | **${pct(s.overall.f1)}** | ${types.map((t) => (s.byType[t] ? pct(s.byType[t]!.f1) : '–')).join(' | ')} |`);
  return [head, ...lines].join('\n');
}

function typeTable(s: EntityScores): string {
  const row = (name: string, p: PRF) => `| ${name} | ${pct(p.precision)} | ${pct(p.recall)} | ${pct(p.f1)} | ${p.tp} | ${p.fp} | ${p.fn} |`;
  return ['| type | P | R | F1 | tp | fp | fn |', '|---|---|---|---|---|---|---|', row('all', s.overall), ...Object.entries(s.byType).map(([t, p]) => row(t, p))].join('\n');
}

export function runEntitiesEval(opts: EntitiesEvalOptions, command: string): void {
  const t0 = performance.now();
  const loadTimes: number[] = [];
  let model: SequenceTagger | null = null;
  let file = readModelFile('entities.model');
  for (let i = 0; i < 5; i++) {
    const s = performance.now();
    file = readModelFile('entities.model');
    model = decodeSequenceTagger(file.bytes);
    loadTimes.push(performance.now() - s);
  }
  const sortedLoads = [...loadTimes].sort((a, b) => a - b);
  const loadMedian = sortedLoads[2]!;
  console.log(`model: ${file.bytes.length} bytes, load (read + validate + decode) median ${loadMedian.toFixed(1)} ms, first ${loadTimes[0]!.toFixed(1)} ms`);
  const gazetteer = entityGazetteer();
  const resources = analysisResources(model!, file.hash);

  // Timed first, before the cross-validation trains dense models through the same decoding code.
  let speed: EntitiesSpeed | null = null;
  if (opts.speed) {
    speed = measureEntitiesSpeed();
    console.log(`speed: ${speed.mbPerSecond.toFixed(2)} MB per CPU second, ${speed.mbPerWallSecond.toFixed(2)} MB per wall second (load average ${speed.loadAverage.toFixed(1)})`);
  }


  const valid = loadConll('valid');
  // As detect-entities runs the model: with its list of words scored inside names (decision 0048). The model card shows the model's own score, without it.
  const onTokens = scoreEntityModel(model!, gazetteer, valid.documents, undefined, entityInnerWords());
  console.log(`CoNLL validation, gold tokens: F1 ${pct(onTokens.overall.f1)}`);

  const viaAnalysis = new EntityScorer();
  const peerScorer = new EntityScorer();
  for (const doc of valid.documents) {
    const { text, gold } = conllText(doc);
    const mentions = analyse(text, resources);
    viaAnalysis.add(gold, mentions.map((m) => ({ key: `${m.span.start}:${m.span.end}`, type: m.data.label || LABEL_OF_TYPE[m.data.type]! })));
    if (opts.peer) {
      const peer = peerMentions(text);
      peerScorer.add(gold.filter((g) => g.type !== 'MISC'), peer.map((m) => ({ key: `${m.start}:${m.end}`, type: m.type })));
    }
  }
  const analysisScores = viaAnalysis.scores();
  console.log(`CoNLL validation, through the analysis: F1 ${pct(analysisScores.overall.f1)}`);

  let cv: { folds: number[]; mean: number; sd: number; byType: Record<string, number> } | null = null;
  if (opts.cv) {
    const train = loadConll('train');
    // The shipped model's epoch count, chosen by the training script's own cross-validation.
    const epochs = Number(model!.header?.settings.epochs);
    const scheme = tagScheme(model!.labels);
    const { scores } = crossValidateEntities(train.documents, epochs, ENTITY_SETTINGS, () => {}, scheme);
    const last = scores[epochs - 1]!;
    const folds = last.map((s) => s.overall.f1);
    const mean = folds.reduce((a, b) => a + b, 0) / folds.length;
    const sd = Math.sqrt(folds.reduce((a, b) => a + (b - mean) ** 2, 0) / (folds.length - 1));
    const byType: Record<string, number> = {};
    for (const t of ['LOC', 'MISC', 'ORG', 'PER']) byType[t] = last.reduce((a, s) => a + (s.byType[t]?.f1 ?? 0), 0) / last.length;
    cv = { folds, mean, sd, byType };
    console.log(`CoNLL train ${folds.length}-fold CV: F1 ${pct(mean)} ± ${pct(sd)}`);
  }

  // resolve-aliases' name completion (complete-names.ts): the surname rule alone on gold mentions, then the
  // recogniser's mentions before and after it, on train (counted first) and on validation (measured only).
  const completion: { split: string; rule: SurnameRuleCounts; through: CompletionCounts }[] = [];
  for (const split of ['train', 'valid'] as const) {
    const docs = (split === 'valid' ? valid : loadConll('train')).documents.map(conllText);
    const rule = measureSurnameRule(docs, resources);
    const through = measureNameCompletion(docs, resources);
    completion.push({ split, rule, through });
    console.log(`name completion, CoNLL ${split}: surname rule on gold P ${pct(rule.precision)} R ${pct(rule.recall)}; through the analysis F1 ${pct(through.before.overall.f1)} -> ${pct(through.after.overall.f1)}`);
  }

  const meantime = loadMeantime();
  const ours = meantimeScores(meantime, (text) =>
    analyse(text, resources)
      .filter((m) => m.data.type === 'person' || m.data.type === 'organization' || m.data.type === 'place')
      .map((m) => ({ start: m.span.start, end: m.span.end, type: LABEL_OF_TYPE[m.data.type]! })),
  );
  const THREE = new Set(['PER', 'ORG', 'LOC']);
  const oursCompleted = meantimeScores(meantime, (text) => completedMentions(text, resources).after.filter((m) => THREE.has(m.type)));
  console.log(`MEANTIME: exact F1 ${pct(ours.exact.overall.f1)}, overlap F1 ${pct(ours.overlap.overall.f1)}; with name completion ${pct(oursCompleted.exact.overall.f1)}, ${pct(oursCompleted.overlap.overall.f1)}`);
  const peerMeantime = opts.peer ? meantimeScores(meantime, peerMentions) : null;

  const report = {
    date: today(),
    command,
    model: { file: 'models/entities.model', bytes: file.bytes.length, sha256: file.hash, loadMs: { median: Number(loadMedian.toFixed(1)), first: Number(loadTimes[0]!.toFixed(1)) }, settings: model!.header?.settings },
    conllValidation: {
      split: 'conll2003/valid.txt (measured only)',
      onGoldTokens: onTokens,
      throughAnalysis: analysisScores,
      throughAnalysisThreeTypes: threeTypes(viaAnalysis),
    },
    conllTrainCv: cv ? { split: 'conll2003/train.txt, 5 folds by document', ...cv } : null,
    meantime: { split: 'meantime-en intra-doc_annotation, all 120 documents', exact: ours.exact, overlap: ours.overlap, withNameCompletion: { exact: oursCompleted.exact, overlap: oursCompleted.overlap } },
    nameCompletion: completion.map(({ split, rule, through }) => ({
      split: split === 'train' ? 'conll2003/train.txt (counted first)' : 'conll2003/valid.txt (measured only)',
      surnameRuleOnGold: { targets: rule.targets, proposed: rule.proposed, correct: rule.correct, precision: rule.precision, recall: rule.recall },
      throughAnalysis: { ...through, wrong: through.wrong.slice(0, 40) },
    })),
    speed,
    peer: opts.peer
      ? { name: 'compromise', version: peerVersion(), conllValidationThreeTypes: peerScorer.scores(), meantime: { exact: peerMeantime!.exact, overlap: peerMeantime!.overlap } }
      : null,
    definitions: DEFINITIONS,
  };
  const md = [
    `# Entities: ${report.date}`,
    '',
    `Command: \`${command}\`. Model \`models/entities.model\` (${file.bytes.length} bytes, sha256 \`${file.hash.slice(0, 16)}…\`), trained on CoNLL-2003 train only (\`npm run train -- entities\`; see \`models/entities.card.md\`).`,
    '',
    '## CoNLL-2003 validation (measured only; entity-level exact match)',
    '',
    'On the gold tokens:',
    '',
    typeTable(onTokens),
    '',
    'Through the analysis (segment-text + detect-entities on the rebuilt text):',
    '',
    typeTable(analysisScores),
    '',
    `Target: exact F1 ≥ 0.90 on validation. Reached on gold tokens: ${onTokens.overall.f1 >= 0.9 ? 'yes' : 'no'} (${pct(onTokens.overall.f1)}).`,
    '',
    '## CoNLL-2003 train, 5-fold cross-validation',
    '',
    cv
      ? `Mean F1 ${pct(cv.mean)} (sd ${pct(cv.sd)}); folds ${cv.folds.map(pct).join(', ')}; per type mean F1 ${Object.entries(cv.byType).map(([t, f]) => `${t} ${pct(f)}`).join(', ')}.`
      : 'Not run (--no-cv).',
    '',
    '## Names completed by resolve-aliases (CoNLL-2003; train counted first, validation measured only)',
    '',
    'The surname rule alone, on gold mentions: the gold entities are given as the recogniser\'s mentions except the person mentions that repeat the end of an earlier, longer person name (`Ebbers` after `Bernie Ebbers`); the rule must find those in the text.',
    '',
    '| split | held-out surnames | proposed | correct | P | R |',
    '|---|---|---|---|---|---|',
    ...completion.map(({ split, rule }) => `| ${split} | ${rule.targets} | ${rule.proposed} | ${rule.correct} | ${pct(rule.precision)} | ${pct(rule.recall)} |`),
    '',
    'Through the analysis (segment-text, detect-entities, resolve-aliases on the rebuilt text): the recogniser\'s mentions before and after the completion (surnames added as PER, names extended over a particle, one-word persons retyped), exact match as above.',
    '',
    '| split | F1 before | F1 after | PER F1 before | PER F1 after | surnames added (correct) | extended over a particle (correct) | one-word persons retyped (after in/at; correct now; gold PER) |',
    '|---|---|---|---|---|---|---|---|',
    ...completion.map(
      ({ split, through: t }) =>
        `| ${split} | ${pct(t.before.overall.f1)} | ${pct(t.after.overall.f1)} | ${pct(t.before.byType.PER?.f1 ?? 0)} | ${pct(t.after.byType.PER?.f1 ?? 0)} | ${t.added} (${t.addedCorrect}) | ${t.extended} (${t.extendedCorrect}) | ${t.retyped} (${t.retypedAfterPreposition}; ${t.retypedCorrect}; ${t.retypedWereCorrect}) |`,
    ),
    '',
    'On train the model has seen every sentence, so it misses few names and the completion has little to add there; the rule-alone rows are the train count.',
    '',
    '## MEANTIME English (named mentions, person/organisation/location)',
    '',
    table([
      ['claimtrace, exact', ours.exact],
      ['claimtrace, overlap', ours.overlap],
      ['claimtrace with name completion, exact', oursCompleted.exact],
      ['claimtrace with name completion, overlap', oursCompleted.overlap],
      ...(peerMeantime
        ? ([
            [`compromise ${report.peer!.version}, exact`, peerMeantime.exact],
            [`compromise ${report.peer!.version}, overlap`, peerMeantime.overlap],
          ] as [string, EntityScores][])
        : []),
    ]),
    '',
    '## Peer on CoNLL-2003 validation (PER, ORG, LOC only; through the text)',
    '',
    opts.peer
      ? table([
          ['claimtrace (three types)', report.conllValidation.throughAnalysisThreeTypes],
          [`compromise ${report.peer!.version}`, report.peer!.conllValidationThreeTypes],
        ])
      : 'Not run (--no-peer).',
    '',
    'wink-nlp was not run: its English model (`wink-eng-lite-web-model`) has no person, organisation or location entity type, so it cannot be scored on these tasks.',
    '',
    '## Speed and load',
    '',
    `- Model load (read, checksum, validate, decode): median ${loadMedian.toFixed(1)} ms of 5, first ${loadTimes[0]!.toFixed(1)} ms (budget 300 ms).`,
    speed
      ? `- detect-entities alone (segment-text run first, untimed) over the ${speed.documents} BBC texts (${speed.megabytes.toFixed(2)} MB), one core, fastest of ${speed.passes} passes after a warm-up: **${speed.mbPerSecond.toFixed(2)} MB per CPU second** (${speed.seconds.toFixed(2)} s), ${speed.mbPerWallSecond.toFixed(2)} MB per wall second; machine load average ${speed.loadAverage.toFixed(1)} on ${cpus().length} cores when measured. Goal: 5 MB/s.`
      : '- Speed not measured (--no-speed).',
    '',
    '## Definitions',
    '',
    ...DEFINITIONS.map((d) => `- ${d}`),
    '',
  ].join('\n');
  if (opts.write) {
    fs.mkdirSync(opts.outDir, { recursive: true });
    // A second run on the same day keeps the first report as the baseline.
    const base = freshReportBase(opts.outDir, `${report.date}-entities`, (f) => fs.existsSync(f));
    fs.writeFileSync(`${base}.md`, md);
    fs.writeFileSync(`${base}.json`, JSON.stringify(report, null, 2) + '\n');
    console.log(`wrote ${displayPath(base)}.md and .json (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  } else console.log(md);
}
