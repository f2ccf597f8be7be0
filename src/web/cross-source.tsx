/**
 * The cross-source page: the corpus object of `GET /api/corpus` as claim cards. Each card shows the
 * claim, the documents that carry it grouped by origin, the badge "5 documents · 2 independent
 * sources" with the reason for each grouping, figures side by side (a disagreement marked in words
 * and with a sign, never by colour alone), and quote drift as a word-level diff of the two versions.
 * Below the cards: the same-origin groups with their evidence and shared passages. A large cluster
 * or group lists some of its members (one per independent source first); "Show more" fetches the
 * rest a page at a time from the member routes.
 */
import type { ClaimClusterJson, CorpusApiJson, CorpusQueryJson, OriginEvidenceJson, OriginGroupJson, QuoteDriftJson } from '../api/index.js';
import { useState } from 'preact/hooks';
import type { CorpusMemberJson } from '../api/index.js';
import { api } from './api.js';
import { FilterBar, SelectFilter, ToggleFilter } from './filters.js';
import { navigate, withQuery } from './router.js';
import { Empty, ErrorBox, KindBadge, Loading, PageHeader, plural, useData } from './ui.js';

type DocumentIndex = CorpusApiJson['documentIndex'];

const KIND_LABELS: Record<string, string> = { quote: 'quotes', figure: 'figures', claim: 'claims', mixed: 'mixed' };
const EVIDENCE_LABELS: Record<string, string> = {
  'near-duplicate': 'near-duplicate text',
  'shared-passage': 'shared verbatim passages',
  'same-outlet': 'same outlet',
  'same-network': 'same owner or network',
  citation: 'explicit citation',
  'same-citation': 'cite the same source',
};

function queryOf(params: URLSearchParams): CorpusQueryJson {
  const query: CorpusQueryJson = {};
  const minSources = Number(params.get('minSources') ?? '');
  if (Number.isInteger(minSources) && minSources >= 1) query.minSources = minSources;
  const kind = params.get('kind');
  if (kind === 'quote' || kind === 'figure' || kind === 'claim' || kind === 'mixed') query.kind = kind;
  const agreement = params.get('agreement');
  if (agreement === 'agree' || agreement === 'disagree' || agreement === 'mixed') query.agreement = agreement;
  if (params.get('drift') === 'true') query.drift = 'true';
  return query;
}

export function CrossSourcePage(props: { query: URLSearchParams }) {
  const query = queryOf(props.query);
  const key = JSON.stringify(query);
  const { data, error } = useData(() => api.corpus(query), key);
  const set = (name: keyof CorpusQueryJson, value: string) =>
    navigate(withQuery('/cross-source', { ...(Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) as Record<string, string>), [name]: value }));
  return (
    <div>
      <PageHeader title="Cross-source" json={api.url('/api/corpus', query as Record<string, string | number>)} />
      <p class="muted">
        The same quote, figure or claim in several articles. Articles that share an origin (copied passages, one owner or network, an explicit citation) count as one
        source: the badge counts independent sources, not articles, and says why articles were grouped.
      </p>
      <FilterBar label="Filters" layout="toolbar">
        <SelectFilter
          label="Independent sources"
          value={String(query.minSources ?? 1)}
          options={[['1', 'any'], ['2', '2 or more'], ['3', '3 or more']]}
          onChange={(value) => set('minSources', value === '1' ? '' : value)}
        />
        <SelectFilter
          label="Kind"
          value={query.kind ?? ''}
          options={[['', 'all'], ['quote', 'quotes'], ['figure', 'figures'], ['claim', 'claims'], ['mixed', 'mixed']]}
          onChange={(value) => set('kind', value)}
        />
        <SelectFilter
          label="Agreement"
          value={query.agreement ?? ''}
          options={[['', 'all'], ['disagree', 'disagreements'], ['agree', 'agreements'], ['mixed', 'mixed']]}
          onChange={(value) => set('agreement', value)}
        />
        <ToggleFilter checked={query.drift === 'true'} onChange={(on) => set('drift', on ? 'true' : '')}>
          {' only quotes that drift'}
        </ToggleFilter>
      </FilterBar>
      {error ? <ErrorBox error={error} /> : null}
      {!data && !error ? <Loading what="the corpus" /> : null}
      {data ? <CorpusView corpus={data} /> : null}
    </div>
  );
}

