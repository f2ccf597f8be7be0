/**
 * The trained models as resources, read once per process from `models/` in the package root (two
 * levels up from src/engine and dist/engine, as tool-version.ts finds package.json). Each resource's
 * hash is the sha256 of its model file, so retraining re-runs exactly the analyses that read it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Resource, ResourceId, ResourceMap } from '../core/resources.js';
import { ENTITY_MODEL } from '../analyses/detect-entities/resource-ids.js';
import { decodeSequenceTagger } from '../learn/sequence-tagger.js';
import { decodeModelFile, ModelFormatError } from '../learn/model-file.js';
import { decodeLogisticRegression } from '../learn/logistic-regression.js';
import { CLAIM_CLUSTERS, CLAIM_MODEL, type ClaimModel } from '../analyses/rank-claims/resource-ids.js';
import { parseWordClusters } from '../learn/word-clusters.js';
import { FRAMING_CLUSTERS, FRAMING_MODEL, FRAMING_PLAIN_WORDS, type FramingModel, type PlainWords } from '../analyses/detect-framing/resource-ids.js';
import { denseEmission, SPAN_TEMPLATES } from '../analyses/detect-framing/span-model.js';
import { DATE_CHOOSER, type DateChooserModel } from '../analyses/extract-dates/resource-ids.js';
import { CHOOSER_TEMPLATES } from '../analyses/extract-dates/chooser.js';

export const modelsDir: string = fileURLToPath(new URL('../../models/', import.meta.url));

/** Reads and validates one model file; a bad or missing file throws with its path in the message. */
export function readModelFile(name: string): { bytes: Uint8Array; hash: string } {
  const path = `${modelsDir}${name}`;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new Error(`cannot read the model ${path} (${(error as Error).message}); rebuild it with npm run train -- ${name.split('.')[0]}`);
  }
  return { bytes, hash: createHash('sha256').update(bytes).digest('hex') };
}

/** The check-worthiness classifier with its calibration (header settings `plattA`, `plattB`, `threshold`). */
export function decodeClaimModel(bytes: Uint8Array): ClaimModel {
  const classifier = decodeLogisticRegression(bytes);
  const { settings } = decodeModelFile(bytes).header;
  const number = (name: string): number => {
    const value = settings[name];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new ModelFormatError(`settings.${name} must be a number`);
    return value;
  };
  if (classifier.labels.length !== 2 || classifier.labels[1] !== 'Yes') throw new ModelFormatError('a claims model has the labels ["No", "Yes"]');
  const logOddsWeights = new Float64Array(classifier.buckets);
  for (let b = 0; b < classifier.buckets; b++) logOddsWeights[b] = (classifier.weights[b * 2 + 1]! - classifier.weights[b * 2]!) * classifier.scale;
  const logOddsBias = (classifier.bias[1]! - classifier.bias[0]!) * classifier.scale;
  return { classifier, logOddsWeights, logOddsBias, plattA: number('plattA'), plattB: number('plattB'), threshold: number('threshold') };
}

