/**
 * What resolve-aliases' name completion (src/analyses/resolve-aliases/complete-names.ts) adds to the
 * recogniser's mentions, counted against CoNLL-2003 gold: each person mention it adds (a surname the model
 * missed) and each person name it extends over a particle, correct when its character span equals a gold
 * PER entity; and the recogniser's exact scores before and after, through the analysis on rebuilt text.
 */
import type { Resources } from '../../src/core/resources.js';
import { createRunContext } from '../../src/core/analysis.js';
import { createDocument } from '../../src/core/document.js';
import { findingsOfKind, type Finding } from '../../src/core/finding.js';
import { runAnalyses } from '../../src/core/run-analyses.js';
import { detectEntities } from '../../src/analyses/detect-entities/detect-entities.js';
import type { EntityType } from '../../src/analyses/resolve-aliases/alias-table.js';
import { extendOverParticles, nameWordClasses, surnameMentions } from '../../src/analyses/resolve-aliases/complete-names.js';
import { aliasLexicon } from '../../src/analyses/resolve-aliases/lexicon.js';
import { nameKeys } from '../../src/analyses/resolve-aliases/names.js';
import { resolveAliases } from '../../src/analyses/resolve-aliases/resolve-aliases.js';
import { ALIAS_WORD_CLASSES } from '../../src/analyses/resolve-aliases/resource-ids.js';
import { resourceValue } from '../../src/core/resources.js';
import { segmentText } from '../../src/analyses/segment-text/segment-text.js';
import { hashText } from '../../src/engine/hash-text.js';
import { EntityScorer, type EntityScores, type KeyedEntity } from '../scorers/entities.js';

const LABEL_OF_TYPE: Record<string, string> = { person: 'PER', organization: 'ORG', place: 'LOC', group: 'MISC', other: 'MISC' };
const SURNAME_REASONS = new Set(['surname-in-text', 'title-and-surname-in-text']);

export interface CompletionCounts {
  /** Person mentions added by the surname rule. */
  added: number;
  /** ... whose span and type equal a gold PER entity. */
  addedCorrect: number;
  /** ... whose span equals a gold entity of another type. */
  addedOtherType: number;
  /** Gold PER entities the recogniser missed (no predicted mention with the same span). */
  goldPersonsMissed: number;
  /** Person names extended over a particle. */
  extended: number;
  extendedCorrect: number;
  /** ... that were correct before the extension. */
  extendedWereCorrect: number;
  /** One-word mentions the model labelled PER that resolve-aliases puts in a place or organisation entity. */
  retyped: number;
  /** ... right after `in` or `at` (the rest by the document's other types of the name). */
  retypedAfterPreposition: number;
  /** ... whose span has a gold entity of the new type (LOC, ORG). */
  retypedCorrect: number;
  /** ... whose span is a gold PER entity. */
  retypedWereCorrect: number;
  before: EntityScores;
  after: EntityScores;
  /** Wrong additions and extensions, `text … [mention] …`, for reading. */
  wrong: string[];
}

/** A CoNLL-like document as text with its gold entities keyed by character span `start:end`. */
export interface GoldText {
  readonly text: string;
  readonly gold: readonly KeyedEntity[];
}

/** A predicted mention: character span and CoNLL label. */
export interface LabelledSpan {
  readonly start: number;
  readonly end: number;
  readonly type: string;
}

/** One change the completion made to the recogniser's mentions. */
export interface CompletionChange {
  readonly kind: 'added' | 'extended' | 'retyped';
  readonly start: number;
  readonly end: number;
  /** The label after the change. */
  readonly type: string;
  /** For `extended` and `retyped`: the recogniser's span and label. */
  readonly was: LabelledSpan | null;
}

/**
 * segment-text, detect-entities and resolve-aliases on one text: the recogniser's mentions (`before`), the
 * same after resolve-aliases' name completion (`after`: spans extended over particles, one-word persons
 * retyped, surnames added), and each change.
 */
