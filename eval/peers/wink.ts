/**
 * The peer of the speed benchmark: `wink-nlp` with its `wink-eng-lite-web-model` (both from the npm
 * registry; the model is a package, nothing is downloaded at install or run time). Each text is read
 * into a document and asked for what a pipeline of its kind produces: tokens with their part of
 * speech, sentences, and named entities. It finds no quotes or speakers; it is here as a reference
 * for the speed of a whole English NLP pipeline in JavaScript.
 */
import { createRequire } from 'node:module';

interface WinkDocument {
  tokens(): { out(property?: unknown): unknown[] };
  sentences(): { length(): number };
  entities(): { out(property?: unknown): unknown[] };
}

interface WinkNlp {
  readDoc(text: string): WinkDocument;
  its: { pos: unknown; detail: unknown };
}

const require = createRequire(import.meta.url);
let loaded: WinkNlp | null = null;

function load(): WinkNlp {
  if (!loaded) {
    const winkNlp = require('wink-nlp') as (model: unknown) => WinkNlp;
    loaded = winkNlp(require('wink-eng-lite-web-model'));
  }
  return loaded;
}

/** Tokens with their POS, sentences and entities of one text; returns the number of entities. */
export function winkAnalyse(text: string): { tokens: number; sentences: number; entities: number } {
  const nlp = load();
  const document = nlp.readDoc(text);
  const tags = document.tokens().out(nlp.its.pos);
  const sentences = document.sentences().length();
  const entities = document.entities().out(nlp.its.detail);
  return { tokens: tags.length, sentences, entities: entities.length };
}

export function winkVersion(): string {
  const version = (name: string) => (require(`${name}/package.json`) as { version: string }).version;
  return `${version('wink-nlp')} + model ${version('wink-eng-lite-web-model')}`;
}
