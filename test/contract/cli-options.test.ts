// Docs coverage for the CLI: every command and every option says what it is for, with an example,
// and the help each command prints is made from those declarations.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commands } from '../../src/cli/commands/index.js';
import { main } from '../../src/cli/main.js';
import { COMMON_OPTIONS, GLOBAL_OPTIONS, optionSignature } from '../../src/cli/options.js';
import { memoryIo } from '../helpers/cli-io.js';

describe('CLI declarations', () => {
  it('has the expected commands, each named once', () => {
    const names = commands.map((command) => command.name);
    assert.deepEqual([...new Set(names)], names);
    for (const name of ['analyze', 'list', 'show', 'demo']) assert.ok(names.includes(name), name);
  });

  for (const command of commands) {
    describe(`claimtrace ${command.name}`, () => {
      it('has a description, a usage line and runnable examples', () => {
        assert.ok(command.describe.trim().length >= 20, 'describe says what the command does');
        assert.ok(command.usage.startsWith(`claimtrace ${command.name}`), 'usage starts with the command');
        assert.ok(command.examples.length >= 1, 'at least one example');
        for (const example of command.examples) assert.match(example, new RegExp(`(^|\\| )claimtrace ${command.name}( |$)`), example);
      });

      it('describes every option and argument', () => {
        for (const option of [...command.options, ...COMMON_OPTIONS]) {
          assert.match(option.name, /^[a-z][a-z0-9-]*$/, `option name ${option.name}`);
          assert.ok(option.describe.trim().length >= 10, `--${option.name} has a description`);
          if (option.type === 'string') assert.ok(option.valueName, `--${option.name} names its value`);
        }
        for (const argument of command.arguments ?? []) assert.ok(argument.describe.trim().length >= 10, argument.name);
        const all = [...command.options, ...COMMON_OPTIONS];
        assert.equal(new Set(all.map((option) => option.name)).size, all.length, 'option names are unique');
        const aliases = all.flatMap((option) => (option.alias ? [option.alias] : []));
        assert.equal(new Set(aliases).size, aliases.length, 'aliases are unique');
      });

      it('prints help made from the declarations', async () => {
        const io = memoryIo();
        assert.equal(await main([command.name, '--help'], io), 0);
        const help = io.out();
        assert.ok(help.includes(command.describe));
        assert.ok(help.includes(command.usage));
        for (const option of [...command.options, ...COMMON_OPTIONS]) {
          assert.ok(help.includes(optionSignature(option).trim()), `help shows --${option.name}`);
          assert.ok(help.includes(option.describe), `help describes --${option.name}`);
        }
        for (const example of command.examples) assert.ok(help.includes(example));
      });
    });
  }

  it('describes the global options and lists every command in --help', async () => {
    for (const option of GLOBAL_OPTIONS) assert.ok(option.describe.trim().length >= 10);
    const io = memoryIo();
    assert.equal(await main(['--help'], io), 0);
    for (const command of commands) {
      assert.ok(io.out().includes(command.describe));
      assert.ok(io.out().includes(command.examples[0]!));
    }
  });

  it('answers an unknown option with exit code 2 and a message on stderr', async () => {
    const io = memoryIo();
    assert.equal(await main(['list', '--nope'], io), 2);
    assert.equal(io.out(), '');
    assert.match(io.err(), /^claimtrace list: unknown option --nope\n/);
  });
});