export function completedMentions(text: string, resources: Resources): { before: LabelledSpan[]; after: LabelledSpan[]; changes: CompletionChange[] } {
  const classes = nameWordClasses(resourceValue(resources, ALIAS_WORD_CLASSES));
  const document = createDocument({ id: 'eval', text, contentHash: hashText(text), publishedAt: null });
  const result = runAnalyses(document, [segmentText, detectEntities, resolveAliases], createRunContext({ resources }));
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(errors.map((d) => d.message).join('; '));
  const detected = (result.findings['detect-entities'] ?? []).filter((f) => (f.kind as string) === 'entity-mention') as Finding[];
  const label = (f: Finding) => ((f.data as { label?: string }).label || LABEL_OF_TYPE[(f.data as { type: string }).type])!;
  const before = detected.map((f) => ({ start: f.span.start, end: f.span.end, type: label(f) }));
  const entities = findingsOfKind(result.findings['resolve-aliases'] ?? [], 'entity');
  const entityType = new Map<string, string>();
  for (const entity of entities) for (const m of entity.data.mentions) entityType.set(`${m.start}:${m.end}`, entity.data.type);
  const after: LabelledSpan[] = [];
  const changes: CompletionChange[] = [];
  const extended = extendOverParticles(classes, text, detected, new Set(detected.map((f) => f.span.start)));
  extended.forEach((f, i) => {
    const was = before[i]!;
    const now = entityType.get(`${f.span.start}:${f.span.end}`);
    let type = was.type;
    if (was.type === 'PER' && (now === 'place' || now === 'organization') && !/\s/.test(f.span.text)) {
      type = LABEL_OF_TYPE[now]!;
      changes.push({ kind: 'retyped', start: f.span.start, end: f.span.end, type, was });
    }
    if (f !== detected[i]) changes.push({ kind: 'extended', start: f.span.start, end: f.span.end, type, was });
    after.push({ start: f.span.start, end: f.span.end, type });
  });
  for (const entity of entities) {
    for (const merge of entity.data.merges) {
      // Surnames are persons; a name written again (decision 0138) takes its entity's type.
      const type = SURNAME_REASONS.has(merge.reason) ? 'PER' : merge.reason === 'name-in-text' ? LABEL_OF_TYPE[entity.data.type] : undefined;
      if (!type) continue;
      after.push({ start: merge.mention.start, end: merge.mention.end, type });
      changes.push({ kind: 'added', start: merge.mention.start, end: merge.mention.end, type, was: null });
    }
  }
  return { before, after, changes };
}

export function measureNameCompletion(documents: Iterable<GoldText>, resources: Resources): CompletionCounts {
  const before = new EntityScorer();
  const after = new EntityScorer();
  const counts = { added: 0, addedCorrect: 0, addedOtherType: 0, goldPersonsMissed: 0, extended: 0, extendedCorrect: 0, extendedWereCorrect: 0, retyped: 0, retypedAfterPreposition: 0, retypedCorrect: 0, retypedWereCorrect: 0 };
  const wrong: string[] = [];
  const context = (text: string, start: number, end: number) => `${text.slice(Math.max(0, start - 50), start).replace(/\n/g, ' ')}[${text.slice(start, end)}]${text.slice(end, end + 30).replace(/\n/g, ' ')}`;
  const keyed = (spans: readonly LabelledSpan[]): KeyedEntity[] => spans.map((p) => ({ key: `${p.start}:${p.end}`, type: p.type }));
  for (const { text, gold } of documents) {
    const out = completedMentions(text, resources);
    before.add(gold, keyed(out.before));
    after.add(gold, keyed(out.after));
    const goldType = new Map(gold.map((g) => [g.key, g.type]));
    const predictedKeys = new Set(out.before.map((p) => `${p.start}:${p.end}`));
    for (const g of gold) if (g.type === 'PER' && !predictedKeys.has(g.key)) counts.goldPersonsMissed++;
    for (const c of out.changes) {
      const key = `${c.start}:${c.end}`;
      const gold = goldType.get(key);
      const wasGold = c.was ? goldType.get(`${c.was.start}:${c.was.end}`) : undefined;
      if (c.kind === 'added') {
        counts.added++;
        if (gold === c.type) counts.addedCorrect++;
        else {
          if (gold) counts.addedOtherType++;
          wrong.push(`added (gold ${gold ?? 'none'}): ${context(text, c.start, c.end)}`);
        }
      } else if (c.kind === 'extended') {
        counts.extended++;
        if (gold === c.type) counts.extendedCorrect++;
        else wrong.push(`extended (gold ${gold ?? 'none'}): ${context(text, c.start, c.end)}`);
        if (wasGold === c.was!.type) counts.extendedWereCorrect++;
      } else {
        counts.retyped++;
        const word = /(\S+)\s+$/.exec(text.slice(Math.max(0, c.start - 20), c.start))?.[1]?.toLowerCase();
        const afterPreposition = word === 'in' || word === 'at';
        if (afterPreposition) counts.retypedAfterPreposition++;
        if (gold === c.type) counts.retypedCorrect++;
        else wrong.push(`retyped ${c.type}${afterPreposition ? ` after ${word}` : ''} (gold ${gold ?? 'none'}): ${context(text, c.start, c.end)}`);
        if (gold === 'PER') counts.retypedWereCorrect++;
      }
    }
  }
  return { ...counts, before: before.scores(), after: after.scores(), wrong };
}

