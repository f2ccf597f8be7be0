/**
 * Renders the index as one `claimtrace/corpus@1` object: claim clusters with their links, drift and
 * independent-source counts, origin groups with evidence, and corpus entities. Deterministic: the
 * same documents added in the same order give the same bytes.
 */
import type { SpanJson } from '../api/analysis-json.js';
import {
  CORPUS_SCHEMA,
  type ClaimClusterJson,
  type CorpusEntityJson,
  type CorpusJson,
  type CorpusMemberJson,
  type OriginEvidenceJson,
  type OriginGroupJson,
  type QuoteDriftJson,
} from '../api/corpus-json.js';
import { compareValues, describeValue, type CorpusEntity, type CorpusIndex, type IndexedUnit, type OriginEvidence } from './corpus-index.js';
import { UnionFind } from './union-find.js';
import { classifyDrift, wordDiff } from './word-diff.js';
import { wordTexts } from './words.js';

const MAX_LINKS_PER_CLUSTER = 50;
const MAX_DRIFT_PER_CLUSTER = 20;
const SUMMARY_LENGTH = 120;
/** A drift candidate whose texts are still to be fetched. */
const PENDING = Symbol('pending');
/** Texts kept between items when they are fetched or given by `textOf`. */
const TEXT_CACHE = 4096;

export interface RenderOptions {
  textOf?: (documentId: string) => string | null;
  toolVersion?: string;
  /** Passages shown per piece of origin evidence (default 5). */
  passagesPerEvidence?: number;
  /**
   * The most members (and figures, documents, `sameOrigin` entries and `why` reasons) written per
   * claim cluster; default all. A larger cluster lists one member of each independent source first,
   * then members of documents that represent others, then copies, and says in `omitted` how many it
   * left out; `CorpusParts.clusterMembers` pages through the full list.
   */
  maxMembers?: number;
  /**
   * Texts the index does not keep and `textOf` does not give, fetched a batch at a time (the engine
   * reads them from the store). With it, an item that needed such texts is made again once they are
   * in: `streamCorpus` and `renderItem` do that; the synchronous renderers leave such spans empty.
   * Null for a document that has no text.
   */
  loadTexts?: (documentIds: readonly string[]) => Promise<ReadonlyMap<string, string | null>>;
}

/** What the first pass knows of a claim cluster without making its JSON (no text needed). */
export interface ClusterInfo {
  id: string;
  kind: ClaimClusterJson['kind'];
  independentSources: number;
  /** Documents of the whole cluster. */
  documents: number;
  /** Records of the whole cluster. */
  members: number;
  /** Figure agreement between the cluster's sources (as the cluster's JSON says). */
  agreement: ClaimClusterJson['agreement'];
}

/**
 * The corpus object in parts, for rendering in one piece (`renderCorpus`) or streaming it
 * (`writeCorpus`): claim clusters and origin groups are made one at a time by generators, so a large
 * corpus never holds its whole object. The working state is typed arrays over records and links.
 */
export interface CorpusParts {
  head: Pick<CorpusJson, 'schema' | 'tool' | 'documentCount'>;
  /** Claim clusters in output order, each made when asked for. */
  clusters(): Generator<ClaimClusterJson>;
  clusterCount: number;
  /** A document's id by its number in the index. */
  documentId(documentIndex: number): string;
  entities(): CorpusEntityJson[];
  /** How many corpus entities `entityItems` gives. */
  entityCount(): number;
  /** The same entities, each made when asked for (for streaming). */
  entityItems(): Generator<CorpusEntityJson>;
  origins(): Generator<OriginGroupJson>;
  /**
   * The full member list of the claim cluster at `rank` (0-based output order, id `k<rank+1>`), a
   * page at a time: what `maxMembers` leaves out of a large cluster stays reachable.
   */
  clusterMembers(rank: number, offset: number, limit: number): { members: CorpusMemberJson[]; total: number };
  /** Ids of every document of the claim cluster at `rank`, in index order, a page at a time. */
  clusterDocuments(rank: number, offset: number, limit: number): { documents: string[]; total: number };
  /** The claim cluster at `rank`, made now (see `renderItem` for texts fetched on demand). */
  clusterAt(rank: number): ClaimClusterJson;
  clusterInfo(rank: number): ClusterInfo;
  /** Whether the claim cluster at `rank` shows quote drift (its `drift` list is not empty); needs texts. */
  clusterHasDrift(rank: number): boolean;
  /** Every speaker name among the cluster's records (listed or not). */
  clusterSpeakers(rank: number): Set<string>;
  originCount: number;
  originAt(position: number): OriginGroupJson;
  /** Ids of every document of the origin group at `position`, a page at a time. */
  originDocuments(position: number, offset: number, limit: number): { documents: string[]; total: number };
  /** Ids of every document of the corpus entity at `position` (id `E<position+1>`), a page at a time. */
  entityDocuments(position: number, offset: number, limit: number): { documents: string[]; unmarkedDocuments: string[]; total: number; unmarkedTotal: number } | null;
  /** Texts needed since the last call that were not at hand (document numbers); clears the list. */
  takeMissing(): number[];
  /** Puts fetched texts in the cache (kept at least until the next item begins). */
  provideTexts(texts: ReadonlyMap<string, string | null>): void;
  /** Starts a new item: the text cache may be emptied here, never while one item is being made. */
  beginItem(): void;
}

