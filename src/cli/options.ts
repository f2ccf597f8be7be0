/**
 * Commands and their options declared as data, a small parser for them, and the help text made
 * from the same declarations (so `--help`, docs/cli.md and the docs-coverage test cannot drift
 * apart). Option names are used as written: `--no-store` is the boolean option `no-store`.
 */

/** Exit codes shared by every command. */
export const EXIT_OK = 0;
/** Something the user asked for could not be done (a file failed, an id is unknown). */
export const EXIT_FAILURE = 1;
/** The command line itself is wrong: unknown option, missing argument, bad value. */
export const EXIT_USAGE = 2;

export interface OptionSpec {
  /** Long name without dashes: `published-at` is `--published-at`. */
  name: string;
  /** One letter, without the dash. */
  alias?: string;
  type: 'boolean' | 'string';
  describe: string;
  /** Placeholder shown in help for a string option: `--db <path>`. */
  valueName?: string;
}

export interface ArgumentSpec {
  /** Placeholder shown in usage and help: `<id>`. */
  name: string;
  describe: string;
  required: boolean;
  /** Takes every remaining argument (only the last argument may). */
  variadic?: boolean;
}

/** Anything text can be written to: `process.stdout`, or a buffer in tests. */
export interface TextSink {
  write(text: string): unknown;
}

/** Everything a command may touch of its process, so tests can run commands in-process. */
export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  /** Whether stderr is an interactive terminal (progress bars are drawn only then). */
  isTTY: boolean;
  /** Width of the terminal behind stderr, when known. */
  columns?: number;
  /** Whether stdout is an interactive terminal (colour is used only then; see style.ts). */
  stdoutIsTTY?: boolean;
  /** Width of the terminal behind stdout, when it is one. */
  stdoutColumns?: number;
}

export type OptionValues = Record<string, string | boolean | undefined>;

export interface ParsedArgs {
  options: OptionValues;
  positionals: string[];
}

export interface Command {
  name: string;
  /** One sentence, shown in the command list and at the top of the command's help. */
  describe: string;
  /** The synopsis after `Usage:`, starting with `claimtrace <name>`. */
  usage: string;
  /** Complete command lines, each runnable as written. */
  examples: string[];
  options: OptionSpec[];
  arguments?: ArgumentSpec[];
  /** Paragraphs on behaviour worth knowing, shown in help after the usage line and in docs/cli.md. */
  notes?: string[];
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}

/** Options every command accepts, handled before `run` is called. */
export const COMMON_OPTIONS: readonly OptionSpec[] = [{ name: 'help', alias: 'h', type: 'boolean', describe: 'Show this help and exit.' }];

/** Options of `claimtrace` itself, before any command. */
export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { name: 'help', alias: 'h', type: 'boolean', describe: 'Show the list of commands and exit.' },
  { name: 'version', alias: 'V', type: 'boolean', describe: 'Print the claimtrace version and exit.' },
];

export type ParseResult = { ok: true; args: ParsedArgs } | { ok: false; message: string };

/**
 * Parses `argv` (the words after the command name) against option specs. Accepts `--name`,
 * `--name value`, `--name=value`, `-a`, `-a value`, and `--` to end options; a lone `-` is an
 * argument (stdin). Later values win over earlier ones. Arity of arguments is checked separately
 * (`checkArguments`), because `--help` must work without them.
 */
export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[]): ParseResult {
  const options: OptionValues = {};
  const positionals: string[] = [];
  const byName = new Map(specs.map((spec) => [spec.name, spec]));
  const byAlias = new Map(specs.filter((spec) => spec.alias).map((spec) => [spec.alias!, spec]));
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (word === '-' || !word.startsWith('-')) {
      positionals.push(word);
      continue;
    }
    const long = word.startsWith('--');
    const body = long ? word.slice(2) : word.slice(1);
    const equals = long ? body.indexOf('=') : -1;
    const key = equals === -1 ? body : body.slice(0, equals);
    const spec = long ? byName.get(key) : byAlias.get(key);
    if (!spec) return { ok: false, message: `unknown option ${long ? '--' : '-'}${key}` };
    const shown = long ? `--${key}` : `-${key}`;
    if (spec.type === 'boolean') {
      if (equals !== -1) return { ok: false, message: `option ${shown} takes no value` };
      options[spec.name] = true;
      continue;
    }
    if (equals !== -1) {
      options[spec.name] = body.slice(equals + 1);
      continue;
    }
    const next = argv[i + 1];
    if (next === undefined || (next.startsWith('-') && next !== '-')) {
      return { ok: false, message: `option ${shown} needs a value (${placeholder(spec)})` };
    }
    options[spec.name] = next;
    i++;
  }
  return { ok: true, args: { options, positionals } };
}

