// The SQLite store answers as it did and keeps the same rows as it did before its review, paging and
// result-shaping code was shared with the PostgreSQL store, and a database written then reads the
// same now (fixtures/store-golden.json; see store-golden.ts).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { migrate, migrations } from '../../src/store/schema.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { registerTextFunctions } from '../../src/store/text-codec.js';
import { checkFresh, checkWrittenBefore, decoded, GOLDEN_TABLES, plain, rowValues, type Rows } from './store-golden.js';

const fixture = JSON.parse(fs.readFileSync(new URL('./fixtures/store-golden.json', import.meta.url), 'utf8')) as {
  sqlite: { answers: Record<string, unknown>; rows: Rows };
};
/** The schema the fixture's database was written at. */
const FIXTURE_SCHEMA = 6;

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'claimtrace-golden-'));
after(() => fs.rmSync(directory, { recursive: true, force: true }));

function rowsOf(file: string): Rows {
  const db = new Database(file, { readonly: true });
  try {
    const rows: Rows = {};
    for (const [table, order] of Object.entries(GOLDEN_TABLES)) {
      rows[table] = (db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all() as Array<Record<string, unknown>>).map(plain);
    }
    rows.sqlite_sequence = db.prepare('SELECT * FROM sqlite_sequence ORDER BY name').all() as Array<Record<string, unknown>>;
    return rows;
  } finally {
    db.close();
  }
}

describe('SQLite store against the rows and answers it gave before', () => {
  it('answers the same reads with the same pages and cursors, and keeps the same rows', async () => {
    const file = path.join(directory, 'fresh.sqlite');
    await checkFresh(SqliteStore.open(file), fixture.sqlite.answers);
    assert.deepEqual(decoded(rowsOf(file)), decoded(fixture.sqlite.rows));
  });

  it('reads a database written before as it read it then, and goes on numbering its audit log', async () => {
    const file = path.join(directory, 'written-before.sqlite');
    const db = new Database(file);
    registerTextFunctions(db);
    migrate(db, migrations.slice(0, FIXTURE_SCHEMA));
    db.transaction(() => {
      for (const [table, rows] of Object.entries(fixture.sqlite.rows)) {
        if (table === 'sqlite_sequence') continue;
        for (const row of rows) {
          const { names, values } = rowValues(row);
          db.prepare(`INSERT INTO ${table} (${names.map((name) => `"${name}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(...values);
        }
      }
      db.exec('DELETE FROM sqlite_sequence');
      for (const row of fixture.sqlite.rows.sqlite_sequence!) db.prepare('INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)').run(row.name, row.seq);
      db.exec("INSERT INTO documents_fts (documents_fts) VALUES ('rebuild')");
    })();
    db.close();

    await checkWrittenBefore(SqliteStore.open(file), fixture.sqlite.answers);
  });
});
