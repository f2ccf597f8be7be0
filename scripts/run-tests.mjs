#!/usr/bin/env node
// Type-checks the project, then runs every *.test.ts under src/ and test/ with Node's test runner
// through tsx.
//
//   node scripts/run-tests.mjs                     type check (tsc -p tsconfig.json), then every test
//   node scripts/run-tests.mjs WORD...             only test files whose path contains a WORD; no type check
//   node scripts/run-tests.mjs --typecheck WORD... the same, with the type check first
//   node scripts/run-tests.mjs --no-typecheck      every test, no type check
//
// tsx strips types without checking them, so without the type check a test run can pass on code that
// `tsc` rejects. Node 20 neither finds .ts files by itself nor expands quoted globs, so the files are
// listed here, and a run that finds no test file fails instead of passing silently.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const filter = args.filter((a) => !a.startsWith('--'));
for (const flag of flags) {
  if (flag !== '--typecheck' && flag !== '--no-typecheck') {
    console.error(`run-tests: unknown option ${flag} (known: --typecheck, --no-typecheck)`);
    process.exit(2);
  }
}
const typecheck = flags.has('--typecheck') || (filter.length === 0 && !flags.has('--no-typecheck'));

function collect(dir, out) {
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name === 'fixtures' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path, out);
    else if (name.endsWith('.test.ts')) out.push(relative(root, path));
  }
  return out;
}

let files = [...collect(join(root, 'src'), []), ...collect(join(root, 'test'), [])];
if (filter.length) files = files.filter((f) => filter.some((part) => f.includes(part)));
if (files.length === 0) {
  console.error(`run-tests: no test file found${filter.length ? ` for ${filter.join(', ')}` : ''}; refusing to report success`);
  process.exit(1);
}

if (typecheck) {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!existsSync(tsc)) {
    console.error('run-tests: node_modules/typescript is missing; run npm ci');
    process.exit(1);
  }
  console.log('run-tests: type check (tsc -p tsconfig.json)');
  const started = Date.now();
  const check = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json', '--pretty', 'false'], { cwd: root, encoding: 'utf8' });
  if (check.status !== 0) {
    process.stdout.write(check.stdout ?? '');
    process.stderr.write(check.stderr ?? '');
    if (check.error) console.error(check.error.message);
    const errors = (check.stdout ?? '').split('\n').filter((line) => / error TS\d+:/.test(line)).length;
    console.error(`run-tests: type check failed${errors ? ` (${errors} error${errors === 1 ? '' : 's'})` : ''}; no test was run`);
    process.exit(1);
  }
  console.log(`run-tests: type check passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'test' },
});
process.exit(result.status ?? 1);
