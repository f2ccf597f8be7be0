/** Every command, in the order `claimtrace --help` and docs/cli.md list them. */
import type { Command } from '../options.js';
import { analyzeCommand } from './analyze.js';
import { backupCommand, restoreCommand } from './backup.js';
import { claimsCommand } from './claims.js';
import { corpusCommand } from './corpus.js';
import { demoCommand } from './demo.js';
import { doctorCommand } from './doctor.js';
import { exportCommand } from './export.js';
import { importCommand } from './import.js';
import { listCommand } from './list.js';
import { reanalyzeCommand } from './reanalyze.js';
import { searchCommand } from './search.js';
import { serveCommand } from './serve.js';
import { showCommand } from './show.js';
import { enqueueCommand, jobsCommand, workerCommand } from './queue.js';

export const commands: readonly Command[] = [
  analyzeCommand,
  reanalyzeCommand,
  listCommand,
  showCommand,
  searchCommand,
  claimsCommand,
  corpusCommand,
  serveCommand,
  exportCommand,
  importCommand,
  backupCommand,
  restoreCommand,
  enqueueCommand,
  workerCommand,
  jobsCommand,
  demoCommand,
  doctorCommand,
];
