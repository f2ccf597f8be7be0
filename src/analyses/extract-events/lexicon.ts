/**
 * The extract-events tables turned into lookups, built once per resource set (the tables are frozen
 * for the life of the process, so a WeakMap keyed on the row array caches the result).
 */
import { resourceValue, type Resources } from '../../core/resources.js';
import { BLOCKERS, CONTEXTS, MODALITY, STATEMENT_PLOVER, TRIGGERS } from './resource-ids.js';

export type TriggerPos = 'verb' | 'noun' | 'participant';
export type Modality = 'asserted' | 'negated' | 'planned';

export interface TriggerEntry {
  /** The form as lower-case words. */
  readonly words: readonly string[];
  readonly form: string;
  readonly lemma: string;
  readonly type: string;
  readonly plover: string;
  readonly mode: string | null;
  /** The context class the sentence must hold, or null. */
  readonly needs: string | null;
  readonly pos: TriggerPos;
  /** What a figure attached to the event counts, or null when figures do not attach. */
  readonly role: string | null;
}

export interface EventLexicon {
  /** Trigger forms by their first word, longest first. */
  readonly triggers: ReadonlyMap<string, readonly TriggerEntry[]>;
  /** Context phrases (as lower-case words) by class. */
  readonly contexts: ReadonlyMap<string, readonly (readonly string[])[]>;
  /** Blocking phrases as lower-case words. */
  readonly blockers: readonly (readonly string[])[];
  /** Modality cues (lower-case words) and what they make of the event. */
  readonly modality: readonly { readonly words: readonly string[]; readonly modality: Modality }[];
  readonly statementPlover: ReadonlyMap<string, string>;
  /** Finds the first word of any trigger form in a text (case-insensitive): sentences without one are skipped. */
  readonly firstWords: RegExp;
}

/** The words of a phrase as the tokenizer of extract-events cuts them, lower-cased. */
export function phraseWords(phrase: string): string[] {
  return [...phrase.toLowerCase().matchAll(WORD)].map((m) => m[0]);
}

/** A word: letters or digits, with inner apostrophes and hyphens ("sit-in", "n't" stays with its verb). */
export const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}]|['’-](?=[\p{L}\p{N}]))*/gu;

const cache = new WeakMap<object, EventLexicon>();

function dash(value: string): string | null {
  return value === '-' || value === '' ? null : value;
}

export function eventLexicon(resources: Resources): EventLexicon {
  const triggerRows = resourceValue(resources, TRIGGERS);
  const cached = cache.get(triggerRows);
  if (cached) return cached;
  const triggers = new Map<string, TriggerEntry[]>();
  for (const row of triggerRows) {
    const words = phraseWords(row.form);
    if (words.length === 0) continue;
    const pos = row.pos as TriggerPos;
    const entry: TriggerEntry = {
      words,
      form: row.form,
      lemma: row.lemma,
      type: row.type,
      plover: row.plover,
      mode: dash(row.mode),
      needs: dash(row.needs),
      pos: pos === 'verb' || pos === 'noun' || pos === 'participant' ? pos : 'noun',
      role: dash(row.role),
    };
    const list = triggers.get(words[0]!) ?? [];
    list.push(entry);
    triggers.set(words[0]!, list);
  }
  for (const list of triggers.values()) list.sort((a, b) => b.words.length - a.words.length);
  const contexts = new Map<string, string[][]>();
  for (const row of resourceValue(resources, CONTEXTS)) {
    const list = contexts.get(row.class) ?? [];
    list.push(phraseWords(row.word));
    contexts.set(row.class, list);
  }
  const alternatives = [...triggers.keys()].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const lexicon: EventLexicon = {
    // No word boundaries: a cheap superset (a hit inside a longer word only costs cutting that sentence into words).
    firstWords: new RegExp(alternatives.join('|'), 'gi'),
    triggers,
    contexts,
    blockers: resourceValue(resources, BLOCKERS).map((row) => phraseWords(row.phrase)),
    modality: resourceValue(resources, MODALITY).map((row) => ({
      words: row.word === "n't" ? ["n't"] : phraseWords(row.word),
      modality: row.modality as Modality,
    })),
    statementPlover: new Map(resourceValue(resources, STATEMENT_PLOVER).map((row) => [row.lemma, row.plover])),
  };
  cache.set(triggerRows, lexicon);
  return lexicon;
}
