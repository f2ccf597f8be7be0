/**
 * Every route of the HTTP API, declared once: method, path, what it answers, its request schemas and
 * its response schema. The app registers them, `GET /api/routes` lists them, docs/api.md is generated
 * from them (`npm run docs:api`), and the API contract tests call each one.
 */
import type { z } from 'zod';
import type { RecordRowJson, ReviewActionJson } from '../api/index.js';
import { toolVersion, type DocumentSummary } from '../engine/index.js';
import { EXPORT_FORMATS, exportAnalyses, isExportFormat } from '../exports/index.js';
import { corpusAnswer, memberPage, originGroups, selectClaimClusters, StaleCursorError, type MemberList } from './corpus-object.js';
import { clusters, CursorError, documentFacets, documentsMatching, entities, framingByOutlet, network, queryRows, speakers, timeline } from './corpus-view.js';
import * as s from './schemas.js';
import { ServiceError, type Services } from './services.js';

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export interface RouteContext {
  params: Record<string, string>;
  query: any;
  body: any;
  services: Services;
}

export interface RouteDef {
  method: 'GET' | 'POST';
  path: string;
  summary: string;
  /** The UI page this route is the JSON twin of, if any. */
  page?: string;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The schema every answer is checked against in the API contract tests. */
  response: z.ZodType;
  /** `json` unless the route answers another media type. */
  produces?: 'json' | 'csv';
  status?: number;
  handle(context: RouteContext): Promise<unknown>;
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ServiceError) throw new ApiError(error.status, error.message);
    if (error instanceof CursorError) throw new ApiError(400, error.message);
    if (error instanceof StaleCursorError) throw new ApiError(409, error.message);
    throw error;
  }
}

const CSV_COLUMNS: (keyof RecordRowJson)[] = [
  'kind', 'documentId', 'documentTitle', 'publishedAt', 'id', 'start', 'end', 'text', 'who', 'whoBasis', 'stance', 'cue', 'voice', 'type', 'date',
  'checkWorthiness', 'review',
];

/** One CSV field (RFC 4180), with a leading `=`, `+`, `-` or `@` defused so a spreadsheet does not run it as a formula. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A page of a corpus answer's members; 404 when the cluster, group or entity is not in the corpus (now). */
async function memberRoute(services: Services, list: MemberList, id: string, query: { after?: string; limit?: number }): Promise<unknown> {
  return guarded(async () => {
    const page = await memberPage(await services.corpusObject(), list, id, query);
    if (!page) throw new ApiError(404, `no ${list === 'cluster' ? 'claim cluster' : list === 'origin' ? 'origin group' : 'corpus entity'} ${JSON.stringify(id)} in the corpus`);
    return page;
  });
}

