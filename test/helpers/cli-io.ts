// An in-memory CliIo for running `main(argv, io)` in-process: empty stdin, captured stdout and stderr.
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/options.js';

export type MemoryIo = CliIo & { out: () => string; err: () => string };

export function memoryIo(): MemoryIo {
  let stdout = '';
  let stderr = '';
  const stdin = new PassThrough();
  stdin.end();
  return {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin,
    env: {},
    isTTY: false,
    out: () => stdout,
    err: () => stderr,
  };
}

/** Runs the CLI in-process and returns its exit code with what it printed. */
export async function runCli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = memoryIo();
  const code = await main(argv, io);
  return { code, stdout: io.out(), stderr: io.err() };
}
