/**
 * The corpus-level views of the API (claims table, speakers, entities, timeline, network, clusters),
 * computed from the reviewed analyses of every stored document. Pure functions over contract objects:
 * the server loads the analyses and keeps the view until the store changes.
 */
import type {
  ClaimClusterJson,
  ClusterJson,
  CorpusClustersJson,
  EntityRowJson,
  FacetJson,
  FramingOutletJson,
  NetworkEdgeJson,
  NetworkJson,
  NetworkNodeJson,
  OriginGroupJson,
  RecordFilterJson,
  RecordKindJson,
  RecordPageJson,
  RecordRowJson,
  ReviewedAnalysisJson,
  SpeakerJsonRow,
  Stance,
  TimelineItemJson,
} from '../api/index.js';

export interface CorpusView {
  analyses: ReviewedAnalysisJson[];
  rows: RecordRowJson[];
}

export function buildCorpusView(analyses: ReviewedAnalysisJson[]): CorpusView {
  return { analyses, rows: analyses.flatMap(recordRows) };
}

/** Every row of the claims table for one document, in reading order per kind. */
export function recordRows(analysis: ReviewedAnalysisJson): RecordRowJson[] {
  const doc = analysis.document;
  const base = { documentId: doc.id, documentTitle: doc.title, publishedAt: doc.publishedAt };
  const rows: RecordRowJson[] = [];
  for (const quote of analysis.quotes) {
    const span = quote.content;
    rows.push({
      ...base,
      kind: 'quote',
      id: quote.id,
      start: span.start,
      end: span.end,
      text: quote.contents.map((piece) => piece.text).join(' … ') || span.text,
      who: quote.speaker?.name ?? null,
      whoBasis: quote.speaker ? quote.speaker.basis : null,
      stance: quote.cue?.stance ?? null,
      cue: quote.cue?.span.text ?? null,
      voice: 'quoted',
      type: quote.type,
      date: quote.date?.value ?? doc.publishedAt,
      checkWorthiness: null,
      review: quote.review?.status ?? null,
    });
  }
  for (const figure of analysis.figures) {
    rows.push({
      ...base,
      kind: 'figure',
      id: figure.id,
      start: figure.span.start,
      end: figure.span.end,
      text: figure.span.text,
      who: figure.claimant?.name ?? null,
      whoBasis: figure.claimant?.basis ?? null,
      stance: null,
      cue: null,
      voice: figure.voice,
      type: [figure.approx !== 'exact' ? figure.approx : null, figure.unit, figure.counted].filter(Boolean).join(' ') || null,
      date: doc.publishedAt,
      checkWorthiness: null,
      review: null,
    });
  }
  for (const claim of analysis.claims) {
    rows.push({
      ...base,
      kind: 'claim',
      id: claim.id,
      start: claim.span.start,
      end: claim.span.end,
      text: claim.span.text,
      who: claim.claimant?.name ?? null,
      whoBasis: claim.claimant?.basis ?? null,
      stance: null,
      cue: null,
      voice: claim.voice,
      type: null,
      date: doc.publishedAt,
      checkWorthiness: claim.checkWorthiness,
      review: null,
    });
  }
  for (const date of analysis.dates) {
    rows.push({
      ...base,
      kind: 'date',
      id: date.id,
      start: date.span.start,
      end: date.span.end,
      text: date.span.text,
      who: null,
      whoBasis: null,
      stance: null,
      cue: null,
      voice: null,
      type: date.granularity,
      date: date.value,
      checkWorthiness: null,
      review: null,
    });
  }
  for (const mark of analysis.framing) {
    rows.push({
      ...base,
      kind: 'framing',
      id: mark.id,
      start: mark.span.start,
      end: mark.span.end,
      text: mark.span.text,
      who: null,
      whoBasis: null,
      stance: null,
      cue: null,
      voice: mark.voice,
      type: mark.category,
      date: doc.publishedAt,
      checkWorthiness: null,
      review: null,
    });
  }
  return rows;
}

