/**
 * Names the recogniser leaves incomplete, completed from the document itself (decision 0084):
 *
 * - **Particles**: a person's name that the model ends just before a name particle is extended over it
 *   (`Nabil Hasan` + `al-Quaety`, `Abdel Fattah` + `el-Sisi`, `Osama` + `bin Laden`). The particles are the
 *   `name-particle` and `name-particle-prefix` words of `data/alias-word-classes.tsv`.
 * - **Surnames the model missed**: after a person's full name, a capitalised word equal to its surname
 *   (`Chetwynd also praised…`), or an honorific and the surname (`Mr Ebbers could face…`), is a mention of that
 *   person. Not when two people of the document share the surname, when the word is part of another mention
 *   or of a longer capitalised name, right after a determiner (`a Glazer bid`, `the Campbell family`: the
 *   `surname-blocker` words), nor, without a title, when the document also writes the word in lower case
 *   (`a hybrid Bill` beside `the bill`, `A Mini One` beside `one`: a common word there).
 *
 * Both read only the text and the mentions; the surnames of a document are indexed once, and each is found
 * with one native string search.
 */
import type { Finding } from '../../core/finding.js';
import { resourceValue, type Resources } from '../../core/resources.js';
import { spanAt } from '../../core/span.js';
import { derivedFrom } from '../memo.js';
import type { AliasWordClassesRow } from '../resources.js';
import type { EntityType } from './alias-table.js';
import type { AliasLexicon, Gender } from './lexicon.js';
import { isApostropheCode } from './names.js';
import { ALIAS_WORD_CLASSES } from './resource-ids.js';
import { firstAtOrAfter } from '../../core/search.js';

export interface NameWordClasses {
  /** Particles written as a word of their own, lower case: `bin`, `van`, `de`. */
  readonly particles: ReadonlySet<string>;
  /** Particles joined to the next part by a hyphen, lower case with the hyphen: `al-`, `el-`. */
  readonly prefixes: readonly string[];
  /** Determiners and possessives after which a surname-like word is a common noun or a modifier. */
  readonly blockers: ReadonlySet<string>;
  /** Prepositions after which a one-word name is a place, not a person (`in Westminster`). */
  readonly placePrepositions: ReadonlySet<string>;
}

export const nameWordClasses = derivedFrom((rows: readonly AliasWordClassesRow[]): NameWordClasses => {
  const particles = new Set<string>();
  const prefixes: string[] = [];
  const blockers = new Set<string>();
  const placePrepositions = new Set<string>();
  for (const row of rows) {
    if (row.class === 'name-particle') particles.add(row.word);
    else if (row.class === 'name-particle-prefix') prefixes.push(row.word);
    else if (row.class === 'surname-blocker') blockers.add(row.word);
    else if (row.class === 'place-preposition') placePrepositions.add(row.word);
  }
  return { particles, prefixes, blockers, placePrepositions };
});

const isUpperCode = (c: number): boolean => (c >= 65 && c <= 90) || (c > 127 && String.fromCharCode(c).toLowerCase() !== String.fromCharCode(c));
const isLowerCode = (c: number): boolean => (c >= 97 && c <= 122) || (c > 127 && String.fromCharCode(c).toUpperCase() !== String.fromCharCode(c));
/** A letter, a digit, or a mark or letter outside ASCII: what continues a word. */
function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c > 127 && /[\p{L}\p{M}\p{N}]/u.test(String.fromCharCode(c)));
}
/** Spaces and tabs (no line break): what may stand between the words of one name. */
const isBlank = (c: number): boolean => c === 32 || c === 9 || c === 0xa0;

/** End of the name word starting at `at` (letters, marks, digits, inner hyphens and apostrophes). */
function nameWordEnd(text: string, at: number): number {
  let end = at;
  for (;;) {
    while (end < text.length && isWordCode(text.charCodeAt(end))) end++;
    const c = text.charCodeAt(end);
    if ((c === 45 || isApostropheCode(c)) && end + 1 < text.length && isWordCode(text.charCodeAt(end + 1)) && !(isApostropheCode(c) && text.charCodeAt(end + 1) === 115 && !isWordCode(text.charCodeAt(end + 2)))) {
      end++;
      continue;
    }
    return end;
  }
}

