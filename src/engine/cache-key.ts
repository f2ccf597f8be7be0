import { createHash } from 'node:crypto';
import { inputsOf, type Analysis, type RunContext } from '../core/analysis.js';
import type { Resources } from '../core/resources.js';
import type { Document } from '../core/document.js';

/**
 * The cache key of each analysis for one document: its id and version, the content hash of every
 * resource it declares (so a lexicon edit changes it), the run context (publication date, locale,
 * options), the document facts analyses may read besides the text (title, format), and the keys of
 * the analyses it needs or uses. The text itself is matched through `contentHash`, next to the key.
 *
 * Chaining the input keys means a change anywhere upstream re-runs everything downstream of it, and
 * nothing else: a lexicon edit in extract-quotes leaves the keys of analyses before it unchanged.
 *
 * The key is the SHA-256 of the JSON text of
 * `{ analysis, version, resources, publishedAt, locale, options, title, format, inputs }`. The part
 * that depends only on the analysis and the loaded resources is written once per pipeline
 * (`analysisParts`), the document's part once per document, so each key costs one hash.
 */
export function analysisCacheKeys(
  analyses: readonly Analysis[],
  context: RunContext,
  document: Pick<Document, 'title' | 'format'>,
): Map<string, string> {
  const shared = JSON.stringify({
    publishedAt: context.publishedAt,
    locale: context.locale,
    options: sortedEntries(context.options),
    title: document.title,
    format: document.format,
  });
  // The members of the document's part, between its braces, to follow the analysis's own.
  const documentPart = shared.slice(1, -1);
  const parts = analysisParts(analyses, context.resources);
  const keys = new Map<string, string>();
  for (let i = 0; i < analyses.length; i++) {
    const analysis = analyses[i]!;
    const { head, inputs } = parts[i]!;
    let inputList = '';
    for (let j = 0; j < inputs.length; j++) {
      const id = inputs[j]!;
      const key = keys.get(id);
      inputList += `${j > 0 ? ',' : ''}[${JSON.stringify(id)},${key === undefined ? 'null' : JSON.stringify(key)}]`;
    }
    const material = `${head}${documentPart === '' ? '' : `,${documentPart}`},"inputs":[${inputList}]}`;
    keys.set(analysis.id, createHash('sha256').update(material).digest('hex').slice(0, 32));
  }
  return keys;
}

interface AnalysisPart {
  /** The analysis the part was written for: a cached part is used only for that very object. */
  analysis: Analysis;
  /** `{"analysis":…,"version":…,"resources":[…]` without its closing brace. */
  head: string;
  inputs: readonly string[];
}

/** Per analyses array and resource set: what each key's text starts with. */
const partsCache = new WeakMap<readonly Analysis[], WeakMap<Resources, AnalysisPart[]>>();

function analysisParts(analyses: readonly Analysis[], resources: Resources): AnalysisPart[] {
  let byResources = partsCache.get(analyses);
  if (!byResources) {
    byResources = new WeakMap();
    partsCache.set(analyses, byResources);
  }
  let parts = byResources.get(resources);
  if (!parts || parts.length !== analyses.length || parts.some((part, i) => part.analysis !== analyses[i])) {
    parts = analyses.map((analysis) => {
      const own = JSON.stringify({
        analysis: analysis.id,
        version: analysis.version,
        resources: (analysis.resources ?? [])
          .slice()
          .sort()
          .map((id) => [id, (resources as Readonly<Record<string, { hash: string } | undefined>>)[id]?.hash ?? null]),
      });
      return { analysis, head: own.slice(0, -1), inputs: inputsOf(analysis) };
    });
    byResources.set(resources, parts);
  }
  return parts;
}

function sortedEntries(options: Readonly<Record<string, unknown>>): Array<[string, unknown]> {
  return Object.keys(options)
    .sort()
    .map((key) => [key, options[key]]);
}
