// docs/cli.md is generated from the command declarations; this fails when it is stale.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { commands } from '../../src/cli/commands/index.js';
import { renderCliDocs } from '../../src/cli/render-cli-docs.js';

test('docs/cli.md matches the command declarations', () => {
  const committed = readFileSync(new URL('../../docs/cli.md', import.meta.url), 'utf8');
  assert.equal(committed, renderCliDocs(commands), 'docs/cli.md is stale: run `npx tsx scripts/generate-cli-docs.ts`');
});

test('docs/cli.md documents every command and option', () => {
  const committed = readFileSync(new URL('../../docs/cli.md', import.meta.url), 'utf8');
  for (const command of commands) {
    assert.ok(committed.includes(`## claimtrace ${command.name}`), command.name);
    for (const option of command.options) assert.ok(committed.includes(`\`--${option.name}`), `${command.name} --${option.name}`);
  }
});
