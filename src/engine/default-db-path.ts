import os from 'node:os';
import path from 'node:path';

const APP_DIRECTORY = 'claimtrace';
const DB_FILE = 'claimtrace.sqlite';

/**
 * Where the store lives when the user names no `--db` (the CLI handles that flag before calling
 * this). `CLAIMTRACE_DB` wins; otherwise the platform's per-user data folder:
 * - Linux and other Unix: `$XDG_DATA_HOME/claimtrace/claimtrace.sqlite`, or
 *   `~/.local/share/claimtrace/claimtrace.sqlite` when XDG_DATA_HOME is unset or not absolute
 *   (the XDG base directory spec says to ignore relative values);
 * - macOS: `~/Library/Application Support/claimtrace/claimtrace.sqlite`;
 * - Windows: `%LOCALAPPDATA%\claimtrace\claimtrace.sqlite`, or `~\AppData\Local\...` without it.
 * Paths are joined with the separator of `platform`, not of the running machine, so the rules
 * can be tested anywhere. The directory is not created here; `SqliteStore.open` does that.
 */
export function defaultDbPath(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  const explicit = env.CLAIMTRACE_DB;
  if (explicit !== undefined && explicit !== '') return explicit;
  if (platform === 'win32') {
    const localAppData = env.LOCALAPPDATA;
    const base = localAppData ? localAppData : path.win32.join(home, 'AppData', 'Local');
    return path.win32.join(base, APP_DIRECTORY, DB_FILE);
  }
  if (platform === 'darwin') {
    return path.posix.join(home, 'Library', 'Application Support', APP_DIRECTORY, DB_FILE);
  }
  const xdgDataHome = env.XDG_DATA_HOME;
  const base = xdgDataHome && path.posix.isAbsolute(xdgDataHome) ? xdgDataHome : path.posix.join(home, '.local', 'share');
  return path.posix.join(base, APP_DIRECTORY, DB_FILE);
}
