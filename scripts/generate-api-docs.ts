// Writes docs/api.md from the route declarations in src/server/routes.ts.
// `npm run docs:api` rewrites it; `--check` exits 1 when the file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderApiDocs } from '../src/server/render-api-docs.js';

const target = fileURLToPath(new URL('../docs/api.md', import.meta.url));
const rendered = renderApiDocs();
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // A missing page is stale too.
  }
  if (current !== rendered) {
    console.error('docs/api.md is stale: run `npm run docs:api`');
    process.exit(1);
  }
  console.log('docs/api.md is up to date');
} else {
  writeFileSync(target, rendered);
  console.log('wrote docs/api.md');
}
