/** Every command, in the order `claimtrace --help` and docs/cli.md list them. */
import type { Command } from '../options.js';
import { analyzeCommand } from './analyze.js';
import { corpusCommand } from './corpus.js';
import { demoCommand } from './demo.js';
import { listCommand } from './list.js';
import { showCommand } from './show.js';

export const commands: readonly Command[] = [analyzeCommand, listCommand, showCommand, corpusCommand, demoCommand];
