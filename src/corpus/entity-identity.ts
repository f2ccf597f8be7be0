/**
 * Which entity keys, and which written mentions, of different documents name one real entity: the
 * second set of cross-document identity rules, written from the errors on the train topics of
 * MEANTIME only (airbus and apple; see decision 0059). Each rule is a corpus-level repair of what
 * one document's analysis cannot know:
 *
 * 1. **One name, one entity, whatever the type.** One article's detector calls Boeing a place,
 *    another a person, a third an organisation; the key's name part decides.
 * 2. **Legal forms** ("Apple Inc.", "Aer Lingus Group plc", "AirTanker Ltd") are dropped
 *    (ISO 20275 list in `data/name-words.tsv`). **Descriptors** ("Apple Computer", "AirTran
 *    Airways"; `data/identity-descriptors.tsv`) are dropped only when the short name is itself known
 *    in the corpus as something other than a place: "Singapore Airlines" never joins Singapore.
 * 3. **Acronyms.** A name of 2 to 6 capitals (USAF, EADS) joins the one organisation whose leading
 *    initials spell it (United States Air Force) or whose name holds it as a word ("European
 *    Aeronautic Defence and Space Company EADS N.V."); with two such organisations it joins none.
 * 4. **Descriptor phrases in front of a name.** A detector that reads "European airframer Airbus" or
 *    "Airbus parent EADS" as one entity named "European" or "Airbus" is corrected per mention: a
 *    mention whose span holds a corpus name other than its entity's own is that name's mention
 *    (`mentionKey`).
 *
 * Pure and deterministic: the answer depends only on the keys added, not on their order.
 */
import { identityDescriptorsTable } from './data/identity-descriptors.generated.js';
import { nameWordsTable } from './data/name-words.generated.js';
import { UnionFind } from './union-find.js';

const LEGAL_FORMS = new Set(nameWordsTable.filter((row) => row.kind === 'legal-form').map((row) => row.word));
const PRONOUNS = new Set(nameWordsTable.filter((row) => row.kind === 'pronoun').map((row) => row.word));
const DESCRIPTORS = new Set(identityDescriptorsTable.map((row) => row.word));
/** Words skipped when initials are read off a name ("Defence and Space"). */
const INITIAL_SKIP = new Set(['and', 'of', 'the', '&', 'for']);
const ACRONYM = /^[a-z]{2,6}$/;
const MAX_NAME_WORDS = 6;
const CAPITALISED_RUN = /\p{Lu}[\p{L}\p{N}&'’.-]*(?:[ \t]+\p{Lu}[\p{L}\p{N}&'’.-]*)*/gu;

