import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkArguments, parseArgs, type Command, type OptionSpec } from './options.js';

const SPECS: OptionSpec[] = [
  { name: 'json', type: 'boolean', describe: 'JSON output.' },
  { name: 'db', alias: 'd', type: 'string', valueName: 'path', describe: 'Database.' },
  { name: 'no-store', type: 'boolean', describe: 'No database.' },
];

describe('parseArgs', () => {
  it('reads booleans, values in both spellings, aliases and arguments in any order', () => {
    const parsed = parseArgs(['a.txt', '--json', '--db', 'x.sqlite', '-', '--no-store', 'b.txt'], SPECS);
    assert.deepEqual(parsed, { ok: true, args: { options: { json: true, db: 'x.sqlite', 'no-store': true }, positionals: ['a.txt', '-', 'b.txt'] } });
    assert.deepEqual(parseArgs(['--db=y.sqlite', '-d', 'z.sqlite'], SPECS), { ok: true, args: { options: { db: 'z.sqlite' }, positionals: [] } });
    assert.deepEqual(parseArgs(['--db=', 'a'], SPECS), { ok: true, args: { options: { db: '' }, positionals: ['a'] } });
  });

  it('treats everything after -- as arguments', () => {
    assert.deepEqual(parseArgs(['--', '--json', '-x'], SPECS), { ok: true, args: { options: {}, positionals: ['--json', '-x'] } });
  });

  it('refuses unknown options, missing values and values on booleans', () => {
    assert.deepEqual(parseArgs(['--nope'], SPECS), { ok: false, message: 'unknown option --nope' });
    assert.deepEqual(parseArgs(['-x'], SPECS), { ok: false, message: 'unknown option -x' });
    assert.deepEqual(parseArgs(['--db'], SPECS), { ok: false, message: 'option --db needs a value (<path>)' });
    assert.deepEqual(parseArgs(['--db', '--json'], SPECS), { ok: false, message: 'option --db needs a value (<path>)' });
    assert.deepEqual(parseArgs(['--json=yes'], SPECS), { ok: false, message: 'option --json takes no value' });
  });
});

describe('checkArguments', () => {
  const command = (args: Command['arguments']): Command => ({
    name: 'x',
    describe: 'x',
    usage: 'claimtrace x',
    examples: [],
    options: [],
    ...(args ? { arguments: args } : {}),
    run: async () => 0,
  });
  it('checks required, variadic and surplus arguments', () => {
    const one = command([{ name: '<id>', describe: 'id', required: true }]);
    assert.equal(checkArguments(one, []), 'missing argument <id>');
    assert.equal(checkArguments(one, ['a']), null);
    assert.equal(checkArguments(one, ['a', 'b']), 'unexpected argument "b"');
    const many = command([{ name: '<input...>', describe: 'inputs', required: true, variadic: true }]);
    assert.equal(checkArguments(many, ['a', 'b', 'c']), null);
    assert.equal(checkArguments(command(undefined), ['a']), 'unexpected argument "a"');
  });
});
