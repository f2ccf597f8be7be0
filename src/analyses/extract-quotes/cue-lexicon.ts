import type { Stance } from '../../api/analysis-json.js';
import type { IrregularVerbsRow, ReportingVerbsRow } from '../resources.js';
import { WordMap } from './word-map.js';

export interface CueEntry {
  readonly lemma: string;
  readonly stance: Stance;
  /** `reporting-verbs/<lemma>`: the lexicon row that classified the cue. */
  readonly reason: string;
}

/** The reporting verbs in every inflection, built from the reporting-verbs and irregular-verbs tables. */
export interface CueLexicon {
  /** Surface form (lower case, e.g. `admitted`, `pointed out`) -> lexicon entry. */
  readonly forms: ReadonlyMap<string, CueEntry>;
  /** Longest multi-word surface form, in words. */
  readonly longestWords: number;
  /** First words of multi-word cues ("according", "pointed"), so most words need one lookup only. */
  readonly multiWordStarts: ReadonlySet<string>;
  /**
   * The first word of every form -> the most words a form that starts with it has ("said" 1, "pointed"
   * 2): one lookup per word, and no longer surface is built for a word whose forms are all shorter.
   */
  readonly wordsFrom: ReadonlyMap<string, number>;
}

const VOWELS = 'aeiou';

/** Regular English inflections of a verb: -s, -ed, -ing (with e-drop, y->i and final-consonant doubling). */
export function inflect(lemma: string): string[] {
  const forms = new Set<string>([lemma]);
  const last = lemma.slice(-1);
  const beforeLast = lemma.slice(-2, -1);
  if (/(s|sh|ch|x|z)$/.test(lemma)) forms.add(`${lemma}es`);
  else if (last === 'y' && !VOWELS.includes(beforeLast)) forms.add(`${lemma.slice(0, -1)}ies`);
  else forms.add(`${lemma}s`);
  if (last === 'e') {
    forms.add(`${lemma}d`);
    // `agreeing`, `seeing`: a final -ee keeps its e.
    forms.add(beforeLast === 'e' ? `${lemma}ing` : `${lemma.slice(0, -1)}ing`);
  } else if (last === 'y' && !VOWELS.includes(beforeLast)) {
    forms.add(`${lemma.slice(0, -1)}ied`);
    forms.add(`${lemma}ing`);
  } else {
    // Stressed final consonant-vowel-consonant doubles (admit -> admitted); unstressed ones
    // (counter, offer) do not. Two-syllable verbs ending in -it/-et/-el/-ol/-ap are the common doubling cases, and
    // a stressed -fer after a consonant or vowel other than f (refer -> referring, prefer; not offer, suffer, differ).
    // `qu` counts as a consonant (quip -> quipped).
    const doubles =
      /(?:[^aeiou]|qu)[aeiou][bdgmnprt]$/.test(lemma) &&
      (lemma.length <= 4 || /(mit|pel|rol|bet|but|fer|gret|cur|sist|nap)$/.test(lemma)) &&
      (!/(er|en|on)$/.test(lemma) || /[^f]fer$/.test(lemma));
    const stem = doubles ? lemma + last : lemma;
    forms.add(`${stem}ed`);
    forms.add(`${stem}ing`);
  }
  return [...forms];
}

export function buildCueLexicon(verbs: readonly ReportingVerbsRow[], irregularVerbs: readonly IrregularVerbsRow[]): CueLexicon {
  const irregular = new Map(irregularVerbs.map((row) => [row.lemma, [row.past, row.participle]]));
  const forms = new WordMap<CueEntry>();
  for (const row of verbs) {
    // Implicatives (fail, manage, refuse...) frame an action, not a statement: not quote cues.
    if (row.stance === 'implicative') continue;
    const entry: CueEntry = { lemma: row.lemma, stance: row.stance as Stance, reason: `reporting-verbs/${row.lemma}` };
    const [verb, ...particle] = row.lemma.split(' ');
    if (row.lemma === 'according to') {
      forms.set('according to', entry);
      continue;
    }
    const verbForms = new Set(inflect(verb!));
    for (const form of irregular.get(verb!) ?? []) verbForms.add(form);
    for (const form of verbForms) {
      const surface = [form, ...particle].join(' ');
      if (!forms.has(surface)) forms.set(surface, entry);
    }
  }
  const keys = [...forms.keys()];
  const wordsFrom = new WordMap<number>();
  for (const key of keys) {
    const words = key.split(' ');
    wordsFrom.set(words[0]!, Math.max(wordsFrom.get(words[0]!) ?? 0, words.length));
  }
  return {
    forms,
    longestWords: Math.max(1, ...keys.map((k) => k.split(' ').length)),
    multiWordStarts: new Set(keys.filter((k) => k.includes(' ')).map((k) => k.split(' ')[0]!)),
    wordsFrom,
  };
}