/** A name folded for comparison: lower case, punctuation dropped, no leading "the", no trailing legal form. */
export function identityForm(name: string): string {
  const words = name
    .toLowerCase()
    .replace(/[’']s$/, '')
    .replace(/\./g, '')
    .replace(/[^\p{L}\p{N}&'’ -]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
  if (words[0] === 'the') words.shift();
  while (words.length > 1 && LEGAL_FORMS.has(words[words.length - 1]!)) words.pop();
  return words.join(' ');
}

function nameOfKey(key: string): string {
  return key.slice(key.indexOf(':') + 1);
}

function typeOfKey(key: string): string {
  return key.slice(0, Math.max(0, key.indexOf(':')));
}

export interface MentionName {
  start: number;
  end: number;
  form: string;
}

export class CorpusIdentity {
  private readonly forms = new Map<string, Set<string>>();
  private sets: UnionFind | null = null;
  private ids = new Map<string, number>();

  /** Distinct (name, acronym) pairs: a corpus of copies repeats them once per document. */
  private readonly acronymAliases: [string, string][] = [];
  private readonly acronymPairs = new Set<string>();

  /**
   * Registers an entity key of some document, with the names its document merged into it: an
   * acronym among them ("Singapore Airlines ( SIA )") joins the name across the corpus (rule 3).
   */
  add(key: string, aliases: readonly string[] = []): void {
    const form = identityForm(nameOfKey(key));
    if (form === '' || PRONOUNS.has(form)) return;
    let types = this.forms.get(form);
    if (!types) this.forms.set(form, (types = new Set()));
    types.add(typeOfKey(key));
    for (const alias of aliases) {
      if (!/^\p{Lu}{2,6}$/u.test(alias.trim())) continue;
      const acronym = alias.trim().toLowerCase();
      if (acronym !== form && !this.acronymPairs.has(`${form}\u0000${acronym}`)) {
        this.acronymPairs.add(`${form}\u0000${acronym}`);
        this.acronymAliases.push([form, acronym]);
      }
      let aliasTypes = this.forms.get(acronym);
      if (!aliasTypes) this.forms.set(acronym, (aliasTypes = new Set()));
      aliasTypes.add(typeOfKey(key));
    }
    this.sets = null;
  }

  /** The joins, computed once after the last `add` (they depend on every form the corpus knows). */
  private build(): { sets: UnionFind; ids: Map<string, number> } {
    if (this.sets) return { sets: this.sets, ids: this.ids };
    const sets = new UnionFind();
    const ids = new Map<string, number>();
    const forms = [...this.forms.keys()].sort();
    for (const form of forms) ids.set(form, sets.add());
    const knownAsNonPlace = (form: string) => [...(this.forms.get(form) ?? [])].some((type) => type !== 'place');
    const organisations = forms.filter((form) => this.forms.get(form)!.has('organization') || this.forms.get(form)!.has('other') || this.forms.get(form)!.has('person'));
    for (const form of forms) {
      // Rule 2: descriptors at the end, when the short name is known as a non-place.
      const words = form.split(' ');
      while (words.length > 1 && DESCRIPTORS.has(words[words.length - 1]!)) {
        words.pop();
        const short = words.join(' ');
        if (ids.has(short) && knownAsNonPlace(short)) {
          sets.union(ids.get(form)!, ids.get(short)!);
          break;
        }
      }
    }
    // Rule 3: acronyms, joined only when one organisation fits.
    const spelling = new Map<string, string[]>();
    for (const other of organisations) {
      for (const acronym of acronymsOf(other)) {
        const list = spelling.get(acronym);
        if (list) list.push(other);
        else spelling.set(acronym, [other]);
      }
    }
    for (const form of forms) {
      if (!ACRONYM.test(form) || ![...this.forms.get(form)!].some((type) => type !== 'place')) continue;
      const fits = (spelling.get(form) ?? []).filter((other) => other !== form);
      if (fits.length === 1) sets.union(ids.get(form)!, ids.get(fits[0]!)!);
    }
    for (const [form, acronym] of [...this.acronymAliases].sort()) sets.union(ids.get(form)!, ids.get(acronym)!);
    this.sets = sets;
    this.ids = ids;
    return { sets, ids };
  }

  /** The corpus entity of a key (rule 1: the type is not part of it), or -1 for a key never added. */
  setOfKey(key: string): number {
    const { sets, ids } = this.build();
    const id = ids.get(identityForm(nameOfKey(key)));
    return id === undefined ? -1 : sets.find(id);
  }

  /**
   * Corpus names written in `text` between `start` and `end`: runs of capitalised words matched
   * longest first against the name forms of corpus organisations and people of two or more words
   * (a surname alone may be anyone's). Offsets are UTF-16.
   */
  namesIn(text: string, start = 0, end = text.length): MentionName[] {
    const found: MentionName[] = [];
    const slice = text.slice(start, end);
    for (const run of slice.matchAll(CAPITALISED_RUN)) {
      const words = [...run[0].matchAll(/\S+/g)].map((w) => ({ start: start + run.index! + w.index!, end: start + run.index! + w.index! + w[0].length }));
      for (let i = 0; i < words.length; ) {
        let matched = 0;
        for (let j = Math.min(words.length, i + MAX_NAME_WORDS); j > i; j--) {
          let to = words[j - 1]!.end;
          const last = text.slice(words[j - 1]!.start, to);
          const trimmed = last.replace(/(?:[’']s?|[.,;:])$/u, '');
          if (trimmed.length > 0) to -= last.length - trimmed.length;
          const form = identityForm(text.slice(words[i]!.start, to));
          const types = this.forms.get(form);
          if (types && form.length > 1 && (types.has('organization') || types.has('other') || (types.has('person') && form.includes(' ')))) {
            found.push({ start: words[i]!.start, end: to, form });
            matched = j - i;
            break;
          }
        }
        i += matched || 1;
      }
    }
    return found;
  }

  /**
   * Rule 4: the corpus entity of one written mention. `entityKey` is the key its document's analysis
   * gave the entity whose mention span is [spanStart, spanEnd); [atStart, atEnd) is the part of the
   * text asked about (the whole span, or a word in it). The last corpus name in the span that
   * overlaps it is the mention's entity (the head of "European airframer Airbus", "Airbus parent
   * EADS"); with none, the entity's own.
   */
  mentionSet(text: string, entityKey: string, spanStart: number, spanEnd: number, atStart = spanStart, atEnd = spanEnd): number {
    let last: MentionName | null = null;
    for (const name of this.namesIn(text, Math.min(spanStart, atStart), Math.max(spanEnd, atEnd))) if (Math.min(name.end, atEnd) > Math.max(name.start, atStart)) last = name;
    return last ? this.setOfForm(last.form) : this.setOfKey(entityKey);
  }

  /**
   * Rule 5: a single capitalised word that is the short form of a longer corpus name written in the
   * same text ("Lockheed" after "Lockheed Martin", "Papermaster" after "Mark Papermaster"): the first
   * word of one organisation or the last word of one person named in `text`; -1 when none or two fit.
   */
  shortFormSet(text: string, atStart: number, atEnd: number): number {
    const word = identityForm(text.slice(atStart, atEnd));
    if (word === '' || word.includes(' ') || PRONOUNS.has(word)) return -1;
    const fits = new Set<number>();
    for (const name of this.namesIn(text)) {
      const words = name.form.split(' ');
      if (words.length < 2) continue;
      const types = this.forms.get(name.form)!;
      const organisation = types.has('organization') || types.has('other');
      if ((organisation && words[0] === word) || (types.has('person') && words[words.length - 1] === word)) fits.add(this.setOfForm(name.form));
    }
    return fits.size === 1 ? [...fits][0]! : -1;
  }

  setOfForm(form: string): number {
    const { sets, ids } = this.build();
    const id = ids.get(form);
    return id === undefined ? -1 : sets.find(id);
  }
}

/**
 * The acronyms a name of two or more words stands for: its words of 2 to 6 letters ("... Company EADS
 * N.V."), and the leading initials of its words ("and", "of", "the" skipped), whole or short of at
 * most two trailing words ("United States Air Force" -> USAF; "European Aeronautic Defence and
 * Space Company" -> EADS).
 */
function acronymsOf(name: string): Set<string> {
  const out = new Set<string>();
  const words = name.split(' ');
  if (words.length < 2) return out;
  for (const word of words) if (ACRONYM.test(word)) out.add(word);
  const initials = words.filter((w) => !INITIAL_SKIP.has(w)).map((w) => w[0]).join('');
  for (let n = Math.max(2, initials.length - 2); n <= Math.min(6, initials.length); n++) out.add(initials.slice(0, n));
  return out;
}
