// Schema migrations from every earlier version, a newer store refused without being touched, and
// backup and restore. Written over the migration list, so each new migration is covered as it lands.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { Finding } from '../../src/core/finding.js';
import { backupStore, restoreStore } from '../../src/engine/backup-store.js';
import { latestSchemaVersion, migrate, migrations, schemaVersion } from '../../src/store/schema.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import type { DocumentSave } from '../../src/store/store.js';
import { compressText, registerTextFunctions } from '../../src/store/text-codec.js';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'claimtrace-migrations-'));
let counter = 0;
const freshPath = (name = 'store'): string => path.join(directory, `${name}-${++counter}.sqlite`);
after(() => fs.rmSync(directory, { recursive: true, force: true }));

/** A database file at schema `version` (0: empty), made with the migrations as they were then. */
function databaseAt(version: number): string {
  const file = freshPath(`v${version}`);
  const db = new Database(file);
  registerTextFunctions(db);
  db.pragma('journal_mode = WAL');
  if (version > 0) migrate(db, migrations.slice(0, version));
  db.close();
  return file;
}

/** The schema as SQLite holds it: every table, index, view and trigger with its SQL. */
function schemaOf(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as Array<{ type: string; name: string; sql: string | null }>).map(
      (row) => `${row.type} ${row.name}: ${(row.sql ?? '').replace(/\s+/g, ' ')}`,
    );
  } finally {
    db.close();
  }
}

const TEXT = 'The mayor said "the bridge reopens in May." Nobody objected.';

function save(id: string, text = TEXT): DocumentSave {
  const start = text.indexOf('the bridge');
  const span = { start, end: start + 'the bridge reopens in May.'.length, text: 'the bridge reopens in May.' };
  const finding = { id: 'q1', analysis: 'extract-quotes', kind: 'quote', span, data: { content: span } } as unknown as Finding;
  return {
    document: { id, title: id, url: null, publishedAt: '2024-03-04', format: 'text', contentHash: `hash-${id}`, source: `${id}.txt`, text },
    analysedAt: '2024-03-05T00:00:00.000Z',
    runs: [{ analysis: 'extract-quotes', version: '1', cacheKey: 'k', status: 'ok', diagnostics: [], durationMs: 1 }],
    records: [{ finding, key: 'The mayor' }],
  };
}

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

