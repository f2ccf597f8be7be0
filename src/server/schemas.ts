/**
 * Request and response schemas of the HTTP API (zod). Requests are parsed with them before a handler
 * runs; the API contract tests parse every response with the route's response schema; the route
 * docs (docs/api.md) are generated from them.
 */
import { z } from 'zod';

const STANCES = ['neutral', 'endorsing', 'concession', 'distancing', 'denial', 'emphasis', 'manner', 'implicative', 'other'] as const;
const KINDS = ['quote', 'figure', 'claim', 'date', 'framing'] as const;
const isoDatePrefix = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD');
const limit = (max: number) => z.coerce.number().int().min(1).max(max).optional();

export const documentsQuery = z.strictObject({
  q: z.string().max(500).optional().describe('full-text search (FTS5); every word must match; snippets mark matches with [ ]'),
  limit: limit(500).describe('page size (default 50)'),
  after: z.string().max(200).optional().describe('cursor from the previous page'),
  outlet: z.string().max(300).optional().describe('only documents from this outlet (host name of the URL)'),
  speaker: z.string().max(300).optional().describe('only documents quoting this speaker'),
  unsourcedFigures: z.enum(['true', 'false']).optional().describe('true: only documents with figures in the writer\'s voice and no claimant'),
});

export const recordsQuery = z.strictObject({
  kind: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return undefined;
      const kinds = value.split(',');
      for (const kind of kinds) {
        if (!(KINDS as readonly string[]).includes(kind)) {
          ctx.addIssue({ code: 'custom', message: `unknown kind ${JSON.stringify(kind)} (known: ${KINDS.join(', ')})` });
          return z.NEVER;
        }
      }
      return kinds as (typeof KINDS)[number][];
    })
    .describe(`comma-separated kinds: ${KINDS.join(', ')}`),
  speaker: z.string().max(300).optional().describe('speaker or claimant name, without regard to case'),
  stance: z.enum(STANCES).optional().describe('stance of the cue verb'),
  voice: z.enum(['author', 'quoted']).optional().describe("author (the writer's own voice) or quoted"),
  type: z.string().max(100).optional().describe('quote type, figure unit, date granularity or framing category'),
  from: isoDatePrefix.optional().describe('earliest normalised date'),
  to: isoDatePrefix.optional().describe('latest normalised date'),
  minCheckWorthiness: z.coerce.number().min(0).max(1).optional().describe('claims scored at least this (0 to 1)'),
  documentId: z.string().max(500).optional().describe('one document only'),
  q: z.string().max(500).optional().describe('substring of the text or the speaker'),
  sort: z.enum(['triage', 'date', 'document', 'who']).optional().describe('default triage: what a fact-checker looks at first'),
  limit: limit(1000).describe('page size (default 100)'),
  after: z.string().max(2000).optional().describe('cursor from the previous page'),
});

export const exportQuery = recordsQuery.omit({ limit: true, after: true });

export const formatExportQuery = z.strictObject({
  table: z.enum(['quotes', 'figures', 'claims', 'entities', 'events']).optional().describe('csv: one table only (default all five)'),
  graph: z.enum(['gexf', 'graphml']).optional().describe('graph: GEXF 1.3 (default) or GraphML'),
  bom: z.enum(['true', 'false']).optional().describe('csv and acled: start each file with a UTF-8 byte order mark'),
  minCheckWorthiness: z.coerce.number().min(0).max(1).optional().describe('claimreview: lowest check-worthiness exported (default 0.5)'),
});

export const exportResult = z.object({
  format: z.string(),
  files: z.array(z.object({ name: z.string(), mediaType: z.string(), content: z.string() })),
  messages: z.array(z.string()),
  count: z.number().int().min(0),
});

export const timelineQuery = z.strictObject({ lane: z.enum(['speaker', 'outlet']).optional().describe('one lane per speaker (default) or per outlet') });
export const networkQuery = z.strictObject({
  limit: limit(300).describe('most connected nodes kept (default 60)'),
  minWeight: z.coerce.number().int().min(1).optional().describe('drop edges seen fewer times'),
});
export const auditQuery = z.strictObject({
  documentId: z.string().max(500).optional().describe('one document only'),
  limit: limit(500).describe('page size (default 100)'),
  after: z.string().max(200).optional().describe('cursor from the previous page'),
});
export const emptyQuery = z.strictObject({});

