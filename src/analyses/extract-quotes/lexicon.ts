/**
 * Everything extract-quotes knows about words, built from its resources once per resource value
 * (see ../memo.ts) and passed down to the attribution rules: nothing is rebuilt per document, and
 * no rule reads a table except through this object.
 */
import { resourceValue, type Resources } from '../../core/resources.js';
import { derivedFrom } from '../memo.js';
import type { IrregularVerbsRow, ReportingNounsRow, ReportingVerbsRow, SpeakerWordsRow, WordClassesRow } from '../resources.js';
import { buildCueLexicon, type CueEntry, type CueLexicon } from './cue-lexicon.js';
import { createCueScanner, type CueScanner } from './cue-scan.js';
import { WordMap, WordPairSet } from './word-map.js';
import { IRREGULAR_VERBS, REPORTING_NOUNS, REPORTING_VERBS, SPEAKER_WORDS, WORD_CLASSES } from './resource-ids.js';

export interface QuoteLexicon {
  readonly cues: CueLexicon;
  /** Titles written before a name, without a final period ("Mr", "Gov", "Mayor"). */
  readonly titles: ReadonlySet<string>;
  /** Personal pronouns that can be a speaker ("he", "they"); who they are is resolve-aliases' work. */
  readonly pronouns: ReadonlySet<string>;
  readonly nameParticles: ReadonlySet<string>;
  readonly determiners: ReadonlySet<string>;
  readonly auxiliaries: ReadonlySet<string>;
  readonly collective: ReadonlySet<string>;
  readonly notName: ReadonlySet<string>;
  readonly nounMarkers: ReadonlySet<string>;
  readonly functionWords: ReadonlySet<string>;
  readonly relatives: ReadonlySet<string>;
  /** Relative words that open the content before an attribution set inside it (`which he said …`, decision 0091). */
  readonly leadingRelatives: ReadonlySet<string>;
  readonly smallWords: ReadonlySet<string>;
  /** Words that are the addressee of a cue, not reported content ("told reporters …"). */
  readonly addressees: ReadonlySet<string>;
  /** Cue lemmas that open reported speech in quotation marks only ("30 states", "continued to"). */
  readonly notIndirectCues: ReadonlySet<string>;
  /** Words that open an adverbial between a cue and its "that" ("said on Monday that"). */
  readonly adverbialOpeners: ReadonlySet<string>;
  /** Cue lemmas that report speech without quotation marks only with a "that" clause or a colon. */
  readonly needsThat: ReadonlySet<string>;
  /** Forms of "be" that make a following cue passive. */
  readonly beForms: ReadonlySet<string>;
  /** Forms of "be" that make a following -ing cue a progressive, the finite verb of its clause. */
  readonly progressiveBe: ReadonlySet<string>;
  /** Possessives skipped like an article before the head of a subject (`their lawyers`). */
  readonly possessives: ReadonlySet<string>;
  /** Words after the comma that closes a mid-sentence attribution that open the writer's own clause (`, but`, `, while`). */
  readonly clauseLinks: ReadonlySet<string>;
  /** Reporting verbs that also name a reporter's coverage (`reported on the war`). */
  readonly coverageCues: ReadonlySet<string>;
  /** Prepositions that open the topic of a coverage cue. */
  readonly topicPrepositions: ReadonlySet<string>;
  /** Words that leave a content open before a mid-sentence attribution (`…, then, according to X, fled`). */
  readonly openEnds: ReadonlySet<string>;
  /** Words after a speaker's comma that open no apposition (`Sanders, meanwhile, said`). */
  readonly notApposition: ReadonlySet<string>;
  /** Words that negate a reporting verb before it ("has not commented"): no statement is reported. */
  readonly negators: ReadonlySet<string>;
  readonly coordinationFocus: ReadonlySet<string>;
  /** Words that open a subordinate clause before the main one (`While …, the party …`): a cue inside it reports up to its comma. */
  readonly subordinateOpeners: ReadonlySet<string>;
  readonly cuePrepositions: ReadonlySet<string>;
  /** A cue lemma and the word after it that make an act, not speech (`add to`, `compare with`; decision 0137). */
  readonly nonSpeechSenses: Pick<WordPairSet, 'has' | 'hasPair'>;
  /** Cue forms that are nouns in news, never the verb of an indirect quote (`emails`; decision 0137). */
  readonly nounForms: ReadonlySet<string>;
  /** Words of a headline or paragraph label before a colon that name a rubric, not a speaker (`Breaking:`; decision 0137). */
  readonly rubricLabels: ReadonlySet<string>;
  /** States of mind that a pronoun's `said (that)` right before them already reports (`said he thinks`; decision 0137). */
  readonly innerStateCues: ReadonlySet<string>;
  /** The outer verbs of those (`say`, `tell`, `add`). */
  readonly innerStateFrames: ReadonlySet<string>;
  /** Nouns of the occasion or medium of a statement (`in a statement`, `at the time`; decision 0137). */
  readonly occasionNouns: ReadonlySet<string>;
  /** Cue forms that gloss a name or a term (`The White House refers to the president's office`; decision 0141). */
  readonly glossForms: ReadonlySet<string>;
  /** Cue forms whose object names an attitude before a `that` clause (`expressed concern that`; decision 0141). */
  readonly attitudeObjectCues: ReadonlySet<string>;
  readonly connectiveOpeners: ReadonlySet<string>;
  readonly listenerEnds: ReadonlySet<string>;
  readonly cuePhraseAdverbs: ReadonlySet<string>;
  readonly appositionOpeners: ReadonlySet<string>;
  readonly clauseOnlyCues: ReadonlySet<string>;
  readonly sourceOpeners: ReadonlySet<string>;
  /** Words between a person's name and the place or body that qualifies it ("Collins of Georgia"). */
  readonly placeLinks: ReadonlySet<string>;
  /** Prepositions that place a speaker (`in`, `at`, `on`): `traders in Asia said`. */
  readonly locationLinks: ReadonlySet<string>;
  /** Prepositions that tie a phrase to the head noun of a speaker ("Lawyers for the detainees"). */
  readonly headLinks: ReadonlySet<string>;
  /** Nouns of "In X's view, …" ("view", "opinion", "words"): the frame reports X's statement or belief. */
  readonly viewNouns: ReadonlySet<string>;
  /** Subjects that show or find what a poll or a record says ("the poll", "records"): decision 0094. */
  readonly evidenceNouns: ReadonlySet<string>;
  /** Verbs whose evidence-noun subject is an attribution's source ("show", "find"). */
  readonly evidenceCues: ReadonlySet<string>;
  /** Words that open the question after a clause-initial "asked". */
  readonly questionOpeners: ReadonlySet<string>;
  /** Verbs of a refusal to speak ("declined to comment"), lemmas in -e. */
  readonly refusalVerbs: ReadonlySet<string>;
  /** Adjectives of mood before a name ("an angry Hollande"): not a role. */
  readonly moodAdjectives: ReadonlySet<string>;
  /** Prepositions of the adverbials between a cue and a content without "that" ("announced on Facebook on Tuesday there were"). */
  readonly adjunctPrepositions: ReadonlySet<string>;
  /** Cues that with a prize as their object report a win, not speech ("claimed their first title"). */
  readonly prizeCues: ReadonlySet<string>;
  /** Prizes and wins ("title", "victory", "seat"). */
  readonly prizeNouns: ReadonlySet<string>;
  /** Cues that report speech with an object and its complement (`called him a liar`; decision 0103). */
  readonly objectComplementCues: ReadonlySet<string>;
  /** Cues that report speech with an object and `as` (`described the plan as a failure`). */
  readonly asComplementCues: ReadonlySet<string>;
  /** Cues that report speech with a named person or an object pronoun as object (`attacked Trump`; decision 0106). */
  readonly personObjectCues: ReadonlySet<string>;
  /** Cues that report speech with a `with` phrase (`agreed with the analysis`; decision 0106). */
  readonly withObjectCues: ReadonlySet<string>;
  /** Cues whose bare form after a figure is a noun (`36 percent support in a poll`). */
  readonly figureNounCues: ReadonlySet<string>;
  /** `last`, `next`, `this` before a time noun (`last spring`): a time adverbial, not a verb. */
  readonly timeDeictics: ReadonlySet<string>;
  readonly timeNouns: ReadonlySet<string>;
  /** Nouns of a poll that frames the sentence (`In a CBS poll, …`; decision 0103). */
  readonly pollFrameNouns: ReadonlySet<string>;
  /** Prepositions before a participle cue that continues its subject's clause (`by saying`; decision 0103). */
  readonly participlePrepositions: ReadonlySet<string>;
  /** Verbs of refusal that report speech only before a cue form ("refused to say", not "refused to intervene"). */
  readonly speechRefusalVerbs: ReadonlySet<string>;
  /** Adverbs of time the walk from a cue back to its speaker steps over, as over an auxiliary (`has long argued`; decision 0114). */
  readonly verbGroupAdverbs: ReadonlySet<string>;
  /** Quantifiers that may float after a subject before its verb (`they both said`, `have all denied`). */
  readonly floatingQuantifiers: ReadonlySet<string>;
  /** Determiners that open a singular phrase naming a body or a document an `it` may go on from (`the report`). */
  readonly bodyPhraseOpeners: ReadonlySet<string>;
  /** Subject pronouns a floating quantifier may follow (`they both said`). */
  readonly floatingHosts: ReadonlySet<string>;
  /** Prepositions that name the channel of a statement and end its source phrase (`by X via Twitter`). */
  readonly channelPrepositions: ReadonlySet<string>;
  /** Verbs that take a reporting verb as their infinitive (`went on to say`, `continued to insist`; decision 0114). */
  readonly catenatives: ReadonlySet<string>;
  /** Adjectives after `be` that take a reporting verb as their infinitive (`more likely to say`): class `catenative-adjective`. */
  readonly catenativeAdjectives: ReadonlySet<string>;
  /** Words of degree between `be` and such an adjective (`more`, `less`): class `degree-word`. */
  readonly degreeWords: ReadonlySet<string>;
  /** Adjectives that take a reporting verb as their infinitive only after a word of degree (`more likely to say`): class `comparative-catenative`. */
  readonly comparativeCatenatives: ReadonlySet<string>;
  /** A passive reporting verb and the word after it that report with nobody named (`asked to`, `criticized for`; decision 0114). */
  readonly passiveReports: Pick<WordPairSet, 'has' | 'hasPair'>;
  /** Participles that raise the subject of `to be` / `to have` after them (`reported to have been discussed`). */
  readonly raisingPassives: ReadonlySet<string>;
  /** Auxiliary and modal verbs: a speaker noun phrase never runs back over one. */
  readonly finiteVerbs: ReadonlySet<string>;
  /** "morning", "evening": the end of a time adverbial between a speaker and the cue. */
  readonly partsOfDay: ReadonlySet<string>;
  /** Numbers written as words ("six in 10"). */
  readonly numberWords: ReadonlySet<string>;
  /** Finite auxiliaries (`had`, `will`): after a cue form in -s they make it a plural noun (`two reports had been filed`). */
  readonly finiteAuxiliaries: ReadonlySet<string>;
  /** "percent", "%": a share of a poll as speaker. */
  readonly percentWords: ReadonlySet<string>;
  /** "half", "third", "majority": a fraction of those polled as speaker ("Nearly a third say", decision 0126). */
  readonly shareFractions: ReadonlySet<string>;
  /** Plurals of quantity (`thousands`, `dozens`) that open a speaker's phrase before `of` (class `quantity-noun`). */
  readonly quantityNouns: ReadonlySet<string>;
  /** "surveyed", "polled": `those surveyed say` is a poll's respondents as speaker. */
  readonly pollParticiples: ReadonlySet<string>;
  /** "third", "quarter": a fraction that is also an ordinal or a period, a share only after an article or a number. */
  readonly ordinalFractions: ReadonlySet<string>;
  /** Participles that are not also past forms ("written", "shown"): a verb only after an auxiliary. */
  readonly participlesOnly: ReadonlySet<string>;
  /** Matches any cue form written in lower case, "According to" and the view nouns: sentences without one are skipped. */
  readonly anyCue: RegExp;
  /** Finds what `anyCue` finds in a text, in one pass over its characters (see cue-scan.ts). */
  readonly cueScanner: CueScanner;
  readonly namingCue: RegExp;
  /**
   * Nouns that report what their owner said ("Trump's claim that …", "the ministry's statement that …"),
   * singular and plural, each with the entry of its reporting verb (the stance is the verb's).
   */
  readonly reportingNouns: ReadonlyMap<string, CueEntry>;
  /** Words in -ly that never make a manner cue ("assembly", "family", "only"). */
  readonly notMannerAdverbs: ReadonlySet<string>;
  /** Cue lemmas of acts and intentions ("seek", "plan", "offer"): a position only when a person or a body acts. */
  readonly actCues: ReadonlySet<string>;
  /** Head nouns of a noun phrase that names a body ("group", "ministry", "campaign"). */
  readonly bodyNouns: ReadonlySet<string>;
  /** Simple past forms of irregular verbs (`gave`, `took`): a clause's verb, as a regular `-ed` form is. */
  readonly irregularPasts: ReadonlySet<string>;
  /** Nouns of a person who speaks for a body (`spokeswoman`, `official`): `an ICE spokeswoman` speaks for ICE. */
  readonly representativeNouns: ReadonlySet<string>;
  /** Words of an office's name after a title and `of` (`Secretary of State`): never the office holder's name. */
  readonly officeNouns: ReadonlySet<string>;
  /** Object pronouns that can follow `according to` (`According to him`). */
  readonly objectPronouns: ReadonlySet<string>;
  /**
   * Lemmas of the verbs of position and criticism fitted on PolNeAR train (source `PNT`: `support`, `want`,
   * `criticize`…): they report a stance with a plain object, so inside someone else's reported clause they
   * are that clause's verb, not a new attribution, unless a "that" clause follows.
   */
  readonly positionVerbs: ReadonlySet<string>;
}

