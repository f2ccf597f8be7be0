/**
 * The user's alias table (`claimtrace analyze --aliases FILE`): a YAML file read once per process and
 * handed to the analyses as the resource `resolve-aliases/user-aliases`, in place of the empty table
 * bundled by default. Its content hash is the resource's hash, so it is part of the cache key of
 * resolve-aliases and of every analysis that reads entities. The format is documented in
 * docs/analyses/resolve-aliases.md:
 *
 *   join:
 *     - name: Islamic State
 *       type: organization
 *       aliases: [ISIS, ISIL, Daesh]
 *   apart:
 *     - [Joe Biden, Hunter Biden]
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Node } from 'yaml';
import type { Resource } from '../core/resources.js';
import { ENTITY_TYPES, type AliasJoin, type AliasTable, type EntityType } from '../analyses/resolve-aliases/alias-table.js';
import { USER_ALIASES } from '../analyses/resolve-aliases/resource-ids.js';
import { hashText } from './hash-text.js';
import type { Store } from '../store/store.js';
import { createPipeline, DEFAULT_PIPELINE_SPEC, loadDefaultPipeline, type Pipeline, type PipelineSpec } from './pipeline.js';

/** A bad alias file: the message names the file and the line. */
export class AliasFileError extends Error {}

/**
 * The YAML parser, loaded when an alias table is first read: most runs have none, and importing it
 * costs about 0.1 CPU seconds at start-up (docs/performance.md). Its CommonJS build loads synchronously.
 */
let yamlModule: typeof import('yaml') | null = null;
function yaml(): typeof import('yaml') {
  yamlModule ??= createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return yamlModule;
}

/** Parses and checks an alias table; `file` is only used in error messages. */
export function parseAliasTable(text: string, file: string): AliasTable {
  const { isMap, isScalar, isSeq, LineCounter, parseDocument } = yaml();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const fail = (node: Node | null | undefined, message: string): never => {
    const offset = node?.range?.[0] ?? 0;
    throw new AliasFileError(`${file}:${lines.linePos(offset).line}: ${message}`);
  };
  const firstError = doc.errors[0];
  if (firstError) {
    const line = firstError.linePos?.[0]?.line ?? lines.linePos(firstError.pos[0]).line;
    throw new AliasFileError(`${file}:${line}: not valid YAML: ${firstError.message.split('\n')[0]}`);
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { join: [], apart: [] };
  if (!isMap(root)) return fail(root, 'expected a mapping with the keys "join" and "apart"');
  const text1 = (node: unknown, what: string): string => {
    if (!isScalar(node) || typeof node.value !== 'string' || node.value.trim() === '') return fail(node as Node, `${what} must be a non-empty string`);
    return node.value.trim();
  };
  const join: AliasJoin[] = [];
  const apart: string[][] = [];
  const seen = new Map<string, string>();
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? pair.key.value : null;
    if (key === 'join') {
      if (pair.value === null || (isScalar(pair.value) && pair.value.value === null)) continue;
      if (!isSeq(pair.value)) fail(pair.value as Node, '"join" must be a list of entries');
      for (const item of (pair.value as { items: unknown[] }).items) {
        if (!isMap(item)) return fail(item as Node, 'each "join" entry must be a mapping with "name", "type" and "aliases"');
        let name: string | null = null;
        let type: EntityType | null = null;
        const aliases: string[] = [];
        for (const field of item.items) {
          const fieldName = isScalar(field.key) ? field.key.value : null;
          if (fieldName === 'name') name = text1(field.value, '"name"');
          else if (fieldName === 'type') {
            const value = text1(field.value, '"type"');
            if (!ENTITY_TYPES.includes(value as EntityType)) fail(field.value as Node, `"type" must be one of ${ENTITY_TYPES.join(', ')}, got "${value}"`);
            type = value as EntityType;
          } else if (fieldName === 'aliases') {
            if (!isSeq(field.value)) fail(field.value as Node, '"aliases" must be a list of names');
            for (const alias of (field.value as { items: unknown[] }).items) aliases.push(text1(alias, 'an alias'));
          } else fail(field.key as Node, `unknown field ${JSON.stringify(fieldName)} in a "join" entry (expected name, type, aliases)`);
        }
        if (name === null) return fail(item, 'a "join" entry needs a "name"');
        for (const written of [name, ...aliases]) {
          const folded = written.toLowerCase();
          const other = seen.get(folded);
          if (other !== undefined && other !== name) fail(item, `"${written}" is already joined to "${other}"`);
          seen.set(folded, name);
        }
        join.push(Object.freeze({ name, type, aliases: Object.freeze(aliases) }));
      }
    } else if (key === 'apart') {
      if (pair.value === null || (isScalar(pair.value) && pair.value.value === null)) continue;
      if (!isSeq(pair.value)) fail(pair.value as Node, '"apart" must be a list of lists of names');
      for (const group of (pair.value as { items: unknown[] }).items) {
        if (!isSeq(group) || group.items.length < 2) return fail(group as Node, 'each "apart" entry must be a list of at least two names');
        const names = group.items.map((n) => text1(n, 'a name'));
        const joined = names.map((n) => seen.get(n.toLowerCase()));
        for (let i = 0; i < names.length; i++) {
          for (let j = i + 1; j < names.length; j++) {
            if (joined[i] !== undefined && joined[i] === joined[j]) fail(group, `"${names[i]}" and "${names[j]}" are both joined to "${joined[i]}" and cannot be kept apart`);
          }
        }
        apart.push(names);
      }
    } else fail(pair.key as Node, `unknown key ${JSON.stringify(key)} (expected "join" or "apart")`);
  }
  return Object.freeze({ join: Object.freeze(join), apart: Object.freeze(apart.map((g) => Object.freeze(g))) });
}

