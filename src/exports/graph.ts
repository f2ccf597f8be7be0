/**
 * The speaker and entity network of the selection, for Gephi and other graph tools, as GEXF 1.3
 * (gexf.net) or GraphML (graphml.graphdrawing.org). Nodes are entities, merged across documents by
 * their shared key (type and canonical name). Edges: `quotes` from a speaker to each entity named
 * inside their quotes (directed, weight = times), and `co-occurs` between two entities named in the
 * same document (undirected, weight = documents).
 */
import type { AnalysisJson, EntityJson } from '../api/analysis-json.js';
import type { ExportOptions, ExportResult } from './types.js';

export interface GraphNode {
  id: string;
  label: string;
  type: string;
  documents: number;
  quotes: number;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  kind: 'quotes' | 'co-occurs';
  weight: number;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

function nodeKey(entity: EntityJson): string {
  const shared = (entity as EntityJson & { key?: unknown }).key;
  return typeof shared === 'string' && shared !== '' ? shared : `${entity.type}:${entity.name.toLowerCase()}`;
}

export function buildGraph(analyses: readonly AnalysisJson[]): Graph {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const ids = new Map<string, string>();
  const nodeId = (key: string): string => {
    let id = ids.get(key);
    if (!id) {
      id = `n${ids.size + 1}`;
      ids.set(key, id);
    }
    return id;
  };
  const addEdge = (source: string, target: string, kind: GraphEdge['kind']): void => {
    const [a, b] = kind === 'co-occurs' && target < source ? [target, source] : [source, target];
    const key = `${kind}|${a}|${b}`;
    const edge = edges.get(key);
    if (edge) edge.weight++;
    else edges.set(key, { id: `e${edges.size + 1}`, source: a, target: b, kind, weight: 1 });
  };
  for (const analysis of analyses) {
    const byId = new Map<string, string>();
    for (const entity of analysis.entities) {
      const key = nodeKey(entity);
      const id = nodeId(key);
      byId.set(entity.id, id);
      const node = nodes.get(id);
      if (node) {
        node.documents++;
        if (entity.name.length > node.label.length) node.label = entity.name;
      } else nodes.set(id, { id, label: entity.name, type: entity.type, documents: 1, quotes: 0 });
    }
    const inDocument = [...new Set(byId.values())].sort();
    for (let i = 0; i < inDocument.length; i++) for (let j = i + 1; j < inDocument.length; j++) addEdge(inDocument[i]!, inDocument[j]!, 'co-occurs');
    for (const quote of analysis.quotes) {
      const speaker = quote.speaker?.entityId ? byId.get(quote.speaker.entityId) : undefined;
      if (!speaker) continue;
      nodes.get(speaker)!.quotes++;
      const pieces = quote.contents.length > 0 ? quote.contents : [quote.content];
      const named = new Set<string>();
      for (const entity of analysis.entities) {
        const target = byId.get(entity.id)!;
        if (target === speaker) continue;
        if (entity.mentions.some((m) => pieces.some((p) => p.start <= m.start && m.end <= p.end))) named.add(target);
      }
      for (const target of named) addEdge(speaker, target, 'quotes');
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

export function xmlEscape(value: string): string {
  // Characters XML 1.0 does not allow are dropped; the five special ones escaped.
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function toGexf(graph: Graph, options: ExportOptions): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
    `  <meta><creator>claimtrace ${xmlEscape(options.toolVersion)}</creator><description>Speakers and entities: who quotes whom, who is named with whom</description></meta>`,
    '  <graph mode="static" defaultedgetype="directed">',
    '    <attributes class="node">',
    '      <attribute id="type" title="type" type="string"/>',
    '      <attribute id="documents" title="documents" type="integer"/>',
    '      <attribute id="quotes" title="quotes" type="integer"/>',
    '    </attributes>',
    '    <attributes class="edge">',
    '      <attribute id="kind" title="kind" type="string"/>',
    '    </attributes>',
    '    <nodes>',
  ];
  for (const n of graph.nodes) {
    lines.push(
      `      <node id="${n.id}" label="${xmlEscape(n.label)}"><attvalues><attvalue for="type" value="${xmlEscape(n.type)}"/><attvalue for="documents" value="${n.documents}"/><attvalue for="quotes" value="${n.quotes}"/></attvalues></node>`,
    );
  }
  lines.push('    </nodes>', '    <edges>');
  for (const e of graph.edges) {
    lines.push(
      `      <edge id="${e.id}" source="${e.source}" target="${e.target}" type="${e.kind === 'quotes' ? 'directed' : 'undirected'}" weight="${e.weight}"><attvalues><attvalue for="kind" value="${e.kind}"/></attvalues></edge>`,
    );
  }
  lines.push('    </edges>', '  </graph>', '</gexf>');
  return `${lines.join('\n')}\n`;
}

export function toGraphml(graph: Graph): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
    '  <key id="type" for="node" attr.name="type" attr.type="string"/>',
    '  <key id="documents" for="node" attr.name="documents" attr.type="int"/>',
    '  <key id="quotes" for="node" attr.name="quotes" attr.type="int"/>',
    '  <key id="kind" for="edge" attr.name="kind" attr.type="string"/>',
    '  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>',
    '  <graph id="claimtrace" edgedefault="directed">',
  ];
  for (const n of graph.nodes) {
    lines.push(
      `    <node id="${n.id}"><data key="label">${xmlEscape(n.label)}</data><data key="type">${xmlEscape(n.type)}</data><data key="documents">${n.documents}</data><data key="quotes">${n.quotes}</data></node>`,
    );
  }
  for (const e of graph.edges) {
    lines.push(
      `    <edge id="${e.id}" source="${e.source}" target="${e.target}" directed="${e.kind === 'quotes'}"><data key="kind">${e.kind}</data><data key="weight">${e.weight}</data></edge>`,
    );
  }
  lines.push('  </graph>', '</graphml>');
  return `${lines.join('\n')}\n`;
}

export function exportGraph(analyses: readonly AnalysisJson[], options: ExportOptions): ExportResult {
  const graph = buildGraph(analyses);
  const graphml = options.graphFormat === 'graphml';
  return {
    format: 'graph',
    files: [
      graphml
        ? { name: 'network.graphml', mediaType: 'application/graphml+xml', content: toGraphml(graph) }
        : { name: 'network.gexf', mediaType: 'application/gexf+xml', content: toGexf(graph, options) },
    ],
    messages: graph.nodes.length === 0 ? ['no entities in the selection: the graph is empty'] : [],
    count: graph.nodes.length + graph.edges.length,
  };
}
