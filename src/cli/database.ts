/**
 * Which database a command uses, and opening it with a message instead of a stack trace.
 * Precedence: `--db PATH`, then the `CLAIMTRACE_DB` environment variable, then the per-user default.
 */
import { defaultDbPath, openStore, type Store } from '../engine/index.js';
import type { CliIo, OptionSpec } from './options.js';

export const DB_OPTION: OptionSpec = {
  name: 'db',
  type: 'string',
  valueName: 'path',
  describe:
    'Database to use: a SQLite file, or a PostgreSQL server as postgres://user@host:port/database ' +
    '(default: $CLAIMTRACE_DB, else claimtrace.sqlite in the per-user data folder).',
};

export function resolveDbPath(dbOption: string | undefined, env: NodeJS.ProcessEnv): string {
  if (dbOption !== undefined && dbOption !== '') return dbOption;
  return defaultDbPath(env);
}

/** The opened store, or null after writing why it could not be opened. */
export function openStoreOrReport(path: string, io: CliIo, options: { backgroundWrites?: boolean } = {}): Store | null {
  try {
    return openStore(path, options);
  } catch (error) {
    io.stderr.write(`claimtrace: cannot open the database ${displayDb(path)}: ${error instanceof Error ? error.message : String(error)}\n`);
    return null;
  }
}

/** The database as a message may show it: a URL without its password. */
export function displayDb(path: string): string {
  if (!/^postgres(?:ql)?:\/\//i.test(path)) return path;
  try {
    const url = new URL(path);
    url.password = '';
    return url.toString();
  } catch {
    return 'postgres://…';
  }
}
