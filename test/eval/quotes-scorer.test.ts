import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  classifyGold,
  isDirectOrMixed,
  lenientOverlap,
  matchDocument,
  normalizePieces,
  overlapLength,
  scoreQuotes,
  speakerCorrect,
  type Fragment,
  type GoldAttributionLike,
  type PredictedQuote,
} from '../../eval/scorers/quotes.js';
import { parseBrat } from '../../eval/datasets/polnear.js';

/** The span of the n-th occurrence of `needle` in `text`. */
function at(text: string, needle: string, nth = 0): { start: number; end: number; text: string } {
  let from = 0;
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(needle, from);
    assert.ok(i >= 0, `"${needle}" #${nth} not in text`);
    from = i + 1;
  }
  return { start: i, end: i + needle.length, text: needle };
}

const frag = (s: { start: number; end: number }): Fragment => ({ start: s.start, end: s.end });

function gold(id: string, content: Fragment[], source: Fragment[] | null = null, cue: Fragment[] = []): GoldAttributionLike {
  return { id, content, source, cue };
}

function pred(
  contents: { start: number; end: number; text?: string }[],
  extra: Partial<PredictedQuote> = {},
): PredictedQuote {
  const content = { start: contents[0].start, end: contents[contents.length - 1].end };
  return { type: 'direct', content, contents, cue: null, speaker: null, ...extra };
}

// ---------------------------------------------------------------------------------------------

test('overlap counts shared characters across fragments', () => {
  assert.equal(overlapLength([{ start: 0, end: 10 }], [{ start: 5, end: 20 }]), 5);
  assert.equal(overlapLength([{ start: 0, end: 4 }, { start: 8, end: 12 }], [{ start: 2, end: 10 }]), 4);
  assert.equal(overlapLength([{ start: 0, end: 4 }], [{ start: 4, end: 8 }]), 0);
  // Overlapping pieces on one side are not counted twice.
  assert.equal(overlapLength([{ start: 0, end: 6 }, { start: 3, end: 9 }], [{ start: 0, end: 9 }]), 9);
});

test('lenient match needs more than 30% of both the gold and the predicted length', () => {
  const text = '“We will rebuild the old bridge before the winter comes,” the mayor told residents on Friday.';
  const g = [frag(at(text, '“We will rebuild the old bridge before the winter comes,”'))];
  assert.equal(lenientOverlap([frag(at(text, 'We will rebuild the old bridge before the winter comes'))], g).ok, true);
  // Too small a part of the gold content.
  assert.equal(lenientOverlap([frag(at(text, 'the winter'))], g).ok, false);
  // The gold is covered, but the prediction is more than three times longer than the overlap.
  const long = '“We will rebuild the old bridge before the winter comes,” the mayor told residents on Friday. ' + 'x'.repeat(200);
  assert.equal(lenientOverlap([{ start: 0, end: long.length }], g).ok, false);
  // Exactly 30% is not enough: 3 of 10 characters.
  assert.equal(lenientOverlap([{ start: 0, end: 3 }], [{ start: 0, end: 10 }]).ok, false);
  assert.equal(lenientOverlap([{ start: 0, end: 4 }], [{ start: 0, end: 10 }]).ok, true);
});

test('matching is one-to-one and takes the largest overlap first', () => {
  const text = 'The council said “taxes will rise next spring” and the union said “wages must follow the rise.”';
  const g1 = gold('E1', [frag(at(text, 'taxes will rise next spring'))]);
  const g2 = gold('E2', [frag(at(text, 'wages must follow the rise.'))]);
  // Two predictions on the same gold: the larger overlap wins, the other stays unmatched.
  const small = pred([at(text, 'taxes will rise')]);
  const big = pred([at(text, 'taxes will rise next spring')]);
  assert.deepEqual(matchDocument([small, big], [g1, g2]), [-1, 0]);
  // One prediction spanning both quotes: matched to one gold only.
  const wide = pred([{ start: at(text, 'taxes').start, end: at(text, 'rise.').end }]);
  const m = matchDocument([wide], [g1, g2]);
  assert.equal(m.filter((x) => x >= 0).length, 1);

  const scores = scoreQuotes([{ docId: 'd', text, gold: [g1, g2], predictions: [small, big] }]);
  assert.equal(scores.rows.all.lenient.matchedPredicted, 1);
  assert.equal(scores.rows.all.lenient.predicted, 2);
  assert.equal(scores.rows.all.lenient.precision, 0.5);
  assert.equal(scores.rows.all.lenient.recall, 0.5);
  assert.equal(scores.errors.falsePositive.length, 1);
  assert.equal(scores.errors.missed.length, 1);
});

