/**
 * The shapes of the HTTP JSON API (`claimtrace serve`), beside the analysis contract. Plain JSON,
 * no imports beyond the contract types: shared by the server, the typed client and the web UI.
 */
import type { AnalysisJson, BasisJson, EntityJson, QuoteJson, Stance } from './analysis-json.js';
import type { ClaimClusterJson, CorpusJson, OriginGroupJson } from './corpus-json.js';

/** What a reviewer decided about one quote (added to `QuoteJson` as `review` when any decision is in force). */
export interface QuoteReviewJson {
  status: 'accepted' | 'rejected' | null;
  /** The speaker the analysis found, when a reviewer replaced it (the quote's `speaker` is then the reviewer's). */
  originalSpeaker?: AnalysisJson['quotes'][number]['speaker'];
  /** Who made the last decision, and when. */
  who: string;
  at: string;
}

/** What a reviewer decided about one entity: merged into another, or mentions split off into a new one. */
export interface EntityReviewJson {
  mergedInto?: string;
  mergedFrom?: string[];
  splitFrom?: string;
  who: string;
  at: string;
}

/** A decision whose record could not be found again after re-analysis: kept and shown, never dropped. */
export interface UnanchoredReviewJson {
  targetKind: string;
  target: string;
  facet: string;
  action: string;
  value: unknown;
  anchor: { start: number; end: number; text: string } | null;
  who: string;
  at: string;
}

/** The analysis as the API serves it: the contract object with reviews applied. */
export interface ReviewedAnalysisJson extends AnalysisJson {
  quotes: Array<QuoteJson & { review?: QuoteReviewJson }>;
  entities: Array<EntityJson & { review?: EntityReviewJson }>;
  review: { decisions: number; unanchored: UnanchoredReviewJson[] };
}

export interface DocumentRowJson {
  id: string;
  title: string | null;
  url: string | null;
  source: string | null;
  publishedAt: string | null;
  analysedAt: string;
  length: number;
  contentHash: string;
  counts: { quotes: number; figures: number; dates: number; framing: number; claims: number; entities: number };
  errorCount: number;
  /** Other stored documents with the same text (same content hash). */
  sameTextAs: string[];
  /** Search snippet with matched terms between `[` and `]`, when the list answers a search. */
  snippet?: string;
}

export interface PageJson<T> {
  items: T[];
  next: string | null;
  total?: number;
}

export interface DocumentPageJson extends PageJson<DocumentRowJson> {
  facets?: { outlet: FacetJson[]; speaker: FacetJson[]; unsourcedFigures: number };
}

export interface DocumentQueryJson {
  q?: string;
  limit?: number;
  after?: string;
  outlet?: string;
  speaker?: string;
  unsourcedFigures?: boolean;
}

export type RecordKindJson = 'quote' | 'figure' | 'claim' | 'date' | 'framing';

/** One row of the claims table: a quote, figure, claim, date or framing mark with its document. */
export interface RecordRowJson {
  kind: RecordKindJson;
  id: string;
  documentId: string;
  documentTitle: string | null;
  publishedAt: string | null;
  start: number;
  end: number;
  text: string;
  /** Speaker (quotes) or claimant (figures, claims); null when none was found. */
  who: string | null;
  whoBasis: BasisJson | null;
  stance: Stance | null;
  cue: string | null;
  voice: 'author' | 'quoted' | null;
  type: string | null;
  /** Normalised date (TIMEX3 value) of the statement or mention, when known. */
  date: string | null;
  checkWorthiness: number | null;
  review: 'accepted' | 'rejected' | null;
}

export interface RecordFilterJson {
  kind?: RecordKindJson | RecordKindJson[];
  speaker?: string;
  stance?: Stance;
  voice?: 'author' | 'quoted';
  type?: string;
  from?: string;
  to?: string;
  minCheckWorthiness?: number;
  documentId?: string;
  q?: string;
  sort?: 'triage' | 'date' | 'document' | 'who';
  limit?: number;
  after?: string;
}

export interface FacetJson {
  value: string;
  count: number;
}

export interface RecordPageJson extends PageJson<RecordRowJson> {
  total: number;
  facets: { kind: FacetJson[]; who: FacetJson[]; stance: FacetJson[]; voice: FacetJson[] };
}

/**
 * The framing profiles of one outlet's documents added up (GET /api/corpus/framing): rates per
 * sentence and shares of cue stances, so outlets of different sizes compare side by side.
 */
export interface FramingOutletJson {
  /** The outlet: the host of the documents' URL; `null` for documents without a URL. */
  outlet: string | null;
  documents: number;
  sentences: number;
  sentencesWithAuthorMarks: number;
  /** sentencesWithAuthorMarks / sentences over all its documents, three decimals. */
  authorMarkShare: number;
  authorMarks: number;
  quotedMarks: number;
  /** Author-voice marks per 100 sentences, one decimal. */
  authorMarksPer100Sentences: number;
  /** Author-voice marks per 100 sentences, by category, one decimal. */
  byCategory: Partial<Record<string, number>>;
  /** Quotes with a cue verb, and how many of them by the cue's stance (whom the writers let "say", whom they make "admit"). */
  cueVerbs: number;
  cueStances: Partial<Record<Stance, number>>;
  /** Share of those cue verbs that are not neutral, three decimals. */
  nonNeutralCueShare: number;
  /** The most frequent author-voice marks over its documents. */
  topMarks: { text: string; category: string; count: number }[];
}

