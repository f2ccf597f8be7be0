/**
 * The thread behind `openStore(path, { backgroundWrites: true })`: it opens its own connection to the
 * same database and runs each `saveBatch` it is sent, so that writing (the full-text index, the
 * commit) overlaps with the analysis of the next documents on the main thread. It only writes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { SaveInput } from '../store/store.js';
import { SqliteStore } from '../store/sqlite-store.js';

export type WriterRequest = { kind: 'save'; id: number; saves: SaveInput[] } | { kind: 'close'; id: number };
export type WriterReply = { id: number; ok: true } | { id: number; ok: false; message: string };

const port = parentPort;
if (!port) throw new Error('store-writer-worker must run as a worker thread');
const store = SqliteStore.open((workerData as { path: string }).path);

port.on('message', (request: WriterRequest) => {
  const reply = (message: WriterReply): void => port.postMessage(message);
  if (request.kind === 'close') {
    store.close().then(
      () => reply({ id: request.id, ok: true }),
      (error: unknown) => reply({ id: request.id, ok: false, message: messageOf(error) }),
    );
    return;
  }
  store.saveBatch(request.saves).then(
    () => reply({ id: request.id, ok: true }),
    (error: unknown) => reply({ id: request.id, ok: false, message: messageOf(error) }),
  );
});

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
