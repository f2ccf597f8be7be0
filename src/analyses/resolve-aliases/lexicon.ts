/**
 * Everything resolve-aliases knows about words, built from its resources once per resource value
 * (see ../memo.ts): nothing is rebuilt per document, and no rule reads a table except through this.
 */
import { resourceValue, type Resources } from '../../core/resources.js';
import { derivedFrom } from '../memo.js';
import type { AliasWordClassesRow, FirstNamesRow, HolidaysRow, RelativeWordsRow, NameVariantsRow, OrgSuffixesRow, PlacesRow, PronounsRow, RoleNounsRow, TitlesRow } from '../resources.js';
import { FIRST_NAMES, ORG_SUFFIXES, PLACES } from '../detect-entities/resource-ids.js';
import { HOLIDAYS, RELATIVE_WORDS } from '../extract-dates/resource-ids.js';
import { foldName } from './names.js';
import { ALIAS_WORD_CLASSES, NAME_VARIANTS, PRONOUNS, ROLE_NOUNS, TITLES } from './resource-ids.js';

export type Gender = 'male' | 'female' | null;

export interface PronounEntry {
  readonly kind: 'person' | 'thing' | 'plural';
  readonly gender: Gender;
  /** A subject pronoun (`he`, `she`, `they`), whose antecedent is most often a sentence's subject. */
  readonly subject: boolean;
}

export interface AliasLexicon {
  /** Titles written before a name (as written, final period kept) -> kind and gender. */
  readonly titles: ReadonlyMap<string, { readonly kind: 'honorific' | 'role'; readonly gender: Gender }>;
  /** Role nouns, lower case, multi-word allowed -> the gender they imply. */
  readonly roleNouns: ReadonlyMap<string, Gender>;
  /** The most words a role noun has. */
  readonly longestRole: number;
  /** The first and the last words of the role nouns: a word list that starts (ends) with no such word holds no role noun there. */
  readonly roleFirstWords: ReadonlySet<string>;
  readonly roleLastWords: ReadonlySet<string>;
  /** A folded name token -> the folded token of the spelling it is merged into. */
  readonly variants: ReadonlyMap<string, string>;
  readonly pronouns: ReadonlyMap<string, PronounEntry>;
  readonly acronymSkip: ReadonlySet<string>;
  readonly roleDeterminers: ReadonlySet<string>;
  /** Heads with plural agreement (`police`): a singular demonstrative before them is a conjunction. */
  readonly pluralHeads: ReadonlySet<string>;
  readonly singularDemonstratives: ReadonlySet<string>;
  readonly appositionDeterminers: ReadonlySet<string>;
  /**
   * Words before a role noun that name another office than the role noun alone (`shadow`, `former`, `deputy`):
   * `Shadow home secretary David Davis` is not `the home secretary`.
   */
  readonly officeQualifiers: ReadonlySet<string>;
  /** Prepositions that end the head of an apposition (`a friend of the Tory leader`: the head is `friend`). */
  readonly appositionHeadEnds: ReadonlySet<string>;
  /** First words of an opening adverbial set off by a comma (`On Monday, …`, `Wednesday, …`): the subject follows it. */
  readonly sentenceIntroOpeners: ReadonlySet<string>;
  /** Words that start a noun phrase (`the`, `his`, `every`): never a capitalised modifier of a role noun. */
  readonly roleModifierBlockers: ReadonlySet<string>;
  /** Head words of a state's formal name, lower case: "republic" in "Islamic Republic of Iran". */
  readonly stateForms: ReadonlySet<string>;
  /** Head nouns of organisations, lower case: "the union" refers back to the one organisation written with "union". */
  readonly organizationHeads: ReadonlySet<string>;
  /** Heads that refer to the nearest organisation written before them (`the company`, `the firm`). */
  readonly genericOrganizationHeads: ReadonlySet<string>;
  /** Words after which a generic head opens a clause as its subject (`and the company said`). */
  readonly genericHeadOpeners: ReadonlySet<string>;
  /**
   * Lower-case nouns that describe a company, a paper or a team when written right before its name (`retailer
   * Tesco`, `Italian daily Corriere`, `champions-elect side Chelsea`): only a type cue, never a definite
   * description's head (`the side` is not a team).
   */
  readonly organizationDescriptors: ReadonlySet<string>;
  /** A role noun with the noun before it that describes a company before a name (`market leader Best Buy`, `fund manager`). */
  readonly organizationRoleCompounds: ReadonlySet<string>;
  /** Role nouns that after `the` refer back to the person last named as a subject (`the senator`, `the striker`). */
  readonly backReferenceRoles: ReadonlySet<string>;
  /** The first words of those role nouns. */
  readonly backReferenceFirstWords: ReadonlySet<string>;
  /** extract-dates' holiday names as written (`Christmas`, `New Year's Eve`): a date, never a name. */
  readonly holidays: ReadonlySet<string>;
  /** extract-dates' one-word time zones (`UTC`, `GMT`, `EDT`): right after a time, part of it, never a name. */
  readonly timeZones: ReadonlySet<string>;
  /**
   * The heads that name a group's own body when written after it (`the Brazilian government`, `the Labour party`):
   * only these bind a group to `the government`; `the Kenyan school` is no Kenyan body.
   */
  readonly groupBodyHeads: ReadonlySet<string>;
  /** Words that open a subordinate clause ("If Clinton is elected, he …"): a name inside it is no antecedent of the main clause's pronoun. */
  readonly subordinators: ReadonlySet<string>;
  /** `and`, `but`, `whereas`: with the subordinators, words that open a clause whose subject may follow. */
  readonly clauseCoordinators: ReadonlySet<string>;
  /** Words of an office's name after a title and `of` (`state`, `foreign`, `affairs`, `city`): never a word of the office holder's name. */
  readonly officeWords: ReadonlySet<string>;
  /**
   * One-word places and organisation suffixes of detect-entities' gazetteers, lower case (`japan`, `bank`,
   * `securities` is not one): a word that never ends an office holder's name cut from an office.
   */
  readonly placeOrOrganizationWords: ReadonlySet<string>;
  /** detect-entities' first names as written (`Diana`): a one-word name that is one is a person (decision 0130). */
  readonly firstNames: ReadonlySet<string>;
}

