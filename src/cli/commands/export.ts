import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnalysisJson } from '../../api/index.js';
import { ANALYSIS_SCHEMA } from '../../api/index.js';
import { loadAnalysis, loadDefaultPipeline, storeExists, toolVersion } from '../../engine/index.js';
import {
  CSV_TABLES,
  DEFAULT_MIN_CHECK_WORTHINESS,
  EXPORT_FORMATS,
  exportAnalyses,
  isExportFormat,
  type CsvTable,
  type ExportFormat,
  type ExportOptions,
  type ExportResult,
} from '../../exports/index.js';
import { DB_OPTION, openStoreOrReport, resolveDbPath } from '../database.js';
import { plural } from '../format-text.js';
import { EXIT_FAILURE, EXIT_OK, flag, stringOption, usageError, type CliIo, type Command } from '../options.js';

/** Today as YYYY-MM-DD (UTC), the one clock read of an export. */
function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Contract objects from a JSON Lines file (`analyze --json` output); a bad line is reported and skipped. */
function readAnalysisFile(path: string, io: CliIo): AnalysisJson[] | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    io.stderr.write(`claimtrace: cannot read ${path}: ${error instanceof Error ? error.message : String(error)}\n`);
    return null;
  }
  const out: AnalysisJson[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      const value = JSON.parse(line) as AnalysisJson;
      if (value?.schema !== ANALYSIS_SCHEMA) throw new Error(`not a ${ANALYSIS_SCHEMA} object (schema ${JSON.stringify(value?.schema ?? null)})`);
      out.push(value);
    } catch (error) {
      io.stderr.write(`claimtrace: ${path}:${i + 1}: ${error instanceof Error ? error.message : String(error)}; line skipped\n`);
    }
  });
  return out;
}

/** Writes one format's files: to stdout when there is one file and no --out, else to --out (a file or a folder). */
function writeResult(result: ExportResult, out: string | undefined, io: CliIo, forceDir: boolean): boolean {
  for (const message of result.messages) io.stderr.write(`claimtrace: ${result.format}: ${message}\n`);
  if (out === undefined) {
    if (result.files.length > 1) {
      io.stderr.write(`claimtrace: ${result.format} gives ${result.files.length} files (${result.files.map((f) => f.name).join(', ')}); give --out <folder>, or --table for one CSV table\n`);
      return false;
    }
    io.stdout.write(result.files[0]!.content);
    return true;
  }
  const toDir = forceDir || result.files.length > 1 || isDirectory(out) || out.endsWith('/');
  try {
    if (toDir) {
      mkdirSync(out, { recursive: true });
      for (const file of result.files) writeFileSync(join(out, file.name), file.content);
      io.stderr.write(`claimtrace: ${result.format}: wrote ${result.files.map((f) => join(out, f.name)).join(', ')}\n`);
    } else {
      writeFileSync(out, result.files[0]!.content);
      io.stderr.write(`claimtrace: ${result.format}: wrote ${out}\n`);
    }
  } catch (error) {
    io.stderr.write(`claimtrace: cannot write ${out}: ${error instanceof Error ? error.message : String(error)}\n`);
    return false;
  }
  return true;
}

