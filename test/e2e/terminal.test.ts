// What a person reads in a terminal, on the built binary: titles and sources, whole quotes wrapped
// to the width (and --brief), every analysis in the summary, the list table with --sort, --limit and
// --where, search with highlighted snippets, id prefixes, colour only on a terminal, and doctor.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin', 'claimtrace.js');
const ESCAPE = /\u001b\[/;

const STRIKE = [
  'Dock workers strike over crane safety',
  '',
  'Harbour workers in Port Alder walked out on Monday, March 4, 2024, after a crane collapsed on the quay and injured two men.',
  '',
  '“We will stay out until every crane on this quay has been inspected by someone who does not work for the port authority, and until the report is published in full,” said Maria Lopez, a crane operator.',
  '',
  'The port authority’s chief executive, Tom Becker, said the union was “holding the city hostage” and claimed that losses had passed €40 million a day.',
  '',
  'The so-called safety campaign is clearly the biggest dispute in the port’s history.',
  '',
].join('\n');

// No headline: the first line is a sentence.
const FERRY = [
  'The ferry to Vlieland was cancelled on Tuesday because of the storm.',
  '',
  '“Nobody sails in this weather,” said Jan Smit, the harbour master.',
  '',
].join('\n');

let dir: string;
const path = (name: string): string => join(dir, name);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function claimtrace(args: string[], env: Record<string, string | undefined> = {}): Run {
  const merged: Record<string, string | undefined> = { ...process.env, CLAIMTRACE_DB: path('default.sqlite'), XDG_DATA_HOME: path('xdg'), HOME: dir, ...env };
  // Output must not depend on the environment the tests run in, unless a test sets these.
  for (const name of ['NO_COLOR', 'FORCE_COLOR', 'COLUMNS']) if (!(name in env)) delete merged[name];
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete merged[name];
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: dir, input: '', encoding: 'utf8', env: merged as NodeJS.ProcessEnv, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const db = (): string => path('t.sqlite');

before(() => {
  assert.ok(existsSync(join(root, 'dist', 'cli', 'main.js')), 'dist/ is missing: run `npm run build` (npm test does it)');
  dir = mkdtempSync(join(tmpdir(), 'claimtrace-terminal-'));
  mkdirSync(path('news'));
  writeFileSync(path('news/strike.txt'), STRIKE);
  writeFileSync(path('news/ferry.txt'), FERRY);
  // Two records whose ids share a start, for ambiguous prefixes.
  writeFileSync(
    path('feed.jsonl'),
    `${JSON.stringify({ id: 'story-1', title: 'Quay reopens', text: '“The quay is open again,” said Maria Lopez on Friday.' })}\n` +
      `${JSON.stringify({ id: 'story-2', title: 'Ferry back', text: 'The ferry sails again, said Jan Smit.' })}\n`,
  );
  const run = claimtrace(['analyze', 'news', 'feed.jsonl', '--db', db()]);
  assert.equal(run.code, 0, run.stderr);
});

after(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('titles and sources', () => {
  it('titles a text by its headline line, else by its file name, and shows the source in the summary', () => {
    const run = claimtrace(['analyze', 'news/strike.txt', 'news/ferry.txt', '--no-store']);
    assert.equal(run.code, 0, run.stderr);
    const [strike, ferry] = run.stdout.split('\n\n').filter((block) => /\[[0-9a-f]{12}\]/.test(block.split('\n')[0]!));
    assert.match(strike!, /^Dock workers strike over crane safety {2}\[[0-9a-f]{12}\]\n {2}news\/strike\.txt · no publication date\n/);
    assert.match(ferry!, /^ferry\.txt {2}\[[0-9a-f]{12}\]\n {2}news\/ferry\.txt · no publication date\n/);
    const json = JSON.parse(claimtrace(['list', '--json', '--db', db()]).stdout) as Array<{ title: string; source: string }>;
    assert.deepEqual(
      json.map((entry) => [entry.source, entry.title]),
      [
        [join('news', 'ferry.txt'), 'ferry.txt'],
        [join('news', 'strike.txt'), 'Dock workers strike over crane safety'],
        ['feed.jsonl#1', 'Quay reopens'],
        ['feed.jsonl#2', 'Ferry back'],
      ],
    );
  });
});

describe('the summary', () => {
  it('shows every quote whole, wrapped to the width, and each analysis that found something', () => {
    const run = claimtrace(['analyze', 'news/strike.txt', '--no-store'], { COLUMNS: '60' });
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    for (const line of lines) assert.ok(Array.from(line).length <= 60, `wider than 60: ${JSON.stringify(line)}`);
    // The long quote is there in full, across lines.
    const flat = run.stdout.replace(/\n +/g, ' ');
    assert.ok(flat.includes('“We will stay out until every crane on this quay has been inspected by someone who does not work for the port authority, and until the report is published in full”'), flat);
    assert.match(run.stdout, /\n {2}Maria Lopez \(1 quote\)\n {4}said \(neutral\): “We will stay out/);
    assert.match(flat, / Tom Becker \(2 quotes\) said \(neutral\) \[mixed\]: the union was “holding the city hostage” claimed \(distancing\) \[indirect\]: that losses had passed €40 million a day/);
    // Figures with who states them, dates with their values, the writer's framing marks.
    assert.match(run.stdout, /\n {2}Figures, by who states them\n/);
    assert.match(flat, /(the writer|Tom Becker): .*€40 million/);
    assert.match(run.stdout, /\n {2}Dates\n/);
    assert.match(flat, /March 4, 2024 \(2024-03-04\)/);
    assert.match(flat, /“clearly” certainty-marker/);
    assert.match(run.stdout, /\n {2}Framing in the writer’s voice\n/);
    assert.match(flat, /“so-called” (scare-quote|loaded-label)/);
  });

  it('cuts each quote to one line with --brief', () => {
    const run = claimtrace(['analyze', 'news/strike.txt', '--no-store', '--brief'], { COLUMNS: '80' });
    assert.equal(run.code, 0, run.stderr);
    const quote = run.stdout.split('\n').find((line) => line.includes('We will stay out'))!;
    assert.match(quote, /^ {4}said \(neutral\): “We will stay out .*…”$/);
    assert.ok(Array.from(quote).length <= 80);
    assert.equal(claimtrace(['analyze', 'news/strike.txt', '--no-store', '--brief', '--json']).code, 2, '--brief and --json conflict');
  });
});

describe('colour', () => {
  it('is off in a pipe, on when forced, and off whenever NO_COLOR is set', () => {
    const args = ['show', 'story-1', '--db', db()];
    const piped = claimtrace(args);
    assert.equal(piped.code, 0, piped.stderr);
    assert.doesNotMatch(piped.stdout, ESCAPE);
    assert.match(claimtrace(args, { FORCE_COLOR: '1' }).stdout, ESCAPE);
    assert.doesNotMatch(claimtrace(args, { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout, ESCAPE);
    assert.doesNotMatch(claimtrace(['show', 'story-1', '--json', '--db', db()], { FORCE_COLOR: '1' }).stdout, ESCAPE, 'never in JSON');
  });

  it('is on for a real terminal, and off there with NO_COLOR', (t) => {
    // `script` (util-linux) runs the command on a pseudo-terminal.
    if (spawnSync('script', ['--version'], { encoding: 'utf8' }).status !== 0) return t.skip('no script(1) to make a terminal');
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} show story-1 --db ${JSON.stringify(db())}`;
    const onTerminal = (env: Record<string, string | undefined>): string => {
      const merged: Record<string, string | undefined> = { ...process.env, ...env };
      for (const name of ['NO_COLOR', 'FORCE_COLOR']) if (!(name in env)) delete merged[name];
      const result = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: dir, encoding: 'utf8', env: merged as NodeJS.ProcessEnv, timeout: 60_000 });
      assert.equal(result.status, 0, result.stderr);
      return result.stdout;
    };
    const coloured = onTerminal({});
    assert.match(coloured, /Quay reopens/);
    assert.match(coloured, ESCAPE);
    assert.doesNotMatch(onTerminal({ NO_COLOR: '1' }), ESCAPE);
  });
});

describe('ids', () => {
  it('accepts a unique prefix in any case, and lists the candidates of an ambiguous one', () => {
    const [strike] = (JSON.parse(claimtrace(['list', '--json', '--where', 'speaker=tom becker', '--db', db()]).stdout) as Array<{ id: string }>);
    const whole = claimtrace(['show', strike!.id, '--db', db()]);
    assert.equal(whole.code, 0, whole.stderr);
    const prefix = claimtrace(['show', strike!.id.slice(0, 7).toUpperCase(), '--db', db()]);
    assert.equal(prefix.code, 0, prefix.stderr);
    assert.equal(prefix.stdout, whole.stdout);
    assert.equal(claimtrace(['show', 'STORY-2', '--json', '--db', db()]).code, 0);

    const ambiguous = claimtrace(['show', 'Story', '--db', db()]);
    assert.equal(ambiguous.code, 1);
    assert.equal(ambiguous.stdout, '');
    assert.match(ambiguous.stderr, /^claimtrace: the id prefix "Story" is ambiguous; it starts 2 ids:\n {2}story-1 {2}Quay reopens {2}feed\.jsonl#1\n {2}story-2 {2}Ferry back {2}feed\.jsonl#2\n/);
    const unknown = claimtrace(['show', 'zzzz', '--db', db()]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /^claimtrace: no document with id "zzzz"/);
  });
});

describe('claimtrace list', () => {
  it('prints a table with short ids that show accepts, title and source', () => {
    const run = claimtrace(['list', '--db', db()]);
    assert.equal(run.code, 0, run.stderr);
    const [header, ...rows] = run.stdout.trimEnd().split('\n');
    assert.match(header!, /^ID +DATE +QUOTES +FIGURES +CLAIMS +ERRORS +TITLE +SOURCE$/);
    assert.equal(rows.length, 4);
    assert.match(run.stdout, /\n[0-9a-f]{7} +- +3 +\d+ +\d+ +0 +Dock workers strike over crane safety +news\/strike\.txt\n/);
    assert.match(run.stdout, /\nstory-1 +- +1 +0 +\d+ +0 +Quay reopens +feed\.jsonl#1\n/);
    const shortId = rows.find((row) => row.includes('strike.txt'))!.split(' ')[0]!;
    assert.equal(claimtrace(['show', shortId, '--db', db()]).code, 0);
  });

  it('sorts, limits and filters', () => {
    const titles = (args: string[]): string[] => {
      const run = claimtrace(['list', '--json', ...args, '--db', db()]);
      assert.equal(run.code, 0, run.stderr);
      return (JSON.parse(run.stdout) as Array<{ title: string }>).map((entry) => entry.title);
    };
    assert.deepEqual(titles(['--sort', 'title']), ['Dock workers strike over crane safety', 'Ferry back', 'ferry.txt', 'Quay reopens']);
    assert.deepEqual(titles(['--sort', 'title', '--reverse', '--limit', '2']), ['Quay reopens', 'ferry.txt']);
    assert.deepEqual(titles(['--sort', 'quotes', '--limit', '1']), ['Dock workers strike over crane safety']);
    assert.deepEqual(titles(['--where', 'speaker=MARIA LOPEZ']), ['Dock workers strike over crane safety', 'Quay reopens']);
    assert.deepEqual(titles(['--where', 'kind=figure']), ['Dock workers strike over crane safety']);
    const table = claimtrace(['list', '--where', 'speaker=maria lopez', '--db', db()]);
    assert.equal(table.stdout.trimEnd().split('\n').length, 3, table.stdout);
    assert.match(table.stderr, /^2 of 4 documents \(--where speaker=maria lopez\)\n$/);
    for (const [args, message] of [
      [['--sort', 'size'], /--sort "size" is not one of added, date/],
      [['--limit', '0'], /--limit "0" is not a positive whole number/],
      [['--where', 'colour=red'], /expected speaker=NAME, claimant=NAME or kind=KIND/],
      [['--where', 'kind=tweet'], /not a kind/],
    ] as Array<[string[], RegExp]>) {
      const run = claimtrace(['list', ...args, '--db', db()]);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, message);
    }
  });

  it('fits the terminal width, keeping the end of each source', () => {
    const run = claimtrace(['list', '--db', db()], { COLUMNS: '80' });
    for (const line of run.stdout.trimEnd().split('\n')) assert.ok(Array.from(line).length <= 80, line);
    assert.match(run.stdout, /…[^\n]*strike\.txt\n/);
  });
});

describe('claimtrace search', () => {
  it('lists matching documents with the words marked in a snippet', () => {
    const run = claimtrace(['search', 'crane', '--db', db()]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^[0-9a-f]{7} {2}Dock workers strike over crane safety {2}news\/strike\.txt\n {4}.*\[crane\]/);
    assert.match(run.stderr, /^1 document with "crane"\n$/);
    const coloured = claimtrace(['search', 'crane', '--db', db()], { FORCE_COLOR: '1' });
    assert.match(coloured.stdout, /\u001b\[1m\u001b\[33mcrane\u001b\[39m\u001b\[22m/);
    const json = JSON.parse(claimtrace(['search', 'sails', 'again', '--json', '--db', db()]).stdout) as Array<{ id: string; source: string; snippet: string }>;
    assert.deepEqual(json.map((hit) => [hit.id, hit.source]), [['story-2', 'feed.jsonl#2']]);
    assert.match(json[0]!.snippet, /\[sails\]/);
    const none = claimtrace(['search', 'volcano', '--db', db()]);
    assert.equal(none.code, 0);
    assert.equal(none.stdout, '');
    assert.match(none.stderr, /no stored document has "volcano"/);
    assert.equal(claimtrace(['search', '--db', db(), '--', '***']).code, 2);
  });
});

describe('claimtrace doctor', () => {
  it('reports Node, the native module, the database, the models and Chromium', () => {
    const run = claimtrace(['doctor', '--db', db()]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, new RegExp(`^node +ok +${process.versions.node.replace(/\./g, '\\.')} `, 'm'));
    assert.match(run.stdout, /^native module +ok +better-sqlite3 \S+ loaded, SQLite \d+\.\d+/m);
    assert.match(run.stdout, /^database +ok +.*t\.sqlite, schema \d+, 4 documents, [\d.]+ KiB$/m);
    assert.match(run.stdout, /^models +ok +.*\bentities\.model \(/m);
    assert.match(run.stdout, /^chromium +(ok|note) /m);
    const report = JSON.parse(claimtrace(['doctor', '--json', '--db', db()]).stdout) as { ok: boolean; database: { documents: number; schemaVersion: number; latestSchemaVersion: number } };
    assert.equal(report.ok, true);
    assert.equal(report.database.documents, 4);
    assert.equal(report.database.schemaVersion, report.database.latestSchemaVersion);
  });

  it('does not create a database, and fails on one it cannot read', () => {
    const missing = claimtrace(['doctor', '--db', path('none.sqlite')]);
    assert.equal(missing.code, 0);
    assert.match(missing.stdout, /none\.sqlite \(not created yet/);
    assert.equal(existsSync(path('none.sqlite')), false);
    writeFileSync(path('not-a-db.sqlite'), 'this is not a database, just text that is long enough to have a header'.repeat(4));
    const broken = claimtrace(['doctor', '--db', path('not-a-db.sqlite')]);
    assert.equal(broken.code, 1);
    assert.match(broken.stdout, /^database +FAIL /m);
    assert.match(broken.stdout, /One problem:\n {2}- The database .*not-a-db\.sqlite cannot be read/);
  });
});