function build(
  titles: readonly TitlesRow[],
  roles: readonly RoleNounsRow[],
  variants: readonly NameVariantsRow[],
  pronouns: readonly PronounsRow[],
  classes: readonly AliasWordClassesRow[],
  places: readonly PlacesRow[],
  orgSuffixes: readonly OrgSuffixesRow[],
  holidays: readonly HolidaysRow[],
  firstNames: readonly FirstNamesRow[],
  relativeWords: readonly RelativeWordsRow[],
): AliasLexicon {
  const titleMap = new Map<string, { kind: 'honorific' | 'role'; gender: Gender }>();
  for (const row of titles) {
    if (row.kind !== 'honorific' && row.kind !== 'role') throw new Error(`titles: unknown kind "${row.kind}" for "${row.title}"`);
    titleMap.set(row.title, { kind: row.kind, gender: (row.gender || null) as Gender });
  }
  const roleNouns = new Map<string, Gender>();
  let longestRole = 1;
  for (const row of roles) {
    roleNouns.set(row.role, (row.gender || null) as Gender);
    longestRole = Math.max(longestRole, row.role.split(' ').length);
  }
  const variantMap = new Map<string, string>();
  for (const row of variants) variantMap.set(foldName(row.variant), foldName(row.canonical));
  const pronounMap = new Map<string, PronounEntry>();
  for (const row of pronouns) {
    if (row.kind !== 'person' && row.kind !== 'thing' && row.kind !== 'plural') throw new Error(`pronouns: unknown kind "${row.kind}" for "${row.word}"`);
    if (row.case !== 'subject' && row.case !== 'object' && row.case !== 'possessive') throw new Error(`pronouns: unknown case "${row.case}" for "${row.word}"`);
    pronounMap.set(row.word, { kind: row.kind, gender: (row.gender || null) as Gender, subject: row.case === 'subject' });
  }
  const byClass = new Map<string, Set<string>>();
  for (const row of classes) {
    let set = byClass.get(row.class);
    if (!set) byClass.set(row.class, (set = new Set()));
    set.add(row.word);
  }
  const wordsOf = (name: string): ReadonlySet<string> => {
    const set = byClass.get(name);
    if (!set) throw new Error(`alias-word-classes: no word of class "${name}"`);
    return set;
  };
  return {
    titles: titleMap,
    roleNouns,
    longestRole,
    roleFirstWords: new Set([...roleNouns.keys()].map((role) => role.split(' ')[0]!)),
    roleLastWords: new Set([...roleNouns.keys()].map((role) => role.slice(role.lastIndexOf(' ') + 1))),
    variants: variantMap,
    pronouns: pronounMap,
    acronymSkip: wordsOf('acronym-skip'),
    roleDeterminers: wordsOf('role-determiner'),
    pluralHeads: wordsOf('plural-head'),
    singularDemonstratives: wordsOf('singular-demonstrative'),
    appositionDeterminers: wordsOf('apposition-determiner'),
    officeQualifiers: wordsOf('office-qualifier'),
    appositionHeadEnds: wordsOf('apposition-head-end'),
    sentenceIntroOpeners: wordsOf('sentence-intro-opener'),
    roleModifierBlockers: wordsOf('surname-blocker'),
    subordinators: wordsOf('subordinator'),
    clauseCoordinators: wordsOf('clause-coordinator'),
    stateForms: wordsOf('state-form'),
    officeWords: wordsOf('office-word'),
    placeOrOrganizationWords: new Set([...places.map((row) => row.name), ...orgSuffixes.map((row) => row.word)].filter((word) => !word.includes(' ')).map((word) => word.toLowerCase())),
    organizationHeads: byClass.get('organization-head') ?? new Set(),
    genericOrganizationHeads: byClass.get('generic-organization-head') ?? new Set(),
    genericHeadOpeners: byClass.get('generic-head-opener') ?? new Set(),
    organizationDescriptors: byClass.get('organization-descriptor') ?? new Set(),
    organizationRoleCompounds: byClass.get('organization-role-compound') ?? new Set(),
    backReferenceRoles: byClass.get('back-reference-role') ?? new Set(),
    backReferenceFirstWords: new Set([...(byClass.get('back-reference-role') ?? [])].map((role) => role.split(' ')[0]!)),
    holidays: new Set(holidays.map((row) => row.phrase)),
    timeZones: new Set(relativeWords.filter((row) => row.kind === 'zone' && !row.word.includes(' ')).map((row) => row.word)),
    groupBodyHeads: byClass.get('group-body-head') ?? new Set(),
    firstNames: new Set(firstNames.map((row) => row.name)),
  };
}

const buildLexicon = derivedFrom(build);

/** The lexicon for a run context's resources; the same object for the same resource values. */
export function aliasLexicon(resources: Resources): AliasLexicon {
  return buildLexicon(
    resourceValue(resources, TITLES),
    resourceValue(resources, ROLE_NOUNS),
    resourceValue(resources, NAME_VARIANTS),
    resourceValue(resources, PRONOUNS),
    resourceValue(resources, ALIAS_WORD_CLASSES),
    resourceValue(resources, PLACES),
    resourceValue(resources, ORG_SUFFIXES),
    resourceValue(resources, HOLIDAYS),
    resourceValue(resources, FIRST_NAMES),
    resourceValue(resources, RELATIVE_WORDS),
  );
}
