import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyDrift, wordDiff } from './word-diff.js';
import { estimatedJaccard, minhashSignature } from './minhash.js';
import { outletTable, parseOutletsFile } from './outlets.js';
import { sharedRuns, winnowAnchors } from './passages.js';
import { shingleHashes, wordTexts, wordsOf } from './words.js';
import { findCitations } from './citations.js';

const words = (s: string) => wordTexts(s);

test('word diff: a cut quote shows the removed words; a bracket is an editor\'s insertion', () => {
  const ops = wordDiff(words('We will win, and we will win soon'), words('We will win'));
  assert.deepEqual(ops, [
    { op: 'same', text: 'We will win' },
    { op: 'removed', text: 'and we will win soon' },
  ]);
  assert.equal(classifyDrift(ops, 'We will win, and we will win soon', 'We will win'), 'trimmed');
  const bracket = wordDiff(words('he will go'), words('[Reyel] will go'));
  assert.equal(classifyDrift(bracket, 'he will go', '[Reyel] will go'), 'bracketed');
  const reworded = wordDiff(words('the harbour feeds this country'), words('the port feeds the nation'));
  assert.equal(classifyDrift(reworded, 'x', 'y'), 'reworded');
});

test('MinHash estimates Jaccard similarity of shingle sets', () => {
  const base = Array.from({ length: 400 }, (_, i) => `w${i}`).join(' ');
  const edited = base.replace('w100 ', 'x100 ').replace('w300 ', 'x300 ');
  const other = Array.from({ length: 400 }, (_, i) => `v${i}`).join(' ');
  const sig = (t: string) => minhashSignature(shingleHashes(wordsOf(t).hashes, 5));
  assert.ok(estimatedJaccard(sig(base), sig(edited)) > 0.8);
  assert.ok(estimatedJaccard(sig(base), sig(other)) < 0.1);
});

test('shared runs are found word by word, and winnowing gives both texts a common anchor', () => {
  const shared = 'the interior ministry said on Tuesday that police detained forty thousand people in one week';
  const a = wordsOf(`Earlier today ${shared} across the city.`);
  const b = wordsOf(`Reports said ${shared}, officials added.`);
  const runs = sharedRuns(a.hashes, b.hashes);
  assert.equal(runs.length, 1);
  assert.equal(runs[0]!.aEnd - runs[0]!.aStart, 15);
  const anchorsA = new Set(winnowAnchors(a.hashes));
  assert.ok([...winnowAnchors(b.hashes)].some((x) => anchorsA.has(x)));
  // Quoted words are skipped as evidence.
  const skip = new Uint8Array(a.hashes.length).fill(1);
  assert.equal(sharedRuns(a.hashes, b.hashes, 8, skip).length, 0);
});

test('outlets: user rows add to the table; URLs resolve through subdomains; bad files name the line', () => {
  const table = outletTable(parseOutletsFile('domain\toutlet\tnames\towner\tnetwork\nexample.org\tExample Post\tthe Post\tEx Co\tEx Network\n', 'mine.tsv'));
  assert.equal(table.ofUrl('https://www.example.org/a')?.network, 'Ex Network');
  assert.equal(table.ofUrl('https://news.bbc.co.uk/x')?.outlet, 'BBC');
  assert.equal(table.ofUrl('not a url'), null);
  assert.equal(table.ofName('the Associated Press')?.domain, 'apnews.com');
  assert.throws(() => parseOutletsFile('domain\toutlet\nnot a domain\tX\n', 'mine.tsv'), /mine\.tsv:2: "not a domain" is not a domain/);
  assert.throws(() => parseOutletsFile('site\tname\n', 'mine.tsv'), /mine\.tsv:1: the header has no "domain" column/);
  assert.throws(() => parseOutletsFile('\n', 'empty.tsv'), /empty\.tsv: empty outlets file/);
});

test('citation cues: an outlet of the table after the cue, or a statement of the entity before it', () => {
  const table = outletTable();
  const text = 'The deal was signed, as reported by Reuters on Monday. As the ministry said in a statement, nothing changes.';
  const entity = { id: 'e1', analysis: 'x', type: 'organization' as const, name: 'ministry', aliases: [], roles: [], mentions: [{ start: 58, end: 66, text: 'ministry' }], pronounMentions: [] };
  const found = findCitations(text, [entity], () => 'organization:ministry', table);
  assert.deepEqual(found.map((c) => [c.cueId, c.key]), [
    ['as-reported-by', 'outlet:Thomson Reuters'],
    ['said-in-a-statement', 'statement:organization:ministry'],
  ]);
  // "according to the police" names no outlet: no citation.
  assert.deepEqual(findCitations('according to the Police Federation', [], () => '', table), []);
});

