#!/usr/bin/env node
// The published entry point runs the compiled CLI (built by `npm run build`, which `npm ci` runs
// through `prepare`).
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`claimtrace: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    process.exitCode = 70;
  },
);
