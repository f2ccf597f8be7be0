// The constructed cross-source corpus as one JSON Lines input (each article with its outlet's URL and
// the publication date), and its outlets file: for the server and web UI tests.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseOutletsFile, type Outlet } from '../../src/corpus/index.js';

const source = new URL('./', import.meta.url);

export const CROSS_SOURCE_URLS: Record<string, string> = {
  'wire-rewrite-ledger': 'https://dailyledger.example/2026/03/03/valdora',
  'wire-rewrite-coastpost': 'https://www.coastpost.example/news/valdora-arrests',
  'wire-rewrite-standard': 'https://morningstandard.example/valdora',
  'independent-report': 'https://www.riverherald.example/valdora-night',
  'citing-brief': 'https://portnews.example/brief/valdora',
};

export const CROSS_SOURCE_OUTLETS_FILE = fileURLToPath(new URL('outlets.tsv', source));

export function crossSourceOutlets(): Outlet[] {
  return parseOutletsFile(readFileSync(CROSS_SOURCE_OUTLETS_FILE, 'utf8'), 'outlets.tsv');
}

/** Writes the five articles as `<folder>/<name>` (JSON Lines) and returns its path. */
export function writeCrossSourceJsonl(folder: string, name = 'cross-source.jsonl'): string {
  const lines = Object.entries(CROSS_SOURCE_URLS).map(([id, url]) => {
    const text = readFileSync(new URL(`${id}.txt`, source), 'utf8');
    return JSON.stringify({ id, url, text, title: text.split('\n')[0], publishedAt: '2026-03-03' });
  });
  const path = join(folder, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}
