// The README's "What comes out" example is the real output of the built binary on a file shipped in
// the repository. This fails when they differ by one byte; `npx tsx scripts/update-readme-example.ts`
// (after `npm run build`) rewrites the README from the output.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { EXAMPLE_FILE, renderReadmeExample, withExample } from '../../scripts/readme-example.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('README example', () => {
  it('is byte for byte what the built claimtrace prints for the shipped file', () => {
    assert.ok(existsSync(join(root, 'dist', 'cli', 'main.js')), 'dist/ is missing: run `npm run build` (npm test does it)');
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const expected = withExample(readme, renderReadmeExample(root));
    assert.equal(readme, expected, 'README.md differs from the real output: run `npm run build && npx tsx scripts/update-readme-example.ts`');
  });

  it('shows spans that are slices of the shipped file', () => {
    const input = readFileSync(join(root, EXAMPLE_FILE), 'utf8');
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const json = /```json\n([\s\S]*?)\n```\n<!-- readme-example:end -->/.exec(readme);
    assert.ok(json, 'the README has the generated JSON');
    const quote = JSON.parse(json[1]!) as { content: { start: number; end: number; text: string } };
    assert.equal(input.slice(quote.content.start, quote.content.end), quote.content.text);
  });
});