const escape = (word: string): string => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** An alternation, longest first, so that a longer word wins over its prefix. */
const alternation = (list: Iterable<string>): string =>
  [...new Set(list)]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .map((w) => escape(w).replace(/ /g, '\\s+'))
    .join('|');

function build(
  verbs: readonly ReportingVerbsRow[],
  irregular: readonly IrregularVerbsRow[],
  speakerWords: readonly SpeakerWordsRow[],
  wordClasses: readonly WordClassesRow[],
  nouns: readonly ReportingNounsRow[],
): QuoteLexicon {
  const titles = new Set<string>();
  const pronouns = new Set<string>();
  const collective = new Set<string>();
  for (const row of speakerWords) {
    if (row.kind === 'title') titles.add(row.word.replace(/\.$/, ''));
    else if (row.kind === 'pronoun') pronouns.add(row.word);
    else if (row.kind === 'collective') collective.add(row.word);
    else throw new Error(`speaker-words: unknown kind "${row.kind}" for "${row.word}"`);
  }
  const classes = new Map<string, Set<string>>();
  for (const row of wordClasses) {
    let set = classes.get(row.class);
    if (!set) classes.set(row.class, (set = new Set()));
    set.add(row.word);
  }
  const wordsOf = (name: string): ReadonlySet<string> => {
    const set = classes.get(name);
    if (!set) throw new Error(`word-classes: no word of class "${name}"`);
    return set;
  };
  const cues = buildCueLexicon(verbs, irregular);
  const reportingNouns = new WordMap<CueEntry>();
  for (const row of nouns) {
    const verb = verbs.find((v) => v.lemma === row.lemma);
    if (!verb) throw new Error(`reporting-nouns: "${row.noun}" names no reporting verb "${row.lemma}"`);
    const entry: CueEntry = { lemma: row.lemma, stance: verb.stance as CueEntry['stance'], reason: `reporting-nouns/${row.noun}` };
    reportingNouns.set(row.noun, entry);
    reportingNouns.set(row.noun.endsWith('s') ? `${row.noun}es` : `${row.noun}s`, entry);
  }
  return {
    cues,
    titles,
    pronouns,
    nameParticles: wordsOf('name-particle'),
    // `both` opens a speaker's noun phrase here only (class `speaker-quantifier`); extract-figures reads `determiner` too.
    determiners: new Set([...wordsOf('determiner'), ...wordsOf('speaker-quantifier')]),
    auxiliaries: wordsOf('auxiliary'),
    verbGroupAdverbs: wordsOf('verb-group-adverb'),
    floatingQuantifiers: wordsOf('floating-quantifier'),
    bodyPhraseOpeners: wordsOf('body-phrase-opener'),
    floatingHosts: wordsOf('floating-host'),
    channelPrepositions: wordsOf('channel-preposition'),
    catenatives: wordsOf('catenative'),
    catenativeAdjectives: wordsOf('catenative-adjective'),
    degreeWords: wordsOf('degree-word'),
    comparativeCatenatives: wordsOf('comparative-catenative'),
    passiveReports: pairsOf(wordsOf('passive-report')),
    raisingPassives: wordsOf('raising-passive'),
    collective,
    notName: wordsOf('not-name'),
    nounMarkers: wordsOf('noun-marker'),
    functionWords: wordsOf('function-word'),
    relatives: wordsOf('relative'),
    leadingRelatives: wordsOf('leading-relative'),
    smallWords: wordsOf('small-word'),
    addressees: wordsOf('addressee'),
    notIndirectCues: wordsOf('not-indirect-cue'),
    adverbialOpeners: wordsOf('adverbial-opener'),
    needsThat: wordsOf('needs-that'),
    beForms: wordsOf('be-form'),
    progressiveBe: wordsOf('progressive-be'),
    possessives: wordsOf('possessive'),
    notApposition: wordsOf('not-apposition'),
    clauseLinks: wordsOf('clause-link'),
    coverageCues: wordsOf('coverage-cue'),
    topicPrepositions: wordsOf('topic-preposition'),
    openEnds: wordsOf('open-end'),
    negators: wordsOf('negator'),
    coordinationFocus: wordsOf('coordination-focus'),
    subordinateOpeners: wordsOf('subordinate-opener'),
    cuePrepositions: wordsOf('cue-preposition'),
    nonSpeechSenses: pairsOf(wordsOf('non-speech-sense')),
    nounForms: wordsOf('noun-form'),
    rubricLabels: wordsOf('rubric-label'),
    innerStateCues: wordsOf('inner-state-cue'),
    innerStateFrames: wordsOf('inner-state-frame'),
    occasionNouns: wordsOf('occasion-noun'),
    glossForms: wordsOf('gloss-form'),
    attitudeObjectCues: wordsOf('attitude-object-cue'),
    connectiveOpeners: wordsOf('connective-opener'),
    listenerEnds: wordsOf('listener-end'),
    cuePhraseAdverbs: wordsOf('cue-phrase-adverb'),
    appositionOpeners: wordsOf('apposition-opener'),
    clauseOnlyCues: wordsOf('clause-only-cue'),
    sourceOpeners: wordsOf('source-opener'),
    placeLinks: wordsOf('place-link'),
    locationLinks: wordsOf('location-link'),
    headLinks: wordsOf('head-link'),
    viewNouns: wordsOf('view-noun'),
    evidenceNouns: wordsOf('evidence-noun'),
    evidenceCues: wordsOf('evidence-cue'),
    questionOpeners: wordsOf('question-opener'),
    refusalVerbs: wordsOf('refusal-verb'),
    moodAdjectives: wordsOf('mood-adjective'),
    adjunctPrepositions: wordsOf('adjunct-preposition'),
    prizeCues: wordsOf('prize-cue'),
    prizeNouns: wordsOf('prize-noun'),
    objectComplementCues: wordsOf('object-complement-cue'),
    asComplementCues: wordsOf('as-complement-cue'),
    personObjectCues: wordsOf('person-object-cue'),
    withObjectCues: wordsOf('with-object-cue'),
    figureNounCues: wordsOf('figure-noun-cue'),
    timeDeictics: wordsOf('time-deictic'),
    timeNouns: wordsOf('time-noun'),
    pollFrameNouns: wordsOf('poll-frame-noun'),
    participlePrepositions: wordsOf('participle-preposition'),
    speechRefusalVerbs: wordsOf('refusal-of-speech'),
    finiteVerbs: wordsOf('finite-verb'),
    partsOfDay: wordsOf('part-of-day'),
    numberWords: wordsOf('number-word'),
    finiteAuxiliaries: wordsOf('finite-auxiliary'),
    percentWords: wordsOf('percent-word'),
    shareFractions: wordsOf('share-fraction'),
    quantityNouns: wordsOf('quantity-noun'),
    pollParticiples: wordsOf('poll-participle'),
    ordinalFractions: wordsOf('ordinal-fraction'),
    participlesOnly: new Set(irregular.filter((row) => row.participle !== row.past).map((row) => row.participle)),
    // The poll nouns and a sentence-initial `Asked` too: `In a CBS poll, Trump led …` and `Asked about the fees, Cole
    // kept walking.` hold no other cue (decision 0126).
    anyCue: anyCuePattern(cues, wordsOf('view-noun'), [...reportingNouns.keys(), ...refusalForms(wordsOf('refusal-verb')), ...refusalForms(wordsOf('refusal-of-speech')), ...wordsOf('poll-frame-noun'), 'Asked']),
    cueScanner: createCueScanner(anyCueForms(cues, wordsOf('view-noun'), [...reportingNouns.keys(), ...refusalForms(wordsOf('refusal-verb')), ...refusalForms(wordsOf('refusal-of-speech')), ...wordsOf('poll-frame-noun'), 'Asked'])),
    reportingNouns,
    notMannerAdverbs: wordsOf('not-manner-adverb'),
    actCues: wordsOf('act-cue'),
    bodyNouns: wordsOf('body-noun'),
    officeNouns: wordsOf('office-noun'),
    representativeNouns: wordsOf('representative-noun'),
    irregularPasts: wordsOf('irregular-past'),
    objectPronouns: wordsOf('object-pronoun'),
    positionVerbs: new Set(verbs.filter((row) => row.source.split(';').includes('PNT')).map((row) => row.lemma)),
    namingCue: new RegExp(`(?:${alternation(wordsOf('naming-cue'))})\\s*$`, 'i'),
  };
}

