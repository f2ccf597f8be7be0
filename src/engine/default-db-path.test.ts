import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultDbPath } from './default-db-path.js';

describe('defaultDbPath', () => {
  it('uses CLAIMTRACE_DB above every platform rule', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      assert.equal(
        defaultDbPath({ CLAIMTRACE_DB: 'data/mine.sqlite', XDG_DATA_HOME: '/xdg', LOCALAPPDATA: 'C:\\Local' }, platform, '/home/ana'),
        'data/mine.sqlite',
      );
    }
  });

  it('ignores an empty CLAIMTRACE_DB', () => {
    assert.equal(defaultDbPath({ CLAIMTRACE_DB: '' }, 'linux', '/home/ana'), '/home/ana/.local/share/claimtrace/claimtrace.sqlite');
  });

  it('uses XDG_DATA_HOME on Linux', () => {
    assert.equal(defaultDbPath({ XDG_DATA_HOME: '/data/ana' }, 'linux', '/home/ana'), '/data/ana/claimtrace/claimtrace.sqlite');
  });

  it('falls back to ~/.local/share on Linux without XDG_DATA_HOME', () => {
    assert.equal(defaultDbPath({}, 'linux', '/home/ana'), '/home/ana/.local/share/claimtrace/claimtrace.sqlite');
  });

  it('ignores a relative XDG_DATA_HOME, as the XDG spec asks', () => {
    assert.equal(defaultDbPath({ XDG_DATA_HOME: 'rel/data' }, 'linux', '/home/ana'), '/home/ana/.local/share/claimtrace/claimtrace.sqlite');
  });

  it('follows the Linux rules on other Unix systems', () => {
    assert.equal(defaultDbPath({}, 'freebsd', '/home/ana'), '/home/ana/.local/share/claimtrace/claimtrace.sqlite');
  });

  it('uses Application Support on macOS, whatever XDG_DATA_HOME says', () => {
    assert.equal(
      defaultDbPath({ XDG_DATA_HOME: '/data/ana' }, 'darwin', '/Users/ana'),
      '/Users/ana/Library/Application Support/claimtrace/claimtrace.sqlite',
    );
  });

  it('uses LOCALAPPDATA on Windows', () => {
    assert.equal(
      defaultDbPath({ LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' }, 'win32', 'C:\\Users\\ana'),
      'C:\\Users\\ana\\AppData\\Local\\claimtrace\\claimtrace.sqlite',
    );
  });

  it('falls back to AppData\\Local under the home folder on Windows without LOCALAPPDATA', () => {
    assert.equal(defaultDbPath({}, 'win32', 'C:\\Users\\ana'), 'C:\\Users\\ana\\AppData\\Local\\claimtrace\\claimtrace.sqlite');
  });

  it('reads the real environment by default', () => {
    const path = defaultDbPath();
    assert.ok(path.endsWith('claimtrace.sqlite') || path === process.env.CLAIMTRACE_DB);
  });
});
