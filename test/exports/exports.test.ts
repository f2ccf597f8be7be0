// Every export format checked against a schema written from its specification (test/exports/schemas/,
// validated with ajv) or read back (CSV, GEXF, GraphML), and the imports re-anchoring what was exported,
// on text with astral characters so that code-point offsets differ from UTF-16 ones.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import formatsModule from 'ajv-formats';
import { DOMParser } from 'linkedom';
import type { AnalysisJson, ClaimJson } from '../../src/api/analysis-json.js';
import { analyzeText } from '../../src/engine/analyze-text.js';
import {
  ACLED_COLUMNS,
  buildGraph,
  createCodePointIndex,
  csvHeader,
  exportAnalyses,
  importCitronDocument,
  importWebAnnotations,
  type CitronDocument,
  type ExportOptions,
  type ImportDocument,
} from '../../src/exports/index.js';

const OPTIONS: ExportOptions = { toolVersion: '0.0.0-test', today: '2026-12-01' };

function schema(name: string): object {
  return JSON.parse(readFileSync(new URL(`./schemas/${name}.schema.json`, import.meta.url), 'utf8')) as object;
}

// ajv-formats is CommonJS: under Node's ESM interop its plugin is the default export's `default`.
const addFormats = ((formatsModule as unknown as { default?: typeof formatsModule }).default ?? formatsModule) as unknown as (ajv: Ajv) => Ajv;

function validator(name: string) {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, strictRequired: false });
  addFormats(ajv);
  const validate = ajv.compile(schema(name));
  return (value: unknown): void => {
    const ok = validate(value);
    assert.ok(ok, `${name}: ${ajv.errorsText(validate.errors, { separator: '\n' })}`);
  };
}

