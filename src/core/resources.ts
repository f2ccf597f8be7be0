/**
 * Data an analysis needs besides the document: lexicons, trained weights, the user's alias table.
 * The engine loads each resource once per process and hands the whole set to every analysis
 * through `RunContext.resources`; analyses never read files. Each resource carries the content hash
 * of what it was built from, and that hash is part of the cache key of every analysis that declares
 * the resource, so editing a lexicon re-runs exactly the analyses that use it.
 *
 * An analysis declares the resources it reads by augmenting `ResourceMap` in its own folder:
 *
 *   declare module '../../core/resources.js' {
 *     interface ResourceMap { 'extract-quotes/reporting-verbs': readonly ReportingVerbsRow[] }
 *   }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ResourceMap {}

export type ResourceId = keyof ResourceMap & string;

export interface Resource<K extends ResourceId = ResourceId> {
  readonly id: K;
  /** Content hash (hex) of the data the value was built from: the TSV, the model file. */
  readonly hash: string;
  readonly value: ResourceMap[K];
}

/** The resources of one process, read-only. */
export type Resources = { readonly [K in ResourceId]?: Resource<K> };

export class MissingResourceError extends Error {}

/** Builds a frozen resource set; an id given twice is a bug and throws. */
export function createResources(list: readonly Resource[]): Resources {
  const out: Record<string, Resource> = {};
  for (const resource of list) {
    if (!/^[0-9a-f]{8,}$/.test(resource.hash)) throw new TypeError(`resource "${resource.id}": hash must be hex, got ${JSON.stringify(resource.hash)}`);
    if (out[resource.id]) throw new TypeError(`resource "${resource.id}" is given twice`);
    // Descriptors, not a spread: a resource whose value is decoded on first read (a model) stays lazy.
    out[resource.id] = Object.freeze(Object.defineProperties({}, Object.getOwnPropertyDescriptors(resource)) as Resource);
  }
  return Object.freeze(out) as Resources;
}

/** The value of a resource an analysis declared; throws (and so fails only that analysis) when absent. */
export function resourceValue<K extends ResourceId>(resources: Resources, id: K): ResourceMap[K] {
  const resource = resources[id] as Resource<K> | undefined;
  if (!resource) throw new MissingResourceError(`resource "${id}" is not loaded`);
  return resource.value;
}
