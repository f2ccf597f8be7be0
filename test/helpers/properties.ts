/**
 * The properties every analysis must keep on any text, and the text generators, shared by the short
 * property run in `npm test` (test/invariants/properties.test.ts) and the long one (`npm run fuzz`).
 *
 * One case runs the whole registry on one generated text and checks, for each analysis: it ran
 * (status ok: no throw, nothing skipped), every finding is of a kind it declares and names it, ids are
 * unique, every span anywhere in a finding lies in the text with `text === slice`, and the contract
 * object built from the run keeps the offset rule too. Every few cases the same text is analysed again
 * and must give byte-identical output.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { createRunContext } from '../../src/core/analysis.js';
import { createDocument } from '../../src/core/document.js';
import { runAnalyses } from '../../src/core/run-analyses.js';
import { hashText } from '../../src/engine/hash-text.js';
import { loadDefaultPipeline } from '../../src/engine/pipeline.js';
import { toAnalysisJson } from '../../src/engine/to-analysis-json.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The bundled articles: the seeds that mutated text starts from. */
export function seedArticles(): string[] {
  const texts = readdirSync(`${root}test/corpus`)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => readFileSync(`${root}test/corpus/${name}`, 'utf8'));
  for (const line of readFileSync(`${root}demo/wikinews-sample.jsonl`, 'utf8').trim().split('\n').slice(0, 10)) {
    texts.push((JSON.parse(line) as { text: string }).text);
  }
  return texts;
}

/** Characters that break naive text handling: quotes of every kind, line ends, controls, bidi marks, astral and combining characters. */
const NASTY = [
  '“', '”', '‘', '’', '"', "'", '«', '»', '„', '‹', '›', '`', '\r\n', '\r', '\n', '\n\n', '\t', '\u0000', '\u0007', '\u001b',
  '\u0085', '\u00a0', '\u2028', '\u2029', '\u200b', '\u200d', '\ufeff', '\u202e', '\u2067', '\u05e9\u05dc\u05d5\u05dd',
  '\u0627\u0644\u0633\u0644\u0627\u0645', '😀', '👩‍👩‍👧', '🇺🇦', '\u{1d400}', 'e\u0301', '\ud800', '\udfff', ' said ', ' told ',
  ', according to ', 'Mr. ', 'Dr. ', ' 3.5 ', ' $1.2bn ', ' 45% ', ' on Monday ', ' 12 March 2024 ', ' He ', ' She ', ' (', ') ',
  '. ', '? ', '! ', '…', '—', '-', ' and ', ' the ', 'U.S.', ' 1,000,000 ', ' million ', '#', '<p>', '&amp;',
];

const nastyPiece = fc.constantFrom(...NASTY);

/** Short text from anything: any code points (lone surrogates included), and the characters above. */
export const anyText = fc
  .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ maxLength: 20 }), nastyPiece), { maxLength: 40 })
  .map((parts) => parts.join(''));

type Mutation = { at: number; kind: 'insert' | 'delete' | 'repeat' | 'cut'; piece: string; length: number; times: number };

const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('insert', 'delete', 'repeat', 'cut'),
  piece: fc.oneof(nastyPiece, fc.string({ unit: 'binary', maxLength: 6 })),
  length: fc.integer({ min: 1, max: 200 }),
  times: fc.integer({ min: 2, max: 40 }),
});

function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % (out.length + 1);
    if (m.kind === 'insert') out = out.slice(0, at) + m.piece + out.slice(at);
    else if (m.kind === 'delete') out = out.slice(0, at) + out.slice(at + m.length);
    else if (m.kind === 'repeat') out = out.slice(0, at) + out.slice(at, at + m.length).repeat(m.times) + out.slice(at + m.length);
    else out = out.slice(at, at + m.length * 20);
  }
  return out;
}

/** A bundled article, mutated a few times: most of it still reads as news, with odd spots. */
export function mutatedArticle(seeds: readonly string[]): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 8 })).map(([seed, ms]) => mutate(seed, ms));
}

/** The texts the properties are checked on: anything, and mutated articles. */
export function articleText(seeds: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof({ arbitrary: anyText, weight: 1 }, { arbitrary: mutatedArticle(seeds), weight: 2 });
}

/** Every problem with one text, as messages; empty when all properties hold. */
export function problemsOf(text: string, options: { again?: boolean; publishedAt?: string | null } = {}): string[] {
  const pipeline = loadDefaultPipeline();
  const document = createDocument({ id: 'fuzz', text, contentHash: hashText(text), publishedAt: options.publishedAt ?? null });
  const context = createRunContext({ publishedAt: document.publishedAt, resources: pipeline.resources });
  const problems: string[] = [];
  let result;
  try {
    result = runAnalyses(document, pipeline.analyses, context);
  } catch (error) {
    return [`the runner threw: ${(error as Error).message}`];
  }
  for (const analysis of pipeline.analyses) {
    const run = result.runs[analysis.id];
    if (run?.status !== 'ok') {
      problems.push(`${analysis.id}: ${run?.status ?? 'did not run'} (${(run?.diagnostics ?? []).map((d) => d.message).join('; ')})`);
      continue;
    }
    const ids = new Set<string>();
    for (const finding of result.findings[analysis.id] ?? []) {
      if (finding.analysis !== analysis.id || !analysis.emits.includes(finding.kind)) problems.push(`${analysis.id}: ${finding.kind} ${finding.id} is not its own`);
      if (ids.has(finding.id)) problems.push(`${analysis.id}: id ${finding.id} twice`);
      ids.add(finding.id);
      problems.push(...spanProblems(finding, text, `${analysis.id} ${finding.kind} ${finding.id}`));
    }
  }
  let json: string;
  try {
    const analysis = toAnalysisJson(document, result);
    problems.push(...spanProblems(analysis, text, 'analysis@1', new Set(['document'])));
    json = JSON.stringify(analysis);
  } catch (error) {
    return [...problems, `toAnalysisJson threw: ${(error as Error).message}`];
  }
  if (options.again) {
    const second = JSON.stringify(toAnalysisJson(document, runAnalyses(document, pipeline.analyses, context)));
    if (second !== json) problems.push('a second run gave different output');
  }
  return problems.slice(0, 10);
}

/** Every `{start, end, text}` below `node` must be a slice of `text`. */
function spanProblems(node: unknown, text: string, where: string, skip: ReadonlySet<string> = new Set()): string[] {
  const problems: string[] = [];
  const visit = (value: unknown, path: string): void => {
    if (Array.isArray(value)) return value.forEach((v, i) => visit(v, `${path}[${i}]`));
    if (!value || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    if (typeof record.start === 'number' && typeof record.end === 'number' && typeof record.text === 'string') {
      const { start, end } = record;
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start > end) problems.push(`${where}${path}: [${start}, ${end}) is outside the text`);
      else if (text.slice(start, end) !== record.text) problems.push(`${where}${path}: text differs from the slice [${start}, ${end})`);
    }
    for (const [key, child] of Object.entries(record)) if (!skip.has(key)) visit(child, `${path}.${key}`);
  };
  visit(node, '');
  return problems;
}
