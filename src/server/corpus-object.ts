/**
 * The `claimtrace/corpus@1` answers of the API over the engine's corpus index: the server keeps the
 * index (compact columns) and one line of facts per claim cluster, never the whole corpus object.
 * A request's clusters, entities and origin groups are made when asked for, each listing at most
 * `DEFAULT_MAX_MEMBERS` members (the rest counted in `omitted`), and the member routes page through
 * the rest with a cursor.
 */
import type { ClaimClusterJson, CorpusApiJson, CorpusMemberJson, CorpusMemberPageJson, OriginGroupJson } from '../api/index.js';
import { CORPUS_SCHEMA } from '../api/index.js';
import { corpusOutput, renderItem, toolVersion, type ClusterInfo, type CorpusParts, type CorpusRun, type RenderOptions, type Store } from '../engine/index.js';
import { CursorError } from './corpus-view.js';

export interface ClusterFacts extends ClusterInfo {
  /** Whether the cluster shows quote drift. */
  drift: boolean;
}

export interface CorpusState {
  /** Changes whenever the store does: a member cursor from another state is refused. */
  generation: string;
  documentCount: number;
  parts: CorpusParts;
  loadTexts: NonNullable<RenderOptions['loadTexts']>;
  /** One line per claim cluster in rank order (`k1`, `k2`, ...). */
  facts: ClusterFacts[];
}

/** The state the API answers from, after the engine brought the stored corpus state up to date. */
export async function buildCorpusState(run: CorpusRun, store: Store, generation: string, maxMembers?: number): Promise<CorpusState> {
  const { parts, loadTexts } = corpusOutput(run, store, maxMembers === undefined ? {} : { maxMembers });
  const facts: ClusterFacts[] = [];
  for (let rank = 0; rank < parts.clusterCount; rank++) {
    const drift = await renderItem(parts, () => parts.clusterHasDrift(rank), loadTexts);
    facts.push({ ...parts.clusterInfo(rank), drift });
  }
  return { generation, documentCount: run.documentCount, parts, loadTexts, facts };
}

export interface ClaimClusterFilter {
  minSources?: number;
  minDocuments?: number;
  kind?: ClaimClusterJson['kind'];
  agreement?: ClaimClusterJson['agreement'];
  drift?: 'true' | 'false';
  limit?: number;
}

/**
 * The claim clusters a reader asked for: by default those found in two or more documents, most
 * independent sources first (then disagreements, then most documents), up to the limit.
 */
export async function selectClaimClusters(state: CorpusState, filter: ClaimClusterFilter): Promise<{ clusters: ClaimClusterJson[]; matched: number }> {
  const minDocuments = filter.minDocuments ?? 2;
  const matching: number[] = [];
  state.facts.forEach((c, rank) => {
    if (
      c.documents >= minDocuments &&
      c.independentSources >= (filter.minSources ?? 1) &&
      (!filter.kind || c.kind === filter.kind) &&
      (!filter.agreement || c.agreement === filter.agreement) &&
      (filter.drift === undefined || (filter.drift === 'true') === c.drift)
    ) {
      matching.push(rank);
    }
  });
  const order = (c: ClusterFacts) => (c.agreement === 'disagree' ? 0 : c.agreement === 'mixed' ? 1 : 2);
  const sorted = matching.sort((x, y) => {
    const a = state.facts[x]!;
    const b = state.facts[y]!;
    return b.independentSources - a.independentSources || order(a) - order(b) || b.documents - a.documents || x - y;
  });
  const clusters: ClaimClusterJson[] = [];
  for (const rank of sorted.slice(0, filter.limit ?? 500)) clusters.push(await renderItem(state.parts, () => state.parts.clusterAt(rank), state.loadTexts));
  return { clusters, matched: matching.length };
}

/** Every origin group, each listing at most the state's members. */
export async function originGroups(state: CorpusState): Promise<OriginGroupJson[]> {
  const groups: OriginGroupJson[] = [];
  for (let i = 0; i < state.parts.originCount; i++) groups.push(await renderItem(state.parts, () => state.parts.originAt(i), state.loadTexts));
  return groups;
}

