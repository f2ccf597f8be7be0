/**
 * Structures derived from resources (maps, the inflected cue lexicon, regular expressions) are built
 * once per resource value, not once per document: the cache is keyed on the identity of the
 * resource values, which the engine loads once per process. A WeakMap lets a value go when its
 * resources do, and analyses stay free of module-level state built from data.
 */
export function derivedFrom<I extends readonly [object, ...object[]], T>(build: (...inputs: I) => T): (...inputs: I) => T {
  const cache = new WeakMap<object, { inputs: I; value: T }>();
  return (...inputs: I): T => {
    const hit = cache.get(inputs[0]);
    if (hit && hit.inputs.length === inputs.length && hit.inputs.every((input, i) => input === inputs[i])) return hit.value;
    const value = build(...inputs);
    cache.set(inputs[0], { inputs, value });
    return value;
  };
}