export const corpusQuery = z.strictObject({
  minSources: z.coerce.number().int().min(1).max(1000).optional().describe('only claim clusters carried by at least this many independent sources (default 1)'),
  minDocuments: z.coerce.number().int().min(1).max(100000).optional().describe('only claim clusters found in at least this many documents (default 2; 1 lists single records too)'),
  kind: z.enum(['quote', 'figure', 'claim', 'mixed']).optional().describe('only claim clusters of this kind'),
  agreement: z.enum(['agree', 'disagree', 'mixed']).optional().describe('only claim clusters with this agreement (disagree: figures that differ between independent sources)'),
  drift: z.enum(['true', 'false']).optional().describe('true: only claim clusters with quote drift'),
  limit: limit(5000).describe('most claim clusters answered (default 500), most independent sources first'),
});

export const memberQuery = z.strictObject({
  limit: limit(1000).describe('page size (default 50)'),
  after: z.string().max(1000).optional().describe('cursor from the previous page (refused with 409 once the corpus has changed)'),
});

export const reviewBody = z.strictObject({
  documentId: z.string().min(1).max(500).describe('the document'),
  action: z.enum(['accept', 'reject', 'clear', 'set-speaker', 'merge', 'split']).describe('accept, reject, clear (a quote), set-speaker, merge, split (entities)'),
  target: z.string().min(1).max(500).describe('quote id, or entity id for merge and split'),
  name: z.string().min(1).max(300).optional().describe('set-speaker: the speaker; split: the new entity'),
  into: z.string().min(1).max(500).optional().describe('merge: the entity to merge into'),
  mentionStart: z.number().int().min(0).optional().describe('split: start offset of the mention to split off'),
  who: z.string().min(1).max(100).optional().describe('reviewer name (default: local)'),
});

/** Most files one ingest request may carry. */
export const MAX_INGEST_FILES = 200;

export const ingestBody = z.strictObject({
  files: z
    .array(
      z.strictObject({
        name: z.string().min(1).max(255),
        content: z.string(),
        encoding: z.enum(['utf8', 'base64']).optional(),
      }),
    )
    .min(1)
    .max(MAX_INGEST_FILES)
    .describe(`1 to ${MAX_INGEST_FILES} files: { name, content, encoding: utf8 | base64 }; the name pasted.txt is read as pasted text`),
});

// Responses ---------------------------------------------------------------------------------------

const span = z.object({ start: z.number().int(), end: z.number().int(), text: z.string() });
const facet = z.object({ value: z.string(), count: z.number().int() });
const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), next: z.string().nullable() });

export const documentRow = z.object({
  id: z.string(),
  title: z.string().nullable(),
  url: z.string().nullable(),
  source: z.string().nullable(),
  publishedAt: z.string().nullable(),
  analysedAt: z.string(),
  length: z.number().int(),
  contentHash: z.string(),
  counts: z.object({ quotes: z.number(), figures: z.number(), dates: z.number(), framing: z.number(), claims: z.number(), entities: z.number() }),
  errorCount: z.number().int(),
  sameTextAs: z.array(z.string()),
  snippet: z.string().optional(),
});
export const documentPage = page(documentRow).extend({
  total: z.number().int().optional(),
  facets: z.object({ outlet: z.array(facet), speaker: z.array(facet), unsourcedFigures: z.number().int() }).optional(),
});

export const analysis = z.looseObject({
  schema: z.literal('claimtrace/analysis@1'),
  document: z.looseObject({ id: z.string(), text: z.string(), contentHash: z.string() }),
  entities: z.array(z.looseObject({ id: z.string(), name: z.string(), mentions: z.array(span) })),
  quotes: z.array(z.looseObject({ id: z.string(), content: span, contents: z.array(span) })),
  figures: z.array(z.looseObject({ id: z.string(), span })),
  dates: z.array(z.looseObject({ id: z.string(), span, value: z.string() })),
  framing: z.array(z.looseObject({ id: z.string(), span })),
  claims: z.array(z.looseObject({ id: z.string(), span })),
  events: z.array(z.looseObject({ id: z.string() })),
  diagnostics: z.array(z.looseObject({ severity: z.string(), message: z.string() })),
  review: z.object({ decisions: z.number().int(), unanchored: z.array(z.looseObject({ target: z.string() })) }),
});

