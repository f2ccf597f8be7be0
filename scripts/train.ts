/**
 * Trains the project's models from ../shared/data (read in place, never copied) and writes them,
 * with their model cards, to models/. Deterministic: the same data and code give the same bytes of
 * model and card (no timings in the card).
 *
 *   npm run train -- entities              choose the tag scheme and epoch count by 5-fold cross-validation on train,
 *                                          train on all of train, write models/entities.model + entities.card.md
 *   npm run train -- entities --epochs N   skip the cross-validation (for experiments; not the committed model)
 *   npm run train -- entities --tags T     cross-validate (or, with --epochs, train) one tag scheme only, BIO or
 *                                          BILOU (for experiments; the committed model compares both)
 *   npm run train -- name-inner-words     the words without a capital or a digit inside the gold names of ordinary
 *                                          sentences of CoNLL-2003 train, with their counts: writes
 *                                          src/analyses/detect-entities/data/name-inner-words.tsv (see tag-tokens.ts)
 *   npm run train -- common-words          the words that CoNLL-2003 train writes in lower case at least three times and
 *                                          never capitalised inside a gold name: writes
 *                                          src/analyses/detect-entities/data/common-words.tsv (decision 0121)
 *   npm run train -- claims                the check-worthiness model of rank-claims (scripts/train-claims.ts):
 *                                          5-fold cross-validation on CheckThat! 2024 train chooses the epochs
 *                                          and fits Platt scaling and the threshold; writes models/claims.model
 *                                          + claims.card.md (--no-write: print the scores only)
 *   npm run train -- framing               the span model of detect-framing (scripts/train-framing.ts): 5-fold
 *                                          cross-validation over the PTC training articles chooses the epochs and
 *                                          the bias on the label O; writes models/framing.clusters + .model + .plain + .card.md
 *                                          (--no-write: print the scores only)
 *   npm run train -- framing-scorer        measures a second-stage phrase scorer for detect-framing by nested
 *                                          cross-validation over the PTC training articles and prints the figures;
 *                                          writes nothing (scripts/train-framing-scorer.ts, decision 0098)
 *   npm run train -- dates                 the chooser of extract-dates (scripts/train-dates.ts): 5-fold
 *                                          cross-validation over TempEval-3 TimeBank documents chooses the epochs
 *                                          and the margin; writes models/dates.model + dates.card.md
 *                                          (--no-write: print the scores only)
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { trainClaims } from './train-claims.js';
import { trainFraming } from './train-framing.js';
import { trainFramingScorer } from './train-framing-scorer.js';
import { trainDates } from './train-dates.js';
import { iobEntities, loadConll, type ConllDocument } from '../eval/datasets/conll2003.js';
import { EntityScorer, type EntityScores } from '../eval/scorers/entities.js';
import { encodeSpans, schemeLabels, tagScheme, type TagScheme } from '../src/learn/bilou.js';
import { createPrng } from '../src/learn/prng.js';
import { decodeSequenceTagger, encodeSequenceTagger, trainPerceptron, type SequenceTagger, type TrainingSequence } from '../src/learn/sequence-tagger.js';
import { buildGazetteer, FEATURES_PER_TOKEN, sentenceFeatures, TEMPLATES, type Gazetteer } from '../src/analyses/detect-entities/features.js';
import { innerWordSet, tagDocument, type InnerWords } from '../src/analyses/detect-entities/tag-tokens.js';
import { caseAndMarks } from '../src/analyses/detect-entities/features.js';
import { nameInnerWordsTable } from '../src/analyses/detect-entities/data/name-inner-words.generated.js';
import { firstNamesHash, firstNamesTable } from '../src/analyses/detect-entities/data/first-names.generated.js';
import { groupsHash, groupsTable } from '../src/analyses/detect-entities/data/groups.generated.js';
import { orgSuffixesHash, orgSuffixesTable } from '../src/analyses/detect-entities/data/org-suffixes.generated.js';
import { placeWordsHash, placeWordsTable } from '../src/analyses/detect-entities/data/place-words.generated.js';
import { placesHash, placesTable } from '../src/analyses/detect-entities/data/places.generated.js';
import { titleSmallWordsHash, titleSmallWordsTable } from '../src/analyses/detect-entities/data/title-small-words.generated.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const modelsDir = path.join(repoRoot, 'models');

export const ENTITY_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;

/** Training settings of the entity model; the epoch count is chosen by cross-validation (chooseEpochs). */
export const ENTITY_SETTINGS = {
  seed: 20261201,
  buckets: 1 << 20,
  /** Share of training sentences added again in capitals, and again in title case. */
  upperShare: 0.15,
  titleShare: 0.15,
  folds: 5,
  /** Cross-validation tries 1..maxCvEpochs epochs. */
  maxCvEpochs: 12,
  /**
   * The tag schemes cross-validation compares; the committed model uses the one with the best mean
   * CV F1 (on a tie within EPOCH_TOLERANCE, the first listed: BIO has 9 labels to BILOU's 17, so
   * decoding is cheaper).
   */
  schemes: ['BIO', 'BILOU'] as readonly TagScheme[],
};

