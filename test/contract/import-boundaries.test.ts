// Keeps the layers of docs/architecture.md: each folder of src/ may import only the folders listed.
//
// `checkImports(path, source)` parses one file with the TypeScript parser (so comments and strings
// never count) and returns its violations. It sees every way a module gets loaded: `import … from`,
// side-effect `import './x.js'`, dynamic `import('…')`, `export … from`, `require(…)` and
// `import x = require(…)`. Type-only imports (`import type`, `export type`, `import { type X }` where
// every name is a type, and `import('…').X` in a type position) load nothing at run time, and some
// layers may import others for types only.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix, relative, sep } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const src = fileURLToPath(new URL('../../src/', import.meta.url));

/**
 * The layer table of src/README.md: folder -> folders of ours it may import (itself always allowed).
 * `types` lists the folders it may import for types only. Packages and Node built-ins are checked
 * separately (NO_NODE).
 */
const LAYERS: Record<string, { values: string[]; types: string[] }> = {
  core: { values: [], types: [] },
  learn: { values: ['core'], types: [] },
  analyses: { values: ['core', 'learn'], types: ['api'] },
  corpus: { values: ['core', 'analyses', 'api'], types: [] },
  store: { values: [], types: ['core', 'api'] },
  engine: { values: ['core', 'learn', 'analyses', 'corpus', 'store', 'api', 'exports'], types: [] },
  api: { values: [], types: [] },
  exports: { values: ['api'], types: [] },
  cli: { values: ['engine', 'server', 'api', 'exports'], types: [] },
  server: { values: ['engine', 'api', 'exports'], types: [] },
  web: { values: ['api'], types: [] },
  '.': { values: ['engine', 'api', 'core'], types: [] },
};

/** Folders that must also run in a browser: no Node built-ins, no native or server packages. */
const NO_NODE = new Set(['core', 'learn', 'analyses', 'api', 'exports', 'web']);
/** Packages that need Node, a native addon or a server; never in a browser layer. */
const NODE_ONLY_PACKAGES = ['better-sqlite3', 'pg', 'ioredis', 'redis'];
const BUILTINS = new Set(builtinModules);

/** True for `fs`, `fs/promises`, `node:fs`, `node:test`... and for subpaths of those. */
export function isNodeBuiltin(specifier: string): boolean {
  if (specifier.startsWith('node:')) return true;
  return BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0]!);
}

function isNodeOnlyPackage(specifier: string): boolean {
  return NODE_ONLY_PACKAGES.some((name) => specifier === name || specifier.startsWith(`${name}/`));
}

/** The layer of a path relative to src/ (posix separators): its first folder, or '.' for a top-level file. */
export function layerOf(relPath: string): string {
  return relPath.includes('/') ? relPath.split('/')[0]! : '.';
}

export interface ImportSite {
  specifier: string | null;
  typeOnly: boolean;
  how: string;
  line: number;
}

function stringArgument(node: ts.Expression | undefined): string | null {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : null;
}

/** Every module the source loads or names, with whether the reference is for types only. */
export function importSites(fileName: string, source: string): ImportSite[] {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, kind);
  const sites: ImportSite[] = [];
  const add = (node: ts.Node, specifier: string | null, typeOnly: boolean, how: string) =>
    sites.push({ specifier, typeOnly, how, line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1 });

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const specifier = stringArgument(node.moduleSpecifier as ts.Expression);
      const clause = node.importClause;
      if (!clause) add(node, specifier, false, 'side-effect import');
      else {
        const bindings = clause.namedBindings;
        const namedAllTypes =
          bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
        const typeOnly = clause.isTypeOnly || (clause.name === undefined && namedAllTypes);
        add(node, specifier, typeOnly, 'import');
      }
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      const specifier = stringArgument(node.moduleSpecifier);
      const clause = node.exportClause;
      const namedAllTypes = clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
      add(node, specifier, node.isTypeOnly || namedAllTypes, 'export from');
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, stringArgument(node.moduleReference.expression), node.isTypeOnly, 'import = require');
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      const specifier = ts.isLiteralTypeNode(arg) && ts.isStringLiteral(arg.literal) ? arg.literal.text : null;
      add(node, specifier, true, 'import() type');
    } else if (ts.isCallExpression(node)) {
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node, stringArgument(node.arguments[0]), false, 'dynamic import()');
      else if (ts.isIdentifier(node.expression) && node.expression.text === 'require') add(node, stringArgument(node.arguments[0]), false, 'require()');
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return sites;
}

