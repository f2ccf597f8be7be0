/** The list pages: documents, claims table, speakers, review log and ingest. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { IngestFileJson, IngestJobJson, RecordFilterJson, RecordKindJson, Stance } from '../api/index.js';
import { api } from './api.js';
import { facetOptions, FilterBar, KindToggle, plainOptions, SelectFilter, ToggleFilter } from './filters.js';
import { navigate, withQuery } from './router.js';
import { Empty, ErrorBox, KindBadge, Loading, PageHeader, plural, StanceBar, useData } from './ui.js';

function useSlashFocus(ref: { current: HTMLInputElement | null }): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || (event.target as HTMLElement).closest('input, textarea, select')) return;
      event.preventDefault();
      ref.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** Snippets from the full-text index mark matches with [ and ]: shown as <mark>, built from text nodes only. */
function Snippet(props: { text: string }) {
  const parts = props.text.split(/(\[[^\]]*\])/);
  return (
    <p class="snippet">
      {parts.map((part, i) => (part.startsWith('[') && part.endsWith(']') ? <mark key={i}>{part.slice(1, -1)}</mark> : part))}
    </p>
  );
}

export function DocumentsPage(props: { query: URLSearchParams }) {
  const q = props.query.get('q') ?? '';
  const after = props.query.get('after') ?? '';
  const outlet = props.query.get('outlet') ?? '';
  const speaker = props.query.get('speaker') ?? '';
  const unsourced = props.query.get('unsourcedFigures') === 'true';
  const [input, setInput] = useState(q);
  const searchRef = useRef<HTMLInputElement>(null);
  useSlashFocus(searchRef);
  const filters = { q, outlet, speaker, unsourcedFigures: unsourced ? 'true' : '' };
  const { data, error } = useData(
    () => api.documents({ q, limit: 50, ...(after ? { after } : {}), ...(outlet ? { outlet } : {}), ...(speaker ? { speaker } : {}), ...(unsourced ? { unsourcedFigures: true } : {}) }),
    `${q}|${after}|${outlet}|${speaker}|${unsourced}`,
  );
  const setFilter = (name: string, value: string) => navigate(withQuery('/', { ...filters, [name]: value }));
  return (
    <div>
      <PageHeader title="Documents" json={api.url('/api/documents', { ...filters, after })} />
      <form
        class="search"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          navigate(withQuery('/', { q: input.trim() }));
        }}
      >
        <label for="doc-search" class="visually-hidden">
          Search the articles
        </label>
        <input id="doc-search" ref={searchRef} type="search" value={input} placeholder="Search the articles (press /)" onInput={(e) => setInput((e.target as HTMLInputElement).value)} />
        <button type="submit">Search</button>
      </form>
      {data?.facets ? (
        <FilterBar label="Filter the documents">
          <SelectFilter
            label="Outlet"
            value={outlet}
            options={[['', 'all outlets'], ...facetOptions(data.facets.outlet)]}
            onChange={(value) => setFilter('outlet', value)}
          />
          <SelectFilter
            label="Quoting"
            value={speaker}
            options={[['', 'anyone'], ...facetOptions(data.facets.speaker)]}
            onChange={(value) => setFilter('speaker', value)}
          />
          <ToggleFilter class="toggle" checked={unsourced} onChange={(on) => setFilter('unsourcedFigures', on ? 'true' : '')}>
            {`with figures nobody is quoted for (${data.facets.unsourcedFigures})`}
          </ToggleFilter>
        </FilterBar>
      ) : null}
      {error ? <ErrorBox error={error} /> : null}
      {!data && !error ? <Loading what="documents" /> : null}
      {data && data.items.length === 0 ? (
        q || outlet || speaker || unsourced ? (
          <Empty>No article matches{q ? ` “${q}”` : ''} with these filters. Try fewer or other words, or remove a filter.</Empty>
        ) : (
          <Empty>
            No documents yet. <a href="/ingest">Add articles</a>, or run <code>claimtrace analyze FILE</code> and reload.
          </Empty>
        )
      ) : null}
      {data && data.items.length > 0 ? (
        <>
          <p class="muted">
            {q || outlet || speaker || unsourced ? `${plural(data.total ?? data.items.length, 'article')} match` : `${plural(data.total ?? data.items.length, 'article')} stored`}
          </p>
          <ul class="doc-list">
            {data.items.map((doc) => (
              <li key={doc.id} class="doc-row">
                <a class="doc-title" href={`/documents/${encodeURIComponent(doc.id)}`}>
                  {displayTitle(doc)}
                </a>
                <div class="doc-row-meta">
                  <span>{doc.publishedAt ?? 'undated'}</span>
                  {doc.url ? <span>{hostOf(doc.url)}</span> : null}
                  <span class="count count-quote">{plural(doc.counts.quotes, 'quote')}</span>
                  <span class="count count-figure">{plural(doc.counts.figures, 'figure')}</span>
                  <span class="count count-claim">{plural(doc.counts.claims, 'claim')}</span>
                  <span class="count count-framing">{plural(doc.counts.framing, 'author-voice mark')}</span>
                  {doc.sameTextAs.length > 0 ? (
                    <a class="badge-origin" href="/cross-source" title="Other stored documents have the same text">
                      same origin as {plural(doc.sameTextAs.length, 'other')}
                    </a>
                  ) : null}
                  {doc.errorCount > 0 ? <span class="badge-error">{plural(doc.errorCount, 'error')}</span> : null}
                </div>
                {doc.snippet ? <Snippet text={doc.snippet} /> : null}
              </li>
            ))}
          </ul>
          {data.next ? (
            <a class="button-link" href={withQuery('/', { ...filters, after: data.next })}>
              Next page
            </a>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

/** A document's title, else the name of the file it came from (without its record number), else its id. */
export function displayTitle(doc: { id: string; title: string | null; source?: string | null }): string {
  if (doc.title) return doc.title;
  const file = doc.source ? doc.source.split(/[\\/]/).pop()?.replace(/#\d+$/, '') : '';
  return file && file !== '-' ? file : doc.id;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

const KINDS: RecordKindJson[] = ['quote', 'figure', 'claim', 'framing', 'date'];
const STANCES: Stance[] = ['neutral', 'endorsing', 'emphasis', 'concession', 'distancing', 'denial', 'manner', 'implicative', 'other'];

export function ClaimsPage(props: { query: URLSearchParams }) {
  const query = props.query;
  const filter: RecordFilterJson = {
    kind: (query.get('kind') ?? 'quote,figure,claim').split(',').filter(Boolean) as RecordKindJson[],
    ...(query.get('speaker') ? { speaker: query.get('speaker')! } : {}),
    ...(query.get('stance') ? { stance: query.get('stance') as Stance } : {}),
    ...(query.get('voice') ? { voice: query.get('voice') as 'author' | 'quoted' } : {}),
    ...(query.get('q') ? { q: query.get('q')! } : {}),
    ...(query.get('from') ? { from: query.get('from')! } : {}),
    ...(query.get('to') ? { to: query.get('to')! } : {}),
    sort: (query.get('sort') as RecordFilterJson['sort']) ?? 'triage',
    limit: 100,
    ...(query.get('after') ? { after: query.get('after')! } : {}),
  };
  const key = query.toString();
  const { data, error } = useData(() => api.records(filter), key);
  const searchRef = useRef<HTMLInputElement>(null);
  useSlashFocus(searchRef);
  const set = (name: string, value: string | null) => {
    const next = new URLSearchParams(query);
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete('after');
    navigate(`/claims${next.toString() ? `?${next}` : ''}`, { replace: false });
  };
  const kinds = new Set(filter.kind as RecordKindJson[]);
  const { limit: _limit, after: _after, ...exportFilter } = filter;
  return (
    <div>
      <PageHeader title="Claims" json={api.url('/api/records', Object.fromEntries(query))}>
        <a class="button-link" href={api.recordsCsvUrl(exportFilter)} download>
          Download CSV
        </a>
      </PageHeader>
      <p class="muted">Quotes, figures and claims across every article. The default order is a fact-checker's triage: check-worthy claims, figures nobody answers for, quotes whose cue verb takes a side.</p>
      <FilterBar label="Filters">
        <fieldset class="kind-filter">
          <legend>Kinds</legend>
          {KINDS.map((kind) => (
            <KindToggle
              key={kind}
              kind={kind}
              label={kind}
              count={data?.facets.kind.find((f) => f.value === kind)?.count ?? 0}
              checked={kinds.has(kind)}
              onChange={() => {
                const next = new Set(kinds);
                if (next.has(kind)) next.delete(kind);
                else next.add(kind);
                set('kind', [...next].join(',') || 'quote');
              }}
            />
          ))}
        </fieldset>
        <SelectFilter
          id="filter-speaker"
          label="Speaker or claimant"
          value={filter.speaker ?? ''}
          options={[
            ['', 'anyone'],
            // A speaker named in the URL but not among this page's facets stays selectable.
            ...(filter.speaker && !data?.facets.who.some((f) => f.value.toLowerCase() === filter.speaker!.toLowerCase()) ? plainOptions([filter.speaker]) : []),
            ...facetOptions(data?.facets.who ?? []),
          ]}
          onChange={(value) => set('speaker', value)}
        />
        <SelectFilter label="Stance" value={filter.stance ?? ''} options={[['', 'any'], ...plainOptions(STANCES)]} onChange={(value) => set('stance', value)} />
        <SelectFilter
          label="Voice"
          value={filter.voice ?? ''}
          options={[['', 'any'], ['author', "the writer's"], ['quoted', 'quoted']]}
          onChange={(value) => set('voice', value)}
        />
        <SelectFilter
          label="Sort"
          value={filter.sort ?? 'triage'}
          options={[['triage', 'triage'], ['date', 'date'], ['who', 'speaker'], ['document', 'document']]}
          onChange={(value) => set('sort', value)}
        />
        <form
          class="inline-search"
          onSubmit={(e) => {
            e.preventDefault();
            set('q', searchRef.current?.value.trim() ?? '');
          }}
        >
          <label>
            Text
            <input ref={searchRef} type="search" defaultValue={filter.q ?? ''} placeholder="words (press /)" />
          </label>
        </form>
      </FilterBar>
      {error ? <ErrorBox error={error} /> : null}
      {!data && !error ? <Loading what="the claims table" /> : null}
      {data && data.items.length === 0 ? <Empty>Nothing matches these filters. Remove a filter, or add articles on the Ingest page.</Empty> : null}
      {data && data.items.length > 0 ? (
        <>
          <p class="muted" role="status">
            {plural(data.total, 'row')}
            {filter.speaker ? ` for ${filter.speaker}` : ''}
          </p>
          <table class="records">
            <thead>
              <tr>
                <th scope="col">Kind</th>
                <th scope="col">Text</th>
                <th scope="col">Who</th>
                <th scope="col">Cue · stance</th>
                <th scope="col">Date</th>
                <th scope="col">Article</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((row) => (
                <tr key={`${row.documentId}/${row.id}`} class={`row-${row.kind}${row.review ? ` review-${row.review}` : ''}`}>
                  <td>
                    <KindBadge kind={row.kind} />
                    {row.review ? <span class={`review-tag review-tag-${row.review}`}>{row.review}</span> : null}
                  </td>
                  <td class="cell-text">{row.text.length > 220 ? `${row.text.slice(0, 220)}…` : row.text}</td>
                  <td class="cell-who">
                    {row.who ? (
                      <a href={withQuery('/claims', { ...Object.fromEntries(query), speaker: row.who, after: null })}>{row.who}</a>
                    ) : (
                      <span class="muted">{row.kind === 'figure' ? 'no claimant' : '—'}</span>
                    )}
                    {row.whoBasis === 'inferred' ? <span class="muted"> (inferred)</span> : null}
                  </td>
                  <td>{row.cue ? <span class={`stance-tag stance-${row.stance}`}>{`${row.cue} · ${row.stance}`}</span> : row.type ?? ''}</td>
                  <td>{row.date ?? ''}</td>
                  <td>
                    <a href={`/documents/${encodeURIComponent(row.documentId)}`}>{row.documentTitle ?? row.documentId}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.next ? (
            <a class="button-link" href={withQuery('/claims', { ...Object.fromEntries(query), after: data.next })}>
              Next page
            </a>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

export function SpeakersPage() {
  const { data, error } = useData(() => api.speakers(), 'speakers');
  return (
    <div>
      <PageHeader title="Speakers" json={api.url('/api/speakers')} />
      <p class="muted">Whom the writers let “say”, and whom they make “admit”: the cue verbs used for each speaker's quotes, by stance.</p>
      {error ? <ErrorBox error={error} /> : null}
      {!data && !error ? <Loading what="speakers" /> : null}
      {data && data.items.length === 0 ? <Empty>No attributed quotes yet. Add articles on the Ingest page.</Empty> : null}
      {data && data.items.length > 0 ? (
        <table class="speakers">
          <thead>
            <tr>
              <th scope="col">Speaker</th>
              <th scope="col">Roles</th>
              <th scope="col">Quotes</th>
              <th scope="col">Articles</th>
              <th scope="col">Stance of the cue verbs</th>
              <th scope="col">Verbs</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((s) => (
              <tr key={s.name}>
                <th scope="row">
                  <a href={withQuery('/claims', { kind: 'quote', speaker: s.name })}>{s.name}</a>
                </th>
                <td>{s.roles.join(', ')}</td>
                <td>{s.quotes}</td>
                <td>{s.documents}</td>
                <td>
                  <StanceBar stances={s.stances} label={`Cue verbs for ${s.name}`} />
                </td>
                <td class="muted">{s.cues.slice(0, 5).map((c) => `${c.value} ${c.count}`).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

const FRAMING_CATEGORIES = ['loaded-label', 'evaluative-adverb', 'factive-cue', 'certainty-marker', 'unsourced-superlative', 'intensifier', 'hedge', 'scare-quote'];

/** The framing profiles of the corpus per outlet, side by side. */
export function FramingPage() {
  const { data, error } = useData(() => api.framing(), 'framing');
  return (
    <div>
      <PageHeader title="Framing by outlet" json={api.url('/api/corpus/framing')} />
      <p class="muted">
        How much of each outlet's text carries the writer's own framing marks (author voice, outside quotes), which kinds per 100 sentences, and the stances of the cue verbs it
        chooses for the people it quotes. Outlets are the host of the article URL.
      </p>
      {error ? <ErrorBox error={error} /> : null}
      {!data && !error ? <Loading what="framing profiles" /> : null}
      {data && data.items.length === 0 ? <Empty>No analysed documents yet. Add articles on the Ingest page.</Empty> : null}
      {data && data.items.length > 0 ? (
        <div class="table-scroll" role="region" aria-label="Framing profiles by outlet" tabIndex={0}>
        <table class="framing-outlets">
          <thead>
            <tr>
              <th scope="col">Outlet</th>
              <th scope="col">Articles</th>
              <th scope="col">Sentences with author marks</th>
              <th scope="col">Author marks per 100 sentences</th>
              {FRAMING_CATEGORIES.map((c) => (
                <th scope="col" key={c}>
                  {c}
                </th>
              ))}
              <th scope="col">Cue verbs not neutral</th>
              <th scope="col">Stance of the cue verbs</th>
              <th scope="col">Most frequent marks</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((o) => (
              <tr key={o.outlet ?? ''}>
                <th scope="row">{o.outlet ?? 'no URL'}</th>
                <td>{o.documents}</td>
                <td>{`${(o.authorMarkShare * 100).toFixed(1)}% of ${o.sentences}`}</td>
                <td>{o.authorMarksPer100Sentences.toFixed(1)}</td>
                {FRAMING_CATEGORIES.map((c) => (
                  <td key={c}>{(o.byCategory[c] ?? 0).toFixed(1)}</td>
                ))}
                <td>{o.cueVerbs === 0 ? '—' : `${(o.nonNeutralCueShare * 100).toFixed(0)}% of ${o.cueVerbs}`}</td>
                <td>
                  <StanceBar stances={o.cueStances} label={`Cue verbs in ${o.outlet ?? 'documents without a URL'}`} />
                </td>
                <td class="muted">{o.topMarks.slice(0, 5).map((m) => `${m.text} ${m.count}`).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      ) : null}
    </div>
  );
}

export function ReviewPage(props: { query: URLSearchParams }) {
  const after = props.query.get('after') ?? '';
  const { data, error } = useData(() => api.audit({ limit: 100, ...(after ? { after } : {}) }), after);
  const show = (value: unknown): string => (value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value));
  return (
    <div>
      <PageHeader title="Review log" json={api.url('/api/reviews/audit', { after })} />
      <p class="muted">Every review action: who, when, what it was before and after. Review quotes and entities from the ledger of a document.</p>
      {error ? <ErrorBox error={error} /> : null}
      {!data && !error ? <Loading what="the review log" /> : null}
      {data && data.items.length === 0 ? (
        <Empty>
          No review yet. Open a <a href="/">document</a> and use <em>Review</em> on a quote in the margin.
        </Empty>
      ) : null}
      {data && data.items.length > 0 ? (
        <table class="audit">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((entry) => (
              <tr key={entry.id}>
                <td>{entry.at.replace('T', ' ').slice(0, 19)}</td>
                <td>{entry.who}</td>
                <td>{entry.action}</td>
                <td>
                  <a href={`/documents/${encodeURIComponent(entry.documentId)}`}>{entry.documentId}</a> · {entry.targetKind} {entry.target}
                </td>
                <td>{show(entry.before)}</td>
                <td>{show(entry.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

async function toUpload(file: File): Promise<IngestFileJson> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { name: file.name, content: btoa(binary), encoding: 'base64' };
}

export function IngestPage() {
  const [text, setText] = useState('');
  const [job, setJob] = useState<IngestJobJson | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!job || job.state !== 'running') return;
    const timer = setTimeout(() => {
      api.ingestJob(job.id).then(setJob, (error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
    }, 300);
    return () => clearTimeout(timer);
  }, [job]);

  const send = async (files: IngestFileJson[]) => {
    setProblem(null);
    if (files.length === 0) return;
    try {
      setJob(await api.ingest(files));
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };
  const sendFiles = async (list: FileList | null) => {
    if (!list) return;
    await send(await Promise.all([...list].map(toUpload)));
  };

  return (
    <div>
      <PageHeader title="Add articles" />
      <div
        class={`dropzone${dragging ? ' is-dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void sendFiles(e.dataTransfer?.files ?? null);
        }}
      >
        <p>Drop text, HTML or JSON Lines files here (up to 200 files, 20 MB in all), or</p>
        <label class="button-link">
          choose files
          <input ref={fileRef} class="visually-hidden" type="file" multiple accept=".txt,.text,.md,.html,.htm,.json,.jsonl,.ndjson" onChange={(e) => void sendFiles((e.target as HTMLInputElement).files)} />
        </label>
      </div>
      <form
        class="paste"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) void send([{ name: 'pasted.txt', content: text }]);
        }}
      >
        <label for="paste-text">Or paste an article</label>
        <textarea id="paste-text" rows={8} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
        <button type="submit" disabled={!text.trim()}>
          Analyse
        </button>
      </form>
      {problem ? (
        <div class="state state-error" role="alert">
          {problem}
        </div>
      ) : null}
      {job ? (
        <section class="job" aria-live="polite">
          <label for="ingest-progress">{job.state === 'running' ? `Analysing: ${job.done} of ${job.total} files` : `Done: ${plural(job.analysed.length, 'document')} analysed`}</label>
          <progress id="ingest-progress" max={job.total} value={job.done} />
          {job.analysed.length > 0 ? (
            <ul>
              {job.analysed.map((d) => (
                <li key={d.id}>
                  <a href={`/documents/${encodeURIComponent(d.id)}`}>{d.title ?? d.id}</a>
                </li>
              ))}
            </ul>
          ) : null}
          {job.errors.length > 0 ? (
            <div class="state state-error">
              <strong>{plural(job.errors.length, 'problem')}:</strong>
              <ul>
                {job.errors.map((e, i) => (
                  <li key={i}>
                    {e.name}: {e.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
