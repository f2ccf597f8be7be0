import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deflateRawSync } from 'node:zlib';
import type { Finding } from '../core/finding.js';
import { encodeFindingParts } from './codec.js';
import { DICTIONARIES } from './dictionaries.generated.js';
import { decodeRecordSet, decodeRecordSetRuns, encodeRecordSet, recordSetJson, recordSetJsonV1, type RecordSet } from './record-sets.js';
import { encodeRecordSetOf } from './sqlite-store.js';

const span = (start: number, end: number) => ({ $span: [start, end] });

/** A set as the codec hands it over: absolute span markers, `$lit` around values that look like markers. */
function sampleSet(): RecordSet {
  return {
    runs: [['resolve-aliases', '6', '0bbb6c9c6741f11290ec4063d4d09ff5', 'ok', [{ severity: 'warning', message: 'm', span: span(3, 9) }], 17.764]],
    records: [
      // An entity whose evidence names its mentions, and whose merges repeat them.
      ['resolve-aliases', 'entity', 'e0-5', 0, 5, null, {
        data: { name: 'India', mentions: [span(0, 5), span(34, 39), span(214, 219)], merges: [{ mention: span(34, 39) }, { mention: span(214, 219) }] },
        evidence: ['m0-5', 'm34-39', 'm214-219'],
      }],
      // Ids that are not a prefix and the record's own span stay as written.
      ['extract-quotes', 'quote', 'custom-id', 40, 60, 'Ann Lee', { data: { speaker: { entityId: 'e0-5', mention: span(0, 5) } } }],
      ['extract-quotes', 'quoted-term', 'x012-5', 2, 5, null, { data: {} }],
      // The same id from another analysis; a claim whose span and sentence repeat its own span.
      ['rank-claims', 'claim', 'e0-5', 0, 5, null, { data: { span: span(0, 5), sentence: span(0, 5) }, evidence: ['e0-5', 'custom-id', 'later-7-9'] }],
      // Strings that only look like references, and objects that look like this layout's markers.
      ['extract-events', 'event', 'v61-70', 61, 70, null, {
        data: {
          zeros: 'm061-70', ahead: 'v80-90', own: 'm61-70', plain: '12-14', empty: '',
          fakeRef: { $r: 0 }, fakeSpanRef: { $s: 0 }, fakeMention: { $m: ['m', 0] },
          codecLiteral: { $lit: { $span: [1, 2] } }, nested: [{ $r: 'x' }, [span(61, 70), span(62, 63), span(62, 63)]],
          many: 'a'.repeat(80) + '1-2',
        },
      }],
      ['extract-events', 'event', 'v80-90', 80, 90, null, { data: { earlier: 'v61-70', same: 'v80-90' } }],
    ],
  };
}

