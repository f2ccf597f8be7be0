/**
 * The resources resolve-aliases reads, declared for `context.resources`. The TSV tables in `data/` are
 * handed over by `../resources.ts`; the user's alias table by the engine (empty unless `--aliases`).
 */
import type { NameVariantsRow, PronounsRow, RoleNounsRow, TitlesRow, AliasWordClassesRow } from '../resources.js';
import type { AliasTable } from './alias-table.js';
import { FIRST_NAMES, ORG_SUFFIXES, PLACES } from '../detect-entities/resource-ids.js';
import { HOLIDAYS, RELATIVE_WORDS } from '../extract-dates/resource-ids.js';

declare module '../../core/resources.js' {
  interface ResourceMap {
    'resolve-aliases/titles': readonly TitlesRow[];
    'resolve-aliases/role-nouns': readonly RoleNounsRow[];
    'resolve-aliases/name-variants': readonly NameVariantsRow[];
    'resolve-aliases/pronouns': readonly PronounsRow[];
    'resolve-aliases/word-classes': readonly AliasWordClassesRow[];
    'resolve-aliases/user-aliases': AliasTable;
  }
}

export const TITLES = 'resolve-aliases/titles';
export const ROLE_NOUNS = 'resolve-aliases/role-nouns';
export const NAME_VARIANTS = 'resolve-aliases/name-variants';
export const PRONOUNS = 'resolve-aliases/pronouns';
export const ALIAS_WORD_CLASSES = 'resolve-aliases/word-classes';
/** The user's alias table (`claimtrace analyze --aliases FILE`). */
export const USER_ALIASES = 'resolve-aliases/user-aliases';

/**
 * detect-entities' one-word places and organisation suffixes: words that never end an office holder's name
 * (`officeHolderName`); its first names: a one-word name that is one stays a person (decision 0130);
 * extract-dates' holidays: a mention that is one is a date, not a name; its time zones (`relative-words`, kind
 * `zone`): one written right after a time (`1137 UTC`) is part of the time, not a name.
 */
export const RESOLVE_ALIASES_RESOURCES = [TITLES, ROLE_NOUNS, NAME_VARIANTS, PRONOUNS, ALIAS_WORD_CLASSES, USER_ALIASES, PLACES, ORG_SUFFIXES, HOLIDAYS, FIRST_NAMES, RELATIVE_WORDS] as const;
