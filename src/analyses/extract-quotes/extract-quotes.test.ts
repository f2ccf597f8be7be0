import { runFixtures } from '../../../test/helpers/fixture-runner.js';
import type { SpanJson } from '../../api/analysis-json.js';
import { findingsOfKind } from '../../core/finding.js';

/** `start-end text`: offsets and text in one line, so a reviewer sees both. */
const span = (s: SpanJson | null | undefined): string | null => (s ? `${s.start}-${s.end} ${s.text}` : null);

// Every field a reader of the quote sees.
runFixtures('extract-quotes', new URL('./fixtures/', import.meta.url), (findings) =>
  findingsOfKind(findings, 'quote').map((quote) => {
    const { data } = quote;
    const speaker = data.speaker as (typeof data.speaker & { antecedent?: SpanJson }) | null;
    return {
      id: quote.id,
      type: data.type,
      content: span(data.content),
      contents: data.contents.map(span),
      cue: data.cue ? { span: span(data.cue.span), lemma: data.cue.lemma, stance: data.cue.stance } : null,
      speaker: speaker
        ? {
            name: speaker.name,
            mention: span(speaker.mention),
            role: speaker.role ?? null,
            entityId: speaker.entityId,
            basis: speaker.basis,
            reason: speaker.reason ?? null,
            ...(speaker.antecedent ? { antecedent: span(speaker.antecedent) } : {}),
          }
        : null,
      date: data.date,
      voice: data.voice,
      reason: quote.reason,
    };
  }),
);
