import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readOutletsFile, storeExists, type Outlet, type Store } from '../../engine/index.js';
import { getRoute, isLoopback, startServer, type RunningServer } from '../../server/index.js';
import { DB_OPTION, openStoreOrReport, resolveDbPath } from '../database.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, flag, stringOption, usageError, type CliIo, type Command } from '../options.js';

export const DEFAULT_PORT = 4319;
export const DEFAULT_HOST = '127.0.0.1';

export const serveCommand: Command = {
  name: 'serve',
  describe: 'Serve the web UI and the HTTP JSON API over a database, or print one API route with --get.',
  usage: 'claimtrace serve [--port <n>] [--host <addr>] [--db <path>] [--open] [--token <t>] [--outlets <file>] [--get <path>]',
  options: [
    { name: 'port', type: 'string', valueName: 'n', describe: `Port to listen on (default ${DEFAULT_PORT}; 0 picks a free one).` },
    {
      name: 'host',
      type: 'string',
      valueName: 'addr',
      describe: `Address to bind (default ${DEFAULT_HOST}: this machine only). Any other address exposes the store to the network; a token is then required.`,
    },
    DB_OPTION,
    { name: 'open', type: 'boolean', describe: 'Open the UI in the default browser once the server is up.' },
    {
      name: 'token',
      type: 'string',
      valueName: 't',
      describe: 'Require this token on every request (default for a non-loopback --host: a random one, printed in the URL; also $CLAIMTRACE_TOKEN).',
    },
    {
      name: 'outlets',
      type: 'string',
      valueName: 'file',
      describe: "For the cross-source page and /api/corpus: a tab-separated outlets file added to the built-in table, as in 'claimtrace corpus --outlets'.",
    },
    { name: 'get', type: 'string', valueName: 'path', describe: "Print the JSON of one API route (e.g. '/api/documents?limit=5') and exit, without opening a port." },
  ],
  notes: [
    'The server answers only requests addressed to this machine by name (localhost, 127.0.0.1) when bound to loopback, ' +
      'sends a strict Content-Security-Policy, limits request bodies, and renders document text as text. ' +
      'GET /api/routes lists every route; docs/api.md describes them.',
  ],
  examples: [
    'claimtrace serve',
    'claimtrace serve --db demo.sqlite --open',
    "claimtrace serve --get '/api/records?kind=quote&speaker=Boris%20Johnson'",
  ],

  async run(args, io) {
    const path = resolveDbPath(stringOption(args, 'db'), io.env);
    let outlets: Outlet[] = [];
    const outletsPath = stringOption(args, 'outlets');
    if (outletsPath !== undefined) {
      try {
        outlets = readOutletsFile(outletsPath);
      } catch (error) {
        io.stderr.write(`claimtrace: ${error instanceof Error ? error.message : String(error)}\n`);
        return EXIT_FAILURE;
      }
    }
    const get = stringOption(args, 'get');
    if (get !== undefined) {
      if (!get.startsWith('/api/')) return usageError(io, 'serve', `--get expects a path under /api/, got ${JSON.stringify(get)}`);
      if (!storeExists(path)) {
        io.stderr.write(`claimtrace: no database at ${path}; add documents with 'claimtrace analyze <file>'\n`);
        return EXIT_FAILURE;
      }
      const store = openStoreOrReport(path, io);
      if (!store) return EXIT_FAILURE;
      try {
        const { status, body } = await getRoute(store, get, undefined, outlets);
        if (status >= 400) {
          io.stderr.write(`claimtrace: ${get}: HTTP ${status}: ${errorText(body)}\n`);
          return EXIT_FAILURE;
        }
        io.stdout.write(body.endsWith('\n') ? body : `${body}\n`);
        return EXIT_OK;
      } finally {
        await store.close();
      }
    }
    const port = parsePort(stringOption(args, 'port'));
    if (port === null) return usageError(io, 'serve', `--port expects a number from 0 to 65535, got ${JSON.stringify(stringOption(args, 'port'))}`);
    const host = stringOption(args, 'host') || DEFAULT_HOST;
    const store = openStoreOrReport(path, io);
    if (!store) return EXIT_FAILURE;
    return serveUntilStopped(store, { host, port, token: stringOption(args, 'token') ?? io.env.CLAIMTRACE_TOKEN ?? null, open: flag(args, 'open'), outlets }, io);
  },
};

function errorText(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: string; details?: string[] };
    return [parsed.error, ...(parsed.details ?? [])].filter(Boolean).join('; ');
  } catch {
    return body;
  }
}

export function parsePort(value: string | undefined): number | null {
  if (value === undefined || value === '') return DEFAULT_PORT;
  if (!/^\d+$/.test(value)) return null;
  const port = Number(value);
  return port <= 65535 ? port : null;
}

export interface ServeSettings {
  host: string;
  port: number;
  token: string | null;
  open: boolean;
  outlets?: readonly Outlet[];
}

/**
 * Starts the server, prints where it is, and keeps it until the process is interrupted. A
 * non-loopback binding is warned about and always needs a token (a random one when none is given).
 */
export async function serveUntilStopped(store: Store, settings: ServeSettings, io: CliIo): Promise<number> {
  const exposed = !isLoopback(settings.host);
  const token = settings.token || (exposed ? randomBytes(18).toString('base64url') : null);
  let running: RunningServer;
  try {
    running = await startServer({ store, host: settings.host, port: settings.port, token, ...(settings.outlets ? { outlets: settings.outlets } : {}) });
  } catch (error) {
    await store.close();
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`claimtrace: cannot serve on ${settings.host}:${settings.port}: ${message}\n`);
    return /EADDRINUSE/.test(message) ? EXIT_FAILURE : EXIT_USAGE;
  }
  const url = token ? `${running.url}?token=${encodeURIComponent(token)}` : running.url;
  if (exposed) {
    io.stderr.write(
      `claimtrace: warning: serving on ${settings.host}, reachable from other machines; every request needs the token in the URL below. ` +
        'Traffic is not encrypted: use this on a trusted network only.\n',
    );
  }
  io.stdout.write(`claimtrace UI: ${url}\nPress Ctrl+C to stop.\n`);
  if (settings.open) openBrowser(url, io);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await running.close();
  await store.close();
  return EXIT_OK;
}

/** Opens `url` in the default browser; says so when none could be started. */
export function openBrowser(url: string, io: CliIo): void {
  const [command, ...args] =
    process.platform === 'darwin' ? ['open', url] : process.platform === 'win32' ? ['cmd', '/c', 'start', '""', url] : ['xdg-open', url];
  try {
    const child = spawn(command!, args, { stdio: 'ignore', detached: true });
    child.on('error', () => io.stderr.write(`claimtrace: could not open a browser (${command} failed); open ${url} yourself\n`));
    child.unref();
  } catch {
    io.stderr.write(`claimtrace: could not open a browser; open ${url} yourself\n`);
  }
}
