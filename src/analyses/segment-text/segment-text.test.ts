import { runFixtures } from '../../../test/helpers/fixture-runner.js';
import { findingsOfKind } from '../../core/finding.js';

runFixtures('segment-text', new URL('./fixtures/', import.meta.url), (findings) => ({
  paragraphs: findingsOfKind(findings, 'paragraph').map((p) => p.span.text),
  sentences: findingsOfKind(findings, 'sentence').map((s) => s.span.text),
  tokens: findingsOfKind(findings, 'token-table')[0]!.data.count,
}));