/**
 * Makes one item (a cluster, an origin group, a page of members) with every text it needs: made once,
 * and when texts were missing they are fetched through `loadTexts` and the item is made again, until
 * none is missing. Without `loadTexts` it is made once.
 */
export async function renderItem<T>(parts: CorpusParts, make: () => T, loadTexts: RenderOptions['loadTexts']): Promise<T> {
  parts.beginItem();
  for (;;) {
    const item = make();
    const missing = parts.takeMissing();
    if (missing.length === 0 || !loadTexts) return item;
    const ids = missing.map((d) => parts.documentId(d));
    const loaded = await loadTexts(ids);
    const texts = new Map<string, string | null>();
    for (const id of ids) texts.set(id, loaded.get(id) ?? null);
    parts.provideTexts(texts);
  }
}

export function renderCorpus(index: CorpusIndex, options: RenderOptions = {}): CorpusJson {
  const parts = corpusParts(index, options);
  return { ...parts.head, claimClusters: [...parts.clusters()], entities: parts.entities(), origins: [...parts.origins()] };
}

/**
 * Writes the corpus object as compact JSON through `write`, one claim cluster and one origin group at
 * a time: the same object as `JSON.stringify(renderCorpus(...))`, without holding it in memory.
 */
export function writeCorpus(index: CorpusIndex, options: RenderOptions, write: (chunk: string) => void): void {
  for (const chunk of corpusChunks(corpusParts(index, options))) write(chunk);
}

/**
 * Streams the corpus object to a writable stream with backpressure: each chunk (one claim cluster or
 * origin group) is written, and the next is made only once the stream has room, so at most one
 * chunk waits in memory beyond the stream's buffer. Resolves when the last chunk is handed over.
 */
export async function streamCorpus(index: CorpusIndex, options: RenderOptions, out: NodeJS.WritableStream | TextOut): Promise<void> {
  const parts = corpusParts(index, options);
  const write = textWriter(out);
  for await (const chunk of corpusChunksAsync(parts, options.loadTexts)) await write(chunk);
}

/** Something text is written to; `write` returning false means "wait for 'drain'" when the sink has events. */
export interface TextOut {
  write(chunk: string): unknown;
}

/** A write function that waits for 'drain' when the sink asks for it (a Node stream), else returns at once. */
export function textWriter(out: TextOut): (chunk: string) => Promise<void> {
  const events = out as Partial<NodeJS.WritableStream>;
  return async (chunk: string) => {
    if (out.write(chunk) !== false || typeof events.once !== 'function' || typeof events.off !== 'function') return;
    await new Promise<void>((resolve, reject) => {
      const done = (error?: unknown) => {
        events.off!('drain', done);
        events.off!('error', done);
        if (error) reject(error);
        else resolve();
      };
      events.once!('drain', done);
      events.once!('error', done);
    });
  };
}

/**
 * The compact JSON of the corpus object, one claim cluster, entity or origin group per chunk, with
 * texts fetched on demand (`renderItem`); `clusters` picks the claim clusters written (by rank).
 */
export async function* corpusChunksAsync(
  parts: CorpusParts,
  loadTexts: RenderOptions['loadTexts'],
  select: { clusters?: (rank: number) => boolean; entities?: boolean; origins?: boolean } = {},
): AsyncGenerator<string> {
  const head = JSON.stringify(parts.head);
  yield `${head.slice(0, -1)},"claimClusters":[`;
  let first = true;
  for (let rank = 0; rank < parts.clusterCount; rank++) {
    if (select.clusters && !select.clusters(rank)) continue;
    const cluster = await renderItem(parts, () => parts.clusterAt(rank), loadTexts);
    yield `${first ? '' : ','}${JSON.stringify(cluster)}`;
    first = false;
  }
  yield '],"entities":[';
  first = true;
  if (select.entities !== false) {
    for (const entity of parts.entityItems()) {
      yield `${first ? '' : ','}${JSON.stringify(entity)}`;
      first = false;
    }
  }
  yield '],"origins":[';
  first = true;
  if (select.origins !== false) {
    for (let i = 0; i < parts.originCount; i++) {
      const origin = await renderItem(parts, () => parts.originAt(i), loadTexts);
      yield `${first ? '' : ','}${JSON.stringify(origin)}`;
      first = false;
    }
  }
  yield ']}';
}

