/**
 * The resources detect-entities reads: the trained model (loaded by the engine from
 * models/entities.model) and the gazetteer tables of `data/` (handed over by `../resources.ts`).
 */
import type { SequenceTagger } from '../../learn/sequence-tagger.js';
import type { CommonWordsRow, FirstNamesRow, GroupsRow, NameInnerWordsRow, OrgSuffixesRow, PlaceWordsRow, PlacesRow, PronounWordsRow, TitleSmallWordsRow } from '../resources.js';

declare module '../../core/resources.js' {
  interface ResourceMap {
    'detect-entities/model': SequenceTagger;
    'detect-entities/first-names': readonly FirstNamesRow[];
    'detect-entities/org-suffixes': readonly OrgSuffixesRow[];
    'detect-entities/place-words': readonly PlaceWordsRow[];
    'detect-entities/places': readonly PlacesRow[];
    'detect-entities/groups': readonly GroupsRow[];
    'detect-entities/pronoun-words': readonly PronounWordsRow[];
    'detect-entities/title-small-words': readonly TitleSmallWordsRow[];
    'detect-entities/name-inner-words': readonly NameInnerWordsRow[];
    'detect-entities/common-words': readonly CommonWordsRow[];
  }
}

export const ENTITY_MODEL = 'detect-entities/model';
export const FIRST_NAMES = 'detect-entities/first-names';
export const ORG_SUFFIXES = 'detect-entities/org-suffixes';
export const PLACE_WORDS = 'detect-entities/place-words';
export const PLACES = 'detect-entities/places';
export const GROUPS = 'detect-entities/groups';
export const PRONOUN_WORDS = 'detect-entities/pronoun-words';
export const TITLE_SMALL_WORDS = 'detect-entities/title-small-words';
/** Words scored inside names without a capital or a digit (not a feature of the model; tag-tokens.ts). */
export const NAME_INNER_WORDS = 'detect-entities/name-inner-words';
/** Words CoNLL-2003 train writes in lower case and never capitalised in a name (not a feature of the model; decision 0121). */
export const COMMON_WORDS = 'detect-entities/common-words';

export const GAZETTEER_RESOURCES = [FIRST_NAMES, ORG_SUFFIXES, PLACE_WORDS, PLACES, GROUPS, TITLE_SMALL_WORDS] as const;
export const DETECT_ENTITIES_RESOURCES = [ENTITY_MODEL, ...GAZETTEER_RESOURCES, PRONOUN_WORDS, NAME_INNER_WORDS, COMMON_WORDS] as const;
