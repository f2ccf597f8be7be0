/** The timeline and the network. Layout by d3-scale and d3-force; drawing as SVG elements. */
import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationLinkDatum, type SimulationNodeDatum } from 'd3-force';
import { scaleTime } from 'd3-scale';
import { useMemo, useState } from 'preact/hooks';
import type { NetworkJson, NetworkNodeJson, TimelineItemJson } from '../api/index.js';
import { api } from './api.js';
import { navigate, withQuery } from './router.js';
import { Empty, ErrorBox, Loading, PageHeader, plural, useData } from './ui.js';

const LANE_HEIGHT = 28;
const MAX_LANES = 18;

export function TimelinePage(props: { query: URLSearchParams }) {
  const lane = (props.query.get('lane') as 'speaker' | 'outlet' | null) ?? 'speaker';
  const { data, error } = useData(() => api.timeline({ lane }), lane);
  const [selected, setSelected] = useState<TimelineItemJson | null>(null);
  return (
    <div>
      <PageHeader title="Timeline" json={api.url('/api/timeline', { lane })}>
        <label>
          Lanes{' '}
          <select value={lane} onChange={(e) => navigate(withQuery('/timeline', { lane: (e.target as HTMLSelectElement).value }))}>
            <option value="speaker">per speaker</option>
            <option value="outlet">per outlet</option>
          </select>
        </label>
      </PageHeader>
      <p class="muted">
        Statements by the date they were made, figures by their article's date, on one axis. Filled marks are stated dates, hollow marks inferred ones (such as a
        publication date).
      </p>
      <ul class="legend" aria-label="Legend">
        <li>
          <svg width="14" height="14" aria-hidden="true">
            <circle cx="7" cy="7" r="5" class="mark-quote" />
          </svg>{' '}
          statement
        </li>
        <li>
          <svg width="14" height="14" aria-hidden="true">
            <rect x="2" y="2" width="10" height="10" class="mark-figure" />
          </svg>{' '}
          figure
        </li>
        <li>
          <svg width="14" height="14" aria-hidden="true">
            <circle cx="7" cy="7" r="5" class="mark-quote inferred" />
          </svg>{' '}
          inferred date
        </li>
      </ul>
      {error ? <ErrorBox error={error} /> : null}
      {!data && !error ? <Loading what="the timeline" /> : null}
      {data && data.items.length === 0 ? <Empty>No dated statements or figures yet. Add articles with publication dates on the Ingest page.</Empty> : null}
      {data && data.items.length > 0 ? <TimelineChart items={data.items} onSelect={setSelected} /> : null}
      {selected ? (
        <section class="selection" aria-live="polite">
          <h2>{selected.value}</h2>
          <p>{selected.text}</p>
          <a href={`/documents/${encodeURIComponent(selected.documentId)}`}>{selected.documentTitle ?? selected.documentId}</a>
        </section>
      ) : null}
    </div>
  );
}

