import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AnalysisJson } from '../api/index.js';
import { shortIds } from './commands/list.js';
import { highlight } from './commands/search.js';
import { formatAnalysisSummary, wrap } from './format-text.js';
import { colorWanted, makeStyle, outputWidth, visibleLength } from './style.js';

const TEXT = 'Police said 40 people were arrested at the protest in Tehran on Monday. The arrests were unlawful, Amnesty said.';
const span = (text: string, from = 0) => {
  const start = TEXT.indexOf(text, from);
  assert.ok(start >= 0, text);
  return { start, end: start + text.length, text };
};

function analysis(extra: Partial<AnalysisJson> = {}): AnalysisJson {
  return {
    schema: 'claimtrace/analysis@1',
    tool: { name: 'claimtrace', version: '0.0.0' },
    document: { id: 'abc', title: 'Arrests in Tehran', url: null, publishedAt: '2024-03-04', format: 'text', contentHash: 'x', length: TEXT.length, text: TEXT },
    entities: [
      { id: 'e1', analysis: 'resolve-aliases', type: 'organization', name: 'Police', aliases: [], roles: [], mentions: [span('Police')], pronounMentions: [] },
      { id: 'e2', analysis: 'resolve-aliases', type: 'place', name: 'Tehran', aliases: [], roles: [], mentions: [span('Tehran')], pronounMentions: [] },
    ],
    quotes: [],
    figures: [],
    dates: [{ id: 'd1', analysis: 'extract-dates', span: span('Monday'), value: '2024-03-04', granularity: 'day', mod: null, basis: 'inferred', anchor: null }],
    framing: [],
    claims: [],
    events: [],
    diagnostics: [],
    ...extra,
  } as AnalysisJson;
}

describe('formatAnalysisSummary: claims and events', () => {
  it('shows the most check-worthy claims first, with the claimant, when the analysis has claims', () => {
    const claims = [
      { id: 'c1', analysis: 'extract-claims', span: span('The arrests were unlawful'), sentence: span('The arrests were unlawful, Amnesty said.'), claimant: { entityId: null, name: 'Amnesty', basis: 'stated' }, voice: 'quoted', checkWorthiness: 0.41 },
      { id: 'c2', analysis: 'extract-claims', span: span('40 people were arrested'), sentence: span('Police said 40 people were arrested at the protest in Tehran on Monday.'), claimant: { entityId: 'e1', name: 'Police', basis: 'stated' }, voice: 'quoted', checkWorthiness: 0.93 },
    ];
    const text = formatAnalysisSummary(analysis({ claims } as Partial<AnalysisJson>));
    assert.match(text, /2 claims/);
    assert.match(text, /\n {2}Top claims to check\n {4}0\.93 Police: 40 people were arrested\n {4}0\.41 Amnesty: The arrests were unlawful\n/);
    assert.doesNotMatch(formatAnalysisSummary(analysis()), /claims/, 'no section without claims');
  });

  it('shows events with their actors, date and place by name', () => {
    const events = [{ id: 'v1', analysis: 'extract-events', span: span('arrested'), type: 'arrest', plover: 'ARREST', actors: ['e1'], date: 'd1', place: 'e2' }];
    const text = formatAnalysisSummary(analysis({ events } as Partial<AnalysisJson>));
    assert.match(text, /\n {2}Events\n {4}arrest arrested \(Police; Monday \(2024-03-04\); Tehran\)\n/);
  });

  it('works on analysis objects from before claims and events existed', () => {
    const old = analysis() as Partial<AnalysisJson>;
    delete old.claims;
    delete old.events;
    assert.match(formatAnalysisSummary(old as AnalysisJson), /^Arrests in Tehran {2}\[abc\]\n/);
  });
});