const STANCE_TRIAGE: Partial<Record<Stance, number>> = { denial: 0.7, distancing: 0.65, concession: 0.6, endorsing: 0.5, emphasis: 0.5 };

/**
 * The fact-checker's triage order: check-worthy claims by their score, then figures stated with no
 * claimant (nobody answers for them), quotes whose cue verb is not neutral, other figures and
 * quotes, author-voice framing marks, and dates last. Decision 0022 records why.
 */
export function triageScore(row: RecordRowJson): number {
  switch (row.kind) {
    case 'claim':
      return 1 + (row.checkWorthiness ?? 0);
    case 'figure':
      return row.who ? 0.45 : row.voice === 'author' ? 0.8 : 0.55;
    case 'quote':
      return (row.stance ? STANCE_TRIAGE[row.stance] : undefined) ?? (row.who ? 0.4 : 0.5);
    case 'framing':
      return row.voice === 'author' ? 0.3 : 0.2;
    case 'date':
      return 0.1;
  }
}

function sortKey(row: RecordRowJson, sort: NonNullable<RecordFilterJson['sort']>): string {
  const tie = `${row.documentId}\u0000${String(row.start).padStart(10, '0')}\u0000${row.kind}\u0000${row.id}`;
  switch (sort) {
    case 'triage':
      return `${(9 - triageScore(row)).toFixed(4)}\u0000${tie}`;
    case 'date':
      return `${row.date ?? '\uffff'}\u0000${tie}`;
    case 'who':
      return `${(row.who ?? '\uffff').toLowerCase()}\u0000${tie}`;
    case 'document':
      return tie;
  }
}

function facet(rows: readonly RecordRowJson[], pick: (row: RecordRowJson) => string | null, limit = 30): FacetJson[] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const value = pick(row);
    if (value !== null && value !== '') counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
    .slice(0, limit);
}

/** True when the normalised date `value` lies in [from, to] (prefix comparison of ISO dates). */
function inRange(value: string | null, from: string | undefined, to: string | undefined): boolean {
  if (!from && !to) return true;
  if (!value || !/^\d{4}/.test(value)) return false;
  if (from && value.slice(0, from.length) < from) return false;
  if (to && value.slice(0, to.length) > to) return false;
  return true;
}

const CURSOR_TAG = 'k';

