// docs/api.md is generated from the route declarations; this fails when it is stale.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { renderApiDocs } from '../../src/server/render-api-docs.js';
import { routes } from '../../src/server/routes.js';

test('docs/api.md matches the route declarations and lists every route', () => {
  const committed = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
  assert.equal(committed, renderApiDocs(), 'docs/api.md is stale: run `npm run docs:api`');
  for (const route of routes) assert.ok(committed.includes(`## ${route.method} ${route.path}`), `${route.method} ${route.path}`);
});
