import { runFixtures } from '../../../test/helpers/fixture-runner.js';
import { findingsOfKind } from '../../core/finding.js';

runFixtures('extract-quotes', new URL('./fixtures/', import.meta.url), (findings) =>
  findingsOfKind(findings, 'quote').map((quote) => ({
    id: quote.id,
    type: quote.data.type,
    contents: quote.data.contents.map((c) => `${c.start}-${c.end} ${c.text}`),
    content: quote.data.content.text,
    cue: quote.data.cue ? `${quote.data.cue.span.text} (${quote.data.cue.lemma}, ${quote.data.cue.stance})` : null,
    speaker: quote.data.speaker
      ? `${quote.data.speaker.name} [${quote.data.speaker.mention?.text ?? '-'}] ${quote.data.speaker.basis}`
      : null,
    reason: quote.reason,
  })),
);