export function queryRows(view: CorpusView, filter: RecordFilterJson): RecordPageJson {
  const kinds = filter.kind === undefined ? null : new Set(Array.isArray(filter.kind) ? filter.kind : [filter.kind]);
  const speaker = filter.speaker?.toLowerCase();
  const q = filter.q?.toLowerCase();
  const matchesExceptKind = (row: RecordRowJson): boolean =>
    (!speaker || (row.who ?? '').toLowerCase() === speaker) &&
    (!filter.stance || row.stance === filter.stance) &&
    (!filter.voice || row.voice === filter.voice) &&
    (!filter.type || row.type === filter.type) &&
    (!filter.documentId || row.documentId === filter.documentId) &&
    (filter.minCheckWorthiness === undefined || (row.checkWorthiness ?? -1) >= filter.minCheckWorthiness) &&
    inRange(row.date, filter.from, filter.to) &&
    (!q || row.text.toLowerCase().includes(q) || (row.who ?? '').toLowerCase().includes(q));
  const base = view.rows.filter(matchesExceptKind);
  const matching = kinds ? base.filter((row) => kinds.has(row.kind)) : base;
  const sort = filter.sort ?? 'triage';
  const keyed = matching.map((row) => ({ row, key: sortKey(row, sort) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  let startAt = 0;
  if (filter.after) {
    const after = decodeCursor(filter.after);
    startAt = keyed.findIndex((entry) => entry.key > after);
    if (startAt < 0) startAt = keyed.length;
  }
  const limit = filter.limit ?? 100;
  const page = keyed.slice(startAt, startAt + limit);
  const hasMore = startAt + limit < keyed.length;
  return {
    items: page.map((entry) => entry.row),
    next: hasMore ? encodeCursor(page[page.length - 1]!.key) : null,
    total: matching.length,
    facets: {
      kind: facet(base, (row) => row.kind),
      who: facet(matching, (row) => row.who),
      stance: facet(matching, (row) => row.stance),
      voice: facet(matching, (row) => row.voice),
    },
  };
}

function encodeCursor(key: string): string {
  return Buffer.from(JSON.stringify([CURSOR_TAG, key]), 'utf8').toString('base64url');
}

export class CursorError extends Error {}

function decodeCursor(cursor: string): string {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value[0] === CURSOR_TAG && typeof value[1] === 'string') return value[1];
  } catch {
    // fall through
  }
  throw new CursorError(`invalid page cursor ${JSON.stringify(cursor)}`);
}

/** Speakers across the corpus: quotes, documents, roles and the stance of the cue verbs used for them. */
export function speakers(view: CorpusView): SpeakerJsonRow[] {
  const byName = new Map<string, SpeakerJsonRow & { docs: Set<string>; cueCounts: Map<string, number>; ids: Set<string>; roleSet: Set<string> }>();
  for (const analysis of view.analyses) {
    const roles = new Map(analysis.entities.map((entity) => [entity.id, entity.roles]));
    for (const quote of analysis.quotes) {
      const name = quote.speaker?.name;
      if (!name || quote.review?.status === 'rejected') continue;
      const key = name.toLowerCase();
      let entry = byName.get(key);
      if (!entry) {
        entry = { name, entityIds: [], roles: [], quotes: 0, documents: 0, stances: {}, cues: [], docs: new Set(), cueCounts: new Map(), ids: new Set(), roleSet: new Set() };
        byName.set(key, entry);
      }
      entry.quotes++;
      entry.docs.add(analysis.document.id);
      if (quote.speaker?.entityId) {
        entry.ids.add(`${analysis.document.id}#${quote.speaker.entityId}`);
        for (const role of roles.get(quote.speaker.entityId) ?? []) entry.roleSet.add(role);
      }
      if (quote.speaker?.role) entry.roleSet.add(quote.speaker.role);
      if (quote.cue) {
        entry.stances[quote.cue.stance] = (entry.stances[quote.cue.stance] ?? 0) + 1;
        const lemma = quote.cue.lemma;
        entry.cueCounts.set(lemma, (entry.cueCounts.get(lemma) ?? 0) + 1);
      }
    }
  }
  return [...byName.values()]
    .map(({ docs, cueCounts, ids, roleSet, ...row }) => ({
      ...row,
      entityIds: [...ids].sort(),
      roles: [...roleSet].sort(),
      documents: docs.size,
      cues: [...cueCounts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1)),
    }))
    .sort((a, b) => b.quotes - a.quotes || (a.name < b.name ? -1 : 1));
}

export function entities(view: CorpusView): EntityRowJson[] {
  const byKey = new Map<string, EntityRowJson & { docs: Set<string>; aliasSet: Set<string> }>();
  for (const analysis of view.analyses) {
    for (const entity of analysis.entities) {
      const key = `${entity.type}\u0000${entity.name.toLowerCase()}`;
      let entry = byKey.get(key);
      if (!entry) {
        entry = { name: entity.name, type: entity.type, documents: 0, mentions: 0, aliases: [], docs: new Set(), aliasSet: new Set() };
        byKey.set(key, entry);
      }
      entry.docs.add(analysis.document.id);
      entry.mentions += entity.mentions.length;
      for (const alias of entity.aliases) entry.aliasSet.add(alias);
    }
  }
  return [...byKey.values()]
    .map(({ docs, aliasSet, ...row }) => ({ ...row, documents: docs.size, aliases: [...aliasSet].sort() }))
    .sort((a, b) => b.documents - a.documents || b.mentions - a.mentions || (a.name < b.name ? -1 : 1));
}

