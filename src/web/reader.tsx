/**
 * The reader: the article text with records highlighted in place, a ledger of the records in the
 * margin aligned with their lines, the framing profile on top, and review actions on each quote.
 * Document text is only ever rendered as text nodes.
 */
import type { JSX } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ClaimJson, DateMentionJson, EntityJson, FigureJson, FramingMarkJson, QuoteJson, ReviewActionJson, ReviewedAnalysisJson } from '../api/index.js';
import { api } from './api.js';
import { KindToggle } from './filters.js';
import { highlightsOf, recordOrder, RECORD_KINDS, segmentText, type Highlight, type RecordKind } from './segments.js';
import { Empty, ErrorBox, KindBadge, Loading, PageHeader, plural, StanceBar, useData } from './ui.js';
import { withQuery } from './router.js';

type AnyRecord =
  | { kind: 'quote'; record: ReviewedAnalysisJson['quotes'][number] }
  | { kind: 'figure'; record: FigureJson }
  | { kind: 'date'; record: DateMentionJson }
  | { kind: 'framing'; record: FramingMarkJson }
  | { kind: 'claim'; record: ClaimJson };

const KIND_LABEL: Record<RecordKind, string> = { quote: 'Quotes', figure: 'Figures', claim: 'Claims', framing: 'Author framing', date: 'Dates' };
const SHORT_LABEL: Record<RecordKind, string> = { quote: 'quote', figure: 'figure', claim: 'claim', framing: 'framing', date: 'date' };

function recordsById(analysis: ReviewedAnalysisJson): Map<string, AnyRecord> {
  const map = new Map<string, AnyRecord>();
  for (const record of analysis.quotes) map.set(record.id, { kind: 'quote', record });
  for (const record of analysis.figures) map.set(record.id, { kind: 'figure', record });
  for (const record of analysis.dates) map.set(record.id, { kind: 'date', record });
  for (const record of analysis.framing) map.set(record.id, { kind: 'framing', record });
  for (const record of analysis.claims) map.set(record.id, { kind: 'claim', record });
  return map;
}

