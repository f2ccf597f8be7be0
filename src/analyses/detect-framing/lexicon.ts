/**
 * The framing lexicon, built once per resource value from the four tables in `data/`: single words
 * and phrases by first word, the context words that block an entry, and the word classes the
 * superlative and scare-quote rules read.
 */
import type { FramingMarkJson } from '../../api/analysis-json.js';
import { resourceValue, type Resources } from '../../core/resources.js';
import { derivedFrom } from '../memo.js';
import type { ContextWordsRow, ContextsRow, CueVerbsRow, FramingWordsRow } from '../resources.js';
import { CONTEXT_WORDS, CONTEXTS, CUE_VERBS, FRAMING_WORDS } from './resource-ids.js';
import { Vocabulary } from './words.js';

export type FramingCategory = FramingMarkJson['category'];

export interface LexiconEntry {
  /** The words of the entry, lower case (one for a single word). */
  readonly words: readonly string[];
  readonly category: FramingCategory;
  /** `adj`, `adv`, `noun`, `verb`, `phrase`; for cue verbs, the stance. */
  readonly pos: string;
  readonly note: string;
  /** `framing-words/<term>` or `cue-verbs/<form>`: what a mark names as its reason. */
  readonly reason: string;
}

/** What one lower-case word can start: lexicon entries, a superlative phrase, an attribution. */
export interface WordRole {
  readonly entries: readonly LexiconEntry[];
  readonly determiner: boolean;
  readonly attribution: readonly (readonly string[])[];
}

/** Bits of `FramingLexicon.wordFlags`. */
export const SIDE_WORD = 1;
export const SIDE_PART = 2;
/** An evaluative superlative (`worst`), so the superlative rule reads the word without a string. */
export const SUPERLATIVE_WORD = 4;
/** `most`, `least`. */
export const SUPERLATIVE_ADVERB = 8;

export interface FramingLexicon {
  /** Every word that starts something, so the scan looks each word up once. */
  readonly roles: ReadonlyMap<string, WordRole>;
  /**
   * The words the scan looks up as it reads the text (those with a role, side words, side parts): a
   * word's id (`Words.code`) gives its role and flags without a string look-up.
   */
  readonly vocabulary: Vocabulary;
  /** Per vocabulary id: the word's role. */
  readonly roleById: readonly (WordRole | undefined)[];
  /** Per vocabulary id: SIDE_WORD, SIDE_PART, SUPERLATIVE_WORD, SUPERLATIVE_ADVERB. */
  readonly wordFlags: Uint8Array;
  /** Entries by their first word; longer phrases first. */
  readonly entries: ReadonlyMap<string, readonly LexiconEntry[]>;
  /** term -> words that block it when written just before it. */
  readonly blockBefore: ReadonlyMap<string, ReadonlySet<string>>;
  /** term -> words that block it when written in the next three words. */
  readonly blockAfter: ReadonlyMap<string, ReadonlySet<string>>;
  readonly evaluativeSuperlatives: ReadonlySet<string>;
  readonly notSuperlatives: ReadonlySet<string>;
  /** Superlative scopes ("in its history", "ever") as word lists. */
  readonly scopes: readonly (readonly string[])[];
  /** Nouns that close a possessive scope ("in the port's history"). */
  readonly possessiveScopes: ReadonlySet<string>;
  /** Attribution words; a multi-word one ("according to") is matched on its first word and checked whole. */
  readonly attribution: readonly (readonly string[])[];
  readonly namingCues: ReadonlySet<string>;
  /** Loaded adjectives, for "the most corrupt ...". */
  readonly loadedAdjectives: ReadonlySet<string>;
  /** "the", "its"...: words that open a superlative phrase. */
  readonly determiners: ReadonlySet<string>;
  /** "most", "least". */
  readonly superlativeAdverbs: ReadonlySet<string>;
  /** Words that end the noun phrase after a superlative ("of", "in"...). */
  readonly functionWords: ReadonlySet<string>;
  /** Words that name a side (actors, groups, roles, peoples): the span model never sees them by name. */
  readonly sideWords: ReadonlySet<string>;
  /** Words that continue a side's noun phrase next to a side word or a name (`secular society`, `protest camp`). */
  readonly sideParts: ReadonlySet<string>;
  /** Pronouns, auxiliaries, modals, pointing words: a model phrase of only these (and function words) is dropped. */
  readonly weakWords: ReadonlySet<string>;
  /** First- and second-person words (`I`, `we`, `your`): a feature of the phrase scorer's sentence. */
  readonly personWords: ReadonlySet<string>;
}