/** The days a TIMEX3 value covers, or null when it names no calendar period (`PRESENT_REF`, `XXXX-09`, durations). */
export function timexRange(value: string): { from: string; to: string } | null {
  let match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (match) {
    const day = `${match[1]}-${match[2]}-${match[3]}`;
    return Number.isNaN(Date.parse(day)) ? null : { from: day, to: day };
  }
  match = /^(\d{4})-(\d{2})$/.exec(value);
  if (match) {
    const month = Number(match[2]);
    if (month < 1 || month > 12) return null;
    const last = new Date(Date.UTC(Number(match[1]), month, 0)).getUTCDate();
    return { from: `${match[1]}-${match[2]}-01`, to: `${match[1]}-${match[2]}-${String(last).padStart(2, '0')}` };
  }
  match = /^(\d{4})-W(\d{2})/.exec(value);
  if (match) {
    const year = Number(match[1]);
    const week = Number(match[2]);
    const jan4 = new Date(Date.UTC(year, 0, 4));
    const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86400000 + (week - 1) * 7 * 86400000);
    const sunday = new Date(monday.getTime() + 6 * 86400000);
    return { from: monday.toISOString().slice(0, 10), to: sunday.toISOString().slice(0, 10) };
  }
  match = /^(\d{4})-Q([1-4])$/.exec(value);
  if (match) {
    const q = Number(match[2]);
    const last = new Date(Date.UTC(Number(match[1]), q * 3, 0)).getUTCDate();
    return { from: `${match[1]}-${String(q * 3 - 2).padStart(2, '0')}-01`, to: `${match[1]}-${String(q * 3).padStart(2, '0')}-${last}` };
  }
  match = /^(\d{4})$/.exec(value);
  if (match) return { from: `${match[1]}-01-01`, to: `${match[1]}-12-31` };
  return null;
}

/** Statements (by their date), figures (by their document's date), events and date mentions on one axis. */
export function timeline(view: CorpusView, options: { lane?: 'speaker' | 'outlet' } = {}): TimelineItemJson[] {
  const items: TimelineItemJson[] = [];
  for (const analysis of view.analyses) {
    const doc = analysis.document;
    const outlet = outletOf(doc.url) ?? 'unknown outlet';
    const push = (item: Omit<TimelineItemJson, 'from' | 'to' | 'documentId' | 'documentTitle'>): void => {
      const range = timexRange(item.value);
      if (range) items.push({ ...item, ...range, documentId: doc.id, documentTitle: doc.title });
    };
    for (const quote of analysis.quotes) {
      if (quote.review?.status === 'rejected') continue;
      const value = quote.date?.value ?? doc.publishedAt;
      if (!value) continue;
      const speaker = quote.speaker?.name ?? 'unattributed';
      push({
        kind: 'quote',
        id: quote.id,
        lane: options.lane === 'outlet' ? outlet : speaker,
        value,
        basis: quote.date ? quote.date.basis : 'inferred',
        text: `${speaker}: ${quote.contents.map((c) => c.text).join(' … ') || quote.content.text}`,
      });
    }
    for (const figure of analysis.figures) {
      if (!doc.publishedAt) continue;
      push({
        kind: 'figure',
        id: figure.id,
        lane: options.lane === 'outlet' ? outlet : figure.claimant?.name ?? 'figures without a claimant',
        value: doc.publishedAt,
        basis: 'inferred',
        text: figure.span.text,
      });
    }
    for (const event of analysis.events) {
      if (!event.date) continue;
      push({ kind: 'event', id: event.id, lane: options.lane === 'outlet' ? outlet : event.actors[0] ?? 'events', value: event.date, basis: 'stated', text: event.span.text });
    }
  }
  return items.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.lane < b.lane ? -1 : 1));
}

function outletOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

const NODE_TYPES = new Set(['person', 'organization', 'group', 'place']);

