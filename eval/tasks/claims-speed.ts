/**
 * `eval claims` speed: the throughput of rank-claims alone on the BBC articles (read in place through
 * bench/bbc.ts). The analyses before it run first, untimed; then rank-claims' `run` is timed over every
 * document on the main thread (one core), after one untimed warm-up pass; the fastest of `passes` passes
 * is reported, by CPU time of the process (user + system), so that other load on the machine lowers it
 * less, and by wall time. MB are UTF-8 bytes.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { loadBbc } from '../../bench/bbc.js';
import { rankClaims } from '../../src/analyses/rank-claims/rank-claims.js';
import { createDocument } from '../../src/core/document.js';
import type { AnalysisOutput } from '../../src/core/analysis.js';
import type { Finding } from '../../src/core/finding.js';
import { contextFor, runPipeline } from '../../src/engine/analyze-text.js';
import { hashText } from '../../src/engine/hash-text.js';
import { loadDefaultPipeline } from '../../src/engine/pipeline.js';

export interface ClaimsSpeed {
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
  claims: number;
}

const findings = (out: AnalysisOutput | readonly Finding[]): readonly Finding[] => (Array.isArray(out) ? out : (out as AnalysisOutput).findings);

export function measureClaimsSpeed(passes = 5, limit?: number): ClaimsSpeed {
  const pipeline = loadDefaultPipeline();
  const before = { ...pipeline, analyses: pipeline.analyses.slice(0, pipeline.analyses.findIndex((a) => a.id === rankClaims.id)) };
  const corpus = loadBbc(limit);
  const prepared = corpus.docs.map((doc) => {
    const document = createDocument({ id: doc.id, text: doc.text, contentHash: hashText(doc.text) });
    const context = contextFor(document, pipeline);
    return { document, context, inputs: runPipeline(document, before, context).findings };
  });
  let claims = 0;
  for (const p of prepared) claims += findings(rankClaims.run(p.document, p.inputs, p.context)).length; // warm-up
  let best = Infinity;
  let bestWall = Infinity;
  for (let pass = 0; pass < passes; pass++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (const p of prepared) rankClaims.run(p.document, p.inputs, p.context);
    const cpu = process.cpuUsage(cpu0);
    bestWall = Math.min(bestWall, (performance.now() - t0) / 1000);
    best = Math.min(best, (cpu.user + cpu.system) / 1e6);
  }
  const megabytes = corpus.bytes / 1e6;
  return { documents: prepared.length, megabytes, passes, seconds: best, mbPerSecond: megabytes / best, wallSeconds: bestWall, mbPerWallSecond: megabytes / bestWall, loadAverage: loadavg()[0]!, claims };
}