describe('schema migrations', () => {
  const latest = latestSchemaVersion();

  for (let version = 0; version < latest; version++) {
    it(`brings a store at schema ${version} to schema ${latest}, with the same schema as a new store`, async () => {
      const old = databaseAt(version);
      const store = SqliteStore.open(old);
      await store.close();
      const fresh = freshPath('fresh');
      await SqliteStore.open(fresh).close();
      assert.deepEqual(schemaOf(old), schemaOf(fresh));
      const db = new Database(old, { readonly: true });
      try {
        assert.equal(schemaVersion(db), latest);
        assert.equal(db.pragma('user_version', { simple: true }), latest);
        assert.equal((db.pragma('integrity_check') as Array<{ integrity_check: string }>)[0]!.integrity_check, 'ok');
      } finally {
        db.close();
      }
    });
  }

  // Schema 1 data is converted by its own test (sqlite-store.test.ts); from schema 2 on, the layout
  // of documents, runs and records is the one written here, and every later migration must keep it.
  it('keeps a document written at schema 2 through every later migration', async () => {
    const file = databaseAt(2);
    const db = new Database(file);
    registerTextFunctions(db);
    const doc = db
      .prepare(
        `INSERT INTO documents (id, title, url, published_at, format, content_hash, length, source, analysed_at, record_counts, error_count, text_z)
         VALUES ('bridge', 'Bridge', NULL, '2024-03-04', 'text', 'hash-b', ?, 'bridge.txt', '2024-03-05T00:00:00.000Z', '{"quote":1}', 0, ?)`,
      )
      .run(TEXT.length, compressText(TEXT)).lastInsertRowid;
    db.prepare("INSERT INTO documents_fts (rowid, title, text) VALUES (?, 'Bridge', ?)").run(doc, TEXT);
    db.prepare("INSERT INTO runs (doc, seq, analysis, version, cache_key, status, diagnostics, duration_ms) VALUES (?, 0, 'extract-quotes', '1', 'k', 'ok', '[]', 1)").run(doc);
    const start = TEXT.indexOf('the bridge');
    db.prepare(
      `INSERT INTO records (doc, seq, analysis, kind, record_id, start, "end", key, json) VALUES (?, 0, 'extract-quotes', 'quote', 'q1', ?, ?, 'The mayor', '{"data":{}}')`,
    ).run(doc, start, start + 10);
    db.close();

    const store = SqliteStore.open(file);
    try {
      const stored = await store.getDocument('bridge');
      assert.equal(stored?.text, TEXT);
      assert.equal(stored?.publishedAt, '2024-03-04');
      assert.deepEqual((await store.getRuns('bridge')).map((run) => [run.analysis, run.status, run.cacheKey]), [['extract-quotes', 'ok', 'k']]);
      const findings = await store.getFindings('bridge');
      assert.equal(findings.length, 1);
      assert.equal(findings[0]!.span.text, TEXT.slice(start, start + 10));
      assert.deepEqual((await store.searchText('bridge')).map((hit) => hit.documentId), ['bridge']);
      assert.deepEqual(await store.checkIntegrity(), ['ok']);
    } finally {
      await store.close();
    }
  });

  it('refuses a store from a newer claimtrace with a clear message, and leaves its file as it was', async () => {
    const file = freshPath('newer');
    const store = SqliteStore.open(file);
    await store.saveBatch([save('kept')]);
    await store.close();
    const db = new Database(file);
    db.prepare("INSERT INTO schema_migrations (id, name) VALUES (?, 'from-the-future')").run(latest + 1);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const before = sha256(file);
    assert.throws(() => SqliteStore.open(file), new RegExp(`schema version ${latest + 1} is newer than this version of claimtrace supports \\(${latest}\\); upgrade claimtrace`));
    assert.equal(sha256(file), before);
    const check = new Database(file, { readonly: true });
    try {
      assert.equal((check.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n, 1);
    } finally {
      check.close();
    }
  });
});

describe('backup and restore', () => {
  it('backs up a store while another connection writes to it, and restores it', async () => {
    const live = freshPath('live');
    const writer = SqliteStore.open(live);
    await writer.saveBatch(Array.from({ length: 50 }, (_, i) => save(`before-${i}`)));
    // A second connection keeps writing while the backup runs: the copy is one consistent state.
    const writing = (async () => {
      for (let i = 0; i < 20; i++) {
        await writer.saveBatch([save(`during-${i}`)]);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const copy = path.join(directory, `backup-${++counter}.sqlite`);
    const summary = await backupStore(live, copy);
    await writing;
    await writer.close();
    assert.ok(summary.documents >= 50 && summary.documents <= 70, `${summary.documents} documents in the backup`);
    assert.equal(fs.existsSync(`${copy}-wal`), false, 'the backup is one file');

    const target = freshPath('target');
    assert.deepEqual(await restoreStore(copy, target), { documents: summary.documents });
    const restored = SqliteStore.open(target);
    try {
      assert.deepEqual(await restored.checkIntegrity(), ['ok']);
      assert.equal((await restored.getDocument('before-49'))?.text, TEXT);
      assert.equal((await restored.getFindings('before-0'))[0]?.span.text, 'the bridge reopens in May.');
    } finally {
      await restored.close();
    }
  });

  it('never overwrites a file with a backup', async () => {
    const live = freshPath('live');
    await SqliteStore.open(live).close();
    const existing = freshPath('existing');
    fs.writeFileSync(existing, 'mine');
    await assert.rejects(backupStore(live, existing), /already exists/);
    assert.equal(fs.readFileSync(existing, 'utf8'), 'mine');
  });

  it('replaces a store that holds documents only with force', async () => {
    const source = freshPath('source');
    const one = SqliteStore.open(source);
    await one.saveBatch([save('from-backup')]);
    await one.close();
    const copy = path.join(directory, `backup-${++counter}.sqlite`);
    await backupStore(source, copy);

    const target = freshPath('target');
    const other = SqliteStore.open(target);
    await other.saveBatch([save('current-1'), save('current-2')]);
    await other.close();
    await assert.rejects(restoreStore(copy, target), /holds 2 documents; add --force/);
    const unchanged = SqliteStore.open(target);
    assert.equal(await unchanged.countDocuments(), 2);
    await unchanged.close();

    await restoreStore(copy, target, { force: true });
    const replaced = SqliteStore.open(target);
    try {
      assert.deepEqual((await replaced.listDocuments()).items.map((d) => d.id), ['from-backup']);
    } finally {
      await replaced.close();
    }
  });

  it('refuses a backup that is damaged, not a database, not claimtrace\'s, or from a newer claimtrace, and changes nothing', async () => {
    const target = freshPath('target');
    const store = SqliteStore.open(target);
    await store.saveBatch([save('kept')]);
    await store.close();

    const notDatabase = freshPath('text');
    fs.writeFileSync(notDatabase, 'This is not a database, just some text that is long enough. '.repeat(100));
    await assert.rejects(restoreStore(notDatabase, target, { force: true }), /is not a database|cannot be opened/);

    const foreign = freshPath('foreign');
    const db = new Database(foreign);
    db.exec('CREATE TABLE notes (x)');
    db.close();
    await assert.rejects(restoreStore(foreign, target, { force: true }), /is not a claimtrace database/);

    const newer = freshPath('newer');
    await SqliteStore.open(newer).close();
    const raise = new Database(newer);
    raise.prepare("INSERT INTO schema_migrations (id, name) VALUES (?, 'from-the-future')").run(latestSchemaVersion() + 1);
    raise.pragma('journal_mode = DELETE');
    raise.close();
    await assert.rejects(restoreStore(newer, target, { force: true }), /newer than this version of claimtrace supports/);

    const damaged = path.join(directory, `backup-${++counter}.sqlite`);
    await backupStore(target, damaged);
    const bytes = fs.readFileSync(damaged);
    // Scribble over the pages after the first two (the header and the schema stay readable).
    const pageSize = bytes.readUInt16BE(16) === 1 ? 65536 : bytes.readUInt16BE(16);
    for (let at = pageSize * 2; at < bytes.length; at += 97) bytes[at] = 0xa5;
    fs.writeFileSync(damaged, bytes);
    await assert.rejects(restoreStore(damaged, target, { force: true }), /damaged|malformed|not a database/);

    await assert.rejects(restoreStore(path.join(directory, 'missing.sqlite'), target, { force: true }), /does not exist/);

    const after = SqliteStore.open(target);
    try {
      assert.deepEqual((await after.listDocuments()).items.map((d) => d.id), ['kept']);
    } finally {
      await after.close();
    }
  });
});
