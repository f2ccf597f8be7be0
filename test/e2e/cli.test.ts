// Runs the real `claimtrace` binary (bin/claimtrace.js over the compiled dist/, which `npm test`
// builds first) against temporary files and a temporary database.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin', 'claimtrace.js');
const packageVersion = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

const HARBOUR = [
  'Harbour workers in Port Alder walked out on Monday after a crane collapsed.',
  '',
  '“We will stay out until the cranes are safe,” said Maria Lopez, a crane operator. “Nobody should risk their life for a shift.”',
  '',
  'The port authority disagreed. “The cranes passed every inspection this year,” said Tom Becker, a spokesman for the authority.',
  '',
].join('\n');

const BRIDGE = [
  'Council votes on the new bridge',
  '',
  'The city council approved the bridge on Tuesday. “This bridge will connect two neighbourhoods that have been apart for too long,” said Mayor Ingrid Holm.',
  '',
].join('\n');

let dir: string;
const path = (name: string): string => join(dir, name);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function claimtrace(args: string[], options: { input?: string } = {}): Run {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    input: options.input ?? '',
    encoding: 'utf8',
    // Keep every default location inside the temporary folder.
    env: { ...process.env, CLAIMTRACE_DB: path('default.sqlite'), XDG_DATA_HOME: path('xdg'), HOME: dir },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function jsonLines(stdout: string): Array<Record<string, any>> {
  assert.ok(stdout.endsWith('\n'), 'JSON Lines end with a newline');
  return stdout
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, any>);
}

/** Every {start, end, text} object anywhere in the analysis must be a slice of document.text. */
function checkSpans(analysis: Record<string, any>): number {
  const text: string = analysis.document.text;
  let spans = 0;
  const visit = (node: unknown, where: string): void => {
    if (Array.isArray(node)) return node.forEach((value, index) => visit(value, `${where}[${index}]`));
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (Number.isInteger(record.start) && Number.isInteger(record.end) && typeof record.text === 'string') {
      spans++;
      assert.equal(text.slice(record.start as number, record.end as number), record.text, `${where} is a slice of document.text`);
    }
    for (const [key, value] of Object.entries(record)) if (key !== 'document') visit(value, `${where}.${key}`);
  };
  visit(analysis, '$');
  return spans;
}

before(() => {
  assert.ok(existsSync(join(root, 'dist', 'cli', 'main.js')), 'dist/ is missing: run `npm run build` (npm test does it)');
  dir = mkdtempSync(join(tmpdir(), 'claimtrace-cli-'));
  writeFileSync(path('harbour.txt'), HARBOUR);
  writeFileSync(path('bridge.md'), `# ${BRIDGE}`);
  writeFileSync(path('empty.txt'), '');
  writeFileSync(path('binary.txt'), Uint8Array.from([0x47, 0x49, 0x46, 0x38, 0x00, 0x01, 0x02]));
  writeFileSync(path('latin1.txt'), Buffer.concat([Buffer.from('Caf'), Buffer.from([0xe9]), Buffer.from(' au lait, said nobody.')]));
});

after(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('claimtrace analyze --json', () => {
  it('prints one analysis@1 object per document whose spans are slices of document.text', () => {
    const run = claimtrace(['analyze', 'harbour.txt', 'bridge.md', '--json', '--published-at', '2024-03-04', '--db', path('a.sqlite')]);
    assert.equal(run.code, 0, run.stderr);
    const analyses = jsonLines(run.stdout);
    assert.equal(analyses.length, 2);
    for (const analysis of analyses) {
      assert.equal(analysis.schema, 'claimtrace/analysis@1');
      assert.equal(analysis.document.publishedAt, '2024-03-04');
      assert.ok(analysis.quotes.length >= 1, 'the article has quotes');
      assert.ok(checkSpans(analysis) >= 3);
    }
    assert.equal(analyses[0]!.document.text, HARBOUR, 'document.text is the file as written');
    const speakers = analyses[0]!.quotes.map((quote: any) => quote.speaker?.name);
    assert.deepEqual(speakers, ['Maria Lopez', 'Tom Becker']);
    assert.match(run.stderr, /^analysed 2 documents \(0 from cache\), 0 failed\n$/);
  });

  it('reads standard input for -', () => {
    const run = claimtrace(['analyze', '-', '--json', '--no-store'], { input: HARBOUR });
    assert.equal(run.code, 0, run.stderr);
    const [analysis] = jsonLines(run.stdout);
    assert.equal(analysis!.document.text, HARBOUR);
    assert.equal(analysis!.quotes.length, 2);
    checkSpans(analysis!);
  });

  it('gives byte-identical output on two runs', () => {
    const args = ['analyze', 'harbour.txt', 'bridge.md', '--published-at', '2024-03-04', '--no-store'];
    const first = claimtrace([...args, '--json']);
    const second = claimtrace([...args, '--json']);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout, second.stdout);
    assert.equal(claimtrace(args).stdout, claimtrace(args).stdout);
  });
});

