// Writes a generated documentation page, or with `--check` exits 1 when the committed one is stale.
// Shared by generate-cli-docs.ts and generate-api-docs.ts.
import { readFileSync, writeFileSync } from 'node:fs';

export function writeOrCheckPage(target: string, rendered: string, name: string, command: string): void {
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      // A missing page is stale too.
    }
    if (current !== rendered) {
      console.error(`${name} is stale: run \`${command}\``);
      process.exit(1);
    }
    console.log(`${name} is up to date`);
  } else {
    writeFileSync(target, rendered);
    console.log(`wrote ${name}`);
  }
}
