import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { EMPTY_ALIAS_TABLE_HASH } from '../analyses/resolve-aliases/alias-table.js';
import { USER_ALIASES } from '../analyses/resolve-aliases/resource-ids.js';
import { bundledResources } from '../analyses/resources.js';
import { AliasFileError, loadAliasTable, parseAliasTable, pipelineWithAliases } from './load-aliases.js';

const good = `# who is who
join:
  - name: Islamic State
    type: organization
    aliases: [ISIS, ISIL, Daesh]
  - name: Volodymyr Zelensky
    aliases:
      - Zelenskiy
apart:
  - [Joe Biden, Hunter Biden]
`;

test('an alias table gives its joins and its groups kept apart', () => {
  const table = parseAliasTable(good, 'aliases.yaml');
  assert.deepEqual(table.join, [
    { name: 'Islamic State', type: 'organization', aliases: ['ISIS', 'ISIL', 'Daesh'] },
    { name: 'Volodymyr Zelensky', type: null, aliases: ['Zelenskiy'] },
  ]);
  assert.deepEqual(table.apart, [['Joe Biden', 'Hunter Biden']]);
});

test('an empty file is the empty table', () => {
  assert.deepEqual(parseAliasTable('', 'a.yaml'), { join: [], apart: [] });
  assert.deepEqual(parseAliasTable('# nothing yet\n', 'a.yaml'), { join: [], apart: [] });
});

const errors: [string, string, RegExp][] = [
  ['not YAML', 'join:\n  - name: [unclosed\n', /^bad\.yaml:\d+: not valid YAML/],
  ['an unknown type', 'join:\n  - name: NATO\n    type: alliance\n', /^bad\.yaml:3: "type" must be one of person, organization, place, group, other, got "alliance"/],
  ['an unknown key', 'join: []\nmerge: []\n', /^bad\.yaml:2: unknown key "merge"/],
  ['an entry without a name', 'join:\n  - type: person\n    aliases: [X]\n', /^bad\.yaml:2: a "join" entry needs a "name"/],
  ['a name joined twice', 'join:\n  - name: A B\n  - name: C D\n    aliases: [A B]\n', /^bad\.yaml:3: "A B" is already joined to "A B"/],
  ['apart with one name', 'apart:\n  - [Joe Biden]\n', /^bad\.yaml:2: each "apart" entry must be a list of at least two names/],
  ['apart names that are joined', 'join:\n  - name: Daesh\n    aliases: [ISIS]\napart:\n  - [Daesh, ISIS]\n', /^bad\.yaml:5: "Daesh" and "ISIS" are both joined/],
  ['a list at the top', '- a\n- b\n', /^bad\.yaml:1: expected a mapping/],
];
for (const [what, text, message] of errors) {
  test(`a bad alias file names the file and the line: ${what}`, () => {
    assert.throws(() => parseAliasTable(text, 'bad.yaml'), (error: unknown) => error instanceof AliasFileError && message.test(error.message));
  });
}

test('the file content hash replaces the empty table in the pipeline, so it is part of the cache key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimtrace-aliases-'));
  try {
    const path = join(dir, 'aliases.yaml');
    writeFileSync(path, good);
    const resource = loadAliasTable(path);
    assert.notEqual(resource.hash, EMPTY_ALIAS_TABLE_HASH);
    assert.equal(bundledResources.find((r) => r.id === USER_ALIASES)?.hash, EMPTY_ALIAS_TABLE_HASH);
    const pipeline = pipelineWithAliases(path);
    assert.equal(pipeline.resources[USER_ALIASES]?.hash, resource.hash);
    assert.throws(() => loadAliasTable(join(dir, 'missing.yaml')), (error: unknown) => error instanceof AliasFileError && error.message.includes('missing.yaml'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