/** The prefix particle (`al-`) that `word` opens with, followed by a capital letter; null otherwise. */
function prefixParticle(classes: NameWordClasses, text: string, at: number): string | null {
  for (const prefix of classes.prefixes) {
    if (text.length < at + prefix.length + 1) continue;
    if (text.slice(at, at + prefix.length).toLowerCase() !== prefix) continue;
    if (isUpperCode(text.charCodeAt(at + prefix.length))) return prefix;
  }
  return null;
}

/**
 * The end of a person's name extended over the particles after it (`Nabil Hasan` → `Nabil Hasan al-Quaety`,
 * `Osama` → `Osama bin Laden`, `Ruud` → `Ruud van Nistelrooy`), or -1 when none follows. The name part after
 * the particle must be capitalised and start no other mention.
 */
function particleEnd(classes: NameWordClasses, text: string, end: number, mentionStarts: ReadonlySet<number>): number {
  let at = end;
  while (at < text.length && isBlank(text.charCodeAt(at))) at++;
  if (at === end || mentionStarts.has(at) || !isLowerCode(text.charCodeAt(at))) return -1;
  // `al-Quaety`, `el-Sisi`.
  if (prefixParticle(classes, text, at) !== null) return nameWordEnd(text, at);
  // `bin Laden`, `van der Sar`: one or more particle words, then a capitalised word.
  let cursor = at;
  for (;;) {
    const wordEnd = nameWordEnd(text, cursor);
    const word = text.slice(cursor, wordEnd);
    if (!classes.particles.has(word)) break;
    let next = wordEnd;
    while (next < text.length && isBlank(text.charCodeAt(next))) next++;
    if (next === wordEnd || mentionStarts.has(next)) return -1;
    cursor = next;
    if (isUpperCode(text.charCodeAt(cursor))) {
      const last = nameWordEnd(text, cursor);
      // One capital and lower-case letters after it: a name part, not an acronym or an initial.
      return last - cursor >= 2 && isLowerCode(text.charCodeAt(cursor + 1)) ? last : -1;
    }
  }
  return -1;
}

/**
 * The detect-entities mentions with each person's name extended over a particle the model left out; the
 * same array when none was.
 */
export function extendOverParticles(classes: NameWordClasses, text: string, found: readonly Finding[], mentionStarts: ReadonlySet<number>): readonly Finding[] {
  let out: Finding[] | null = null;
  for (let i = 0; i < found.length; i++) {
    const f = found[i]!;
    if ((f.data as { type?: string }).type !== 'person') continue;
    const end = particleEnd(classes, text, f.span.end, mentionStarts);
    if (end < 0) continue;
    out ??= found.slice();
    out[i] = { ...f, span: spanAt(text, f.span.start, end) };
  }
  return out ?? found;
}

/** What the surname rule reads of a mention: its span, its type and its name without titles. */
export interface NamedMention {
  readonly span: { readonly start: number; readonly end: number };
  readonly type: EntityType;
  readonly name: string;
  /** The name folded (`names.ts`): as one string, and its space-separated words. */
  readonly keys: { readonly folded: string; readonly fold: readonly string[] };
}

/** A mention found by the surname rule: the surname's span (possessive left out) and what was written before it. */
export interface SurnameMention {
  readonly start: number;
  readonly end: number;
  readonly name: string;
  readonly honorific: boolean;
  readonly gender: Gender;
  readonly possessive: boolean;
}

interface Surname {
  /** As written in the full name: `Chetwynd`, `al-Quaety`, `bin Laden`. */
  readonly written: string;
  /** End of the first full name with this surname: only later words are looked at. */
  firstEnd: number;
  /** The folded first word of the first full name. */
  readonly firstWord: string;
  /**
   * Start of the first full name of another person with this surname (two full names starting with different
   * words: two people), from where the surname alone may name either; Infinity while one person has it.
   */
  sharedFrom: number;
}

