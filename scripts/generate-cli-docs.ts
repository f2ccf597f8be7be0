// Writes docs/cli.md from the command declarations in src/cli/commands/.
// `npx tsx scripts/generate-cli-docs.ts` rewrites it; `--check` exits 1 when the file is stale.
import { fileURLToPath } from 'node:url';
import { commands } from '../src/cli/commands/index.js';
import { renderCliDocs } from '../src/cli/render-cli-docs.js';
import { writeOrCheckPage } from './generated-page.js';

writeOrCheckPage(
  fileURLToPath(new URL('../docs/cli.md', import.meta.url)),
  renderCliDocs(commands),
  'docs/cli.md',
  'npx tsx scripts/generate-cli-docs.ts',
);