export function entityGazetteer(): Gazetteer {
  return buildGazetteer({ firstNames: firstNamesTable, orgSuffixes: orgSuffixesTable, placeWords: placeWordsTable, places: placesTable, groups: groupsTable, titleSmallWords: titleSmallWordsTable });
}

/** The entity labels under a tag scheme. */
export function entityLabelsOf(scheme: TagScheme): string[] {
  return schemeLabels(scheme, ENTITY_TYPES);
}

/** A sentence rebuilt as text: tokens joined by one space, with offsets. */
export function sentenceText(tokens: readonly string[]): { text: string; starts: Uint32Array; ends: Uint32Array } {
  const starts = new Uint32Array(tokens.length);
  const ends = new Uint32Array(tokens.length);
  let pos = 0;
  tokens.forEach((t, i) => {
    starts[i] = pos;
    ends[i] = pos + t.length;
    pos += t.length + 1;
  });
  return { text: tokens.join(' '), starts, ends };
}

/** Words a title-case headline keeps in lower case (the same table as the sentence-case feature). */
const SMALL_WORDS = new Set(titleSmallWordsTable.map((row) => row.word));

function titleCase(token: string, index: number): string {
  if (index > 0 && SMALL_WORDS.has(token.toLowerCase())) return token.toLowerCase();
  return token.slice(0, 1).toUpperCase() + token.slice(1);
}

function toSequence(tokens: readonly string[], tags: readonly string[], gazetteer: Gazetteer, buckets: number, labels: readonly string[]): TrainingSequence {
  const { text, starts, ends } = sentenceText(tokens);
  const features = new Int32Array(tokens.length * FEATURES_PER_TOKEN);
  sentenceFeatures(text, starts, ends, 0, tokens.length, gazetteer, buckets - 1, features);
  return { features, labels: encodeSpans(tokens.length, iobEntities(tags), labels) };
}

/** Training sequences of the documents under a label set, with the casing augmentation (seeded, so deterministic). */
export function entitySequences(documents: readonly ConllDocument[], gazetteer: Gazetteer, settings = ENTITY_SETTINGS, labels: readonly string[]): TrainingSequence[] {
  const prng = createPrng(settings.seed ^ 0x5eed);
  const out: TrainingSequence[] = [];
  for (const document of documents) {
    for (const { tokens, tags } of document.sentences) {
      out.push(toSequence(tokens, tags, gazetteer, settings.buckets, labels));
      const r = prng.next();
      if (r < settings.upperShare) out.push(toSequence(tokens.map((t) => t.toUpperCase()), tags, gazetteer, settings.buckets, labels));
      else if (r < settings.upperShare + settings.titleShare) out.push(toSequence(tokens.map(titleCase), tags, gazetteer, settings.buckets, labels));
    }
  }
  return out;
}

