/**
 * The trained models as resources, read once per process from `models/` in the package root (two
 * levels up from src/engine and dist/engine, as tool-version.ts finds package.json). Each resource's
 * hash is the sha256 of its model file, so retraining re-runs exactly the analyses that read it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Resource } from '../core/resources.js';
import { ENTITY_MODEL } from '../analyses/detect-entities/resource-ids.js';
import { decodeSequenceTagger } from '../learn/sequence-tagger.js';

export const modelsDir: string = fileURLToPath(new URL('../../models/', import.meta.url));

/** Reads and validates one model file; a bad or missing file throws with its path in the message. */
export function readModelFile(name: string): { bytes: Uint8Array; hash: string } {
  const path = `${modelsDir}${name}`;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new Error(`cannot read the model ${path} (${(error as Error).message}); rebuild it with npm run train -- ${name.replace(/\.model$/, '')}`);
  }
  return { bytes, hash: createHash('sha256').update(bytes).digest('hex') };
}

let loaded: readonly Resource[] | null = null;

/** The model resources of the default pipeline, loaded on first use and kept for the process. */
export function modelResources(): readonly Resource[] {
  if (!loaded) {
    const entities = readModelFile('entities.model');
    let model;
    try {
      model = decodeSequenceTagger(entities.bytes);
    } catch (error) {
      throw new Error(`${modelsDir}entities.model: ${(error as Error).message}`);
    }
    loaded = [{ id: ENTITY_MODEL, hash: entities.hash, value: model }];
  }
  return loaded;
}
