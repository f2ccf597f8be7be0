/**
 * `eval dates --speed`: the throughput of extract-dates alone on the BBC articles (read in place through
 * bench/bbc.ts). segment-text runs first, untimed; then extract-dates' `run` is timed over every document,
 * one after another on the main thread (one core), after one untimed warm-up pass. MB are UTF-8 bytes.
 * The rate is per CPU second of this process (user + system), so other load on the machine does not
 * lower it; the wall-clock rate is given beside it.
 */
import { performance } from 'node:perf_hooks';
import { loadBbc } from '../../bench/bbc.js';
import { bundledResources } from '../../src/analyses/resources.js';
import { extractDates } from '../../src/analyses/extract-dates/extract-dates.js';
import { segmentText } from '../../src/analyses/segment-text/segment-text.js';
import { createRunContext } from '../../src/core/analysis.js';
import { createDocument } from '../../src/core/document.js';
import { createResources } from '../../src/core/resources.js';
import { hashText } from '../../src/engine/hash-text.js';
import { dateChooserResource } from '../../src/engine/load-models.js';

export interface DatesSpeed {
  documents: number;
  megabytes: number;
  passes: number;
  /** CPU seconds per pass of extract-dates alone, fastest pass. */
  seconds: number;
  /** MB per CPU second. */
  mbPerSecond: number;
  /** Wall seconds of the same pass, and MB per wall second. */
  wallSeconds: number;
  mbPerWallSecond: number;
  dates: number;
}

export function measureDatesSpeed(passes = 3): DatesSpeed {
  const corpus = loadBbc();
  const context = createRunContext({ publishedAt: '2005-06-01', resources: createResources([...bundledResources, dateChooserResource()]) });
  const prepared = corpus.docs.map((doc) => {
    const document = createDocument({ id: doc.id, text: doc.text, contentHash: hashText(doc.text), publishedAt: '2005-06-01' });
    const segments = segmentText.run(document, {}, context);
    return { document, inputs: { [segmentText.id]: Array.isArray(segments) ? segments : (segments as { findings: never[] }).findings } };
  });
  let dates = 0;
  for (const p of prepared) dates += (extractDates.run(p.document, p.inputs, context) as unknown[]).length; // warm-up
  let best = Infinity;
  let bestWall = Infinity;
  for (let pass = 0; pass < passes; pass++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (const p of prepared) extractDates.run(p.document, p.inputs, context);
    const cpu = process.cpuUsage(c0);
    const seconds = (cpu.user + cpu.system) / 1e6;
    if (seconds < best) {
      best = seconds;
      bestWall = (performance.now() - t0) / 1000;
    }
  }
  const megabytes = corpus.bytes / 1e6;
  return { documents: prepared.length, megabytes, passes, seconds: best, mbPerSecond: megabytes / best, wallSeconds: bestWall, mbPerWallSecond: megabytes / bestWall, dates };
}