test('discontinuous gold content: pieces match pieces, a span over the attribution still matches leniently', () => {
  const text = '“The harvest was poor this year,” said Ms. Okafor, a farmer, “and prices will climb.”';
  const p1 = at(text, 'The harvest was poor this year');
  const p2 = at(text, 'and prices will climb');
  const g = gold('E1', [frag(at(text, '“The harvest was poor this year,”')), frag(at(text, '“and prices will climb.”'))], [frag(at(text, 'Ms. Okafor'))], [
    frag(at(text, 'said')),
  ]);
  const pieces = pred([p1, p2], {
    cue: { span: at(text, 'said') },
    speaker: { name: 'Ms. Okafor', mention: at(text, 'Ms. Okafor,') },
  });
  const s = scoreQuotes([{ docId: 'd', text, gold: [g], predictions: [pieces] }]);
  assert.equal(s.rows.all.lenient.matchedGold, 1);
  assert.equal(s.rows.all.exactContent.matchedGold, 1, 'pieces equal the fragments after trimming marks and commas');
  assert.equal(s.rows.all.exactCue.matchedGold, 1);
  assert.equal(s.rows.all.exactSource.matchedGold, 1, 'a trailing comma is trimmed');

  // One span from the first to the last piece covers the attribution too: lenient yes, exact no.
  const hull = pred([{ start: p1.start, end: p2.end }]);
  const h = scoreQuotes([{ docId: 'd', text, gold: [g], predictions: [hull] }]);
  assert.equal(h.rows.all.lenient.matchedGold, 1);
  assert.equal(h.rows.all.exactContent.matchedGold, 0);

  // Only the second piece: 21 of 57 gold characters (37%) is still a lenient match.
  const second = pred([p2]);
  assert.equal(scoreQuotes([{ docId: 'd', text, gold: [g], predictions: [second] }]).rows.all.lenient.matchedGold, 1);
});

test('normalizePieces trims marks, spaces, periods and commas and joins touching pieces', () => {
  const text = '“Yes,” “no.”';
  assert.deepEqual(normalizePieces(text, [{ start: 0, end: 6 }]), [{ start: 1, end: 4 }]);
  // The gap between the two pieces holds only trimmable characters: one piece.
  assert.deepEqual(normalizePieces(text, [{ start: 0, end: 6 }, { start: 7, end: 12 }]), [{ start: 1, end: 10 }]);
  assert.deepEqual(normalizePieces(text, [{ start: 5, end: 8 }]), []);
});

test('subset rule: marks inside the content or right next to it', () => {
  const text = [
    'Officials said that the dam was safe.', // 0: indirect
    'She called the report “a whitewash” on Monday.', // 1: partial quote inside the content
    '“We are ready,” the coach said.', // 2: marks left out by the annotator
    'He said it was over. “Nobody believes that,” a rival replied.', // 3: indirect followed by another quote
    "''We want jobs,'' the protesters chanted.", // 4: two-apostrophe newswire marks
    'They demanded an inquiry.\n“It must happen,” they wrote.', // 5: a mark on the next line does not count
    'The minister said ‘enough’ to reporters.', // 6: opening single mark
  ];
  const doc = text.join('\n');
  const content = (line: number, needle: string) => {
    const offset = text.slice(0, line).reduce((n, l) => n + l.length + 1, 0);
    const i = text[line].indexOf(needle);
    assert.ok(i >= 0);
    return [{ start: offset + i, end: offset + i + needle.length }];
  };
  assert.equal(isDirectOrMixed(doc, content(0, 'the dam was safe')), false);
  assert.equal(isDirectOrMixed(doc, content(1, 'the report “a whitewash”')), true);
  assert.equal(classifyGold(doc, content(1, 'the report “a whitewash”')), 'mixed');
  assert.equal(isDirectOrMixed(doc, content(2, 'We are ready')), true, 'preceded by “ and followed by ,”');
  assert.equal(classifyGold(doc, content(2, 'We are ready')), 'direct');
  assert.equal(isDirectOrMixed(doc, content(3, 'it was over')), false, 'the next opening mark belongs to another quote');
  assert.equal(isDirectOrMixed(doc, content(4, 'We want jobs')), true);
  assert.equal(classifyGold(doc, content(4, 'We want jobs')), 'direct');
  assert.equal(isDirectOrMixed(doc, content(5, 'an inquiry')), false);
  assert.equal(isDirectOrMixed(doc, content(6, 'enough’')), true);
  assert.equal(classifyGold(doc, content(0, 'the dam was safe')), 'other');
});

