// Every registered analysis has its folder with a README, fixtures and a docs page.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { analyses } from '../../src/analyses/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

test('each analysis is documented and has fixtures', () => {
  assert.ok(analyses.length >= 2);
  for (const analysis of analyses) {
    const dir = `${root}src/analyses/${analysis.id}`;
    assert.ok(existsSync(`${dir}/README.md`), `${analysis.id}: no README.md`);
    assert.ok(existsSync(`${dir}/fixtures`) && readdirSync(`${dir}/fixtures`).length > 0, `${analysis.id}: no fixtures`);
    assert.ok(existsSync(`${root}docs/analyses/${analysis.id}.md`), `${analysis.id}: no docs/analyses/${analysis.id}.md`);
    assert.ok(analysis.describe.length > 10, `${analysis.id}: no description`);
  }
});