export const routes: readonly RouteDef[] = [
  {
    method: 'GET',
    path: '/api/health',
    summary: 'Whether the server is up, its version and how many documents the store holds.',
    query: s.emptyQuery,
    response: s.health,
    handle: async ({ services }) => ({ ok: true, version: toolVersion, documents: await services.store.countDocuments() }),
  },
  {
    method: 'GET',
    path: '/api/routes',
    summary: 'This list: every route with its parameters.',
    query: s.emptyQuery,
    response: s.routeList,
    handle: async () => ({ routes: routeDocs() }),
  },
  {
    method: 'GET',
    path: '/api/documents',
    summary: 'Stored documents in save order (keyset pages), or the full-text search hits for q, best first; facets for outlet, speaker and unsourced figures.',
    page: 'Documents',
    query: s.documentsQuery,
    response: s.documentPage,
    handle: ({ query, services }) =>
      guarded(async () => {
        const limit = query.limit ?? 50;
        const view = await services.corpus();
        const facets = documentFacets(view);
        const filtered = Boolean(query.outlet || query.speaker || query.unsourcedFigures === 'true');
        const allowed = filtered
          ? new Set(documentsMatching(view, { outlet: query.outlet, speaker: query.speaker, unsourcedFigures: query.unsourcedFigures === 'true' }))
          : null;
        if (query.q && query.q.trim() !== '') {
          const hits = (await services.store.searchText(query.q, { limit: allowed ? 1000 : limit })).filter((hit) => !allowed || allowed.has(hit.documentId)).slice(0, limit);
          const summaries = await findSummaries(services, new Set(hits.map((hit) => hit.documentId)));
          const rows = [];
          for (const hit of hits) {
            const summary = summaries.get(hit.documentId);
            if (summary) rows.push(await services.documentRow(summary, hit.snippet));
          }
          return { items: rows, next: null, total: rows.length, facets };
        }
        if (allowed) {
          // Facet filters answer from the corpus view: every match, in save order, up to the limit.
          const summaries = await findSummaries(services, allowed);
          const items = [];
          for (const id of [...allowed].slice(0, limit)) {
            const summary = summaries.get(id);
            if (summary) items.push(await services.documentRow(summary));
          }
          return { items, next: null, total: allowed.size, facets };
        }
        const page = await services.store.listDocuments({ limit, ...(query.after ? { after: query.after } : {}) });
        const items = [];
        for (const summary of page.items) items.push(await services.documentRow(summary));
        return { items, next: page.next, total: await services.store.countDocuments(), facets };
      }),
  },
  {
    method: 'GET',
    path: '/api/documents/:id',
    summary: 'One document as the claimtrace/analysis@1 object, with review decisions applied (`review` on quotes and entities).',
    page: 'Reader',
    query: s.emptyQuery,
    response: s.analysis,
    handle: ({ params, services }) =>
      guarded(async () => {
        const analysis = await analysisOr404(services, params.id!);
        return analysis;
      }),
  },
  {
    method: 'GET',
    path: '/api/records',
    summary: 'Quotes, figures, claims, dates and framing marks across the corpus, filtered, sorted, with facet counts.',
    page: 'Claims',
    query: s.recordsQuery,
    response: s.recordPage,
    handle: ({ query, services }) => guarded(async () => queryRows(await services.corpus(), query)),
  },
  {
    method: 'GET',
    path: '/api/export/records.csv',
    summary: 'The claims table as CSV (same filters as /api/records, every row).',
    query: s.exportQuery,
    response: s.csvText,
    produces: 'csv',
    handle: ({ query, services }) =>
      guarded(async () => {
        const page = queryRows(await services.corpus(), { ...query, limit: Number.MAX_SAFE_INTEGER });
        const lines = [CSV_COLUMNS.join(','), ...page.items.map((row) => CSV_COLUMNS.map((column) => csvField(row[column])).join(','))];
        return new Response(`${lines.join('\r\n')}\r\n`, {
          headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="claimtrace-records.csv"' },
        });
      }),
  },
  {
    method: 'GET',
    path: '/api/export/documents/:id',
    summary: 'One document as a downloadable claimtrace/analysis@1 JSON file, reviews applied.',
    query: s.emptyQuery,
    response: s.analysis,
    handle: ({ params, services }) =>
      guarded(async () => {
        const analysis = await analysisOr404(services, params.id!);
        return new Response(JSON.stringify(analysis), {
          headers: {
            'Content-Type': 'application/json; charset=utf-8',
            'Content-Disposition': `attachment; filename="${params.id!.replace(/[^\w.-]/g, '_')}.json"`,
          },
        });
      }),
  },
  {
    method: 'GET',
    path: '/api/exports/:format',
    summary:
      'Every stored document in one of the export formats (json, jsonl, csv, web-annotation, claimreview, acled, plover, ' +
      'citron, graph; docs/exports.md), reviews applied: the files with their media types, and messages about what was left out.',
    query: s.formatExportQuery,
    response: s.exportResult,
    handle: ({ params, query, services }) =>
      guarded(async () => {
        const format = params.format!;
        if (!isExportFormat(format)) throw new ApiError(404, `unknown export format ${JSON.stringify(format)} (known: ${EXPORT_FORMATS.join(', ')})`);
        const { analyses } = await services.corpus();
        return exportAnalyses(format, analyses, {
          toolVersion,
          // Exports read no clock; the server, an entry point, gives them today.
          today: new Date().toISOString().slice(0, 10),
          bom: query.bom === 'true',
          ...(query.table ? { table: query.table } : {}),
          ...(query.graph ? { graphFormat: query.graph } : {}),
          ...(query.minCheckWorthiness !== undefined ? { minCheckWorthiness: query.minCheckWorthiness } : {}),
        });
      }),
  },
  {
    method: 'GET',
    path: '/api/speakers',
    summary: 'Every speaker: quotes, documents, roles, and the stances of the cue verbs writers used for them.',
    page: 'Speakers',
    query: s.emptyQuery,
    response: s.speakerList,
    handle: ({ services }) => guarded(async () => ({ items: speakers(await services.corpus()) })),
  },
  {
    method: 'GET',
    path: '/api/entities',
    summary: 'Entities across documents, joined by type and name, with document and mention counts.',
    query: s.emptyQuery,
    response: s.entityList,
    handle: ({ services }) => guarded(async () => ({ items: entities(await services.corpus()) })),
  },
  {
    method: 'GET',
    path: '/api/timeline',
    summary: 'Statements, figures and events on a time axis by their normalised dates; inferred dates marked.',
    page: 'Timeline',
    query: s.timelineQuery,
    response: s.timelineList,
    handle: ({ query, services }) => guarded(async () => ({ items: timeline(await services.corpus(), query) })),
  },
  {
    method: 'GET',
    path: '/api/network',
    summary: 'Who quotes or mentions whom, and which entities are named together.',
    page: 'Network',
    query: s.networkQuery,
    response: s.networkGraph,
    handle: ({ query, services }) => guarded(async () => network(await services.corpus(), query)),
  },
  {
    method: 'GET',
    path: '/api/corpus/clusters',
    summary:
      'Clusters of documents with the same text, and the claim clusters (quotes, figures, claims in two or more documents) with their origins and independent-source counts.',
    query: s.emptyQuery,
    response: s.clusterList,
    handle: ({ services }) =>
      guarded(async () => {
        const state = await services.corpusObject();
        return clusters(await services.corpus(), (await selectClaimClusters(state, {})).clusters, await originGroups(state));
      }),
  },
  {
    method: 'GET',
    path: '/api/corpus',
    summary:
      'The claimtrace/corpus@1 object: claim clusters with agreement, figure values per document, quote drift and independent-source counts, ' +
      'same-origin groups with evidence, and corpus entities. Brought up to date incrementally with the stored documents.',
    page: 'Cross-source',
    query: s.corpusQuery,
    response: s.corpusObject,
    handle: ({ query, services }) =>
      guarded(async () => {
        const answer = await corpusAnswer(await services.corpusObject(), query);
        const summaries = await findSummaries(services, new Set(Object.keys(answer.documentIndex)));
        for (const [id, d] of summaries) answer.documentIndex[id] = { id, title: d.title, url: d.url, publishedAt: d.publishedAt };
        return answer;
      }),
  },
  {
    method: 'GET',
    path: '/api/corpus/claim-clusters/:id/members',
    summary:
      "A page of a claim cluster's records (id k1, k2, ... as in GET /api/corpus), every one of them: a large cluster lists only some in members and counts the rest in omitted.",
    page: 'Cross-source',
    query: s.memberQuery,
    response: s.memberPage,
    handle: ({ params, query, services }) => memberRoute(services, 'cluster', params.id!, query),
  },
  {
    method: 'GET',
    path: '/api/corpus/origins/:id/documents',
    summary:
      'A page of the document ids of a same-origin group (id o1, o2, ...), every one of them.',
    page: 'Cross-source',
    query: s.memberQuery,
    response: s.documentIdPage,
    handle: ({ params, query, services }) => memberRoute(services, 'origin', params.id!, query),
  },
  {
    method: 'GET',
    path: '/api/corpus/entities/:id/documents',
    summary:
      'A page of the document ids of a corpus entity (id E1, E2, ...), every one of them.',
    page: 'Cross-source',
    query: s.memberQuery,
    response: s.documentIdPage,
    handle: ({ params, query, services }) => memberRoute(services, 'entity', params.id!, query),
  },
  {
    method: 'GET',
    path: '/api/corpus/framing',
    summary: "The documents' framing profiles added up per outlet: share of sentences with the writer's own marks, marks per 100 sentences by category, stances of the cue verbs.",
    page: 'Framing',
    query: s.emptyQuery,
    response: s.framingOutletList,
    handle: ({ services }) => guarded(async () => ({ items: framingByOutlet(await services.corpus()) })),
  },
  {
    method: 'POST',
    path: '/api/reviews',
    summary: 'A review action: accept, reject or clear a quote, set its speaker, merge or split entities. Logged in the audit log.',
    page: 'Review',
    query: s.emptyQuery,
    body: s.reviewBody,
    response: s.reviewResult,
    handle: ({ body, services }) =>
      guarded(async () => {
        const entry = await services.review(body as ReviewActionJson);
        return { entry, analysis: await services.analysis(entry.documentId) };
      }),
  },
  {
    method: 'GET',
    path: '/api/reviews/audit',
    summary: 'The audit log of review actions, newest first: who, when, before, after.',
    page: 'Review',
    query: s.auditQuery,
    response: s.auditPage,
    handle: ({ query, services }) => guarded(() => services.store.listAudit(query)),
  },
  {
    method: 'POST',
    path: '/api/ingest',
    summary: `Analyse uploaded files (text, HTML or JSON Lines; at most ${s.MAX_INGEST_FILES}) into the store; answers a job to poll.`,
    page: 'Ingest',
    query: s.emptyQuery,
    body: s.ingestBody,
    response: s.ingestJob,
    status: 202,
    handle: ({ body, services }) => guarded(async () => services.startIngest(body.files)),
  },
  {
    method: 'GET',
    path: '/api/ingest/:job',
    summary: 'Progress of an ingest job: files done, documents analysed, errors per file.',
    page: 'Ingest',
    query: s.emptyQuery,
    response: s.ingestJob,
    handle: ({ params, services }) =>
      guarded(async () => {
        const job = services.job(params.job!);
        if (!job) throw new ApiError(404, `no ingest job ${JSON.stringify(params.job)}`);
        return job;
      }),
  },
];

