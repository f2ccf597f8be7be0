// Writes docs/cli.md from the command declarations in src/cli/commands/.
// `npx tsx scripts/generate-cli-docs.ts` rewrites it; `--check` exits 1 when the file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { commands } from '../src/cli/commands/index.js';
import { renderCliDocs } from '../src/cli/render-cli-docs.js';

const target = fileURLToPath(new URL('../docs/cli.md', import.meta.url));
const rendered = renderCliDocs(commands);

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // A missing page is stale too.
  }
  if (current !== rendered) {
    console.error('docs/cli.md is stale: run `npx tsx scripts/generate-cli-docs.ts`');
    process.exit(1);
  }
  console.log('docs/cli.md is up to date');
} else {
  writeFileSync(target, rendered);
  console.log('wrote docs/cli.md');
}
