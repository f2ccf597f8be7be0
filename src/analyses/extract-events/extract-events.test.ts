import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runFixtures } from '../../../test/helpers/fixture-runner.js';
import type { SpanJson } from '../../api/analysis-json.js';
import { bundledResources } from '../resources.js';
import { createResources } from '../../core/resources.js';
import { findingsOfKind } from '../../core/finding.js';
import { eventLexicon } from './lexicon.js';

/** `start-end text`: offsets and text in one line, so a reviewer sees both. */
const span = (s: SpanJson | null | undefined): string | null => (s ? `${s.start}-${s.end} ${s.text}` : null);

/** A record id read back as the text it points at, so the expected file says what was attached. */
function describeIds(text: string) {
  return (id: string | null): string | null => {
    if (id === null) return null;
    const m = /^[a-z]+(\d+)-(\d+)/.exec(id);
    return m ? `${id} ${text.slice(Number(m[1]), Number(m[2]))}` : id;
  };
}

// Every field a reader of the event sees; ids come with the text they point at.
runFixtures('extract-events', new URL('./fixtures/', import.meta.url), (findings, text) => {
  const named = describeIds(text);
  return findingsOfKind(findings, 'event').map((event) => {
    const { data } = event;
    return {
      id: event.id,
      span: span(data.span),
      type: data.type,
      plover: data.plover,
      mode: data.mode,
      lemma: data.lemma,
      modality: data.modality,
      actors: data.actors.map(named),
      recipients: (data.recipients ?? []).map(named),
      date: named(data.date),
      place: named(data.place),
      figures: (data.figures ?? []).map((f) => `${f.role}: ${named(f.figureId)}`),
      quoteId: data.quoteId,
      reason: event.reason,
    };
  });
});

test('every trigger row has a known type, PLOVER category and part of speech', () => {
  const lex = eventLexicon(createResources(bundledResources));
  const types = new Set(['protest', 'riot', 'strike', 'arrest', 'killing', 'attack', 'execution', 'agreement']);
  const plover = new Set(['AGREE', 'SUPPORT', 'RETREAT', 'PROTEST', 'COERCE', 'ASSAULT']);
  for (const entries of lex.triggers.values()) {
    for (const entry of entries) {
      assert.ok(types.has(entry.type), `${entry.form}: type ${entry.type}`);
      assert.ok(plover.has(entry.plover), `${entry.form}: PLOVER ${entry.plover}`);
      assert.ok(entry.needs === null || lex.contexts.has(entry.needs), `${entry.form}: needs an unknown context class ${entry.needs}`);
    }
  }
});