function TimelineChart(props: { items: TimelineItemJson[]; onSelect: (item: TimelineItemJson) => void }) {
  const { lanes, scale, width, ticks, shown } = useMemo(() => {
    const counts = new Map<string, number>();
    for (const item of props.items) counts.set(item.lane, (counts.get(item.lane) ?? 0) + 1);
    const lanes = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_LANES).map(([name]) => name);
    const keep = new Set(lanes);
    const shown = props.items.filter((item) => keep.has(item.lane));
    const dates = shown.flatMap((item) => [new Date(`${item.from}T00:00:00Z`), new Date(`${item.to}T23:59:59Z`)]);
    const min = new Date(Math.min(...dates.map((d) => d.getTime())));
    const max = new Date(Math.max(...dates.map((d) => d.getTime())));
    const width = 1000;
    const scale = scaleTime().domain([min, max]).range([190, width - 20]).nice();
    return { lanes, scale, width, ticks: scale.ticks(8), shown };
  }, [props.items]);
  const height = lanes.length * LANE_HEIGHT + 40;
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="group" aria-label={`Timeline of ${plural(shown.length, 'item')} in ${plural(lanes.length, 'lane')}`}>
        {ticks.map((tick) => (
          <g key={tick.getTime()} class="tick">
            <line x1={scale(tick)} x2={scale(tick)} y1={0} y2={height - 24} />
            <text x={scale(tick)} y={height - 8} text-anchor="middle">
              {scale.tickFormat(8)(tick)}
            </text>
          </g>
        ))}
        {lanes.map((lane, index) => (
          <g key={lane}>
            <line class="lane-line" x1={190} x2={width - 20} y1={index * LANE_HEIGHT + 14} y2={index * LANE_HEIGHT + 14} />
            <text class="lane-label" x={182} y={index * LANE_HEIGHT + 18} text-anchor="end">
              {lane.length > 26 ? `${lane.slice(0, 25)}…` : lane}
            </text>
          </g>
        ))}
        {shown.map((item) => {
          const y = lanes.indexOf(item.lane) * LANE_HEIGHT + 14;
          const x1 = scale(new Date(`${item.from}T00:00:00Z`));
          const x2 = scale(new Date(`${item.to}T23:59:59Z`));
          const x = (x1 + x2) / 2;
          const label = `${item.kind} ${item.value}${item.basis === 'inferred' ? ' (inferred date)' : ''}: ${item.text}`;
          return (
            <a
              key={`${item.documentId}/${item.id}`}
              href={`/documents/${encodeURIComponent(item.documentId)}`}
              aria-label={label}
              onFocus={() => props.onSelect(item)}
              onMouseEnter={() => props.onSelect(item)}
            >
              <title>{label}</title>
              {x2 - x1 > 8 ? <line class={`span-${item.kind}`} x1={x1} x2={x2} y1={y} y2={y} /> : null}
              {item.kind === 'figure' ? (
                <rect class={`mark-figure${item.basis === 'inferred' ? ' inferred' : ''}`} x={x - 5} y={y - 5} width={10} height={10} />
              ) : (
                <circle class={`mark-${item.kind}${item.basis === 'inferred' ? ' inferred' : ''}`} cx={x} cy={y} r={5} />
              )}
            </a>
          );
        })}
      </svg>
      <figcaption class="muted">
        {plural(shown.length, 'item')} in the {plural(lanes.length, 'busiest lane')}; hover or focus a mark to read it, click to open its article.
      </figcaption>
    </figure>
  );
}

interface SimNode extends SimulationNodeDatum {
  id: string;
  node: NetworkNodeJson;
}