/** Quotation marks and brackets before a word. */
const LEADING_MARKS = /^[^\p{L}\p{N}]+/u;

/** True when `word` is written in the text in lower case as a word of its own: a common word there. */
export function writtenLowerCase(text: string, word: string): boolean {
  const lower = word.toLowerCase();
  if (lower === word) return false;
  for (let at = text.indexOf(lower); at >= 0; at = text.indexOf(lower, at + 1)) {
    if ((at === 0 || !isWordCode(text.charCodeAt(at - 1))) && !isWordCode(text.charCodeAt(at + lower.length))) return true;
  }
  return false;
}

/** The word before `at` on its line, with the blanks between; null at a line start or after punctuation. */
function wordBefore(text: string, at: number): { start: number; end: number } | null {
  let end = at;
  while (end > 0 && isBlank(text.charCodeAt(end - 1))) end--;
  if (end === at || end === 0) return null;
  let start = end;
  while (start > 0 && !isBlank(text.charCodeAt(start - 1)) && text.charCodeAt(start - 1) !== 10 && text.charCodeAt(start - 1) !== 13) start--;
  return start < end ? { start, end } : null;
}

/** True when the span of an item of `items` (sorted by start) overlaps [start, end). */
function overlapsSorted(items: readonly { readonly span: { readonly start: number; readonly end: number } }[], start: number, end: number): boolean {
  const lo = firstAtOrAfter(items.length, (i) => items[i]!.span.start, end);
  // Mentions are short: a few steps back find any that reaches past `start`.
  for (let i = lo - 1, steps = 0; i >= 0 && steps < 16; i--, steps++) if (items[i]!.span.end > start) return true;
  return false;
}

/**
 * Surnames of persons written in full earlier in the document, found in the text where no mention covers
 * them (see the module comment for the guards).
 */
