/**
 * Everything extract-figures knows about words, built from its resources once per resource value
 * (see ../memo.ts): maps and regular expressions, never rebuilt per document.
 */
import { resourceValue, type Resources } from '../../core/resources.js';
import { IRREGULAR_VERBS, REPORTING_VERBS, WORD_CLASSES } from '../extract-quotes/resource-ids.js';
import { derivedFrom } from '../memo.js';
import type {
  ApproximationCuesRow,
  ClaimVerbsRow,
  CountedHeadsRow,
  IrregularVerbsRow,
  MultipliersRow,
  NonFigureCuesRow,
  NumberWordsRow,
  ReportingVerbsRow,
  UnitsRow,
  WordClassesRow,
} from '../resources.js';
import { APPROXIMATION_CUES, CLAIM_VERBS, COUNTED_HEADS, MULTIPLIERS, NON_FIGURE_CUES, NUMBER_WORDS, UNITS } from './resource-ids.js';

export type Approx = 'exact' | 'more-than' | 'less-than' | 'about' | 'range' | 'at-least' | 'at-most';

export interface NumberWord {
  readonly value: number;
  readonly kind: 'unit' | 'tens' | 'scale' | 'count' | 'vague' | 'vague-tens' | 'ordinal' | 'ordinal-plural' | 'sign';
}

export interface UnitEntry {
  readonly surface: string;
  readonly unit: string;
  readonly kind: string;
}