/**
 * The layer violations of one file. `relPath` is the file's path relative to src/, with `/`
 * separators (`core/analysis.ts`, `index.ts`); `source` its text. Returns one line per problem.
 */
export function checkImports(relPath: string, source: string): string[] {
  const problems: string[] = [];
  const layer = layerOf(relPath);
  const rules = LAYERS[layer];
  if (!rules) return [`${relPath}: folder "${layer}" is not in the layer table`];
  for (const site of importSites(relPath, source)) {
    const at = `${relPath}:${site.line}`;
    const { specifier } = site;
    if (specifier === null) {
      problems.push(`${at}: ${site.how} with a computed specifier cannot be checked; use a string literal`);
      continue;
    }
    if (specifier.startsWith('.')) {
      const target = posix.normalize(posix.join(posix.dirname(relPath), specifier));
      if (target === '..' || target.startsWith('../')) {
        problems.push(`${at}: ${site.how} ${specifier}, outside src/`);
        continue;
      }
      const targetLayer = layerOf(target);
      if (targetLayer === layer || rules.values.includes(targetLayer)) continue;
      if (site.typeOnly && rules.types.includes(targetLayer)) continue;
      if (rules.types.includes(targetLayer)) {
        problems.push(`${at}: ${layer} may import ${targetLayer} for types only (${site.how} ${specifier}); use import type`);
      } else {
        problems.push(`${at}: ${layer} may not import ${targetLayer} (${site.how} ${specifier})`);
      }
    } else if (NO_NODE.has(layer) && (isNodeBuiltin(specifier) || isNodeOnlyPackage(specifier))) {
      problems.push(`${at}: ${layer} must run in a browser and may not import ${specifier} (${site.how})`);
    }
  }
  return problems;
}

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'fixtures') files(path, out);
    } else if ((name.endsWith('.ts') || name.endsWith('.tsx')) && !/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

const relToSrc = (file: string) => relative(src, file).split(sep).join('/');

// ---------------------------------------------------------------------------------------------
// The checker on made-up sources: each case shows that a kind of violation is caught.

const caught = (path: string, source: string) => assert.notDeepEqual(checkImports(path, source), [], `expected a violation in ${path}: ${source}`);
const clean = (path: string, source: string) => assert.deepEqual(checkImports(path, source), []);

test('checker: a value import across the table is caught, an allowed one passes', () => {
  caught('core/a.ts', `import { analyses } from '../analyses/index.js';`);
  caught('analyses/x/a.ts', `import { analyzeText } from '../../engine/analyze-text.js';`);
  caught('cli/a.ts', `import { SqliteStore } from '../store/sqlite-store.js';`);
  caught('index.ts', `import { x } from './store/store.js';`);
  caught('core/a.ts', `import { x } from '../../eval/paths.js';`);
  clean('engine/a.ts', `import { analyses } from '../analyses/index.js';\nimport { SqliteStore } from '../store/sqlite-store.js';`);
  clean('analyses/x/a.ts', `import { spanAt } from '../../core/span.js';\nimport { y } from '../y/y.js';`);
  clean('index.ts', `export { analyzeText } from './engine/index.js';`);
});

test('checker: side-effect imports, dynamic import(), export from and require() are caught', () => {
  caught('core/a.ts', `import '../engine/register.js';`);
  caught('analyses/x/a.ts', `const m = await import('../../store/sqlite-store.js');`);
  caught('api/a.ts', `export * from '../engine/index.js';`);
  caught('api/a.ts', `export { analyzeText } from '../engine/index.js';`);
  caught('web/a.ts', `const s = require('../store/sqlite-store.js');`);
  caught('core/a.ts', `import fs = require('fs');`);
  caught('core/a.ts', 'const m = await import(`../engine/${name}.js`);');
});

test('checker: comments and strings are not imports', () => {
  clean(
    'core/a.ts',
    [
      `// import { x } from '../engine/index.js';`,
      `/* require('fs'); import('../store/x.js') */`,
      `const s = "import fs from 'node:fs'";`,
      'const t = `export * from "../engine/index.js"`;',
    ].join('\n'),
  );
});

test('checker: Node built-ins and native or server packages are caught in browser layers only', () => {
  for (const specifier of ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'path', 'crypto', 'node:crypto', 'os', 'child_process', 'stream/web', 'worker_threads', 'node:test', 'node:sqlite', 'better-sqlite3', 'pg', 'pg/lib/client.js', 'ioredis', 'redis']) {
    for (const layer of ['core', 'analyses', 'api', 'web']) caught(`${layer}/a.ts`, `import x from '${specifier}';`);
    caught('core/a.ts', `const x = require('${specifier}');`);
    caught('web/a.ts', `const x = await import('${specifier}');`);
    caught('analyses/x/a.ts', `import '${specifier}';`);
    caught('api/a.ts', `export { x } from '${specifier}';`);
    clean('engine/a.ts', `import x from '${specifier}';`);
    clean('store/a.ts', `import x from '${specifier}';`);
  }
  // Every built-in Node lists, with and without the prefix.
  for (const name of builtinModules) {
    caught('core/a.ts', `import x from '${name}';`);
    caught('core/a.ts', `import x from 'node:${name.replace(/^node:/, '')}';`);
  }
  // A package that merely starts like one is not one.
  clean('core/a.ts', `import x from 'pgp-lite';\nimport y from 'redisplay';\nimport z from 'fsm-kit';`);
});

