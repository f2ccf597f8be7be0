/**
 * The shared fixture runner: each folder under an analysis's `fixtures/` holds `input.txt`, an
 * optional `context.json` ({ "publishedAt": "YYYY-MM-DD" }), and `expected.json`, the projection of
 * the analysis's findings. `UPDATE_SNAPSHOT=1 npm test` rewrites `expected.json`; a case that does
 * not pass yet keeps a `skip.md` saying why. Offsets are checked inside the loop for every finding.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { analyses } from '../../src/analyses/index.js';
import { bundledResources } from '../../src/analyses/resources.js';
import { createRunContext } from '../../src/core/analysis.js';
import { createDocument } from '../../src/core/document.js';
import type { Finding } from '../../src/core/finding.js';
import { createResources } from '../../src/core/resources.js';
import { runAnalyses } from '../../src/core/run-analyses.js';
import { hashText } from '../../src/engine/hash-text.js';
import { modelResources } from '../../src/engine/load-models.js';

// Loaded once for every fixture, as the engine does once per process.
const resources = createResources([...bundledResources, ...modelResources()]);

/** `project` gets the analysis's findings, the input text and the case's folder name. */
export function runFixtures(analysisId: string, fixturesUrl: URL, project: (findings: readonly Finding[], text: string, name: string) => unknown): void {
  const dir = fileURLToPath(fixturesUrl);
  const upTo = analyses.findIndex((a) => a.id === analysisId);
  if (upTo === -1) throw new Error(`no analysis "${analysisId}" in the registry`);
  const pipeline = analyses.slice(0, upTo + 1);
  const cases = readdirSync(dir).filter((name) => existsSync(join(dir, name, 'input.txt'))).sort();
  test(`${analysisId} has fixtures`, () => assert.ok(cases.length > 0, `no fixture under ${dir}`));
  for (const name of cases) {
    const caseDir = join(dir, name);
    const skip = existsSync(join(caseDir, 'skip.md')) ? readFileSync(join(caseDir, 'skip.md'), 'utf8').trim() : undefined;
    test(`${analysisId}: ${name.replace(/-/g, ' ')}`, { skip }, () => {
      const text = readFileSync(join(caseDir, 'input.txt'), 'utf8');
      const contextPath = join(caseDir, 'context.json');
      const context = existsSync(contextPath) ? (JSON.parse(readFileSync(contextPath, 'utf8')) as { publishedAt?: string }) : {};
      const document = createDocument({ id: name, text, contentHash: hashText(text), publishedAt: context.publishedAt ?? null });
      const result = runAnalyses(document, pipeline, createRunContext({ publishedAt: document.publishedAt, resources }));
      assert.deepEqual(result.diagnostics.filter((d) => d.severity === 'error'), []);
      const findings = result.findings[analysisId] ?? [];
      for (const finding of findings) {
        assert.equal(finding.span.text, text.slice(finding.span.start, finding.span.end), `${finding.id}: span text differs from the slice`);
      }
      const actual = project(findings, text, name);
      const expectedPath = join(caseDir, 'expected.json');
      const serialised = `${JSON.stringify(actual, null, 2)}\n`;
      if (process.env.UPDATE_SNAPSHOT === '1') {
        writeFileSync(expectedPath, serialised);
        return;
      }
      assert.ok(existsSync(expectedPath), `${name}: no expected.json; run UPDATE_SNAPSHOT=1 npm test and review it`);
      assert.deepEqual(actual, JSON.parse(readFileSync(expectedPath, 'utf8')));
    });
  }
}