/** Two-word keys in a set that answers for two words given apart (see word-map.ts). */
function pairsOf(keys: Iterable<string>): WordPairSet {
  const pairs = new WordPairSet();
  for (const key of keys) pairs.add(key);
  return pairs;
}

/** The forms of the refusal verbs (lemmas in -e): "decline", "declined", "declines", "declining". */
function refusalForms(lemmas: ReadonlySet<string>): string[] {
  return [...lemmas].flatMap((l) => [l, `${l}d`, `${l}s`, `${l.slice(0, -1)}ing`]);
}

/** Every cue form a sentence is looked for: lower-case forms, the view nouns and "According to". */
function anyCueForms(cues: CueLexicon, viewNouns: ReadonlySet<string>, nouns: Iterable<string>): string[] {
  return [...cues.forms.keys(), ...viewNouns, ...nouns, 'According to'];
}

/** One pattern for every cue form: a cheap test before a sentence is split into words. */
function anyCuePattern(cues: CueLexicon, viewNouns: ReadonlySet<string>, nouns: Iterable<string>): RegExp {
  const forms = [...cues.forms.keys(), ...viewNouns, ...nouns];
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternation(forms)}|According\\s+to)(?![\\p{L}\\p{N}])`, 'u');
}

const buildLexicon = derivedFrom(build);

/** The lexicon for a run context's resources; the same object for the same resource values. */
export function quoteLexicon(resources: Resources): QuoteLexicon {
  return buildLexicon(
    resourceValue(resources, REPORTING_VERBS),
    resourceValue(resources, IRREGULAR_VERBS),
    resourceValue(resources, SPEAKER_WORDS),
    resourceValue(resources, WORD_CLASSES),
    resourceValue(resources, REPORTING_NOUNS),
  );
}
