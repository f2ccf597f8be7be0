/**
 * The incremental corpus index. `add(analysis)` links one new document to the documents already
 * indexed, through bounded candidate searches only (LSH buckets of MinHash signatures, winnowed
 * passage anchors, 3-word shingles of statements, figure keys), never through all pairs; the links
 * update the origin groups and claim clusters in place (union-find), so adding a document never
 * recomputes the corpus. `toJson()` renders the current state as one `claimtrace/corpus@1` object.
 *
 * Memory stays bounded for large corpora: a document that is a near-duplicate of one already indexed
 * (estimated Jaccard >= REPRESENTATIVE_JACCARD) is linked to it and keeps neither its words nor its
 * index entries, and a statement that repeats its representative's word for word is linked without
 * being indexed; every bucket has a cap.
 */
import type { AnalysisJson } from '../api/analysis-json.js';
import type { CorpusJson } from '../api/corpus-json.js';
import { documentFeatures, type DocumentFeatures, type EntityUse, type FigureUnit, type StatementUnit } from './features.js';
import { bandKeys, BucketIndex, estimatedJaccard } from './minhash.js';
import type { Outlet, OutletTable } from './outlets.js';
import { sharedRuns } from './passages.js';
import { renderCorpus } from './render-corpus.js';
import { EntityNames } from './entity-names.js';
import { CorpusIdentity } from './entity-identity.js';
import { UnionFind } from './union-find.js';
import { EvidenceTable, IntList, LinkTable, StringPool, UnitTable, type IndexedUnit, type LinkReason, type OriginEvidence } from './tables.js';
import { hashString } from './words.js';

/** Estimated Jaccard of 5-word shingles from which two documents are one text (near-duplicates). */
export const NEAR_DUPLICATE_JACCARD = 0.5;
/** From here a new document is represented by the earlier one and is not indexed itself. */
export const REPRESENTATIVE_JACCARD = 0.8;
/** Verbatim words outside quotes that two documents must share (in runs of 8+) to share an origin. */
export const SHARED_PASSAGE_WORDS = 20;
/** Share of 3-word shingles two statements must share (of the shorter one). */
export const STATEMENT_CONTAINMENT = 0.5;
/**
 * A statement with fewer 3-word shingles than this (under 8 words) links only when all of it appears in the
 * other: in a short sentence the unshared part is usually who it is about ("He was 64 years old." and "Park was
 * 64 years old." share two of three shingles and are two claims about two people).
 */
export const SHORT_STATEMENT_GRAMS = 6;
const BUCKET_CAP = 64;
const MAX_PASSAGE_CANDIDATES = 24;
const MAX_STATEMENT_CANDIDATES = 24;

export interface CorpusIndexOptions {
  outlets: OutletTable;
  /** Keep every document's text for rendering (the CLI); else `toJson` needs `textOf`. */
  keepText?: boolean;
}

export interface IndexedDocument {
  id: string;
  title: string | null;
  url: string | null;
  publishedAt: string | null;
  outlet: Outlet | null;
  /** Index of the representative document (itself when it is one). */
  representative: number;
  storyKeys: string[];
  /** Origin keys of citations: `outlet:<network>` or `statement:<entity key>`, with the cue span. */
  citations: { key: string; cueId: string; start: number; end: number; name: string | null }[];
  text: string | null;
  // Kept for representatives only.
  words: DocumentFeatures['words'] | null;
  quoted: Uint8Array | null;
  signature: Uint32Array | null;
}

export type { IndexedUnit, OriginEvidence, UnitLink } from './tables.js';

export interface CorpusEntity {
  key: string;
  /** Name id in `entityNames` (the older name joins, used by the lookup of unmarked documents); corpus entities are grouped by `identity`. */
  nameId: number;
  types: Record<string, number>;
  names: Map<string, number>;
  /** Documents that use the entity, in the order added (4 bytes each). */
  documents: IntList;
  quotes: number;
  figures: number;
  stances: Record<string, number>;
  cues: Record<string, number>;
  /** Documents that write the entity's name without their analysis marking it (see `EntityNames.findNames`). */
  unmarked: number[];
}

