/**
 * Which entity keys of different documents name one corpus entity. The entity key of resolve-aliases
 * (`type:normalised canonical name`) is the starting point; across documents the corpus also joins:
 * - the same name under another type (one article's detector says Boeing is a place, another's an
 *   organisation): the key's name part decides, the corpus entity takes the most frequent type;
 * - a company name with and without its legal form or descriptor ("Apple Inc.", "Apple Computer",
 *   "Apple"; "Ford Motor Company", "Ford"), from the word list `data/name-words.tsv`;
 * - a name and the aliases its document merged into it ("General Motors" with "GM", "Apple Computer"
 *   with "Apple"). A person's one-word alias (a surname) is not used across documents: "Ford" the
 *   company must not join "Harrison Ford".
 */
import { nameWordsTable } from './data/name-words.generated.js';
import { UnionFind } from './union-find.js';

const wordsOfKind = (kind: string) => new Set(nameWordsTable.filter((row) => row.kind === kind).map((row) => row.word));
/** Legal forms and company descriptors dropped at the end of a name (a person's name rarely ends in one). */
const LEGAL_FORMS = wordsOfKind('legal-form');
const DESCRIPTORS = wordsOfKind('descriptor');
const PRONOUNS = wordsOfKind('pronoun');

/** The name part of a key or a written name, folded: lower case, no punctuation, no leading "the", no legal form. */
export function nameForm(name: string): string {
  const words = name
    .toLowerCase()
    .replace(/[’']s$/, '')
    .replace(/\s*-\s*/g, '-')
    .replace(/[^\p{L}\p{N}&'’ -]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
  if (words[0] === 'the') words.shift();
  while (words.length > 1 && (LEGAL_FORMS.has(words[words.length - 1]!) || DESCRIPTORS.has(words[words.length - 1]!))) words.pop();
  return words.join(' ');
}

export class EntityNames {
  private readonly sets = new UnionFind();
  private readonly ids = new Map<string, number>();

  private id(form: string): number {
    let id = this.ids.get(form);
    if (id === undefined) this.ids.set(form, (id = this.sets.add()));
    return id;
  }

  /** Registers one document's entity: its key and its aliases; returns the id of its name. */
  add(key: string, type: string, aliases: readonly string[]): number {
    const person = type === 'person';
    const form = nameForm(key.slice(key.indexOf(':') + 1));
    const id = this.id(form);
    for (const alias of aliases) {
      if (!/^\p{Lu}/u.test(alias) || PRONOUNS.has(alias.toLowerCase())) continue;
      const aliasForm = nameForm(alias);
      if (aliasForm === '' || aliasForm === form) continue;
      if (type === 'person' && !aliasForm.includes(' ')) continue;
      this.sets.union(id, this.id(aliasForm));
    }
    return id;
  }

  /** The corpus entity (set) of a name id. */
  setOf(id: number): number {
    return this.sets.find(id);
  }

  /** The corpus entity of an entity key, or -1 for a key never added. */
  setOfKey(key: string): number {
    const id = this.ids.get(nameForm(key.slice(key.indexOf(':') + 1)));
    return id === undefined ? -1 : this.sets.find(id);
  }
}
