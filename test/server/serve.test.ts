// `claimtrace serve`: --get answers a route in-process; the server binds loopback and serves over a real port.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { main } from '../../src/cli/main.js';
import { parsePort } from '../../src/cli/commands/serve.js';
import { allowedHostsFor, isLoopback, startServer } from '../../src/server/index.js';
import { memoryIo } from '../helpers/cli-io.js';
import { seedStore, type Seeded } from './seed.js';

let dir: string;
let seeded: Seeded;
let dbPath: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'claimtrace-serve-'));
  dbPath = join(dir, 'store.sqlite');
  seeded = await seedStore(dbPath);
  await seeded.store.close();
});
after(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(seeded.dir, { recursive: true, force: true });
});

describe('claimtrace serve', () => {
  it('--get prints a route as JSON without opening a port', async () => {
    const run = memoryIo();
    assert.equal(await main(['serve', '--db', dbPath, '--get', '/api/records?kind=quote&limit=2'], run), 0);
    const page = JSON.parse(run.out()) as { items: unknown[]; total: number };
    assert.equal(page.items.length, 2);
    assert.ok(page.total >= 2);
  });

  it('--get reports an HTTP error and a path outside the API', async () => {
    const bad = memoryIo();
    assert.equal(await main(['serve', '--db', dbPath, '--get', '/api/records?kind=nothing'], bad), 1);
    assert.match(bad.err(), /HTTP 400: invalid request; kind: unknown kind "nothing"/);
    const outside = memoryIo();
    assert.equal(await main(['serve', '--db', dbPath, '--get', '/etc/passwd'], outside), 2);
    const missing = memoryIo();
    assert.equal(await main(['serve', '--db', join(dir, 'none.sqlite'), '--get', '/api/health'], missing), 1);
    assert.match(missing.err(), /no database/);
  });

  it('knows loopback addresses and the host names a loopback server answers', () => {
    for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1', '[::1]']) assert.ok(isLoopback(host), host);
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'example.org']) assert.ok(!isLoopback(host), host);
    assert.deepEqual(allowedHostsFor('0.0.0.0'), []);
    assert.ok(allowedHostsFor('127.0.0.1').includes('localhost'));
    assert.equal(parsePort(undefined), 4319);
    assert.equal(parsePort('0'), 0);
    assert.equal(parsePort('70000'), null);
    assert.equal(parsePort('80x'), null);
  });

  it('serves on a loopback port and refuses other host names there', async () => {
    const { openStore } = await import('../../src/engine/index.js');
    const store = openStore(dbPath);
    const server = await startServer({ store, host: '127.0.0.1', port: 0, webRoot: null });
    try {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
      const health = await fetch(`${server.url}api/health`);
      assert.equal(health.status, 200);
      assert.equal(((await health.json()) as { ok: boolean }).ok, true);
      const port = Number(new URL(server.url).port);
      const status = await new Promise<number>((resolve, reject) => {
        const request = httpRequest({ host: '127.0.0.1', port, path: '/api/health', headers: { Host: `rebound.example:${port}` } }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        request.on('error', reject);
        request.end();
      });
      assert.equal(status, 421);
    } finally {
      await server.close();
      await store.close();
    }
  });
});
