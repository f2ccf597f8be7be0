/**
 * Document texts are stored compressed: a two-byte header, then raw DEFLATE (level 1) with a preset
 * dictionary of news English (`record-sets.ts`, `dictionaries.generated.ts`); texts written by
 * schemas 2 and 3 are plain raw DEFLATE, still read (migration 4 rewrites them). News text shrinks to
 * about 40 % of its UTF-8 size, and the text is most of a database. The full-text index reads the
 * text through the view `documents_content`, which inflates it with the SQL function
 * `claimtrace_inflate`; every connection registers that function before it touches the index
 * (`registerTextFunctions`).
 */
import type Database from 'better-sqlite3';
import { compressWithDictionary, inflateWithDictionary } from './record-sets.js';

/** Level 1 keeps writing cheap; higher levels gain about 3 % on news text for twice the time. */
const LEVEL = 1;

export function compressText(text: string): Buffer {
  return compressWithDictionary(Buffer.from(text, 'utf8'), LEVEL);
}

export function inflateText(stored: Uint8Array): string {
  return inflateWithDictionary(stored).toString('utf8');
}

export function registerTextFunctions(db: Database.Database): void {
  db.function('claimtrace_inflate', { deterministic: true }, (stored: unknown) =>
    stored === null || stored === undefined ? null : inflateText(stored as Uint8Array),
  );
}