test('column tables give back what was put in', async () => {
  const { EvidenceTable, LinkTable, StringPool, UnitTable } = await import('./tables.js');
  const evidence = new EvidenceTable();
  const many = Array.from({ length: 300 }, (_, i) => ({ a: i, b: i + 1, kind: (i % 2 ? 'shared-passage' : 'near-duplicate') as 'shared-passage' | 'near-duplicate', score: i / 7, words: i, passages: Array.from({ length: i % 6 }, (_, p) => [p, p + 10 + i, p + 2, p + 12 + i]) }));
  for (const e of many) evidence.push(e);
  assert.equal(evidence.length, 300);
  many.forEach((e, i) => assert.deepEqual(evidence.at(i), e));
  assert.deepEqual(evidence.slice(298), many.slice(298));
  assert.throws(() => evidence.at(300), RangeError);

  const strings = new StringPool();
  const units = new UnitTable(strings);
  const figure = { recordId: 'f1', start: 3, end: 9, value: 40000, min: null, max: null, unit: null, counted: 'detainee', countedText: 'detainees', claimantKey: null, claimantName: null, context: Uint32Array.of(1, 2) };
  const quote = { document: 0, kind: 'quote' as const, recordId: 'q1', start: 10, end: 20, speakerKey: 'person:a b', speakerName: 'A B', figure: null, words: Uint32Array.of(1, 2, 3, 4), grams: Uint32Array.of(5, 6) };
  const a = units.push(quote);
  const b = units.push({ document: 1, kind: 'figure', recordId: 'f1', start: 3, end: 9, speakerKey: null, speakerName: null, figure, words: null, grams: null });
  const c = units.push({ document: 2, kind: 'figure', recordId: 'f7', start: 4, end: 10, speakerKey: null, speakerName: null, figure: { ...figure }, words: null, grams: null }, b);
  assert.deepEqual(units.at(a), quote);
  assert.equal(units.at(b).figure, figure);
  assert.equal(units.at(c).figure, figure, 'a record that shares a figure gets the same object');
  assert.equal(units.at(c).recordId, 'f7');
  units.dropWords(a);
  assert.equal(units.at(a).words, null);
  assert.equal(units.kindOf(c), 'figure');

  const links = new LinkTable(strings);
  links.push(a, b, 0.5, [{ reason: 'same-text', score: 1 }]);
  links.push(b, c, 1, [{ reason: 'same-text', score: 1 }]);
  assert.deepEqual(links.at(1), { a: b, b: c, score: 1, reasons: [{ reason: 'same-text', score: 1 }] });
  assert.equal(links.at(0).reasons, links.at(1).reasons, 'equal reason lists are kept once');
  assert.equal(links.reasonListCount, 1);
});

test('corpus identity: one name across types, legal forms, descriptors, acronyms, descriptor phrases, short forms', async () => {
  const { CorpusIdentity } = await import('./entity-identity.js');
  const identity = new CorpusIdentity();
  for (const key of ['organization:orvane', 'place:orvane', 'person:orvane', 'organization:orvane inc', 'organization:orvane computer', 'place:kestia', 'organization:kestia airlines', 'organization:northern harbour authority', 'organization:nha', 'organization:tallis holdings', 'person:mira castell', 'group:northern'])
    identity.add(key);
  identity.add('organization:brel shipping', ['BSL']);
  const set = (key: string) => identity.setOfKey(key);
  assert.equal(set('place:orvane'), set('organization:orvane'), 'one name across types');
  assert.equal(set('organization:orvane inc'), set('organization:orvane'), 'a legal form is dropped');
  assert.equal(set('organization:orvane computer'), set('organization:orvane'), 'a descriptor is dropped when the short name is a company');
  assert.notEqual(set('organization:kestia airlines'), set('place:kestia'), 'but not when the short name is only a place');
  assert.equal(set('organization:nha'), set('organization:northern harbour authority'), 'an acronym of the initials');
  assert.equal(set('organization:bsl'), set('organization:brel shipping'), 'an acronym the document gave as an alias');
  assert.equal(set('organization:unknown'), -1);
  const text = 'Northern shipper Orvane said on Monday that Mira Castell will lead it. Castell joined Tallis in 2001.';
  const northern = text.indexOf('Northern');
  assert.equal(identity.mentionSet(text, 'group:northern', northern, northern + 'Northern'.length, northern, text.indexOf(' said')), set('organization:orvane'), 'the head of "Northern shipper Orvane"');
  const castell = text.indexOf('Castell joined');
  assert.equal(identity.shortFormSet(text, castell, castell + 7), set('person:mira castell'), 'a surname after the full name in the same text');
  const tallis = text.indexOf('Tallis');
  assert.equal(identity.shortFormSet(text, tallis, tallis + 6), -1, 'no longer name of that first word written in the text');
});