export interface SpeakerJsonRow {
  name: string;
  entityIds: string[];
  roles: string[];
  quotes: number;
  documents: number;
  stances: Partial<Record<Stance, number>>;
  cues: FacetJson[];
}

export interface EntityRowJson {
  name: string;
  type: string;
  documents: number;
  mentions: number;
  aliases: string[];
}

export interface TimelineItemJson {
  kind: 'quote' | 'figure' | 'event' | 'date';
  id: string;
  documentId: string;
  documentTitle: string | null;
  lane: string;
  /** Normalised date: a TIMEX3 value such as `2019-09-02` or `2019-09`. */
  value: string;
  /** First and last day the value covers (ISO dates). */
  from: string;
  to: string;
  basis: BasisJson;
  text: string;
}

export interface NetworkNodeJson {
  id: string;
  name: string;
  type: string;
  documents: number;
  quotes: number;
  documentIds: string[];
}

export interface NetworkEdgeJson {
  source: string;
  target: string;
  kind: 'quotes' | 'co-mention';
  weight: number;
  documentIds: string[];
}

export interface NetworkJson {
  nodes: NetworkNodeJson[];
  edges: NetworkEdgeJson[];
}

/** A cluster of documents that carry the same material (today: identical texts), following the contract's corpus level. */
export interface ClusterJson {
  id: string;
  /** How the documents were grouped: `same-text` (identical content hash) today. */
  basis: 'same-text' | 'shared-passages' | 'same-network' | 'citation';
  reason: string;
  documents: { id: string; title: string | null; source: string | null; url: string | null; publishedAt: string | null }[];
  /** Groups of documents that share an origin; each group counts once as a source. */
  origins: { id: string; documentIds: string[]; reason: string }[];
  independentSources: number;
  /** A passage the documents share, to show side by side. */
  sharedPassage: string;
}

export interface CorpusClustersJson {
  clusters: ClusterJson[];
  /** What the clusters are built from, so a reader knows what is and is not compared yet. */
  method: string;
  /** The corpus's claim clusters found in two or more documents (see `GET /api/corpus`). */
  claimClusters: ClaimClusterJson[];
  /** Same-origin groups with their evidence (shared passages, near-duplicates, outlets, citations). */
  origins: OriginGroupJson[];
}

/** Filters of `GET /api/corpus`. */
export interface CorpusQueryJson {
  minSources?: number;
  minDocuments?: number;
  kind?: 'quote' | 'figure' | 'claim' | 'mixed';
  agreement?: 'agree' | 'disagree' | 'mixed';
  drift?: 'true' | 'false';
  limit?: number;
}

/**
 * A page of the members a corpus answer lists only in part (`omitted`): a claim cluster's records,
 * an origin group's or a corpus entity's documents. `next` is the `after` of the following page
 * (null on the last); `total` counts them all.
 */
export interface CorpusMemberPageJson<T> {
  items: T[];
  next: string | null;
  total: number;
}

/** `GET /api/corpus`: the claimtrace/corpus@1 object, its claim clusters filtered, plus what a page needs to name documents. */
export interface CorpusApiJson extends CorpusJson {
  /** Claim clusters that matched the filters before the limit. */
  matchedClusters: number;
  /** Title, URL and date of every document the answer names. */
  documentIndex: Record<string, { id: string; title: string | null; url: string | null; publishedAt: string | null }>;
}

export interface ReviewActionJson {
  documentId: string;
  action: 'accept' | 'reject' | 'clear' | 'set-speaker' | 'merge' | 'split';
  /** Quote id (accept, reject, clear, set-speaker) or entity id (merge, split). */
  target: string;
  /** set-speaker: the speaker's name. split: the new entity's name. */
  name?: string;
  /** merge: the entity the target is merged into. */
  into?: string;
  /** split: the mention (by start offset) to take out of the entity. */
  mentionStart?: number;
  who?: string;
}

export interface AuditEntryJson {
  id: number;
  documentId: string;
  targetKind: string;
  target: string;
  facet: string;
  action: string;
  before: unknown;
  after: unknown;
  who: string;
  at: string;
}

export interface IngestFileJson {
  name: string;
  /** The file's content as text (HTML, plain text or JSONL), or base64 when `encoding` says so. */
  content: string;
  encoding?: 'utf8' | 'base64';
}

export interface IngestJobJson {
  id: string;
  state: 'running' | 'done' | 'failed';
  total: number;
  done: number;
  analysed: { id: string; title: string | null }[];
  errors: { name: string; message: string }[];
}

export interface RouteDocJson {
  method: 'GET' | 'POST';
  path: string;
  summary: string;
  query?: Record<string, string>;
  body?: string;
  response: string;
}

export interface ApiErrorJson {
  error: string;
  details?: string[];
}