const CATEGORIES: ReadonlySet<string> = new Set<FramingCategory>([
  'evaluative-adverb',
  'loaded-label',
  'factive-cue',
  'certainty-marker',
  'unsourced-superlative',
  'intensifier',
  'hedge',
  'scare-quote',
]);

function split(term: string): string[] {
  return term.toLowerCase().split(/\s+/u).filter((w) => w !== '');
}

function build(words: readonly FramingWordsRow[], cues: readonly CueVerbsRow[], contexts: readonly ContextsRow[], classes: readonly ContextWordsRow[]): FramingLexicon {
  const entries = new Map<string, LexiconEntry[]>();
  const add = (entry: LexiconEntry): void => {
    const list = entries.get(entry.words[0]!) ?? [];
    list.push(entry);
    entries.set(entry.words[0]!, list);
  };
  for (const row of words) {
    if (!CATEGORIES.has(row.category)) throw new Error(`framing-words: unknown category "${row.category}" for "${row.term}"`);
    add({ words: split(row.term), category: row.category as FramingCategory, pos: row.pos, note: row.note, reason: `framing-words/${row.term}` });
  }
  for (const row of cues) {
    add({ words: split(row.form), category: 'factive-cue', pos: row.stance, note: row.note, reason: `cue-verbs/${row.form}` });
  }
  for (const list of entries.values()) list.sort((a, b) => b.words.length - a.words.length);
  const blockBefore = new Map<string, Set<string>>();
  const blockAfter = new Map<string, Set<string>>();
  for (const row of contexts) {
    const target = row.side === 'before' ? blockBefore : blockAfter;
    const set = target.get(row.term) ?? new Set<string>();
    set.add(row.word);
    target.set(row.term, set);
  }
  const ofKind = (kind: string): string[] => classes.filter((row) => row.kind === kind).map((row) => row.term);
  const determiners = new Set(ofKind('superlative-determiner'));
  const attribution = ofKind('attribution').map(split);
  const roles = new Map<string, { entries: LexiconEntry[]; determiner: boolean; attribution: string[][] }>();
  const role = (word: string) => {
    let r = roles.get(word);
    if (!r) roles.set(word, (r = { entries: [], determiner: false, attribution: [] }));
    return r;
  };
  for (const [word, list] of entries) role(word).entries.push(...list);
  for (const word of determiners) role(word).determiner = true;
  for (const phrase of attribution) role(phrase[0]!).attribution.push(phrase);
  const sideWords = new Set(ofKind('side-word'));
  const sideParts = new Set(ofKind('side-part'));
  const evaluativeSuperlatives = new Set(ofKind('evaluative-superlative'));
  const superlativeAdverbs = new Set(ofKind('superlative-adverb'));
  const vocabulary = new Vocabulary([...roles.keys(), ...sideWords, ...sideParts, ...evaluativeSuperlatives, ...superlativeAdverbs]);
  const roleById: (WordRole | undefined)[] = vocabulary.words.map((w) => roles.get(w));
  const wordFlags = new Uint8Array(vocabulary.words.length);
  vocabulary.words.forEach((w, id) => {
    if (id === 0) return;
    wordFlags[id] =
      (sideWords.has(w) ? SIDE_WORD : 0) |
      (sideParts.has(w) ? SIDE_PART : 0) |
      (evaluativeSuperlatives.has(w) ? SUPERLATIVE_WORD : 0) |
      (superlativeAdverbs.has(w) ? SUPERLATIVE_ADVERB : 0);
  });
  return {
    roles,
    vocabulary,
    roleById,
    wordFlags,
    entries,
    blockBefore,
    blockAfter,
    evaluativeSuperlatives,
    notSuperlatives: new Set(ofKind('not-superlative')),
    scopes: ofKind('superlative-scope').map(split),
    possessiveScopes: new Set(ofKind('possessive-scope')),
    attribution,
    namingCues: new Set(ofKind('naming-cue')),
    determiners,
    superlativeAdverbs,
    functionWords: new Set(ofKind('function-word')),
    sideWords,
    sideParts,
    weakWords: new Set(ofKind('weak-word')),
    personWords: new Set(ofKind('person-word')),
    loadedAdjectives: new Set(words.filter((row) => row.category === 'loaded-label' && row.pos === 'adj').map((row) => row.term)),
  };
}

const buildLexicon = derivedFrom(build);

export function framingLexicon(resources: Resources): FramingLexicon {
  return buildLexicon(
    resourceValue(resources, FRAMING_WORDS),
    resourceValue(resources, CUE_VERBS),
    resourceValue(resources, CONTEXTS),
    resourceValue(resources, CONTEXT_WORDS),
  );
}
