import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { deflateRawSync } from 'node:zlib';
import Database from 'better-sqlite3';
import type { Finding } from '../../src/core/finding.js';
import { initialMigration } from '../../src/store/migrations/0001-initial.js';
import { encodeFinding, encodeJson } from '../../src/store/codec.js';
import { decodeRecordSet, hasDictionaryHeader } from '../../src/store/record-sets.js';
import { migrate, migrations, schemaVersion } from '../../src/store/schema.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import { inflateText, registerTextFunctions } from '../../src/store/text-codec.js';
import type { DocumentSave } from '../../src/store/store.js';
import { runStoreContract } from './store-contract.js';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'claimtrace-store-'));
let counter = 0;
function freshPath(): string {
  counter += 1;
  return path.join(directory, `store-${counter}.sqlite`);
}

after(() => fs.rmSync(directory, { recursive: true, force: true }));

runStoreContract('SqliteStore (file)', async () => SqliteStore.open(freshPath()));
runStoreContract('SqliteStore (:memory:)', async () => SqliteStore.open(':memory:'));

const BRIDGE_TEXT = 'The mayor said "the bridge reopens in May, after eleven months of repairs." Nobody objected.';

function bridgeSave(id = 'bridge', text = BRIDGE_TEXT): DocumentSave {
  const spanOf = (needle: string) => {
    const start = text.indexOf(needle);
    return start < 0 ? { start: 0, end: 0, text: '' } : { start, end: start + needle.length, text: needle };
  };
  const content = spanOf('the bridge reopens in May, after eleven months of repairs.');
  const cue = spanOf('said');
  const finding = { id: 'q1', analysis: 'extract-quotes', kind: 'quote', span: content, data: { content, cue } } as unknown as Finding;
  return {
    document: { id, title: 'Bridge', url: null, publishedAt: null, format: 'text', contentHash: 'h1', source: null, text },
    analysedAt: '2024-01-01T00:00:00.000Z',
    runs: [{ analysis: 'extract-quotes', version: '1', cacheKey: 'k', status: 'ok', diagnostics: [], durationMs: 2 }],
    records: [{ finding, key: 'The Mayor' }],
  };
}

function count(db: Database.Database, sql: string): number {
  return (db.prepare(sql).get() as { n: number }).n;
}

/** FTS5's own check that the external-content index matches `documents` (throws when not). */
function assertFtsInSync(db: Database.Database): void {
  db.prepare("INSERT INTO documents_fts (documents_fts, rank) VALUES ('integrity-check', 1)").run();
}

function occurrences(haystack: Buffer, needle: string): number {
  const bytes = Buffer.from(needle, 'utf8');
  let n = 0;
  for (let at = haystack.indexOf(bytes); at >= 0; at = haystack.indexOf(bytes, at + 1)) n += 1;
  return n;
}