/** RFC 4180 reader, to read back what the CSV writer wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  assert.equal(field, '', 'the file ends with CRLF');
  return rows;
}

const TEXT = [
  'Protests in 𝔸thens 😀',
  '',
  'Thousands of people protested in Athens on Monday, 3 March 2025, against the 🎉 pension reform.',
  '“We will not give up 𝒻reedom,” said Maria Lopez, a union leader. Police detained 1,200 protesters in Athens, the ministry said.',
  '',
].join('\n');

const analysis: AnalysisJson = await analyzeText(TEXT, { id: 'athens', publishedAt: '2025-03-04' } as never);

function claimsFor(a: AnalysisJson): ClaimJson[] {
  const quote = a.quotes[0]!;
  const figure = a.figures.find((f) => f.span.text.includes('1,200'))!;
  const sentenceStart = a.document.text.indexOf('Police detained');
  const sentenceEnd = a.document.text.indexOf('\n', sentenceStart);
  const sentence = { start: sentenceStart, end: sentenceEnd, text: a.document.text.slice(sentenceStart, sentenceEnd) };
  const maria = a.entities.find((e) => e.name === 'Maria Lopez');
  return [
    { id: 'c1', analysis: 'rank-claims', span: sentence, sentence, claimant: null, voice: 'author', checkWorthiness: 0.82, evidence: [figure.id] },
    {
      id: 'c2',
      analysis: 'rank-claims',
      span: quote.content,
      sentence: quote.content,
      claimant: { entityId: maria?.id ?? null, name: 'Maria Lopez', basis: 'stated' },
      voice: 'quoted',
      checkWorthiness: 0.64,
      evidence: [quote.id],
    },
    { id: 'c3', analysis: 'rank-claims', span: sentence, sentence, claimant: null, voice: 'author', checkWorthiness: 0.2 },
  ];
}

const withClaims: AnalysisJson = { ...analysis, document: { ...analysis.document, url: 'https://example.org/athens' }, claims: claimsFor(analysis) };

describe('the analysis used by these tests', () => {
  it('has quotes, figures, entities and events on a text with astral characters', () => {
    assert.ok(analysis.quotes.length >= 1);
    assert.ok(analysis.events.some((e) => e.type === 'arrest' && (e.figures ?? []).length === 1));
    assert.ok(analysis.events.some((e) => e.type === 'protest'));
    assert.ok(analysis.events.some((e) => e.type === 'statement'));
    assert.notEqual(createCodePointIndex(TEXT).length, TEXT.length);
  });
});

describe('code points', () => {
  it('converts every UTF-16 offset outside a pair and back', () => {
    const index = createCodePointIndex(TEXT);
    const chars = Array.from(TEXT);
    let utf16 = 0;
    for (let cp = 0; cp <= chars.length; cp++) {
      assert.equal(index.toUtf16(cp), utf16);
      assert.equal(index.toCodePoint(utf16), cp);
      utf16 += chars[cp]?.length ?? 0;
    }
  });

  it('counts an offset inside a surrogate pair as before the pair', () => {
    const index = createCodePointIndex('a😀b');
    assert.deepEqual([0, 1, 2, 3, 4].map((u) => index.toCodePoint(u)), [0, 1, 1, 2, 3]);
  });
});

describe('json and jsonl', () => {
  it('json validates against the export schema and reads back equal', () => {
    const result = exportAnalyses('json', [withClaims], OPTIONS);
    const value = JSON.parse(result.files[0]!.content) as { documents: AnalysisJson[] };
    validator('export-json')(value);
    assert.deepEqual(value.documents, [withClaims]);
  });

  it('jsonl is one contract object per line, then the corpus object', () => {
    const corpus = { schema: 'claimtrace/corpus@1', claimClusters: [], entities: [] };
    const lines = exportAnalyses('jsonl', [analysis, withClaims], { ...OPTIONS, corpus }).files[0]!.content.trimEnd().split('\n');
    assert.deepEqual(lines.map((l) => JSON.parse(l)), [analysis, withClaims, corpus]);
  });
});

describe('csv', () => {
  it('writes five tables that read back cell for cell, with a BOM when asked', () => {
    const result = exportAnalyses('csv', [withClaims], { ...OPTIONS, bom: true });
    assert.deepEqual(result.files.map((f) => f.name), ['quotes.csv', 'figures.csv', 'claims.csv', 'entities.csv', 'events.csv']);
    for (const file of result.files) {
      assert.ok(file.content.startsWith('\uFEFF'));
      const rows = parseCsv(file.content.slice(1));
      assert.deepEqual(rows[0], csvHeader(file.name.replace('.csv', '') as never));
      for (const row of rows) assert.equal(row.length, rows[0]!.length, `${file.name}: ragged row`);
    }
    const quotes = parseCsv(result.files[0]!.content.slice(1));
    const content = quotes[0]!.indexOf('content');
    assert.equal(quotes[1]![content], analysis.quotes[0]!.content.text);
  });

  it('guards cells that a spreadsheet would run as formulas, and quotes commas, quotes and newlines', () => {
    const tricky: AnalysisJson = {
      ...analysis,
      entities: [
        { id: 'e1', analysis: 'x', type: 'person', name: '=HYPERLINK("http://x","y")', aliases: ['+1', '-2', '@SUM(A1)'], roles: ['a, "b"\nc'], mentions: [], pronounMentions: [] },
      ],
    };
    const text = exportAnalyses('csv', [tricky], { ...OPTIONS, table: 'entities' }).files[0]!.content;
    const rows = parseCsv(text);
    const row = rows[1]!;
    assert.equal(row[3], `'=HYPERLINK("http://x","y")`);
    assert.equal(row[4], `'+1 | -2 | @SUM(A1)`);
    assert.equal(row[5], 'a, "b"\nc');
  });

  it('leaves numbers alone, negative ones included', () => {
    const negative: AnalysisJson = { ...analysis, figures: analysis.figures.map((f) => ({ ...f, value: -5, min: -5, max: -5 })) };
    const rows = parseCsv(exportAnalyses('csv', [negative], { ...OPTIONS, table: 'figures' }).files[0]!.content);
    assert.equal(rows[1]![3], '-5');
  });
});

describe('web-annotation', () => {
  const result = exportAnalyses('web-annotation', [withClaims], OPTIONS);
  const collection = JSON.parse(result.files[0]!.content) as { first: { items: any[] } };

  it('validates against the W3C Web Annotation schema, one annotation per record', () => {
    validator('web-annotation')(collection);
    const records = withClaims.entities.length + withClaims.quotes.length + withClaims.figures.length + withClaims.dates.length + withClaims.framing.length + withClaims.claims.length + withClaims.events.length;
    assert.equal(collection.first.items.length, records);
  });

  it('counts positions in code points: the code-point slice is the exact text', () => {
    const chars = Array.from(TEXT);
    for (const annotation of collection.first.items) {
      for (const target of Array.isArray(annotation.target) ? annotation.target : [annotation.target]) {
        const [quote, position] = target.selector;
        assert.equal(chars.slice(position.start, position.end).join(''), quote.exact);
        assert.equal(chars.slice(position.start - Array.from(quote.prefix).length, position.start).join(''), quote.prefix);
        assert.equal(chars.slice(position.end, position.end + Array.from(quote.suffix).length).join(''), quote.suffix);
      }
    }
    const astral = collection.first.items.find((a) => JSON.parse(a.body[1].value).kind === 'quote');
    const target = Array.isArray(astral.target) ? astral.target[0] : astral.target;
    assert.ok(target.selector[1].start < TEXT.indexOf(target.selector[0].exact), 'after an astral character code points are fewer than UTF-16 units');
  });

  it('re-imported on the same text, every span lands where it was', () => {
    const document: ImportDocument = { id: 'athens', url: 'https://example.org/athens', text: TEXT };
    const imported = importWebAnnotations(collection, () => document);
    assert.deepEqual(imported.errors, []);
    assert.equal(imported.counts.anchored, collection.first.items.length);
    for (const item of imported.items) {
      const record = item.record as { span?: { start: number; end: number }; content?: unknown };
      if (item.kind !== 'quote' && item.kind !== 'entity') assert.deepEqual({ start: item.targets[0]!.span!.start, end: item.targets[0]!.span!.end }, { start: record.span!.start, end: record.span!.end });
      for (const target of item.targets) assert.equal(TEXT.slice(target.span!.start, target.span!.end), target.exact);
    }
  });

  it('re-anchors on an edited text by quote, prefix and suffix, and reports what is gone as orphaned', () => {
    const edited = `Update 🚨🚨: corrected.\n\n${TEXT.replace('1,200', 'about 1,300')}`;
    const document: ImportDocument = { id: 'athens', url: null, text: edited };
    const imported = importWebAnnotations(collection, () => document);
    assert.equal(imported.counts.anchored, 0);
    assert.ok(imported.counts['re-anchored'] > 0);
    for (const item of imported.items.filter((i) => i.status === 're-anchored')) {
      for (const target of item.targets) assert.equal(edited.slice(target.span!.start, target.span!.end), target.exact);
    }
    const figure = imported.items.find((i) => i.kind === 'figure' && i.targets[0]!.exact.includes('1,200'));
    assert.equal(figure?.status, 'orphaned', 'the figure 1,200 was rewritten');
  });

  it('picks the occurrence whose prefix and suffix match when the exact text occurs twice', () => {
    const arrest = collection.first.items.find((a) => JSON.parse(a.body[1].value).kind === 'figure');
    const target = Array.isArray(arrest.target) ? arrest.target[0] : arrest.target;
    const edited = `${target.selector[0].exact} ${TEXT}`;
    const imported = importWebAnnotations({ ...arrest, target: { ...target, selector: [target.selector[0]] } }, () => ({ id: 'athens', url: null, text: edited }));
    const span = imported.items[0]!.targets[0]!.span!;
    assert.equal(span.start, edited.indexOf(target.selector[0].exact, 1));
  });
});

describe('claimreview', () => {
  it('writes ClaimReview skeletons for the check-worthy claims, valid against the schema.org shapes', () => {
    const result = exportAnalyses('claimreview', [withClaims], OPTIONS);
    const reviews = JSON.parse(result.files[0]!.content) as any[];
    validator('claimreview')(reviews);
    assert.equal(reviews.length, 2, 'the claim below 0.5 is left out');
    assert.equal(reviews[0].claimReviewed, withClaims.claims[0]!.span.text);
    assert.equal(reviews[0].datePublished, '2026-12-01');
    assert.equal(reviews[0].itemReviewed.appearance.url, 'https://example.org/athens');
    assert.equal(reviews[1].itemReviewed.author.name, 'Maria Lopez');
    assert.equal(reviews[1].itemReviewed.author['@type'], 'Person');
    assert.match(result.messages.join(' '), /1 of 3 claims below/);
  });

  it('writes an empty array with a message when there are no claims', () => {
    const result = exportAnalyses('claimreview', [{ ...analysis, claims: [] }], OPTIONS);
    assert.deepEqual(JSON.parse(result.files[0]!.content), []);
    assert.match(result.messages[0]!, /no claims in the selection/);
  });
});

describe('acled', () => {
  it('writes the ACLED columns, one row per event that happened, valid against the codebook', () => {
    const rows = parseCsv(exportAnalyses('acled', [withClaims], OPTIONS).files[0]!.content);
    assert.deepEqual(rows[0], [...ACLED_COLUMNS]);
    const objects = rows.slice(1).map((row) => Object.fromEntries(row.map((cell, i) => [rows[0]![i]!, cell])));
    const check = validator('acled-row');
    for (const object of objects) check(object);
    const arrest = objects.find((o) => o.sub_event_type === 'Arrests');
    assert.ok(arrest, 'the arrest is a row');
    assert.equal(arrest.event_date, '2025-03-04', 'no date in its sentence: the publication date, time precision 3');
    assert.equal(arrest.time_precision, '3');
    assert.ok(objects.some((o) => o.event_type === 'Protests' && o.event_date === '2025-03-03' && o.tags === 'crowd size=1000'));
    assert.ok(!objects.some((o) => o.notes.includes('said Maria Lopez') && o.event_type === 'Protests'));
  });
});

describe('plover', () => {
  it('writes one PLOVER record per line, valid against the manual', () => {
    const lines = exportAnalyses('plover', [withClaims], OPTIONS).files[0]!.content.trimEnd().split('\n');
    const check = validator('plover');
    const records = lines.map((l) => JSON.parse(l));
    for (const record of records) check(record);
    const arrest = records.find((r) => r.event[0] === 'COERCE');
    assert.equal(arrest.size.arrested, 1200);
    const chars = Array.from(TEXT);
    for (const record of records) assert.equal(chars.slice(record.text_info.start, record.text_info.end).join(''), record.event_text[0]);
  });
});

describe('actors and recipients in the event formats', () => {
  it('PLOVER recipient and ACLED actor 2 are the event\'s recipients', () => {
    const maria = withClaims.entities.find((e) => e.name === 'Maria Lopez')!;
    const events = withClaims.events.map((e) => (e.type === 'arrest' ? { ...e, recipients: [maria.id] } : e));
    const changed: AnalysisJson = { ...withClaims, events };
    const plover = exportAnalyses('plover', [changed], OPTIONS).files[0]!.content.trimEnd().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(plover.find((r) => r.event[0] === 'COERCE').recipient, [{ entity_text: 'Maria Lopez', identifier_id: `athens:${maria.id}` }]);
    const rows = parseCsv(exportAnalyses('acled', [changed], OPTIONS).files[0]!.content);
    const arrest = rows.find((r) => r[6] === 'Arrests')!;
    assert.equal(arrest[rows[0]!.indexOf('actor2')], 'Maria Lopez');
  });
});

describe('citron', () => {
  it('validates against the Citron format and re-imports onto the same spans', () => {
    const line = exportAnalyses('citron', [withClaims], OPTIONS).files[0]!.content.trimEnd();
    const citron = JSON.parse(line) as CitronDocument;
    validator('citron')(citron);
    assert.equal(citron.quotes.length, withClaims.quotes.filter((q) => q.cue).length);
    const chars = Array.from(TEXT);
    for (const quote of citron.quotes) for (const span of [quote.cue, ...quote.sources, ...quote.contents]) assert.equal(chars.slice(span.start, span.end).join(''), span.text);
    const imported = importCitronDocument(citron, 1, { id: 'athens', url: null, text: TEXT });
    assert.equal(imported.counts.anchored, citron.quotes.length);
    const original = withClaims.quotes.find((q) => q.cue)!;
    assert.deepEqual(imported.items[0]!.targets[0]!.span, original.cue!.span);
    assert.match(citron.quotes[0]!.contents[0]!.text, /^“.*”$/, 'contents keep their quotation marks, as Citron writes them');
  });
});

describe('graph', () => {
  const graph = buildGraph([withClaims]);

  it('GEXF reads back as the same nodes and edges', () => {
    const xml = exportAnalyses('graph', [withClaims], OPTIONS).files[0]!.content;
    const doc = new DOMParser().parseFromString(xml, 'text/xml');
    const nodes = [...doc.querySelectorAll('node')].map((n) => ({ id: n.getAttribute('id'), label: n.getAttribute('label') }));
    assert.deepEqual(nodes, graph.nodes.map((n) => ({ id: n.id, label: n.label })));
    const edges = [...doc.querySelectorAll('edge')].map((e) => [e.getAttribute('source'), e.getAttribute('target'), Number(e.getAttribute('weight'))]);
    assert.deepEqual(edges, graph.edges.map((e) => [e.source, e.target, e.weight]));
    assert.equal(doc.querySelector('gexf')?.getAttribute('version'), '1.3');
  });

  it('GraphML reads back as the same nodes and edges', () => {
    const xml = exportAnalyses('graph', [withClaims], { ...OPTIONS, graphFormat: 'graphml' }).files[0]!.content;
    const doc = new DOMParser().parseFromString(xml, 'text/xml');
    const nodes = [...doc.querySelectorAll('node')].map((n) => [n.getAttribute('id'), n.querySelector('data[key="label"]')?.textContent]);
    assert.deepEqual(nodes, graph.nodes.map((n) => [n.id, n.label]));
    assert.equal(doc.querySelectorAll('edge').length, graph.edges.length);
  });

  it('links the speaker to the entities named in their quotes', () => {
    assert.ok(graph.nodes.length > 0);
    assert.ok(graph.edges.some((e) => e.kind === 'co-occurs'));
  });
});
