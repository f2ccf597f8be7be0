/**
 * The typed client of the HTTP API: the only way the web UI reaches the server, and usable from
 * any script (Node 20 or a browser: it needs only `fetch`). Errors come back as `ApiClientError`
 * with the server's message.
 */
import type {
  AuditEntryJson,
  CorpusApiJson,
  CorpusClustersJson,
  CorpusMemberPageJson,
  CorpusQueryJson,
  FramingOutletJson,
  DocumentPageJson,
  DocumentQueryJson,
  EntityRowJson,
  IngestFileJson,
  IngestJobJson,
  NetworkJson,
  PageJson,
  RecordFilterJson,
  RecordPageJson,
  ReviewActionJson,
  ReviewedAnalysisJson,
  RouteDocJson,
  SpeakerJsonRow,
  TimelineItemJson,
} from './http.js';
import type { CorpusMemberJson } from './corpus-json.js';

export class ApiClientError extends Error {
  constructor(readonly status: number, message: string, readonly details: string[] = []) {
    super(message);
  }
}

type Query = Record<string, string | number | boolean | readonly string[] | null | undefined>;

export function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export interface ClientOptions {
  /** Where the server is: '' (same origin, the UI's case) or `http://127.0.0.1:4319`. */
  baseUrl?: string;
  /** Sent as `Authorization: Bearer` when the server requires a token. */
  token?: string | null;
  fetch?: typeof fetch;
}

export function createClient(options: ClientOptions = {}) {
  const base = (options.baseUrl ?? '').replace(/\/$/, '');
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const headers = (extra: Record<string, string> = {}): Record<string, string> =>
    options.token ? { ...extra, Authorization: `Bearer ${options.token}` } : extra;

  async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
    const response = await doFetch(`${base}${path}`, { ...init, headers: headers((init.headers as Record<string, string>) ?? {}) });
    const text = await response.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      throw new ApiClientError(response.status, `the server answered ${response.status} with something that is not JSON`);
    }
    if (!response.ok) {
      const error = body as { error?: string; details?: string[] } | null;
      throw new ApiClientError(response.status, error?.error ?? `HTTP ${response.status}`, error?.details ?? []);
    }
    return body as T;
  }
  const get = <T>(path: string, query: Query = {}) => request<T>(`${path}${queryString(query)}`);
  const post = <T>(path: string, body: unknown) =>
    request<T>(path, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });

  return {
    /** The URL of a route, for links (JSON twins, downloads). */
    url: (path: string, query: Query = {}) => `${base}${path}${queryString(query)}`,
    health: () => get<{ ok: true; version: string; documents: number }>('/api/health'),
    routes: () => get<{ routes: RouteDocJson[] }>('/api/routes'),
    documents: (query: DocumentQueryJson = {}) => get<DocumentPageJson>('/api/documents', query as Query),
    document: (id: string) => get<ReviewedAnalysisJson>(`/api/documents/${encodeURIComponent(id)}`),
    records: (filter: RecordFilterJson = {}) => get<RecordPageJson>('/api/records', filter as Query),
    recordsCsvUrl: (filter: Omit<RecordFilterJson, 'limit' | 'after'> = {}) => `${base}/api/export/records.csv${queryString(filter as Query)}`,
    documentExportUrl: (id: string) => `${base}/api/export/documents/${encodeURIComponent(id)}`,
    speakers: () => get<{ items: SpeakerJsonRow[] }>('/api/speakers'),
    entities: () => get<{ items: EntityRowJson[] }>('/api/entities'),
    timeline: (query: { lane?: 'speaker' | 'outlet' } = {}) => get<{ items: TimelineItemJson[] }>('/api/timeline', query),
    network: (query: { limit?: number; minWeight?: number } = {}) => get<NetworkJson>('/api/network', query),
    clusters: () => get<CorpusClustersJson>('/api/corpus/clusters'),
    corpus: (query: CorpusQueryJson = {}) => get<CorpusApiJson>('/api/corpus', query as Query),
    framing: () => get<{ items: FramingOutletJson[] }>('/api/corpus/framing'),
    /** A page of a claim cluster's records (all of them, also those its `members` list leaves out). */
    clusterMembers: (id: string, query: { after?: string; limit?: number } = {}) =>
      get<CorpusMemberPageJson<CorpusMemberJson>>(`/api/corpus/claim-clusters/${encodeURIComponent(id)}/members`, query),
    /** A page of an origin group's document ids. */
    originDocuments: (id: string, query: { after?: string; limit?: number } = {}) =>
      get<CorpusMemberPageJson<string>>(`/api/corpus/origins/${encodeURIComponent(id)}/documents`, query),
    /** A page of the document ids of a corpus entity. */
    entityDocuments: (id: string, query: { after?: string; limit?: number } = {}) =>
      get<CorpusMemberPageJson<string>>(`/api/corpus/entities/${encodeURIComponent(id)}/documents`, query),
    review: (action: ReviewActionJson) => post<{ entry: AuditEntryJson; analysis: ReviewedAnalysisJson }>('/api/reviews', action),
    audit: (query: { documentId?: string; limit?: number; after?: string } = {}) => get<PageJson<AuditEntryJson>>('/api/reviews/audit', query),
    ingest: (files: IngestFileJson[]) => post<IngestJobJson>('/api/ingest', { files }),
    ingestJob: (id: string) => get<IngestJobJson>(`/api/ingest/${encodeURIComponent(id)}`),
  };
}

export type ApiClient = ReturnType<typeof createClient>;