export class CorpusIndex {
  readonly documents: IndexedDocument[] = [];
  readonly origins = new UnionFind();
  /**
   * One copy of each repeated string (record ids, entity keys, speaker names, story keys, dates):
   * a large corpus repeats them across documents.
   */
  private readonly strings = new StringPool();
  readonly evidence = new EvidenceTable();
  readonly units = new UnitTable(this.strings);
  readonly clusters = new UnionFind();
  readonly links = new LinkTable(this.strings);
  readonly entities = new Map<string, CorpusEntity>();
  readonly entityNames = new EntityNames();
  /** Which entity keys are one corpus entity (the rules fitted on MEANTIME's train topics; decision 0059). */
  readonly identity = new CorpusIdentity();
  private readonly byId = new Map<string, number>();
  private readonly lsh = new BucketIndex(BUCKET_CAP);
  private readonly anchors = new BucketIndex(BUCKET_CAP);
  private readonly statementGrams = new BucketIndex(BUCKET_CAP);
  private readonly figureKeys = new BucketIndex(BUCKET_CAP);
  /** First record of each document (a document's records are consecutive). */
  private readonly firstUnit = new IntList();
  /** One list per distinct list of story keys (copies of an article share their article's). */
  private readonly storyKeyLists = new Map<string, string[]>();
  /** One list per distinct list of citations (likewise). */
  private readonly citationLists = new Map<string, IndexedDocument['citations']>();

  private intern<T extends string | null>(value: T): T {
    return this.strings.intern(value);
  }

  /** The record numbers of a document. */
  unitsOf(document: number): number[] {
    if (document < 0 || document >= this.firstUnit.length) return [];
    const from = this.firstUnit.get(document);
    const to = document + 1 < this.firstUnit.length ? this.firstUnit.get(document + 1) : this.units.length;
    const out: number[] = [];
    for (let u = from; u < to; u++) out.push(u);
    return out;
  }

  constructor(readonly options: CorpusIndexOptions) {}

  get size(): number {
    return this.documents.length;
  }

  has(documentId: string): boolean {
    return this.byId.has(documentId);
  }

  /** Adds one analysed document and links it; a document id seen before is an error. */
  add(analysis: AnalysisJson): void {
    this.addFeatures(documentFeatures(analysis, this.options.outlets), analysis.document.text);
  }

  addFeatures(features: DocumentFeatures, text: string): void {
    this.insert(features, text, null);
  }

  /**
   * Puts back a document indexed in an earlier run, without searching for links: its stored links
   * come back through `restoreLink` and `restoreEvidence`. `representative` is the index it had.
   */
  restore(features: DocumentFeatures, text: string, representative: number): void {
    this.insert(features, text, representative);
  }

  /** Index of a document by id, or -1. */
  indexOf(documentId: string): number {
    return this.byId.get(documentId) ?? -1;
  }

  restoreEvidence(evidence: OriginEvidence): void {
    this.evidence.push(evidence);
    this.origins.union(evidence.a, evidence.b);
  }

  /** Puts back a link between two records by document index and record id; false when one is unknown. */
  restoreLink(a: { document: number; recordId: string }, b: { document: number; recordId: string }, score: number, reasons: readonly LinkReason[]): boolean {
    const unitA = this.unitsOf(a.document).find((u) => this.units.recordIdOf(u) === a.recordId);
    const unitB = this.unitsOf(b.document).find((u) => this.units.recordIdOf(u) === b.recordId);
    if (unitA === undefined || unitB === undefined) return false;
    this.links.push(unitA, unitB, score, reasons);
    this.clusters.union(unitA, unitB);
    return true;
  }

  private insert(features: DocumentFeatures, text: string, restoredRepresentative: number | null): void {
    if (this.byId.has(features.id)) throw new Error(`document ${JSON.stringify(features.id)} is in the corpus already`);
    const index = this.documents.length;
    this.byId.set(features.id, index);
    this.origins.add();
    const document: IndexedDocument = {
      id: features.id,
      title: this.intern(features.title),
      url: this.intern(features.url),
      publishedAt: this.intern(features.publishedAt),
      outlet: features.outlet,
      representative: index,
      storyKeys: this.storyKeyList(features.storyKeys),
      citations: this.citationList(features.citations),
      text: this.options.keepText ? text : null,
      words: null,
      quoted: null,
      signature: null,
    };
    this.documents.push(document);
    this.firstUnit.push(this.units.length);

    const linking = restoredRepresentative === null;
    const representative = linking ? this.linkOrigins(index, features) : restoredRepresentative;
    if (representative === index) {
      document.words = features.words;
      document.quoted = features.quoted;
      document.signature = features.signature;
      for (const key of bandKeys(features.signature)) this.lsh.add(key, index);
      for (const anchor of features.anchors) this.anchors.add(anchor, index);
    } else document.representative = representative;

    for (const statement of features.statements) this.addStatement(index, statement, representative, linking);
    for (const figure of features.figures) this.addFigure(index, figure, features, representative, linking);
    this.addEntities(index, features.entities);
    if (text) this.addUnmarkedNames(index, text, features.entities);
  }