/**
 * Who quotes or mentions whom, and which entities are named together. Nodes are entities joined across
 * documents by type and name; a `quotes` edge runs from a speaker to each entity named inside their
 * quote; a `co-mention` edge joins two people or organisations named in the same document. The
 * `limit` most-connected nodes are kept.
 */
export function network(view: CorpusView, options: { limit?: number; minWeight?: number } = {}): NetworkJson {
  const nodes = new Map<string, Omit<NetworkNodeJson, 'documentIds'> & { docs: Set<string> }>();
  const edges = new Map<string, NetworkEdgeJson & { docs: Set<string> }>();
  const nodeKey = (type: string, name: string): string => `${type}:${name.toLowerCase()}`;
  const addEdge = (source: string, target: string, kind: NetworkEdgeJson['kind'], documentId: string): void => {
    if (source === target) return;
    const [a, b] = kind === 'co-mention' && target < source ? [target, source] : [source, target];
    const key = `${kind}\u0000${a}\u0000${b}`;
    let edge = edges.get(key);
    if (!edge) {
      edge = { source: a, target: b, kind, weight: 0, documentIds: [], docs: new Set() };
      edges.set(key, edge);
    }
    edge.weight++;
    edge.docs.add(documentId);
  };
  for (const analysis of view.analyses) {
    const docId = analysis.document.id;
    const local = new Map<string, string>();
    for (const entity of analysis.entities) {
      if (!NODE_TYPES.has(entity.type)) continue;
      const key = nodeKey(entity.type, entity.name);
      local.set(entity.id, key);
      let node = nodes.get(key);
      if (!node) {
        node = { id: key, name: entity.name, type: entity.type, documents: 0, quotes: 0, docs: new Set() };
        nodes.set(key, node);
      }
      node.docs.add(docId);
    }
    for (const quote of analysis.quotes) {
      if (quote.review?.status === 'rejected' || !quote.speaker?.entityId) continue;
      const speaker = local.get(quote.speaker.entityId);
      if (!speaker) continue;
      nodes.get(speaker)!.quotes++;
      for (const entity of analysis.entities) {
        const target = local.get(entity.id);
        if (!target) continue;
        const inside = entity.mentions.some((m) => quote.contents.some((c) => m.start >= c.start && m.end <= c.end));
        if (inside) addEdge(speaker, target, 'quotes', docId);
      }
    }
    const people = [...new Set([...local.values()].filter((key) => !key.startsWith('place:')))];
    for (let i = 0; i < people.length; i++) for (let j = i + 1; j < people.length; j++) addEdge(people[i]!, people[j]!, 'co-mention', docId);
  }
  const minWeight = options.minWeight ?? 1;
  const degree = new Map<string, number>();
  for (const edge of edges.values()) {
    if (edge.weight < minWeight) continue;
    degree.set(edge.source, (degree.get(edge.source) ?? 0) + edge.weight);
    degree.set(edge.target, (degree.get(edge.target) ?? 0) + edge.weight);
  }
  const kept = [...nodes.values()]
    .filter((node) => (degree.get(node.id) ?? 0) > 0)
    .sort((a, b) => b.docs.size + b.quotes - (a.docs.size + a.quotes) || (degree.get(b.id) ?? 0) - (degree.get(a.id) ?? 0) || (a.id < b.id ? -1 : 1))
    .slice(0, options.limit ?? 60);
  const keep = new Set(kept.map((node) => node.id));
  return {
    nodes: kept.map(({ docs, ...node }) => ({ ...node, documents: docs.size, documentIds: [...docs].sort() })),
    edges: [...edges.values()]
      .filter((edge) => edge.weight >= minWeight && keep.has(edge.source) && keep.has(edge.target))
      .map(({ docs, ...edge }) => ({ ...edge, documentIds: [...docs].sort() }))
      .sort((a, b) => b.weight - a.weight || (a.source < b.source ? -1 : a.source > b.source ? 1 : a.target < b.target ? -1 : 1)),
  };
}