/** The compact JSON of the corpus object, one claim cluster or origin group per chunk. */
function* corpusChunks(parts: CorpusParts): Generator<string> {
  const head = JSON.stringify(parts.head);
  yield `${head.slice(0, -1)},"claimClusters":[`;
  let first = true;
  for (const cluster of parts.clusters()) {
    yield `${first ? '' : ','}${JSON.stringify(cluster)}`;
    first = false;
  }
  yield '],"entities":[';
  first = true;
  for (const entity of parts.entityItems()) {
    yield `${first ? '' : ','}${JSON.stringify(entity)}`;
    first = false;
  }
  yield '],"origins":[';
  first = true;
  for (const origin of parts.origins()) {
    yield `${first ? '' : ','}${JSON.stringify(origin)}`;
    first = false;
  }
  yield ']}';
}

export function corpusParts(index: CorpusIndex, options: RenderOptions = {}): CorpusParts {
  const maxMembers = options.maxMembers ?? Infinity;
  // Texts the index does not keep: from `textOf`, or fetched through `loadTexts` (a document asked
  // for and not at hand is noted in `missing` and its spans are empty until the item is made again).
  const texts = new Map<number, string>();
  const missing = new Set<number>();
  const textOf = (documentIndex: number): string => {
    const document = index.documents[documentIndex]!;
    if (document.text !== null) return document.text;
    let text = texts.get(documentIndex);
    if (text === undefined) {
      const given = options.textOf?.(document.id);
      if (typeof given === 'string') text = given;
      else if (options.loadTexts) {
        missing.add(documentIndex);
        return '';
      } else text = '';
      if (!options.loadTexts && texts.size > TEXT_CACHE) texts.clear();
      texts.set(documentIndex, text);
    }
    return text;
  };
  const span = (documentIndex: number, start: number, end: number): SpanJson => {
    const text = textOf(documentIndex);
    return { start, end, text: text.slice(start, end) };
  };

  // Origin groups (content evidence: near-duplicates and shared passages).
  // Evidence is kept by number and read from the index's columns when a group is written.
  const evidenceByRoot = new Map<number, number[]>();
  const pairs = new Map<string, number>();
  for (let i = 0; i < index.evidence.length; i++) {
    const evidence = index.evidence.at(i);
    const root = index.origins.find(evidence.a);
    const list = evidenceByRoot.get(root);
    if (list) list.push(i);
    else evidenceByRoot.set(root, [i]);
    pairs.set(pairKey(evidence.a, evidence.b), i);
  }
  const evidenceByPair: EvidenceOfPair = (a, b) => {
    const i = pairs.get(pairKey(a, b));
    return i === undefined ? undefined : index.evidence.at(i);
  };
  const groupMembers = new Map<number, number[]>();
  for (let d = 0; d < index.documents.length; d++) {
    const root = index.origins.find(d);
    if (!evidenceByRoot.has(root)) continue;
    const list = groupMembers.get(root);
    if (list) list.push(d);
    else groupMembers.set(root, [d]);
  }
  const originId = new Map<number, string>();
  const originRoots = [...groupMembers.keys()].sort((a, b) => groupMembers.get(a)![0]! - groupMembers.get(b)![0]!);
  originRoots.forEach((root, i) => originId.set(root, `o${i + 1}`));
  const passageCount = options.passagesPerEvidence ?? 5;
  function originAt(position: number): OriginGroupJson {
    const root = originRoots[position];
    if (root === undefined) throw new RangeError(`no origin group o${position + 1}`);
    const documents = groupMembers.get(root)!;
    const evidence = evidenceByRoot.get(root)!;
    const group: OriginGroupJson = {
      id: originId.get(root)!,
      documents: documents.slice(0, maxMembers).map((d) => index.documents[d]!.id),
      evidence: evidence.slice(0, maxMembers).map((e) => evidenceJson(index.evidence.at(e))),
    };
    if (documents.length > maxMembers || evidence.length > maxMembers) group.omitted = { documents: Math.max(0, documents.length - maxMembers), evidence: Math.max(0, evidence.length - maxMembers) };
    return group;
  }
  function* origins(): Generator<OriginGroupJson> {
    for (let i = 0; i < originRoots.length; i++) yield originAt(i);
  }
  function originDocuments(position: number, offset: number, limit: number): { documents: string[]; total: number } {
    const root = originRoots[position];
    if (root === undefined) throw new RangeError(`no origin group o${position + 1}`);
    const documents = groupMembers.get(root)!;
    const from = Math.max(0, Math.floor(offset));
    return { documents: documents.slice(from, from + Math.max(0, Math.floor(limit))).map((d) => index.documents[d]!.id), total: documents.length };
  }
  const originOf = (d: number): string => originId.get(index.origins.find(d)) ?? `d:${index.documents[d]!.id}`;

  function evidenceJson(e: OriginEvidence): OriginEvidenceJson {
    const passages = e.passages.slice(0, passageCount).map(([as, ae, bs, be]) => {
      const a = span(e.a, as!, ae!);
      const b = span(e.b, bs!, be!);
      return { a, b, words: wordTexts(b.text).length };
    });
    return {
      a: index.documents[e.a]!.id,
      b: index.documents[e.b]!.id,
      kind: e.kind,
      score: e.score,
      detail:
        e.kind === 'near-duplicate'
          ? `near-duplicate texts: estimated Jaccard similarity ${e.score} of 5-word shingles, ${e.words} words in shared passages`
          : `${e.words} words outside quotes in ${e.passages.length} verbatim passage${e.passages.length === 1 ? '' : 's'}`,
      passages,
    };
  }

  // Claim clusters. Records and links are grouped by their cluster's root with counting sorts over
  // typed arrays (no map of arrays per cluster), then the clusters found in two or more documents
  // are ranked by a first pass that keeps a few numbers each; the second pass makes each one's JSON.
  const unitCount = index.units.length;
  const unitRoot = new Int32Array(unitCount);
  for (let u = 0; u < unitCount; u++) unitRoot[u] = index.clusters.find(u);
  const unitStart = new Int32Array(unitCount + 1);
  for (let u = 0; u < unitCount; u++) unitStart[unitRoot[u]! + 1]!++;
  for (let r = 0; r < unitCount; r++) unitStart[r + 1]! += unitStart[r]!;
  const unitOrder = new Int32Array(unitCount);
  {
    const fill = unitStart.slice(0, unitCount);
    for (let u = 0; u < unitCount; u++) unitOrder[fill[unitRoot[u]!]!++] = u;
  }
  const linkCount = index.links.length;
  const linkStart = new Int32Array(unitCount + 1);
  const linkRoot = new Int32Array(linkCount);
  for (let i = 0; i < linkCount; i++) {
    linkRoot[i] = unitRoot[index.links.aOf(i)]!;
    linkStart[linkRoot[i]! + 1]!++;
  }
  for (let r = 0; r < unitCount; r++) linkStart[r + 1]! += linkStart[r]!;
  const linkOrder = new Int32Array(linkCount);
  {
    const fill = linkStart.slice(0, unitCount);
    for (let i = 0; i < linkCount; i++) linkOrder[fill[linkRoot[i]!]!++] = i;
  }
  const unitsOfRoot = (root: number): number[] => Array.from(unitOrder.subarray(unitStart[root]!, unitStart[root + 1]!));
  const documentsOf = (unitIds: readonly number[]): number[] => [...new Set(unitIds.map((u) => index.units.documentOf(u)))].sort((a, b) => a - b);

  // First pass: the rank of every cluster of two or more documents.
  const ranked: { root: number; sources: number; documents: number; order: number }[] = [];
  for (let root = 0; root < unitCount; root++) {
    if (unitStart[root + 1]! - unitStart[root]! < 2) continue;
    const unitIds = unitsOfRoot(root);
    const documents = documentsOf(unitIds);
    if (documents.length < 2) continue;
    const sources = independentSources(index, documents, evidenceByPair, false);
    ranked.push({ root, sources: sources.groups.length, documents: documents.length, order: unitIds[0]! });
  }
  ranked.sort((a, b) => b.sources - a.sources || b.documents - a.documents || a.order - b.order);

  const memberJson = (unit: IndexedUnit): CorpusMemberJson => ({
    documentId: index.documents[unit.document]!.id,
    recordId: unit.recordId,
    kind: unit.kind,
    span: span(unit.document, unit.start, unit.end),
    speaker: unit.speakerName,
    origin: originOf(unit.document),
  });

  /**
   * The records a cluster lists when it has more than `maxMembers`: the first record of each
   * independent source, then records of documents that represent others (not copies), then the rest,
   * each tier in record order; the kept records stay in record order.
   */
  function shownUnits(unitIds: readonly number[], groups: readonly number[][]): number[] {
    if (unitIds.length <= maxMembers) return [...unitIds];
    const firstOfSource = new Set(groups.map((group) => group[0]!));
    const tier = (u: number): number => {
      const d = index.units.documentOf(u);
      if (firstOfSource.has(d)) return 0;
      return index.documents[d]!.representative === d ? 1 : 2;
    };
    const chosen: number[] = [];
    const taken = new Set<number>();
    for (let t = 0; t < 3 && chosen.length < maxMembers; t++) {
      for (const u of unitIds) {
        if (chosen.length >= maxMembers) break;
        if (taken.has(u) || tier(u) !== t) continue;
        // Tier 0 takes one record per source document.
        if (t === 0) firstOfSource.delete(index.units.documentOf(u));
        taken.add(u);
        chosen.push(u);
      }
    }
    return chosen.sort((a, b) => a - b);
  }

  /** The quote drift a link shows: two quotes linked on other grounds than the same text, whose words differ. */
  function driftOf(i: number): QuoteDriftJson | null | typeof PENDING {
    const link = index.links.at(i);
    const a = index.units.at(link.a);
    const b = index.units.at(link.b);
    if (a.kind !== 'quote' || b.kind !== 'quote' || link.reasons.some((r) => r.reason === 'same-text')) return null;
    const spanA = span(a.document, a.start, a.end);
    const spanB = span(b.document, b.start, b.end);
    if (missing.size > 0 && (missing.has(a.document) || missing.has(b.document))) return PENDING;
    const ops = wordDiff(wordTexts(spanA.text), wordTexts(spanB.text));
    if (!ops.some((op) => op.op !== 'same')) return null;
    return {
      a: { documentId: index.documents[a.document]!.id, recordId: a.recordId, span: spanA },
      b: { documentId: index.documents[b.document]!.id, recordId: b.recordId, span: spanB },
      change: classifyDrift(ops, spanA.text, spanB.text),
      diff: ops,
    };
  }
  function clusterHasDrift(rank: number): boolean {
    const root = rankedAt(rank).root;
    for (let k = linkStart[root]!; k < linkStart[root + 1]!; k++) {
      const item = driftOf(linkOrder[k]!);
      if (item === PENDING) return false; // made again once the texts are in
      if (item) return true;
    }
    return false;
  }

  function clusterJson(root: number, rank: number): ClaimClusterJson {
    const allUnitIds = unitsOfRoot(root);
    const allDocuments = documentsOf(allUnitIds);
    const sources = independentSources(index, allDocuments, evidenceByPair);
    const unitIds = shownUnits(allUnitIds, sources.groups);
    const documents = unitIds.length === allUnitIds.length ? allDocuments : documentsOf(unitIds);
    const units = unitIds.map((u) => index.units.at(u));
    const sourceOf = new Map<number, number>();
    sources.groups.forEach((group, g) => group.forEach((d) => sourceOf.set(d, g)));
    const members: CorpusMemberJson[] = units.map(memberJson);
    const kinds = new Set(allUnitIds.map((u) => index.units.kindOf(u)));
    const kind: ClaimClusterJson['kind'] = kinds.size === 1 ? units[0]!.kind : 'mixed';
    // Agreement is decided on every figure of the cluster, listed or not.
    const agreementUnits = unitIds.length === allUnitIds.length ? units.filter((u) => u.figure) : allUnitIds.filter((u) => index.units.figureOf(u)).map((u) => index.units.at(u));
    const figureUnits = units.filter((u) => u.figure);
    const figures = figureUnits.map((u) => ({
      documentId: index.documents[u.document]!.id,
      recordId: u.recordId,
      value: (u.figure!.value ?? u.figure!.min ?? u.figure!.max ?? 0) as number,
      min: u.figure!.min,
      max: u.figure!.max,
      text: span(u.document, u.start, u.end).text,
    }));
    const agreement = agreementUnits.length > 0 ? figureAgreement(agreementUnits, sourceOf) : 'agree';
    const linkIds = Array.from(linkOrder.subarray(linkStart[root]!, linkStart[root + 1]!));
    const linkCap = Math.min(MAX_LINKS_PER_CLUSTER, maxMembers);
    const links = linkIds.slice(0, linkCap).map((i) => {
      const link = index.links.at(i);
      const a = index.units.at(link.a);
      const b = index.units.at(link.b);
      return {
        a: { documentId: index.documents[a.document]!.id, recordId: a.recordId },
        b: { documentId: index.documents[b.document]!.id, recordId: b.recordId },
        score: link.score,
        reasons: link.reasons.map((r) => ({ ...r })),
      };
    });
    const drift: QuoteDriftJson[] = [];
    const driftCap = Math.min(MAX_DRIFT_PER_CLUSTER, maxMembers);
    // A link whose texts are not at hand yet is 'pending': the item is made again once they are, so
    // only as many pending links are noted as could still fill the list (not the whole cluster's).
    let pending = 0;
    for (const i of linkIds) {
      if (drift.length + pending >= driftCap) break;
      const item = driftOf(i);
      if (item === PENDING) pending++;
      else if (item) drift.push(item);
    }
    const capped = unitIds.length < allUnitIds.length || linkIds.length > maxMembers;
    const listed = capped ? new Set(documents) : null;
    const sameOrigin = sources.groups
      .map((g) => (listed ? g.filter((d) => listed.has(d)) : g))
      .filter((g) => g.length > 1)
      .map((g) => g.map((d) => index.documents[d]!.id));
    const reasons = capped && sources.reasons.length > maxMembers ? [...sources.reasons.slice(0, maxMembers), `${sources.reasons.length - maxMembers} more`] : sources.reasons;
    const cluster: ClaimClusterJson = {
      id: `k${rank + 1}`,
      summary: summaryOf(units, members, figures.map((f) => f.text)),
      members,
      agreement,
      figures: figures.map(({ documentId, value, recordId, min, max, text }) => ({ documentId, value, recordId, min, max, text })),
      independentSources: sources.groups.length,
      sameOrigin,
      kind,
      documents: documents.map((d) => index.documents[d]!.id),
      links,
      drift,
      why: `${allDocuments.length} documents · ${sources.groups.length} independent source${sources.groups.length === 1 ? '' : 's'}${reasons.length ? `: ${reasons.join('; ')}` : ''}`,
    };
    if (capped) {
      cluster.omitted = {
        members: allUnitIds.length - unitIds.length,
        documents: allDocuments.length - documents.length,
        figures: agreementUnits.length - figureUnits.length,
        reasons: sources.reasons.length - Math.min(sources.reasons.length, maxMembers),
        links: linkIds.length - links.length,
      };
    }
    return cluster;
  }
  function clusterMembers(rank: number, offset: number, limit: number): { members: CorpusMemberJson[]; total: number } {
    const entry = ranked[rank];
    if (!entry) throw new RangeError(`no claim cluster k${rank + 1}`);
    const unitIds = unitsOfRoot(entry.root);
    const from = Math.max(0, Math.floor(offset));
    return { members: unitIds.slice(from, from + Math.max(0, Math.floor(limit))).map((u) => memberJson(index.units.at(u))), total: unitIds.length };
  }
  function* clusters(): Generator<ClaimClusterJson> {
    for (let i = 0; i < ranked.length; i++) yield clusterJson(ranked[i]!.root, i);
  }
  const rankedAt = (rank: number) => {
    const entry = ranked[rank];
    if (!entry) throw new RangeError(`no claim cluster k${rank + 1}`);
    return entry;
  };
  const clusterAt = (rank: number): ClaimClusterJson => clusterJson(rankedAt(rank).root, rank);
  function clusterInfo(rank: number): ClusterInfo {
    const entry = rankedAt(rank);
    const unitIds = unitsOfRoot(entry.root);
    const kinds = new Set(unitIds.map((u) => index.units.kindOf(u)));
    const figureUnits = unitIds.filter((u) => index.units.figureOf(u)).map((u) => index.units.at(u));
    let agreement: ClaimClusterJson['agreement'] = 'agree';
    if (figureUnits.length > 0) {
      const sourceOf = new Map<number, number>();
      independentSources(index, documentsOf(unitIds), evidenceByPair, false).groups.forEach((group, g) => group.forEach((d) => sourceOf.set(d, g)));
      agreement = figureAgreement(figureUnits, sourceOf);
    }
    return {
      id: `k${rank + 1}`,
      kind: kinds.size === 1 ? index.units.kindOf(unitIds[0]!) : 'mixed',
      agreement,
      independentSources: entry.sources,
      documents: entry.documents,
      members: unitIds.length,
    };
  }
  function clusterDocuments(rank: number, offset: number, limit: number): { documents: string[]; total: number } {
    const documents = documentsOf(unitsOfRoot(rankedAt(rank).root));
    const from = Math.max(0, Math.floor(offset));
    return { documents: documents.slice(from, from + Math.max(0, Math.floor(limit))).map((d) => index.documents[d]!.id), total: documents.length };
  }
  function clusterSpeakers(rank: number): Set<string> {
    const names = new Set<string>();
    for (const u of unitsOfRoot(rankedAt(rank).root)) {
      const name = index.units.at(u).speakerName;
      if (name !== null) names.add(name);
    }
    return names;
  }

  // Entities across documents: entity keys joined by name (see entity-names.ts); people and organisations.
  const count = <K extends string>(group: readonly CorpusEntity[], pick: (e: CorpusEntity) => Record<K, number> | Map<K, number>): [K, number][] => {
    const total = new Map<K, number>();
    for (const e of group) for (const [k, v] of pick(e) instanceof Map ? (pick(e) as Map<K, number>) : Object.entries(pick(e)) as [K, number][]) total.set(k, (total.get(k) ?? 0) + v);
    return [...total].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  };
  /** People and organisations grouped by the identity rules, in output order, with their document numbers. */
  function entityRanking() {
    const sets = new Map<number, CorpusEntity[]>();
    for (const entity of index.entities.values()) {
      const set = index.identity.setOfKey(entity.key);
      const list = sets.get(set);
      if (list) list.push(entity);
      else sets.set(set, [entity]);
    }
    return [...sets.values()]
      .map((group) => {
        const type = count(group, (e) => e.types)[0]![0];
        const keys = group.map((e) => e.key).sort();
        return {
          group,
          type,
          keys,
          key: keys.find((k) => k.startsWith(`${type}:`)) ?? keys[0]!,
          documents: [...new Set(group.flatMap((e) => e.documents.toArray()))].sort((a, b) => a - b),
          quoteCount: group.reduce((sum, e) => sum + e.quotes, 0),
        };
      })
      .filter((entity) => entity.type === 'person' || entity.type === 'organization')
      .sort((a, b) => b.documents.length - a.documents.length || b.quoteCount - a.quoteCount || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
  /** The ranking kept for paging (`entityDocuments`), made on first use. */
  let entityPages: ReturnType<typeof entityRanking> | null = null;
  function entityDocuments(position: number, offset: number, limit: number) {
    entityPages ??= entityRanking();
    const entry = entityPages[position];
    if (!entry) return null;
    const marked = new Set(entry.documents);
    const unmarked = [...new Set(entry.group.flatMap((e) => e.unmarked))].filter((d) => !marked.has(d)).sort((a, b) => a - b);
    const from = Math.max(0, Math.floor(offset));
    const to = from + Math.max(0, Math.floor(limit));
    return {
      documents: entry.documents.slice(from, to).map((d) => index.documents[d]!.id),
      unmarkedDocuments: unmarked.slice(from, to).map((d) => index.documents[d]!.id),
      total: entry.documents.length,
      unmarkedTotal: unmarked.length,
    };
  }
  /**
   * Corpus entities in output order, each made when asked for: a first pass keeps each group's sort
   * keys and document numbers, the JSON (names, document ids) is made one entity at a time.
   */
  function* entityItems(): Generator<CorpusEntityJson> {
    const ranked: (ReturnType<typeof entityRanking>[number] | null)[] = entityRanking();
    for (let i = 0; i < ranked.length; i++) {
      const { group, type, keys, key, documents, quoteCount } = ranked[i]!;
      ranked[i] = null as never;
      const names = [...count(group, (e) => e.names)].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1));
      const marked = new Set(documents);
      const unmarked = [...new Set(group.flatMap((e) => e.unmarked))].filter((d) => !marked.has(d)).sort((a, b) => a - b);
      const entity: CorpusEntityJson = {
        id: `E${i + 1}`,
        name: names[0]![0],
        documents: documents.slice(0, maxMembers).map((d) => index.documents[d]!.id),
        quoteCount,
        key,
        type,
        figureCount: group.reduce((sum, e) => sum + e.figures, 0),
        stances: Object.fromEntries(count(group, (e) => e.stances)),
        cues: count(group, (e) => e.cues).map(([lemma, n]) => ({ lemma, count: n })),
        aliases: names.slice(1).map(([name]) => name),
        keys,
        unmarkedDocuments: unmarked.slice(0, maxMembers).map((d) => index.documents[d]!.id),
      };
      if (documents.length > maxMembers || unmarked.length > maxMembers) {
        entity.omitted = { documents: Math.max(0, documents.length - maxMembers), unmarkedDocuments: Math.max(0, unmarked.length - maxMembers) };
      }
      yield entity;
    }
  }
  const entities = (): CorpusEntityJson[] => [...entityItems()];

  return {
    head: {
      schema: CORPUS_SCHEMA,
      ...(options.toolVersion ? { tool: { name: 'claimtrace' as const, version: options.toolVersion } } : {}),
      documentCount: index.documents.length,
    },
    clusters,
    clusterCount: ranked.length,
    entities,
    entityItems,
    origins,
    clusterMembers,
    clusterAt,
    clusterDocuments,
    clusterInfo,
    clusterHasDrift,
    clusterSpeakers,
    originCount: originRoots.length,
    originAt,
    originDocuments,
    entityDocuments,
    entityCount: () => (entityPages ??= entityRanking()).length,
    documentId: (d) => index.documents[d]!.id,
    takeMissing() {
      const list = [...missing];
      missing.clear();
      return list;
    },
    provideTexts(given) {
      for (const [id, text] of given) {
        const d = index.indexOf(id);
        if (d >= 0) texts.set(d, text ?? '');
      }
    },
    beginItem() {
      missing.clear();
      if (texts.size > TEXT_CACHE) texts.clear();
    },
  };
}