describe('SqliteStore on disk', () => {
  it('uses WAL journal mode, foreign keys and a busy timeout', async () => {
    const file = freshPath();
    await SqliteStore.open(file).close();
    const db = new Database(file);
    registerTextFunctions(db);
    try {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    } finally {
      db.close();
    }
  });

  it('creates the parent directory when it is missing', async () => {
    const file = path.join(directory, 'nested', 'deeper', 'claimtrace.sqlite');
    await SqliteStore.open(file).close();
    assert.ok(fs.existsSync(file));
  });

  it('applies migrations once, however often the file is opened', async () => {
    const file = freshPath();
    await SqliteStore.open(file).close();
    await SqliteStore.open(file).close();
    const db = new Database(file);
    registerTextFunctions(db);
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

  it('refuses a database made by a newer schema', async () => {
    const file = freshPath();
    await SqliteStore.open(file).close();
    const db = new Database(file);
    registerTextFunctions(db);
    db.prepare("INSERT INTO schema_migrations (id, name) VALUES (?, 'from-the-future')").run(migrations.length + 1);
    db.close();
    assert.throws(() => SqliteStore.open(file), /newer than this version of claimtrace supports.*upgrade claimtrace/);
  });

  it('rolls back every pending migration when one fails, SQL or function', () => {
    for (const broken of [
      { id: migrations.length + 1, name: 'broken-sql', sql: 'CREATE TABLE ok_table (x); THIS IS NOT SQL;' },
      {
        id: migrations.length + 1,
        name: 'broken-function',
        up(db: Database.Database) {
          db.exec('CREATE TABLE ok_table (x)');
          throw new Error('conversion failed');
        },
      },
    ]) {
      const db = new Database(':memory:');
      registerTextFunctions(db);
      try {
        assert.throws(() => migrate(db, [...migrations, broken]));
        assert.equal(schemaVersion(db), 0);
        assert.equal(count(db, "SELECT count(*) AS n FROM sqlite_master WHERE name IN ('documents', 'ok_table')"), 0);
      } finally {
        db.close();
      }
    }
  });

  it('keeps its data when closed and reopened', async () => {
    const file = freshPath();
    const first = SqliteStore.open(file);
    await first.saveBatch([bridgeSave()]);
    await first.close();
    const second = SqliteStore.open(file);
    try {
      assert.deepEqual(await second.getFindings('bridge'), bridgeSave().records.map((r) => r.finding));
      assert.deepEqual((await second.searchText('bridge')).map((hit) => hit.documentId), ['bridge']);
      assert.equal(await second.countDocuments(), 1);
    } finally {
      await second.close();
    }
  });

  it('stores the text once: not in the full-text index, not in the records', async () => {
    const file = freshPath();
    const store = SqliteStore.open(file);
    await store.saveBatch([bridgeSave()]);
    await store.close();
    const bytes = fs.readFileSync(file);
    // The one copy is compressed: the words are not in the file as written...
    assert.equal(occurrences(bytes, 'after eleven months of repairs'), 0, 'the text is stored compressed');
    assert.equal(occurrences(bytes, 'Nobody objected'), 0);
    const db = new Database(file, { readonly: true });
    registerTextFunctions(db);
    try {
      // ...and its one copy inflates to the text.
      const stored = db.prepare('SELECT text_z FROM documents').all() as Array<{ text_z: Buffer }>;
      assert.equal(stored.length, 1);
      assert.equal(inflateText(stored[0]!.text_z), bridgeSave().document.text);
      // The record set holds spans as offsets, not the words they cover.
      const data = (db.prepare('SELECT data FROM record_sets').get() as { data: Buffer }).data;
      const json = JSON.stringify(decodeRecordSet(data));
      assert.doesNotMatch(json, /bridge|said/);
      assert.match(json, /\$span/);
    } finally {
      db.close();
    }
  });

  it('keeps the full-text index in sync on insert, replace (same or new text) and delete', async () => {
    const file = freshPath();
    const store = SqliteStore.open(file);
    const db = new Database(file);
    registerTextFunctions(db);
    const ftsMatches = (word: string) => count(db, `SELECT count(*) AS n FROM documents_fts WHERE documents_fts MATCH '${word}'`);
    try {
      await store.saveBatch([bridgeSave(), bridgeSave('other', 'Another text about a tunnel.')]);
      assertFtsInSync(db);
      await store.saveBatch([bridgeSave()]);
      assertFtsInSync(db);
      assert.equal(ftsMatches('repairs'), 1);
      await store.saveBatch([bridgeSave('bridge', 'The ferry runs again.')]);
      assertFtsInSync(db);
      assert.equal(ftsMatches('bridge'), 2, 'both titles still say bridge');
      assert.equal(ftsMatches('ferry'), 1);
      assert.equal(ftsMatches('repairs'), 0);
      assert.equal(await store.deleteDocument('bridge'), true);
      assertFtsInSync(db);
      assert.equal(ftsMatches('ferry'), 0);
      assert.equal(ftsMatches('bridge'), 1);
      assert.equal(count(db, 'SELECT count(*) AS n FROM record_sets'), 1);
      assert.equal(count(db, 'SELECT count(*) AS n FROM record_keys'), 1);
    } finally {
      db.close();
      await store.close();
    }
  });

  it('rolls the whole batch back when a write fails inside the transaction', async () => {
    const file = freshPath();
    const store = SqliteStore.open(file);
    await store.saveBatch([bridgeSave()]);
    // A trigger makes the database refuse one record, after the first documents of the batch were written.
    const db = new Database(file);
    registerTextFunctions(db);
    db.exec(
      "CREATE TRIGGER refuse BEFORE INSERT ON record_sets WHEN NEW.doc = (SELECT doc FROM documents WHERE id = 'boom') BEGIN SELECT RAISE(ABORT, 'refused'); END",
    );
    const boom = bridgeSave('boom');
    const replaced = bridgeSave('bridge', 'A new text that must not be stored.');
    try {
      await assert.rejects(store.saveBatch([replaced, bridgeSave('new-one'), boom]), /refused/);
      assert.equal(await store.countDocuments(), 1);
      assert.equal((await store.getDocument('bridge'))!.text, BRIDGE_TEXT);
      assert.equal(await store.getDocument('new-one'), null);
      assert.deepEqual((await store.searchText('repairs')).map((h) => h.documentId), ['bridge']);
      assertFtsInSync(db);
      db.exec('DROP TRIGGER refuse');
      await store.saveBatch([bridgeSave('new-one')]);
      assert.equal(await store.countDocuments(), 2);
    } finally {
      db.close();
      await store.close();
    }
  });

  it('closes twice without error', async () => {
    const store = SqliteStore.open(freshPath());
    await store.close();
    await store.close();
  });
});

// ---------------------------------------------------------------------------------------------
// Migration from schema 1, as the previous version of the store wrote it.

const OLD_TEXT = 'Maria López told reporters the harbour had reopened. "We are relieved," she said on Monday.';

function oldSpan(needle: string) {
  const start = OLD_TEXT.indexOf(needle);
  return { start, end: start + needle.length, text: needle };
}

/** The analysis@1 object the old store kept in `analysis_json`: one quote with nested spans, one entity. */
function oldAnalysis() {
  const content = oldSpan('We are relieved,');
  return {
    schema: 'claimtrace/analysis@1',
    tool: { name: 'claimtrace', version: '0.1.0' },
    document: { id: 'harbour', title: 'Harbour', url: 'https://example.org/h', publishedAt: '2024-03-04', format: 'text', contentHash: 'hash-1', length: OLD_TEXT.length, text: OLD_TEXT },
    entities: [
      { id: 'e1', analysis: 'resolve-aliases', type: 'person', name: 'Maria López', aliases: [], roles: [], mentions: [oldSpan('Maria López')], pronounMentions: [oldSpan('she')] },
    ],
    quotes: [
      {
        id: 'q1', analysis: 'extract-quotes', type: 'direct', content, contents: [content],
        cue: { span: oldSpan('said'), lemma: 'say', stance: 'neutral' },
        speaker: { entityId: 'e1', name: 'Maria López', mention: oldSpan('she'), basis: 'inferred', reason: 'pronoun-after-closing-quote' },
        date: { value: '2024-03-04', mention: oldSpan('Monday'), basis: 'inferred' },
        voice: 'quoted', reason: 'quote-rules/closing-said', evidence: ['e1'],
      },
    ],
    figures: [],
    dates: [],
    framing: [],
    claims: [],
    events: [],
    diagnostics: [
      { severity: 'warning', message: 'Speaker guessed from a pronoun', span: oldSpan('she'), analysis: 'extract-quotes' },
      { severity: 'error', message: 'Date resolver crashed', span: null, analysis: 'extract-dates' },
    ],
  };
}

/** A schema-1 file with documents written the way the old `save()` wrote them. */
function schema1File(documents: Array<{ id: string; analysedAt: string; tail?: string }>): string {
  const file = freshPath();
  const db = new Database(file);
  registerTextFunctions(db);
  db.exec(`CREATE TABLE schema_migrations (id INTEGER PRIMARY KEY NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))`);
  db.exec(initialMigration.sql!);
  db.prepare("INSERT INTO schema_migrations (id, name) VALUES (1, 'initial')").run();
  db.pragma('user_version = 1');
  for (const { id, analysedAt, tail = '' } of documents) {
    const text = OLD_TEXT + tail;
    const analysis = oldAnalysis();
    analysis.document.id = id;
    analysis.document.text = text;
    analysis.document.length = text.length;
    const fts = db.prepare('INSERT INTO documents_fts (title, text) VALUES (?, ?)').run(analysis.document.title, text);
    db.prepare(
      `INSERT INTO documents (id, title, url, published_at, format, content_hash, length, text, source, cache_key, analysed_at,
                              quote_count, error_count, fts_rowid, analysis_json)
       VALUES (?, 'Harbour', 'https://example.org/h', '2024-03-04', 'text', 'hash-1', ?, ?, 'in/harbour.txt', 'old-key', ?, 1, 1, ?, ?)`,
    ).run(id, text.length, text, analysedAt, fts.lastInsertRowid, JSON.stringify(analysis));
    const insertRecord = db.prepare('INSERT INTO records (document_id, kind, record_id, analysis, start, "end", speaker, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    insertRecord.run(id, 'entity', 'e1', 'resolve-aliases', 0, 11, null, JSON.stringify(analysis.entities[0]));
    insertRecord.run(id, 'quote', 'q1', 'extract-quotes', analysis.quotes[0]!.content.start, analysis.quotes[0]!.content.end, 'Maria López', JSON.stringify(analysis.quotes[0]));
  }
  db.close();
  return file;
}

describe('SqliteStore migration from schema 1', () => {
  it('converts documents, texts, records and diagnostics without losing them', async () => {
    const file = schema1File([
      { id: 'harbour', analysedAt: '2024-03-05T00:00:00.000Z' },
      { id: 'harbour-copy', analysedAt: '2024-03-01T00:00:00.000Z' },
    ]);
    const store = SqliteStore.open(file);
    try {
      const old = oldAnalysis();
      const { id: _id, analysis: _analysis, reason, evidence, ...quoteData } = old.quotes[0]!;
      const { id: _eid, analysis: _eanalysis, ...entityData } = old.entities[0]!;
      assert.deepStrictEqual(await store.getDocument('harbour'), {
        id: 'harbour',
        title: 'Harbour',
        url: 'https://example.org/h',
        publishedAt: '2024-03-04',
        format: 'text',
        contentHash: 'hash-1',
        length: OLD_TEXT.length,
        source: 'in/harbour.txt',
        analysedAt: '2024-03-05T00:00:00.000Z',
        text: OLD_TEXT,
      });
      const expectedFindings = [
        { id: 'e1', analysis: 'resolve-aliases', kind: 'entity', span: oldSpan('Maria López'), data: entityData },
        { id: 'q1', analysis: 'extract-quotes', kind: 'quote', span: oldSpan('We are relieved,'), data: quoteData, reason, evidence },
      ];
      const findings = await store.getFindings('harbour');
      assert.deepStrictEqual(findings, expectedFindings);
      assert.equal(JSON.stringify(findings), JSON.stringify(expectedFindings), 'same key order');
      assert.deepStrictEqual(await store.getRuns('harbour'), [
        {
          analysis: 'resolve-aliases', version: 'migrated', cacheKey: 'schema-1:old-key', status: 'ok', diagnostics: [], durationMs: null,
        },
        {
          analysis: 'extract-quotes', version: 'migrated', cacheKey: 'schema-1:old-key', status: 'ok',
          diagnostics: [old.diagnostics[0]], durationMs: null,
        },
        {
          analysis: 'extract-dates', version: 'migrated', cacheKey: 'schema-1:old-key', status: 'failed',
          diagnostics: [old.diagnostics[1]], durationMs: null,
        },
      ]);
      const list = await store.listDocuments();
      assert.deepEqual(list.items.map((d) => d.id), ['harbour', 'harbour-copy'], 'documents keep the order they were written in');
      assert.deepEqual(list.items[0]!.recordCounts, { entity: 1, quote: 1 });
      assert.equal(list.items[0]!.errorCount, 1);
      assert.deepEqual((await store.searchText('relieved')).map((h) => h.documentId), ['harbour', 'harbour-copy']);
      assert.match((await store.searchText('harbour'))[0]!.snippet, /\[harbour\]/i);
      assert.deepEqual((await store.queryRecords({ key: 'maria lópez' })).items.map((r) => `${r.documentId}/${r.recordId}`), ['harbour/q1', 'harbour-copy/q1']);
      assert.deepEqual(await store.findByContentHash('hash-1'), ['harbour', 'harbour-copy']);
      // Still writable, with the new layout.
      await store.saveBatch([bridgeSave()]);
      assert.equal(await store.countDocuments(), 3);
    } finally {
      await store.close();
    }
    const db = new Database(file);
    registerTextFunctions(db);
    try {
      assert.equal(schemaVersion(db), migrations.length);
      assert.equal(count(db, "SELECT count(*) AS n FROM sqlite_master WHERE name IN ('documents_v1', 'records_v1')"), 0);
      assert.equal(count(db, "SELECT count(*) AS n FROM pragma_table_info('documents') WHERE name = 'analysis_json'"), 0);
      assertFtsInSync(db);
    } finally {
      db.close();
    }
  });

  it('gives the space of a converted file back to the disk, with 16 KiB pages', async () => {
    const tail = ' More words about the harbour follow here.'.repeat(50);
    const file = schema1File(Array.from({ length: 300 }, (_, i) => ({ id: `doc-${i}`, analysedAt: '2024-03-05T00:00:00.000Z', tail: `${tail} ${i}` })));
    const before = fs.statSync(file).size;
    const store = SqliteStore.open(file);
    try {
      assert.equal(await store.countDocuments(), 300);
      assert.equal((await store.getDocument('doc-299'))!.text, `${OLD_TEXT}${tail} 299`);
      assert.equal((await store.searchText('relieved', { limit: 500 })).length, 300);
    } finally {
      await store.close();
    }
    const db = new Database(file);
    registerTextFunctions(db);
    try {
      assert.equal(db.pragma('page_size', { simple: true }), 16384);
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(db.pragma('freelist_count', { simple: true }), 0);
      assertFtsInSync(db);
    } finally {
      db.close();
    }
    const after = fs.statSync(file).size;
    assert.ok(after < before / 2, `${before} bytes before, ${after} after`);
  });

  it('converts an empty schema-1 file', async () => {
    const store = SqliteStore.open(schema1File([]));
    try {
      assert.equal(await store.countDocuments(), 0);
      await store.saveBatch([bridgeSave()]);
      assert.deepEqual((await store.searchText('bridge')).map((h) => h.documentId), ['bridge']);
    } finally {
      await store.close();
    }
  });

  it('leaves a schema-1 file as it was when its conversion fails', () => {
    const file = schema1File([{ id: 'harbour', analysedAt: '2024-03-05T00:00:00.000Z' }]);
    const db = new Database(file);
    registerTextFunctions(db);
    db.prepare("UPDATE documents SET analysis_json = '{not json' WHERE id = 'harbour'").run();
    db.close();
    assert.throws(() => SqliteStore.open(file), /migrating document "harbour"/);
    const after = new Database(file, { readonly: true });
    registerTextFunctions(after);
    try {
      assert.equal(schemaVersion(after), 1);
      assert.equal(count(after, 'SELECT count(*) AS n FROM documents'), 1);
      assert.equal(count(after, "SELECT count(*) AS n FROM pragma_table_info('documents') WHERE name = 'analysis_json'"), 1);
    } finally {
      after.close();
    }
  });
});

describe('SqliteStore migration from schema 3', () => {
  /** A schema-3 file (one row per record and run, texts as plain raw DEFLATE) holding `saves`. */
  function schema3File(saves: DocumentSave[]): string {
    const file = freshPath();
    const db = new Database(file);
    registerTextFunctions(db);
    migrate(db, migrations.slice(0, 3));
    const insertDocument = db.prepare(
      `INSERT INTO documents (id, title, url, published_at, format, content_hash, length, source, analysed_at, record_counts, error_count, text_z)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', 0, ?)`,
    );
    const insertRun = db.prepare('INSERT INTO runs (doc, seq, analysis, version, cache_key, status, diagnostics, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const insertRecord = db.prepare('INSERT INTO records (doc, seq, analysis, kind, record_id, start, "end", key, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    for (const save of saves) {
      const d = save.document;
      const doc = Number(
        insertDocument.run(d.id, d.title, d.url, d.publishedAt, d.format, d.contentHash, d.text.length, d.source, save.analysedAt, deflateRawSync(Buffer.from(d.text)))
          .lastInsertRowid,
      );
      save.runs.forEach((run, seq) =>
        insertRun.run(doc, seq, run.analysis, run.version, run.cacheKey, run.status, encodeJson(run.diagnostics, d.text, 'run'), run.durationMs),
      );
      save.records.forEach((record, seq) => {
        const encoded = encodeFinding(record.finding, d.text, 'record');
        insertRecord.run(doc, seq, encoded.analysis, encoded.kind, encoded.id, encoded.start, encoded.end, record.key, encoded.json);
      });
    }
    db.exec("INSERT INTO documents_fts (documents_fts) VALUES ('rebuild')");
    db.close();
    return file;
  }

  it('moves runs and records into record sets, recompresses texts and rebuilds the search index', async () => {
    const saves = [bridgeSave(), bridgeSave('ferry', 'The ferry runs again, the mayor said.')];
    const file = schema3File(saves);
    const store = SqliteStore.open(file);
    try {
      for (const save of saves) {
        assert.equal((await store.getDocument(save.document.id))!.text, save.document.text);
        assert.deepStrictEqual(await store.getFindings(save.document.id), save.records.map((r) => r.finding));
        assert.deepStrictEqual(await store.getRuns(save.document.id), save.runs);
      }
      const byKey = await store.queryRecords({ key: 'the mayor' });
      assert.deepEqual(byKey.items.map((r) => r.documentId), ['bridge', 'ferry']);
      assert.deepEqual((await store.searchText('repairs')).map((h) => h.documentId), ['bridge']);
      assert.deepEqual((await store.searchText('ferry')).map((h) => h.documentId), ['ferry']);
    } finally {
      await store.close();
    }
    const db = new Database(file, { readonly: true });
    try {
      assert.equal(schemaVersion(db), migrations.length);
      assert.equal(count(db, "SELECT count(*) AS n FROM sqlite_master WHERE name IN ('records', 'runs')"), 0);
      for (const row of db.prepare('SELECT text_z FROM documents').all() as Array<{ text_z: Buffer }>) {
        assert.ok(hasDictionaryHeader(row.text_z), 'texts are rewritten with the dictionary');
      }
    } finally {
      db.close();
    }
  });
});