test('direct-only: an unclosed opening mark quotes to the end of its paragraph', () => {
  const text = '“The first paragraph of a long statement\n“and its second paragraph,” the envoy said.';
  const all = [{ start: 0, end: text.indexOf(' the envoy') }];
  assert.equal(classifyGold(text, all), 'direct');
});

test('speaker rules: overlap, shared last word, pronouns', () => {
  const text = 'Sen. Ted Cruz said the vote was rigged. Later he added, “We will appeal,” and he left.';
  const source = [frag(at(text, 'Sen. Ted Cruz'))];
  const q = (name: string, mention: { start: number; end: number; text: string } | null): PredictedQuote =>
    pred([at(text, 'We will appeal')], { speaker: { name, mention } });
  assert.equal(speakerCorrect(text, q('Cruz', at(text, 'Cruz')), source), true, 'mention overlaps the gold source');
  assert.equal(speakerCorrect(text, q('Ted Cruz', null), source), true, 'last word of the name is in the source');
  assert.equal(speakerCorrect(text, q('Ted Cruz Jr.', null), source), true, 'suffixes are skipped');
  assert.equal(speakerCorrect(text, q('Ted Smith', null), source), false);
  assert.equal(speakerCorrect(text, q('Beto', at(text, 'vote')), source), false);

  const he = [frag(at(text, 'he', 0))];
  assert.equal(text.slice(he[0].start, he[0].end), 'he');
  // The prediction points at another "he": the pronoun rule accepts it.
  assert.equal(speakerCorrect(text, q('Ted Cruz', at(text, 'he', 1)), he), true);
  assert.equal(speakerCorrect(text, q('Ted Cruz', at(text, 'Ted Cruz')), he), false);
  assert.equal(speakerCorrect(text, { ...q('x', null), speaker: null }, source), false);
});

test('speaker accuracy and speaker F1 over matched pairs', () => {
  const text = '“Prices are falling,” said Anna Berg. “Demand is weak,” said Tom Lee. “Sales will recover,” it was said.';
  const g1 = gold('E1', [frag(at(text, '“Prices are falling,”'))], [frag(at(text, 'Anna Berg'))]);
  const g2 = gold('E2', [frag(at(text, '“Demand is weak,”'))], [frag(at(text, 'Tom Lee'))]);
  const g3 = gold('E3', [frag(at(text, '“Sales will recover,”'))], null);
  const p1 = pred([at(text, 'Prices are falling')], { speaker: { name: 'Anna Berg', mention: at(text, 'Anna Berg') } });
  const p2 = pred([at(text, 'Demand is weak')], { speaker: { name: 'Anna Berg', mention: null } });
  const p3 = pred([at(text, 'Sales will recover')]);
  const s = scoreQuotes([{ docId: 'd', text, gold: [g1, g2, g3], predictions: [p1, p2, p3] }]);
  assert.equal(s.rows.all.lenient.matchedGold, 3);
  assert.deepEqual(s.rows.all.speakerAccuracy, { pairs: 2, correct: 1, noSpeaker: 0, accuracy: 0.5 });
  // p1 (right speaker) and p3 (no source, no speaker) count; p2 does not.
  assert.equal(s.rows.all.speaker.matchedPredicted, 2);
  assert.equal(s.errors.wrongSpeaker.length, 1);
  assert.equal(s.errors.wrongSpeaker[0].goldSource, 'Tom Lee');
});

