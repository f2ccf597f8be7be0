/**
 * `eval events`: extract-events against the event mentions of MEANTIME English (120 Wikinews
 * articles on Airbus, Apple, General Motors and the stock market). MEANTIME annotates every event
 * mention, of any kind, in the first sentences of each article; claimtrace finds a few kinds only, so
 * the check reports (1) statements against the SPEECH_COGNITIVE mentions, (2) how many of our other
 * triggers are gold event mentions (precision), (3) how many gold mentions whose lemma is in our
 * trigger table we find (recall within our lexicon), and per type counts. MEANTIME is only measured,
 * never used to write the tables. Writes eval/reports/<date>-events.md and .json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { bundledResources } from '../../src/analyses/resources.js';
import { analyses } from '../../src/analyses/index.js';
import { createRunContext } from '../../src/core/analysis.js';
import { createDocument } from '../../src/core/document.js';
import { findingsOfKind } from '../../src/core/finding.js';
import { createResources } from '../../src/core/resources.js';
import { runAnalyses } from '../../src/core/run-analyses.js';
import { eventLexicon } from '../../src/analyses/extract-events/lexicon.js';
import { EXTRACT_EVENTS_ID } from '../../src/analyses/extract-events/extract-events.js';
import { hashText } from '../../src/engine/hash-text.js';
import { modelResources } from '../../src/engine/load-models.js';
import { loadMeantimeEvents, type MeantimeEventMention } from '../datasets/meantime-events.js';
import { displayPath, repoRoot, today } from '../paths.js';
import { addPrf, matchOverlapping, prf, scoreSpans, type PRF } from '../scorers/events.js';

export interface EventsEvalOptions {
  write: boolean;
  outDir: string;
  examples: number;
}

export const DEFAULT_EVENTS_OPTIONS: EventsEvalOptions = { write: true, outDir: path.join(repoRoot, 'eval', 'reports'), examples: 12 };

interface Predicted {
  start: number;
  end: number;
  text: string;
  type: string;
  lemma: string;
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const row = (name: string, s: PRF): string => `| ${name} | ${s.predicted} | ${s.gold} | ${s.tp} | ${pct(s.precision)} | ${pct(s.recall)} | ${pct(s.f1)} |`;

export function runEventsEval(options: EventsEvalOptions, command: string): void {
  const resources = createResources([...bundledResources, ...modelResources()]);
  const upTo = analyses.findIndex((a) => a.id === EXTRACT_EVENTS_ID);
  const pipeline = analyses.slice(0, upTo + 1);
  const lex = eventLexicon(resources);
  const ourLemmas = new Set<string>();
  for (const entries of lex.triggers.values()) for (const e of entries) if (!e.lemma.includes(' ')) ourLemmas.add(e.lemma);

  const docs = loadMeantimeEvents();
  let speech = prf(0, 0, 0);
  let others = prf(0, 0, 0);
  let lexiconRecall = prf(0, 0, 0);
  const perType = new Map<string, { predicted: number; matched: number }>();
  const falsePositives: string[] = [];
  const misses: string[] = [];
  let goldMentions = 0;
  for (const doc of docs) {
    const document = createDocument({ id: doc.id, text: doc.text, contentHash: hashText(doc.text) });
    const result = runAnalyses(document, pipeline, createRunContext({ resources }));
    const inRegion = <T extends { start: number }>(x: T): boolean => x.start < doc.annotatedEnd;
    const predicted: Predicted[] = findingsOfKind(result.findings[EXTRACT_EVENTS_ID] ?? [], 'event')
      .map((f) => ({ start: f.span.start, end: f.span.end, text: f.span.text, type: f.data.type, lemma: f.data.lemma ?? '' }))
      .filter(inRegion);
    const gold = doc.events.filter(inRegion);
    goldMentions += gold.length;
    const statements = predicted.filter((p) => p.type === 'statement');
    const nonStatements = predicted.filter((p) => p.type !== 'statement');
    speech = addPrf(speech, scoreSpans(statements, gold.filter((g) => g.eventClass === 'SPEECH_COGNITIVE')));
    // Precision of the other triggers against any gold mention; recall is not meaningful against all mentions.
    const matched = new Set(matchOverlapping(nonStatements, gold).map(([i]) => i));
    others = addPrf(others, prf(matched.size, nonStatements.length, 0));
    nonStatements.forEach((p, i) => {
      const t = perType.get(p.type) ?? { predicted: 0, matched: 0 };
      t.predicted++;
      if (matched.has(i)) t.matched++;
      else if (falsePositives.length < options.examples) falsePositives.push(`${doc.id}: "${p.text}" (${p.type}) in «${context(doc.text, p)}»`);
      perType.set(p.type, t);
    });
    const inLexicon: MeantimeEventMention[] = gold.filter((g) => g.eventClass !== 'SPEECH_COGNITIVE' && ourLemmas.has(g.pred.toLowerCase()));
    const found = matchOverlapping(inLexicon, nonStatements);
    lexiconRecall = addPrf(lexiconRecall, prf(found.length, 0, inLexicon.length));
    const foundIdx = new Set(found.map(([i]) => i));
    inLexicon.forEach((g, i) => {
      if (!foundIdx.has(i) && misses.length < options.examples) misses.push(`${doc.id}: "${doc.text.slice(g.start, g.end)}" (pred ${g.pred}) in «${context(doc.text, g)}»`);
    });
  }
  others = prf(others.tp, others.predicted, 0);
  const report = {
    task: 'events',
    date: today(),
    command,
    data: 'MEANTIME English intra-doc_annotation, all 120 documents (measured only; no table was fitted on it), annotated region of each document',
    goldMentions,
    statementsVsSpeechCognitive: speech,
    otherTriggersPrecision: { tp: others.tp, predicted: others.predicted, precision: others.precision },
    recallWithinLexicon: { tp: lexiconRecall.tp, gold: lexiconRecall.gold, recall: lexiconRecall.recall },
    perType: Object.fromEntries([...perType.entries()].sort()),
    falsePositives,
    misses,
  };
  const md = [
    `# extract-events on MEANTIME (${report.date})`,
    '',
    `Command: \`${command}\`. Data: ${report.data}; ${goldMentions} gold event mentions in the annotated regions.`,
    'Spans are rebuilt from the tokens (one space between tokens, a newline between sentences); a trigger matches a gold EVENT_MENTION when the character spans overlap (one-to-one, in text order). Only predictions before the end of the last sentence holding a gold event mention are scored.',
    '',
    '| what | predicted | gold | matched | precision | recall | F1 |',
    '|---|---|---|---|---|---|---|',
    row('statements vs SPEECH_COGNITIVE mentions', speech),
    `| other triggers vs any event mention (precision only) | ${others.predicted} | – | ${others.tp} | ${pct(others.precision)} | – | – |`,
    `| gold mentions whose lemma is in triggers.tsv (recall only) | – | ${lexiconRecall.gold} | ${lexiconRecall.tp} | – | ${pct(lexiconRecall.recall)} | – |`,
    '',
    'Per type (other triggers): predicted, of which a gold event mention',
    '',
    '| type | predicted | gold mention | share |',
    '|---|---|---|---|',
    ...[...perType.entries()].sort().map(([type, t]) => `| ${type} | ${t.predicted} | ${t.matched} | ${pct(t.predicted ? t.matched / t.predicted : 0)} |`),
    '',
    'MEANTIME is business news: protests, arrests, killings and executions are rare in it, so these figures speak',
    'mostly for statements and agreements; the fixtures under src/analyses/extract-events/fixtures/ cover the other types.',
    '',
    '## Triggers that are no gold mention (first ones)',
    '',
    ...falsePositives.map((x) => `- ${x}`),
    '',
    '## Gold mentions with a lemma of ours that we miss (first ones)',
    '',
    ...misses.map((x) => `- ${x}`),
    '',
  ].join('\n');
  console.log(md);
  if (options.write) {
    fs.mkdirSync(options.outDir, { recursive: true });
    const base = path.join(options.outDir, `${report.date}-events`);
    fs.writeFileSync(`${base}.md`, md);
    fs.writeFileSync(`${base}.json`, JSON.stringify(report, null, 2) + '\n');
    console.error(`wrote ${displayPath(base)}.md and .json`);
  }
}

function context(text: string, span: { start: number; end: number }): string {
  const s = Math.max(0, span.start - 50);
  const e = Math.min(text.length, span.end + 50);
  return `${text.slice(s, span.start)}[${text.slice(span.start, span.end)}]${text.slice(span.end, e)}`.replace(/\s+/g, ' ');
}
