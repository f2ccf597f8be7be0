// Writes docs/api.md from the route declarations in src/server/routes.ts.
// `npm run docs:api` rewrites it; `--check` exits 1 when the file is stale.
import { fileURLToPath } from 'node:url';
import { renderApiDocs } from '../src/server/render-api-docs.js';
import { writeOrCheckPage } from './generated-page.js';

writeOrCheckPage(fileURLToPath(new URL('../docs/api.md', import.meta.url)), renderApiDocs(), 'docs/api.md', 'npm run docs:api');
