/**
 * The BBC News corpus (Greene & Cunningham 2006), read in place from ../shared/data/bbc next to the
 * repository (override the data folder with CLAIMTRACE_DATA): third-party data, never copied into the
 * repository. Files in topic, then file-name order; see ../shared/data/bbc/FORMAT.md.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { dataRoot, displayPath } from '../eval/paths.js';

export interface BenchDoc {
  id: string;
  text: string;
  bytes: number;
}

export interface Corpus {
  docs: BenchDoc[];
  bytes: number;
  unique: number;
  latin1Fallback: string[];
}

export function loadBbc(limit?: number): Corpus {
  const root = path.join(dataRoot(), 'bbc');
  if (!fs.existsSync(root)) throw new Error(`BBC corpus not found at ${displayPath(root)}`);
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const docs: BenchDoc[] = [];
  const latin1Fallback: string[] = [];
  const topics = fs
    .readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  outer: for (const topic of topics) {
    for (const name of fs.readdirSync(path.join(root, topic)).filter((f) => f.endsWith('.txt')).sort()) {
      if (limit !== undefined && docs.length >= limit) break outer;
      const buf = fs.readFileSync(path.join(root, topic, name));
      let text: string;
      try {
        text = utf8.decode(buf);
      } catch {
        // One file holds a raw Latin-1 byte (see ../shared/data/bbc/FORMAT.md).
        text = buf.toString('latin1');
        latin1Fallback.push(`${topic}/${name}`);
      }
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      docs.push({ id: `${topic}/${name}`, text, bytes: Buffer.byteLength(text, 'utf8') });
    }
  }
  const hashes = new Set(docs.map((d) => createHash('sha256').update(d.text).digest('hex')));
  return { docs, bytes: docs.reduce((n, d) => n + d.bytes, 0), unique: hashes.size, latin1Fallback };
}
