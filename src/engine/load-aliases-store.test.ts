import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { SqliteStore } from '../store/sqlite-store.js';
import { ALIASES_SETTING, AliasFileError, chooseAliasTable } from './load-aliases.js';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'claimtrace-aliases-store-'));
after(() => fs.rmSync(directory, { recursive: true, force: true }));
const write = (name: string, text: string): string => {
  const file = path.join(directory, name);
  fs.writeFileSync(file, text);
  return file;
};
const TABLE = 'join:\n  - name: Islamic State\n    type: organization\n    aliases: [ISIS, ISIL, Daesh]\n';

describe('the alias table kept in the database', () => {
  it('keeps the file given, uses it on later runs, and clears it with an empty file', async () => {
    const store = SqliteStore.open(':memory:');
    const none = await chooseAliasTable(store, undefined);
    assert.deepEqual([none.from, none.pipeline], [null, undefined]);

    const given = await chooseAliasTable(store, write('aliases.yaml', TABLE));
    assert.equal(given.from, 'file');
    assert.equal(await store.getSetting(ALIASES_SETTING), TABLE);

    const later = await chooseAliasTable(store, undefined);
    assert.equal(later.from, 'store');
    const fromFile = given.pipeline!.resources['resolve-aliases/user-aliases'];
    const fromStore = later.pipeline!.resources['resolve-aliases/user-aliases'];
    assert.equal(fromStore?.hash, fromFile?.hash, 'the same table gives the same cache key');

    await chooseAliasTable(store, write('empty.yaml', ''));
    assert.equal(await store.getSetting(ALIASES_SETTING), null);
    assert.equal((await chooseAliasTable(store, undefined)).from, null);
    await store.close();
  });

  it('refuses a bad file and keeps the table it had', async () => {
    const store = SqliteStore.open(':memory:');
    await chooseAliasTable(store, write('good.yaml', TABLE));
    await assert.rejects(chooseAliasTable(store, write('bad.yaml', 'join: [\n')), AliasFileError);
    assert.equal(await store.getSetting(ALIASES_SETTING), TABLE);
    await store.close();
  });
});