function cssId(id: string): string {
  return typeof CSS !== 'undefined' && CSS.escape ? CSS.escape(id) : id.replace(/["\\]/g, '\\$&');
}

export function ReaderPage(props: { id: string }) {
  const { data, error, reload } = useData(() => api.document(props.id), props.id);
  if (error) return <ErrorBox error={error} />;
  if (!data) return <Loading what="the document" />;
  return <Reader analysis={data} onChanged={reload} />;
}

export function Reader(props: { analysis: ReviewedAnalysisJson; onChanged: () => void }) {
  const analysis = props.analysis;
  // User Timing marks: when the analysis arrived and when the highlighted text was first painted.
  useEffect(() => {
    performance.mark('reader-data');
    requestAnimationFrame(() => setTimeout(() => performance.mark('reader-painted'), 0));
  }, [analysis.document.id]);
  const [kinds, setKinds] = useState<Set<RecordKind>>(() => new Set(RECORD_KINDS));
  const [active, setActiveState] = useState<string | null>(null);
  // The key handler reads the active record through a ref: a second key press can arrive before the re-render that
  // would hand the handler the new state, and j pressed twice quickly must still move twice.
  const activeRef = useRef<string | null>(null);
  const setActive = (id: string | null): void => {
    activeRef.current = id;
    setActiveState(id);
  };
  const [pinned, setPinned] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const articleRef = useRef<HTMLDivElement>(null);
  const ledgerRef = useRef<HTMLOListElement>(null);
  const tooltipRef = useRef<HTMLDivElement>(null);

  const highlights = useMemo(() => highlightsOf(analysis, kinds), [analysis, kinds]);
  const segments = useMemo(() => segmentText(analysis.document.text.length, highlights), [analysis, highlights]);
  const order = useMemo(() => recordOrder(highlights), [highlights]);
  const records = useMemo(() => recordsById(analysis), [analysis]);

  // The text, rendered once per analysis and set of kinds; hover and focus only toggle classes.
  const textNodes = useMemo(() => renderSegments(analysis.document.text, segments, highlights), [analysis, segments, highlights]);

  useEffect(() => {
    const root = articleRef.current?.parentElement;
    if (!root) return;
    for (const el of root.querySelectorAll('.is-active')) el.classList.remove('is-active');
    if (!active) return;
    for (const el of root.querySelectorAll(`[data-r~="${cssId(active)}"], [data-ledger="${cssId(active)}"]`)) el.classList.add('is-active');
    placeTooltip(articleRef.current, tooltipRef.current, active);
  }, [active, textNodes]);

  useLayoutEffect(() => alignLedger(articleRef.current, ledgerRef.current), [textNodes, kinds]);
  useEffect(() => {
    // Re-align when the window or a ledger item changes size (a review form opened).
    let frame = 0;
    const realign = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => alignLedger(articleRef.current, ledgerRef.current));
    };
    window.addEventListener('resize', realign);
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(realign);
    for (const item of ledgerRef.current?.querySelectorAll('[data-ledger]') ?? []) observer?.observe(item);
    return () => {
      window.removeEventListener('resize', realign);
      observer?.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [textNodes, kinds]);

  const focusRecord = (id: string | null): void => {
    setActive(id);
    if (!id) return;
    const target = articleRef.current?.querySelector<HTMLElement>(`[data-r~="${cssId(id)}"]`);
    if (target) {
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: 'nearest' });
    }
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (target.closest('input, textarea, select, [contenteditable]')) return;
      if (event.key === 'j' || event.key === 'k') {
        event.preventDefault();
        if (order.length === 0) return;
        const current = activeRef.current;
        const at = current ? order.indexOf(current) : -1;
        const next = event.key === 'j' ? Math.min(order.length - 1, at + 1) : Math.max(0, at < 0 ? 0 : at - 1);
        focusRecord(order[next]!);
      } else if (event.key === 'Escape') {
        setActive(null);
        setPinned(null);
      } else if (event.key === 'Enter' && activeRef.current && target.closest('.article')) {
        event.preventDefault();
        const current = activeRef.current;
        setPinned(current);
        const item = ledgerRef.current?.querySelector<HTMLElement>(`[data-ledger="${cssId(current)}"]`);
        item?.scrollIntoView({ block: 'nearest' });
        item?.querySelector<HTMLElement>('button, summary')?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [order]);

  const review = async (action: Omit<ReviewActionJson, 'documentId'>) => {
    try {
      const result = await api.review({ ...action, documentId: analysis.document.id });
      setMessage(`Saved: ${result.entry.action} on ${result.entry.target} (recorded in the audit log).`);
      props.onChanged();
    } catch (error) {
      setMessage(`Not saved: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const toggle = (kind: RecordKind) => {
    const next = new Set(kinds);
    if (next.has(kind)) next.delete(kind);
    else next.add(kind);
    setKinds(next);
  };

  const counts: Record<RecordKind, number> = {
    quote: analysis.quotes.length,
    figure: analysis.figures.length,
    claim: analysis.claims.length,
    framing: analysis.framing.length,
    date: analysis.dates.length,
  };
  const doc = analysis.document;
  const activeRecord = active ? records.get(active) ?? null : null;
  const pointerRecord = (event: Event): string | null => {
    const el = (event.target as Element | null)?.closest?.('[data-p]');
    return el ? el.getAttribute('data-p') : null;
  };

  return (
    <div class="reader">
      <PageHeader title={doc.title ?? doc.id} json={api.url(`/api/documents/${encodeURIComponent(doc.id)}`)}>
        <a class="button-link" href={api.documentExportUrl(doc.id)} download>
          Download JSON
        </a>
      </PageHeader>
      <p class="doc-meta">
        {doc.publishedAt ? <span>Published {doc.publishedAt}</span> : <span>No publication date</span>}
        {doc.url ? (
          <span>
            {' · '}
            <a href={doc.url} rel="noreferrer noopener" target="_blank">
              {safeHost(doc.url)}
            </a>
          </span>
        ) : null}
        <span>{` · ${plural(analysis.quotes.length, 'quote')}, ${plural(analysis.figures.length, 'figure')}, ${plural(analysis.framing.length, 'framing mark')}`}</span>
      </p>
      <FramingStrip analysis={analysis} />
      {analysis.review.unanchored.length > 0 ? (
        <div class="state state-error" role="alert">
          {plural(analysis.review.unanchored.length, 'review decision')} no longer match a record after re-analysis:{' '}
          {analysis.review.unanchored.map((u) => `${u.action} on “${u.anchor?.text ?? u.target}”`).join('; ')}
        </div>
      ) : null}
      <div class="toolbar" role="group" aria-label="Show record kinds">
        {RECORD_KINDS.map((kind) => (
          <KindToggle key={kind} kind={kind} label={KIND_LABEL[kind]} count={counts[kind]} checked={kinds.has(kind)} onChange={() => toggle(kind)} />
        ))}
        <span class="hint">
          <kbd>j</kbd>/<kbd>k</kbd> next/previous · <kbd>Enter</kbd> open · <kbd>Esc</kbd> close
        </span>
      </div>
      {message ? (
        <p class="flash" role="status">
          {message}
        </p>
      ) : null}
      <div class="reader-body">
        <div class="article-wrap">
          <div
            class="article"
            ref={articleRef}
            lang="en"
            aria-label="Article text with highlighted records"
            onMouseOver={(event) => {
              const id = pointerRecord(event);
              if (id) setActive(id);
            }}
            onFocusIn={(event) => {
              const id = (event.target as Element).getAttribute?.('data-focus') ?? pointerRecord(event);
              if (id) setActive(id);
            }}
          >
            {textNodes}
          </div>
          <div class={`tooltip${activeRecord ? '' : ' is-hidden'}`} ref={tooltipRef} role="tooltip" id="record-tooltip">
            {activeRecord ? <RecordDetails entry={activeRecord} analysis={analysis} /> : null}
          </div>
        </div>
        <aside class="ledger-wrap" aria-label="Records in reading order">
          <h2 class="visually-hidden">Ledger</h2>
          {order.length === 0 ? (
            <Empty>No records of the kinds shown. Turn kinds on in the toolbar above.</Empty>
          ) : (
            <ol class="ledger" ref={ledgerRef}>
              {order.map((id) => {
                const entry = records.get(id);
                // Dates stay highlighted and reachable with j/k; the margin lists what a reader weighs.
                if (!entry || entry.kind === 'date') return null;
                return (
                  <LedgerItem
                    key={id}
                    entry={entry}
                    analysis={analysis}
                    open={pinned === id}
                    onHover={() => setActive(id)}
                    onReview={review}
                  />
                );
              })}
            </ol>
          )}
        </aside>
      </div>
      <EntitiesPanel analysis={analysis} onReview={review} />
    </div>
  );
}

function safeHost(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

/** The segments as elements: one span per highlighted run, plain text otherwise. */
function renderSegments(text: string, segments: readonly ReturnType<typeof segmentText>[number][], highlights: readonly Highlight[]): (string | JSX.Element)[] {
  const firstSegment = new Map<string, number>();
  const lastSegment = new Map<string, number>();
  const primaryKinds = new Set(['quote', 'figure', 'date', 'framing', 'claim']);
  segments.forEach((segment, index) => {
    for (const h of segment.highlights) {
      if (!primaryKinds.has(h.kind)) continue;
      if (!firstSegment.has(h.recordId)) firstSegment.set(h.recordId, index);
      lastSegment.set(h.recordId, index);
    }
  });
  const kindOf = new Map(highlights.filter((h) => primaryKinds.has(h.kind)).map((h) => [h.recordId, h.kind]));
  const focusTaken = new Set<number>();
  return segments.map((segment, index) => {
    const piece = text.slice(segment.start, segment.end);
    if (segment.highlights.length === 0) return piece;
    const classes = new Set<string>(['hl']);
    const ids = new Set<string>();
    let primary: Highlight | null = null;
    let label: string | null = null;
    let focusId: string | null = null;
    for (const h of segment.highlights) {
      classes.add(`k-${h.kind}`);
      if (h.kind === 'quote' || h.kind === 'speaker' || h.kind === 'cue') classes.add(`sp-${h.colour}`);
      if (h.inferred) classes.add('inferred');
      ids.add(h.recordId);
      if (primaryKinds.has(h.kind) && (!primary || h.end - h.start < primary.end - primary.start)) primary = h;
      if (firstSegment.get(h.recordId) === index && primaryKinds.has(h.kind) && !focusTaken.has(index)) {
        focusId = h.recordId;
        focusTaken.add(index);
        if (h.kind === 'claim') classes.add('claim-start');
      }
      if (lastSegment.get(h.recordId) === index && primaryKinds.has(h.kind)) label = SHORT_LABEL[kindOf.get(h.recordId) as RecordKind] ?? null;
    }
    const primaryId = primary?.recordId ?? segment.highlights[0]!.recordId;
    return (
      <span
        key={segment.start}
        class={[...classes].join(' ')}
        data-r={[...ids].join(' ')}
        data-p={primaryId}
        data-label={label ?? undefined}
        data-focus={focusId ?? undefined}
        tabIndex={focusId ? 0 : undefined}
        aria-describedby={focusId ? 'record-tooltip' : undefined}
      >
        {piece}
      </span>
    );
  });
}

/**
 * Puts each ledger item level with its record's first line, pushing items down so none overlap.
 * All positions are read first and written after, so the browser lays the page out once, not once per item.
 */
function alignLedger(article: HTMLElement | null, ledger: HTMLElement | null): void {
  if (!article || !ledger) return;
  const items = [...ledger.querySelectorAll<HTMLElement>('[data-ledger]')];
  if (getComputedStyle(ledger).position !== 'relative') {
    for (const item of items) item.style.top = '';
    ledger.style.height = '';
    return;
  }
  const base = article.getBoundingClientRect().top;
  const firstTop = new Map<string, number>();
  for (const el of article.querySelectorAll<HTMLElement>('[data-r]')) {
    const top = el.getBoundingClientRect().top - base;
    for (const id of (el.getAttribute('data-r') ?? '').split(' ')) if (!firstTop.has(id)) firstTop.set(id, top);
  }
  const heights = items.map((item) => item.offsetHeight);
  const articleHeight = article.offsetHeight;
  let bottom = 0;
  const tops = items.map((item, index) => {
    const want = firstTop.get(item.getAttribute('data-ledger')!) ?? bottom;
    const top = Math.max(want, bottom);
    bottom = top + heights[index]! + 6;
    return top;
  });
  items.forEach((item, index) => {
    item.style.top = `${tops[index]}px`;
  });
  ledger.style.height = `${Math.max(bottom, articleHeight)}px`;
}

function placeTooltip(article: HTMLElement | null, tooltip: HTMLElement | null, id: string): void {
  if (!article || !tooltip) return;
  const anchor = article.querySelector<HTMLElement>(`[data-r~="${cssId(id)}"]`);
  if (!anchor) return;
  const box = anchor.getBoundingClientRect();
  const base = article.getBoundingClientRect();
  tooltip.style.top = `${box.bottom - base.top + 6}px`;
  tooltip.style.left = `${Math.max(0, Math.min(box.left - base.left, base.width - 320))}px`;
}

function FramingStrip(props: { analysis: ReviewedAnalysisJson }) {
  const profile = props.analysis.framingProfile;
  if (!profile) return null;
  const share = Math.round(profile.authorMarkShare * 100);
  const speakers = profile.cueStances.filter((s) => s.speaker).slice(0, 6);
  return (
    <section class="framing-strip" aria-label="Framing profile">
      <div class="framing-share">
        <strong>{share}%</strong> of {plural(profile.sentences, 'sentence')} carry author-voice framing ({plural(profile.authorMarks, 'mark')}
        {profile.modelPhrases && profile.modelPhrases.author > 0 ? `; ${plural(profile.modelPhrases.author, 'phrase')} more from the span model, dotted, not counted` : ''})
      </div>
      {speakers.length > 0 ? (
        <ul class="framing-speakers">
          {speakers.map((s) => (
            <li key={s.speaker}>
              <span class="framing-speaker">{s.speaker}</span>
              <StanceBar stances={s.stances} label={`Cue verbs for ${s.speaker}`} />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function describeSpeaker(quote: QuoteJson): string {
  if (!quote.speaker) return 'no speaker found';
  const name = quote.speaker.name ?? `unresolved (“${quote.speaker.mention?.text ?? '?'}”)`;
  return quote.speaker.basis === 'inferred' ? `${name} (inferred)` : name;
}

function RecordDetails(props: { entry: AnyRecord; analysis: ReviewedAnalysisJson }) {
  const { entry } = props;
  const rule = entry.record.reason;
  const rows: [string, string][] = [];
  switch (entry.kind) {
    case 'quote': {
      const q = entry.record;
      rows.push(['Speaker', describeSpeaker(q)]);
      if (q.speaker?.role) rows.push(['Role', q.speaker.role]);
      if (q.cue) rows.push(['Cue', `${q.cue.span.text} (${q.cue.lemma}) · ${q.cue.stance}`]);
      rows.push(['Type', q.type]);
      if (q.date) rows.push(['Said on', `${q.date.value}${q.date.basis === 'inferred' ? ' (inferred)' : ''}`]);
      if (q.speaker?.reason) rows.push(['Speaker rule', q.speaker.reason]);
      if (q.review?.status) rows.push(['Review', `${q.review.status} by ${q.review.who}`]);
      break;
    }
    case 'figure': {
      const f = entry.record;
      rows.push(['Value', f.value !== null ? String(f.value) : f.min !== null || f.max !== null ? `${f.min ?? '?'}–${f.max ?? '?'}` : 'not a number']);
      if (f.unit) rows.push(['Unit', f.unit]);
      if (f.counted) rows.push(['Counts', f.counted]);
      rows.push(['Claimant', f.claimant ? `${f.claimant.name}${f.claimant.basis === 'inferred' ? ' (inferred)' : ''}` : 'none: the writer states it']);
      rows.push(['Voice', f.voice]);
      break;
    }
    case 'date': {
      const d = entry.record;
      rows.push(['TIMEX3 value', d.value]);
      rows.push(['Granularity', d.granularity]);
      if (d.basis === 'inferred') rows.push(['Basis', `inferred${d.anchor ? ` from ${d.anchor}` : ''}`]);
      break;
    }
    case 'framing': {
      const m = entry.record;
      rows.push(['Category', m.category]);
      rows.push(['Voice', m.voice]);
      if (m.target) rows.push(['Aimed at', m.target.text]);
      if (m.note) rows.push(['Note', m.note]);
      break;
    }
    case 'claim': {
      const c = entry.record;
      rows.push(['Claimant', c.claimant?.name ?? 'none']);
      rows.push(['Check-worthiness', c.checkWorthiness.toFixed(2)]);
      break;
    }
  }
  if (rule) rows.push(['Rule', rule]);
  return (
    <div>
      <div class="tooltip-title">
        <KindBadge kind={entry.kind} />
      </div>
      <dl class="details">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function recordText(entry: AnyRecord): string {
  if (entry.kind === 'quote') return entry.record.contents.map((c) => c.text).join(' … ') || entry.record.content.text;
  return entry.record.span.text;
}

function LedgerItem(props: {
  entry: AnyRecord;
  analysis: ReviewedAnalysisJson;
  open: boolean;
  onHover: () => void;
  onReview: (action: Omit<ReviewActionJson, 'documentId'>) => Promise<void>;
}) {
  const { entry } = props;
  const [speaker, setSpeaker] = useState('');
  const text = recordText(entry);
  const short = text.length > 140 ? `${text.slice(0, 140)}…` : text;
  const quote = entry.kind === 'quote' ? entry.record : null;
  const status = quote?.review?.status ?? null;
  return (
    <li
      class={`ledger-item kind-${entry.kind}${status ? ` review-${status}` : ''}`}
      data-ledger={entry.record.id}
      onMouseEnter={props.onHover}
      onFocusIn={props.onHover}
    >
      <div class="ledger-head">
        <KindBadge kind={entry.kind} />
        {quote ? <span class="ledger-who">{describeSpeaker(quote)}</span> : null}
        {quote?.cue ? <span class={`stance-tag stance-${quote.cue.stance}`}>{`${quote.cue.span.text} · ${quote.cue.stance}`}</span> : null}
        {entry.kind === 'figure' ? <span class="ledger-who">{entry.record.claimant ? entry.record.claimant.name : 'no claimant'}</span> : null}
        {entry.kind === 'date' ? <span class="ledger-who">{entry.record.value}</span> : null}
        {entry.kind === 'framing' ? <span class="ledger-who">{(entry.record.reason ?? '').startsWith('model/') ? `${entry.record.category} · span model` : entry.record.category}</span> : null}
        {status ? <span class={`review-tag review-tag-${status}`}>{status}</span> : null}
      </div>
      <p class="ledger-text">{short}</p>
      {quote ? (
        <details class="ledger-review" open={props.open}>
          <summary>Review</summary>
          <div class="review-actions">
            <button type="button" onClick={() => props.onReview({ action: 'accept', target: quote.id })} aria-pressed={status === 'accepted'}>
              Accept
            </button>
            <button type="button" onClick={() => props.onReview({ action: 'reject', target: quote.id })} aria-pressed={status === 'rejected'}>
              Reject
            </button>
            {status ? (
              <button type="button" class="quiet" onClick={() => props.onReview({ action: 'clear', target: quote.id })}>
                Clear
              </button>
            ) : null}
          </div>
          <form
            class="review-speaker"
            onSubmit={(event) => {
              event.preventDefault();
              if (speaker.trim()) void props.onReview({ action: 'set-speaker', target: quote.id, name: speaker.trim() });
            }}
          >
            <label>
              Speaker
              <input
                type="text"
                value={speaker}
                placeholder={quote.speaker?.name ?? 'name'}
                onInput={(event) => setSpeaker((event.target as HTMLInputElement).value)}
                list="entity-names"
              />
            </label>
            <button type="submit">Change speaker</button>
          </form>
          {quote.review?.originalSpeaker !== undefined ? (
            <p class="muted">Found by the analysis: {quote.review.originalSpeaker?.name ?? 'no speaker'}</p>
          ) : null}
        </details>
      ) : null}
    </li>
  );
}

function EntitiesPanel(props: { analysis: ReviewedAnalysisJson; onReview: (action: Omit<ReviewActionJson, 'documentId'>) => Promise<void> }) {
  const entities = props.analysis.entities.filter((e) => e.type !== 'other');
  const [mergeFrom, setMergeFrom] = useState('');
  const [mergeInto, setMergeInto] = useState('');
  const [splitEntity, setSplitEntity] = useState('');
  const [splitMention, setSplitMention] = useState('');
  const [splitName, setSplitName] = useState('');
  const splitTarget = entities.find((e) => e.id === splitEntity) ?? null;
  return (
    <section class="entities-panel">
      <datalist id="entity-names">
        {entities.map((e) => (
          <option key={e.id} value={e.name} />
        ))}
      </datalist>
      <h2>Entities in this article</h2>
      {entities.length === 0 ? (
        <Empty>No people, organisations or places were found in this article.</Empty>
      ) : (
        <ul class="entity-list">
          {entities.map((e: EntityJson & { review?: { mergedFrom?: string[]; splitFrom?: string } }) => (
            <li key={e.id}>
              <span class={`entity-type type-${e.type}`}>{e.type}</span> <a href={withQuery('/claims', { speaker: e.name })}>{e.name}</a>
              <span class="muted">
                {` · ${plural(e.mentions.length, 'mention')}`}
                {e.aliases.length ? ` · also ${e.aliases.join(', ')}` : ''}
                {e.roles.length ? ` · ${e.roles.join(', ')}` : ''}
                {e.review?.mergedFrom ? ' · merged by a reviewer' : ''}
                {e.review?.splitFrom ? ' · split off by a reviewer' : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      {entities.length > 1 ? (
        <div class="entity-review">
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (mergeFrom && mergeInto) void props.onReview({ action: 'merge', target: mergeFrom, into: mergeInto });
            }}
          >
            <fieldset>
              <legend>Merge two entities (the same person or body)</legend>
              <label>
                Merge
                <select value={mergeFrom} onChange={(e) => setMergeFrom((e.target as HTMLSelectElement).value)}>
                  <option value="">choose…</option>
                  {entities.map((e) => (
                    <option key={e.id} value={e.id}>
                      {e.name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                into
                <select value={mergeInto} onChange={(e) => setMergeInto((e.target as HTMLSelectElement).value)}>
                  <option value="">choose…</option>
                  {entities
                    .filter((e) => e.id !== mergeFrom)
                    .map((e) => (
                      <option key={e.id} value={e.id}>
                        {e.name}
                      </option>
                    ))}
                </select>
              </label>
              <button type="submit" disabled={!mergeFrom || !mergeInto}>
                Merge
              </button>
            </fieldset>
          </form>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (splitTarget && splitMention) {
                void props.onReview({ action: 'split', target: splitTarget.id, mentionStart: Number(splitMention), ...(splitName ? { name: splitName } : {}) });
              }
            }}
          >
            <fieldset>
              <legend>Split a mention off an entity (a different person or body)</legend>
              <label>
                Entity
                <select value={splitEntity} onChange={(e) => setSplitEntity((e.target as HTMLSelectElement).value)}>
                  <option value="">choose…</option>
                  {entities
                    .filter((e) => e.mentions.length > 1)
                    .map((e) => (
                      <option key={e.id} value={e.id}>
                        {e.name}
                      </option>
                    ))}
                </select>
              </label>
              <label>
                mention
                <select value={splitMention} onChange={(e) => setSplitMention((e.target as HTMLSelectElement).value)}>
                  <option value="">choose…</option>
                  {(splitTarget?.mentions ?? []).map((m) => (
                    <option key={m.start} value={String(m.start)}>
                      {`“${m.text}” at ${m.start}`}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                new name
                <input type="text" value={splitName} onInput={(e) => setSplitName((e.target as HTMLInputElement).value)} />
              </label>
              <button type="submit" disabled={!splitTarget || !splitMention}>
                Split
              </button>
            </fieldset>
          </form>
        </div>
      ) : null}
    </section>
  );
}