function CorpusView(props: { corpus: CorpusApiJson }) {
  const { corpus } = props;
  const origins = new Map(corpus.origins.map((o) => [o.id, o]));
  return (
    <div>
      <p class="corpus-summary">
        {plural(corpus.documentCount, 'article')} · {plural(corpus.matchedClusters, 'claim cluster')} found in two or more articles ·{' '}
        {plural(corpus.origins.length, 'same-origin group')}
        {corpus.matchedClusters > corpus.claimClusters.length ? <span class="muted">{` (showing the first ${corpus.claimClusters.length})`}</span> : null}
      </p>
      <h2>Claims across articles</h2>
      {corpus.claimClusters.length === 0 ? (
        <Empty>
          No claim is carried by two or more stored articles with these filters. When several articles quote the same speaker, give a figure about the same counted
          thing or make the same claim, they show here as one card.
        </Empty>
      ) : (
        <ul class="clusters">
          {corpus.claimClusters.map((cluster) => (
            <ClaimCard key={cluster.id} cluster={cluster} documents={corpus.documentIndex} origins={origins} />
          ))}
        </ul>
      )}
      <h2>Same-origin groups</h2>
      {corpus.origins.length === 0 ? (
        <Empty>No two stored articles share an origin: no copied passages, no common outlet or network, no citation of one by another.</Empty>
      ) : (
        <ul class="clusters">
          {corpus.origins.map((origin) => (
            <OriginCard key={origin.id} origin={origin} documents={corpus.documentIndex} />
          ))}
        </ul>
      )}
    </div>
  );
}

function DocumentLink(props: { id: string; documents: DocumentIndex }) {
  const document = props.documents[props.id];
  return (
    <span class="doc-ref">
      <a href={`/documents/${encodeURIComponent(props.id)}`}>{document?.title ?? props.id}</a>
      <span class="muted">{` · ${document?.publishedAt ?? 'undated'}${document?.url ? ` · ${hostOf(document.url)}` : ''}`}</span>
    </span>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.replace(/^www\./, '');
  } catch {
    return url;
  }
}

/** Why the documents of one origin group count once, in a few words. */
function groupingReason(origin: OriginGroupJson | undefined): string {
  if (!origin) return 'an independent source';
  const kinds = [...new Set(origin.evidence.map((e) => e.kind))].map((k) => EVIDENCE_LABELS[k] ?? k);
  return `one origin: ${kinds.join(', ')}`;
}

function AgreementBadge(props: { agreement: ClaimClusterJson['agreement'] }) {
  const sign = props.agreement === 'disagree' ? '≠' : props.agreement === 'agree' ? '=' : '~';
  const words = props.agreement === 'disagree' ? 'sources disagree' : props.agreement === 'agree' ? 'sources agree' : 'mixed';
  return (
    <span class={`agreement-badge agreement-${props.agreement}`}>
      <span aria-hidden="true">{sign}</span> {words}
    </span>
  );
}

/**
 * A list the answer gave in part, and the pages fetched since: what is shown is the answer's items,
 * then those of the pages not already among them; `more` fetches the next page.
 */
function usePagedList<T>(initial: readonly T[], omitted: number, keyOf: (item: T) => string, fetchPage: (after: string | undefined) => Promise<{ items: T[]; next: string | null; total: number }>) {
  const [state, setState] = useState<{ loaded: T[]; next: string | null | undefined; total: number | null; busy: boolean; error: string | null }>({
    loaded: [],
    next: undefined,
    total: null,
    busy: false,
    error: null,
  });
  const seen = new Set(initial.map(keyOf));
  const items = [...initial, ...state.loaded.filter((item) => !seen.has(keyOf(item)))];
  const total = state.total ?? initial.length + omitted;
  const hidden = Math.max(0, total - items.length);
  const more = async (): Promise<void> => {
    if (state.busy || state.next === null) return;
    setState((s) => ({ ...s, busy: true, error: null }));
    try {
      const page = await fetchPage(state.next ?? undefined);
      setState((s) => ({ loaded: [...s.loaded, ...page.items], next: page.next, total: page.total, busy: false, error: null }));
    } catch (error) {
      setState((s) => ({ ...s, busy: false, error: error instanceof Error ? error.message : String(error) }));
    }
  };
  return { items, hidden, more, busy: state.busy, error: state.error };
}