/** A CoNLL document as one text: tokens joined by a space, sentences by a newline, with offsets. */
export function documentText(document: ConllDocument): { text: string; starts: Uint32Array; ends: Uint32Array; sentenceStarts: number[] } {
  const tokens = document.sentences.flatMap((s) => s.tokens);
  const starts = new Uint32Array(tokens.length);
  const ends = new Uint32Array(tokens.length);
  const sentenceStarts: number[] = [];
  let text = '';
  let i = 0;
  for (const sentence of document.sentences) {
    sentenceStarts.push(i);
    if (text) text += '\n';
    sentence.tokens.forEach((t, j) => {
      if (j > 0) text += ' ';
      starts[i] = text.length;
      text += t;
      ends[i++] = text.length;
    });
  }
  sentenceStarts.push(i);
  return { text, starts, ends, sentenceStarts };
}

/** The committed list of words scored inside names without a capital (data/name-inner-words.tsv), as detect-entities reads it. */
export function entityInnerWords(): InnerWords {
  return innerWordSet(nameInnerWordsTable.map((row) => row.word));
}

/**
 * Counts the words with neither a capital letter nor a digit inside the gold names of the ordinary
 * sentences (sentence case 0, where the list is used) of the documents, by lower-case form.
 */
export function nameInnerWordCounts(documents: readonly ConllDocument[], gazetteer: Gazetteer): Map<string, number> {
  const counts = new Map<string, number>();
  for (const document of documents) {
    for (const { tokens, tags } of document.sentences) {
      const { text, starts, ends } = sentenceText(tokens);
      const marks = new Uint8Array(tokens.length);
      if (caseAndMarks(text, starts, ends, 0, tokens.length, gazetteer, marks) !== 0) continue;
      for (const e of iobEntities(tags)) {
        for (let t = e.start; t < e.end; t++) {
          if (marks[t]) continue;
          const word = tokens[t]!.toLowerCase();
          counts.set(word, (counts.get(word) ?? 0) + 1);
        }
      }
    }
  }
  return counts;
}

/**
 * Writes data/name-inner-words.tsv: the rows from CoNLL-2003 train (source `CONLL-TRAIN`, every word
 * seen at least once, most frequent first), then the rows of other sources already in the file (name
 * particles that the Reuters text lacks), kept as they are.
 */