  /**
   * Names of corpus people and organisations that the document writes but its analysis did not mark
   * ("Apple" missed by the entity detector in one article, known as an organisation from another):
   * the corpus entity counts the document among those that name it. Names known only from documents
   * added later are not looked for again here; `EntityNames.findNames` can be asked at any time.
   */
  private addUnmarkedNames(index: number, text: string, own: readonly EntityUse[]): void {
    const ownSets = new Set(own.map((use) => this.entityNames.setOfKey(use.key)));
    const seen = new Set<number>();
    for (const name of this.entityNames.findNames(text)) {
      const set = this.entityNames.setOfKey(name.key);
      if (ownSets.has(set) || seen.has(set)) continue;
      seen.add(set);
      this.entities.get(name.key)?.unmarked.push(index);
    }
  }

  /** Near-duplicates through LSH, shared passages through anchors; returns the representative. */
  private linkOrigins(index: number, features: DocumentFeatures): number {
    let representative = index;
    let bestJaccard = 0;
    const nearDuplicates = new Set<number>();
    for (const key of bandKeys(features.signature)) {
      for (const candidate of this.lsh.get(key)) {
        if (nearDuplicates.has(candidate)) continue;
        const jaccard = estimatedJaccard(features.signature, this.documents[candidate]!.signature!);
        if (jaccard < NEAR_DUPLICATE_JACCARD) continue;
        nearDuplicates.add(candidate);
        if (jaccard > bestJaccard) {
          bestJaccard = jaccard;
          if (jaccard >= REPRESENTATIVE_JACCARD) representative = candidate;
        }
      }
    }
    for (const candidate of [...nearDuplicates].sort((a, b) => a - b)) {
      // A near-duplicate of something already joined adds no information; keep one link per group.
      if (this.origins.find(candidate) === this.origins.find(index)) continue;
      const jaccard = estimatedJaccard(features.signature, this.documents[candidate]!.signature!);
      this.addEvidence(candidate, index, 'near-duplicate', jaccard, features);
    }
    // Passages: representatives sharing the most anchors first.
    const shared = new Map<number, number>();
    for (const anchor of features.anchors) {
      for (const candidate of this.anchors.get(anchor)) shared.set(candidate, (shared.get(candidate) ?? 0) + 1);
    }
    const candidates = [...shared].filter(([candidate, count]) => count >= 2 && !nearDuplicates.has(candidate)).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    for (const [candidate] of candidates.slice(0, MAX_PASSAGE_CANDIDATES)) {
      if (this.origins.find(candidate) === this.origins.find(index)) continue;
      this.addEvidence(candidate, index, 'shared-passage', 0, features);
    }
    return representative;
  }

  private addEvidence(a: number, b: number, kind: OriginEvidence['kind'], jaccard: number, features: DocumentFeatures): void {
    const other = this.documents[a]!;
    const runs = sharedRuns(other.words!.hashes, features.words.hashes, 8, other.quoted!);
    let words = 0;
    const passages: number[][] = [];
    for (const run of runs) {
      // Words of the run outside quotes in the new document too.
      let outside = 0;
      for (let i = run.bStart; i < run.bEnd; i++) if (!features.quoted[i]) outside++;
      if (outside < 8) continue;
      words += run.aEnd - run.aStart;
      passages.push([other.words!.starts[run.aStart]!, other.words!.ends[run.aEnd - 1]!, features.words.starts[run.bStart]!, features.words.ends[run.bEnd - 1]!]);
    }
    if (kind === 'shared-passage' && words < SHARED_PASSAGE_WORDS) return;
    passages.sort((x, y) => y[1]! - y[0]! - (x[1]! - x[0]!));
    const score = kind === 'near-duplicate' ? round(jaccard) : words;
    this.evidence.push({ a, b, kind, score, passages: passages.slice(0, 5).sort((x, y) => x[0]! - y[0]!), words });
    this.origins.union(a, b);
  }