export const exportCommand: Command = {
  name: 'export',
  describe: 'Export stored analyses as JSON, CSV, W3C Web Annotations, ClaimReview, ACLED, PLOVER, Citron or a GEXF/GraphML network.',
  usage:
    'claimtrace export --format <format> [<id>...] [--out <path>] [--input <file>] [--bom] [--table <table>] [--graph-format gexf|graphml] [--db <path>]',
  arguments: [{ name: '<id>...', describe: "Documents to export, as 'claimtrace list' shows them (default: every stored document).", required: false, variadic: true }],
  options: [
    {
      name: 'format',
      alias: 'f',
      type: 'string',
      valueName: 'format',
      describe: `One of ${EXPORT_FORMATS.join(', ')}, or all (every format, each into its own file of the --out folder).`,
    },
    {
      name: 'out',
      alias: 'o',
      type: 'string',
      valueName: 'path',
      describe: 'File to write (default: standard output), or a folder for formats with several files (csv) and for --format all.',
    },
    {
      name: 'input',
      type: 'string',
      valueName: 'file',
      describe: "Export the claimtrace/analysis@1 objects of a JSON Lines file ('analyze --json' output) instead of the database.",
    },
    { name: 'bom', type: 'boolean', describe: 'csv, acled: start each file with a UTF-8 byte order mark (for spreadsheets that need it).' },
    { name: 'table', type: 'string', valueName: 'table', describe: `csv: only one table, of ${CSV_TABLES.join(', ')} (default: all five, one file each).` },
    { name: 'graph-format', type: 'string', valueName: 'gexf|graphml', describe: 'graph: GEXF 1.3 (default, for Gephi) or GraphML.' },
    {
      name: 'min-check-worthiness',
      type: 'string',
      valueName: 'score',
      describe: `claimreview: the lowest check-worthiness exported (default ${DEFAULT_MIN_CHECK_WORTHINESS}).`,
    },
    { name: 'date', type: 'string', valueName: 'YYYY-MM-DD', describe: 'The export date written into ClaimReview datePublished and PLOVER coded_date (default: today, UTC).' },
    DB_OPTION,
  ],
  notes: [
    'Offsets: json, jsonl and csv keep the contract offsets (UTF-16 code units); web-annotation, plover and citron ' +
      'count Unicode code points, as those formats do. See docs/exports.md for each format with an example.',
    'Records a format cannot hold are counted on stderr (statements and planned events in acled, quotes without a ' +
      'cue verb in citron); claimreview without claims writes an empty array and says why.',
  ],
  examples: [
    'claimtrace export --format csv --out tables/',
    'claimtrace export --format csv --table quotes --bom --out quotes.csv',
    'claimtrace export --format web-annotation 3f2a9c0d1e2b --out annotations.jsonld',
    'claimtrace export --format all --db demo.sqlite --out demo-export/',
    'claimtrace export --format plover --input article.jsonl',
  ],

  async run(args, io) {
    const format = stringOption(args, 'format');
    if (format === undefined) return usageError(io, 'export', `--format is required (${EXPORT_FORMATS.join(', ')}, all)`);
    if (format !== 'all' && !isExportFormat(format)) return usageError(io, 'export', `unknown format ${JSON.stringify(format)} (${EXPORT_FORMATS.join(', ')}, all)`);
    const table = stringOption(args, 'table');
    if (table !== undefined && !(CSV_TABLES as readonly string[]).includes(table)) return usageError(io, 'export', `unknown table ${JSON.stringify(table)} (${CSV_TABLES.join(', ')})`);
    const graphFormat = stringOption(args, 'graph-format');
    if (graphFormat !== undefined && graphFormat !== 'gexf' && graphFormat !== 'graphml') return usageError(io, 'export', '--graph-format must be gexf or graphml');
    const minText = stringOption(args, 'min-check-worthiness');
    const min = minText === undefined ? undefined : Number(minText);
    if (min !== undefined && !(min >= 0 && min <= 1)) return usageError(io, 'export', '--min-check-worthiness must be a number from 0 to 1');
    const date = stringOption(args, 'date');
    if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) return usageError(io, 'export', '--date must be YYYY-MM-DD');
    const out = stringOption(args, 'out');
    if (format === 'all' && out === undefined) return usageError(io, 'export', '--format all writes several files: give --out <folder>');

    const input = stringOption(args, 'input');
    let analyses: AnalysisJson[];
    let failed = false;
    if (input !== undefined) {
      const read = readAnalysisFile(input, io);
      if (!read) return EXIT_FAILURE;
      const wanted = new Set(args.positionals);
      analyses = wanted.size ? read.filter((a) => wanted.has(a.document.id)) : read;
    } else {
      const path = resolveDbPath(stringOption(args, 'db'), io.env);
      if (!storeExists(path)) {
        io.stderr.write(`claimtrace: no database at ${path}; analyse documents first ('claimtrace analyze <file>') or give --input\n`);
        return EXIT_FAILURE;
      }
      const store = openStoreOrReport(path, io);
      if (!store) return EXIT_FAILURE;
      analyses = [];
      try {
        const pipeline = loadDefaultPipeline();
        const ids: string[] = [...args.positionals];
        if (ids.length === 0) for await (const summary of store.iterateDocuments()) ids.push(summary.id);
        for (const id of ids) {
          const analysis = await loadAnalysis(store, id, pipeline);
          if (analysis) analyses.push(analysis);
          else {
            io.stderr.write(`claimtrace: no document with id ${JSON.stringify(id)} in ${path} (see 'claimtrace list')\n`);
            failed = true;
          }
        }
      } finally {
        await store.close();
      }
    }
    if (analyses.length === 0) io.stderr.write('claimtrace: no documents to export\n');

    const options: ExportOptions = {
      toolVersion,
      today: date ?? todayUtc(),
      ...(flag(args, 'bom') ? { bom: true } : {}),
      ...(table ? { table: table as CsvTable } : {}),
      ...(graphFormat ? { graphFormat: graphFormat as 'gexf' | 'graphml' } : {}),
      ...(min !== undefined ? { minCheckWorthiness: min } : {}),
    };
    const formats: ExportFormat[] = format === 'all' ? [...EXPORT_FORMATS] : [format as ExportFormat];
    for (const f of formats) {
      const result = exportAnalyses(f, analyses, options);
      if (!writeResult(result, out, io, format === 'all')) failed = true;
    }
    if (format === 'all') io.stderr.write(`claimtrace: exported ${plural(analyses.length, 'document')} in ${formats.length} formats to ${out}\n`);
    return failed ? EXIT_FAILURE : EXIT_OK;
  },
};