function ShowMore(props: { hidden: number; busy: boolean; error: string | null; noun: string; more: () => void }) {
  if (props.hidden === 0 && !props.error) return null;
  return (
    <p class="show-more">
      {props.hidden > 0 ? (
        <button type="button" class="show-more-button" disabled={props.busy} onClick={props.more}>
          {props.busy ? 'Loading…' : `Show more (${plural(props.hidden, props.noun)} not shown)`}
        </button>
      ) : null}
      {props.error ? <span class="error-text"> {props.error}</span> : null}
    </p>
  );
}

const MEMBER_PAGE = 50;

function ClaimCard(props: { cluster: ClaimClusterJson; documents: DocumentIndex; origins: ReadonlyMap<string, OriginGroupJson> }) {
  const { cluster, documents } = props;
  const list = usePagedList<CorpusMemberJson>(
    cluster.members,
    cluster.omitted?.members ?? 0,
    (m) => `${m.documentId}#${m.recordId}`,
    (after) => api.clusterMembers(cluster.id, { limit: MEMBER_PAGE, ...(after ? { after } : {}) }),
  );
  // Members grouped by origin, in order of first appearance.
  const groups = new Map<string, ClaimClusterJson['members']>();
  for (const member of list.items) {
    const list = groups.get(member.origin);
    if (list) list.push(member);
    else groups.set(member.origin, [member]);
  }
  return (
    <li class={`cluster-card claim-card kind-${cluster.kind} agreement-${cluster.agreement}`} data-cluster={cluster.id}>
      <div class="claim-card-head">
        <KindBadge kind={cluster.kind} />
        <span class="cluster-badge">
          {plural(cluster.documents.length + (cluster.omitted?.documents ?? 0), 'document')} · {plural(cluster.independentSources, 'independent source')}
        </span>
        <AgreementBadge agreement={cluster.agreement} />
      </div>
      <h3 class="claim-summary">{cluster.summary}</h3>
      <p class="muted why">{cluster.why}</p>
      {cluster.figures.length > 0 ? <FigureTable cluster={cluster} documents={documents} /> : null}
      <div class="origin-groups">
        {[...groups].map(([origin, members]) => (
          <section key={origin} class={`origin-group${props.origins.has(origin) ? ' is-shared' : ''}`} aria-label={groupingReason(props.origins.get(origin))}>
            <p class="origin-reason">{groupingReason(props.origins.get(origin))}</p>
            <ul>
              {members.map((member) => (
                <li key={`${member.documentId}#${member.recordId}`}>
                  <DocumentLink id={member.documentId} documents={documents} />
                  <blockquote class={`member-text k-${member.kind}`}>
                    {member.speaker ? <span class="member-speaker">{member.speaker}: </span> : null}
                    {member.span.text}
                  </blockquote>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      <ShowMore hidden={list.hidden} busy={list.busy} error={list.error} noun="record" more={() => void list.more()} />
      {cluster.drift.map((drift, i) => (
        <DriftView key={i} drift={drift} documents={documents} />
      ))}
      {cluster.links.length > 0 ? (
        <details class="link-reasons">
          <summary>Why these records are linked ({plural(cluster.links.length, 'link')})</summary>
          <ul>
            {cluster.links.map((link, i) => (
              <li key={i}>
                <span class="muted">
                  {documents[link.a.documentId]?.title ?? link.a.documentId} ↔ {documents[link.b.documentId]?.title ?? link.b.documentId}, score {link.score}:
                </span>{' '}
                {link.reasons.map((r) => `${r.reason}${r.detail ? ` (${r.detail})` : ''}`).join('; ')}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </li>
  );
}

function FigureTable(props: { cluster: ClaimClusterJson; documents: DocumentIndex }) {
  const { cluster } = props;
  const values = new Set(cluster.figures.map((f) => f.value));
  const originOf = new Map(cluster.members.map((m) => [`${m.documentId}#${m.recordId}`, m.origin]));
  return (
    <table class="figure-values">
      <caption class="muted">{values.size > 1 ? 'The values differ between documents' : 'The same value in every document'}</caption>
      <thead>
        <tr>
          <th scope="col">Value</th>
          <th scope="col">As written</th>
          <th scope="col">Document</th>
          <th scope="col">Origin</th>
        </tr>
      </thead>
      <tbody>
        {cluster.figures.map((figure) => (
          <tr key={`${figure.documentId}#${figure.recordId ?? ''}`}>
            <td class="figure-value">{figure.min != null && figure.max != null && figure.min !== figure.max ? `${figure.min.toLocaleString('en')}–${figure.max.toLocaleString('en')}` : figure.value.toLocaleString('en')}</td>
            <td>{figure.text ?? ''}</td>
            <td>
              <DocumentLink id={figure.documentId} documents={props.documents} />
            </td>
            <td class="muted">{originOf.get(`${figure.documentId}#${figure.recordId ?? ''}`)?.replace(/^d:.*/, 'own') ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DriftView(props: { drift: QuoteDriftJson; documents: DocumentIndex }) {
  const { drift, documents } = props;
  return (
    <figure class="drift">
      <figcaption>
        Quote drift ({drift.change}): <span class="muted">{documents[drift.a.documentId]?.title ?? drift.a.documentId}</span> →{' '}
        <span class="muted">{documents[drift.b.documentId]?.title ?? drift.b.documentId}</span>
      </figcaption>
      <p class="word-diff">
        {drift.diff.map((op, i) =>
          op.op === 'same' ? (
            <span key={i}>{`${op.text} `}</span>
          ) : op.op === 'removed' ? (
            <del key={i} title="only in the first version">
              {op.text}
            </del>
          ) : (
            <ins key={i} title="only in the second version">
              {op.text}
            </ins>
          ),
        )}
      </p>
    </figure>
  );
}

function OriginCard(props: { origin: OriginGroupJson; documents: DocumentIndex }) {
  const { origin, documents } = props;
  const list = usePagedList<string>(
    origin.documents,
    origin.omitted?.documents ?? 0,
    (id) => id,
    (after) => api.originDocuments(origin.id, { limit: MEMBER_PAGE, ...(after ? { after } : {}) }),
  );
  return (
    <li class="cluster-card origin-card" data-origin={origin.id}>
      <p class="cluster-badge">
        {plural(origin.documents.length + (origin.omitted?.documents ?? 0), 'document')} · 1 origin · {groupingReason(origin).replace(/^one origin: /, '')}
      </p>
      <ul>
        {list.items.map((id) => (
          <li key={id}>
            <DocumentLink id={id} documents={documents} />
          </li>
        ))}
      </ul>
      <ShowMore hidden={list.hidden} busy={list.busy} error={list.error} noun="document" more={() => void list.more()} />
      {origin.evidence.map((evidence, i) => (
        <EvidenceView key={i} evidence={evidence} documents={documents} />
      ))}
    </li>
  );
}

function EvidenceView(props: { evidence: OriginEvidenceJson; documents: DocumentIndex }) {
  const { evidence, documents } = props;
  const title = (id: string) => documents[id]?.title ?? id;
  return (
    <details class="evidence">
      <summary>
        {EVIDENCE_LABELS[evidence.kind] ?? evidence.kind}: {title(evidence.a)} ↔ {title(evidence.b)}
      </summary>
      <p class="muted">{evidence.detail}</p>
      {evidence.cue ? <blockquote class="shared-passage">{evidence.cue.text}</blockquote> : null}
      {(evidence.passages ?? []).map((passage, i) => (
        <div key={i} class="passage-pair">
          <blockquote class="shared-passage">{passage.a.text}</blockquote>
          <blockquote class="shared-passage">{passage.b.text}</blockquote>
        </div>
      ))}
    </details>
  );
}