/**
 * Clusters of documents that carry the same text: what the store knows today (identical content
 * hashes from different sources). Identical texts share one origin, so such a cluster counts one
 * independent source. The corpus analyses will add clusters by shared passages and citations in
 * the same shape.
 */
export function clusters(view: CorpusView, claimClusters: ClaimClusterJson[], origins: OriginGroupJson[]): CorpusClustersJson {
  const byHash = new Map<string, ReviewedAnalysisJson[]>();
  for (const analysis of view.analyses) {
    const list = byHash.get(analysis.document.contentHash);
    if (list) list.push(analysis);
    else byHash.set(analysis.document.contentHash, [analysis]);
  }
  const out: ClusterJson[] = [];
  for (const [hash, group] of byHash) {
    if (group.length < 2) continue;
    const text = group[0]!.document.text;
    const firstParagraph = text.split(/\n\s*\n/).map((p) => p.trim()).find((p) => p.length > 40) ?? text.slice(0, 400);
    out.push({
      id: `same-text:${hash.slice(0, 16)}`,
      basis: 'same-text',
      reason: `${group.length} documents have identical text (content hash ${hash.slice(0, 12)}…)`,
      documents: group.map(({ document: d }) => ({ id: d.id, title: d.title, source: null, url: d.url, publishedAt: d.publishedAt })),
      origins: [{ id: `origin:${hash.slice(0, 16)}`, documentIds: group.map((a) => a.document.id), reason: 'identical text: one origin' }],
      independentSources: 1,
      sharedPassage: firstParagraph.length > 600 ? `${firstParagraph.slice(0, 600)}…` : firstParagraph,
    });
  }
  return {
    clusters: out.sort((a, b) => b.documents.length - a.documents.length || (a.id < b.id ? -1 : 1)),
    method:
      '`clusters`: documents with identical text (same content hash). `claimClusters`: quotes, figures and claims found in two or more documents, ' +
      'linked by shared word sequences, speaker and value, each with its independent-source count; `origins`: documents that share an origin, with the evidence.',
    claimClusters,
    origins,
  };
}

export interface DocumentRef {
  id: string;
  title: string | null;
  url: string | null;
  publishedAt: string | null;
}

/** What the documents page filters on, per document: outlet, speakers quoted, figures nobody answers for. */
export interface DocumentFacts {
  outlet: string | null;
  speakers: string[];
  unsourcedFigures: number;
}

export function documentFacts(analysis: ReviewedAnalysisJson): DocumentFacts {
  const speakers = new Set<string>();
  for (const quote of analysis.quotes) if (quote.speaker?.name && quote.review?.status !== 'rejected') speakers.add(quote.speaker.name);
  return {
    outlet: outletOf(analysis.document.url),
    speakers: [...speakers],
    unsourcedFigures: analysis.figures.filter((f) => !f.claimant && f.voice === 'author').length,
  };
}

export function documentFacets(view: CorpusView): { outlet: FacetJson[]; speaker: FacetJson[]; unsourcedFigures: number } {
  const outlets = new Map<string, number>();
  const speakerCounts = new Map<string, number>();
  let unsourced = 0;
  for (const analysis of view.analyses) {
    const facts = documentFacts(analysis);
    if (facts.outlet) outlets.set(facts.outlet, (outlets.get(facts.outlet) ?? 0) + 1);
    for (const name of facts.speakers) speakerCounts.set(name, (speakerCounts.get(name) ?? 0) + 1);
    if (facts.unsourcedFigures > 0) unsourced++;
  }
  const sorted = (counts: Map<string, number>) =>
    [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1)).slice(0, 30);
  return { outlet: sorted(outlets), speaker: sorted(speakerCounts), unsourcedFigures: unsourced };
}