export function NetworkPage() {
  const { data, error } = useData(() => api.network({ limit: 50 }), 'network');
  const [selected, setSelected] = useState<NetworkNodeJson | null>(null);
  return (
    <div>
      <PageHeader title="Network" json={api.url('/api/network', { limit: 50 })} />
      <p class="muted">People, organisations and places as nodes; an arrow from a speaker to whom they talk about in their quotes, a thin line between names in the same article.</p>
      {error ? <ErrorBox error={error} /> : null}
      {!data && !error ? <Loading what="the network" /> : null}
      {data && data.nodes.length === 0 ? <Empty>No connections yet: the network needs articles that name several people or organisations.</Empty> : null}
      {data && data.nodes.length > 0 ? <NetworkChart graph={data} selected={selected} onSelect={setSelected} /> : null}
      {selected ? (
        <section class="selection" aria-live="polite">
          <h2>{selected.name}</h2>
          <p class="muted">
            {selected.type} · {plural(selected.documents, 'article')} · {plural(selected.quotes, 'quote')}
          </p>
          <p>
            <a href={withQuery('/claims', { speaker: selected.name, kind: 'quote,figure,claim' })}>Their quotes and figures</a>
          </p>
          <ul>
            {selected.documentIds.map((id) => (
              <li key={id}>
                <a href={`/documents/${encodeURIComponent(id)}`}>{id}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function NetworkChart(props: { graph: NetworkJson; selected: NetworkNodeJson | null; onSelect: (node: NetworkNodeJson) => void }) {
  const width = 1000;
  const height = 640;
  const layout = useMemo(() => {
    const nodes: SimNode[] = props.graph.nodes.map((node) => ({ id: node.id, node }));
    const links: (SimulationLinkDatum<SimNode> & { weight: number; kind: string })[] = props.graph.edges.map((edge) => ({
      source: edge.source,
      target: edge.target,
      weight: edge.weight,
      kind: edge.kind,
    }));
    // A fixed number of ticks from a deterministic start: the same graph lays out the same way.
    const simulation = forceSimulation(nodes)
      .force('link', forceLink<SimNode, (typeof links)[number]>(links).id((d) => d.id).distance(90).strength(0.3))
      .force('charge', forceManyBody().strength(-220))
      .force('center', forceCenter(width / 2, height / 2))
      .force('collide', forceCollide(26))
      .force('x', forceX(width / 2).strength(0.06))
      .force('y', forceY(height / 2).strength(0.1))
      .stop();
    simulation.tick(300);
    // Scale the layout into the frame (leaving room for labels) instead of clipping what drifted out.
    const xs = nodes.map((n) => n.x ?? 0);
    const ys = nodes.map((n) => n.y ?? 0);
    const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const sx = (width - 200) / Math.max(1, maxX - minX);
    const sy = (height - 60) / Math.max(1, maxY - minY);
    const k = Math.min(sx, sy, 1.6);
    for (const node of nodes) {
      node.x = 40 + ((node.x ?? 0) - minX) * k + (width - 200 - (maxX - minX) * k) / 2;
      node.y = 30 + ((node.y ?? 0) - minY) * k + (height - 60 - (maxY - minY) * k) / 2;
    }
    return { nodes, links: links as unknown as { source: SimNode; target: SimNode; weight: number; kind: string }[] };
  }, [props.graph]);
  const radius = (node: NetworkNodeJson) => 5 + Math.min(14, Math.sqrt(node.documents + node.quotes) * 2.5);
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="group" aria-label={`Network of ${plural(layout.nodes.length, 'name')}`}>
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="18" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" class="arrow-head" />
          </marker>
        </defs>
        {layout.links.map((link, i) => (
          <line
            key={i}
            class={`edge edge-${link.kind}`}
            x1={link.source.x}
            y1={link.source.y}
            x2={link.target.x}
            y2={link.target.y}
            stroke-width={Math.min(6, 0.6 + link.weight * 0.6)}
            marker-end={link.kind === 'quotes' ? 'url(#arrow)' : undefined}
          />
        ))}
        {layout.nodes.map((sim) => (
          <a
            key={sim.id}
            href={withQuery('/claims', { speaker: sim.node.name })}
            aria-label={`${sim.node.name}, ${sim.node.type}, ${plural(sim.node.documents, 'article')}`}
            onClick={(event) => {
              event.preventDefault();
              props.onSelect(sim.node);
            }}
            onFocus={() => props.onSelect(sim.node)}
          >
            <circle class={`node node-${sim.node.type}${props.selected?.id === sim.id ? ' is-selected' : ''}`} cx={sim.x} cy={sim.y} r={radius(sim.node)} />
            <text class="node-label" x={(sim.x ?? 0) + radius(sim.node) + 3} y={(sim.y ?? 0) + 4}>
              {sim.node.name}
            </text>
          </a>
        ))}
      </svg>
      <figcaption class="muted">
        Circle size: articles and quotes. Colour and the legend below tell the type. Click a name for its articles.
        <span class="legend-inline">
          <span class="node-key node-person">person</span> <span class="node-key node-organization">organisation</span> <span class="node-key node-place">place</span>{' '}
          <span class="node-key node-group">group</span>
        </span>
      </figcaption>
    </figure>
  );
}
