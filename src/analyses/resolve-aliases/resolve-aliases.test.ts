/**
 * The alias rules on hand-given mentions: each folder under `fixtures/` holds `input.txt`,
 * `mentions.json` (what detect-entities would give: `[text, type]` makes every whole-word occurrence
 * of the text a mention, longest texts first; `[text, type, n]` only the n-th occurrence, counted from 0), an optional `aliases.json` (a user alias
 * table, as the engine hands it over) and `expected.json`, the entities a reader sees. Giving the
 * mentions keeps these cases about merging, not about recognition; `UPDATE_SNAPSHOT=1` rewrites
 * the expected files for review, and a case that does not pass yet keeps a `skip.md` saying why.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { SpanJson } from '../../api/analysis-json.js';
import { createRunContext } from '../../core/analysis.js';
import { createDocument } from '../../core/document.js';
import { findingsOfKind, type Finding } from '../../core/finding.js';
import { createResources, type Resource } from '../../core/resources.js';
import { spanAt } from '../../core/span.js';
import { hashText } from '../../engine/hash-text.js';
import { bundledResources } from '../resources.js';
import { segmentText } from '../segment-text/segment-text.js';
import { EMPTY_ALIAS_TABLE, type AliasTable } from './alias-table.js';
import { DETECT_ENTITIES_ID, entityKey, resolveAliases } from './resolve-aliases.js';
import { USER_ALIASES } from './resource-ids.js';
import { aliasLexicon } from './lexicon.js';

const span = (s: SpanJson): string => `${s.start}-${s.end} ${s.text}`;

/** A mention given by hand: every whole-word occurrence of the text, or only the n-th (0-based) one. */
type Given = readonly [string, string] | readonly [string, string, number];