function summaryOf(units: readonly IndexedUnit[], members: readonly CorpusMemberJson[], figureTexts: readonly string[]): string {
  const first = units[0]!;
  if (first.figure) {
    const values = [...new Set(figureTexts)].slice(0, 6);
    const unit = first.figure.unit && first.figure.unit !== first.figure.countedText ? ` (${first.figure.unit})` : '';
    return `${first.figure.countedText}${unit}: ${values.join(' / ')}`;
  }
  // The longest version of the statement, cut to SUMMARY_LENGTH.
  let best = 0;
  members.forEach((m, i) => {
    if (m.span.text.length > members[best]!.span.text.length) best = i;
  });
  const text = members[best]!.span.text.replace(/\s+/g, ' ').trim();
  const cut = text.length > SUMMARY_LENGTH ? `${text.slice(0, SUMMARY_LENGTH - 1)}…` : text;
  const speaker = units.find((u) => u.speakerName)?.speakerName;
  return speaker ? `${speaker}: “${cut}”` : `“${cut}”`;
}

/**
 * Agreement between sources, not documents: values within one origin count once. `agree` when every
 * pair of sources shares a value (the same, within 5 %, or overlapping ranges), `disagree` when no two
 * sources share one, `mixed` otherwise (and for one source whose documents differ).
 */
