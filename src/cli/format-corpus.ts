/** Readable text for `claimtrace corpus` and its views; article text is cleaned with `oneLine`. */
import type { ClaimClusterJson, CorpusEntityJson, CorpusJson, OriginGroupJson } from '../api/corpus-json.js';
import { oneLine, plural, truncate } from './format-text.js';

const PASSAGE_PREVIEW = 160;

/** The first line of the summary, from counts (the streamed summary has no whole corpus object). */
export function formatSummaryHead(counts: { documents: number; clusters: number; multi: number; disagree: number; origins: number; entities: number }): string {
  return (
    `${plural(counts.documents, 'document')}, ${plural(counts.clusters, 'claim cluster')} ` +
    `(${counts.multi} carried by 2 or more independent sources, ${counts.disagree} with figures that disagree), ` +
    `${plural(counts.origins, 'same-origin group')}, ${plural(counts.entities, 'person and organisation', 'people and organisations')}\n`
  );
}

export function formatCorpusSummary(corpus: CorpusJson, shown: number): string {
  const multi = corpus.claimClusters.filter((c) => c.independentSources >= 2).length;
  const disagree = corpus.claimClusters.filter((c) => c.agreement !== 'agree').length;
  const lines = [
    `${plural(corpus.documentCount, 'document')}, ${plural(corpus.claimClusters.length, 'claim cluster')} ` +
      `(${multi} carried by 2 or more independent sources, ${disagree} with figures that disagree), ` +
      `${plural(corpus.origins.length, 'same-origin group')}, ${plural(corpus.entities.length, 'person and organisation', 'people and organisations')}`,
  ];
  if (corpus.claimClusters.length > 0) lines.push('', formatClusters(corpus.claimClusters.slice(0, shown)).trimEnd());
  if (corpus.claimClusters.length > shown) lines.push('', `… ${corpus.claimClusters.length - shown} more: claimtrace corpus clusters`);
  return `${lines.join('\n')}\n`;
}

export function formatClusters(clusters: readonly ClaimClusterJson[]): string {
  const out: string[] = [];
  for (const cluster of clusters) {
    out.push(`${cluster.id}  ${cluster.kind}  ${cluster.agreement}  ${oneLine(truncate(cluster.summary, 140))}`);
    out.push(`    ${oneLine(cluster.why)}`);
    for (const member of cluster.members) {
      out.push(`    ${member.documentId} ${member.recordId} [${member.origin}]: ${oneLine(truncate(member.span.text, 100))}`);
    }
    if (cluster.kind === 'figure' || cluster.figures.length > 0) {
      out.push(`    values: ${cluster.figures.map((f) => `${f.documentId} ${f.text ?? f.value}`).join('; ')}`);
    }
    for (const drift of cluster.drift) {
      const diff = drift.diff.map((op) => (op.op === 'same' ? op.text : op.op === 'removed' ? `[-${op.text}-]` : `{+${op.text}+}`)).join(' ');
      out.push(`    drift (${drift.change}) ${drift.a.documentId} -> ${drift.b.documentId}: ${oneLine(truncate(diff, 240))}`);
    }
    out.push('');
  }
  return out.join('\n');
}

export function formatOrigins(origins: readonly OriginGroupJson[]): string {
  if (origins.length === 0) return 'No documents share an origin by their text (near-duplicates or shared passages).\n';
  const out: string[] = [];
  for (const origin of origins) {
    out.push(`${origin.id}  ${plural(origin.documents.length, 'document')}: ${origin.documents.map(oneLine).join(', ')}`);
    for (const evidence of origin.evidence) {
      out.push(`    ${oneLine(evidence.b)} ~ ${oneLine(evidence.a)}: ${evidence.kind}, ${oneLine(evidence.detail)}`);
      for (const passage of (evidence.passages ?? []).slice(0, 2)) {
        out.push(`      “${oneLine(truncate(passage.b.text, PASSAGE_PREVIEW))}” (${passage.words} words; ${evidence.b} ${passage.b.start}-${passage.b.end}, ${evidence.a} ${passage.a.start}-${passage.a.end})`);
      }
    }
    out.push('');
  }
  return out.join('\n');
}

export function formatSpeaker(entity: CorpusEntityJson, clusters: readonly ClaimClusterJson[]): string {
  const stances = Object.entries(entity.stances)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
    .map(([stance, count]) => `${stance} ${count}`)
    .join(', ');
  const lines = [
    `${oneLine(entity.name)} (${entity.type}, ${entity.id}, key ${oneLine(entity.key)})`,
    `  ${plural(entity.documents.length, 'document')}, ${plural(entity.quoteCount, 'quote')}, ${plural(entity.figureCount, 'figure')} claimed`,
    `  cue stances: ${stances || 'none'}`,
    `  cue verbs: ${entity.cues.map((c) => `${c.lemma} ${c.count}`).join(', ') || 'none'}`,
  ];
  if (entity.aliases.length > 0) lines.push(`  also written: ${entity.aliases.map(oneLine).join('; ')}`);
  if (clusters.length > 0) lines.push('', formatClusters(clusters).trimEnd());
  return `${lines.join('\n')}\n`;
}
