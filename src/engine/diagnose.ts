/**
 * What `claimtrace doctor` checks: the things a person needs to say in a bug report and the usual
 * reasons an install does not work (an old Node, a native module built for another Node, a database
 * written by a newer claimtrace, a missing model file, no Chromium for the UI tests).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { inspectDatabase, inspectNativeModule, type DatabaseReport, type NativeModuleReport } from '../store/inspect.js';
import { decodeModels, modelsDir } from './load-models.js';
import { toolVersion } from './tool-version.js';

export type { DatabaseReport, NativeModuleReport } from '../store/inspect.js';

/** The oldest Node major the package supports (package.json `engines`). */
export const MINIMUM_NODE_MAJOR = 20;

export interface ModelReport {
  folder: string;
  /** Model files found, with their size in bytes. */
  files: Array<{ name: string; bytes: number }>;
  /** Whether the default pipeline's models load and decode. */
  ok: boolean;
  error: string | null;
}

export interface ChromiumReport {
  /** The first browser found, or null. */
  path: string | null;
  /** Where it was found: an environment variable, the PATH, the Playwright cache. */
  via: string | null;
}

export interface InstallationReport {
  claimtrace: string;
  node: { version: string; ok: boolean; minimumMajor: number };
  platform: string;
  native: NativeModuleReport;
  database: DatabaseReport;
  models: ModelReport;
  chromium: ChromiumReport;
}

export function diagnoseInstallation(options: { dbPath: string; env: NodeJS.ProcessEnv }): InstallationReport {
  const major = Number(process.versions.node.split('.')[0]);
  const native = inspectNativeModule();
  return {
    claimtrace: toolVersion,
    node: { version: process.versions.node, ok: major >= MINIMUM_NODE_MAJOR, minimumMajor: MINIMUM_NODE_MAJOR },
    platform: `${process.platform} ${process.arch}`,
    native,
    // Without the native module the file is still found and sized; reading it fails with the reason.
    database: inspectDatabase(options.dbPath),
    models: inspectModels(),
    chromium: findChromium(options.env),
  };
}

function inspectModels(): ModelReport {
  let files: ModelReport['files'] = [];
  try {
    files = readdirSync(modelsDir)
      .filter((name) => name.endsWith('.model'))
      .sort()
      .map((name) => ({ name, bytes: statSync(join(modelsDir, name)).size }));
  } catch {
    // An absent folder is reported by the load below.
  }
  try {
    decodeModels();
    return { folder: modelsDir, files, ok: true, error: null };
  } catch (error) {
    return { folder: modelsDir, files, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Environment variables browser test tools read for a browser to use, in the order tried. */
const CHROMIUM_VARIABLES = ['CHROMIUM_PATH', 'CHROME_PATH', 'PUPPETEER_EXECUTABLE_PATH', 'PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH'];
/** Program names of Chromium and Chrome on the PATH. */
const CHROMIUM_PROGRAMS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

/** A Chromium (or Chrome) for the web UI tests: named by a variable, on the PATH, or in the Playwright cache. */
export function findChromium(env: NodeJS.ProcessEnv): ChromiumReport {
  for (const name of CHROMIUM_VARIABLES) {
    const value = env[name];
    if (value && isFile(value)) return { path: value, via: `$${name}` };
  }
  for (const folder of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const program of CHROMIUM_PROGRAMS) {
      const candidate = join(folder, program);
      if (isFile(candidate)) return { path: candidate, via: 'PATH' };
    }
  }
  const cache = env.PLAYWRIGHT_BROWSERS_PATH || (env.HOME ? join(env.HOME, '.cache', 'ms-playwright') : null);
  if (cache && existsSync(cache)) {
    try {
      for (const entry of readdirSync(cache).filter((name) => name.startsWith('chromium')).sort().reverse()) {
        for (const relative of ['chrome-linux/chrome', 'chrome-linux/headless_shell', 'chrome-headless-shell-linux64/chrome-headless-shell']) {
          const candidate = join(cache, entry, relative);
          if (isFile(candidate)) return { path: candidate, via: 'Playwright cache' };
        }
      }
    } catch {
      // An unreadable cache is no browser.
    }
  }
  return { path: null, via: null };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