  private citationList(citations: DocumentFeatures['citations']): IndexedDocument['citations'] {
    if (citations.length === 0) return NO_CITATIONS;
    const made = citations.map((c) => ({ key: c.key, cueId: c.cueId, start: c.start, end: c.end, name: c.outletName ?? null }));
    const joined = JSON.stringify(made);
    let list = this.citationLists.get(joined);
    if (!list) this.citationLists.set(joined, (list = Object.freeze(made.map((c) => Object.freeze({ ...c, key: this.intern(c.key), cueId: this.intern(c.cueId), name: this.intern(c.name) }))) as IndexedDocument['citations']));
    return list;
  }

  private storyKeyList(keys: readonly string[]): string[] {
    const joined = keys.join('\n');
    let list = this.storyKeyLists.get(joined);
    if (!list) this.storyKeyLists.set(joined, (list = keys.map((key) => this.intern(key))));
    return list;
  }

  private addUnit(unit: IndexedUnit, sameFigureAs?: number): number {
    const id = this.units.push(unit, sameFigureAs);
    this.clusters.add();
    return id;
  }

  private link(a: number, b: number, reasons: LinkReason[]): void {
    // Every reason scores in [0, 1]; the link's score is their mean.
    const score = round(reasons.reduce((sum, r) => sum + r.score, 0) / Math.max(1, reasons.length));
    this.links.push(a, b, score, reasons);
    this.clusters.union(a, b);
  }

