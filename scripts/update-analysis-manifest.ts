/**
 * The analysis version manifest (docs/decisions/0010-analysis-version-manifest.md).
 *
 *   npm run manifest            rewrite src/analyses/manifest.json from the registry and the sources
 *   npm run manifest -- --check exit 1 and say why when the committed manifest is out of date
 *
 * For each analysis of the registry (src/analyses/index.ts), in registry order, the manifest records
 * its `version` and a sha256 over the files of src/analyses/<id>/ that can change its output: every
 * `*.ts` except `*.test.ts` and `*.generated.ts` (those are compiled from the TSV), and `data/*.tsv`;
 * never `fixtures/` or `README.md`. Paths are relative to the folder with `/` separators, sorted, and
 * line endings are normalised to `\n` before hashing, so a checkout with CRLF hashes the same.
 * test/contract/analysis-versions.test.ts fails when a folder changed and its version did not.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const analysesDir = path.join(repoRoot, 'src', 'analyses');
export const manifestPath = path.join(analysesDir, 'manifest.json');

export interface ManifestEntry {
  version: string;
  /** sha256 over the output-relevant files, see `hashAnalysisFolder`. */
  sha256: string;
  /** Path -> first 16 hex digits of the file's sha256: names the files that changed; not compared. */
  files: Record<string, string>;
}

export interface Manifest {
  $comment?: string;
  analyses: Record<string, ManifestEntry>;
}

export interface FolderHash {
  sha256: string;
  files: Record<string, string>;
}

/** Whether a file of an analysis folder (path relative to it, `/` separators) can change output. */
export function isOutputRelevant(relPath: string): boolean {
  const parts = relPath.split('/');
  const name = parts[parts.length - 1]!;
  if (parts.includes('fixtures') || name === 'README.md') return false;
  if (name.endsWith('.ts')) return !name.endsWith('.test.ts') && !name.endsWith('.generated.ts') && !name.endsWith('.d.ts');
  return parts.length === 2 && parts[0] === 'data' && name.endsWith('.tsv');
}

function listFiles(dir: string, prefix = '', out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    const full = path.join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    if (statSync(full).isDirectory()) {
      if (name !== 'fixtures' && name !== 'node_modules') listFiles(full, rel, out);
    } else if (isOutputRelevant(rel)) out.push(rel);
  }
  return out;
}

const normalise = (text: string) => text.replace(/\r\n?/g, '\n');

/**
 * sha256 over the output-relevant files of one analysis folder: for each file in sorted path order,
 * its path, a NUL, its text with `\n` line endings, a NUL.
 */
export function hashAnalysisFolder(dir: string): FolderHash {
  const paths = listFiles(dir).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const whole = createHash('sha256');
  const files: Record<string, string> = {};
  for (const rel of paths) {
    const text = normalise(readFileSync(path.join(dir, rel), 'utf8'));
    whole.update(rel).update('\0').update(text).update('\0');
    files[rel] = createHash('sha256').update(text).digest('hex').slice(0, 16);
  }
  return { sha256: whole.digest('hex'), files };
}

export interface AnalysisRef {
  id: string;
  version: string;
}

export function buildManifest(analyses: readonly AnalysisRef[], dir: string = analysesDir): Manifest {
  const out: Manifest = {
    $comment: 'Written by `npm run manifest` (scripts/update-analysis-manifest.ts); do not edit. See docs/decisions/0010-analysis-version-manifest.md.',
    analyses: {},
  };
  for (const a of analyses) {
    const { sha256, files } = hashAnalysisFolder(path.join(dir, a.id));
    out.analyses[a.id] = { version: a.version, sha256, files };
  }
  return out;
}

/**
 * Why the committed manifest does not match the current tree; empty when it does. `current` is the
 * manifest built from the tree now (buildManifest).
 */
export function compareManifest(committed: Manifest, current: Manifest): string[] {
  const problems: string[] = [];
  for (const [id, now] of Object.entries(current.analyses)) {
    const then = committed.analyses[id];
    if (!then) {
      problems.push(`${id} is in the registry but not in src/analyses/manifest.json: run npm run manifest`);
      continue;
    }
    const changed = then.sha256 !== now.sha256;
    if (changed && then.version === now.version) {
      const names = changedFiles(then.files ?? {}, now.files);
      problems.push(
        `${id} changed${names.length ? ` (${names.join(', ')})` : ''} but its version is still ${now.version}: bump it, then run npm run manifest`,
      );
    } else if (then.version !== now.version) {
      problems.push(`${id} is at version ${now.version} but the manifest records ${then.version}: run npm run manifest`);
    }
  }
  for (const id of Object.keys(committed.analyses)) {
    if (!(id in current.analyses)) problems.push(`${id} is in src/analyses/manifest.json but no longer in the registry: run npm run manifest`);
  }
  return problems;
}

function changedFiles(before: Record<string, string>, after: Record<string, string>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => before[n] !== after[n]).sort();
}

export function formatManifest(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export function readManifest(file: string = manifestPath): Manifest {
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}

/** The registry's ids and versions (imports the analyses themselves). */
export async function registryRefs(): Promise<AnalysisRef[]> {
  const { analyses } = await import('../src/analyses/index.js');
  return analyses.map((a) => ({ id: a.id, version: a.version }));
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const current = buildManifest(await registryRefs());
  if (check) {
    const problems = compareManifest(readManifest(), current);
    for (const p of problems) console.error(p);
    process.exit(problems.length ? 1 : 0);
  }
  writeFileSync(manifestPath, formatManifest(current));
  const ids = Object.entries(current.analyses).map(([id, e]) => `${id}@${e.version}`);
  console.log(`wrote src/analyses/manifest.json: ${ids.join(', ')}`);
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.stack : String(err));
    process.exit(1);
  });
}
