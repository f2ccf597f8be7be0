/**
 * Binding the app to a port (`claimtrace serve`), and answering one route in-process (`serve --get`).
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve as serveNode, type ServerType } from '@hono/node-server';
import type { Outlet, Pipeline, Store } from '../engine/index.js';
import { createApp } from './app.js';

export interface ServeOptions {
  store: Store;
  host: string;
  port: number;
  token?: string | null;
  pipeline?: Pipeline;
  webRoot?: string | null;
  /** The user's outlets rows for the corpus routes. */
  outlets?: readonly Outlet[];
}

export interface RunningServer {
  url: string;
  server: ServerType;
  close(): Promise<void>;
}

/** The built web UI: `dist/web` beside the compiled server, or under the package root when run from source. */
export function defaultWebRoot(): string | null {
  for (const candidate of ['../web/', '../../dist/web/']) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(`${path}index.html`)) return path;
  }
  return null;
}

export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** The host names a browser may use to reach a server bound to `host` (the DNS-rebinding check). */
export function allowedHostsFor(host: string): string[] {
  if (!isLoopback(host)) return [];
  return ['localhost', '127.0.0.1', '[::1]', host.toLowerCase()];
}

export function startServer(options: ServeOptions): Promise<RunningServer> {
  const app = createApp({
    store: options.store,
    token: options.token ?? null,
    webRoot: options.webRoot === undefined ? defaultWebRoot() : options.webRoot,
    allowedHosts: allowedHostsFor(options.host),
    ...(options.pipeline ? { pipeline: options.pipeline } : {}),
    ...(options.outlets ? { outlets: options.outlets } : {}),
  });
  return new Promise((resolve, reject) => {
    const server = serveNode({ fetch: app.fetch, hostname: options.host, port: options.port }, (info: AddressInfo) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host}:${info.port}/`,
        server,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
    server.once('error', reject);
  });
}

/** Answers one GET route in-process, without opening a port: `{ status, body }`. */
export async function getRoute(store: Store, path: string, pipeline?: Pipeline, outlets?: readonly Outlet[]): Promise<{ status: number; body: string }> {
  if (!path.startsWith('/api/')) throw new Error(`expected a path under /api/, got ${JSON.stringify(path)}`);
  const app = createApp({ store, webRoot: null, ...(pipeline ? { pipeline } : {}), ...(outlets ? { outlets } : {}) });
  const response = await app.request(`http://localhost${path}`);
  return { status: response.status, body: await response.text() };
}