/** Word classes as `src/learn/word-clusters.ts` writes them (a UTF-8 TSV of word keys and paths): `models/claims.clusters` and `models/framing.clusters`. */
export function decodeWordClusters(bytes: Uint8Array): ReadonlyMap<number, number> {
  return parseWordClusters(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
}

/**
 * The plain words as `npm run train -- framing` writes them (`models/framing.plain`): UTF-8 text, lines
 * starting with `#` are comments (the settings it was made with), among them `# threshold X` (0: no word is
 * plain) and `# unseen news plain|not-plain`, `# unseen other plain|not-plain` (a word the training articles
 * never hold, of the news vocabulary or not); every other line a word key in 8 lower-case hex digits,
 * ascending: a word whose verdict is not its group's (decision 0133).
 */
export function decodePlainWords(bytes: Uint8Array): PlainWords {
  const flipped = new Set<number>();
  let threshold: number | null = null;
  const unseen: Record<string, boolean> = {};
  let last = -1;
  for (const line of new TextDecoder('utf-8', { fatal: true }).decode(bytes).split('\n')) {
    if (line.startsWith('# threshold ')) {
      const value = line.slice('# threshold '.length);
      if (!/^\d+(\.\d+)?$/.test(value)) throw new ModelFormatError(`the threshold is a number, not ${JSON.stringify(value.slice(0, 20))}`);
      threshold = Number(value);
      continue;
    }
    const group = /^# unseen (news|other) (plain|not-plain)$/.exec(line);
    if (group) {
      unseen[group[1]!] = group[2] === 'plain';
      continue;
    }
    if (line === '' || line.startsWith('#')) continue;
    if (!/^[0-9a-f]{8}$/.test(line)) throw new ModelFormatError(`a word key is 8 lower-case hex digits, not ${JSON.stringify(line.slice(0, 20))}`);
    const key = Number.parseInt(line, 16);
    if (key <= last) throw new ModelFormatError(`word keys are ascending, ${line} is not`);
    last = key;
    flipped.add(key);
  }
  if (threshold === null) throw new ModelFormatError('no "# threshold" line; retrain with npm run train -- framing');
  if (unseen['news'] === undefined || unseen['other'] === undefined) throw new ModelFormatError('no "# unseen news" or "# unseen other" line; retrain with npm run train -- framing');
  return { threshold, unseenNews: unseen['news'], unseenOther: unseen['other'], flipped };
}

/** The framing span tagger with its decoding bias (header setting `outsideBias`); its templates must be the analysis's. */
export function decodeFramingModel(bytes: Uint8Array): FramingModel {
  const tagger = decodeSequenceTagger(bytes);
  const header = tagger.header!;
  if (header.templates.join(',') !== SPAN_TEMPLATES.join(',')) throw new ModelFormatError(`feature templates ${header.templates.join(',')} are not those of detect-framing (${SPAN_TEMPLATES.join(',')}); retrain with npm run train -- framing`);
  const outsideBias = header.settings['outsideBias'];
  if (typeof outsideBias !== 'number' || !Number.isFinite(outsideBias)) throw new ModelFormatError('settings.outsideBias must be a number');
  if (tagger.labels.join(',') !== 'O,B-F,I-F,L-F,U-F') throw new ModelFormatError(`labels ${tagger.labels.join(',')}, expected O,B-F,I-F,L-F,U-F`);
  return { tagger, dense: denseEmission(tagger), outsideBias };
}

/** The chooser of extract-dates with its margin (header setting `margin`); its templates must be the analysis's. */
export function decodeDateChooser(bytes: Uint8Array): DateChooserModel {
  const model = decodeLogisticRegression(bytes);
  const { header } = decodeModelFile(bytes);
  if (header.templates.join(',') !== CHOOSER_TEMPLATES.join(',')) throw new ModelFormatError(`feature templates ${header.templates.join(',')} are not those of extract-dates (${CHOOSER_TEMPLATES.join(',')}); retrain with npm run train -- dates`);
  if (model.labels.length !== 2) throw new ModelFormatError('a dates chooser has two labels');
  const margin = header.settings['margin'];
  if (typeof margin !== 'number' || !Number.isFinite(margin)) throw new ModelFormatError('settings.margin must be a number');
  return { model, margin };
}

/** The chooser of extract-dates alone, as a resource (for tools that run extract-dates without the other models). */
export function dateChooserResource(): Resource {
  return modelResource(DATE_CHOOSER, 'dates.model', decodeDateChooser);
}

/** The named-entity tagger alone, as a resource (what the analyses before detect-framing need; used to train the framing model). */
export function entityModelResource(): Resource {
  return modelResource(ENTITY_MODEL, 'entities.model', decodeSequenceTagger);
}

/**
 * A model file as a resource: its bytes are read and hashed now (the hash is part of every cache key
 * that reads it), and decoded on the first read of `value`, once. A process that only computes cache
 * keys or reads the store (the main thread of `analyze`, whose analyses run on worker threads; `show`,
 * `export`) never decodes the models, which cost about 0.3 CPU seconds and 100 MB of memory per
 * thread (docs/performance.md). A file that cannot be decoded throws, with its path, at that first read.
 */
function modelResource<K extends ResourceId>(id: K, name: string, decode: (bytes: Uint8Array) => ResourceMap[K]): Resource {
  const file = readModelFile(name);
  let bytes: Uint8Array | null = file.bytes;
  let value: ResourceMap[K] | undefined;
  return {
    id,
    hash: file.hash,
    get value(): ResourceMap[K] {
      if (bytes !== null) {
        value = decodeOrExplain(name, bytes, decode);
        bytes = null;
      }
      return value!;
    },
  } as Resource;
}

function decodeOrExplain<T>(name: string, bytes: Uint8Array, decode: (bytes: Uint8Array) => T): T {
  try {
    return decode(bytes);
  } catch (error) {
    throw new Error(`${modelsDir}${name}: ${(error as Error).message}`);
  }
}

let loaded: readonly Resource[] | null = null;

/**
 * The model resources of the default pipeline, read on first use and kept for the process; each model
 * is decoded when an analysis first reads it (`decodeModels` decodes them all now).
 */
export function modelResources(): readonly Resource[] {
  loaded ??= [
    entityModelResource(),
    modelResource(CLAIM_MODEL, 'claims.model', decodeClaimModel),
    modelResource(CLAIM_CLUSTERS, 'claims.clusters', decodeWordClusters),
    modelResource(FRAMING_MODEL, 'framing.model', decodeFramingModel),
    modelResource(FRAMING_CLUSTERS, 'framing.clusters', decodeWordClusters),
    modelResource(FRAMING_PLAIN_WORDS, 'framing.plain', decodePlainWords),
    dateChooserResource(),
  ];
  return loaded;
}

/** Reads and decodes every model now; throws, naming the file, for the first that is missing or bad. */
export function decodeModels(): void {
  for (const resource of modelResources()) void resource.value;
}
