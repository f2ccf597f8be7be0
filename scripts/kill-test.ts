/**
 * `npm run kill-test`: the real `kill -9` test over 1,000 documents (see test/helpers/crash-test.ts).
 * Needs the build (`npm run build`). Prints the report as JSON and exits 1 when a guarantee fails.
 *
 *   npm run kill-test                          1,000 documents, killed after 400 results
 *   npm run kill-test -- --documents 200 --kill-after 50
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crashTest } from '../test/helpers/crash-test.js';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
}

const documents = option('documents', 1000);
const killAfter = option('kill-after', 400);
const work = mkdtempSync(join(tmpdir(), 'claimtrace-kill-'));
try {
  const report = await crashTest(work, documents, killAfter);
  console.log(JSON.stringify(report, null, 2));
  const ok =
    report.printedButMissing === 0 &&
    report.integrityAfterKill === 'ok' &&
    report.integrityAfterRerun === 'ok' &&
    report.storedAfterKill < documents &&
    report.rerunFromCache >= report.storedAfterKill &&
    report.storedAfterRerun === documents &&
    report.rerunExitCode === 0;
  console.log(ok ? 'kill-test: passed' : 'kill-test: FAILED');
  process.exitCode = ok ? 0 : 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
