import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bundledResources } from '../resources.js';
import { createRunContext } from '../../core/analysis.js';
import { createDocument } from '../../core/document.js';
import { createResources } from '../../core/resources.js';
import { runAnalyses } from '../../core/run-analyses.js';
import { segmentText } from '../segment-text/segment-text.js';
import { extractDates } from './extract-dates.js';
import { statementDate } from './statement-date.js';
import { dateChooserResource } from '../../engine/load-models.js';

const resources = createResources([...bundledResources, dateChooserResource()]);

function datesOf(text: string, publishedAt: string | null) {
  const document = createDocument({ id: 't', text, contentHash: 'a'.repeat(64), publishedAt });
  return runAnalyses(document, [segmentText, extractDates], createRunContext({ publishedAt, resources })).findings['extract-dates'] ?? [];
}

/** The span of `part` in `text`. */
function at(text: string, part: string): { start: number; end: number } {
  const start = text.indexOf(part);
  assert.ok(start >= 0, `"${part}" is not in the text`);
  return { start, end: start + part.length };
}

describe('statementDate', () => {
  it('takes a vague reference only against the cue, and never the future', () => {
    const near = 'Hitachi recently announced a deal to buy a plasma display maker.';
    assert.equal(statementDate(at(near, near), datesOf(near, '2005-03-01'), at(near, 'announced'))?.value, 'PAST_REF');
    const now = 'Analysts now expect other producers to follow.';
    assert.equal(statementDate(at(now, now), datesOf(now, '2005-03-01'), at(now, 'expect'))?.value, 'PRESENT_REF');
    const content = 'Wimpey said recent new home reservations were better than expected and the company now planned to build more.';
    assert.equal(statementDate(at(content, content), datesOf(content, '2005-03-01'), at(content, 'said')), null);
    const future = 'The minister said soon the border would reopen.';
    assert.equal(statementDate(at(future, future), datesOf(future, '2005-03-01'), at(future, 'said')), null);
  });

  it('takes a full date written in the attribution, stated', () => {
    const text = '"We made a mistake," Iran admitted on March 4, 2021, after days of denial.';
    const result = statementDate(at(text, 'Iran admitted on March 4, 2021'), datesOf(text, '2021-03-06'), at(text, 'admitted'));
    assert.deepEqual(result && { value: result.value, mention: result.mention.text, basis: result.basis, evidenceId: result.evidenceId }, {
      value: '2021-03-04',
      mention: 'March 4, 2021',
      basis: 'stated',
      evidenceId: `d${text.indexOf('March')}-${text.indexOf('March') + 'March 4, 2021'.length}`,
    });
  });

  it('resolves a weekday against the publication date, inferred', () => {
    const text = 'The minister said on Monday: "The border stays closed."';
    const result = statementDate(at(text, 'The minister said on Monday'), datesOf(text, '2026-11-20'), at(text, 'said'));
    assert.equal(result?.value, '2026-11-16');
    assert.equal(result?.mention.text, 'Monday');
    assert.equal(result?.basis, 'inferred');
  });

  it('takes "last week" in "told reporters last week"', () => {
    const text = '"Nothing was hidden," the spokesman told reporters last week.';
    const result = statementDate(at(text, 'the spokesman told reporters last week'), datesOf(text, '2026-11-20'), at(text, 'told'));
    assert.equal(result?.value, '2026-W46');
    assert.equal(result?.mention.text, 'last week');
  });

  it('ignores dates outside the clause and durations inside it', () => {
    const text = 'In 2019, "it was fine," he said after two years in office.';
    const dates = datesOf(text, '2026-11-20');
    assert.ok(dates.length >= 2, 'the year and the duration are found');
    assert.equal(statementDate(at(text, 'he said after two years in office'), dates, at(text, 'said')), null);
  });

  it('prefers the date nearest the cue', () => {
    const text = 'The union, founded in 1990, said on Friday that talks had failed.';
    const result = statementDate(at(text, 'The union, founded in 1990, said on Friday'), datesOf(text, '2026-11-20'), at(text, 'said'));
    assert.equal(result?.mention.text, 'Friday');
  });
});
