import { readFileSync, writeFileSync } from 'node:fs';
import { storeExists, type Store } from '../../engine/index.js';
import {
  citronDocuments,
  documentIdFromSource,
  importCitronDocument,
  importWebAnnotations,
  IMPORT_FORMATS,
  type ImportDocument,
  type ImportResult,
} from '../../exports/index.js';
import { createHash } from 'node:crypto';
import { DB_OPTION, openStoreOrReport, resolveDbPath } from '../database.js';
import { EXIT_FAILURE, EXIT_OK, stringOption, usageError, type CliIo, type Command } from '../options.js';

/** The stored documents an import may point at, loaded on demand and kept. */
class DocumentCache {
  private readonly byId = new Map<string, ImportDocument | null>();
  private urls: Map<string, string> | null = null;

  constructor(private readonly store: Store) {}

  async byDocumentId(id: string): Promise<ImportDocument | null> {
    if (!this.byId.has(id)) {
      const stored = await this.store.getDocument(id);
      this.byId.set(id, stored ? { id: stored.id, url: stored.url, text: stored.text } : null);
    }
    return this.byId.get(id)!;
  }

  async byUrl(url: string): Promise<ImportDocument | null> {
    if (!this.urls) {
      this.urls = new Map();
      for await (const summary of this.store.iterateDocuments()) if (summary.url) this.urls.set(summary.url, summary.id);
    }
    const id = this.urls.get(url);
    return id ? this.byDocumentId(id) : null;
  }

  async byText(text: string): Promise<ImportDocument | null> {
    const hash = createHash('sha256').update(text, 'utf8').digest('hex');
    const ids = await this.store.findByContentHash(hash);
    return ids[0] ? this.byDocumentId(ids[0]) : null;
  }