/** The corpus object of `GET /api/corpus`: claim clusters filtered, entities and origin groups with capped member lists. */
export async function corpusAnswer(state: CorpusState, filter: ClaimClusterFilter): Promise<CorpusApiJson> {
  const { clusters: claimClusters, matched } = await selectClaimClusters(state, filter);
  const origins = await originGroups(state);
  const named = new Set<string>();
  for (const c of claimClusters) for (const d of c.documents) named.add(d);
  for (const o of origins) for (const d of o.documents) named.add(d);
  const documentIndex: CorpusApiJson['documentIndex'] = {};
  for (const id of [...named].sort()) documentIndex[id] = { id, title: null, url: null, publishedAt: null };
  return {
    schema: CORPUS_SCHEMA,
    tool: { name: 'claimtrace', version: toolVersion },
    documentCount: state.documentCount,
    claimClusters,
    entities: state.parts.entities(),
    origins,
    matchedClusters: matched,
    documentIndex,
  };
}

/** Members per page of the member routes, unless the request says otherwise. */
export const MEMBER_PAGE = 50;

function encodeMemberCursor(generation: string, id: string, offset: number): string {
  return Buffer.from(JSON.stringify(['m', generation, id, offset]), 'utf8').toString('base64url');
}

/** The offset a cursor names; a cursor of another corpus state or another list is refused. */
function decodeMemberCursor(cursor: string, generation: string, id: string): number {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = null;
  }
  if (!Array.isArray(value) || value[0] !== 'm' || typeof value[3] !== 'number' || !Number.isInteger(value[3]) || value[3] < 0 || value[2] !== id) {
    throw new CursorError(`invalid page cursor ${JSON.stringify(cursor)}`);
  }
  if (value[1] !== generation) throw new StaleCursorError('the corpus changed since this page was answered: start again without "after"');
  return value[3];
}

export class StaleCursorError extends Error {}

/** `k<n>`, `o<n>`, `E<n>` to a 0-based position, or -1. */
function positionOf(id: string, prefix: string, count: number): number {
  const match = new RegExp(`^${prefix}([1-9]\\d*)$`).exec(id);
  const position = match ? Number(match[1]) - 1 : -1;
  return position < count ? position : -1;
}

export type MemberList = 'cluster' | 'origin' | 'entity';

/**
 * One page of a claim cluster's records, or of an origin group's or a corpus entity's document ids,
 * in the corpus layer's order. Null when there is no such cluster, group or entity.
 */
export async function memberPage(
  state: CorpusState,
  list: MemberList,
  id: string,
  query: { after?: string; limit?: number },
): Promise<CorpusMemberPageJson<CorpusMemberJson> | CorpusMemberPageJson<string> | null> {
  const limit = query.limit ?? MEMBER_PAGE;
  const offset = query.after === undefined ? 0 : decodeMemberCursor(query.after, state.generation, `${list}:${id}`);
  const page = <T>(items: T[], total: number) => ({
    items,
    total,
    next: offset + items.length < total ? encodeMemberCursor(state.generation, `${list}:${id}`, offset + items.length) : null,
  });
  const { parts } = state;
  if (list === 'cluster') {
    const rank = positionOf(id, 'k', parts.clusterCount);
    if (rank < 0) return null;
    const { members, total } = await renderItem(parts, () => parts.clusterMembers(rank, offset, limit), state.loadTexts);
    return page(members, total);
  }
  if (list === 'origin') {
    const position = positionOf(id, 'o', parts.originCount);
    if (position < 0) return null;
    const { documents, total } = parts.originDocuments(position, offset, limit);
    return page(documents, total);
  }
  const position = positionOf(id, 'E', Number.MAX_SAFE_INTEGER);
  const found = position < 0 ? null : parts.entityDocuments(position, offset, limit);
  return found ? page(found.documents, found.total) : null;
}