/** Ids of the documents that match the documents page's facet filters, in corpus order. */
export function documentsMatching(view: CorpusView, filter: { outlet?: string; speaker?: string; unsourcedFigures?: boolean }): string[] {
  const speaker = filter.speaker?.toLowerCase();
  return view.analyses
    .filter((analysis) => {
      const facts = documentFacts(analysis);
      return (
        (!filter.outlet || facts.outlet === filter.outlet) &&
        (!speaker || facts.speakers.some((name) => name.toLowerCase() === speaker)) &&
        (!filter.unsourcedFigures || facts.unsourcedFigures > 0)
      );
    })
    .map((analysis) => analysis.document.id);
}

/**
 * The framing profiles added up per outlet (the host of the documents' URL; documents without a URL
 * form one group), most documents first: how much of each outlet's text carries the writers' own
 * marks, which kinds, and which stances its cue verbs give the people it quotes.
 */
export function framingByOutlet(view: CorpusView): FramingOutletJson[] {
  interface Acc {
    documents: number;
    sentences: number;
    withMarks: number;
    authorMarks: number;
    quotedMarks: number;
    byCategory: Map<string, number>;
    stances: Map<Stance, number>;
    cueVerbs: number;
    marks: Map<string, { text: string; category: string; count: number }>;
  }
  const groups = new Map<string | null, Acc>();
  for (const analysis of view.analyses) {
    const profile = analysis.framingProfile;
    if (!profile) continue;
    const outlet = outletOf(analysis.document.url);
    let acc = groups.get(outlet);
    if (!acc) groups.set(outlet, (acc = { documents: 0, sentences: 0, withMarks: 0, authorMarks: 0, quotedMarks: 0, byCategory: new Map(), stances: new Map(), cueVerbs: 0, marks: new Map() }));
    acc.documents++;
    acc.sentences += profile.sentences;
    acc.withMarks += profile.sentencesWithAuthorMarks;
    acc.authorMarks += profile.authorMarks;
    acc.quotedMarks += profile.quotedMarks;
    for (const [category, n] of Object.entries(profile.byCategory)) acc.byCategory.set(category, (acc.byCategory.get(category) ?? 0) + (n ?? 0));
    for (const speaker of profile.cueStances) {
      for (const [stance, n] of Object.entries(speaker.stances) as [Stance, number][]) {
        acc.stances.set(stance, (acc.stances.get(stance) ?? 0) + n);
        acc.cueVerbs += n;
      }
    }
    for (const mark of profile.topMarks) {
      const key = `${mark.category}\u0000${mark.text}`;
      const m = acc.marks.get(key) ?? { text: mark.text, category: mark.category, count: 0 };
      m.count += mark.count;
      acc.marks.set(key, m);
    }
  }
  const per100 = (n: number, sentences: number) => (sentences === 0 ? 0 : Math.round((1000 * n) / sentences) / 10);
  const ratio = (n: number, d: number) => (d === 0 ? 0 : Math.round((1000 * n) / d) / 1000);
  return [...groups]
    .map(([outlet, a]): FramingOutletJson => ({
      outlet,
      documents: a.documents,
      sentences: a.sentences,
      sentencesWithAuthorMarks: a.withMarks,
      authorMarkShare: ratio(a.withMarks, a.sentences),
      authorMarks: a.authorMarks,
      quotedMarks: a.quotedMarks,
      authorMarksPer100Sentences: per100(a.authorMarks, a.sentences),
      byCategory: Object.fromEntries([...a.byCategory].sort((x, y) => (x[0] < y[0] ? -1 : 1)).map(([c, n]) => [c, per100(n, a.sentences)])),
      cueVerbs: a.cueVerbs,
      cueStances: Object.fromEntries([...a.stances].sort((x, y) => (x[0] < y[0] ? -1 : 1))),
      nonNeutralCueShare: ratio(a.cueVerbs - (a.stances.get('neutral') ?? 0), a.cueVerbs),
      topMarks: [...a.marks.values()].sort((x, y) => y.count - x.count || (x.text < y.text ? -1 : 1)).slice(0, 10),
    }))
    .sort((x, y) => y.documents - x.documents || ((x.outlet ?? '\uffff') < (y.outlet ?? '\uffff') ? -1 : 1));
}
