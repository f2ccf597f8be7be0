/**
 * The `claimtrace/corpus@1` contract: what `claimtrace corpus --json` prints and `/api/corpus` returns.
 * The fields of the spec's "Corpus level" section keep their names and meaning; the others are added
 * fields (allowed by the contract) that explain every link. Plain JSON only; this module imports
 * nothing but the analysis@1 types, so the browser can share it.
 */
import type { SpanJson, Stance } from './analysis-json.js';

export const CORPUS_SCHEMA = 'claimtrace/corpus@1' as const;

/** One record of one document: `recordId` is the record's id in that document's analysis@1 object. */
export interface CorpusMemberJson {
  documentId: string;
  recordId: string;
  /** Added: the record's kind and its main span in that document. */
  kind: 'quote' | 'figure' | 'claim';
  span: SpanJson;
  /** Added: who says it (the speaker or claimant name), when known. */
  speaker: string | null;
  /** Added: the origin group of the member's document (`origins[].id`). */
  origin: string;
}

/** Why two records were linked: one entry per signal, each with its score. */
export interface LinkReasonJson {
  /** `same-speaker`, `shared-ngrams`, `same-value`, `close-value`, `different-value`, `same-counted`, `same-story`, `same-text`. */
  reason: string;
  score: number;
  detail?: string;
}

export interface ClusterLinkJson {
  a: { documentId: string; recordId: string };
  b: { documentId: string; recordId: string };
  score: number;
  reasons: LinkReasonJson[];
}

/** A word-level diff of two versions of one quote: `same`, `removed` (only in a), `added` (only in b). */
export interface WordDiffOpJson {
  op: 'same' | 'removed' | 'added';
  text: string;
}

export interface QuoteDriftJson {
  a: { documentId: string; recordId: string; span: SpanJson };
  b: { documentId: string; recordId: string; span: SpanJson };
  /** `trimmed` (b is a cut of a or the reverse), `bracketed` (words in [ ] added), `reworded`. */
  change: 'trimmed' | 'bracketed' | 'reworded';
  diff: WordDiffOpJson[];
}

export interface ClaimClusterJson {
  id: string;
  summary: string;
  members: CorpusMemberJson[];
  agreement: 'agree' | 'disagree' | 'mixed';
  figures: { documentId: string; value: number; recordId?: string; min?: number | null; max?: number | null; text?: string }[];
  /** The number of origin groups among the members' documents, not the number of documents. */
  independentSources: number;
  /** The members' documents that share an origin, one array per origin group with two or more. */
  sameOrigin: string[][];
  /** Added fields. */
  kind: 'quote' | 'figure' | 'claim' | 'mixed';
  documents: string[];
  links: ClusterLinkJson[];
  drift: QuoteDriftJson[];
  /** "5 documents, 2 independent sources: …" with the reason for each grouping. */
  why: string;
  /**
   * Added, only when the writer capped the lists of a large cluster (`maxMembers`, which also caps
   * `links` and `drift`): how many members, documents, figures, `why` reasons and links it left out. `independentSources`, `agreement` and the count
   * in `why` are always over the whole cluster.
   */
  omitted?: { members: number; documents: number; figures: number; reasons: number; links: number };
}

/** A verbatim passage found in two documents, with its span in each. */
export interface SharedPassageJson {
  a: SpanJson;
  b: SpanJson;
  words: number;
}

/** One piece of evidence that two documents share an origin. */
export interface OriginEvidenceJson {
  a: string;
  b: string;
  /** `near-duplicate`, `shared-passage`, `same-outlet`, `same-network`, `citation`, `same-citation`. */
  kind: string;
  score: number;
  detail: string;
  passages?: SharedPassageJson[];
  /** For a citation: the cue as written in the citing document (`b`, or `a` when only it cites). */
  cue?: SpanJson;
}

export interface OriginGroupJson {
  id: string;
  documents: string[];
  evidence: OriginEvidenceJson[];
  /** Added, only when the writer capped the lists (`maxMembers`): how many documents and pieces of evidence it left out. */
  omitted?: { documents: number; evidence: number };
}

export interface CorpusEntityJson {
  id: string;
  name: string;
  documents: string[];
  quoteCount: number;
  /** Added fields. */
  key: string;
  type: string;
  figureCount: number;
  /** The stances of the cue verbs writers used for this speaker's quotes, across the corpus. */
  stances: Partial<Record<Stance, number>>;
  /** Cue lemmas with their counts, most frequent first. */
  cues: { lemma: string; count: number }[];
  /** Other written names of the entity across documents. */
  aliases: string[];
  /** Every entity key of the documents joined into this corpus entity. */
  keys: string[];
  /**
   * Documents that write the entity's name (as capitalised words) although their analysis did not
   * mark it: the name is known from other documents. Not counted in `documents`.
   */
  unmarkedDocuments: string[];
  /** Added, only when the writer capped the lists (`maxMembers`): how many document ids it left out. */
  omitted?: { documents: number; unmarkedDocuments: number };
}

export interface CorpusJson {
  schema: typeof CORPUS_SCHEMA;
  claimClusters: ClaimClusterJson[];
  entities: CorpusEntityJson[];
  /** Added fields. */
  tool?: { name: 'claimtrace'; version: string };
  documentCount: number;
  origins: OriginGroupJson[];
}
