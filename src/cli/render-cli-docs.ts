/**
 * docs/cli.md, rendered from the command declarations: the same data `--help` prints, so the page
 * cannot miss a command or an option. `scripts/generate-cli-docs.ts` writes it and
 * `test/contract/cli-docs.test.ts` fails when the committed page is stale.
 */
import { COMMON_OPTIONS, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, GLOBAL_OPTIONS, type Command, type OptionSpec } from './options.js';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function optionName(spec: OptionSpec): string {
  const long = `\`--${spec.name}${spec.type === 'string' ? ` <${spec.valueName ?? 'value'}>` : ''}\``;
  return spec.alias ? `\`-${spec.alias}\`, ${long}` : long;
}

function optionTable(options: readonly OptionSpec[]): string[] {
  return ['| option | description |', '|---|---|', ...options.map((spec) => `| ${cell(optionName(spec))} | ${cell(spec.describe)} |`)];
}

export function renderCliDocs(commands: readonly Command[]): string {
  const lines = [
    '# The `claimtrace` command line',
    '',
    '<!-- Generated from src/cli/commands/ by scripts/generate-cli-docs.ts. Do not edit by hand:',
    '     run `npx tsx scripts/generate-cli-docs.ts` after changing a command. -->',
    '',
    '`claimtrace <command> [options]`. Every command prints its own help with `--help`.',
    '',
    '| command | what it does |',
    '|---|---|',
    ...commands.map((command) => `| [\`${command.name}\`](#claimtrace-${command.name}) | ${cell(command.describe)} |`),
    '',
    '## Global options',
    '',
    ...optionTable(GLOBAL_OPTIONS),
    '',
    '## Exit codes',
    '',
    '| code | meaning |',
    '|---|---|',
    `| ${EXIT_OK} | everything asked for was done |`,
    `| ${EXIT_FAILURE} | something failed: an input could not be read or analysed (the others were still analysed and stored), an unknown id, a database that cannot be opened |`,
    `| ${EXIT_USAGE} | the command line is wrong: unknown command or option, missing argument, bad option value |`,
    '',
    '## Output streams',
    '',
    'Results go to standard output; messages (`claimtrace: <message>`), the closing count and the progress bar go to',
    'standard error. The progress bar is drawn only when standard error is a terminal, so pipes and logs never see it.',
    'With `--json`, standard output holds nothing but JSON.',
    '',
    '## Which database',
    '',
    '`--db <path>` wins; then the `CLAIMTRACE_DB` environment variable; then `claimtrace.sqlite` in the per-user data folder',
    '(`$XDG_DATA_HOME/claimtrace/` or `~/.local/share/claimtrace/` on Linux, `~/Library/Application Support/claimtrace/` on',
    'macOS, `%LOCALAPPDATA%\\claimtrace\\` on Windows). `list` and `show` never create a database.',
  ];
  for (const command of commands) {
    lines.push('', `## claimtrace ${command.name}`, '', command.describe, '', '```', command.usage, '```');
    for (const note of command.notes ?? []) lines.push('', note);
    const argumentSpecs = command.arguments ?? [];
    if (argumentSpecs.length > 0) {
      lines.push(
        '',
        '| argument | description |',
        '|---|---|',
        ...argumentSpecs.map((spec) => `| \`${cell(spec.name)}\` | ${cell(spec.describe)}${spec.required ? '' : ' (optional)'} |`),
      );
    }
    lines.push('', ...optionTable([...command.options, ...COMMON_OPTIONS]), '', 'Examples:', '', '```sh', ...command.examples, '```');
  }
  return `${lines.join('\n')}\n`;
}
