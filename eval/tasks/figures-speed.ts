/**
 * `eval figures` speed: the throughput of extract-figures alone on the BBC articles (read in place
 * through bench/bbc.ts). segment-text and extract-quotes run first, untimed; then extract-figures' `run`
 * is timed over every document, one after another on the main thread (one core), after one untimed
 * warm-up pass; the fastest of `passes` passes is reported, by CPU time of the process (user + system)
 * so that other load on the machine does not lower it, and by wall time. MB are UTF-8 bytes.
 */
import { performance } from 'node:perf_hooks';
import { loadBbc } from '../../bench/bbc.js';
import { extractFigures } from '../../src/analyses/extract-figures/extract-figures.js';
import { extractQuotes } from '../../src/analyses/extract-quotes/extract-quotes.js';
import { bundledResources } from '../../src/analyses/resources.js';
import { segmentText } from '../../src/analyses/segment-text/segment-text.js';
import { createRunContext, type AnalysisOutput } from '../../src/core/analysis.js';
import { createDocument } from '../../src/core/document.js';
import type { Finding } from '../../src/core/finding.js';
import { createResources } from '../../src/core/resources.js';
import { hashText } from '../../src/engine/hash-text.js';

export interface FiguresSpeed {
  documents: number;
  megabytes: number;
  passes: number;
  /** CPU seconds per pass of extract-figures alone, fastest pass. */
  seconds: number;
  /** MB per CPU second. */
  mbPerSecond: number;
  /** Wall seconds per pass, fastest pass, and MB per wall second. */
  wallSeconds: number;
  mbPerWallSecond: number;
  figures: number;
}

const findings = (out: AnalysisOutput | readonly Finding[]): readonly Finding[] => (Array.isArray(out) ? out : (out as AnalysisOutput).findings);

export function measureFiguresSpeed(passes = 3): FiguresSpeed {
  const corpus = loadBbc();
  const context = createRunContext({ resources: createResources(bundledResources) });
  const prepared = corpus.docs.map((doc) => {
    const document = createDocument({ id: doc.id, text: doc.text, contentHash: hashText(doc.text) });
    const segments = findings(segmentText.run(document, {}, context));
    const quotes = findings(extractQuotes.run(document, { [segmentText.id]: segments }, context));
    return { document, inputs: { [segmentText.id]: segments, [extractQuotes.id]: quotes } };
  });
  let figures = 0;
  for (const p of prepared) figures += findings(extractFigures.run(p.document, p.inputs, context)).length; // warm-up
  let best = Infinity;
  let bestWall = Infinity;
  for (let pass = 0; pass < passes; pass++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (const p of prepared) extractFigures.run(p.document, p.inputs, context);
    const cpu = process.cpuUsage(cpu0);
    bestWall = Math.min(bestWall, (performance.now() - t0) / 1000);
    best = Math.min(best, (cpu.user + cpu.system) / 1e6);
  }
  const megabytes = corpus.bytes / 1e6;
  return { documents: prepared.length, megabytes, passes, seconds: best, mbPerSecond: megabytes / best, wallSeconds: bestWall, mbPerWallSecond: megabytes / bestWall, figures };
}