export const recordRow = z.object({
  kind: z.enum(KINDS),
  id: z.string(),
  documentId: z.string(),
  documentTitle: z.string().nullable(),
  publishedAt: z.string().nullable(),
  start: z.number().int(),
  end: z.number().int(),
  text: z.string(),
  who: z.string().nullable(),
  whoBasis: z.enum(['stated', 'inferred']).nullable(),
  stance: z.enum(STANCES).nullable(),
  cue: z.string().nullable(),
  voice: z.enum(['author', 'quoted']).nullable(),
  type: z.string().nullable(),
  date: z.string().nullable(),
  checkWorthiness: z.number().nullable(),
  review: z.enum(['accepted', 'rejected']).nullable(),
});
export const recordPage = page(recordRow).extend({
  total: z.number().int(),
  facets: z.object({ kind: z.array(facet), who: z.array(facet), stance: z.array(facet), voice: z.array(facet) }),
});

export const speakerList = z.object({
  items: z.array(
    z.object({
      name: z.string(),
      entityIds: z.array(z.string()),
      roles: z.array(z.string()),
      quotes: z.number().int(),
      documents: z.number().int(),
      stances: z.record(z.string(), z.number()),
      cues: z.array(facet),
    }),
  ),
});
export const entityList = z.object({
  items: z.array(z.object({ name: z.string(), type: z.string(), documents: z.number(), mentions: z.number(), aliases: z.array(z.string()) })),
});
export const timelineList = z.object({
  items: z.array(
    z.object({
      kind: z.enum(['quote', 'figure', 'event', 'date']),
      id: z.string(),
      documentId: z.string(),
      documentTitle: z.string().nullable(),
      lane: z.string(),
      value: z.string(),
      from: z.string(),
      to: z.string(),
      basis: z.enum(['stated', 'inferred']),
      text: z.string(),
    }),
  ),
});
export const networkGraph = z.object({
  nodes: z.array(z.object({ id: z.string(), name: z.string(), type: z.string(), documents: z.number(), quotes: z.number(), documentIds: z.array(z.string()) })),
  edges: z.array(z.object({ source: z.string(), target: z.string(), kind: z.enum(['quotes', 'co-mention']), weight: z.number(), documentIds: z.array(z.string()) })),
});
const corpusRef = z.object({ documentId: z.string(), recordId: z.string() });
const linkReason = z.object({ reason: z.string(), score: z.number(), detail: z.string().optional() });
const corpusMember = z.object({ documentId: z.string(), recordId: z.string(), kind: z.enum(['quote', 'figure', 'claim']), span, speaker: z.string().nullable(), origin: z.string() });
export const claimCluster = z.object({
  id: z.string(),
  summary: z.string(),
  members: z.array(corpusMember),
  agreement: z.enum(['agree', 'disagree', 'mixed']),
  figures: z.array(
    z.object({
      documentId: z.string(),
      value: z.number(),
      recordId: z.string().optional(),
      min: z.number().nullable().optional(),
      max: z.number().nullable().optional(),
      text: z.string().optional(),
    }),
  ),
  independentSources: z.number().int(),
  sameOrigin: z.array(z.array(z.string())),
  kind: z.enum(['quote', 'figure', 'claim', 'mixed']),
  documents: z.array(z.string()),
  links: z.array(z.object({ a: corpusRef, b: corpusRef, score: z.number(), reasons: z.array(linkReason) })),
  drift: z.array(
    z.object({
      a: corpusRef.extend({ span }),
      b: corpusRef.extend({ span }),
      change: z.enum(['trimmed', 'bracketed', 'reworded']),
      diff: z.array(z.object({ op: z.enum(['same', 'removed', 'added']), text: z.string() })),
    }),
  ),
  why: z.string(),
  omitted: z
    .object({ members: z.number().int(), documents: z.number().int(), figures: z.number().int(), reasons: z.number().int(), links: z.number().int() })
    .optional()
    .describe('how many of each list a large cluster left out (page through the members with /api/corpus/claim-clusters/:id/members)'),
});
export const originGroup = z.object({
  id: z.string(),
  documents: z.array(z.string()),
  evidence: z.array(
    z.object({
      a: z.string(),
      b: z.string(),
      kind: z.string(),
      score: z.number(),
      detail: z.string(),
      passages: z.array(z.object({ a: span, b: span, words: z.number().int() })).optional(),
      cue: span.optional(),
    }),
  ),
  omitted: z.object({ documents: z.number().int(), evidence: z.number().int() }).optional(),
});
export const corpusEntity = z.object({
  id: z.string(),
  name: z.string(),
  documents: z.array(z.string()),
  quoteCount: z.number().int(),
  key: z.string(),
  type: z.string(),
  figureCount: z.number().int(),
  stances: z.record(z.string(), z.number()),
  cues: z.array(z.object({ lemma: z.string(), count: z.number().int() })),
  aliases: z.array(z.string()),
  keys: z.array(z.string()),
  unmarkedDocuments: z.array(z.string()),
  omitted: z.object({ documents: z.number().int(), unmarkedDocuments: z.number().int() }).optional(),
});
const corpusDocument = z.object({ id: z.string(), title: z.string().nullable(), url: z.string().nullable(), publishedAt: z.string().nullable() });
export const corpusObject = z.object({
  schema: z.literal('claimtrace/corpus@1'),
  claimClusters: z.array(claimCluster),
  entities: z.array(corpusEntity),
  tool: z.object({ name: z.literal('claimtrace'), version: z.string() }).optional(),
  documentCount: z.number().int(),
  origins: z.array(originGroup),
  // Added by the API: how many claim clusters matched before the limit, and the documents named.
  matchedClusters: z.number().int(),
  documentIndex: z.record(z.string(), corpusDocument),
});
export const memberPage = z.object({ items: z.array(corpusMember), next: z.string().nullable(), total: z.number().int() });
export const documentIdPage = z.object({ items: z.array(z.string()), next: z.string().nullable(), total: z.number().int() });
export const clusterList = z.object({
  method: z.string(),
  claimClusters: z.array(claimCluster),
  origins: z.array(originGroup),
  clusters: z.array(
    z.object({
      id: z.string(),
      basis: z.enum(['same-text', 'shared-passages', 'same-network', 'citation']),
      reason: z.string(),
      documents: z.array(z.object({ id: z.string(), title: z.string().nullable(), source: z.string().nullable(), url: z.string().nullable(), publishedAt: z.string().nullable() })),
      origins: z.array(z.object({ id: z.string(), documentIds: z.array(z.string()), reason: z.string() })),
      independentSources: z.number().int(),
      sharedPassage: z.string(),
    }),
  ),
});
export const framingOutletList = z.object({
  items: z.array(
    z.object({
      outlet: z.string().nullable(),
      documents: z.number().int(),
      sentences: z.number().int(),
      sentencesWithAuthorMarks: z.number().int(),
      authorMarkShare: z.number(),
      authorMarks: z.number().int(),
      quotedMarks: z.number().int(),
      authorMarksPer100Sentences: z.number(),
      byCategory: z.record(z.string(), z.number()),
      cueVerbs: z.number().int(),
      cueStances: z.record(z.string(), z.number()),
      nonNeutralCueShare: z.number(),
      topMarks: z.array(z.object({ text: z.string(), category: z.string(), count: z.number().int() })),
    }),
  ),
});
export const auditEntry = z.object({
  id: z.number().int(),
  documentId: z.string(),
  targetKind: z.string(),
  target: z.string(),
  facet: z.string(),
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  who: z.string(),
  at: z.string(),
});
export const auditPage = page(auditEntry);
export const reviewResult = z.object({ entry: auditEntry, analysis });
export const ingestJob = z.object({
  id: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  total: z.number().int(),
  done: z.number().int(),
  analysed: z.array(z.object({ id: z.string(), title: z.string().nullable() })),
  errors: z.array(z.object({ name: z.string(), message: z.string() })),
});
export const health = z.object({ ok: z.literal(true), version: z.string(), documents: z.number().int() });
export const routeList = z.object({ routes: z.array(z.looseObject({ method: z.string(), path: z.string(), summary: z.string() })) });
export const csvText = z.string();
