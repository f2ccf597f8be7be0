import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { SqliteStore } from '../store/sqlite-store.js';
import { isPostgresUrl, PostgresStore } from '../store/postgres/postgres-store.js';
import type { SaveInput, Store } from '../store/store.js';
import type { WriterReply, WriterRequest } from './store-writer-worker.js';

export interface OpenStoreOptions {
  /**
   * Run `saveBatch` on a second thread with its own connection (a file database only): the batch
   * writer of `analyze` then overlaps writing with analysing. Reads stay on this thread; SQLite's WAL
   * lets them proceed while the other connection writes.
   */
  backgroundWrites?: boolean;
}

/**
 * Opens (or creates) the store at `path`, a SQLite file or a `postgres://` URL: the one place the entry points get a `Store` from, so
 * they never import a backend. Throws when the file cannot be opened or was written by a newer
 * claimtrace; callers turn that into a message.
 */
export function openStore(path: string, options: OpenStoreOptions = {}): Store {
  // A PostgreSQL store connects on first use; its writes already leave this thread's work to the server.
  if (isPostgresUrl(path)) return PostgresStore.open(path);
  const store = SqliteStore.open(path);
  if (!options.backgroundWrites || path === ':memory:' || path.startsWith('file:')) return store;
  return withBackgroundWrites(store, path);
}

/** The worker's module: the compiled `.js` beside this file, or the `.ts` source when run through tsx. */
function workerUrl(): URL {
  const extension = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  return new URL(`./store-writer-worker.${extension}`, import.meta.url);
}

function withBackgroundWrites(store: Store, path: string): Store {
  const worker = new Worker(workerUrl(), { workerData: { path } });
  let nextId = 1;
  const waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let failure: Error | null = null;
  worker.on('message', (reply: WriterReply) => {
    const entry = waiting.get(reply.id);
    if (!entry) return;
    waiting.delete(reply.id);
    if (reply.ok) entry.resolve();
    else entry.reject(new Error(reply.message));
  });
  const failAll = (error: Error): void => {
    failure = error;
    for (const entry of waiting.values()) entry.reject(error);
    waiting.clear();
  };
  worker.on('error', (error) => failAll(error));
  worker.on('exit', (code) => {
    if (waiting.size > 0) failAll(new Error(`the store writer stopped (exit code ${code})`));
  });
  const send = (request: Omit<WriterRequest, 'id'>): Promise<void> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise<void>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      worker.postMessage({ ...request, id } as WriterRequest);
    });
  };
  let closed = false;
  const wrapper: Store = Object.create(store) as Store;
  wrapper.saveBatch = (saves: readonly SaveInput[]) => send({ kind: 'save', saves: [...saves] } as Omit<WriterRequest, 'id'>);
  wrapper.close = async () => {
    if (closed) return;
    closed = true;
    try {
      if (!failure) await send({ kind: 'close' } as Omit<WriterRequest, 'id'>);
    } finally {
      await worker.terminate();
      await store.close();
    }
  };
  return wrapper;
}

/**
 * Whether a store already exists at `path`, so read-only commands (`list`, `show`) can say
 * "nothing stored yet" instead of creating an empty database file as a side effect.
 */
export function storeExists(path: string): boolean {
  return isPostgresUrl(path) || path === ':memory:' || path.startsWith('file:') || existsSync(path);
}
