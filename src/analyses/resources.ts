/**
 * The data tables bundled with the analyses, as resources: one per TSV under
 * `src/analyses/<analysis>/data/`, with id `<analysis>/<table>` and the sha256 of the TSV as hash.
 * The engine loads this list once per process (`createResources(bundledResources)`) and passes it in
 * `RunContext.resources`; analyses read a table only through `resourceValue(context.resources, id)`.
 * This is the only module that imports the generated tables (`npm run compile-data` writes them).
 */
import type { Resource, ResourceId, ResourceMap } from '../core/resources.js';
import { firstNamesHash, firstNamesTable } from './detect-entities/data/first-names.generated.js';
import { groupsHash, groupsTable } from './detect-entities/data/groups.generated.js';
import { orgSuffixesHash, orgSuffixesTable } from './detect-entities/data/org-suffixes.generated.js';
import { placeWordsHash, placeWordsTable } from './detect-entities/data/place-words.generated.js';
import { placesHash, placesTable } from './detect-entities/data/places.generated.js';
import { pronounWordsHash, pronounWordsTable } from './detect-entities/data/pronoun-words.generated.js';
import { titleSmallWordsHash, titleSmallWordsTable } from './detect-entities/data/title-small-words.generated.js';
import { nameInnerWordsHash, nameInnerWordsTable } from './detect-entities/data/name-inner-words.generated.js';
import { commonWordsHash, commonWordsTable } from './detect-entities/data/common-words.generated.js';
import * as entityIds from './detect-entities/resource-ids.js';
import { holidaysHash, holidaysTable } from './extract-dates/data/holidays.generated.js';
import { modifiersHash, modifiersTable } from './extract-dates/data/modifiers.generated.js';
import { monthsHash, monthsTable } from './extract-dates/data/months.generated.js';
import { numberWordsHash as dateNumberWordsHash, numberWordsTable as dateNumberWordsTable } from './extract-dates/data/number-words.generated.js';
import { relativeWordsHash, relativeWordsTable } from './extract-dates/data/relative-words.generated.js';
import { seasonsHash, seasonsTable } from './extract-dates/data/seasons.generated.js';
import { timeUnitsHash, timeUnitsTable } from './extract-dates/data/time-units.generated.js';
import { weekdaysHash, weekdaysTable } from './extract-dates/data/weekdays.generated.js';
import { yearContextHash, yearContextTable } from './extract-dates/data/year-context.generated.js';
import * as dateIds from './extract-dates/resource-ids.js';
import { contextWordsHash, contextWordsTable } from './detect-framing/data/context-words.generated.js';
import { contextsHash, contextsTable } from './detect-framing/data/contexts.generated.js';
import { cueVerbsHash, cueVerbsTable } from './detect-framing/data/cue-verbs.generated.js';
import { framingWordsHash, framingWordsTable } from './detect-framing/data/framing-words.generated.js';
import * as framingIds from './detect-framing/resource-ids.js';
import { blockersHash, blockersTable } from './extract-events/data/blockers.generated.js';
import { contextsHash as eventContextsHash, contextsTable as eventContextsTable } from './extract-events/data/contexts.generated.js';
import { modalityHash, modalityTable } from './extract-events/data/modality.generated.js';
import { statementPloverHash, statementPloverTable } from './extract-events/data/statement-plover.generated.js';
import { triggersHash, triggersTable } from './extract-events/data/triggers.generated.js';
import * as eventIds from './extract-events/resource-ids.js';
import { claimWordsHash, claimWordsTable } from './rank-claims/data/claim-words.generated.js';
import { CLAIM_WORDS } from './rank-claims/resource-ids.js';
import { approximationCuesHash, approximationCuesTable } from './extract-figures/data/approximation-cues.generated.js';
import { claimVerbsHash, claimVerbsTable } from './extract-figures/data/claim-verbs.generated.js';
import { countedHeadsHash, countedHeadsTable } from './extract-figures/data/counted-heads.generated.js';
import { countedLemmasHash, countedLemmasTable } from './extract-figures/data/counted-lemmas.generated.js';
import { multipliersHash, multipliersTable } from './extract-figures/data/multipliers.generated.js';
import { nonFigureCuesHash, nonFigureCuesTable } from './extract-figures/data/non-figure-cues.generated.js';
import { numberWordsHash, numberWordsTable } from './extract-figures/data/number-words.generated.js';
import { unitsHash, unitsTable } from './extract-figures/data/units.generated.js';
import { APPROXIMATION_CUES, CLAIM_VERBS, COUNTED_HEADS, COUNTED_LEMMAS, MULTIPLIERS, NON_FIGURE_CUES, NUMBER_WORDS, UNITS } from './extract-figures/resource-ids.js';
import { irregularVerbsHash, irregularVerbsTable } from './extract-quotes/data/irregular-verbs.generated.js';
import { reportingNounsHash, reportingNounsTable } from './extract-quotes/data/reporting-nouns.generated.js';
import { reportingVerbsHash, reportingVerbsTable } from './extract-quotes/data/reporting-verbs.generated.js';
import { speakerWordsHash, speakerWordsTable } from './extract-quotes/data/speaker-words.generated.js';
import { wordClassesHash, wordClassesTable } from './extract-quotes/data/word-classes.generated.js';
import { IRREGULAR_VERBS, REPORTING_NOUNS, REPORTING_VERBS, SPEAKER_WORDS, WORD_CLASSES } from './extract-quotes/resource-ids.js';
import { abbreviationsHash, abbreviationsTable } from './segment-text/data/abbreviations.generated.js';
import { sentenceStartersHash, sentenceStartersTable } from './segment-text/data/sentence-starters.generated.js';
import { ABBREVIATIONS, SENTENCE_STARTERS } from './segment-text/resource-ids.js';
import { EMPTY_ALIAS_TABLE, EMPTY_ALIAS_TABLE_HASH } from './resolve-aliases/alias-table.js';
import { aliasWordClassesHash, aliasWordClassesTable } from './resolve-aliases/data/alias-word-classes.generated.js';
import { nameVariantsHash, nameVariantsTable } from './resolve-aliases/data/name-variants.generated.js';
import { pronounsHash, pronounsTable } from './resolve-aliases/data/pronouns.generated.js';
import { roleNounsHash, roleNounsTable } from './resolve-aliases/data/role-nouns.generated.js';
import { titlesHash, titlesTable } from './resolve-aliases/data/titles.generated.js';
import { ALIAS_WORD_CLASSES, NAME_VARIANTS, PRONOUNS, ROLE_NOUNS, TITLES, USER_ALIASES } from './resolve-aliases/resource-ids.js';

