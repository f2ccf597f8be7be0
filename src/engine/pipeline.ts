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
}

/**
 * Checks a pipeline beyond what the core registry check knows: an analysis that is not stored
 * (`persist: false`) may not fill a contract array, since a document served from the store would
 * then lose those records; and every declared resource must be loaded.
 */
export function createPipeline(analyses: readonly Analysis[], resources: readonly Resource[]): Pipeline {
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
  return Object.freeze({ analyses, resources: loaded });
}

let defaultPipeline: Pipeline | null = null;

/** The registry with the bundled lexicons and the trained models, built once per process. */
export function loadDefaultPipeline(): Pipeline {
  defaultPipeline ??= createPipeline(registry, [...bundledResources, ...modelResources()]);
  return defaultPipeline;
}
