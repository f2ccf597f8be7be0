/**
 * The store contract suite against PostgreSQL. The server is named by CLAIMTRACE_TEST_POSTGRES_URL
 * (`.ci/run` starts one); each store works in a schema of its own, dropped when the suite ends.
 * Without the variable the suite is skipped with a message, except in CI (CI=true), where a missing
 * server fails the run.
 */
import { after, describe, it } from 'node:test';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { postgresTestUrl, skipMessage } from '../helpers/servers.js';
import { runStoreContract } from './store-contract.js';

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
}