test('checker: type-only imports are told from value imports', () => {
  // store may import core and api for types only.
  clean('store/a.ts', `import type { Document } from '../core/document.js';`);
  clean('store/a.ts', `import { type Document, type Span } from '../core/document.js';`);
  clean('store/a.ts', `export type { AnalysisJson } from '../api/analysis-json.js';`);
  clean('store/a.ts', `export { type AnalysisJson } from '../api/analysis-json.js';`);
  clean('store/a.ts', `let d: import('../core/document.js').Document;`);
  caught('store/a.ts', `import { createDocument } from '../core/document.js';`);
  caught('store/a.ts', `import { createDocument, type Document } from '../core/document.js';`);
  caught('store/a.ts', `import core, { type Document } from '../core/document.js';`);
  caught('store/a.ts', `import * as core from '../core/document.js';`);
  caught('store/a.ts', `import '../core/document.js';`);
  caught('store/a.ts', `export { STANCES } from '../api/analysis-json.js';`);
  caught('store/a.ts', `export * from '../api/analysis-json.js';`);
  caught('store/a.ts', `const c = await import('../core/document.js');`);
  // analyses may import api for types only, and core for values.
  clean('analyses/x/a.ts', `import type { QuoteJson } from '../../api/analysis-json.js';`);
  clean('analyses/x/a.ts', `import { type QuoteJson } from '../../api/analysis-json.js';`);
  caught('analyses/x/a.ts', `import { STANCES } from '../../api/analysis-json.js';`);
  caught('analyses/x/a.ts', `import { type QuoteJson, STANCES } from '../../api/analysis-json.js';`);
  // Types only never open a layer that is not listed at all.
  caught('store/a.ts', `import type { Analysis } from '../analyses/index.js';`);
  caught('core/a.ts', `import type { AnalysisJson } from '../api/analysis-json.js';`);
  caught('store/a.ts', `let e: import('../engine/index.js').Store;`);
  // Built-ins are kept out of browser layers even for types: the layer must not need Node's types.
  caught('core/a.ts', `import type { Buffer } from 'node:buffer';`);
});

test('checker: learn imports core only, runs in a browser, and analyses and engine may import it', () => {
  clean('learn/a.ts', `import { spanAt } from '../core/span.js';`);
  caught('learn/a.ts', `import { analyses } from '../analyses/index.js';`);
  caught('learn/a.ts', `import fs from 'node:fs';`);
  clean('analyses/x/a.ts', `import { viterbi } from '../../learn/sequence-tagger.js';`);
  clean('engine/a.ts', `import { decodeSequenceTagger } from '../learn/sequence-tagger.js';`);
  caught('core/a.ts', `import { viterbi } from '../learn/sequence-tagger.js';`);
  caught('store/a.ts', `import { viterbi } from '../learn/sequence-tagger.js';`);
});

test('checker: a folder outside the layer table is caught', () => {
  caught('plugins/a.ts', `export const x = 1;`);
});

// ---------------------------------------------------------------------------------------------
// The real tree.

test('imports in src/ respect the layer table', () => {
  const all = files(src);
  assert.ok(all.length > 10, 'found too few files under src/');
  const problems = all.flatMap((file) => checkImports(relToSrc(file), readFileSync(file, 'utf8')));
  assert.deepEqual(problems, []);
});

test('analyses read no clock, randomness or environment', () => {
  const problems: string[] = [];
  for (const layer of ['core', 'learn', 'analyses']) {
    for (const file of files(join(src, layer))) {
      const source = readFileSync(file, 'utf8');
      for (const banned of ['Date.now(', 'new Date(', 'Math.random(', 'process.env', 'performance.now(']) {
        if (source.includes(banned)) problems.push(`${relToSrc(file)} uses ${banned}`);
      }
    }
  }
  assert.deepEqual(problems, []);
});
