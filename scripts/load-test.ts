// A bounded load test of `claimtrace serve` on loopback with autocannon (not part of npm test):
//
//   npm run load-test                       analyse the demo corpus into a temporary store, then 30 s of load
//   npm run load-test -- --db demo.sqlite --seconds 10 --connections 10
//
// Requests rotate over the document list, one document, the claims table, speakers, a search and the
// UI shell. Prints p50/p99 latency, throughput, errors and non-2xx answers; exits 1 on any error.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { analyzeInputs, openStore } from '../src/engine/index.js';
import { startServer } from '../src/server/index.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    seconds: { type: 'string', default: '30' },
    connections: { type: 'string', default: '10' },
  },
});

const root = fileURLToPath(new URL('..', import.meta.url));
let dir: string | null = null;
let dbPath = values.db;
if (!dbPath) {
  dir = mkdtempSync(join(tmpdir(), 'claimtrace-load-'));
  dbPath = join(dir, 'load.sqlite');
  const seedStore = openStore(dbPath);
  for await (const result of analyzeInputs([join(root, 'demo', 'wikinews-sample.jsonl')], { store: seedStore })) {
    if (result.kind === 'failed') throw new Error(result.diagnostic.message);
  }
  await seedStore.close();
}
const store = openStore(dbPath);
const firstId = (await store.listDocuments({ limit: 1 })).items[0]?.id;
if (!firstId) throw new Error(`${dbPath} holds no document`);
const server = await startServer({ store, host: '127.0.0.1', port: 0 });
const base = server.url.replace(/\/$/, '');
const paths = [
  '/api/documents?limit=50',
  `/api/documents/${encodeURIComponent(firstId)}`,
  '/api/records?kind=quote,figure&limit=100',
  '/api/speakers',
  '/api/documents?q=police',
  '/',
];
// Warm the corpus view once, as a first visitor would.
await fetch(`${base}/api/records?limit=1`);

const result = await autocannon({
  url: base,
  connections: Number(values.connections),
  duration: Number(values.seconds),
  requests: paths.map((path) => ({ method: 'GET', path })),
});
await server.close();
await store.close();
if (dir) rmSync(dir, { recursive: true, force: true });

const summary = {
  date: new Date().toISOString().slice(0, 10),
  seconds: Number(values.seconds),
  connections: Number(values.connections),
  requests: result.requests.total,
  requestsPerSecond: result.requests.average,
  latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
  errors: result.errors,
  timeouts: result.timeouts,
  non2xx: result.non2xx,
  paths,
};
console.log(JSON.stringify(summary, null, 2));
process.exitCode = result.errors + result.timeouts + result.non2xx > 0 ? 1 : 0;