function figureAgreement(units: readonly IndexedUnit[], sourceOf: ReadonlyMap<number, number>): ClaimClusterJson['agreement'] {
  const bySource = new Map<number, IndexedUnit[]>();
  for (const unit of units) {
    const source = sourceOf.get(unit.document)!;
    const list = bySource.get(source);
    if (list) list.push(unit);
    else bySource.set(source, [unit]);
  }
  const sources = [...bySource.values()];
  const shares = (a: IndexedUnit[], b: IndexedUnit[]) => a.some((x) => b.some((y) => compareValues(x.figure!, y.figure!) !== 'different'));
  if (sources.length === 1) return units.every((u) => compareValues(u.figure!, units[0]!.figure!) !== 'different') ? 'agree' : 'mixed';
  let pairs = 0;
  let agreeing = 0;
  for (let i = 0; i < sources.length; i++) {
    for (let j = i + 1; j < sources.length; j++) {
      pairs++;
      if (shares(sources[i]!, sources[j]!)) agreeing++;
    }
  }
  return agreeing === pairs ? 'agree' : agreeing === 0 ? 'disagree' : 'mixed';
}

/**
 * The origin groups among a cluster's documents: documents already joined by content evidence
 * (near-duplicates, shared passages), then documents of one outlet or network, documents that cite
 * each other's outlet, and documents that cite the same outlet or the same statement.
 */
