// Lexicons are data with a source per entry, compiled into modules that must be current.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { compileTable, findTables, parseTsv } from '../../scripts/compile-data.js';

test('every lexicon row names its source', () => {
  const tables = findTables();
  assert.ok(tables.length >= 4);
  for (const path of tables) {
    const rows = parseTsv(readFileSync(path, 'utf8'), path);
    assert.ok(rows.length > 0, `${path} is empty`);
    for (const row of rows) assert.ok(row.source && row.source.trim() !== '', `${path}: a row has no source`);
  }
});

test('generated lexicon modules are up to date (npm run compile-data)', () => {
  for (const path of findTables()) {
    const table = compileTable(path);
    assert.equal(readFileSync(table.generatedPath, 'utf8'), table.source, `${table.generatedPath} is stale`);
  }
});