describe('claimtrace analyze with inputs that fail', () => {
  it('reports each bad file on stderr, stores the good ones and exits 1', () => {
    const db = path('mixed.sqlite');
    const run = claimtrace(['analyze', 'empty.txt', 'harbour.txt', 'binary.txt', 'latin1.txt', 'bridge.md', '--db', db]);
    assert.equal(run.code, 1, run.stderr);
    const messages = run.stderr.split('\n').filter((line) => line.startsWith('claimtrace: '));
    assert.equal(messages.length, 2, run.stderr);
    assert.match(messages[0]!, /^claimtrace: empty\.txt: /);
    assert.match(messages[1]!, /^claimtrace: binary\.txt: /);
    assert.match(run.stderr, /analysed 3 documents \(0 from cache\), 2 failed\n$/);
    // A Latin-1 file is decoded as Windows-1252 and analysed, with a warning that says so.
    // (Summaries wrap long lines with an indent; joined again here.)
    assert.match(run.stdout.replace(/\n +(?=\S)/g, (match) => (/\n {4,}/.test(match) ? ' ' : match)), /warning \(read-document\): latin1\.txt: not valid UTF-8 .*decoded as Windows-1252/);
    // The summaries of the two good documents are still printed.
    assert.match(run.stdout, /Maria Lopez \(1 quote\)\n {4}said \(neutral\): “We will stay out/);
    assert.match(run.stdout, /Council votes on the new bridge {2}\[/);

    const list = claimtrace(['list', '--json', '--db', db]);
    assert.equal(list.code, 0, list.stderr);
    const documents = JSON.parse(list.stdout) as Array<{ title: string | null; quoteCount: number; source: string }>;
    assert.deepEqual(documents.map((document) => document.source).sort(), ['bridge.md', 'harbour.txt', 'latin1.txt']);
    assert.ok(documents.filter((document) => document.source !== 'latin1.txt').every((document) => document.quoteCount >= 1));
  });

  it('takes an unchanged document from the cache on the second run', () => {
    const db = path('cache.sqlite');
    const first = claimtrace(['analyze', 'harbour.txt', '--json', '--db', db]);
    const second = claimtrace(['analyze', 'harbour.txt', '--json', '--db', db]);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(second.code, 0, second.stderr);
    assert.match(first.stderr, /analysed 1 document \(0 from cache\)/);
    assert.match(second.stderr, /analysed 1 document \(1 from cache\)/);
    assert.equal(second.stdout, first.stdout);
    // A different publication date is a different analysis.
    const third = claimtrace(['analyze', 'harbour.txt', '--json', '--db', db, '--published-at', '2020-01-01']);
    assert.match(third.stderr, /analysed 1 document \(0 from cache\)/);
  });

  it('--quiet prints nothing per document, stores what --json stores, and shows it byte for byte afterwards', () => {
    const quietDb = path('quiet.sqlite');
    const jsonDb = path('quiet-json.sqlite');
    const quiet = claimtrace(['analyze', 'harbour.txt', 'bridge.md', '--quiet', '--published-at', '2024-03-04', '--db', quietDb]);
    const json = claimtrace(['analyze', 'harbour.txt', 'bridge.md', '--json', '--published-at', '2024-03-04', '--db', jsonDb]);
    assert.equal(quiet.code, 0, quiet.stderr);
    assert.equal(quiet.stdout, '');
    assert.match(quiet.stderr, /analysed 2 documents \(0 from cache\), 0 failed/);
    const ids = jsonLines(json.stdout).map((analysis) => analysis.document.id as string);
    for (const [index, id] of ids.entries()) {
      const shown = claimtrace(['show', id, '--json', '--db', quietDb]);
      assert.equal(shown.stdout, `${json.stdout.split('\n')[index]}\n`);
    }
    // Again: every document from the cache, still silent.
    const again = claimtrace(['analyze', 'harbour.txt', 'bridge.md', '--quiet', '--published-at', '2024-03-04', '--db', quietDb]);
    assert.equal(again.stdout, '');
    assert.match(again.stderr, /analysed 2 documents \(2 from cache\)/);
  });
});

describe('claimtrace show', () => {
  it('prints the stored object byte for byte as analyze --json printed it', () => {
    const db = path('show.sqlite');
    const analyzed = claimtrace(['analyze', 'bridge.md', '--json', '--db', db]);
    assert.equal(analyzed.code, 0, analyzed.stderr);
    const id = jsonLines(analyzed.stdout)[0]!.document.id as string;
    const shown = claimtrace(['show', id, '--json', '--db', db]);
    assert.equal(shown.code, 0, shown.stderr);
    assert.equal(shown.stdout, analyzed.stdout);

    const readable = claimtrace(['show', id, '--db', db]);
    assert.equal(readable.code, 0);
    assert.match(readable.stdout, /^Council votes on the new bridge {2}\[/);
    assert.match(readable.stdout, /Ingrid Holm \(1 quote\)/);
  });

  it('exits 1 for an unknown id', () => {
    const run = claimtrace(['show', 'no-such-id', '--db', path('show.sqlite')]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^claimtrace: no document with id "no-such-id"/);
    assert.equal(run.stdout, '');
  });
});

describe('claimtrace list', () => {
  it('prints a table of stored documents', () => {
    const db = path('list.sqlite');
    claimtrace(['analyze', 'harbour.txt', 'bridge.md', '--published-at', '2024-03-04', '--db', db]);
    const run = claimtrace(['list', '--db', db]);
    assert.equal(run.code, 0, run.stderr);
    const [header, ...rows] = run.stdout.trimEnd().split('\n');
    assert.match(header!, /^ID +DATE +QUOTES +FIGURES +CLAIMS +ERRORS +TITLE +SOURCE$/);
    assert.equal(rows.length, 2);
    assert.ok(rows.some((row) => /2024-03-04 +1 +\d+ +0 +0 +Council votes on the new bridge +bridge\.md$/.test(row)), run.stdout);
    // Without a headline, a text is titled by its file name.
    assert.ok(rows.some((row) => / harbour\.txt +harbour\.txt$/.test(row)), run.stdout);
  });

  it('does not create a database that does not exist', () => {
    const db = path('never-created.sqlite');
    const run = claimtrace(['list', '--json', '--db', db]);
    assert.equal(run.code, 0);
    assert.equal(run.stdout, '[]\n');
    assert.equal(existsSync(db), false);
  });
});

describe('help, version and usage errors', () => {
  it('--help lists the commands with examples and exits 0', () => {
    const run = claimtrace(['--help']);
    assert.equal(run.code, 0);
    for (const name of ['analyze', 'reanalyze', 'list', 'show', 'search', 'claims', 'serve', 'export', 'import', 'backup', 'restore', 'demo', 'doctor']) {
      assert.match(run.stdout, new RegExp(`^  ${name} `, 'm'));
    }
    assert.match(run.stdout, /Examples:\n {2}claimtrace analyze/);
  });

  it('analyze --help describes every option and exits 0', () => {
    const run = claimtrace(['analyze', '--help']);
    assert.equal(run.code, 0);
    for (const option of ['--json', '--published-at <date>', '--db <path>', '--no-store', '--help']) assert.ok(run.stdout.includes(option), option);
    assert.equal(claimtrace(['help', 'analyze']).stdout, run.stdout);
  });

  it('--version prints the package version', () => {
    const run = claimtrace(['--version']);
    assert.equal(run.code, 0);
    assert.equal(run.stdout, `${packageVersion}\n`);
  });

  it('exits 2 on an unknown option, a missing argument, a bad date or an unknown command', () => {
    const cases: Array<[string[], RegExp]> = [
      [['analyze', 'harbour.txt', '--bogus'], /unknown option --bogus/],
      [['analyze'], /missing argument <input\.\.\.>/],
      [['analyze', 'harbour.txt', '--published-at', '04/03/2024'], /--published-at "04\/03\/2024" is not a date/],
      [['analyze', 'harbour.txt', '--db'], /option --db needs a value/],
      [['analyze', 'harbour.txt', '--quiet', '--json'], /--quiet and --json cannot be used together/],
      [['analyze', 'harbour.txt', '--quiet', '--brief'], /--quiet and --brief cannot be used together/],
      [['show'], /missing argument <id>/],
      [['list', 'extra'], /unexpected argument "extra"/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [[], /Usage: claimtrace <command>/],
    ];
    for (const [args, message] of cases) {
      const run = claimtrace(args);
      assert.equal(run.code, 2, `claimtrace ${args.join(' ')}`);
      assert.match(run.stderr, message);
      assert.equal(run.stdout, '');
    }
  });
});

describe('claimtrace demo', () => {
  it('analyses the bundled sample and reports speakers', () => {
    const db = path('demo.sqlite');
    const run = claimtrace(['demo', '--db', db, '--no-serve']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Analysed 40 Wikinews articles into /);
    assert.match(run.stdout, /Found \d+ quotes, \d+ attributed to \d+ speakers; \d+ figures and \d+ dates\./);
    assert.match(run.stdout, /Top speakers\n {2}\s*\d+ {2}\S/);
    assert.match(run.stdout, /claimtrace list --db /);
    assert.doesNotMatch(run.stdout, /web UI/);

    const list = JSON.parse(claimtrace(['list', '--json', '--db', db]).stdout) as unknown[];
    assert.equal(list.length, 40);
    // The second run reads the stored results and says the same.
    const again = claimtrace(['demo', '--db', db, '--no-serve']);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stdout, run.stdout, 'same report from the cache');
  });

  it('serves the web UI and the API after the report, until interrupted', async () => {
    const db = path('demo-serve.sqlite');
    const child = spawn(process.execPath, [bin, 'demo', '--db', db, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed; stdout: ${stdout}; stderr: ${stderr}`)), 120_000);
        child.stdout.on('data', () => {
          const match = /claimtrace UI: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        });
      });
      assert.match(stdout, /^Analysed 40 Wikinews articles/);
      const health = (await (await fetch(`${url}api/health`)).json()) as { documents: number };
      assert.equal(health.documents, 40);
      const page = await fetch(url);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<div id="app">/);
    } finally {
      child.kill('SIGINT');
    }
    assert.equal(await exited, 0, stderr);
  });
});

describe('claimtrace claims', () => {
  const FACTS = 'Unemployment fell to 4.1 percent in March, the lowest rate since 2001.\n\nThank you all for coming tonight.\n';

  it('lists the stored claims across documents, highest score first, filtered by --min', () => {
    writeFileSync(path('facts.txt'), FACTS);
    const db = path('claims.sqlite');
    assert.equal(claimtrace(['analyze', 'harbour.txt', 'bridge.md', 'facts.txt', '--db', db]).code, 0);
    const all = claimtrace(['claims', '--json', '--db', db]);
    assert.equal(all.code, 0, all.stderr);
    const claims = JSON.parse(all.stdout) as Array<Record<string, any>>;
    assert.ok(claims.length >= 1);
    const scores = claims.map((c) => c.checkWorthiness as number);
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a), 'sorted by score, highest first');
    assert.ok(claims.some((c) => c.span.text.startsWith('Unemployment fell to 4.1 percent')));
    assert.ok(!claims.some((c) => c.span.text.startsWith('Thank you')), 'a courtesy is not a claim');
    for (const c of claims) assert.ok(typeof c.documentId === 'string' && c.id.startsWith('c'));
    const min = Math.max(...scores);
    const filtered = JSON.parse(claimtrace(['claims', '--json', '--min', String(min), '--db', db]).stdout) as Array<Record<string, any>>;
    assert.ok(filtered.length >= 1 && filtered.every((c) => c.checkWorthiness >= min));
    const table = claimtrace(['claims', '--db', db]);
    assert.match(table.stdout, /^SCORE {2}DOCUMENT/);
    const summary = claimtrace(['show', claims[0]!.documentId, '--db', db]);
    assert.match(summary.stdout, /\n {2}Top claims to check\n/);
    assert.ok(summary.stdout.includes('Unemployment fell to 4.1 percent'), 'the check-worthy sentence is listed');
  });

  it('rejects a --min outside 0 to 1', () => {
    const run = claimtrace(['claims', '--min', '2', '--db', path('claims.sqlite')]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--min "2": expected a number from 0 to 1/);
  });
});
