// Rewrites the README's generated example from the built binary's real output:
//   npm run build && npx tsx scripts/update-readme-example.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderReadmeExample, withExample } from './readme-example.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const path = join(root, 'README.md');
const before = readFileSync(path, 'utf8');
const after = withExample(before, renderReadmeExample(root));
if (after === before) {
  console.log('README.md: the example is up to date');
} else {
  writeFileSync(path, after);
  console.log('README.md: example rewritten');
}