export type { ContextWordsRow } from './detect-framing/data/context-words.generated.js';
export type { ContextsRow } from './detect-framing/data/contexts.generated.js';
export type { CueVerbsRow } from './detect-framing/data/cue-verbs.generated.js';
export type { FramingWordsRow } from './detect-framing/data/framing-words.generated.js';
export type { BlockersRow } from './extract-events/data/blockers.generated.js';
export type { ContextsRow as EventContextsRow } from './extract-events/data/contexts.generated.js';
export type { ModalityRow } from './extract-events/data/modality.generated.js';
export type { StatementPloverRow } from './extract-events/data/statement-plover.generated.js';
export type { TriggersRow } from './extract-events/data/triggers.generated.js';
export type { ClaimWordsRow } from './rank-claims/data/claim-words.generated.js';
export type { FirstNamesRow } from './detect-entities/data/first-names.generated.js';
export type { GroupsRow } from './detect-entities/data/groups.generated.js';
export type { OrgSuffixesRow } from './detect-entities/data/org-suffixes.generated.js';
export type { PlaceWordsRow } from './detect-entities/data/place-words.generated.js';
export type { PlacesRow } from './detect-entities/data/places.generated.js';
export type { HolidaysRow } from './extract-dates/data/holidays.generated.js';
export type { RelativeWordsRow } from './extract-dates/data/relative-words.generated.js';
export type { PronounWordsRow } from './detect-entities/data/pronoun-words.generated.js';
export type { TitleSmallWordsRow } from './detect-entities/data/title-small-words.generated.js';
export type { NameInnerWordsRow } from './detect-entities/data/name-inner-words.generated.js';
export type { CommonWordsRow } from './detect-entities/data/common-words.generated.js';
export type { ApproximationCuesRow } from './extract-figures/data/approximation-cues.generated.js';
export type { ClaimVerbsRow } from './extract-figures/data/claim-verbs.generated.js';
export type { CountedHeadsRow } from './extract-figures/data/counted-heads.generated.js';
export type { CountedLemmasRow } from './extract-figures/data/counted-lemmas.generated.js';
export type { MultipliersRow } from './extract-figures/data/multipliers.generated.js';
export type { NonFigureCuesRow } from './extract-figures/data/non-figure-cues.generated.js';
export type { NumberWordsRow } from './extract-figures/data/number-words.generated.js';
export type { UnitsRow } from './extract-figures/data/units.generated.js';
export type { IrregularVerbsRow } from './extract-quotes/data/irregular-verbs.generated.js';
export type { ReportingNounsRow } from './extract-quotes/data/reporting-nouns.generated.js';
export type { ReportingVerbsRow } from './extract-quotes/data/reporting-verbs.generated.js';
export type { SpeakerWordsRow } from './extract-quotes/data/speaker-words.generated.js';
export type { WordClassesRow } from './extract-quotes/data/word-classes.generated.js';
export type { AbbreviationsRow } from './segment-text/data/abbreviations.generated.js';
export type { SentenceStartersRow } from './segment-text/data/sentence-starters.generated.js';
export type { AliasWordClassesRow } from './resolve-aliases/data/alias-word-classes.generated.js';
export type { NameVariantsRow } from './resolve-aliases/data/name-variants.generated.js';
export type { PronounsRow } from './resolve-aliases/data/pronouns.generated.js';
export type { RoleNounsRow } from './resolve-aliases/data/role-nouns.generated.js';
export type { TitlesRow } from './resolve-aliases/data/titles.generated.js';