  known(): Map<string, ImportDocument | null> {
    return this.byId;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Ids and sources a web-annotation file points at, to load before the (synchronous) anchoring. */
function pointers(json: unknown): { ids: Set<string>; sources: Set<string> } {
  const ids = new Set<string>();
  const sources = new Set<string>();
  const items = isObject(json) && isObject(json.first) && Array.isArray(json.first.items) ? json.first.items : isObject(json) && Array.isArray(json.items) ? json.items : Array.isArray(json) ? json : [json];
  for (const item of items) {
    if (!isObject(item)) continue;
    const target = Array.isArray(item.target) ? item.target[0] : item.target;
    if (isObject(target) && typeof target.source === 'string') {
      sources.add(target.source);
      const id = documentIdFromSource(target.source);
      if (id) ids.add(id);
    }
    for (const body of Array.isArray(item.body) ? item.body : [item.body]) {
      if (isObject(body) && body.format === 'application/json' && typeof body.value === 'string') {
        try {
          const value = JSON.parse(body.value) as unknown;
          if (isObject(value) && typeof value.documentId === 'string') ids.add(value.documentId);
        } catch {
          // not a claimtrace body
        }
      }
    }
  }
  return { ids, sources };
}

function merge(results: readonly ImportResult[]): ImportResult {
  return {
    items: results.flatMap((r) => r.items),
    errors: results.flatMap((r) => r.errors),
    counts: {
      anchored: results.reduce((n, r) => n + r.counts.anchored, 0),
      're-anchored': results.reduce((n, r) => n + r.counts['re-anchored'], 0),
      orphaned: results.reduce((n, r) => n + r.counts.orphaned, 0),
    },
  };
}

async function importFile(format: string, path: string, content: string, cache: DocumentCache, documentId: string | undefined, io: CliIo): Promise<ImportResult | null> {
  if (format === 'web-annotation') {
    let json: unknown;
    try {
      json = JSON.parse(content.replace(/^\uFEFF/, ''));
    } catch (error) {
      io.stderr.write(`claimtrace: ${path}: not JSON: ${error instanceof Error ? error.message : String(error)}\n`);
      return null;
    }
    const { ids, sources } = pointers(json);
    if (documentId) ids.add(documentId);
    for (const id of ids) await cache.byDocumentId(id);
    const bySource = new Map<string, ImportDocument | null>();
    for (const source of sources) if (!documentIdFromSource(source)) bySource.set(source, await cache.byUrl(source));
    try {
      return importWebAnnotations(json, ({ documentId: id, source }) => {
        const forced = documentId ? cache.known().get(documentId) : undefined;
        if (forced) return forced;
        if (id) return cache.known().get(id) ?? undefined;
        return (source ? bySource.get(source) : undefined) ?? undefined;
      });
    } catch (error) {
      io.stderr.write(`claimtrace: ${path}: ${error instanceof Error ? error.message : String(error)}\n`);
      return null;
    }
  }
  const { documents, errors } = citronDocuments(content);
  const results: ImportResult[] = [{ items: [], errors: errors.map((e) => ({ ...e, item: `${path} ${e.item}` })), counts: { anchored: 0, 're-anchored': 0, orphaned: 0 } }];
  for (const { line, document } of documents) {
    const stored = documentId ? await cache.byDocumentId(documentId) : await cache.byText(document.text);
    if (!stored) {
      results.push({
        items: [],
        errors: [{ item: `${path} line ${line}`, message: documentId ? `no stored document with id ${JSON.stringify(documentId)}` : 'no stored document has this text; name the document with --document <id>' }],
        counts: { anchored: 0, 're-anchored': 0, orphaned: 0 },
      });
      continue;
    }
    results.push(importCitronDocument(document, line, stored));
  }
  return merge(results);
}

export const importCommand: Command = {
  name: 'import',
  describe: 'Read W3C Web Annotations or Citron quotes back and re-anchor each span on the stored text.',
  usage: 'claimtrace import --format web-annotation|citron <file> [--document <id>] [--out <file>] [--db <path>]',
  arguments: [{ name: '<file>', describe: 'The annotation file: JSON-LD (web-annotation), or a Citron JSON document or JSON Lines of them.', required: true }],
  options: [
    { name: 'format', alias: 'f', type: 'string', valueName: 'format', describe: `One of ${IMPORT_FORMATS.join(', ')}.` },
    {
      name: 'document',
      type: 'string',
      valueName: 'id',
      describe: 'The stored document the annotations belong to, when the file does not say (another tool\'s annotations, an edited Citron text).',
    },
    { name: 'out', alias: 'o', type: 'string', valueName: 'file', describe: 'Write the anchored items (JSON Lines) to this file instead of standard output.' },
    DB_OPTION,
  ],
  notes: [
    'Each span is anchored on the stored text: kept when its position still selects the quoted text (anchored), ' +
      'found again by its quote with prefix and suffix when the text moved (re-anchored), or reported as orphaned. ' +
      'One JSON line per annotation or quote is printed with the new spans (UTF-16 offsets, as the contract); ' +
      'the counts go to stderr. Nothing is written to the database.',
  ],
  examples: ['claimtrace import --format web-annotation annotations.jsonld', 'claimtrace import --format citron quotes.json --document 3f2a9c0d1e2b --out anchored.jsonl'],

  async run(args, io) {
    const format = stringOption(args, 'format');
    if (format === undefined || !(IMPORT_FORMATS as readonly string[]).includes(format)) {
      return usageError(io, 'import', `--format must be one of ${IMPORT_FORMATS.join(', ')}`);
    }
    const path = args.positionals[0]!;
    let content: string;
    try {
      content = readFileSync(path, 'utf8');
    } catch (error) {
      io.stderr.write(`claimtrace: cannot read ${path}: ${error instanceof Error ? error.message : String(error)}\n`);
      return EXIT_FAILURE;
    }
    const dbPath = resolveDbPath(stringOption(args, 'db'), io.env);
    if (!storeExists(dbPath)) {
      io.stderr.write(`claimtrace: no database at ${dbPath}: annotations are anchored on stored documents\n`);
      return EXIT_FAILURE;
    }
    const store = openStoreOrReport(dbPath, io);
    if (!store) return EXIT_FAILURE;
    let result: ImportResult | null;
    try {
      result = await importFile(format, path, content, new DocumentCache(store), stringOption(args, 'document'), io);
    } finally {
      await store.close();
    }
    if (!result) return EXIT_FAILURE;
    for (const error of result.errors) io.stderr.write(`claimtrace: ${path}: ${error.item}: ${error.message}\n`);
    const lines = result.items.map((item) => JSON.stringify(item)).join('\n');
    const text = lines ? `${lines}\n` : '';
    const out = stringOption(args, 'out');
    if (out !== undefined) {
      try {
        writeFileSync(out, text);
      } catch (error) {
        io.stderr.write(`claimtrace: cannot write ${out}: ${error instanceof Error ? error.message : String(error)}\n`);
        return EXIT_FAILURE;
      }
    } else io.stdout.write(text);
    const c = result.counts;
    io.stderr.write(`claimtrace: ${result.items.length} imported: ${c.anchored} anchored, ${c['re-anchored']} re-anchored, ${c.orphaned} orphaned; ${result.errors.length} not read\n`);
    return result.errors.length > 0 ? EXIT_FAILURE : EXIT_OK;
  },
};
