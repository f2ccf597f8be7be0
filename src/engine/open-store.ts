import { existsSync } from 'node:fs';
import { SqliteStore } from '../store/sqlite-store.js';
import type { Store } from '../store/store.js';

/**
 * Opens (or creates) the store at `path`: the one place the entry points get a `Store` from, so
 * they never import a backend. Throws when the file cannot be opened or was written by a newer
 * claimtrace; callers turn that into a message.
 */
export function openStore(path: string): Store {
  return SqliteStore.open(path);
}

/**
 * Whether a store already exists at `path`, so read-only commands (`list`, `show`) can say
 * "nothing stored yet" instead of creating an empty database file as a side effect.
 */
export function storeExists(path: string): boolean {
  return path === ':memory:' || path.startsWith('file:') || existsSync(path);
}