function resource<K extends ResourceId>(id: K, hash: string, value: ResourceMap[K]): Resource<K> {
  return { id, hash, value };
}

export const bundledResources: readonly Resource[] = [
  resource(ABBREVIATIONS, abbreviationsHash, abbreviationsTable),
  resource(SENTENCE_STARTERS, sentenceStartersHash, sentenceStartersTable),
  resource(entityIds.FIRST_NAMES, firstNamesHash, firstNamesTable),
  resource(entityIds.ORG_SUFFIXES, orgSuffixesHash, orgSuffixesTable),
  resource(entityIds.PLACE_WORDS, placeWordsHash, placeWordsTable),
  resource(entityIds.PLACES, placesHash, placesTable),
  resource(entityIds.GROUPS, groupsHash, groupsTable),
  resource(entityIds.PRONOUN_WORDS, pronounWordsHash, pronounWordsTable),
  resource(entityIds.TITLE_SMALL_WORDS, titleSmallWordsHash, titleSmallWordsTable),
  resource(entityIds.NAME_INNER_WORDS, nameInnerWordsHash, nameInnerWordsTable),
  resource(entityIds.COMMON_WORDS, commonWordsHash, commonWordsTable),
  resource(dateIds.MONTHS, monthsHash, monthsTable),
  resource(dateIds.WEEKDAYS, weekdaysHash, weekdaysTable),
  resource(dateIds.SEASONS, seasonsHash, seasonsTable),
  resource(dateIds.HOLIDAYS, holidaysHash, holidaysTable),
  resource(dateIds.MODIFIERS, modifiersHash, modifiersTable),
  resource(dateIds.NUMBER_WORDS, dateNumberWordsHash, dateNumberWordsTable),
  resource(dateIds.TIME_UNITS, timeUnitsHash, timeUnitsTable),
  resource(dateIds.RELATIVE_WORDS, relativeWordsHash, relativeWordsTable),
  resource(dateIds.YEAR_CONTEXT, yearContextHash, yearContextTable),
  resource(REPORTING_VERBS, reportingVerbsHash, reportingVerbsTable),
  resource(IRREGULAR_VERBS, irregularVerbsHash, irregularVerbsTable),
  resource(SPEAKER_WORDS, speakerWordsHash, speakerWordsTable),
  resource(WORD_CLASSES, wordClassesHash, wordClassesTable),
  resource(REPORTING_NOUNS, reportingNounsHash, reportingNounsTable),
  resource(NUMBER_WORDS, numberWordsHash, numberWordsTable),
  resource(MULTIPLIERS, multipliersHash, multipliersTable),
  resource(UNITS, unitsHash, unitsTable),
  resource(APPROXIMATION_CUES, approximationCuesHash, approximationCuesTable),
  resource(COUNTED_HEADS, countedHeadsHash, countedHeadsTable),
  resource(COUNTED_LEMMAS, countedLemmasHash, countedLemmasTable),
  resource(CLAIM_VERBS, claimVerbsHash, claimVerbsTable),
  resource(NON_FIGURE_CUES, nonFigureCuesHash, nonFigureCuesTable),
  resource(TITLES, titlesHash, titlesTable),
  resource(ROLE_NOUNS, roleNounsHash, roleNounsTable),
  resource(NAME_VARIANTS, nameVariantsHash, nameVariantsTable),
  resource(PRONOUNS, pronounsHash, pronounsTable),
  resource(ALIAS_WORD_CLASSES, aliasWordClassesHash, aliasWordClassesTable),
  resource(framingIds.FRAMING_WORDS, framingWordsHash, framingWordsTable),
  resource(framingIds.CUE_VERBS, cueVerbsHash, cueVerbsTable),
  resource(framingIds.CONTEXTS, contextsHash, contextsTable),
  resource(framingIds.CONTEXT_WORDS, contextWordsHash, contextWordsTable),
  resource(eventIds.TRIGGERS, triggersHash, triggersTable),
  resource(eventIds.CONTEXTS, eventContextsHash, eventContextsTable),
  resource(eventIds.BLOCKERS, blockersHash, blockersTable),
  resource(eventIds.MODALITY, modalityHash, modalityTable),
  resource(eventIds.STATEMENT_PLOVER, statementPloverHash, statementPloverTable),
  resource(CLAIM_WORDS, claimWordsHash, claimWordsTable),
  // The user's alias table: empty here; `claimtrace analyze --aliases FILE` replaces it (src/engine/load-aliases.ts).
  resource(USER_ALIASES, EMPTY_ALIAS_TABLE_HASH, EMPTY_ALIAS_TABLE),
];
