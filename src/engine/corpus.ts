/**
 * `claimtrace corpus` in the engine: brings the stored corpus state up to date with the stored
 * documents and renders it. Documents indexed by an earlier run come back from their stored features
 * and links without being compared again; only documents new since then are analysed into features
 * and linked, through the corpus layer's candidate indexes. A changed text, a changed outlets table
 * or new corpus rules make the state stale, and then it is rebuilt from every stored document.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  CORPUS_FEATURES_VERSION,
  corpusChunksAsync,
  CorpusIndex,
  corpusParts,
  textWriter,
  type CorpusParts,
  type RenderOptions,
  type TextOut,
  decodeFeatures,
  documentFeatures,
  encodeFeatures,
  outletTable,
  parseOutletsFile,
  type Outlet,
  type OriginEvidence,
} from '../corpus/index.js';
import type { CorpusClusterRow, CorpusDocumentRow, CorpusLinkRow, Store } from '../store/store.js';
import { loadDefaultPipeline } from './pipeline.js';
import { loadAnalysis } from './stored-analysis.js';
import { toolVersion } from './tool-version.js';

export interface UpdateCorpusOptions {
  /** The user's outlets rows (see `readOutletsFile`), added to the default table. */
  outlets?: readonly Outlet[];
  onProgress?: (done: number, total: number) => void;
}

export interface CorpusRun {
  /**
   * The corpus index, brought up to date: records and links in typed-array columns, no texts (spans
   * are cut from texts read back from the store when they are written; see `corpusOutput`).
   */
  index: CorpusIndex;
  documentCount: number;
  /** Documents restored from the stored state, without comparing them again. */
  restored: number;
  /** Documents indexed in this run. */
  added: number;
  /** Stored documents left out, with why (no stored analysis). */
  skipped: { documentId: string; problem: string }[];
  /** True when the stored state was stale and rebuilt. */
  rebuilt: boolean;
}

/** Documents (with their new links) written to the store per transaction while indexing. */
const SAVE_EVERY = 500;
/** Document ids listed in a stored cluster row (the row counts them all). */
const STORED_CLUSTER_DOCUMENTS = 20;
/** Members listed per claim cluster, entity and origin group unless the caller says otherwise. */
export const DEFAULT_MAX_MEMBERS = 20;

