import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { AnalysisJson } from '../../src/api/analysis-json.js';
import { migrate, migrations, schemaVersion } from '../../src/store/schema.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { runStoreContract } from './store-contract.js';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'claimtrace-store-'));
let counter = 0;
function freshPath(): string {
  counter += 1;
  return path.join(directory, `store-${counter}.sqlite`);
}

after(() => fs.rmSync(directory, { recursive: true, force: true }));

runStoreContract('SqliteStore', () => SqliteStore.open(freshPath()));

const text = 'The mayor said "the bridge reopens in May."';
const analysis: AnalysisJson = {
  schema: 'claimtrace/analysis@1',
  tool: { name: 'claimtrace', version: '0.0.0-test' },
  document: { id: 'bridge', title: 'Bridge', url: null, publishedAt: null, format: 'text', contentHash: 'h1', length: text.length, text },
  entities: [],
  quotes: [],
  figures: [],
  dates: [],
  framing: [],
  claims: [],
  events: [],
  diagnostics: [],
};

function saveBridge(store: SqliteStore): void {
  store.save({ analysis, source: null, cacheKey: 'k', analysedAt: '2024-01-01T00:00:00.000Z' });
}

describe('SqliteStore on disk', () => {
  it('uses WAL journal mode, foreign keys and a busy timeout', () => {
    const file = freshPath();
    SqliteStore.open(file).close();
    const db = new Database(file);
    try {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    } finally {
      db.close();
    }
  });

  it('creates the parent directory when it is missing', () => {
    const file = path.join(directory, 'nested', 'deeper', 'claimtrace.sqlite');
    const store = SqliteStore.open(file);
    store.close();
    assert.ok(fs.existsSync(file));
  });

  it('applies migrations once, however often the file is opened', () => {
    const file = freshPath();
    SqliteStore.open(file).close();
    SqliteStore.open(file).close();
    const db = new Database(file);
    try {
      const rows = db.prepare('SELECT id, name FROM schema_migrations ORDER BY id').all();
      assert.deepEqual(rows, migrations.map((m) => ({ id: m.id, name: m.name })));
      assert.equal(db.pragma('user_version', { simple: true }), migrations.length);
      assert.equal(schemaVersion(db), migrations.length);
      assert.deepEqual(migrate(db), [], 'nothing left to apply');
    } finally {
      db.close();
    }
  });

  it('numbers migrations from 1 without gaps', () => {
    assert.deepEqual(migrations.map((m) => m.id), migrations.map((_, i) => i + 1));
  });

  it('refuses a database made by a newer schema', () => {
    const file = freshPath();
    SqliteStore.open(file).close();
    const db = new Database(file);
    db.prepare("INSERT INTO schema_migrations (id, name) VALUES (?, 'from-the-future')").run(migrations.length + 1);
    db.close();
    assert.throws(() => SqliteStore.open(file), /newer than this version of claimtrace/);
  });

  it('rolls back every pending migration when one fails', () => {
    const db = new Database(':memory:');
    try {
      const broken = [...migrations, { id: migrations.length + 1, name: 'broken', sql: 'CREATE TABLE ok_table (x); THIS IS NOT SQL;' }];
      assert.throws(() => migrate(db, broken));
      assert.equal(schemaVersion(db), 0);
      const { n } = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name IN ('documents', 'ok_table')").get() as { n: number };
      assert.equal(n, 0);
    } finally {
      db.close();
    }
  });

  it('keeps its data when closed and reopened', () => {
    const file = freshPath();
    const first = SqliteStore.open(file);
    saveBridge(first);
    first.close();
    const second = SqliteStore.open(file);
    try {
      assert.deepEqual(second.getAnalysis('bridge'), analysis);
      assert.deepEqual(second.searchText('bridge').map((hit) => hit.documentId), ['bridge']);
      assert.equal(second.countDocuments(), 1);
    } finally {
      second.close();
    }
  });

  it('removes full-text rows on replace and delete', () => {
    const file = freshPath();
    const store = SqliteStore.open(file);
    saveBridge(store);
    saveBridge(store);
    const db = new Database(file, { readonly: true });
    const ftsRows = () => (db.prepare('SELECT count(*) AS n FROM documents_fts').get() as { n: number }).n;
    try {
      assert.equal(ftsRows(), 1);
      store.deleteDocument('bridge');
      assert.equal(ftsRows(), 0);
      assert.equal((db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n, 0);
    } finally {
      db.close();
      store.close();
    }
  });

  it('refuses an overlap query without a document id', () => {
    const store = SqliteStore.open(freshPath());
    try {
      assert.throws(() => store.queryRecords({ overlaps: { start: 0, end: 1 } }), /needs `documentId`/);
    } finally {
      store.close();
    }
  });

  it('closes twice without error', () => {
    const store = SqliteStore.open(freshPath());
    store.close();
    assert.doesNotThrow(() => store.close());
  });
});