describe('record sets', () => {
  it('come back exactly as saved through the layout written today', () => {
    const decoded = decodeRecordSet(encodeRecordSet(sampleSet()));
    assert.deepEqual(decoded, sampleSet());
    assert.deepEqual(decodeRecordSet(encodeRecordSet({ runs: [], records: [] })), { runs: [], records: [] });
  });

  it('write what repeats as references', () => {
    const json = recordSetJson(sampleSet());
    // Ids made of a prefix and the record's span keep the prefix only; other ids stay whole.
    assert.match(json, /\["resolve-aliases","entity","e",0,5,/);
    assert.match(json, /\["custom-id"\]/);
    // Evidence naming the entity's own mentions, and ids of earlier records, are references.
    assert.doesNotMatch(json, /m34-39|"e0-5"/);
    assert.match(json, /\{"\$r":0\}/);
    // A reference ahead of its record, and numbers with leading zeros, are kept as strings.
    assert.match(json, /"v80-90"/);
    assert.match(json, /"m061-70"/);
  });

  it('still read the first layout (format 1), which databases of schema 4 hold', () => {
    const json = recordSetJsonV1(sampleSet());
    const value = Buffer.concat([Buffer.of(0xf7, 1), deflateRawSync(Buffer.from(json), { dictionary: Buffer.from(DICTIONARIES[1]!.records, 'base64') })]);
    assert.deepEqual(decodeRecordSet(value), sampleSet());
  });

  it('are smaller in the layout written today than in the first one', () => {
    const today = encodeRecordSet(sampleSet()).length;
    const first = deflateRawSync(Buffer.from(recordSetJsonV1(sampleSet())), { dictionary: Buffer.from(DICTIONARIES[1]!.records, 'base64') }).length + 2;
    assert.ok(today < first, `${today} bytes against ${first}`);
  });

  it('give their runs alone as the whole decoding does, whatever the runs\' strings hold', () => {
    const tricky: RecordSet = {
      runs: [
        ...sampleSet().runs,
        ['extract-quotes', '17', 'k', 'error', [{ severity: 'error', message: 'a ] } [ { "quoted" \\ \\" ,"records":[ end', span: null }], null],
        ['detect-framing', '12', 'k2', 'ok', [], 0],
      ],
      records: sampleSet().records,
    };
    for (const set of [sampleSet(), tricky, { runs: [], records: [] }]) {
      const value = encodeRecordSet(set);
      assert.deepEqual(decodeRecordSetRuns(value), decodeRecordSet(value).runs);
    }
    const first = Buffer.concat([Buffer.of(0xf7, 1), deflateRawSync(Buffer.from(recordSetJsonV1(tricky)), { dictionary: Buffer.from(DICTIONARIES[1]!.records, 'base64') })]);
    assert.deepEqual(decodeRecordSetRuns(first), tricky.runs);
    const unknownLayout = Buffer.concat([Buffer.of(0xf7, 2), deflateRawSync(Buffer.from('{"v":9,"runs":[],"records":[]}'), { dictionary: Buffer.from(DICTIONARIES[2]!.records, 'base64') })]);
    assert.throws(() => decodeRecordSetRuns(unknownLayout), /unknown record set layout 9/);
  });

  it('refuse a value with an unknown layout or format', () => {
    const unknownLayout = Buffer.concat([Buffer.of(0xf7, 2), deflateRawSync(Buffer.from('{"v":9,"runs":[],"records":[]}'), { dictionary: Buffer.from(DICTIONARIES[2]!.records, 'base64') })]);
    assert.throws(() => decodeRecordSet(unknownLayout), /unknown record set layout 9/);
    assert.throws(() => decodeRecordSet(Buffer.of(0xf7, 200, 0)), /unknown storage format 200/);
  });

  it('are written the same in one walk of the findings (saveBatch) as from the codec\'s encoding', () => {
    const text = 'India said on Friday that growth was 7% in 2025, the ministry said.';
    const at = (start: number, end: number) => ({ start, end, text: text.slice(start, end) });
    const findings = [
      { id: 'e0-5', analysis: 'resolve-aliases', kind: 'entity', span: at(0, 5), data: { mentions: [at(0, 5)], odd: { $r: 1 }, gone: undefined }, evidence: ['m0-5'] },
      { id: 'q26-47', analysis: 'extract-quotes', kind: 'quote', span: at(26, 47), data: { cue: at(6, 10), speaker: { entityId: 'e0-5', mention: at(0, 5) }, notText: { start: 1, end: 2, text: 'xx' } } },
      { analysis: 'extract-figures', id: 'figure-1', kind: 'figure', span: { start: 37, end: 39, text: 'no' }, data: { quoteId: 'q26-47', literal: { $span: [1, 2] } } },
      { id: 'c0-66', analysis: 'rank-claims', kind: 'claim', span: at(0, 66), data: { span: at(0, 66), sentence: at(0, 66) }, evidence: ['e0-5', 'figure-1', 'q26-47'] },
    ] as unknown as Finding[];
    const records = findings.map((finding, index) => ({ finding, key: index === 1 ? 'India' : null }));
    const oneWalk = encodeRecordSetOf({ runs: [], records }, text, 'test').json;
    const fromCodec = recordSetJson({
      runs: [],
      records: records.map(({ finding, key }) => {
        const parts = encodeFindingParts(finding, text, 'test');
        return [parts.analysis, parts.kind, parts.id, parts.start, parts.end, key, parts.rest];
      }),
    });
    assert.equal(oneWalk, fromCodec);
    assert.match(oneWalk, /"\$lit":\{"\$r":1\}/);
  });
});
