import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { runFixtures } from '../../../test/helpers/fixture-runner.js';
import type { FramingProfileJson } from '../../api/analysis-json.js';
import { findingsOfKind } from '../../core/finding.js';
import { analyzeText } from '../../engine/analyze-text.js';
import { DETECT_FRAMING_ID, FRAMING_MODEL_REASON } from './detect-framing.js';

function profileOf(profile: FramingProfileJson | undefined, withModel: boolean): unknown {
  if (!profile) return null;
  const { modelPhrases, ...rest } = profile;
  return { ...rest, cueStances: profile.cueStances.map(({ entityId: _entityId, ...cue }) => cue), ...(withModel ? { modelPhrases } : {}) };
}

/**
 * The learned span model's phrases are checked in the fixtures about the model (a folder name with
 * `model-phrases`); the other fixtures are about the tables and rules, so a retrained model does not
 * change them.
 */
const modelFixture = (name: string): boolean => name.includes('model-phrases');

// Every field a reader of a mark sees, and the profile.
runFixtures(DETECT_FRAMING_ID, new URL('./fixtures/', import.meta.url), (findings, _text, name) => ({
  marks: findingsOfKind(findings, 'framing-mark')
    .filter((mark) => modelFixture(name) || mark.reason !== FRAMING_MODEL_REASON)
    .map((mark) => ({
      id: mark.id,
      span: `${mark.span.start}-${mark.span.end} ${mark.span.text}`,
      category: mark.data.category,
      voice: mark.data.voice,
      ...(mark.data.target ? { target: `${mark.data.target.start}-${mark.data.target.end} ${mark.data.target.text}` } : {}),
      reason: mark.reason,
    })),
  // Entity ids belong to resolve-aliases; the profile's own figures are what is checked here.
  profile: profileOf(findingsOfKind(findings, 'framing-profile')[0]?.data, modelFixture(name)),
}));

// Even-handedness: the same frame aimed at each side of a conflict gives the same marks, and a loaded
// label names its target (the side next to it) on both members or on neither; the target's words are
// the side, which is what differs between the members.
function marksOf(text: string): string[] {
  return analyzeText(text)
    .framing.map((m) => `${m.category}/${m.voice}/${m.span.text.toLowerCase()}/${m.target ? 'target' : '-'}`)
    .sort();
}

interface Pair {
  category: string;
  sides: string;
  left: string;
  right: string;
}

export function readPairs(): Pair[] {
  const lines = readFileSync(new URL('./mirrored-pairs.tsv', import.meta.url), 'utf8').split('\n').filter((l) => l.trim() !== '');
  const header = lines.shift()!.split('\t');
  return lines.map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(header.map((h, i) => [h, cells[i]!])) as unknown as Pair;
  });
}

test('mirrored pairs: at least 60, every category, each kind of opposition', () => {
  const pairs = readPairs();
  assert.ok(pairs.length >= 60, `${pairs.length} pairs`);
  const categories = new Set(pairs.map((p) => p.category));
  for (const c of ['evaluative-adverb', 'loaded-label', 'factive-cue', 'certainty-marker', 'unsourced-superlative', 'intensifier', 'hedge', 'scare-quote']) {
    assert.ok(categories.has(c), `no pair for ${c}`);
  }
  const sides = new Set(pairs.map((p) => p.sides));
  for (const s of ['government/opposition', 'two parties', 'two countries', 'protesters/police', 'religious/secular']) assert.ok(sides.has(s), `no pair for ${s}`);
});

test('mirrored pairs: every mark fires on both members with the same category (agreement 100 %)', () => {
  const pairs = readPairs();
  const disagreements: string[] = [];
  for (const pair of pairs) {
    const left = marksOf(pair.left);
    const right = marksOf(pair.right);
    const fires = left.some((m) => m.startsWith(`${pair.category}/`));
    if (!fires || JSON.stringify(left) !== JSON.stringify(right)) {
      disagreements.push(`${pair.category} (${pair.sides}): ${JSON.stringify(left)} vs ${JSON.stringify(right)}`);
    }
  }
  const agreement = (pairs.length - disagreements.length) / pairs.length;
  assert.deepEqual(disagreements, [], `agreement ${(agreement * 100).toFixed(1)} %`);
});

// A loaded label's target is the side next to it, whatever the side and however far the entity
// model's mention of the name reaches (it takes `Crooked` into `Crooked Donald` but not into `Crooked Joe`).
test('a loaded label names its target: the side written next to it, for every side alike', () => {
  // The table marks (the model's phrases change with a retrain; they follow the same rule, after the model).
  const targetsOf = (text: string) =>
    analyzeText(text)
      .framing.filter((m) => m.reason !== FRAMING_MODEL_REASON)
      .map((m) => `${m.span.text} -> ${m.target?.text ?? '-'}`);
  assert.deepEqual(targetsOf('His rivals called him Crooked Joe at the rally.'), ['Crooked -> Joe']);
  assert.deepEqual(targetsOf('His rivals called him Crooked Donald at the rally.'), ['Crooked -> Donald']);
  assert.deepEqual(targetsOf('His rivals called him Crooked Hillary at the rally.'), ['Crooked -> Hillary']);
  // A table label takes a side written before it too; across a comma or a verb it takes none.
  assert.deepEqual(targetsOf('The Assad regime shelled the town.'), ['regime -> Assad']);
  assert.deepEqual(targetsOf('The thugs, police officers from the capital, fled.'), ['thugs -> -']);
  assert.deepEqual(targetsOf('The rebels are thugs.'), ['thugs -> -']);
  // Only loaded labels have targets.
  assert.ok(analyzeText('Police clearly beat the marchers.').framing.every((m) => m.category === 'loaded-label' || m.target === null));
});