export function surnameMentions(
  lex: AliasLexicon,
  classes: NameWordClasses,
  text: string,
  mentions: readonly NamedMention[],
  covered: readonly { readonly span: { readonly start: number; readonly end: number } }[],
): SurnameMention[] {
  let surnames: Map<string, Surname> | null = null;
  for (const m of mentions) {
    const fold = m.keys.fold;
    if (m.type !== 'person' || fold.length < 2) continue;
    // The surname with the particles before it (`bin Laden`, `van der Sar`); most names have none.
    let s = fold.length - 1;
    while (s > 1 && (classes.particles.has(fold[s - 1]!) || classes.prefixes.includes(fold[s - 1]!))) s--;
    const key = s === fold.length - 1 ? fold[s]! : fold.slice(s).join(' ');
    let entry = surnames?.get(key);
    if (!entry) {
      const words = s === fold.length - 1 ? null : m.name.split(' ');
      const written = words === null ? m.name.slice(m.name.lastIndexOf(' ') + 1) : words.slice(words.length - (fold.length - s)).join(' ');
      if (!looksLikeSurname(written) || (!isUpperCode(written.charCodeAt(0)) && s === fold.length - 1 && prefixParticle(classes, written, 0) === null)) continue;
      (surnames ??= new Map()).set(key, { written, firstEnd: m.span.end, firstWord: fold[0]!, sharedFrom: Infinity });
      continue;
    }
    if (m.span.end < entry.firstEnd) entry.firstEnd = m.span.end;
    if (fold[0] !== entry.firstWord && m.span.start < entry.sharedFrom) entry.sharedFrom = m.span.start;
  }
  if (surnames === null) return [];
  // Folded words that name something else in the document: a person's given names (not the surname: a lone
  // `Ebbers` is the person), every word of other names. Built on first use.
  let otherWords: Set<string> | null = null;
  const namesOther = (word: string): boolean => {
    if (otherWords === null) {
      otherWords = new Set();
      for (const m of mentions) {
        const fold = m.keys.fold;
        const last = m.type === 'person' ? fold.length - 1 : fold.length;
        for (let i = 0; i < last; i++) otherWords.add(fold[i]!);
      }
    }
    return otherWords.has(word);
  };
  const out: SurnameMention[] = [];
  for (const [key, entry] of surnames) {
    // A surname two people share is looked for only before the second person's full name is written.
    const until = Math.min(entry.sharedFrom, text.length);
    let other: boolean | null = null;
    let common: boolean | null = null;
    const forms = isLowerCode(entry.written.charCodeAt(0)) ? [entry.written, entry.written[0]!.toUpperCase() + entry.written.slice(1)] : [entry.written];
    for (const form of forms) {
      for (let at = text.indexOf(form, entry.firstEnd); at >= 0 && at < until; at = text.indexOf(form, at + 1)) {
        const end = at + form.length;
        if (at > 0 && (isWordCode(text.charCodeAt(at - 1)) || text.charCodeAt(at - 1) === 45 || isApostropheCode(text.charCodeAt(at - 1)))) continue;
        const after = text.charCodeAt(end);
        if (isWordCode(after)) continue;
        if (after === 45 && isWordCode(text.charCodeAt(end + 1))) continue;
        let possessive = false;
        let next = end;
        if (isApostropheCode(after)) {
          const mark = apostropheAfter(text, end);
          if (mark === 'word' || mark === 'other') continue;
          possessive = true;
          next = mark === 'possessive' ? end + 2 : end + 1;
        }
        if (overlapsSorted(covered, at, end)) continue;
        // A word of another entity's name or a given name in the document.
        if ((other ??= namesOther(key))) break;
        // The next word capitalised: part of a longer name (`Blair House`, `Ford Motor`).
        let n = next;
        while (n < text.length && isBlank(text.charCodeAt(n))) n++;
        if (n > next && isUpperCode(text.charCodeAt(n))) continue;
        let honorific = false;
        let gender: Gender = null;
        let titled = false;
        const before = wordBefore(text, at);
        if (before) {
          const word = text.slice(before.start, before.end);
          const title = lex.titles.get(word);
          if (title) {
            titled = true;
            honorific = title.kind === 'honorific';
            gender = title.gender;
          } else if (classes.blockers.has(word.toLowerCase())) continue;
          else if (lex.roleLastWords.has(word.toLowerCase())) titled = true;
          else if (isUpperCode(word.replace(LEADING_MARKS, '').charCodeAt(0))) {
            // `Hunter Biden` not recognised: a capitalised word before it that is no sentence opener, or a given
            // name of the document (a full name the model did not tag here).
            const endsClause = /[.!?:;,"”)\]]$/u.test(word);
            const bare = word.replace(LEADING_MARKS, '');
            if (!endsClause && (namesOther(bare.toLowerCase()) || !writtenLowerCase(text, bare))) continue;
          }
        }
        if (!titled) {
          common ??= writtenLowerCase(text, entry.written);
          if (common) continue;
        }
        out.push({ start: at, end, name: form, honorific, gender, possessive });
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * What the apostrophe at `end` (right after a name) makes of it: `'s` then no letter a `possessive`; after a final
 * `s`, no letter after it, a `plural-possessive` (`Jones'`); a letter after it, part of a `word` (`O'Brien`,
 * `I've`); otherwise `other` (a closing quotation mark).
 */
function apostropheAfter(text: string, end: number): 'possessive' | 'plural-possessive' | 'word' | 'other' {
  if (text.charCodeAt(end + 1) === 115 && !isWordCode(text.charCodeAt(end + 2))) return 'possessive';
  if (isWordCode(text.charCodeAt(end + 1))) return 'word';
  return text.charCodeAt(end - 1) === 115 ? 'plural-possessive' : 'other';
}

/** A surname worth looking for: two letters or more, a capital and a lower-case letter (not `BLAIR`, not `said`). */
function looksLikeSurname(written: string): boolean {
  if (written.length < 2) return false;
  let lower = false;
  let upper = false;
  for (let i = 0; i < written.length; i++) {
    const c = written.charCodeAt(i);
    if (isLowerCode(c)) lower = true;
    else if (isUpperCode(c)) upper = true;
  }
  // An apostrophe inside a name is followed by a capital (`O'Brien`, `D'Angelo`), not by `m` or `s` (`I'm`).
  for (let i = 1; i + 1 < written.length; i++) if (isApostropheCode(written.charCodeAt(i)) && !isUpperCode(written.charCodeAt(i + 1))) return false;
  return lower && upper;
}

/**
 * The one entry point for resolve-aliases: the detect-entities mentions with particles completed, and a
 * function that, given the read mentions (titles off), settles the type of one-word persons in place and
 * returns the surnames found in the text.
 */
export function completeNames(
  lex: AliasLexicon,
  resources: Resources,
  text: string,
  detected: readonly Finding[],
  mentionStarts: ReadonlySet<number>,
): { found: readonly Finding[]; complete: (read: readonly ReadMention[]) => SurnameMention[] } {
  const classes = nameWordClasses(resourceValue(resources, ALIAS_WORD_CLASSES));
  const found = extendOverParticles(classes, text, detected, mentionStarts);
  return {
    found,
    complete: (read) => {
      settleOneWordPersons(classes, text, read);
      // Every read mention lies inside its detect-entities span (titles and possessives off, particles on).
      return surnameMentions(lex, classes, text, read, sortedByStart(found));
    },
  };
}

/** A read mention whose type may be settled here. */
export interface ReadMention extends NamedMention {
  type: EntityType;
  readonly honorific: boolean;
  readonly possessive: boolean;
  readonly roles: readonly unknown[];
}

/**
 * A one-word name the model typed a person, with no title or role and not a word of a longer person's name
 * in the document, is not a person (decision 0084): where the document writes the same name as a place or an
 * organisation at least as often as a person, it takes that type (the more frequent; a place on a tie), and right after `in` or `at`
 * (`place-preposition`; not a possessive: `in Johnson's absence`) it is a place. `Westminster` in
 * `a speech in Westminster`, and beside `Westminster` typed a place.
 */
export function settleOneWordPersons(classes: NameWordClasses, text: string, mentions: readonly ReadMention[]): void {
  surnamesTypedOtherwise(mentions);
  let lone: ReadMention[] | null = null;
  for (const m of mentions) if (m.type === 'person' && !m.honorific && m.roles.length === 0 && m.keys.fold.length === 1) (lone ??= []).push(m);
  if (lone === null) return;
  // Words of longer person names: a lone `Brown` after `Gordon Brown` stays a person.
  const personWords = new Set<string>();
  for (const m of mentions) if (m.type === 'person' && m.keys.fold.length > 1) for (const w of m.keys.fold) personWords.add(w);
  const candidates: ReadMention[] = [];
  for (const m of lone) {
    if (personWords.has(m.keys.folded)) continue;
    // `in Westminster`, not `in Johnson's absence`.
    const end = m.span.end;
    const possessive = m.possessive || (isApostropheCode(text.charCodeAt(end)) && (text.charCodeAt(end + 1) === 115 || !isWordCode(text.charCodeAt(end + 1))));
    const before = possessive ? null : wordBefore(text, m.span.start);
    if (before && classes.placePrepositions.has(text.slice(before.start, before.end).toLowerCase())) m.type = 'place';
    else candidates.push(m);
  }
  if (candidates.length === 0) return;
  // Then the types the document writes each name with, those just settled included.
  const counts = new Map<string, { place: number; organization: number; person: number }>();
  for (const m of candidates) counts.set(m.keys.folded, { place: 0, organization: 0, person: 0 });
  for (const m of mentions) {
    if (m.keys.fold.length !== 1 || (m.type !== 'person' && m.type !== 'place' && m.type !== 'organization')) continue;
    const c = counts.get(m.keys.folded);
    if (c) c[m.type]++;
  }
  for (const m of candidates) {
    const c = counts.get(m.keys.folded)!;
    // Written as often or more as a place or an organisation than as a person.
    if (c.place + c.organization >= c.person) m.type = c.organization > c.place ? 'organization' : 'place';
  }
}

/**
 * A one-word name the model typed an organisation, a group or other (misc) that is the last word of a longer person's
 * name in the document is that surname, a person: `President Donald Trump` … `President Trump sent…`, `police chief
 * Steve Green` … `chief constable Green questioned…` (a group word of the tables, version 19). A place
 * keeps its type (`Michael Jordan` … `Jordan has hosted`: a person and a place with one name stay apart). On CoNLL-2003 train
 * gold, one-word names equal to the last word of a multi-word person name of the same document are persons 1,677
 * times of 1,686 (organisations once, places 5 times, misc 3 times). `The Biden campaign` keeps its own record
 * in extract-quotes; only the name inside it joins the person.
 */
function surnamesTypedOtherwise(mentions: readonly ReadMention[]): void {
  let surnames: Set<string> | null = null;
  for (const m of mentions) {
    if (m.type !== 'person') continue;
    const fold = m.keys.fold;
    for (let i = 1; i < fold.length; i++) (surnames ??= new Set()).add(i === fold.length - 1 ? fold[i]! : fold.slice(i).join(' '));
  }
  if (surnames === null) return;
  for (const m of mentions) {
    if (m.type !== 'organization' && m.type !== 'group' && (m.type !== 'other' || m.keys.fold.length > 1)) continue;
    if (surnames.has(m.keys.fold.length === 1 ? m.keys.folded : m.keys.fold.join(' '))) m.type = 'person';
  }
}

/** The findings sorted by start (detect-entities emits them so; the same array then). */
function sortedByStart(found: readonly Finding[]): readonly Finding[] {
  for (let i = 1; i < found.length; i++) if (found[i]!.span.start < found[i - 1]!.span.start) return found.slice().sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return found;
}

/** A name found by the repeated-name rule: where it is written again, the type and the name it repeats. */
export interface RepeatedMention {
  readonly start: number;
  readonly end: number;
  readonly name: string;
  readonly type: EntityType;
  readonly possessive: boolean;
}

/** True when every word of three or more on the line around `at` opens with a capital (a headline in title case). */
function inTitleCaseLine(text: string, at: number): boolean {
  let start = at;
  while (start > 0 && text.charCodeAt(start - 1) !== 10) start--;
  let end = at;
  while (end < text.length && text.charCodeAt(end) !== 10) end++;
  let words = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (!(isUpperCode(c) || isLowerCode(c)) || (i > start && isWordCode(text.charCodeAt(i - 1)))) continue;
    if (i > start && (text.charCodeAt(i - 1) === 45 || isApostropheCode(text.charCodeAt(i - 1)))) continue;
    if (isLowerCode(c)) return false;
    words++;
  }
  return words >= 3;
}

/**
 * A name the recogniser found somewhere in the document, written again where it found nothing (`Bloomberg
 * contacted Facebook.` after `user data from Facebook`): each later occurrence is a mention of the same
 * name, typed as the document types it most often once the types are settled (decision 0138). Only occurrences
 * after the name's first mention are looked at: an acronym before its full name would otherwise open its own
 * entity. Guards, as for surnames: whole words only (a possessive `'s` is left out of the span, a hyphenated word
 * `Facebook-integrated` is not the name), covered by no
 * mention, no capitalised word right after it (part of a longer name) nor before it (unless that word ends a clause
 * or opens a sentence and is written in lower case elsewhere), not in a headline set in title case, and a one-word
 * name is not written in lower case anywhere in the document (`the Budget` beside `the budget`); an acronym the
 * model found only once is not propagated (`DVD`, `ID` are common nouns' as often as `BT` is a company's). On CoNLL-2003 train
 * gold, with each name's first mention given and its repeats hidden, the rule finds 82 % of the repeats and 99 % of
 * what it finds is a gold mention of that type.
 */
export function repeatedNames(text: string, mentions: readonly NamedMention[], covered: readonly { readonly span: { readonly start: number; readonly end: number } }[]): RepeatedMention[] {
  // The written forms and how often the document types each one so.
  const forms = new Map<string, { first: number; count: number; byType: Map<EntityType, number> }>();
  for (const m of mentions) {
    const form = text.slice(m.span.start, m.span.end);
    if (form.length < 2 || !isUpperCode(form.charCodeAt(0)) || form.indexOf('\n') !== -1) continue;
    let entry = forms.get(form);
    if (!entry) forms.set(form, (entry = { first: m.span.start, count: 0, byType: new Map() }));
    if (m.span.start < entry.first) entry.first = m.span.start;
    entry.count++;
    entry.byType.set(m.type, (entry.byType.get(m.type) ?? 0) + 1);
  }
  if (forms.size === 0) return [];
  const out: RepeatedMention[] = [];
  const taken: { span: { start: number; end: number } }[] = [];
  for (const [form, { first, count, byType }] of forms) {
    if (form.indexOf(' ') === -1 && writtenLowerCase(text, form)) continue;
    // A contraction is no name (`I've`), and an acronym the model found once may be a common noun's (`DVD`, `ID`):
    // it is written again as a name only where the model found it twice.
    if (/['’]\p{Ll}/u.test(form) || (count < 2 && isAcronym(form))) continue;
    let type: EntityType | null = null;
    let most = 0;
    for (const [t, n] of byType) if (n > most) (type = t), (most = n);
    for (let at = text.indexOf(form, first + 1); at >= 0; at = text.indexOf(form, at + 1)) {
      const end = at + form.length;
      const before = at > 0 ? text.charCodeAt(at - 1) : 32;
      if (isWordCode(before) || before === 45 || isApostropheCode(before) || before === 46) continue;
      const after = text.charCodeAt(end);
      if (isWordCode(after)) continue;
      if ((after === 45 || after === 46) && isWordCode(text.charCodeAt(end + 1))) continue;
      let possessive = false;
      let next = end;
      if (isApostropheCode(after)) {
        const mark = apostropheAfter(text, end);
        if (mark === 'word') continue;
        if (mark === 'possessive') {
          possessive = true;
          next = end + 2;
        }
      }
      if (overlapsSorted(covered, at, end) || overlapsAny(taken, at, end)) continue;
      let n = next;
      while (n < text.length && isBlank(text.charCodeAt(n))) n++;
      if (n > next && isUpperCode(text.charCodeAt(n))) continue;
      const previous = wordBefore(text, at);
      if (previous) {
        const word = text.slice(previous.start, previous.end);
        const bare = word.replace(LEADING_MARKS, '');
        // A capitalised word before it is part of the name (`Celebrity Big Brother`) unless it ends a clause or
        // opens a sentence and is written in lower case elsewhere (`Then Facebook said`).
        if (isUpperCode(bare.charCodeAt(0)) && !/[.!?:;,"”)\]]$/u.test(word) && !(opensSentence(text, previous.start) && writtenLowerCase(text, bare))) continue;
      }
      if (inTitleCaseLine(text, at)) continue;
      out.push({ start: at, end, name: form, type: type!, possessive });
      taken.push({ span: { start: at, end } });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** True when the word at `at` opens a line or follows the end of a sentence (`.`, `!`, `?`, a closing quotation mark after one). */
function opensSentence(text: string, at: number): boolean {
  let i = at;
  while (i > 0 && isBlank(text.charCodeAt(i - 1))) i--;
  if (i === 0 || text.charCodeAt(i - 1) === 10) return true;
  let c = text.charCodeAt(i - 1);
  if ((c === 34 || c === 0x201d || c === 0x2019 || c === 39) && i > 1) c = text.charCodeAt(i - 2);
  return i < at && (c === 46 || c === 33 || c === 63);
}

/** One word of capitals (digits and `&` allowed after the first letter): `DVD`, `BT`, `R&B`. */
function isAcronym(form: string): boolean {
  return /^\p{Lu}[\p{Lu}\p{N}&]+s?$/u.test(form);
}

/** Whether [start, end) overlaps an item of `items`, in any order (the few names this rule has added so far). */
function overlapsAny(items: readonly { readonly span: { readonly start: number; readonly end: number } }[], start: number, end: number): boolean {
  for (const item of items) if (item.span.start < end && start < item.span.end) return true;
  return false;
}
