/**
 * `eval entities` speed: the throughput of detect-entities alone on the BBC articles (read in place
 * through bench/bbc.ts). segment-text runs first, untimed; then detect-entities' `run` is timed over
 * every document, one after another on the main thread (one core), after one untimed warm-up pass; the
 * fastest of `passes` passes is reported, by CPU time of the process (user + system) so that other
 * load on the machine lowers it less, and by wall time. MB are UTF-8 bytes.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { loadBbc } from '../../bench/bbc.js';
import { detectEntities } from '../../src/analyses/detect-entities/detect-entities.js';
import { bundledResources } from '../../src/analyses/resources.js';
import { segmentText } from '../../src/analyses/segment-text/segment-text.js';
import { createRunContext, type AnalysisOutput } from '../../src/core/analysis.js';
import { createDocument } from '../../src/core/document.js';
import type { Finding } from '../../src/core/finding.js';
import { createResources } from '../../src/core/resources.js';
import { hashText } from '../../src/engine/hash-text.js';
import { modelResources } from '../../src/engine/load-models.js';

export interface EntitiesSpeed {
  documents: number;
  megabytes: number;
  passes: number;
  /** CPU seconds of the fastest pass, and MB per CPU second. */
  seconds: number;
  mbPerSecond: number;
  /** Wall seconds of the fastest pass, and MB per wall second. */
  wallSeconds: number;
  mbPerWallSecond: number;
  /** Load average of the machine (1 minute) when the timing ended: how busy it was. */
  loadAverage: number;
  mentions: number;
}

const findings = (out: AnalysisOutput | readonly Finding[]): readonly Finding[] => (Array.isArray(out) ? out : (out as AnalysisOutput).findings);

export function measureEntitiesSpeed(passes = 3): EntitiesSpeed {
  const corpus = loadBbc();
  const context = createRunContext({ resources: createResources([...bundledResources, ...modelResources()]) });
  const prepared = corpus.docs.map((doc) => {
    const document = createDocument({ id: doc.id, text: doc.text, contentHash: hashText(doc.text) });
    return { document, inputs: { [segmentText.id]: findings(segmentText.run(document, {}, context)) } };
  });
  let mentions = 0;
  for (const p of prepared) mentions += findings(detectEntities.run(p.document, p.inputs, context)).length; // warm-up
  let best = Infinity;
  let bestWall = Infinity;
  for (let pass = 0; pass < passes; pass++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (const p of prepared) detectEntities.run(p.document, p.inputs, context);
    const cpu = process.cpuUsage(cpu0);
    bestWall = Math.min(bestWall, (performance.now() - t0) / 1000);
    best = Math.min(best, (cpu.user + cpu.system) / 1e6);
  }
  const megabytes = corpus.bytes / 1e6;
  return {
    documents: prepared.length,
    megabytes,
    passes,
    seconds: best,
    mbPerSecond: megabytes / best,
    wallSeconds: bestWall,
    mbPerWallSecond: megabytes / bestWall,
    loadAverage: loadavg()[0]!,
    mentions,
  };
}
