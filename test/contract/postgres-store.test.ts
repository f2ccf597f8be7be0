/**
 * The store contract suite against PostgreSQL. The server is named by CLAIMTRACE_TEST_POSTGRES_URL
 * (`.ci/run` starts one); each store works in a schema of its own, dropped when the suite ends.
 * Without the variable the suite is skipped with a message, except in CI (CI=true), where a missing
 * server fails the run.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { POSTGRES_MIGRATIONS } from '../../src/store/postgres/schema.js';
import { postgresTestUrl, skipMessage } from '../helpers/servers.js';
import { runStoreContract } from './store-contract.js';
import { checkFresh, checkWrittenBefore, decoded, GOLDEN_TABLES, plain, rowValues, type Rows } from './store-golden.js';

const url = postgresTestUrl();

if (url === null) {
  describe('Store contract: PostgreSQL', () => {
    it('runs against a PostgreSQL server', { skip: skipMessage('CLAIMTRACE_TEST_POSTGRES_URL') }, () => undefined);
  });
} else {
  const schemas: string[] = [];
  after(async () => {
    for (const schema of schemas) await PostgresStore.dropSchema(url, schema);
  });
  runStoreContract('PostgreSQL', async () => {
    const schema = `ct_contract_${process.pid}_${schemas.length}`;
    schemas.push(schema);
    return PostgresStore.open(url, { schema });
  });

  // As store-golden.test.ts for SQLite: the same answers and rows as before the stores shared their
  // review, paging and result-shaping code, and a database written then reads the same now.
  const fixture = JSON.parse(fs.readFileSync(new URL('./fixtures/store-golden.json', import.meta.url), 'utf8')) as {
    postgres: { answers: Record<string, unknown>; rows: Rows };
  };
  /** The schema the fixture's database was written at. */
  const FIXTURE_SCHEMA = 1;
  const withClient = async <T>(body: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await body(client);
    } finally {
      await client.end();
    }
  };
  const newSchema = (name: string): string => {
    const schema = `ct_golden_${name}_${process.pid}`;
    schemas.push(schema);
    return schema;
  };

  describe('PostgreSQL store against the rows and answers it gave before', () => {
    it('answers the same reads with the same pages and cursors, and keeps the same rows', async () => {
      const schema = newSchema('fresh');
      await checkFresh(PostgresStore.open(url, { schema }), fixture.postgres.answers);
      const rows = await withClient(async (client) => {
        const out: Rows = {};
        for (const [table, order] of Object.entries(GOLDEN_TABLES)) out[table] = (await client.query(`SELECT * FROM ${schema}.${table} ORDER BY ${order}`)).rows.map(plain);
        return out;
      });
      assert.deepEqual(decoded(rows), decoded(fixture.postgres.rows));
    });

    it('reads a database written before as it read it then, and goes on numbering its audit log', async () => {
      const schema = newSchema('before');
      await withClient(async (client) => {
        await client.query(`CREATE SCHEMA ${schema}`);
        await client.query(`SET search_path = ${schema}`);
        await client.query('CREATE TABLE schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
        for (const migration of POSTGRES_MIGRATIONS.slice(0, FIXTURE_SCHEMA)) {
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [migration.id, migration.name]);
        }
        for (const [table, rows] of Object.entries(fixture.postgres.rows)) {
          for (const row of rows) {
            const { names, values } = rowValues(row);
            await client.query(`INSERT INTO ${table} (${names.map((name) => `"${name}"`).join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`, values);
          }
        }
        await client.query("SELECT setval('documents_doc_seq', (SELECT max(doc) FROM documents))");
        await client.query("SELECT setval('review_log_id_seq', (SELECT max(id) FROM review_log))");
      });
      await checkWrittenBefore(PostgresStore.open(url, { schema }), fixture.postgres.answers);
    });
  });
}
