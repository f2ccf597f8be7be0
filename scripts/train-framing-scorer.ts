/**
 * `npm run train -- framing-scorer`: measures a second-stage phrase scorer for detect-framing, and writes
 * nothing (decision 0098: it did not beat the shipped analysis without dropping categories issue 11 asks
 * for, so no scorer model is committed; this command reproduces the figures).
 *
 * Every candidate mark of a held-out article (a span-model phrase as phraseDrafts keeps it, or a table or
 * rule mark) gets a score from a logistic regression (src/learn) over phrase-level features the tagger
 * does not see (scripts/framing-scorer-features.ts); candidates under a threshold are dropped. Nested
 * cross-validation over the PTC training articles, the folds of `npm run train -- framing` (round robin by
 * article id): the tagger of fold f is trained on the other four folds with the committed model's epochs,
 * and its held-out phrases are the scorer's examples (label: the phrase overlaps a gold span). For each
 * outer fold, the scorer is trained on the other four folds' examples; its threshold is chosen by an inner
 * CV over those four folds (a scorer trained on three, scored on the fourth; the best pooled partial-overlap
 * F1 among the thresholds that keep the recall floors of FRAMING_SETTINGS); the outer fold is scored once.
 *
 *   npm run train -- framing-scorer     print the nested CV figures, for the tagger's O bias of the
 *                                       committed model and two lower ones (more phrases for the scorer
 *                                       to choose from), with the scorer over every candidate or over the
 *                                       model's phrases only (the table and rule marks always kept)
 */
import { loadPtc } from '../eval/datasets/ptc.js';
import { articleSums, combine, techniqueRecall, type Range, type SpanScore } from '../eval/scorers/framing.js';
import { phraseDrafts, targetOf, withTarget } from '../src/analyses/detect-framing/detect-framing.js';
import { SPAN_FEATURES, tagSpans } from '../src/analyses/detect-framing/span-model.js';
import { readModelFile, decodeFramingModel } from '../src/engine/load-models.js';
import { binaryLogOdds, trainLogisticRegression, type ClassifierExample, type LogisticOptions } from '../src/learn/logistic-regression.js';
import { trainPerceptron } from '../src/learn/sequence-tagger.js';
import { ScorerFeatures } from './framing-scorer-features.js';
import { asLoaded, committedFramingClusters, FRAMING_SETTINGS, framingLabels, prepareArticles, type PreparedArticle } from './train-framing.js';

export const SCORER_SETTINGS = {
  buckets: 1 << 16,
  /** Biases on the tagger's label O (float weight units) whose phrases are scored, besides the committed one. */
  lowerOutsideBiases: [-150, -200],
  /** Thresholds on the scorer's log-odds tried by the inner CV. */
  thresholds: Array.from({ length: 81 }, (_, i) => -6 + i * 0.1),
  logistic: { labels: ['other', 'framing'], buckets: 1 << 16, epochs: 8, seed: 20261218, learningRate: 0.05, l2: 1e-5, average: true } satisfies LogisticOptions,
};

interface Candidate {
  readonly range: Range;
  readonly features: Int32Array;
  /** Share of its characters inside a gold span. */
  readonly share: number;
  readonly model: boolean;
  readonly category: string;
}

interface HeldOut {
  readonly fold: number;
  readonly article: PreparedArticle;
  readonly candidates: readonly Candidate[];
}

interface Score extends SpanScore {
  readonly floors: number[];
}

const FLOORED = Object.keys(FRAMING_SETTINGS.recallFloor);

function evaluate(list: readonly HeldOut[], keep: (c: Candidate) => boolean): Score {
  const predicted = list.map((h) => h.candidates.filter(keep).map((c) => c.range));
  const score = combine(list.map((h, i) => articleSums(predicted[i]!, h.article.article.spans)));
  const floors = FLOORED.map((t) => techniqueRecall(list.map((h, i) => ({ predicted: predicted[i]!, gold: h.article.article.techniques.filter((x) => x.technique === t) }))).recall);
  return { ...score, floors };
}

function meetsFloors(s: Score): boolean {
  return FLOORED.every((t, i) => s.floors[i]! >= FRAMING_SETTINGS.recallFloor[t]!);
}

/** The held-out candidates of every article, from fold taggers with `epochs` and each O bias. */
function heldOutCandidates(prepared: readonly PreparedArticle[], epochs: number, outsideBiases: readonly number[]): Map<number, HeldOut[]> {
  const k = FRAMING_SETTINGS.folds;
  const clusters = prepared[0]!.clusters;
  const out = new Map<number, HeldOut[]>(outsideBiases.map((b) => [b, []]));
  for (let f = 0; f < k; f++) {
    const train = prepared.filter((_, i) => i % k !== f);
    const tagger = trainPerceptron(train.flatMap((a) => a.sequences), { labels: framingLabels, featuresPerToken: SPAN_FEATURES, buckets: FRAMING_SETTINGS.buckets, epochs, seed: FRAMING_SETTINGS.seed });
    const { model: base } = asLoaded(tagger, 0, {}, '0'.repeat(64), clusters);
    const scale = base.tagger.header!.scale;
    for (const bias of outsideBiases) {
      const model = { ...base, outsideBias: Math.round(bias / scale) };
      prepared.forEach((a, i) => {
        if (i % k !== f) return;
        const margins: number[] = [];
        const spans = tagSpans(model, a.input, margins);
        const words = a.scan.words;
        const spanChars = spans.map((s, j) => ({ start: words.starts[s.start]!, end: words.ends[s.end - 1]!, margin: margins[j]! * scale }));
        const phrases = phraseDrafts(a.scan, spans, a.lexicon);
        const features = new ScorerFeatures(a.scan, a.input, a.lexicon, clusters);
        const candidates: Candidate[] = [];
        const add = (d: (typeof phrases)[number], margin: number, inside: number, modelOver: boolean) => {
          const range = withTarget(a.input, d);
          let covered = 0;
          for (const g of a.article.spans) covered += Math.max(0, Math.min(g.end, range.end) - Math.max(g.start, range.start));
          candidates.push({
            range,
            features: features.features({ start: d.start, end: d.end, category: d.category, quoted: d.quoted, reason: d.reason, margin, target: targetOf(a.input, d) !== null }, inside, modelOver, SCORER_SETTINGS.buckets),
            share: Math.min(1, covered / (range.end - range.start)),
            model: Number.isFinite(margin),
            category: d.category,
          });
        };
        for (const d of a.drafts) add(d, NaN, 0, phrases.some((m) => m.start < d.end && d.start < m.end));
        for (const d of phrases) {
          const span = spanChars.find((s) => s.start <= d.start && d.start < s.end);
          add(d, span ? span.margin : 0, a.drafts.filter((t) => t.start >= d.start && t.end <= d.end).length, false);
        }
        out.get(bias)!.push({ fold: f, article: a, candidates });
      });
    }
    console.log(`  fold ${f + 1}: tagger trained, candidates gathered`);
  }
  return out;
}

