/**
 * The `claimtrace` entry point: picks the command, parses its options from their declarations and
 * runs it. `bin/claimtrace.js` calls `main(process.argv.slice(2))` and exits with what it returns;
 * tests pass their own `io` to run commands in-process.
 */
import { toolVersion } from '../engine/tool-version.js';
import { tuneV8ForBatches } from '../engine/tune-v8.js';
import type { Command } from './options.js';
import {
  checkArguments,
  COMMON_OPTIONS,
  EXIT_FAILURE,
  EXIT_OK,
  EXIT_USAGE,
  formatCommandHelp,
  formatGlobalHelp,
  GLOBAL_OPTIONS,
  parseArgs,
  usageError,
  type CliIo,
} from './options.js';

/**
 * The commands, loaded on first need: they bring in the engine, the analyses and their data, which
 * `claimtrace --version` has no use for (start-up time, docs/performance.md).
 */
async function loadCommands(): Promise<readonly Command[]> {
  return (await import('./commands/index.js')).commands;
}

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const first = argv[0];
  if (first !== undefined && first.startsWith('-') && first !== '-') {
    const parsed = parseArgs(argv, GLOBAL_OPTIONS);
    if (parsed.ok && parsed.args.options.version) {
      io.stdout.write(`${toolVersion}\n`);
      return EXIT_OK;
    }
  }
  // Before any analysis code is compiled, here and on the analysis threads (decision 0067).
  tuneV8ForBatches();
  const commands = await loadCommands();
  if (first === undefined) {
    io.stderr.write(formatGlobalHelp(commands, toolVersion));
    return EXIT_USAGE;
  }
  if (first.startsWith('-') && first !== '-') {
    const parsed = parseArgs(argv, GLOBAL_OPTIONS);
    if (!parsed.ok) return usageError(io, null, parsed.message);
    if (parsed.args.options.version) {
      io.stdout.write(`${toolVersion}\n`);
      return EXIT_OK;
    }
    if (parsed.args.options.help && parsed.args.positionals.length === 0) {
      io.stdout.write(formatGlobalHelp(commands, toolVersion));
      return EXIT_OK;
    }
    return usageError(io, null, 'options go after the command name: claimtrace <command> [options]');
  }

  // `claimtrace help` and `claimtrace help <command>` are the same as the --help flags.
  if (first === 'help') {
    const name = argv[1];
    if (name === undefined) {
      io.stdout.write(formatGlobalHelp(commands, toolVersion));
      return EXIT_OK;
    }
    const command = commands.find((candidate) => candidate.name === name);
    if (!command) return usageError(io, null, `unknown command ${JSON.stringify(name)}`);
    io.stdout.write(formatCommandHelp(command));
    return EXIT_OK;
  }

  const command = commands.find((candidate) => candidate.name === first);
  if (!command) {
    return usageError(io, null, `unknown command ${JSON.stringify(first)} (commands: ${commands.map((c) => c.name).join(', ')})`);
  }
  const parsed = parseArgs(argv.slice(1), [...command.options, ...COMMON_OPTIONS]);
  if (!parsed.ok) return usageError(io, command.name, parsed.message);
  if (parsed.args.options.help) {
    io.stdout.write(formatCommandHelp(command));
    return EXIT_OK;
  }
  const problem = checkArguments(command, parsed.args.positionals);
  if (problem) return usageError(io, command.name, problem);
  try {
    return await command.run(parsed.args, io);
  } catch (error) {
    // A database server that cannot be reached is the user's to fix: its message, not a stack trace.
    if (error instanceof (await import('../engine/index.js')).StoreOpenError) {
      io.stderr.write(`claimtrace ${command.name}: ${error.message}\n`);
      return EXIT_FAILURE;
    }
    throw error;
  }
}

/** The real process's streams. A closed stdout (`claimtrace analyze … --json | head`) ends quietly. */
export function processIo(): CliIo {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_OK);
    throw error;
  });
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    isTTY: Boolean(process.stderr.isTTY),
    ...(process.stderr.columns ? { columns: process.stderr.columns } : {}),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    ...(process.stdout.isTTY && process.stdout.columns ? { stdoutColumns: process.stdout.columns } : {}),
  };
}
