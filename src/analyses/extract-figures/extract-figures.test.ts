import { runFixtures } from '../../../test/helpers/fixture-runner.js';
import type { SpanJson } from '../../api/analysis-json.js';
import { findingsOfKind } from '../../core/finding.js';

/** `start-end text`: offsets and text in one line, so a reviewer sees both. */
const span = (s: SpanJson | null | undefined): string | null => (s ? `${s.start}-${s.end} ${s.text}` : null);

// Every field a reader of the figure sees.
runFixtures('extract-figures', new URL('./fixtures/', import.meta.url), (findings) =>
  findingsOfKind(findings, 'figure').map((figure) => {
    const { data } = figure;
    return {
      id: figure.id,
      span: span(data.span),
      value: data.value,
      min: data.min,
      max: data.max,
      approx: data.approx,
      unit: data.unit,
      counted: data.counted,
      counting: data.counting ? span(data.counting.span) : null,
      lemma: data.counting?.lemma ?? null,
      // claimant.entityId is the quote speaker's, set by extract-quotes from the entities (tested there).
      claimant: data.claimant ? { name: data.claimant.name, basis: data.claimant.basis } : null,
      voice: data.voice,
      quoteId: data.quoteId,
      basis: figure.basis,
      reason: figure.reason,
    };
  }),
);
