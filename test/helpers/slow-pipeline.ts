/**
 * A pipeline with an analysis that never ends on some texts, for the time-budget tests. Its spec names
 * `slow-pipeline-worker.ts`, so that the analysis worker builds it too.
 *
 *   base (not stored) <- looper (loops forever on a text containing `hangOn`, takes `slowMs` on one
 *                        containing `slowOn`) <- dependent (needs it)
 *   base <- after (uses looper when it succeeded) ; base <- independent
 */
import type { Analysis } from '../../src/core/analysis.js';
import { spanAt } from '../../src/core/span.js';
import { createPipeline, type Pipeline } from '../../src/engine/pipeline.js';

/**
 * `slowOn`: on a text containing it, looper takes `slowMs` milliseconds (wall time) and then finishes.
 * `crashOn`: on a text containing it, looper ends the thread it runs on (a worker that crashes).
 */
export function slowPipeline(argument: { hangOn: string; slowOn?: string; slowMs?: number; crashOn?: string }): Pipeline {
  const mark = (analysis: string, text: string) => [
    { id: `${analysis}-0`, analysis, kind: 'budget-test-mark' as const, span: spanAt(text, 0, Math.min(4, text.length)), data: { by: analysis } },
  ];
  const analyses: Analysis[] = [
    { id: 'base', version: '1', needs: [], emits: [], persist: false, describe: 'base', run: () => [] },
    {
      id: 'looper', version: '1', needs: ['base'], emits: ['budget-test-mark'], describe: 'loops forever on some texts',
      run: (document) => {
        if (document.text.includes(argument.hangOn)) {
          let spin = 0;
          for (;;) spin++;
        }
        if (argument.crashOn !== undefined && document.text.includes(argument.crashOn)) process.exit(3);
        if (argument.slowOn !== undefined && document.text.includes(argument.slowOn)) {
          const until = Date.now() + (argument.slowMs ?? 0);
          while (Date.now() < until);
        }
        return mark('looper', document.text);
      },
    },
    { id: 'dependent', version: '1', needs: ['looper'], emits: [], describe: 'needs looper', run: () => [] },
    { id: 'after', version: '1', needs: ['base'], uses: ['looper'], emits: [], describe: 'uses looper', run: () => [] },
    { id: 'independent', version: '1', needs: ['base'], emits: [], describe: 'independent', run: () => [] },
  ];
  return createPipeline(analyses, [], { worker: new URL('./slow-pipeline-worker.ts', import.meta.url).href, argument });
}

declare module '../../src/core/finding.js' {
  interface FindingDataMap {
    'budget-test-mark': { by: string };
  }
}