/** Nested CV of the scorer over `held` (all folds); `scoped` says which candidates the scorer may drop. */
function nestedScorer(held: readonly HeldOut[], scoped: (c: Candidate) => boolean): { score: Score; thresholds: number[]; dropped: Map<string, [number, number]> } {
  const k = FRAMING_SETTINGS.folds;
  const examples = (list: readonly HeldOut[]): ClassifierExample[] =>
    list.flatMap((h) => h.candidates.filter(scoped).map((c) => ({ features: c.features, label: c.share > 0 ? 1 : 0 })));
  const keepAt = (scores: Map<Candidate, number>, th: number) => (c: Candidate) => !scoped(c) || scores.get(c)! >= th;
  const kept = new Map<Candidate, boolean>();
  const thresholds: number[] = [];
  for (let f = 0; f < k; f++) {
    const others = held.filter((h) => h.fold !== f);
    const inner = new Map<Candidate, number>();
    for (let g = 0; g < k; g++) {
      if (g === f) continue;
      const lr = trainLogisticRegression(examples(others.filter((h) => h.fold !== g)), SCORER_SETTINGS.logistic);
      for (const h of others) if (h.fold === g) for (const c of h.candidates) if (scoped(c)) inner.set(c, binaryLogOdds(lr, c.features));
    }
    let best = -Infinity;
    let bestF1 = -1;
    for (const th of SCORER_SETTINGS.thresholds) {
      const s = evaluate(others, keepAt(inner, th));
      if (meetsFloors(s) && s.f1 > bestF1) (bestF1 = s.f1), (best = th);
    }
    thresholds.push(best);
    const lr = trainLogisticRegression(examples(others), SCORER_SETTINGS.logistic);
    const outer = new Map<Candidate, number>();
    for (const h of held) if (h.fold === f) for (const c of h.candidates) if (scoped(c)) outer.set(c, binaryLogOdds(lr, c.features));
    for (const h of held) if (h.fold === f) for (const c of h.candidates) kept.set(c, keepAt(outer, best)(c));
  }
  const dropped = new Map<string, [number, number]>();
  for (const h of held) {
    for (const c of h.candidates) {
      const key = `${c.model ? 'model' : 'table'} ${c.category}`;
      const e = dropped.get(key) ?? [0, 0];
      e[0]++;
      if (!kept.get(c)) e[1]++;
      dropped.set(key, e);
    }
  }
  return { score: evaluate(held, (c) => kept.get(c)!), thresholds, dropped };
}

const r3 = (x: number) => x.toFixed(3);
const line = (s: Score) => `P ${r3(s.precision)} R ${r3(s.recall)} F1 ${r3(s.f1)} (${FLOORED.map((t, i) => `${t} ${r3(s.floors[i]!)}`).join(', ')})`;

export function trainFramingScorer(): void {
  const committed = decodeFramingModel(readModelFile('framing.model').bytes).tagger.header!.settings;
  const epochs = Number(committed['epochs']);
  const committedBias = Number(committed['outsideBiasWeights']);
  const articles = loadPtc();
  const prepared = prepareArticles(articles, FRAMING_SETTINGS.buckets, committedFramingClusters());
  console.log(`PTC: ${prepared.length} training articles; fold taggers with ${epochs} epochs (the committed model's)`);
  const biases = [committedBias, ...SCORER_SETTINGS.lowerOutsideBiases];
  const held = heldOutCandidates(prepared, epochs, biases);
  for (const bias of biases) {
    const list = held.get(bias)!;
    console.log(`O bias ${bias}: without a scorer ${line(evaluate(list, () => true))}`);
    for (const [name, scoped] of [
      ['every candidate', () => true],
      ['model phrases only', (c: Candidate) => c.model],
    ] as const) {
      const { score, thresholds, dropped } = nestedScorer(list, scoped);
      console.log(`  scorer over ${name}: nested held-out ${line(score)}; thresholds ${thresholds.map((t) => t.toFixed(1)).join(', ')}`);
      const worst = [...dropped].filter(([, e]) => e[1] > 0).sort((a, b) => b[1][1] - a[1][1]).slice(0, 6);
      console.log(`    dropped: ${worst.map(([key, e]) => `${key} ${e[1]}/${e[0]}`).join('; ')}`);
    }
  }
}
