/**
 * The HTTP JSON API and the web UI's files, as a Hono app. `createApp` builds it over an open store;
 * `serve.ts` binds it to a port, and `claimtrace serve --get` calls it in-process. Every route is
 * declared once in `routes.ts`, with its schemas; the app adds what all of them share: the security
 * headers, the host and token checks, body limits and error answers.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, normalize, relative, sep } from 'node:path';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ZodError } from 'zod';
import { loadDefaultPipeline, type Outlet, type Pipeline, type Store } from '../engine/index.js';
import { ApiError, routes, type RouteContext } from './routes.js';
import { Services } from './services.js';

export interface AppOptions {
  store: Store;
  pipeline?: Pipeline;
  /** When set, every request must carry it (Authorization: Bearer, or the cookie set by `/?token=`). */
  token?: string | null;
  /** Folder of the built web UI (index.html and assets); null serves the API only. */
  webRoot?: string | null;
  /**
   * Host names (without port) a request may address. Requests naming any other host are refused:
   * a page on another site cannot reach the API through DNS rebinding. Empty allows any.
   */
  allowedHosts?: readonly string[];
  /** The user's outlets rows (`serve --outlets FILE`) for the corpus routes, added to the default table. */
  outlets?: readonly Outlet[];
  /**
   * Members listed per claim cluster, corpus entity and origin group in the corpus answers (default
   * the engine's `DEFAULT_MAX_MEMBERS`); the member routes page through the rest.
   */
  corpusMembers?: number;
  /** Clock for review timestamps and ingest; the wall clock by default. */
  now?: () => string;
}

/** Largest request body of an ingest upload, and of every other request. */
export const INGEST_BODY_LIMIT = 20 * 1024 * 1024;
export const BODY_LIMIT = 64 * 1024;