  private addStatement(index: number, statement: StatementUnit, representative: number, linking: boolean): void {
    const unit: IndexedUnit = {
      document: index,
      kind: statement.kind,
      recordId: this.intern(statement.recordId),
      start: statement.start,
      end: statement.end,
      speakerKey: this.intern(statement.speakerKey),
      speakerName: this.intern(statement.speakerName),
      figure: null,
      words: statement.words,
      grams: statement.grams,
    };
    if (statement.words.length < 4) {
      // Too short to recognise across documents ("No", "we will see"): never compared, no words kept.
      this.addUnit({ ...unit, words: null, grams: null });
      return;
    }
    // The same words in the representative: link without indexing this copy.
    if (representative !== index) {
      for (const other of this.unitsOf(representative)) {
        const candidate = this.units.at(other);
        if (candidate.kind === statement.kind && candidate.words && sameWords(candidate.words, statement.words) && compatibleSpeakers(candidate.speakerKey, statement.speakerKey)) {
          const id = this.addUnit({ ...unit, words: null, grams: null });
          if (linking) this.link(other, id, [{ reason: 'same-text', score: 1 }, ...(candidate.speakerKey && candidate.speakerKey === statement.speakerKey ? [{ reason: 'same-speaker', score: 1, detail: statement.speakerName ?? undefined }] : [])]);
          return;
        }
      }
    }
    const id = this.addUnit(unit);
    // A lightly edited copy of one of its representative's statements is linked like any other but
    // not indexed: whatever would find it finds the representative's statement, so a corpus of copies
    // does not grow the index (decided from the two documents alone, so a restored corpus indexes the same).
    const indexed = representative === index || !this.coveredByRepresentative(representative, statement);
    const counts = new Map<number, number>();
    if (!linking) {
      if (indexed) for (const gram of statement.grams) this.statementGrams.add(gram, id);
      else this.units.dropWords(id);
      return;
    }
    for (const gram of statement.grams) {
      for (const other of this.statementGrams.get(gram)) if (this.units.documentOf(other) !== index) counts.set(other, (counts.get(other) ?? 0) + 1);
    }
    const ranked = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, MAX_STATEMENT_CANDIDATES);
    for (const [other, sharedGrams] of ranked) {
      if (this.clusters.find(other) === this.clusters.find(id) || this.clusterHasDocument(other, index, id)) continue;
      const candidate = this.units.at(other);
      if (!compatibleSpeakers(candidate.speakerKey, statement.speakerKey)) continue;
      const shorter = Math.min(candidate.grams!.length, statement.grams.length);
      const containment = sharedGrams / shorter;
      if (sharedGrams < 2 || containment < (shorter < SHORT_STATEMENT_GRAMS ? 1 : STATEMENT_CONTAINMENT)) continue;
      const reasons: LinkReason[] = [{ reason: 'shared-ngrams', score: round(containment), detail: `${sharedGrams} shared 3-word sequences` }];
      if (candidate.speakerKey && candidate.speakerKey === statement.speakerKey) reasons.push({ reason: 'same-speaker', score: 1, detail: statement.speakerName ?? undefined });
      if (sameWords(candidate.words!, statement.words)) reasons.unshift({ reason: 'same-text', score: 1 });
      this.link(other, id, reasons);
    }
    if (indexed) for (const gram of statement.grams) this.statementGrams.add(gram, id);
    else this.units.dropWords(id);
  }

  /** Whether the representative has a statement of the same kind holding at least STATEMENT_CONTAINMENT of this one's 3-word shingles. */
  private coveredByRepresentative(representative: number, statement: StatementUnit): boolean {
    for (const other of this.unitsOf(representative)) {
      if (this.units.kindOf(other) !== statement.kind) continue;
      const words = this.units.wordsOf(other);
      if (!words) continue;
      const shared = sharedCount(words.grams, statement.grams);
      if (shared >= 2 && shared / Math.min(words.grams.length, statement.grams.length) >= STATEMENT_CONTAINMENT) return true;
    }
    return false;
  }

  private addFigure(index: number, figure: FigureUnit, features: DocumentFeatures, representative: number, linking: boolean): void {
    const unit: IndexedUnit = {
      document: index,
      kind: 'figure',
      recordId: this.intern(figure.recordId),
      start: figure.start,
      end: figure.end,
      speakerKey: this.intern(figure.claimantKey),
      speakerName: this.intern(figure.claimantName),
      figure,
      words: null,
      grams: null,
    };
    if (representative !== index) {
      for (const other of this.unitsOf(representative)) {
        const candidate = this.units.figureOf(other);
        if (candidate && candidate.counted === figure.counted && candidate.unit === figure.unit && candidate.value === figure.value && candidate.min === figure.min && candidate.max === figure.max) {
          // The representative's figure stands for this one (the same value of the same counted thing);
          // only the record id and span are this document's.
          const id = this.addUnit({ ...unit, figure: candidate }, other);
          if (linking) this.link(other, id, [{ reason: 'same-value', score: 1, detail: `${figure.value ?? figure.min} ${figure.counted}` }]);
          return;
        }
      }
    }
    const id = this.addUnit(unit);
    const keys = features.storyKeys.map((story) => hashString(`${figure.unit ?? ''}|${figure.counted}|${story}`));
    const seen = new Set<number>();
    for (const key of linking ? keys : []) {
      for (const other of this.figureKeys.get(key)) {
        if (seen.has(other)) continue;
        seen.add(other);
        const candidate = this.units.at(other);
        if (candidate.document === index || this.clusters.find(other) === this.clusters.find(id) || this.clusterHasDocument(other, index, id)) continue;
        const reasons = figureLinkReasons(candidate.figure!, figure, this.documents[candidate.document]!, this.documents[index]!);
        if (reasons) this.link(other, id, reasons);
      }
    }
    for (const key of keys) this.figureKeys.add(key, id);
  }

  /**
   * Whether the cluster of `unit` already holds another record of document `document` (other than
   * `self`): a document that states two figures about one counted thing ("41 delegates", "9
   * delegates") states two claims, and joining both would chain unrelated claims into one cluster.
   */
  private clusterHasDocument(unit: number, document: number, self: number): boolean {
    const root = this.clusters.find(unit);
    for (const own of this.unitsOf(document)) if (own !== self && this.clusters.find(own) === root) return true;
    return false;
  }

  private addEntities(index: number, uses: readonly EntityUse[]): void {
    for (const use of uses) {
      // Places and the rest join the name sets too: another document may type the same name as an organisation.
      const nameId = this.entityNames.add(use.key, use.type, use.aliases);
      this.identity.add(use.key, use.aliases);
      let entity = this.entities.get(use.key);
      if (!entity) this.entities.set(use.key, (entity = { key: use.key, nameId, types: {}, names: new Map(), documents: new IntList(), quotes: 0, figures: 0, stances: {}, cues: {}, unmarked: [] }));
      entity.types[use.type] = (entity.types[use.type] ?? 0) + 1;
      entity.names.set(use.name, (entity.names.get(use.name) ?? 0) + 1);
      entity.documents.push(index);
      entity.quotes += use.quotes;
      entity.figures += use.figures;
      for (const [stance, count] of Object.entries(use.stances)) entity.stances[stance] = (entity.stances[stance] ?? 0) + (count ?? 0);
      for (const [cue, count] of Object.entries(use.cues)) entity.cues[cue] = (entity.cues[cue] ?? 0) + count;
    }
  }

  /** The corpus as one `claimtrace/corpus@1` object; `textOf` supplies texts not kept in memory. */
  toJson(options: { textOf?: (documentId: string) => string | null; toolVersion?: string; passagesPerEvidence?: number } = {}): CorpusJson {
    return renderCorpus(this, options);
  }
}