describe('wrap', () => {
  it('keeps lines within the width with a hanging indent, and cuts a word longer than a line', () => {
    assert.deepEqual(wrap('one two three four five', 12, '  ', '    '), ['  one two', '    three', '    four', '    five']);
    assert.deepEqual(wrap('abcdefghijkl', 6, '', ''), ['abcdef', 'ghijkl']);
  });

  it('does not count colour escapes, and keeps no-break-joined words together but prints plain spaces', () => {
    const style = makeStyle(true);
    const lines = wrap(`${style.bold('alpha')} beta ${style.dim('·')} gamma\u00a0delta`, 12);
    assert.deepEqual(lines.map(visibleLength), [12, 11]);
    assert.equal(lines[1]!.replace(/\u001b\[\d+m/g, ''), 'gamma delta');
  });
});

describe('visibleLength', () => {
  it('counts what Array.from counts once the colour escapes are removed: code points, a lone surrogate as one', () => {
    const style = makeStyle(true);
    for (const text of ['', 'plain', 'caf\u00e9 \u{1F600}x', style.bold('\u{1F600}\u{1F600}'), 'a\ud800b', '\udc00\ud800', 'end\ud83d', '\u{10FFFF}']) {
      assert.equal(visibleLength(text), Array.from(text.replace(/\u001b\[\d+m/g, '')).length, JSON.stringify(text));
    }
  });
});

describe('colour and width', () => {
  it('colours only a terminal, unless NO_COLOR or FORCE_COLOR says otherwise', () => {
    assert.equal(colorWanted(true, {}), true);
    assert.equal(colorWanted(false, {}), false);
    assert.equal(colorWanted(true, { NO_COLOR: '1' }), false);
    assert.equal(colorWanted(true, { NO_COLOR: '' }), true, 'an empty NO_COLOR is unset (no-color.org)');
    assert.equal(colorWanted(false, { FORCE_COLOR: '1' }), true);
    assert.equal(colorWanted(false, { FORCE_COLOR: '1', NO_COLOR: 'yes' }), false);
    assert.equal(colorWanted(true, { FORCE_COLOR: '0' }), false);
  });

  it('wraps to the terminal, else $COLUMNS, else 100, within 40 to 120', () => {
    assert.equal(outputWidth({ stdoutIsTTY: true, stdoutColumns: 90, env: { COLUMNS: '60' } }), 90);
    assert.equal(outputWidth({ stdoutIsTTY: false, env: { COLUMNS: '60' } }), 60);
    assert.equal(outputWidth({ stdoutIsTTY: false, env: {} }), 100);
    assert.equal(outputWidth({ stdoutIsTTY: true, stdoutColumns: 300, env: {} }), 120);
    assert.equal(outputWidth({ stdoutIsTTY: true, stdoutColumns: 20, env: {} }), 40);
  });
});

describe('short ids and snippets', () => {
  it('shortens ids to at least 7 characters, longer where two share a start', () => {
    const short = shortIds(['abcdef012345', 'abcdef099999', 'ffffff000000', 'x']);
    assert.deepEqual([...short.values()], ['abcdef01', 'abcdef09', 'ffffff0', 'x']);
    assert.equal(shortIds(['ABCDEFG1', 'abcdefg2']).get('ABCDEFG1'), 'ABCDEFG1', 'compared without regard to case');
    const words = shortIds(['dozens-dead-in-boat-fire', 'arrests-made-in-theft', 'greek-prime-minister', 'greek-premier-league']);
    assert.deepEqual([...words.values()], ['dozens-dead', 'arrests', 'greek-prime', 'greek-premier'], 'cut at the end of a word');
  });

  it('marks matched words in brackets without colour and cleans control characters', () => {
    const snippet = '…the \u0001strike\u0002 began\u001b[2J on \u0001Monday\u0002…';
    // The escape character is removed, so what followed it is harmless text.
    assert.equal(highlight(snippet, makeStyle(false)), '…the [strike] began [2J on [Monday]…');
    assert.equal(highlight(snippet, makeStyle(true)), '…the \u001b[1m\u001b[33mstrike\u001b[39m\u001b[22m began [2J on \u001b[1m\u001b[33mMonday\u001b[39m\u001b[22m…');
  });
});
