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

/** Longest name, in words, looked up in a document's text. */
const MAX_NAME_WORDS = 5;
/** A run of capitalised words (with "&", "'s"-free inner apostrophes, dots and hyphens). */
const CAPITALISED_RUN = /\p{Lu}[\p{L}\p{N}&'’.-]*(?:[ \t]+\p{Lu}[\p{L}\p{N}&'’.-]*)*/gu;

export interface NameInText {
  start: number;
  end: number;
  /** The folded name form found, and the key of the first entity registered under it. */
  form: string;
  key: string;
}

export class EntityNames {
  private readonly sets = new UnionFind();
  private readonly ids = new Map<string, number>();
  /** Name forms of people (two or more words) and organisations, from entity keys: what `findNames` looks for. */
  private readonly lookupForms = new Map<string, string>();

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
    if ((type === 'organization' || (person && form.includes(' '))) && form.length > 1 && !PRONOUNS.has(form) && !this.lookupForms.has(form)) this.lookupForms.set(form, key);
    for (const alias of aliases) {
      if (!/^\p{Lu}/u.test(alias) || PRONOUNS.has(alias.toLowerCase())) continue;
      const aliasForm = nameForm(alias);
      if (aliasForm === '' || aliasForm === form) continue;
      if (type === 'person' && !aliasForm.includes(' ')) continue;
      this.sets.union(id, this.id(aliasForm));
    }
    return id;
  }

  /**
   * The names of corpus people and organisations written in a text as capitalised words: "Apple" in a
   * document whose own analysis did not mark it, because another document's analysis knows Apple as
   * an organisation. Longest match first within each capitalised run; a person is looked up by two or
   * more words only (a surname alone may be anyone's). Spans are UTF-16 offsets into `text`.
   */
  findNames(text: string): NameInText[] {
    const found: NameInText[] = [];
    if (this.lookupForms.size === 0) return found;
    for (const run of text.matchAll(CAPITALISED_RUN)) {
      const words = [...run[0].matchAll(/\S+/g)].map((w) => ({ start: run.index! + w.index!, end: run.index! + w.index! + w[0].length, text: w[0] }));
      for (let i = 0; i < words.length; ) {
        let matched = 0;
        for (let j = Math.min(words.length, i + MAX_NAME_WORDS); j > i; j--) {
          let end = words[j - 1]!.end;
          // A trailing possessive or full stop is not part of the name.
          const last = text.slice(words[j - 1]!.start, end);
          const trimmed = last.replace(/(?:[’']s?|\.)$/u, '');
          if (trimmed.length > 0) end -= last.length - trimmed.length;
          const form = nameForm(text.slice(words[i]!.start, end));
          const key = this.lookupForms.get(form);
          if (key !== undefined) {
            found.push({ start: words[i]!.start, end, form, key });
            matched = j - i;
            break;
          }
        }
        i += matched || 1;
      }
    }
    return found;
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
