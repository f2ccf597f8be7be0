import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runFixtures } from '../../../test/helpers/fixture-runner.js';
import { analyses } from '../index.js';
import { bundledResources } from '../resources.js';
import { createRunContext } from '../../core/analysis.js';
import { createDocument } from '../../core/document.js';
import { findingsOfKind } from '../../core/finding.js';
import { createResources } from '../../core/resources.js';
import { runAnalyses } from '../../core/run-analyses.js';
import { hashText } from '../../engine/hash-text.js';
import { modelResources } from '../../engine/load-models.js';
import { analyzeText } from '../../engine/analyze-text.js';
import { tokenTable } from '../segment-text/tokens.js';
import { SEGMENT_TEXT_ID } from '../segment-text/segment-text.js';
import { EXTRACT_FIGURES_ID } from '../extract-figures/extract-figures.js';
import { claimLexicon, documentRecords, FeatureBuffer, fid, hashWord, recordsIn, sentenceFeatures, TEMPLATES } from './features.js';
import { featureId, hashLower } from '../../learn/hash.js';
import { checkWorthiness, RANK_CLAIMS_ID, scoreSentences } from './rank-claims.js';
import { binaryLogOdds } from '../../learn/logistic-regression.js';
import { CLAIM_MODEL } from './resource-ids.js';

// What a reader of a claim sees: its words, sentence, voice, claimant, the records it rests on and its score.
runFixtures(RANK_CLAIMS_ID, new URL('./fixtures/', import.meta.url), (findings) =>
  findingsOfKind(findings, 'claim').map((claim) => ({
    id: claim.id,
    span: claim.data.span.text,
    sentence: claim.data.sentence.text === claim.data.span.text ? '(the span)' : claim.data.sentence.text,
    voice: claim.data.voice,
    claimant: claim.data.claimant?.name ?? null,
    checkWorthiness: Math.round(claim.data.checkWorthiness * 100) / 100,
    evidence: claim.evidence ?? [],
    reason: claim.reason,
  })),
);

test('rank-claims: the inlined feature hashing equals the learning module\'s', () => {
  for (let template = 0; template < TEMPLATES.length; template++) {
    for (const value of [0, 1, 0x7fffffff, 0xdeadbeef, 123456789]) assert.equal(fid(template, value, (1 << 18) - 1), featureId(template, value, (1 << 18) - 1));
  }
  for (const word of ['Said', 'percent', 'Ünited', 'x']) assert.equal(hashWord(word), hashLower(word));
  assert.equal(hashWord('don’t'), hashWord("don't"), 'a curly apostrophe reads as a straight one');
});

const resources = createResources([...bundledResources, ...modelResources()]);
const context = createRunContext({ resources });

function run(text: string, pipeline = analyses) {
  const document = createDocument({ id: 't', text, contentHash: hashText(text) });
  return { document, result: runAnalyses(document, pipeline, context) };
}

test('rank-claims: the features at run time are the features the model was trained on', () => {
  // Training runs each sentence through the pipeline as a document and feeds the whole token range and
  // all its records to sentenceFeatures; the analysis does the same per sentence of an article.
  const sentence = 'We have cut taxes by 3 percent for 40 million families since 2019, the largest cut in history.';
  const { document, result } = run(sentence);
  const mask = resources[CLAIM_MODEL]!.value.classifier.buckets - 1;
  const lex = claimLexicon(resources, mask);
  const tokens = tokenTable(result.findings[SEGMENT_TEXT_ID]!);
  const buffer = new FeatureBuffer();
  sentenceFeatures(sentence, tokens, 0, tokens.count, recordsIn(documentRecords(result.findings), 0, sentence.length), lex, mask, buffer);
  const trained = buffer.result();
  const scored = scoreSentences(document, result.findings, context);
  assert.equal(scored.length, 1);
  buffer.clear();
  sentenceFeatures(sentence, tokens, 0, tokens.count, scored[0]!.records, lex, mask, buffer);
  assert.deepEqual(Array.from(buffer.result()), Array.from(trained));
  assert.ok(scored[0]!.records.figures.length >= 2, 'the figures of the sentence are among its records');
  // The log-odds table built at load scores as the classifier does, and the score is its Platt calibration.
  const model = resources[CLAIM_MODEL]!.value;
  const z = binaryLogOdds(model.classifier, trained);
  assert.ok(Math.abs(checkWorthiness(model, trained) - 1 / (1 + Math.exp(-(model.plattA * z + model.plattB)))) < 1e-12);
  assert.ok(Math.abs(scored[0]!.score - checkWorthiness(model, trained)) < 1e-12);
  assert.ok(scored[0]!.records.dates.length >= 1, 'the date of the sentence is among its records');
});

test('rank-claims: every sentence gets a score in [0, 1], and claims are the ones at or above the threshold', () => {
  const text = 'Thank you. Inflation rose to 9.1 percent in June, the highest rate in 40 years. I love this town.';
  const { document, result } = run(text);
  const scored = scoreSentences(document, result.findings, context);
  assert.equal(scored.length, 3);
  for (const s of scored) assert.ok(s.score >= 0 && s.score <= 1, `score ${s.score}`);
  const threshold = resources[CLAIM_MODEL]!.value.threshold;
  const claims = findingsOfKind(result.findings[RANK_CLAIMS_ID]!, 'claim');
  assert.deepEqual(
    claims.map((c) => c.data.sentence.start),
    scored.filter((s) => s.score >= threshold).map((s) => s.start),
  );
  assert.ok(scored[1]!.score > scored[0]!.score && scored[1]!.score > scored[2]!.score, 'the sentence with figures ranks above courtesy and opinion');
});

test('rank-claims: still runs when an analysis it uses fails, with no evidence from it', () => {
  const text = 'Inflation rose to 9.1 percent in June, the highest rate in 40 years.';
  const failingFigures = analyses.map((a) =>
    a.id === EXTRACT_FIGURES_ID
      ? {
          ...a,
          run: () => {
            throw new Error('figures broke');
          },
        }
      : a,
  );
  const { result } = run(text, failingFigures);
  assert.deepEqual(
    result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.analysis),
    [EXTRACT_FIGURES_ID],
  );
  assert.ok(result.findings[RANK_CLAIMS_ID], 'rank-claims ran');
  const claims = findingsOfKind(result.findings[RANK_CLAIMS_ID] ?? [], 'claim');
  for (const claim of claims) assert.ok(!(claim.evidence ?? []).some((id) => id.startsWith('f')), 'no figure ids without extract-figures');
});

test('rank-claims: the contract object carries claims with evidence ids that exist in the document', () => {
  const json = analyzeText('"Crime fell by 20 percent last year," Police Chief Maria Gomez told reporters on Friday.');
  assert.ok(json.claims.length >= 1);
  const ids = new Set([...json.quotes, ...json.figures, ...json.dates, ...json.entities].map((r) => r.id));
  for (const claim of json.claims) {
    assert.equal(claim.span.text, json.document.text.slice(claim.span.start, claim.span.end));
    assert.equal(claim.sentence.text, json.document.text.slice(claim.sentence.start, claim.sentence.end));
    assert.ok(claim.checkWorthiness >= 0 && claim.checkWorthiness <= 1);
    for (const id of claim.evidence ?? []) assert.ok(ids.has(id), `evidence ${id} is a record of the document`);
  }
});
