import { backupStore, restoreStore } from '../../engine/index.js';
import { DB_OPTION, resolveDbPath } from '../database.js';
import { plural } from '../format-text.js';
import { EXIT_FAILURE, EXIT_OK, flag, stringOption, usageError, type Command } from '../options.js';

export const backupCommand: Command = {
  name: 'backup',
  describe: 'Copy the database to a new file: a consistent snapshot, even while another command writes to it.',
  usage: 'claimtrace backup <file> [--db <path>]',
  arguments: [{ name: '<file>', describe: 'The backup file to write; it must not exist yet.', required: true }],
  options: [DB_OPTION],
  notes: ['The copy is checked (PRAGMA integrity_check) before the command reports success. Restore it with `claimtrace restore`.'],
  examples: ['claimtrace backup claimtrace-2024-03-04.sqlite', 'claimtrace backup /backups/news.sqlite --db news.sqlite'],

  async run(args, io) {
    const [destination, ...extra] = args.positionals;
    if (destination === undefined || extra.length > 0) return usageError(io, 'backup', 'expected one backup file');
    const path = resolveDbPath(stringOption(args, 'db'), io.env);
    try {
      const summary = await backupStore(path, destination);
      io.stderr.write(`backed up ${plural(summary.documents, 'document')} from ${path} to ${destination}\n`);
      return EXIT_OK;
    } catch (error) {
      io.stderr.write(`claimtrace backup: ${error instanceof Error ? error.message : String(error)}\n`);
      return EXIT_FAILURE;
    }
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  describe: 'Replace the database with a backup made by `claimtrace backup`, after checking the backup.',
  usage: 'claimtrace restore <file> [--db <path>] [--force]',
  arguments: [{ name: '<file>', describe: 'The backup file to restore.', required: true }],
  options: [DB_OPTION, { name: 'force', type: 'boolean', describe: 'Replace a database that already holds documents.' }],
  notes: [
    'The backup must pass SQLite\'s integrity check and come from this or an earlier claimtrace (an older one is ' +
      'migrated to the current schema); otherwise nothing is changed.',
  ],
  examples: ['claimtrace restore claimtrace-2024-03-04.sqlite --force'],

  async run(args, io) {
    const [source, ...extra] = args.positionals;
    if (source === undefined || extra.length > 0) return usageError(io, 'restore', 'expected one backup file');
    const path = resolveDbPath(stringOption(args, 'db'), io.env);
    try {
      const summary = await restoreStore(source, path, { force: flag(args, 'force') });
      io.stderr.write(`restored ${plural(summary.documents, 'document')} from ${source} to ${path}\n`);
      return EXIT_OK;
    } catch (error) {
      io.stderr.write(`claimtrace restore: ${error instanceof Error ? error.message : String(error)}\n`);
      return EXIT_FAILURE;
    }
  },
};
