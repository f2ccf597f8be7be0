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
      cue: data.cue ? { span: span(data.cue.span), lemma: data.cue.lemma, stance: data.cue.stance, ...(data.cue.phrase ? { phrase: span(data.cue.phrase) } : {}) } : null,
      speaker: speaker
        ? {
            name: speaker.name,
            mention: span(speaker.mention),
            role: speaker.role ?? null,
            entityId: speaker.entityId,
            basis: speaker.basis,
            reason: speaker.reason ?? null,
            ...(speaker.antecedent ? { antecedent: span(speaker.antecedent) } : {}),
            ...(speaker.phrase ? { phrase: span(speaker.phrase) } : {}),
          }
        : null,
      date: data.date,
      voice: data.voice,
      ...(data.edits ? { edits: data.edits.map((e) => `${e.kind} ${span(e.span)}`), editorShare: data.editorShare } : {}),
      ...(data.warnings ? { warnings: data.warnings } : {}),
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

test('words in quotation marks that are not speech become internal quoted-term records, not quotes', () => {
  const text = 'Officials blamed the so-called “Resistance Units” for the unrest, and the “peaceful” march ended early. The show “Harbour Lights” was cancelled. Critics used the word “bailout” again.';
  const document = createDocument({ id: 'terms', text, contentHash: hashText(text) });
  const context = createRunContext({ resources: createResources(bundledResources) });
  const segments = segmentText.run(document, {}, context) as readonly Finding[];
  const findings = extractQuotes.run(document, { [SEGMENT_TEXT_ID]: segments }, context) as readonly Finding[];
  // No quotation: the marks hold names and terms. "Officials blamed … for the unrest" is reported speech
  // without marks (an indirect quote), and it stops at ", and" where the writer goes on.
  assert.deepEqual(
    findingsOfKind(findings, 'quote').map((q) => [q.data.type, q.data.speaker?.mention?.text, q.data.cue?.lemma, q.data.content.text]),
    [['indirect', 'Officials', 'blame', 'the so-called “Resistance Units” for the unrest']],
  );
  assert.deepEqual(
    findingsOfKind(findings, 'quoted-term').map((t) => [t.data.kind, t.data.term.text, text.slice(t.span.start, t.span.end)]),
    [
      ['scare-quote', 'Resistance Units', 'Resistance Units'],
      ['scare-quote', 'peaceful', 'peaceful'],
      ['name-or-title', 'Harbour Lights', 'Harbour Lights'],
      ['term', 'bailout', 'bailout'],
    ],
  );
});

test('edits: brackets are insertions with the editor share of the letters, ellipses are omissions, many cuts give a warning', () => {
  const text = '“We [the government] will not … back down,” the minister said. “It was […] a mistake,” Smith said, “and we ... apologise. We never [...] meant harm.”';
  const document = createDocument({ id: 'edits', text, contentHash: hashText(text) });
  const context = createRunContext({ resources: createResources(bundledResources) });
  const segments = segmentText.run(document, {}, context) as readonly Finding[];
  const quotes = findingsOfKind(extractQuotes.run(document, { [SEGMENT_TEXT_ID]: segments }, context) as readonly Finding[], 'quote');
  assert.equal(quotes.length, 2);
  const [first, second] = quotes.map((q) => q.data);
  assert.deepEqual(first!.edits!.map((e) => [e.kind, e.span.text, text.slice(e.span.start, e.span.end)]), [
    ['insertion', '[the government]', '[the government]'],
    ['omission', '…', '…'],
  ]);
  // "thegovernment" (13) of "Wethegovernmentwillnotbackdown" (30 letters).
  assert.equal(first!.editorShare, 0.433);
  assert.equal(first!.warnings, undefined);
  assert.deepEqual(second!.edits!.map((e) => e.kind), ['omission', 'omission', 'omission']);
  assert.equal(second!.editorShare, 0);
  assert.deepEqual(second!.warnings, ['stitched from 5 fragments: the writer cut the quotation 4 times']);
});

test('a definite description that resolve-aliases linked to an earlier entity gives the speaker that entity', () => {
  const text = 'The FNV union called the strike. According to the union, more than 3,500 workers have joined the action.';
  const document = createDocument({ id: 'definite', text, contentHash: hashText(text) });
  const context = createRunContext({ resources: createResources(bundledResources) });
  const segments = segmentText.run(document, {}, context) as readonly Finding[];
  const at = (needle: string, from = 0): SpanJson => {
    const start = text.indexOf(needle, from);
    return { start, end: start + needle.length, text: needle };
  };
  const name = at('FNV union');
  const description = at('the union', 10);
  const union = (merged: 'mention' | 'inferred'): Finding => ({
    id: `e${name.start}-${name.end}`,
    analysis: 'resolve-aliases',
    kind: 'entity',
    span: { start: name.start, end: name.end, text: name.text },
    data: {
      type: 'organization',
      name: 'FNV union',
      aliases: [],
      roles: [],
      // Either form of the link: the description as one more mention, or an inferred merge as for a pronoun.
      mentions: merged === 'mention' ? [name, description] : [name],
      pronounMentions: [],
      key: 'organization:fnv union',
      merges: merged === 'mention' ? [{ mention: description, reason: 'definite-description' }] : [{ mention: description, reason: 'definite-description', basis: 'inferred', antecedent: name }],
    },
  });
  for (const merged of ['mention', 'inferred'] as const) {
    const inputs = { [SEGMENT_TEXT_ID]: segments, 'resolve-aliases': [union(merged)] };
    const quotes = findingsOfKind(extractQuotes.run(document, inputs, context) as readonly Finding[], 'quote');
    assert.deepEqual(
      quotes.map((q) => [q.data.speaker?.mention?.text, q.data.speaker?.entityId, q.data.speaker?.name, q.data.speaker?.basis]),
      [['the union', `e${name.start}-${name.end}`, 'FNV union', 'inferred']],
      merged,
    );
  }
});
