import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMeantimeEvents } from '../../eval/datasets/meantime-events.js';
import { addPrf, matchOverlapping, prf, scoreSpans } from '../../eval/scorers/events.js';

test('overlap matching is one-to-one and in text order', () => {
  const predicted = [{ start: 0, end: 4 }, { start: 2, end: 6 }, { start: 20, end: 25 }];
  const gold = [{ start: 1, end: 3 }, { start: 30, end: 31 }];
  assert.deepEqual(matchOverlapping(predicted, gold), [[0, 0]]);
  assert.deepEqual(scoreSpans(predicted, gold), prf(1, 3, 2));
  assert.equal(scoreSpans([], gold).recall, 0);
  assert.deepEqual(addPrf(prf(1, 2, 3), prf(1, 1, 1)), prf(2, 3, 4));
});

test('MEANTIME event mentions are read with their lemma and the class of their instance', () => {
  const xml = `<Document doc_id="1">
<token t_id="1" sentence="0" number="0">Police</token>
<token t_id="2" sentence="0" number="1">said</token>
<token t_id="3" sentence="1" number="2">Strikes</token>
<token t_id="4" sentence="1" number="3">ended</token>
<Markables>
<EVENT_MENTION m_id="10" pred="say" pos="VERB"><token_anchor t_id="2"/></EVENT_MENTION>
<EVENT_MENTION m_id="11" pred="strike" pos="NOUN"><token_anchor t_id="3"/></EVENT_MENTION>
<EVENT m_id="20" class="SPEECH_COGNITIVE"/>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="10"/><target m_id="20"/></REFERS_TO>
</Relations>
</Document>`;
  const doc = parseMeantimeEvents('x', xml);
  assert.equal(doc.text, 'Police said\nStrikes ended');
  assert.deepEqual(doc.events, [
    { start: 7, end: 11, pred: 'say', pos: 'VERB', eventClass: 'SPEECH_COGNITIVE' },
    { start: 12, end: 19, pred: 'strike', pos: 'NOUN', eventClass: '' },
  ]);
  assert.equal(doc.annotatedEnd, doc.text.length);
});