/** Null when the positionals fit the command's arguments, else what is wrong. */
export function checkArguments(command: Command, positionals: readonly string[]): string | null {
  const specs = command.arguments ?? [];
  const required = specs.filter((spec) => spec.required).length;
  const variadic = specs.some((spec) => spec.variadic);
  if (positionals.length < required) {
    const missing = specs.filter((spec) => spec.required)[positionals.length]!;
    return `missing argument ${missing.name}`;
  }
  if (!variadic && positionals.length > specs.length) {
    return `unexpected argument ${JSON.stringify(positionals[specs.length])}`;
  }
  return null;
}

/** Reads a boolean option. */
export function flag(args: ParsedArgs, name: string): boolean {
  return args.options[name] === true;
}

/** Reads a string option; undefined when it was not given. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.options[name];
  return typeof value === 'string' ? value : undefined;
}

/** Writes a usage problem the same way for every command and returns the usage exit code. */
export function usageError(io: CliIo, commandName: string | null, message: string): number {
  const help = commandName ? `claimtrace ${commandName} --help` : 'claimtrace --help';
  io.stderr.write(`claimtrace${commandName ? ` ${commandName}` : ''}: ${message}\nSee '${help}'.\n`);
  return EXIT_USAGE;
}

function placeholder(spec: OptionSpec): string {
  return `<${spec.valueName ?? 'value'}>`;
}

/** `-h, --help` or `    --db <path>`: the left column of an option in help and docs. */
export function optionSignature(spec: OptionSpec): string {
  const long = `--${spec.name}${spec.type === 'string' ? ` ${placeholder(spec)}` : ''}`;
  return spec.alias ? `-${spec.alias}, ${long}` : `    ${long}`;
}

/** Width notes are wrapped to in help (option tables are not wrapped: they are read by column). */
const HELP_WIDTH = 100;

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

function table(rows: ReadonlyArray<readonly [string, string]>, indent = '  '): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `${indent}${left.padEnd(width)}  ${right}`.trimEnd());
}

/** The text `claimtrace <command> --help` prints. */
export function formatCommandHelp(command: Command): string {
  const lines = [`claimtrace ${command.name}: ${command.describe}`, '', `Usage: ${command.usage}`];
  for (const note of command.notes ?? []) lines.push('', ...wrap(note, HELP_WIDTH));
  const argumentsSpecs = command.arguments ?? [];
  if (argumentsSpecs.length > 0) {
    lines.push('', 'Arguments:', ...table(argumentsSpecs.map((spec) => [spec.name, spec.describe] as const)));
  }
  const options = [...command.options, ...COMMON_OPTIONS];
  lines.push('', 'Options:', ...table(options.map((spec) => [optionSignature(spec), spec.describe] as const)));
  lines.push('', 'Examples:', ...command.examples.map((example) => `  ${example}`));
  return `${lines.join('\n')}\n`;
}

/** The text `claimtrace --help` prints. */
export function formatGlobalHelp(commands: readonly Command[], version: string): string {
  const lines = [
    `claimtrace ${version}: who claims what in news articles (attributed quotes, speakers, stance), stored locally.`,
    '',
    'Usage: claimtrace <command> [options]',
    '',
    'Commands:',
    ...table(commands.map((command) => [command.name, command.describe] as const)),
    '',
    'Options:',
    ...table(GLOBAL_OPTIONS.map((spec) => [optionSignature(spec), spec.describe] as const)),
    '',
    'Examples:',
    ...commands.map((command) => `  ${command.examples[0]}`),
    '',
    "Run 'claimtrace <command> --help' for the options of one command.",
  ];
  return `${lines.join('\n')}\n`;
}
