/**
 * Document features as a JSON string for the store, so that a later run restores the index without
 * reading the documents' analyses again. Typed arrays travel as base64 of their little-endian bytes.
 * The outlet is not stored: it is looked up again from the URL with the outlets table of that run.
 */
import type { DocumentFeatures } from './features.js';
import type { OutletTable } from './outlets.js';

/** Bumped whenever features, candidate search or link rules change: stored corpus state is rebuilt. */
export const CORPUS_FEATURES_VERSION = '4';

function b64(array: Uint32Array | Uint8Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

function u32(text: string): Uint32Array {
  const bytes = Buffer.from(text, 'base64');
  const out = new Uint32Array(bytes.byteLength / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

function u8(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}

/** `full`: with words and anchors (a representative); else without what only representatives keep. */
export function encodeFeatures(features: DocumentFeatures, full: boolean): string {
  return JSON.stringify({
    id: features.id,
    title: features.title,
    url: features.url,
    publishedAt: features.publishedAt,
    words: full ? { hashes: b64(features.words.hashes), starts: b64(features.words.starts), ends: b64(features.words.ends) } : null,
    quoted: full ? b64(features.quoted) : null,
    signature: b64(features.signature),
    anchors: full ? b64(features.anchors) : null,
    statements: features.statements.map((s) => ({ ...s, words: b64(s.words), grams: b64(s.grams) })),
    figures: features.figures.map((f) => ({ ...f, context: b64(f.context) })),
    entities: features.entities,
    storyKeys: features.storyKeys,
    citations: features.citations,
  });
}

export function decodeFeatures(text: string, outlets: OutletTable): DocumentFeatures {
  const raw = JSON.parse(text);
  const empty = new Uint32Array(0);
  return {
    id: raw.id,
    title: raw.title,
    url: raw.url,
    publishedAt: raw.publishedAt,
    outlet: outlets.ofUrl(raw.url),
    words: raw.words ? { hashes: u32(raw.words.hashes), starts: u32(raw.words.starts), ends: u32(raw.words.ends) } : { hashes: empty, starts: empty, ends: empty },
    quoted: raw.quoted ? u8(raw.quoted) : new Uint8Array(0),
    signature: u32(raw.signature),
    anchors: raw.anchors ? u32(raw.anchors) : empty,
    statements: raw.statements.map((s: Record<string, unknown>) => ({ ...s, words: u32(s.words as string), grams: u32(s.grams as string) })),
    figures: raw.figures.map((f: Record<string, unknown>) => ({ ...f, context: u32(f.context as string) })),
    entities: raw.entities,
    storyKeys: raw.storyKeys,
    citations: raw.citations,
  };
}
