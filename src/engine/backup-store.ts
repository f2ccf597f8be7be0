/**
 * `claimtrace backup` and `claimtrace restore`: a consistent copy of a store, taken while it may be in
 * use, and putting one back after checking it.
 */
import { existsSync } from 'node:fs';
import { SqliteStore } from '../store/sqlite-store.js';
import { openStore } from './open-store.js';

export interface BackupSummary {
  documents: number;
}

/** Copies the store at `dbPath` to the new file `destination`, checks the copy, and counts its documents. */
export async function backupStore(dbPath: string, destination: string): Promise<BackupSummary> {
  if (!existsSync(dbPath)) throw new Error(`there is no database at ${dbPath}`);
  const store = openStore(dbPath);
  try {
    await store.backup(destination);
  } finally {
    await store.close();
  }
  const copy = openStore(destination);
  try {
    const problems = await copy.checkIntegrity();
    if (problems.join() !== 'ok') throw new Error(`the backup at ${destination} failed its integrity check: ${problems.slice(0, 5).join('; ')}`);
    return { documents: await copy.countDocuments() };
  } finally {
    await copy.close();
  }
}

/**
 * Replaces the store at `dbPath` with the backup at `source`. A store that already holds documents is
 * replaced only with `force`, so a mistyped command does not wipe one.
 */
export async function restoreStore(source: string, dbPath: string, options: { force?: boolean } = {}): Promise<BackupSummary> {
  if (existsSync(dbPath) && !options.force) {
    const current = openStore(dbPath);
    let count: number;
    try {
      count = await current.countDocuments();
    } finally {
      await current.close();
    }
    if (count > 0) throw new Error(`${dbPath} holds ${count} document${count === 1 ? '' : 's'}; add --force to replace them with the backup`);
  }
  await SqliteStore.restore(source, dbPath);
  const restored = openStore(dbPath);
  try {
    return { documents: await restored.countDocuments() };
  } finally {
    await restored.close();
  }
}
