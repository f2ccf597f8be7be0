/**
 * The user's alias table as the analysis sees it: already parsed and checked by the engine
 * (`src/engine/load-aliases.ts` reads the YAML file), handed over as the resource
 * `resolve-aliases/user-aliases`. Without `--aliases` the engine hands over the empty table.
 */
export type EntityType = 'person' | 'organization' | 'place' | 'group' | 'other';

export const ENTITY_TYPES: readonly EntityType[] = ['person', 'organization', 'place', 'group', 'other'];

/** Names that are one entity: `name` is the canonical name, `aliases` the other written forms. */
export interface AliasJoin {
  readonly name: string;
  readonly type: EntityType | null;
  readonly aliases: readonly string[];
}

export interface AliasTable {
  readonly join: readonly AliasJoin[];
  /** Each group lists names that are different entities and are never merged with each other. */
  readonly apart: readonly (readonly string[])[];
}

export const EMPTY_ALIAS_TABLE: AliasTable = Object.freeze({ join: Object.freeze([]), apart: Object.freeze([]) });

/** sha256 of the empty text: the hash of the table when no file is given. */
export const EMPTY_ALIAS_TABLE_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
