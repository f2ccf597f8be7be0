/**
 * `claimtrace corpus` in the engine: brings the stored corpus state up to date with the stored
 * documents and renders it. Documents indexed by an earlier run come back from their stored features
 * and links without being compared again; only documents new since then are analysed into features
 * and linked, through the corpus layer's candidate indexes. A changed text, a changed outlets table
 * or new corpus rules make the state stale, and then it is rebuilt from every stored document.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { CorpusJson } from '../api/corpus-json.js';
import {
  CORPUS_FEATURES_VERSION,
  CorpusIndex,
  decodeFeatures,
  documentFeatures,
  encodeFeatures,
  outletTable,
  parseOutletsFile,
  type Outlet,
  type OriginEvidence,
} from '../corpus/index.js';
import type { CorpusDocumentRow, CorpusLinkRow, Store } from '../store/store.js';
import { loadDefaultPipeline } from './pipeline.js';
import { loadAnalysis } from './stored-analysis.js';
import { toolVersion } from './tool-version.js';

export interface UpdateCorpusOptions {
  /** The user's outlets rows (see `readOutletsFile`), added to the default table. */
  outlets?: readonly Outlet[];
  onProgress?: (done: number, total: number) => void;
}

export interface CorpusRun {
  corpus: CorpusJson;
  /** Documents restored from the stored state, without comparing them again. */
  restored: number;
  /** Documents indexed in this run. */
  added: number;
  /** Stored documents left out, with why (no stored analysis). */
  skipped: { documentId: string; problem: string }[];
  /** True when the stored state was stale and rebuilt. */
  rebuilt: boolean;
}

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

export async function updateCorpus(store: Store, options: UpdateCorpusOptions = {}): Promise<CorpusRun> {
  const userOutlets = options.outlets ?? [];
  const outlets = outletTable(userOutlets);
  const version = `${CORPUS_FEATURES_VERSION}:${createHash('sha256').update(JSON.stringify(userOutlets)).digest('hex').slice(0, 16)}`;

  const documents: { id: string; contentHash: string }[] = [];
  for await (const summary of store.iterateDocuments()) documents.push({ id: summary.id, contentHash: summary.contentHash });
  const hashOf = new Map(documents.map((d) => [d.id, d.contentHash]));
  const stored: CorpusDocumentRow[] = [];
  let stale = false;
  for await (const row of store.iterateCorpusDocuments()) {
    if (row.version !== version || hashOf.get(row.documentId) !== row.contentHash) stale = true;
    stored.push(row);
  }

  const index = new CorpusIndex({ outlets, keepText: true });
  let restored = 0;
  if (!stale) {
    const textOf = async (id: string) => (await store.getDocument(id))?.text ?? '';
    for (const row of stored) {
      const representative = index.indexOf(row.representative);
      if (representative < 0 && row.representative !== row.documentId) {
        stale = true;
        break;
      }
      index.restore(decodeFeatures(row.features, outlets), await textOf(row.documentId), representative < 0 ? index.size : representative);
      restored++;
    }
  }
  if (!stale) {
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
  let fresh = index;
  if (stale) {
    await store.clearCorpus();
    fresh = new CorpusIndex({ outlets, keepText: true });
    restored = 0;
    rebuilt = true;
  }

  const evidenceBefore = fresh.evidence.length;
  const linksBefore = fresh.links.length;
  const newRows: CorpusDocumentRow[] = [];
  const skipped: CorpusRun['skipped'] = [];
  const pipeline = loadDefaultPipeline();
  const pending = documents.filter((d) => !fresh.has(d.id));
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
  }

  const corpus = fresh.toJson({ toolVersion });
  const links: CorpusLinkRow[] = [
    ...fresh.evidence.slice(evidenceBefore).map((e) => ({
      documentA: fresh.documents[e.a]!.id,
      documentB: fresh.documents[e.b]!.id,
      kind: 'origin' as const,
      data: JSON.stringify({ kind: e.kind, score: e.score, words: e.words, passages: e.passages }),
    })),
    ...Array.from({ length: fresh.links.length - linksBefore }, (_, i) => {
      const link = fresh.links.at(linksBefore + i);
      const a = fresh.units.at(link.a);
      const b = fresh.units.at(link.b);
      return {
        documentA: fresh.documents[a.document]!.id,
        documentB: fresh.documents[b.document]!.id,
        kind: 'claim' as const,
        data: JSON.stringify({ a: a.recordId, b: b.recordId, score: link.score, reasons: link.reasons }),
      };
    }),
  ];
  await store.saveCorpusUpdate({
    documents: newRows,
    links,
    clusters: corpus.claimClusters.map((cluster) => ({
      id: cluster.id,
      kind: cluster.kind,
      independentSources: cluster.independentSources,
      documents: cluster.documents.length,
      data: JSON.stringify(cluster),
    })),
  });
  return { corpus, restored, added: newRows.length, skipped, rebuilt };
}