/**
 * The Content-Security-Policy of every answer: scripts, styles and data from this server only, no
 * inline script or style, no frames, no plugins, no form posts elsewhere.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const TOKEN_COOKIE = 'claimtrace_token';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export function createApp(options: AppOptions): Hono {
  const services = new Services(options.store, options.pipeline ?? loadDefaultPipeline(), options.now ?? (() => new Date().toISOString()), options.outlets ?? [], options.corpusMembers);
  const app = new Hono();
  const allowed = new Set((options.allowedHosts ?? []).map((host) => host.toLowerCase()));
  const token = options.token ?? null;

  app.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    c.header('Cross-Origin-Resource-Policy', 'same-origin');
  });

  app.use('*', async (c, next) => {
    if (allowed.size > 0) {
      const host = requestHost(c);
      if (!allowed.has(host)) return c.json({ error: `host ${JSON.stringify(host)} is not served here` }, 421);
    }
    // A state-changing request from a page of another origin is refused (no CORS, and no CSRF).
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const origin = c.req.header('origin');
      if (origin && hostOfUrl(origin) !== requestHost(c)) return c.json({ error: 'cross-origin requests are refused' }, 403);
    }
    if (token) {
      const url = new URL(c.req.url);
      const given = bearer(c.req.header('authorization')) ?? cookie(c.req.header('cookie'), TOKEN_COOKIE) ?? null;
      if (url.pathname === '/' && url.searchParams.get('token') === token) {
        c.header('Set-Cookie', `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`);
        return c.redirect('/', 303);
      }
      if (!timingSafeEqualText(given ?? '', token)) return c.json({ error: 'a token is required: open the address printed by claimtrace serve' }, 401);
    }
    await next();
  });

  for (const route of routes) {
    const limit = route.path === '/api/ingest' ? INGEST_BODY_LIMIT : BODY_LIMIT;
    const handler = async (c: Context): Promise<Response> => {
      let body: unknown;
      if (route.body) {
        if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) {
          throw new ApiError(415, 'send the body as application/json');
        }
        try {
          body = await c.req.json();
        } catch {
          throw new ApiError(400, 'the body is not valid JSON');
        }
        body = route.body.parse(body);
      }
      const query = route.query ? route.query.parse(Object.fromEntries(new URL(c.req.url).searchParams)) : {};
      const context: RouteContext = { params: c.req.param() as Record<string, string>, query, body, services };
      const result = await route.handle(context);
      if (result instanceof Response) return result;
      return c.json(result as object, (route.status ?? 200) as 200);
    };
    const limiter = bodyLimit({ maxSize: limit, onError: (c) => c.json({ error: `the request body is larger than ${limit} bytes` }, 413) });
    if (route.method === 'GET') app.get(route.path, handler);
    else app.post(route.path, limiter, handler);
  }

  app.all('/api/*', (c) => c.json({ error: `no route ${c.req.method} ${new URL(c.req.url).pathname} (see /api/routes)` }, 404));

  const webRoot = options.webRoot ?? null;
  app.get('*', async (c) => {
    if (!webRoot) return c.json({ error: 'the web UI is not built; run npm run build' }, 404);
    const file = await staticFile(webRoot, new URL(c.req.url).pathname);
    if (file === 'forbidden') return c.json({ error: 'path outside the web root' }, 400);
    if (file === null) {
      // Client-side routes (/documents/x) get the app shell; a missing asset is a 404.
      const index = await staticFile(webRoot, '/index.html');
      if (index && index !== 'forbidden' && !new URL(c.req.url).pathname.startsWith('/assets/')) {
        return c.body(new Uint8Array(index.data), 200, { 'Content-Type': MIME['.html']!, 'Cache-Control': 'no-cache' });
      }
      return c.json({ error: 'not found' }, 404);
    }
    const immutable = new URL(c.req.url).pathname.startsWith('/assets/');
    return c.body(new Uint8Array(file.data), 200, {
      'Content-Type': MIME[extname(file.path)] ?? 'application/octet-stream',
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
  });

  app.onError((error, c) => {
    if (error instanceof ZodError) {
      return c.json({ error: 'invalid request', details: error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`) }, 400);
    }
    if (error instanceof ApiError) return c.json({ error: error.message }, error.status as 400);
    if (error instanceof RangeError && /cursor|limit/.test(error.message)) return c.json({ error: error.message }, 400);
    return c.json({ error: `internal error: ${error instanceof Error ? error.message : String(error)}` }, 500);
  });
  return app;
}

/**
 * The file under `root` that a URL path names, `'forbidden'` for a path that leaves the root (`..`,
 * encoded or not, an absolute path, a NUL byte), or null when there is no such file.
 */
export async function staticFile(root: string, urlPath: string): Promise<{ path: string; data: Buffer } | 'forbidden' | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return 'forbidden';
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return 'forbidden';
  const parts = decoded.split('/').filter((part) => part !== '');
  if (parts.some((part) => part === '..' || part === '.')) return 'forbidden';
  const relativePath = parts.length === 0 ? 'index.html' : parts.join(sep);
  const full = normalize(join(root, relativePath));
  const rel = relative(root, full);
  if (rel.startsWith('..') || isAbsolute(rel)) return 'forbidden';
  try {
    const info = await stat(full);
    if (!info.isFile()) return null;
    return { path: full, data: await readFile(full) };
  } catch {
    return null;
  }
}

/** The host a request addressed: its Host header, else (in-process requests) the host of its URL. */
function requestHost(c: Context): string {
  return hostName(c.req.header('host') ?? new URL(c.req.url).host);
}

function hostName(hostHeader: string): string {
  const host = hostHeader.trim().toLowerCase();
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  return host.split(':')[0]!;
}

function hostOfUrl(url: string): string {
  try {
    return hostName(new URL(url).host);
  } catch {
    return '';
  }
}

function bearer(header: string | undefined): string | null {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return match ? match[1]!.trim() : null;
}

function cookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) {
      try {
        return decodeURIComponent(rest.join('='));
      } catch {
        return null;
      }
    }
  }
  return null;
}

function timingSafeEqualText(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}
