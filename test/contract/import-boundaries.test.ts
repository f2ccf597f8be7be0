// Keeps the layers of docs/architecture.md: each folder of src/ may import only the folders listed.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const src = fileURLToPath(new URL('../../src/', import.meta.url));

/** Folder -> folders of ours it may import (itself always allowed). `node:` modules are checked separately. */
const ALLOWED: Record<string, string[]> = {
  core: [],
  analyses: ['core', 'api'],
  corpus: ['core', 'analyses', 'api'],
  store: ['core', 'api'],
  engine: ['core', 'analyses', 'corpus', 'store', 'api'],
  api: [],
  cli: ['engine', 'api'],
  server: ['engine', 'api'],
  web: ['api'],
  '.': ['engine', 'api', 'core'],
};
/** Folders that must also run in a browser: no Node built-ins, no native packages. */
const NO_NODE = new Set(['core', 'analyses', 'api', 'web']);

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'fixtures') files(path, out);
    } else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

test('imports respect the layer table', () => {
  const problems: string[] = [];
  const all = files(src);
  assert.ok(all.length > 10);
  for (const file of all) {
    const rel = relative(src, file);
    const layer = rel.includes('/') ? rel.split('/')[0]! : '.';
    const allowed = ALLOWED[layer];
    if (!allowed) {
      problems.push(`${rel}: folder "${layer}" is not in the layer table`);
      continue;
    }
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      const specifier = match[1] ?? match[2]!;
      if (specifier.startsWith('.')) {
        const target = relative(src, resolve(dirname(file), specifier));
        if (target.startsWith('..')) {
          problems.push(`${rel}: imports ${specifier}, outside src/`);
          continue;
        }
        const targetLayer = target.includes('/') ? target.split('/')[0]! : '.';
        if (targetLayer !== layer && !allowed.includes(targetLayer)) problems.push(`${rel}: ${layer} may not import ${targetLayer} (${specifier})`);
      } else if (NO_NODE.has(layer) && (specifier.startsWith('node:') || ['fs', 'path', 'crypto', 'better-sqlite3'].includes(specifier))) {
        problems.push(`${rel}: ${layer} must run in a browser and may not import ${specifier}`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

test('analyses read no clock, randomness or environment', () => {
  const problems: string[] = [];
  for (const layer of ['core', 'analyses']) {
    for (const file of files(join(src, layer))) {
      const source = readFileSync(file, 'utf8');
      for (const banned of ['Date.now(', 'new Date(', 'Math.random(', 'process.env', 'performance.now(']) {
        if (source.includes(banned)) problems.push(`${relative(src, file)} uses ${banned}`);
      }
    }
  }
  assert.deepEqual(problems, []);
});
