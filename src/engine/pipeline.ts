import type { Analysis } from '../core/analysis.js';
import { createResources, type Resource, type Resources } from '../core/resources.js';
import { validateRegistry } from '../core/run-analyses.js';
import { analyses as registry } from '../analyses/index.js';
import { bundledResources } from '../analyses/resources.js';
import { modelResources } from './load-models.js';
import { isContractKind } from './to-analysis-json.js';

/** The analyses to run, in order, and the resources they read: what one process analyses with. */
export interface Pipeline {
  readonly analyses: readonly Analysis[];
  readonly resources: Resources;
  /** How another thread builds the same pipeline (for the time budget); absent when it cannot. */
  readonly spec?: PipelineSpec;
}

/**
 * How a worker thread gets the same pipeline: `worker` is the URL of a worker entry module that calls
 * `serveAnalyses` (analysis-worker.ts) with a function building the pipeline from `argument`, which
 * must survive structured cloning.
 */
export interface PipelineSpec {
  readonly worker: string;
  readonly argument?: unknown;
}

/**
 * Checks a pipeline beyond what the core registry check knows: an analysis that is not stored
 * (`persist: false`) may not fill a contract array, since a document served from the store would
 * then lose those records; and every declared resource must be loaded.
 */
export function createPipeline(analyses: readonly Analysis[], resources: readonly Resource[], spec?: PipelineSpec): Pipeline {
  validateRegistry(analyses);
  const loaded = createResources(resources);
  for (const analysis of analyses) {
    if (analysis.persist === false) {
      const contract = analysis.emits.filter(isContractKind);
      if (contract.length > 0) throw new Error(`analysis "${analysis.id}" is not stored but emits contract records (${contract.join(', ')})`);
    }
    for (const id of analysis.resources ?? []) {
      if (!loaded[id]) throw new Error(`analysis "${analysis.id}" reads resource "${id}", which is not loaded`);
    }
  }
  return Object.freeze({ analyses, resources: loaded, ...(spec ? { spec } : {}) });
}

let defaultPipeline: Pipeline | null = null;

/** The default pipeline as a worker thread builds it. */
export const DEFAULT_PIPELINE_SPEC: PipelineSpec = Object.freeze({
  // The compiled `.js` entry, or the `.ts` source when running through tsx.
  worker: new URL(`./pipeline-worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url).href,
});

/** The registry with the bundled lexicons and the trained models, built once per process. */
export function loadDefaultPipeline(): Pipeline {
  defaultPipeline ??= createPipeline(registry, [...bundledResources, ...modelResources()], DEFAULT_PIPELINE_SPEC);
  return defaultPipeline;
}
