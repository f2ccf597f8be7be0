import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { countInputs } from './count-inputs.js';
import { readInputs } from './read-inputs.js';

let root: string;
const at = (relative: string): string => path.join(root, relative);

before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'claimtrace-count-inputs-'));
  const write = (relative: string, content: string | Uint8Array): void => {
    fs.mkdirSync(path.dirname(at(relative)), { recursive: true });
    fs.writeFileSync(at(relative), content);
  };
  write('dir/a.txt', 'Alpha.');
  write('dir/b.md', '# Bravo');
  write('dir/feed.jsonl', '{"text":"one"}\n\n  \n{"text":"two"}\r\n{"text":"three"}');
  write('dir/sub/array.json', JSON.stringify([{ text: 'x' }, { text: 'y' }]));
  write('dir/sub/lines.json', '{"text":"x"}\n{"text":"y"}\n{"text":"z"}\n');
  write('dir/sub/one.json', '{"text":"x"}\n');
  write('dir/notes.pdf', '%PDF');
  write('dir/.hidden.txt', 'hidden');
  write('empty/.keep', '');
  write('only-skipped/scan.pdf', '%PDF');
  write('pretty.json', JSON.stringify([{ text: 'x' }, { text: 'y' }, { text: 'z' }], null, 2));
  write('object.json', JSON.stringify({ text: 'x', title: 'One object' }, null, 2));
  write('table.csv', 'text,title\n"One, with a comma\nand a line break",A\n\nTwo,B\n"broken" row,C\n');
  write('table.tsv', 'text\nOne\nTwo\n');
  write('big.jsonl', Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ text: `Record ${i}.` })).join('\n'));
});

after(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

async function outcomeCount(inputs: string[]): Promise<number> {
  let count = 0;
  for await (const _ of readInputs(inputs, {})) count++;
  return count;
}

describe('countInputs', () => {
  it('counts one per outcome readInputs yields: files, JSON Lines records, array items and skipped files', async () => {
    // a.txt, b.md, 3 records, notes.pdf skipped, 2 items, 3 lines, one object
    assert.equal(await countInputs([at('dir')]), 12);
    assert.equal(await countInputs([at('dir')]), await outcomeCount([at('dir')]));
  });

  it('counts one for a missing file and for a directory with nothing to read', async () => {
    assert.equal(await countInputs([at('dir/a.txt'), at('missing.txt'), at('empty')]), 3);
    assert.equal(await countInputs([at('only-skipped')]), 2);
    assert.equal(await countInputs([at('only-skipped')]), await outcomeCount([at('only-skipped')]));
  });

  it('tells a pretty-printed JSON value from JSON Lines, as readInputs does', async () => {
    assert.equal(await countInputs([at('pretty.json'), at('object.json')]), 4);
    assert.equal(await outcomeCount([at('pretty.json'), at('object.json')]), 4);
  });

  it('counts a CSV or TSV table by its rows, bad rows included, as readInputs reads it', async () => {
    assert.equal(await countInputs([at('table.csv'), at('table.tsv')]), 5);
    assert.equal(await outcomeCount([at('table.csv'), at('table.tsv')]), 5);
  });

  it('counts the lines of a large JSON Lines file', async () => {
    assert.equal(await countInputs([at('big.jsonl')]), 20_000);
  });

  it('cannot count stdin', async () => {
    assert.equal(await countInputs([at('dir'), '-']), null);
  });
});