export interface FigureLexicon {
  readonly numberWords: ReadonlyMap<string, NumberWord>;
  /** The number words of kind `ordinal`, lower case ("first", "fifth", "twentieth", "half"). */
  readonly ordinalWords: ReadonlySet<string>;
  /** Finds where a figure may start: a digit or a number word. */
  readonly start: RegExp;
  readonly multipliers: ReadonlyMap<string, number>;
  /** A scale word written after digits ("3 million", "7 lakh", "$1.5-billion"): the multipliers longer than a suffix, sticky. */
  readonly scaleWord: RegExp;
  /** Currency prefixes, matched against the text just before a number (anchored at its end). */
  readonly prefix: RegExp;
  readonly prefixUnits: ReadonlyMap<string, UnitEntry>;
  /** Words that give the unit from outside the figure ("the age of 21", "aged 30"), anchored at the slice's end. */
  readonly lead: RegExp;
  readonly leadUnits: ReadonlyMap<string, UnitEntry>;
  /** A currency name that also names a weight, lower case → the weight (units `mass-reading` rows: "pound" → lb). */
  readonly massReadings: ReadonlyMap<string, UnitEntry>;
  /** A subject and a form of "be" before a bare number that is then an age ("I'm 30 now", "she was 12 when"). */
  readonly subjectLead: RegExp;
  readonly subjectUnits: ReadonlyMap<string, UnitEntry>;
  /** Nouns after "pounds of" that make the pound a mass ("10 pounds of fat"), with that unit. */
  readonly massNouns: ReadonlyMap<string, UnitEntry>;
  /** Units after a number, optionally after a space or hyphen (sticky). */
  readonly suffixSpaced: RegExp;
  /** Units written against the number (`5%`, `30C`, `256GB`) (sticky). */
  readonly suffixGlued: RegExp;
  readonly suffixUnits: ReadonlyMap<string, UnitEntry>;
  /** Approximation cue ending just before a number (anchored at the end of the slice). */
  readonly before: RegExp;
  readonly beforeCues: ReadonlyMap<string, Approx>;
  /** What joins the two numbers of a range: "to", "–", "through" (sticky). */
  readonly rangeLink: RegExp;
  /** Approximation cue right after a figure (sticky). */
  readonly after: RegExp;
  readonly afterCues: ReadonlyMap<string, Approx>;
  /** Words of change ("rose", "by") before a number: "rose 12% to 45%" is not a range. */
  readonly changeWords: ReadonlySet<string>;
  readonly counted: ReadonlyMap<string, string>;
  readonly months: ReadonlySet<string>;
  readonly timeSuffix: RegExp;
  readonly idLabels: ReadonlySet<string>;
  /** Month–day names written like a fraction (`9/11`): a date, not a figure. */
  readonly namedDates: ReadonlySet<string>;
  /** Unit words that are also a verb's form (`won`): a verb when `'t`, a determiner or a number follows. */
  readonly verbFormUnits: ReadonlySet<string>;
  /** Words of betting (class `odds-cue`: "odds", "favourite", "bookmakers"): a fraction or a pair in their sentence is odds (version 28). */
  readonly oddsCues: ReadonlySet<string>;
  /** Words after a pair that make it a score (class `score-cue`: "down" in "0-30 down"; version 29). */
  readonly scoreCues: ReadonlySet<string>;
  /** Reporting verb forms (said, says, estimated...) -> lemma. */
  readonly reportingForms: ReadonlyMap<string, string>;
  readonly functionWords: ReadonlySet<string>;
  readonly pronouns: ReadonlySet<string>;
  /** Names of groups that hold a number word ("Six Nations", "Big Four", "Group of Eight"), as written. */
  readonly numberedNames: ReadonlySet<string>;
  /** "the top three", "the last eight": after "the", a place in a ranking or a round of a cup, not a count. */
  readonly rankingWords: ReadonlySet<string>;
  /** "claimed their first title", "claiming a 400m victory", "claimed 300 lives": an object that makes "claim" a verb of winning or taking. */
  readonly wonObjects: ReadonlySet<string>;
  /** "a", "an", "each" (class `singular-determiner`): a base-form verb two words after one is a noun ("a large show"). */
  readonly singularDeterminers: ReadonlySet<string>;
  /** Words that open a time phrase after a source (class `time-opener`: `on Thursday`, `last week`): no part of the source. */
  readonly timeOpeners: ReadonlySet<string>;
  /** Words that join the parts of one name (class `name-joiner`: `Pew Internet and American Life`, `Bank of England`). */
  readonly nameJoiners: ReadonlySet<string>;
  /** Prepositions (class `preposition`): a reporting form right after one, or after one and a modifier, is no verb. */
  readonly prepositions: ReadonlySet<string>;
  /** Modals of possibility (class `possibility-modal`): `one could argue`, `one might say` is the generic pronoun. */
  readonly possibilityModals: ReadonlySet<string>;
  /** Fixed phrases opened by a number word that count nothing (class `idiom`: "one or the other", "one by one"). */
  readonly idiom: RegExp;
  /** Finite verbs and forms of "be" (word classes `finite-verb`, `be-form`): "has", "would", "was" open a clause. */
  readonly clauseVerbs: ReadonlySet<string>;
  /** Determiners and noun markers: "the one", "no one" are not counts. */
  readonly nounMarkers: ReadonlySet<string>;
  /** Determiners ("the", "his", "some"): a counted noun phrase never runs past one. */
  readonly determiners: ReadonlySet<string>;
  /** Words in -ly that are no adverb ("family", "supply", "weekly"): the others end no subject ("… compiled partly explain"). */
  readonly notAdverbs: ReadonlySet<string>;
  /**
   * The same lexicon for a text written without capitals ("on november 15", "a 6kw motor", "us$20 an hour"): case
   * says nothing there, so months, unit symbols and currency prefixes are read whatever their case (version 19).
   */
  readonly caseless: FigureLexicon;
  /** Words after which a bare number is no name even in a text without capitals (class `not-name`: "until 85", "plus 5"). */
  readonly notNames: ReadonlySet<string>;
  /**
   * Capitalised words that open a sentence and are no part of a name (word class `not-name` of extract-quotes: "However",
   * "Meanwhile", "Still"), lower case: no name before a bare number at a sentence start either (version 28).
   */
  readonly openerNotNames: ReadonlySet<string>;
}

/** True when a text has letters but no capital: it was written, or cleaned, in lower case. */
export function isCaseless(text: string): boolean {
  return !/\p{Lu}/u.test(text) && /\p{Ll}/u.test(text);
}

/** `lex` with case-blind months, unit suffixes and currency prefixes; lower-case keys never replace a written one. */
function caselessView(lex: Omit<FigureLexicon, 'caseless'>): FigureLexicon {
  const lowerKeys = <V>(map: ReadonlyMap<string, V>): Map<string, V> => {
    const out = new Map(map);
    for (const [k, v] of map) if (!out.has(k.toLowerCase())) out.set(k.toLowerCase(), v);
    return out;
  };
  const view: { -readonly [K in keyof FigureLexicon]: FigureLexicon[K] } = {
    ...lex,
    months: new Set([...lex.months, ...[...lex.months].map((m) => m.toLowerCase())]),
    suffixGlued: new RegExp(lex.suffixGlued.source, 'iuy'),
    suffixUnits: lowerKeys(lex.suffixUnits),
    prefix: new RegExp(lex.prefix.source, 'iu'),
    prefixUnits: lowerKeys(lex.prefixUnits),
    caseless: undefined as unknown as FigureLexicon,
  };
  view.caseless = view;
  return view;
}