/** The summaries of some documents, found in one walk over the list (the store has no lookup of one summary). */
/** The stored analysis of one document, reviews applied, or a 404 naming the id. */
async function analysisOr404(services: Services, id: string) {
  const analysis = await services.analysis(id);
  if (!analysis) throw new ApiError(404, `no document with id ${JSON.stringify(id)}`);
  return analysis;
}

async function findSummaries(services: Services, ids: ReadonlySet<string>) {
  const found = new Map<string, DocumentSummary>();
  if (ids.size === 0) return found;
  for await (const summary of services.store.iterateDocuments({ pageSize: 1000 })) {
    if (ids.has(summary.id)) found.set(summary.id, summary);
    if (found.size === ids.size) break;
  }
  return found;
}

/** The route list as data (for /api/routes and docs/api.md), parameters described from the schemas. */
export function routeDocs() {
  return routes.map((route) => ({
    method: route.method,
    path: route.path,
    summary: route.summary,
    ...(route.page ? { page: route.page } : {}),
    query: describeSchema(route.query),
    ...(route.body ? { body: describeSchema(route.body) } : {}),
    produces: route.produces ?? 'json',
  }));
}

function describeSchema(schema: z.ZodType | undefined): Record<string, string> {
  if (!schema) return {};
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape;
  if (!shape) return {};
  const out: Record<string, string> = {};
  for (const [name, field] of Object.entries(shape)) out[name] = field.description ?? '';
  return out;
}