function pairKey(a: number, b: number): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

/** The content evidence between two documents, if any. */
export type EvidenceOfPair = (a: number, b: number) => OriginEvidence | undefined;

export function independentSources(index: CorpusIndex, documents: readonly number[], evidenceByPair: EvidenceOfPair, explain = true): { groups: number[][]; reasons: string[] } {
  const local = new UnionFind();
  const position = new Map<number, number>();
  documents.forEach((d) => position.set(d, local.add()));
  const reasons: string[] = [];
  const name = (d: number) => index.documents[d]!.id;
  const byRoot = new Map<number, number>();
  for (const d of documents) {
    const root = index.origins.find(d);
    const first = byRoot.get(root);
    if (first === undefined) byRoot.set(root, d);
    else if (local.union(position.get(first)!, position.get(d)!) && explain) {
      const evidence = evidenceByPair(first, d);
      reasons.push(
        evidence
          ? `${name(d)} and ${name(first)} are ${evidence.kind === 'near-duplicate' ? `near-duplicates (Jaccard ${evidence.score})` : `one text in part (${evidence.words} shared words)`}`
          : `${name(d)} and ${name(first)} share an origin through other documents (shared passages)`,
      );
    }
  }
  // Outlet, network and citation keys.
  const holders = new Map<string, { d: number; how: string }>();
  for (const d of documents) {
    const document = index.documents[d]!;
    const keys: { key: string; how: string }[] = [];
    if (document.outlet) keys.push({ key: `outlet:${document.outlet.network}`, how: `published by ${document.outlet.outlet} (${document.outlet.network})` });
    for (const citation of document.citations) {
      keys.push({
        key: citation.key,
        how: citation.key.startsWith('outlet:')
          ? `cites ${citation.name ?? citation.key.slice(7)} ("${citation.cueId}" at ${citation.start})`
          : `relays the statement of ${citation.key.slice(10)} ("${citation.cueId}" at ${citation.start})`,
      });
    }
    for (const { key, how } of keys) {
      const holder = holders.get(key);
      if (!holder) holders.set(key, { d, how });
      else if (local.union(position.get(holder.d)!, position.get(d)!) && explain) reasons.push(`${name(d)} ${how}; ${name(holder.d)} ${holder.how}`);
    }
  }
  const groups = new Map<number, number[]>();
  for (const d of documents) {
    const root = local.find(position.get(d)!);
    const list = groups.get(root);
    if (list) list.push(d);
    else groups.set(root, [d]);
  }
  return { groups: [...groups.values()], reasons };
}