/** The given mentions: entries naming one occurrence first, then longest texts first; overlaps left out. */
export function handMentions(text: string, given: readonly Given[]): Finding[] {
  const taken: { start: number; end: number }[] = [];
  const out: Finding[] = [];
  const ordered = [...given].sort((a, b) => Number(b.length === 3) - Number(a.length === 3) || b[0].length - a[0].length);
  for (const [name, type, nth] of ordered) {
    let occurrence = -1;
    for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1)) {
      const end = at + name.length;
      if (/[\p{L}\p{N}]/u.test(text[at - 1] ?? '') || /[\p{L}\p{N}]/u.test(text[end] ?? '')) continue;
      occurrence++;
      if (nth !== undefined && occurrence !== nth) continue;
      if (taken.some((t) => t.start < end && at < t.end)) continue;
      taken.push({ start: at, end });
      out.push({ id: `m${at}-${end}`, analysis: DETECT_ENTITIES_ID, kind: 'entity-mention' as never, span: spanAt(text, at, end), data: { type, label: name } as never });
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

function run(text: string, given: readonly Given[], table: AliasTable = EMPTY_ALIAS_TABLE) {
  const resources = createResources([
    ...bundledResources.filter((r) => r.id !== USER_ALIASES),
    { id: USER_ALIASES, hash: table === EMPTY_ALIAS_TABLE ? 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' : '00000000', value: table } as Resource,
  ]);
  const document = createDocument({ id: 'doc', text, contentHash: hashText(text) });
  const context = createRunContext({ resources });
  const segments = segmentText.run(document, {}, context);
  const inputs = { 'segment-text': Array.isArray(segments) ? segments : (segments as { findings: Finding[] }).findings, [DETECT_ENTITIES_ID]: handMentions(text, given) };
  const out = resolveAliases.run(document, inputs, context);
  return { text, findings: Array.isArray(out) ? (out as Finding[]) : (out as { findings: Finding[] }).findings };
}

/** Every field a reader of the entity sees, offsets included. */
function project(findings: readonly Finding[]) {
  return findingsOfKind(findings, 'entity').map((e) => ({
    id: e.id,
    type: e.data.type,
    name: e.data.name,
    key: e.data.key,
    aliases: e.data.aliases,
    roles: e.data.roles,
    mentions: e.data.mentions.map(span),
    pronounMentions: e.data.pronounMentions.map(span),
    merges: e.data.merges.map((m) => `${span(m.mention)} <- ${m.reason}${m.antecedent ? ` (${span(m.antecedent)})` : ''}`),
  }));
}

const dir = fileURLToPath(new URL('./fixtures/', import.meta.url));
const cases = readdirSync(dir).filter((name) => existsSync(join(dir, name, 'input.txt'))).sort();
test('resolve-aliases has fixtures', () => assert.ok(cases.length > 0));
for (const name of cases) {
  const caseDir = join(dir, name);
  const skip = existsSync(join(caseDir, 'skip.md')) ? readFileSync(join(caseDir, 'skip.md'), 'utf8').trim() : undefined;
  test(`resolve-aliases: ${name.replace(/-/g, ' ')}`, { skip }, () => {
    const text = readFileSync(join(caseDir, 'input.txt'), 'utf8');
    const given = JSON.parse(readFileSync(join(caseDir, 'mentions.json'), 'utf8')) as Given[];
    const tablePath = join(caseDir, 'aliases.json');
    const table = existsSync(tablePath) ? (JSON.parse(readFileSync(tablePath, 'utf8')) as AliasTable) : EMPTY_ALIAS_TABLE;
    const { findings } = run(text, given, table);
    for (const f of findingsOfKind(findings, 'entity')) {
      assert.equal(f.span.text, text.slice(f.span.start, f.span.end));
      for (const s of [...f.data.mentions, ...f.data.pronounMentions]) assert.equal(s.text, text.slice(s.start, s.end));
    }
    const actual = `${JSON.stringify(project(findings), null, 2)}\n`;
    const expectedPath = join(caseDir, 'expected.json');
    if (process.env.UPDATE_SNAPSHOT === '1') {
      writeFileSync(expectedPath, actual);
      return;
    }
    assert.ok(existsSync(expectedPath), `${name}: no expected.json; run UPDATE_SNAPSHOT=1 and review it`);
    assert.deepEqual(JSON.parse(actual), JSON.parse(readFileSync(expectedPath, 'utf8')));
  });
}

test('no mentions give no entities, and pronouns alone make none', () => {
  const { findings } = run('He said it was over. “We won,” she said.', []);
  assert.deepEqual(findings, []);
});

test('every mention and pronoun belongs to one entity only', () => {
  const text = 'Joe Biden met Hunter Biden. Biden said he was tired. Mr Biden left.';
  const { findings } = run(text, [['Joe Biden', 'person'], ['Hunter Biden', 'person'], ['Biden', 'person']]);
  const seen = new Set<string>();
  for (const e of findingsOfKind(findings, 'entity')) {
    for (const m of [...e.data.mentions, ...e.data.pronounMentions]) {
      assert.ok(!seen.has(span(m)), `${span(m)} is in two entities`);
      seen.add(span(m));
    }
  }
  assert.equal(findingsOfKind(findings, 'entity').length, 2);
});

test('the cross-document key is the same for spelling variants of one name', () => {
  const lex = aliasLexicon(createResources(bundledResources));
  assert.equal(entityKey('person', 'Volodymyr Zelenskyy', lex.variants), entityKey('person', 'Volodymyr Zelensky', lex.variants));
  assert.equal(entityKey('person', 'Muammar Qaddafi', lex.variants), entityKey('person', 'Muammar Gaddafi', lex.variants));
  assert.notEqual(entityKey('person', 'Jordan', lex.variants), entityKey('place', 'Jordan', lex.variants));
  // Across documents only the variant table joins spellings, not the looser skeleton rule.
  assert.notEqual(entityKey('person', 'Pieter Bakker', lex.variants), entityKey('person', 'Pieter Baker', lex.variants));
});

test('a pronoun the case-insensitive pattern matches through Unicode case folding but the lexicon does not hold is skipped, not a crash', () => {
  // The long s (U+017F) folds to "s" under the pattern's /iu flags, so "ſhe" matches "she"; the Kelvin sign folds to "k".
  const { findings } = run('Maria Lopez arrived late. ſhe said the talks had failed, and \u212Aelvin agreed.', [['Maria Lopez', 'person']]);
  const entity = findingsOfKind(findings, 'entity').find((e) => e.data.name === 'Maria Lopez');
  assert.ok(entity, 'the named entity is still built');
  assert.deepEqual(entity.data.pronounMentions, []);
});