const NO_CITATIONS: IndexedDocument['citations'] = [];

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Values two sorted arrays share. */
function sharedCount(a: Uint32Array, b: Uint32Array): number {
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return shared;
}

function sameWords(a: Uint32Array, b: Uint32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Two statements may be one only when they do not name two different speakers. */
function compatibleSpeakers(a: string | null, b: string | null): boolean {
  return a === null || b === null || a === b;
}

/** Days between two `YYYY-MM-DD` dates, or null when either is unknown. */
function daysApart(a: string | null, b: string | null): number | null {
  if (!a || !b) return null;
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  return Number.isNaN(ta) || Number.isNaN(tb) ? null : Math.abs(ta - tb) / 86_400_000;
}

/** How far apart two figures' publication dates may be and still count the same thing. */
const SAME_PERIOD_DAYS = 31;

/**
 * Two figures count the same thing when they have the same unit and counted noun, their documents
 * tell the same story (two or more shared people, organisations or places), they were published
 * within a month of each other, and the words around them share a content word ("detainees in one
 * week" and "were detained this week" do not need it; "killed" against "injured" fails it).
 */
function figureLinkReasons(a: FigureUnit, b: FigureUnit, documentA: IndexedDocument, documentB: IndexedDocument): LinkReason[] | null {
  if (a.unit !== b.unit || a.counted !== b.counted) return null;
  const story = documentA.storyKeys.filter((key) => documentB.storyKeys.includes(key));
  if (story.length < 2) return null;
  const days = daysApart(documentA.publishedAt, documentB.publishedAt);
  if (days !== null && days > SAME_PERIOD_DAYS) return null;
  let context = 0;
  for (let i = 0, j = 0; i < a.context.length && j < b.context.length; ) {
    if (a.context[i] === b.context[j]) {
      context++;
      i++;
      j++;
    } else if (a.context[i]! < b.context[j]!) i++;
    else j++;
  }
  if (context === 0) return null;
  const agreement = compareValues(a, b);
  // Different values are a disagreement only when the figures are surely about one thing: more of
  // their surrounding words must agree than for equal values.
  const contextShare = context / Math.min(a.context.length, b.context.length);
  if (agreement === 'different' && (context < 3 || contextShare < 0.34)) return null;
  const reasons: LinkReason[] = [
    { reason: 'same-counted', score: 1, detail: `${a.unit ? `${a.unit}, ` : ''}${b.countedText}` },
    { reason: 'same-story', score: round(story.length / Math.max(documentA.storyKeys.length, documentB.storyKeys.length, 1)), detail: story.join('; ') },
    { reason: 'shared-context', score: round(contextShare), detail: `${context} shared words around the figure` },
  ];
  reasons.push({ reason: agreement === 'same' ? 'same-value' : agreement === 'close' ? 'close-value' : 'different-value', score: agreement === 'different' ? 0 : 1, detail: `${describeValue(a)} / ${describeValue(b)}` });
  return reasons;
}

export function describeValue(figure: FigureUnit): string {
  if (figure.min !== null && figure.max !== null && figure.min !== figure.max) return `${figure.min}-${figure.max}`;
  return String(figure.value ?? figure.min ?? figure.max ?? '?');
}

/** Same value, close (within 5 %, or overlapping ranges), or different. */
export function compareValues(a: FigureUnit, b: FigureUnit): 'same' | 'close' | 'different' {
  const lowA = a.min ?? a.value;
  const highA = a.max ?? a.value ?? a.min;
  const lowB = b.min ?? b.value;
  const highB = b.max ?? b.value ?? b.min;
  if (lowA === null || lowB === null || highA === null || highB === null) return 'different';
  if (lowA === lowB && highA === highB) return 'same';
  if (lowA <= highB && lowB <= highA) return 'close';
  const va = a.value ?? (lowA + highA) / 2;
  const vb = b.value ?? (lowB + highB) / 2;
  return Math.abs(va - vb) <= 0.05 * Math.max(Math.abs(va), Math.abs(vb)) ? 'close' : 'different';
}