/** Reads an alias file into the resource that replaces the empty table. */
export function loadAliasTable(path: string): Resource<typeof USER_ALIASES> {
  return aliasTableResource(readAliasFile(path), path);
}

/** The text of an alias file; a file that cannot be read is an AliasFileError naming it. */
export function readAliasFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new AliasFileError(`${path}: cannot read the alias table (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

/** An alias table's text as the resource; `where` names it in error messages (a path, or the database). */
export function aliasTableResource(text: string, where: string): Resource<typeof USER_ALIASES> {
  return { id: USER_ALIASES, hash: hashText(text.replace(/\r\n/g, '\n')), value: parseAliasTable(text, where) };
}

/** A pipeline (the default one unless given) with the user's alias table from `path` in place of its own. */
export function pipelineWithAliases(path: string, base: Pipeline = loadDefaultPipeline()): Pipeline {
  return pipelineWithAliasTable(loadAliasTable(path), base);
}

function pipelineWithAliasTable(table: Resource<typeof USER_ALIASES>, base: Pipeline, spec?: PipelineSpec): Pipeline {
  const others = (Object.values(base.resources) as (Resource | undefined)[]).filter((r): r is Resource => r !== undefined && r.id !== USER_ALIASES);
  return createPipeline(base.analyses, [...others, table], spec);
}

/**
 * The default pipeline with an alias table given as text: how a worker thread rebuilds the pipeline
 * of a run with an alias table (see `PipelineSpec`).
 */
export function pipelineFromAliasText(argument: { text: string; where: string }): Pipeline {
  return pipelineWithAliasTable(aliasTableResource(argument.text, argument.where), loadDefaultPipeline(), aliasSpec(argument.text, argument.where));
}

/** The spec of the default pipeline with this alias table, or none over another base. */
function specFor(base: Pipeline, text: string, where: string): PipelineSpec | undefined {
  return base.spec === DEFAULT_PIPELINE_SPEC ? aliasSpec(text, where) : undefined;
}

function aliasSpec(text: string, where: string): PipelineSpec {
  return { worker: DEFAULT_PIPELINE_SPEC.worker, argument: { text, where } };
}

/** The name under which a database keeps its alias table (Store settings). */
export const ALIASES_SETTING = 'aliases';

export interface AliasChoice {
  /** The pipeline with the table, or undefined for the default (no table). */
  pipeline: Pipeline | undefined;
  /** Where the table came from. */
  from: 'file' | 'store' | null;
}

/**
 * The alias table of a run on a database: the file given, which is then kept in the database for later
 * runs, or else the table kept there by an earlier run, so that a corpus analysed over several runs
 * joins and splits entities the same way. An empty file clears the kept table. Without a store, only
 * the file counts. A bad file (or a bad kept table) is an AliasFileError.
 */
export async function chooseAliasTable(store: Store | null, path: string | undefined, base: Pipeline = loadDefaultPipeline()): Promise<AliasChoice> {
  if (path !== undefined) {
    const text = readAliasFile(path);
    const pipeline = pipelineWithAliasTable(aliasTableResource(text, path), base, specFor(base, text, path));
    if (store) await store.putSetting(ALIASES_SETTING, text.trim() === '' ? null : text);
    return { pipeline, from: 'file' };
  }
  const kept = store ? await store.getSetting(ALIASES_SETTING) : null;
  if (kept === null) return { pipeline: undefined, from: null };
  const where = 'the alias table kept in the database';
  return { pipeline: pipelineWithAliasTable(aliasTableResource(kept, where), base, specFor(base, kept, where)), from: 'store' };
}
