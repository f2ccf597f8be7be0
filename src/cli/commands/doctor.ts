import { diagnoseInstallation, type InstallationReport } from '../../engine/index.js';
import { DB_OPTION, resolveDbPath } from '../database.js';
import { EXIT_FAILURE, EXIT_OK, flag, stringOption, type Command } from '../options.js';
import { styleFor, type Style } from '../style.js';

export const doctorCommand: Command = {
  name: 'doctor',
  describe: 'Check the installation and print what a bug report needs: Node, native SQLite module, database, models, Chromium.',
  usage: 'claimtrace doctor [--json] [--db <path>]',
  options: [
    { name: 'json', type: 'boolean', describe: 'Print the report as one JSON object.' },
    { ...DB_OPTION, describe: 'Database to inspect (default: $CLAIMTRACE_DB, else claimtrace.sqlite in the per-user data folder).' },
  ],
  notes: [
    'The database is opened read-only: doctor never creates, migrates or changes it. The exit code is 1 when ' +
      'something claimtrace needs is broken (Node too old, the native module does not load, a model is missing, the ' +
      'database cannot be read or is newer than this claimtrace); a missing Chromium only matters for the web UI tests ' +
      'and is reported without failing.',
  ],
  examples: ['claimtrace doctor', 'claimtrace doctor --json > doctor.json'],

  async run(args, io) {
    const report = diagnoseInstallation({ dbPath: resolveDbPath(stringOption(args, 'db'), io.env), env: io.env });
    const broken = problems(report);
    if (flag(args, 'json')) io.stdout.write(`${JSON.stringify({ ...report, ok: broken.length === 0, problems: broken })}\n`);
    else io.stdout.write(formatDoctorReport(report, broken, styleFor(io)));
    return broken.length === 0 ? EXIT_OK : EXIT_FAILURE;
  },
};

/** What stops claimtrace from working, one sentence each with what to do. */
export function problems(report: InstallationReport): string[] {
  const found: string[] = [];
  if (!report.node.ok) found.push(`Node ${report.node.version} is older than ${report.node.minimumMajor}; install Node ${report.node.minimumMajor} or newer.`);
  if (!report.native.ok) {
    found.push(
      'The native SQLite module (better-sqlite3) does not load; rebuild it with `npm rebuild better-sqlite3` ' +
        '(needs python3, make and a C++ compiler when no prebuilt binary fits this Node).',
    );
  }
  const db = report.database;
  if (db.exists && db.error) found.push(`The database ${db.path} cannot be read: ${db.error}`);
  if (db.schemaVersion !== null && db.schemaVersion > db.latestSchemaVersion) {
    found.push(`The database ${db.path} was written by a newer claimtrace (schema ${db.schemaVersion}); upgrade claimtrace.`);
  }
  if (!report.models.ok) found.push(`The models do not load: ${report.models.error ?? 'unknown error'}`);
  return found;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

export function formatDoctorReport(report: InstallationReport, broken: readonly string[], style: Style): string {
  const ok = style.bold('ok');
  const bad = style.error('FAIL');
  const note = style.warning('note');
  const rows: Array<[string, string, string]> = [];
  rows.push(['claimtrace', '', report.claimtrace]);
  rows.push(['node', report.node.ok ? ok : bad, `${report.node.version} (${report.platform}; needs ${report.node.minimumMajor} or newer)`]);
  const native = report.native;
  rows.push([
    'native module',
    native.ok ? ok : bad,
    native.ok
      ? `better-sqlite3 ${native.version ?? '?'} loaded, SQLite ${native.sqliteVersion} (${native.path ?? 'path unknown'})`
      : `better-sqlite3 ${native.version ?? '?'} does not load: ${native.error}`,
  ]);
  const db = report.database;
  let dbState: string;
  let dbMark = ok;
  if (!db.exists) {
    dbState = `${db.path} (not created yet; 'claimtrace analyze' creates it)`;
  } else if (db.error) {
    dbMark = bad;
    dbState = `${db.path}: ${db.error}`;
  } else {
    const schema = db.schemaVersion === db.latestSchemaVersion ? `schema ${db.schemaVersion}` : `schema ${db.schemaVersion} (this claimtrace writes ${db.latestSchemaVersion}; it upgrades the file when it next writes to it)`;
    if (db.schemaVersion !== null && db.schemaVersion > db.latestSchemaVersion) dbMark = bad;
    dbState = `${db.path}, ${schema}, ${db.documents ?? '?'} documents, ${formatBytes(db.bytes ?? 0)}`;
  }
  rows.push(['database', dbMark, dbState]);
  const models = report.models;
  const files = models.files.map((file) => `${file.name} (${formatBytes(file.bytes)})`).join(', ') || 'none';
  rows.push(['models', models.ok ? ok : bad, models.ok ? `${files} in ${models.folder}` : `${files} in ${models.folder}: ${models.error}`]);
  rows.push([
    'chromium',
    report.chromium.path ? ok : note,
    report.chromium.path
      ? `${report.chromium.path} (from ${report.chromium.via})`
      : 'not found (only the web UI tests need it; set CHROMIUM_PATH to one)',
  ]);
  const nameWidth = Math.max(...rows.map(([name]) => name.length));
  const markWidth = 4;
  const lines = rows.map(([name, mark, text]) => {
    const shown = mark === '' ? ''.padEnd(markWidth) : mark + ' '.repeat(Math.max(0, markWidth - (mark === ok ? 2 : 4)));
    return `${name.padEnd(nameWidth)}  ${shown}  ${text}`.trimEnd();
  });
  lines.push('', broken.length === 0 ? 'Everything claimtrace needs is in place.' : `${broken.length === 1 ? 'One problem' : `${broken.length} problems`}:`);
  for (const problem of broken) lines.push(`  - ${problem}`);
  return `${lines.join('\n')}\n`;
}