function writeNameInnerWords(): void {
  const train = loadConll('train');
  const counts = nameInnerWordCounts(train.documents, entityGazetteer());
  const byCount = (a: [string, number], b: [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  const rows = [...counts].sort(byCount);
  const file = path.join(repoRoot, 'src/analyses/detect-entities/data/name-inner-words.tsv');
  const kept = fs.existsSync(file)
    ? fs.readFileSync(file, 'utf8').split('\n').slice(1).filter((line) => line.trim() !== '' && !line.endsWith('\tCONLL-TRAIN') && !counts.has(line.split('\t')[0]!))
    : [];
  const lines = ['word\tcount\tsource', ...rows.map(([word, count]) => `${word}\t${count}\tCONLL-TRAIN`), ...kept];
  fs.writeFileSync(file, lines.join('\n') + '\n');
  console.log(`${rows.length} words written to ${path.relative(repoRoot, file)}; run npm run compile-data`);
}

/** A word of letters only, in any script: the common-word list leaves out numbers, hyphenated words and abbreviations. */
const LETTERS_ONLY = /^\p{L}+$/u;

/** How often a word must occur in lower case in CoNLL-2003 train to be a common word. */
const COMMON_WORD_MIN_LOWER = 3;

/**
 * Penn Treebank tags of closed word classes and adverbs: prepositions and subordinators, conjunctions, adverbs,
 * determiners, pronouns, modals, particles, interjections.
 */
const CLOSED_CLASS_TAGS = new Set(['IN', 'CC', 'RB', 'RBR', 'RBS', 'WRB', 'WDT', 'WP', 'WP$', 'DT', 'PDT', 'TO', 'MD', 'PRP', 'PRP$', 'EX', 'UH', 'RP']);

export interface CommonWord {
  /** Occurrences in lower case. */
  readonly count: number;
  /** Every lower-case occurrence is tagged a closed-class word or an adverb (`although`, `however`, `often`). */
  readonly closed: boolean;
}

/**
 * The common words of the documents, by lower-case form: written in lower case at least `COMMON_WORD_MIN_LOWER`
 * times and never capitalised inside a gold name. A one-word mention of one that only opens sentences is no name,
 * and a closed-class one glued before a name at a sentence's start is not part of it (decision 0121).
 */
export function commonWords(documents: readonly ConllDocument[]): Map<string, CommonWord> {
  const lower = new Map<string, number>();
  const open = new Set<string>();
  const inNames = new Set<string>();
  for (const document of documents) {
    for (const { tokens, tags, pos } of document.sentences) {
      tokens.forEach((token, t) => {
        if (!LETTERS_ONLY.test(token)) return;
        const word = token.toLowerCase();
        if (token === word) {
          lower.set(word, (lower.get(word) ?? 0) + 1);
          if (!CLOSED_CLASS_TAGS.has(pos[t]!)) open.add(word);
        } else if (tags[t] !== 'O') inNames.add(word);
      });
    }
  }
  const common = new Map<string, CommonWord>();
  for (const [word, count] of lower) if (count >= COMMON_WORD_MIN_LOWER && !inNames.has(word)) common.set(word, { count, closed: !open.has(word) });
  return common;
}

/** Writes data/common-words.tsv from CoNLL-2003 train: every common word with its lower-case count and class, most frequent first. */
function writeCommonWords(): void {
  const train = loadConll('train');
  const words = commonWords(train.documents);
  const rows = [...words].sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const file = path.join(repoRoot, 'src/analyses/detect-entities/data/common-words.tsv');
  const lines = ['word\tcount\tclosed\tsource', ...rows.map(([word, w]) => `${word}\t${w.count}\t${w.closed ? 'yes' : 'no'}\tCONLL-TRAIN`)];
  fs.writeFileSync(file, lines.join('\n') + '\n');
  console.log(`${rows.length} words written to ${path.relative(repoRoot, file)}; run npm run compile-data`);
}

/**
 * Scores a model on CoNLL documents (entity-level exact match), tagging each document with `tagDocument`.
 * With `innerWords` (`entityInnerWords()`) a loaded model is run as the analysis runs it; without, every
 * word near a capital is scored: the model's own score, the one its card shows (the list is not part of
 * the model; decision 0048).
 */
export function scoreEntityModel(model: SequenceTagger, gazetteer: Gazetteer, documents: readonly ConllDocument[], scorer = new EntityScorer(), innerWords?: InnerWords): EntityScores {
  for (const document of documents) {
    const { text, starts, ends, sentenceStarts } = documentText(document);
    const gold = document.sentences.flatMap((s, k) => iobEntities(s.tags).map((e) => ({ key: `${e.start + sentenceStarts[k]!}:${e.end + sentenceStarts[k]!}`, type: e.type })));
    const predicted = tagDocument(model, gazetteer, text, starts, ends, sentenceStarts, innerWords).map((e) => ({ key: `${e.start}:${e.end}`, type: e.type }));
    scorer.add(gold, predicted);
  }
  return scorer.scores();
}

/** Folds by document, round robin over the documents in file order. */
export function documentFolds<T>(documents: readonly T[], k: number): { train: T[]; test: T[] }[] {
  return Array.from({ length: k }, (_, f) => ({
    train: documents.filter((_, i) => i % k !== f),
    test: documents.filter((_, i) => i % k === f),
  }));
}

/** k-fold cross-validation on train under a tag scheme: F1 on each held-out fold after each epoch. */
export function crossValidateEntities(documents: readonly ConllDocument[], epochs: number, settings = ENTITY_SETTINGS, log = console.log, scheme: TagScheme): { perEpoch: number[][]; scores: EntityScores[][] } {
  const gazetteer = entityGazetteer();
  const labels = entityLabelsOf(scheme);
  const perEpoch: number[][] = Array.from({ length: epochs }, () => []);
  const scores: EntityScores[][] = Array.from({ length: epochs }, () => []);
  documentFolds(documents, settings.folds).forEach(({ train, test }, f) => {
    const sequences = entitySequences(train, gazetteer, settings, labels);
    trainPerceptron(sequences, {
      labels,
      featuresPerToken: FEATURES_PER_TOKEN,
      buckets: settings.buckets,
      epochs,
      seed: settings.seed,
      onEpoch: (epoch, tagger) => {
        const s = scoreEntityModel(tagger, gazetteer, test);
        perEpoch[epoch - 1]!.push(s.overall.f1);
        scores[epoch - 1]!.push(s);
        log(`  ${scheme} fold ${f + 1} epoch ${epoch}: F1 ${s.overall.f1.toFixed(4)}`);
      },
    });
  });
  return { perEpoch, scores };
}

function sha256(...parts: (string | Uint8Array)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
}

const pct = (x: number) => (100 * x).toFixed(2);

/** Within this much mean CV F1 of the best epoch count, the smallest count is chosen (the curve is flat there). */
export const EPOCH_TOLERANCE = 0.0005;

/** The smallest epoch count whose mean CV F1 is within EPOCH_TOLERANCE of the best. */
export function chooseEpochs(means: readonly number[]): number {
  const best = Math.max(...means);
  return means.findIndex((m) => m >= best - EPOCH_TOLERANCE) + 1;
}

interface CvSummary {
  scheme: TagScheme;
  means: number[];
  folds: number[][];
  chosen: number;
  byType: Record<string, number>;
}

/** The scheme whose best mean CV F1 is highest; on a tie within EPOCH_TOLERANCE, the one listed first. */
export function chooseScheme(summaries: readonly { means: readonly number[] }[]): number {
  const bests = summaries.map((s) => Math.max(...s.means));
  const top = Math.max(...bests);
  return bests.findIndex((b) => b >= top - EPOCH_TOLERANCE);
}

function trainEntities(args: string[]): void {
  const settings = ENTITY_SETTINGS;
  const t0 = performance.now();
  const train = loadConll('train');
  const valid = loadConll('valid');
  const gazetteer = entityGazetteer();
  console.log(`train: ${train.documents.length} documents from ${path.relative(repoRoot, train.file)}`);
  const epochsArg = args.indexOf('--epochs');
  const tagsArg = args.indexOf('--tags');
  let schemes = settings.schemes;
  if (tagsArg >= 0) {
    const given = args[tagsArg + 1];
    if (given !== 'BIO' && given !== 'BILOU') throw new Error('--tags needs BIO or BILOU');
    schemes = [given];
  }
  let cvs: CvSummary[] = [];
  let epochs: number;
  let scheme: TagScheme;
  if (epochsArg >= 0) {
    epochs = Number(args[epochsArg + 1]);
    if (!Number.isInteger(epochs) || epochs < 1) throw new Error('--epochs needs a positive integer');
    scheme = schemes[0]!;
    console.log(`${epochs} epochs and ${scheme} tags from the command line: no cross-validation (not how the committed model is built)`);
  } else {
    for (const s of schemes) {
      const { perEpoch, scores } = crossValidateEntities(train.documents, settings.maxCvEpochs, settings, console.log, s);
      const means = perEpoch.map((f) => f.reduce((a, b) => a + b, 0) / f.length);
      const chosen = chooseEpochs(means);
      const byType: Record<string, number> = {};
      for (const t of ENTITY_TYPES) byType[t] = scores[chosen - 1]!.reduce((a, x) => a + (x.byType[t]?.f1 ?? 0), 0) / settings.folds;
      cvs.push({ scheme: s, means, folds: perEpoch, chosen, byType });
      means.forEach((m, e) => console.log(`${s} epochs ${e + 1}: mean CV F1 ${m.toFixed(4)}`));
      console.log(`${s}: ${chosen} epochs (smallest within ${EPOCH_TOLERANCE} of the best mean)`);
    }
    const pick = cvs[chooseScheme(cvs)]!;
    console.log(`chosen: ${pick.scheme} tags, ${pick.chosen} epochs`);
    scheme = pick.scheme;
    epochs = pick.chosen;
    cvs = [pick, ...cvs.filter((c) => c !== pick)];
  }
  const labels = entityLabelsOf(scheme);
  const sequences = entitySequences(train.documents, gazetteer, settings, labels);
  console.log(`${sequences.length} training sequences (with casing augmentation)`);
  const tagger = trainPerceptron(sequences, { labels, featuresPerToken: FEATURES_PER_TOKEN, buckets: settings.buckets, epochs, seed: settings.seed });
  const dataHash = sha256(train.bytes, firstNamesHash, groupsHash, orgSuffixesHash, placeWordsHash, placesHash, titleSmallWordsHash);
  const bytes = encodeSequenceTagger(tagger, {
    name: 'entities',
    templates: TEMPLATES,
    dataHash,
    settings: {
      trainer: 'averaged-perceptron',
      tags: scheme,
      epochs,
      epochsBy: cvs.length > 0 ? `${settings.folds}-fold cross-validation on train` : 'command line',
      seed: settings.seed,
      upperShare: settings.upperShare,
      titleShare: settings.titleShare,
      data: 'conll2003/train.txt',
    },
  });
  const loaded = decodeSequenceTagger(bytes);
  const validScores = scoreEntityModel(loaded, gazetteer, valid.documents);
  fs.mkdirSync(modelsDir, { recursive: true });
  fs.writeFileSync(path.join(modelsDir, 'entities.model'), bytes);
  console.log(`validation F1 ${validScores.overall.f1.toFixed(4)}; ${bytes.length} bytes; ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  fs.writeFileSync(path.join(modelsDir, 'entities.card.md'), entityCard({ bytes, dataHash, validScores, cvs, epochs, labels }));
}

function scoreRows(scores: EntityScores): string {
  const rows = [`| all | ${pct(scores.overall.precision)} | ${pct(scores.overall.recall)} | **${pct(scores.overall.f1)}** |`];
  for (const [type, s] of Object.entries(scores.byType)) rows.push(`| ${type} | ${pct(s.precision)} | ${pct(s.recall)} | ${pct(s.f1)} |`);
  return rows.join('\n');
}

function entityCard(info: { bytes: Uint8Array; dataHash: string; validScores: EntityScores; cvs: CvSummary[]; epochs: number; labels: readonly string[] }): string {
  const s = ENTITY_SETTINGS;
  const cv = info.cvs[0];
  const scheme = tagScheme(info.labels);
  const cvText = cv
    ? `Mean F1 over the ${s.folds} held-out folds after each epoch, for each tag scheme (the model is trained on the other
four folds; casing augmentation on the training folds only):

| tags | ${cv.means.map((_, e) => e + 1).join(' | ')} |
|---|${cv.means.map(() => '---|').join('')}
${info.cvs.map((c) => `| ${c.scheme} | ${c.means.map(pct).join(' | ')} |`).join('\n')}

Chosen: **${cv.scheme} tags, ${cv.chosen} epochs**: the scheme with the best mean (on a tie within ${pct(EPOCH_TOLERANCE)} points, the
first of ${s.schemes.join(', ')}), and the smallest epoch count within ${pct(EPOCH_TOLERANCE)} points of its best mean. At ${cv.chosen} epochs:
folds ${cv.folds[cv.chosen - 1]!.map(pct).join(', ')}; per type mean F1 ${Object.entries(cv.byType).map(([t, f]) => `${t} ${pct(f)}`).join(', ')}.`
    : `Not run: ${info.epochs} epochs and ${scheme} tags were given on the command line. The committed model is built without
\`--epochs\` and \`--tags\`.`;
  return `# Model card: entities

The named-entity model of \`detect-entities\` (\`models/entities.model\`), rebuilt byte for byte by
\`npm run train -- entities\` (scripts/train.ts), together with this card.

## Data and licence
- Training data: CoNLL-2003 English NER, \`train.txt\` (946 Reuters documents, 14,041 sentences, 203,621 tokens),
  read in place from \`../shared/data/conll2003/\` and never copied into this repository.
- Licence of the training data: none stated in the distribution; the underlying Reuters Corpus (RCV1) is licensed
  by NIST/Reuters for **research use only**. This file holds no text of the corpus, only hashed feature weights
  derived from it, and it **is shipped** with claimtrace (package \`files\`: \`models\`). Users with a stricter
  reading of the Reuters terms can retrain on other data with the same script.
- Gazetteers (features, not answers): \`src/analyses/detect-entities/data/*.tsv\`, written for claimtrace (see
  their SOURCES.md).
- Hash of the training data and gazetteers (sha256): \`${info.dataHash}\`.
- Splits: weights fitted on train only; the epoch count is chosen by ${s.folds}-fold cross-validation over the train
  documents (round robin in file order); the validation split (\`valid.txt\`) is only measured.

## Model
- Averaged perceptron (Collins 2002) over hashed features, first-order label transitions, Viterbi decoding with
  ${scheme === 'BIO' ? 'BIO (IOB2) constraints (an I-T only after B-T or I-T)' : 'BILOU constraints (Ratinov & Roth 2009)'}; ${info.labels.length} labels: ${info.labels.join(', ')}.
- Feature templates (${TEMPLATES.length} per token): ${TEMPLATES.map((t) => `\`${t}\``).join(', ')}.
- Casing augmentation: ${pct(s.upperShare)}% of training sentences added again in capitals and ${pct(s.titleShare)}% in title case
  (seeded), so that headlines and title case do not decide alone.
- Document pass (in \`detect-entities\`, not in the weights): in an all-caps or title-case sentence, untagged
  words that the model tagged as a name in an ordinary sentence of the same document take that name's type.
- Settings: ${info.epochs} epochs, seed ${s.seed}, ${s.buckets} hash buckets, weights quantised to Int16 with one scale,
  stored sparse.
- File: ${info.bytes.length} bytes (limit 10 MB). Load time (budget 300 ms) is measured by
  \`npm run eval -- entities\` and reported in \`eval/reports/2026-12-01-entities.md\`; it is not written here, so
  that this card, like the model, comes out byte for byte the same on every run.

## Scores (entity-level exact match, CoNLL semantics, with the document pass)
CoNLL-2003 train, ${s.folds}-fold cross-validation:

${cvText}

CoNLL-2003 validation (\`valid.txt\`, measured only, model trained on all of train):

| type | precision | recall | F1 |
|---|---|---|---|
${scoreRows(info.validScores)}

## Limits
- Reuters newswire of 1996–97: names that are new since then, and other registers, score lower (MEANTIME
  Wikinews figures in \`eval/reports/2026-12-01-entities.md\`).
- No word clusters and no learned second stage yet; the perceptron's transitions are first order.
- CoNLL \`MISC\` is mapped by \`detect-entities\` to \`group\` (by \`data/groups.tsv\`) or \`other\`.
`;
}

function main(argv: string[]): void {
  const [model, ...rest] = argv;
  if (model === 'entities') return trainEntities(rest);
  if (model === 'name-inner-words') return writeNameInnerWords();
  if (model === 'common-words') return writeCommonWords();
  if (model === 'claims') return trainClaims(modelsDir, rest);
  if (model === 'framing') return trainFraming(modelsDir, rest);
  if (model === 'framing-scorer') return trainFramingScorer();
  if (model === 'dates') return trainDates(modelsDir, rest);
  console.error('usage: npm run train -- entities|name-inner-words|common-words|claims|framing|framing-scorer|dates [--epochs N] [--tags BIO|BILOU (entities)]');
  process.exit(2);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main(process.argv.slice(2));