/** Reads a user's outlets file; the Error names the file, the line and the problem. */
export function readOutletsFile(path: string): Outlet[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`${path}: cannot read the outlets file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return parseOutletsFile(text, path);
}

/**
 * Brings the stored corpus state up to date and returns the index, without rendering it. What stays
 * in memory is the index (compact columns) and one row per stored document; analyses are read one at
 * a time, and new corpus rows and links are written every `SAVE_EVERY` documents, so an interrupted
 * run leaves a consistent state (the documents indexed so far) that the next run continues.
 */
export async function updateCorpus(store: Store, options: UpdateCorpusOptions = {}): Promise<CorpusRun> {
  const userOutlets = options.outlets ?? [];
  const outlets = outletTable(userOutlets);
  const version = `${CORPUS_FEATURES_VERSION}:${createHash('sha256').update(JSON.stringify(userOutlets)).digest('hex').slice(0, 16)}`;

  const documents: { id: string; contentHash: string }[] = [];
  for await (const summary of store.iterateDocuments()) documents.push({ id: summary.id, contentHash: summary.contentHash });
  const hashOf = new Map(documents.map((d) => [d.id, d.contentHash]));
  // A first pass over the stored rows decides whether they are current; the second restores them.
  let stale = false;
  let storedRows = 0;
  for await (const row of store.iterateCorpusDocuments()) {
    storedRows++;
    if (row.version !== version || hashOf.get(row.documentId) !== row.contentHash) {
      stale = true;
      break;
    }
  }

  let index = new CorpusIndex({ outlets });
  let restored = 0;
  if (!stale && storedRows > 0) {
    for await (const row of store.iterateCorpusDocuments()) {
      const representative = index.indexOf(row.representative);
      if (representative < 0 && row.representative !== row.documentId) {
        stale = true;
        break;
      }
      // The text is read for the names the analysis did not mark (addUnmarkedNames), then dropped.
      const text = (await store.getDocument(row.documentId))?.text ?? '';
      index.restore(decodeFeatures(row.features, outlets), text, representative < 0 ? index.size : representative);
      restored++;
    }
  }
  if (!stale && restored > 0) {
    for await (const link of store.iterateCorpusLinks()) {
      const a = index.indexOf(link.documentA);
      const b = index.indexOf(link.documentB);
      const data = JSON.parse(link.data);
      if (a < 0 || b < 0) continue;
      if (link.kind === 'origin') index.restoreEvidence({ ...(data as Omit<OriginEvidence, 'a' | 'b'>), a, b });
      else index.restoreLink({ document: a, recordId: data.a }, { document: b, recordId: data.b }, data.score, data.reasons);
    }
  }
  let rebuilt = false;
  if (stale) {
    await store.clearCorpus();
    index = new CorpusIndex({ outlets });
    restored = 0;
    rebuilt = true;
  }
  const fresh = index;

  let evidenceSaved = fresh.evidence.length;
  let linksSaved = fresh.links.length;
  let newRows: CorpusDocumentRow[] = [];
  let added = 0;
  const skipped: CorpusRun['skipped'] = [];
  const pipeline = loadDefaultPipeline();
  const pending = documents.filter((d) => !fresh.has(d.id));
  documents.length = 0;
  hashOf.clear();
  /** Writes the rows and links made since the last save (links only name documents already saved). */
  const save = async (): Promise<void> => {
    if (newRows.length === 0) return;
    const links: CorpusLinkRow[] = [];
    for (let i = evidenceSaved; i < fresh.evidence.length; i++) {
      const e = fresh.evidence.at(i);
      links.push({
        documentA: fresh.documents[e.a]!.id,
        documentB: fresh.documents[e.b]!.id,
        kind: 'origin',
        data: JSON.stringify({ kind: e.kind, score: e.score, words: e.words, passages: e.passages }),
      });
    }
    for (let i = linksSaved; i < fresh.links.length; i++) {
      const link = fresh.links.at(i);
      const a = fresh.units.at(link.a);
      const b = fresh.units.at(link.b);
      links.push({
        documentA: fresh.documents[a.document]!.id,
        documentB: fresh.documents[b.document]!.id,
        kind: 'claim',
        data: JSON.stringify({ a: a.recordId, b: b.recordId, score: link.score, reasons: link.reasons }),
      });
    }
    await store.saveCorpusUpdate({ documents: newRows, links, clusters: null });
    evidenceSaved = fresh.evidence.length;
    linksSaved = fresh.links.length;
    added += newRows.length;
    newRows = [];
  };
  let done = 0;
  for (const document of pending) {
    const analysis = await loadAnalysis(store, document.id, pipeline);
    done++;
    options.onProgress?.(done, pending.length);
    if (!analysis) {
      skipped.push({ documentId: document.id, problem: 'no stored analysis' });
      continue;
    }
    const features = documentFeatures(analysis, outlets);
    fresh.addFeatures(features, analysis.document.text);
    const at = fresh.indexOf(document.id);
    const representative = fresh.documents[at]!.representative;
    newRows.push({
      documentId: document.id,
      contentHash: analysis.document.contentHash,
      version,
      representative: fresh.documents[representative]!.id,
      features: encodeFeatures(features, representative === at),
    });
    if (newRows.length >= SAVE_EVERY) await save();
  }
  await save();

  // The stored cluster rows: each claim cluster's head (kind, counts, its first documents), written
  // when the clusters may have changed. The clusters themselves are made from the links when written.
  if (added > 0 || rebuilt) {
    const parts = corpusParts(fresh, { maxMembers: STORED_CLUSTER_DOCUMENTS });
    const rows: CorpusClusterRow[] = [];
    for (let rank = 0; rank < parts.clusterCount; rank++) {
      const info = parts.clusterInfo(rank);
      const ids = parts.clusterDocuments(rank, 0, STORED_CLUSTER_DOCUMENTS);
      rows.push({
        id: info.id,
        kind: info.kind,
        independentSources: info.independentSources,
        documents: info.documents,
        data: JSON.stringify({ ...info, documentIds: ids.documents }),
      });
    }
    await store.saveCorpusUpdate({ documents: [], links: [], clusters: rows });
  }
  return { index: fresh, documentCount: fresh.size, restored, added, skipped, rebuilt };
}

export interface CorpusOutputOptions {
  /** Members listed per claim cluster, entity and origin group (default `DEFAULT_MAX_MEMBERS`); Infinity for all. */
  maxMembers?: number;
  passagesPerEvidence?: number;
}

/**
 * The corpus object of an updated index, made a piece at a time: texts come from the store in
 * batches as the pieces need them (a small cache, not every text), and large clusters, entities and
 * origin groups list `maxMembers` members with the rest counted in `omitted` and reachable a page at
 * a time (`clusterMembers`, `originDocuments`, `entityDocuments`).
 */
export function corpusOutput(run: Pick<CorpusRun, 'index'>, store: Pick<Store, 'getDocument'>, options: CorpusOutputOptions = {}): { parts: CorpusParts; loadTexts: NonNullable<RenderOptions['loadTexts']> } {
  const loadTexts = async (ids: readonly string[]): Promise<Map<string, string | null>> => {
    const texts = new Map<string, string | null>();
    for (const id of ids) texts.set(id, (await store.getDocument(id))?.text ?? null);
    return texts;
  };
  const parts = corpusParts(run.index, {
    toolVersion,
    maxMembers: options.maxMembers ?? DEFAULT_MAX_MEMBERS,
    loadTexts,
    ...(options.passagesPerEvidence !== undefined ? { passagesPerEvidence: options.passagesPerEvidence } : {}),
  });
  return { parts, loadTexts };
}

/**
 * Writes the whole `claimtrace/corpus@1` object (or only the claim clusters `clusters` picks) as
 * compact JSON to `out`, a piece at a time with backpressure: memory holds one piece, never the
 * object, whatever the corpus size.
 */
export async function writeCorpusObject(
  run: Pick<CorpusRun, 'index'>,
  store: Pick<Store, 'getDocument'>,
  out: TextOut,
  options: CorpusOutputOptions & { clusters?: (rank: number) => boolean } = {},
): Promise<void> {
  const { parts, loadTexts } = corpusOutput(run, store, options);
  const write = textWriter(out);
  for await (const chunk of corpusChunksAsync(parts, loadTexts, options.clusters ? { clusters: options.clusters } : {})) await write(chunk);
}
