import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runFixtures } from '../../../test/helpers/fixture-runner.js';
import type { SpanJson } from '../../api/analysis-json.js';
import { createRunContext } from '../../core/analysis.js';
import { createDocument } from '../../core/document.js';
import { findingsOfKind, type Finding } from '../../core/finding.js';
import { createResources } from '../../core/resources.js';
import { hashText } from '../../engine/hash-text.js';
import { bundledResources } from '../resources.js';
import { SEGMENT_TEXT_ID, segmentText } from '../segment-text/segment-text.js';
import { createEntityIndex } from './entity-speakers.js';
import { extractQuotes } from './extract-quotes.js';

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

test('without entities (resolve-aliases failed or found none) speakers keep their written names and no entity', () => {
  const text = 'Fernando Haddad presented the budget. “The deficit will shrink,” Haddad said. “It is a start,” he added.';
  const document = createDocument({ id: 'no-entities', text, contentHash: hashText(text) });
  const context = createRunContext({ resources: createResources(bundledResources) });
  const segments = segmentText.run(document, {}, context) as readonly Finding[];
  const quotes = findingsOfKind(extractQuotes.run(document, { [SEGMENT_TEXT_ID]: segments }, context) as readonly Finding[], 'quote');
  assert.deepEqual(
    quotes.map((q) => [q.data.speaker?.name, q.data.speaker?.entityId, q.data.speaker?.reason]),
    [
      ['Haddad', null, 'speaker-then-cue-after-quote'],
      [null, null, 'unresolved-pronoun'],
    ],
  );
});

test('a place entity is never a speaker entity, whatever the recogniser tagged', () => {
  const place = (start: number, end: number, text: string): Finding => ({
    id: `e${start}-${end}`,
    analysis: 'resolve-aliases',
    kind: 'entity',
    span: { start, end, text },
    data: { type: 'place', name: text, aliases: [], roles: [], mentions: [{ start, end, text }], pronounMentions: [], key: `place:${text.toLowerCase()}`, merges: [] },
  });
  const index = createEntityIndex([place(10, 16, 'Moscow')]);
  assert.equal(index.speakerAt({ start: 10, end: 16 }, 'Moscow'), null);
  assert.equal(index.pronoun({ start: 30, end: 32 }), null);
});