export interface SurnameRuleCounts {
  /** Gold PER mentions that repeat the end of an earlier, longer gold PER name: what the rule should find. */
  targets: number;
  proposed: number;
  correct: number;
  precision: number;
  recall: number;
  /** Wrong proposals, for reading. */
  wrong: string[];
  /** Targets not found, for reading. */
  missed: string[];
}

const NO_VARIANTS: ReadonlyMap<string, string> = new Map();
const TYPE_OF_LABEL: Record<string, EntityType> = { PER: 'person', ORG: 'organization', LOC: 'place', MISC: 'other' };

/**
 * The surname rule alone, on gold mentions: the gold entities are given as the recogniser's mentions, except
 * the person mentions that repeat the end of an earlier, longer person name (`Ebbers` after `Bernie Ebbers`),
 * which the rule must find in the text. Its proposals are scored against those held-out mentions.
 */
export function measureSurnameRule(documents: Iterable<GoldText>, resources: Resources): SurnameRuleCounts {
  const lex = aliasLexicon(resources);
  const classes = nameWordClasses(resourceValue(resources, ALIAS_WORD_CLASSES));
  let targets = 0;
  let proposed = 0;
  let correct = 0;
  const wrong: string[] = [];
  const missed: string[] = [];
  const context = (text: string, start: number, end: number) => `${text.slice(Math.max(0, start - 50), start).replace(/\n/g, ' ')}[${text.slice(start, end)}]${text.slice(end, end + 30).replace(/\n/g, ' ')}`;
  for (const { text, gold } of documents) {
    const mentions = gold
      .map((g) => {
        const [start, end] = g.key.split(':').map(Number) as [number, number];
        const name = text.slice(start, end).replace(/\s+/g, ' ');
        return { span: { start, end }, type: TYPE_OF_LABEL[g.type] ?? 'other', name, keys: nameKeys(name, NO_VARIANTS) };
      })
      .sort((a, b) => a.span.start - b.span.start);
    const held = new Set<string>();
    const longer: string[][] = [];
    for (const m of mentions) {
      if (m.type !== 'person') continue;
      const words = m.name.split(' ');
      if (longer.some((l) => l.length > words.length && words.every((w, i) => l[l.length - words.length + i] === w))) held.add(`${m.span.start}:${m.span.end}`);
      if (words.length > 1) longer.push(words);
    }
    const given = mentions.filter((m) => !held.has(`${m.span.start}:${m.span.end}`));
    targets += held.size;
    const found = new Set<string>();
    for (const s of surnameMentions(lex, classes, text, given, given)) {
      proposed++;
      const key = `${s.start}:${s.end}`;
      if (held.has(key)) {
        correct++;
        found.add(key);
      } else wrong.push(context(text, s.start, s.end));
    }
    for (const key of held) {
      if (found.has(key)) continue;
      const [start, end] = key.split(':').map(Number) as [number, number];
      missed.push(context(text, start, end));
    }
  }
  return { targets, proposed, correct, precision: proposed ? correct / proposed : 0, recall: targets ? correct / targets : 0, wrong, missed };
}