const escape = (word: string): string => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = (list: Iterable<string>): string =>
  [...new Set(list)]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .map((w) => escape(w).replace(/ /g, '\\s+'))
    .join('|');
const normal = (s: string): string => s.replace(/\s+/g, ' ').toLowerCase();

function inflect(lemma: string): string[] {
  const forms = [lemma];
  if (/(s|sh|ch|x|z)$/.test(lemma)) forms.push(`${lemma}es`);
  else if (/[^aeiou]y$/.test(lemma)) forms.push(`${lemma.slice(0, -1)}ies`, `${lemma.slice(0, -1)}ied`);
  else forms.push(`${lemma}s`);
  if (lemma.endsWith('e')) forms.push(`${lemma}d`);
  else if (!/[^aeiou]y$/.test(lemma)) forms.push(`${lemma}ed`);
  return forms;
}

function build(
  numberWords: readonly NumberWordsRow[],
  multipliers: readonly MultipliersRow[],
  units: readonly UnitsRow[],
  cues: readonly ApproximationCuesRow[],
  counted: readonly CountedHeadsRow[],
  claimVerbs: readonly ClaimVerbsRow[],
  nonFigure: readonly NonFigureCuesRow[],
  verbs: readonly ReportingVerbsRow[],
  irregular: readonly IrregularVerbsRow[],
  wordClasses: readonly WordClassesRow[],
): FigureLexicon {
  const words = new Map<string, NumberWord>();
  for (const row of numberWords) words.set(row.word, { value: Number(row.value), kind: row.kind as NumberWord['kind'] });
  const prefixUnits = new Map<string, UnitEntry>();
  const suffixUnits = new Map<string, UnitEntry>();
  const leadUnits = new Map<string, UnitEntry>();
  const subjectUnits = new Map<string, UnitEntry>();
  const massNouns = new Map<string, UnitEntry>();
  const massReadings = new Map<string, UnitEntry>();
  const glued: string[] = [];
  const spaced: string[] = [];
  for (const row of units) {
    const entry = { surface: row.surface, unit: row.unit, kind: row.kind };
    if (row.position === 'prefix') prefixUnits.set(row.surface.replace(/\s+/g, ''), entry);
    else if (row.position === 'lead') leadUnits.set(row.surface, entry);
    else if (row.position === 'subject') subjectUnits.set(row.surface.toLowerCase().replace(/’/g, "'"), entry);
    else if (row.position === 'mass-noun') massNouns.set(row.surface, entry);
    else if (row.position === 'mass-reading') massReadings.set(row.surface.toLowerCase(), entry);
    else {
      const key = row.surface.length <= 2 || /[^\p{L}\s-]/u.test(row.surface) ? row.surface : normal(row.surface);
      if (!suffixUnits.has(key)) suffixUnits.set(key, entry);
      glued.push(row.surface);
      // One-letter and symbol units only count written against the number.
      if (row.surface.length > 1 && /^[\p{L}]/u.test(row.surface) && !/^[\p{L}]$/u.test(row.surface)) spaced.push(row.surface);
      // "5 %", "10 €": a percent sign or currency symbol may stand after a space.
      if (row.surface === '%' || (row.kind === 'currency' && /^[^\p{L}\p{N}]$/u.test(row.surface))) spaced.push(row.surface);
    }
  }
  const beforeCues = new Map<string, Approx>();
  const afterCues = new Map<string, Approx>();
  const changeWords = new Set<string>();
  const linkWords: string[] = [];
  const linkSymbols: string[] = [];
  for (const row of cues) {
    if (row.position === 'before') beforeCues.set(normal(row.phrase), row.approx as Approx);
    else if (row.position === 'after') afterCues.set(normal(row.phrase), row.approx as Approx);
    else if (row.position === 'change') changeWords.add(normal(row.phrase));
    else if (row.position === 'between') (/^\p{L}/u.test(row.phrase) ? linkWords : linkSymbols).push(row.phrase);
  }
  const countedMap = new Map<string, string>();
  for (const row of counted) countedMap.set(row.word.toLowerCase(), row.class);
  const months = new Set<string>();
  const idLabels = new Set<string>();
  const namedDates = new Set<string>();
  const verbFormUnits = new Set<string>();
  const oddsCues = new Set<string>();
  const scoreCues = new Set<string>();
  const timeSuffixes: string[] = [];
  const pronouns = new Set<string>();
  const numberedNames = new Set<string>();
  const rankingWords = new Set<string>();
  const wonObjects = new Set<string>();
  const singularDeterminers = new Set<string>();
  const timeOpeners = new Set<string>();
  const nameJoiners = new Set<string>();
  const prepositions = new Set<string>();
  const possibilityModals = new Set<string>();
  const idioms: string[] = [];
  const notNames = new Set<string>();
  for (const row of nonFigure) {
    if (row.class === 'month') months.add(row.word);
    else if (row.class === 'id-label') idLabels.add(row.word.toLowerCase());
    else if (row.class === 'named-date') namedDates.add(row.word);
    else if (row.class === 'verb-form-unit') verbFormUnits.add(row.word.toLowerCase());
    else if (row.class === 'odds-cue') oddsCues.add(row.word.toLowerCase());
    else if (row.class === 'score-cue') scoreCues.add(row.word.toLowerCase());
    else if (row.class === 'time-suffix') timeSuffixes.push(row.word);
    else if (row.class === 'pronoun') pronouns.add(row.word);
    else if (row.class === 'numbered-name') numberedNames.add(row.word);
    else if (row.class === 'ranking') rankingWords.add(row.word.toLowerCase());
    else if (row.class === 'won-object') wonObjects.add(row.word.toLowerCase());
    else if (row.class === 'singular-determiner') singularDeterminers.add(row.word.toLowerCase());
    else if (row.class === 'time-opener') timeOpeners.add(row.word.toLowerCase());
    else if (row.class === 'name-joiner') nameJoiners.add(row.word.toLowerCase());
    else if (row.class === 'preposition') prepositions.add(row.word.toLowerCase());
    else if (row.class === 'possibility-modal') possibilityModals.add(row.word.toLowerCase());
    else if (row.class === 'idiom') idioms.push(row.word.toLowerCase());
    else if (row.class === 'not-name') notNames.add(row.word.toLowerCase());
  }
  const irregularForms = new Map(irregular.map((row) => [row.lemma, [row.past, row.participle]]));
  const reportingForms = new Map<string, string>();
  // Verbs added to the quote cues from PolNeAR attributions (source PNT: "criticized", "backed", "wants")
  // report a position, not where a figure comes from: a figure's claimant comes from verbs of speech.
  const speech = verbs.filter((row) => row.stance !== 'implicative' && !row.lemma.includes(' ') && !row.source.split(';').includes('PNT'));
  const lemmas = [...speech.map((row) => row.lemma), ...claimVerbs.map((row) => row.lemma)];
  for (const lemma of lemmas) {
    for (const form of [...inflect(lemma), ...(irregularForms.get(lemma) ?? [])]) if (!reportingForms.has(form)) reportingForms.set(form, lemma);
  }
  const functionWords = new Set<string>();
  const nounMarkers = new Set<string>();
  const determiners = new Set<string>();
  const notAdverbs = new Set<string>();
  const clauseVerbs = new Set<string>();
  const openerNotNames = new Set<string>();
  for (const row of wordClasses) {
    if (row.class === 'not-name') openerNotNames.add(row.word.toLowerCase());
    if (row.class === 'finite-verb' || row.class === 'be-form') clauseVerbs.add(row.word.toLowerCase());
    if (row.class === 'not-manner-adverb') notAdverbs.add(row.word.toLowerCase());
    if (row.class === 'function-word' || row.class === 'auxiliary' || row.class === 'relative') functionWords.add(row.word.toLowerCase());
    if (row.class === 'noun-marker' || row.class === 'determiner') nounMarkers.add(row.word.toLowerCase());
    if (row.class === 'determiner') determiners.add(row.word.toLowerCase());
  }
  // Where a figure may start: any number word but signs and plural ordinals (read after a number), and
  // "first" and "second", which are never the denominator of a fraction ("half" is).
  const startWords = [...words.entries()].filter(([w, e]) => /^[a-z]+$/i.test(w) && e.kind !== 'sign' && e.kind !== 'ordinal-plural' && !(e.kind === 'ordinal' && e.value < 3 && w !== 'half'));
  const wordAlternation = alternation(startWords.map(([w]) => w));
  const lexicon = {
    numberWords: words,
    ordinalWords: new Set([...words].filter(([, e]) => e.kind === 'ordinal').map(([w]) => w.toLowerCase())),
    // ASCII word boundaries: several times faster than Unicode lookarounds, and number words are ASCII.
    start: new RegExp(`\\d|\\b(?:${wordAlternation})\\b`, 'gi'),
    multipliers: new Map(multipliers.map((row) => [row.suffix, Number(row.factor)])),
    scaleWord: new RegExp(`(?:\\s+|-)(${alternation(multipliers.map((row) => row.suffix).filter((w) => /^[a-z]{4,}$/.test(w)))})(?![\\p{L}])`, 'uy'),
    prefix: new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternation(prefixUnits.keys())}|US\\s\\$)\\s?$`, 'u'),
    prefixUnits,
    lead: new RegExp(`(?<![\\p{L}])(${alternation(leadUnits.keys())})\\s+$`, 'iu'),
    leadUnits,
    // Either apostrophe: "I'm", "I’m".
    subjectLead: new RegExp(`(?<![\\p{L}'’])(${alternation(subjectUnits.keys()).replace(/'/g, "['’]")})\\s+$`, 'iu'),
    subjectUnits,
    massNouns,
    massReadings,
    suffixSpaced: new RegExp(`(?:\\s|-)?(${alternation(spaced)})(?![\\p{L}\\p{N}])`, 'iuy'),
    suffixGlued: new RegExp(`(${alternation(glued)})(?![\\p{L}\\p{N}])`, 'uy'),
    suffixUnits,
    before: new RegExp(`(?<![\\p{L}])(${alternation(beforeCues.keys())})\\s*$`, 'iu'),
    beforeCues,
    after: new RegExp(`(?:\\s+|-)(${alternation(afterCues.keys())})(?![\\p{L}\\p{N}])`, 'iuy'),
    afterCues,
    changeWords,
    rangeLink: new RegExp(`\\s*(${alternation(linkSymbols)})\\s*|\\s+(${alternation(linkWords)})\\s+`, 'uy'),
    counted: countedMap,
    months,
    timeSuffix: new RegExp(`\\s?(?:${alternation(timeSuffixes)})(?![\\p{L}])`, 'iuy'),
    idLabels,
    namedDates,
    verbFormUnits,
    oddsCues,
    scoreCues,
    reportingForms,
    functionWords,
    pronouns,
    numberedNames,
    rankingWords,
    wonObjects,
    singularDeterminers,
    timeOpeners,
    nameJoiners,
    prepositions,
    possibilityModals,
    idiom: idioms.length === 0 ? /(?!)/y : new RegExp(`(?:${alternation(idioms)})(?![\\p{L}\\p{N}])`, 'iuy'),
    clauseVerbs,
    nounMarkers,
    determiners,
    notAdverbs,
    notNames,
    openerNotNames,
  };
  return { ...lexicon, caseless: caselessView(lexicon) };
}

const memo = derivedFrom(build);

export function figureLexicon(resources: Resources): FigureLexicon {
  return memo(
    resourceValue(resources, NUMBER_WORDS),
    resourceValue(resources, MULTIPLIERS),
    resourceValue(resources, UNITS),
    resourceValue(resources, APPROXIMATION_CUES),
    resourceValue(resources, COUNTED_HEADS),
    resourceValue(resources, CLAIM_VERBS),
    resourceValue(resources, NON_FIGURE_CUES),
    resourceValue(resources, REPORTING_VERBS),
    resourceValue(resources, IRREGULAR_VERBS),
    resourceValue(resources, WORD_CLASSES),
  );
}

/** The unit entry for a written suffix, whatever its case where case does not matter. */
export function suffixUnit(lex: FigureLexicon, written: string): UnitEntry | undefined {
  return lex.suffixUnits.get(written) ?? lex.suffixUnits.get(normal(written));
}
