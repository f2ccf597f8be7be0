/**
 * The contract object of a document analysed on another thread arrives as its JSON text. Printing
 * it (`analyze --json`) needs only the text; parsing it back into the object cost the main thread
 * about as much as anything else it does per document (decision 0101). `analysis` on a result is
 * therefore parsed from that text the first time it is read, and the same object is returned after.
 */
import type { AnalysisJson } from '../api/analysis-json.js';

/** Gives `target` an `analysis` property that is `JSON.parse(json)` made on first read (and can be replaced). */
export function withAnalysisFrom<T extends object>(target: T, json: string): T & { analysis: AnalysisJson } {
  return withAnalysis(target, () => JSON.parse(json) as AnalysisJson);
}

/** Gives `target` an `analysis` property that is `read()` called on first read (and can be replaced). */
export function withAnalysis<T extends object>(target: T, read: () => AnalysisJson): T & { analysis: AnalysisJson } {
  let value: AnalysisJson | undefined;
  Object.defineProperty(target, 'analysis', {
    enumerable: true,
    configurable: true,
    get: () => (value ??= read()),
    set: (replacement: AnalysisJson) => {
      value = replacement;
    },
  });
  return target as T & { analysis: AnalysisJson };
}
