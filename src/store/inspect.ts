/**
 * What `claimtrace doctor` reports about the database layer: whether the native SQLite module
 * loads, and what an existing database file holds, read without changing it (no migration, no
 * file created, read-only connection).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrations, schemaVersion } from './schema.js';

export interface NativeModuleReport {
  ok: boolean;
  /** better-sqlite3's version, when its package.json could be read. */
  version: string | null;
  /** Folder of the better-sqlite3 package. */
  path: string | null;
  /** The SQLite library it was built with. */
  sqliteVersion: string | null;
  /** Why it failed to load (a missing or mismatched compiled binary). */
  error: string | null;
}

export interface DatabaseReport {
  path: string;
  exists: boolean;
  /** Bytes of the file and its write-ahead log together. */
  bytes: number | null;
  /** Highest migration applied to the file, 0 for an empty one; null when it could not be read. */
  schemaVersion: number | null;
  /** Highest migration this version of claimtrace knows. */
  latestSchemaVersion: number;
  documents: number | null;
  error: string | null;
}

/** Loads the native module on an in-memory database and asks SQLite its version. */
export function inspectNativeModule(): NativeModuleReport {
  const require = createRequire(import.meta.url);
  let version: string | null = null;
  let path: string | null = null;
  try {
    const packageFile = require.resolve('better-sqlite3/package.json');
    path = dirname(packageFile);
    version = (JSON.parse(readFileSync(packageFile, 'utf8')) as { version?: string }).version ?? null;
  } catch {
    // Reported through the load below.
  }
  try {
    const db = new Database(':memory:');
    try {
      const row = db.prepare('SELECT sqlite_version() AS version').get() as { version: string };
      return { ok: true, version, path, sqliteVersion: row.version, error: null };
    } finally {
      db.close();
    }
  } catch (error) {
    return { ok: false, version, path, sqliteVersion: null, error: error instanceof Error ? error.message : String(error) };
  }
}

/** What the database file at `path` holds, opened read-only; nothing is created or migrated. */
export function inspectDatabase(path: string): DatabaseReport {
  const latestSchemaVersion = migrations[migrations.length - 1]?.id ?? 0;
  const report: DatabaseReport = { path, exists: false, bytes: null, schemaVersion: null, latestSchemaVersion, documents: null, error: null };
  if (!existsSync(path)) return report;
  report.exists = true;
  report.bytes = fileSize(path) + fileSize(`${path}-wal`);
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    report.schemaVersion = schemaVersion(db);
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'documents'").get();
    report.documents = table ? (db.prepare('SELECT count(*) AS count FROM documents').get() as { count: number }).count : 0;
  } catch (error) {
    report.error = error instanceof Error ? error.message : String(error);
  } finally {
    db?.close();
  }
  return report;
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