test('subset recall vs all-attributions recall, rows by type, invalid spans', () => {
  const text = 'The board said profits rose. “We had a strong year,” the chairman said. Critics called it “a fluke.”';
  const indirect = gold('E1', [frag(at(text, 'profits rose'))], [frag(at(text, 'The board'))]);
  const direct = gold('E2', [frag(at(text, '“We had a strong year,”'))], [frag(at(text, 'the chairman'))]);
  const mixed = gold('E3', [frag(at(text, 'it “a fluke.”'))], [frag(at(text, 'Critics'))]);
  const noContent = gold('E4', [], null);
  const preds: PredictedQuote[] = [
    pred([at(text, 'We had a strong year')], { type: 'direct' }),
    pred([at(text, 'a fluke.')], { type: 'partial' }),
    pred([at(text, 'The board said')], { type: 'indirect' }),
    { ...pred([{ start: 0, end: 5, text: 'wrong' }]), type: 'indirect' },
  ];
  const s = scoreQuotes([{ docId: 'd', text, gold: [indirect, direct, mixed, noContent], predictions: preds }]);
  assert.equal(s.gold.attributions, 4);
  assert.equal(s.gold.withoutContent, 1);
  assert.equal(s.gold.subset, 2);
  assert.equal(s.gold.direct, 1);
  assert.equal(s.gold.mixed, 1);
  assert.equal(s.invalidPredictions, 1);
  assert.equal(s.rows.subset.lenient.matchedGold, 2);
  assert.equal(s.rows.subset.lenient.recall, 1);
  assert.equal(s.rows.all.lenient.recall, 2 / 3);
  assert.equal(s.rows.all.lenient.precision, 2 / 4);
  assert.equal(s.rows.direct.lenient.predicted, 1);
  assert.equal(s.rows.direct.lenient.precision, 1);
  assert.equal(s.rows.mixed.lenient.predicted, 1, 'partial predictions are scored in the mixed row');
  assert.equal(s.rows.mixed.lenient.recall, 1);
  assert.equal(s.byType.indirect.predicted, 2);
  assert.equal(s.byType.indirect.matched, 0);
  assert.equal(s.byType.direct.matchedDirect, 1);
});

test('no predictions: everything is zero, nothing throws', () => {
  const text = '“Fine,” she said.';
  const s = scoreQuotes([{ docId: 'd', text, gold: [gold('E1', [frag(at(text, '“Fine,”'))], [frag(at(text, 'she'))])], predictions: [] }]);
  assert.equal(s.predictions, 0);
  assert.equal(s.rows.subset.lenient.precision, 0);
  assert.equal(s.rows.subset.lenient.recall, 0);
  assert.equal(s.rows.subset.lenient.f1, 0);
  assert.equal(s.errors.missed.length, 1);
});

test('brat parser: discontinuous spans, span text with a line break, events with and without a source', () => {
  const text = 'Ana said: “One.\nTwo,” and left; “Three.”';
  const ann = [
    'T1\tSource 0 3\tAna',
    'T2\tCue 4 8\tsaid',
    `T3\tContent 10 21;32 40\t${text.slice(10, 21)} ${text.slice(32, 40)}`,
    'T4\tAttribution 4 8\tsaid',
    'E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1',
    'T5\tAttribution-no-source 4 8\tsaid',
    'E2\tAttribution-no-source:T5 Content:T3 Cue:T2',
    '#1\tAnnotatorNotes T1\ta note',
    '',
  ].join('\n');
  const { spans, events } = parseBrat(ann);
  assert.equal(spans.get('T3')!.fragments.length, 2);
  assert.equal(spans.get('T3')!.text, text.slice(10, 21) + ' ' + text.slice(32, 40));
  assert.ok(spans.get('T3')!.text.includes('\n'));
  assert.equal(events.length, 2);
  assert.deepEqual(events[0].roles, { Content: 'T3', Cue: 'T2', Source: 'T1' });
  assert.equal(events[1].roles.Source, undefined);
});
