// A small store for the server tests: the test corpus analysed in-process, plus the same text
// under a second name (a same-text cluster) and an article whose text carries HTML.
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeInputs, openStore, type Store } from '../../src/engine/index.js';

const corpus = fileURLToPath(new URL('../corpus/', import.meta.url));

export const XSS_TEXT = [
  'Hostile markup in an article',
  '',
  'The page said <script>window.__xss = 1</script> and showed <img src=x onerror="window.__xss = 2"> in its body.',
  '',
  '"We never run <b>markup</b> from articles," said Ada Lovelace, a spokeswoman for the archive.',
  '',
].join('\n');

export interface Seeded {
  store: Store;
  dir: string;
  ids: { xss: string; duplicates: string[]; all: string[]; bySource: Map<string, string> };
  cleanup(): Promise<void>;
}

export async function seedStore(path = ':memory:', options: { extra?: string[] } = {}): Promise<Seeded> {
  const dir = mkdtempSync(join(tmpdir(), 'claimtrace-server-'));
  const files = readdirSync(corpus)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => join(corpus, name));
  const copy = join(dir, 'republished-boat-fire.txt');
  copyFileSync(join(corpus, 'dozens-dead-in-california-boat-fire.txt'), copy);
  const xss = join(dir, 'hostile-markup.txt');
  writeFileSync(xss, XSS_TEXT);
  const store = openStore(path);
  const ids: Seeded['ids'] = { xss: '', duplicates: [], all: [], bySource: new Map() };
  let clock = 0;
  for await (const result of analyzeInputs([...files, copy, xss, ...(options.extra ?? [])], { store, now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, clock++)).toISOString() })) {
    if (result.kind !== 'analysed') throw new Error(`seed: ${result.source} was not analysed`);
    const id = result.analysis.document.id;
    ids.all.push(id);
    ids.bySource.set(result.source, id);
    if (result.source === xss) ids.xss = id;
    if (result.source === copy || result.source.endsWith('dozens-dead-in-california-boat-fire.txt')) ids.duplicates.push(id);
  }
  return {
    store,
    dir,
    ids,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
