import type { EntityJson, SpanJson } from '../../api/analysis-json.js';
import type { Analysis, AnalysisInputs, RunContext } from '../../core/analysis.js';
import type { Document } from '../../core/document.js';
import { lastStartingAtOrBefore, type Finding } from '../../core/finding.js';
import { createRecordIds } from '../../core/record-id.js';
import { resourceValue } from '../../core/resources.js';
import { compareSpans, spanAt, type Span } from '../../core/span.js';
import { derivedFrom } from '../memo.js';
import { SEGMENT_TEXT_ID } from '../segment-text/segment-text.js';
import { ENTITY_TYPES, type AliasJoin, type AliasTable, type EntityType } from './alias-table.js';
import { completeNames, repeatedNames, writtenLowerCase } from './complete-names.js';
import { aliasLexicon, type AliasLexicon, type Gender } from './lexicon.js';
import { acronymFits, acronymLetters, foldName, initials, isApostropheCode, nameKeys, suffixLevel, type NameKeys, type NameLevel } from './names.js';
import { RESOLVE_ALIASES_RESOURCES, USER_ALIASES } from './resource-ids.js';
import { firstAtOrAfter, lastAtOrBefore } from '../../core/search.js';

export const RESOLVE_ALIASES_ID = 'resolve-aliases';
/** The analysis whose `entity-mention` records are merged here. */
export const DETECT_ENTITIES_ID = 'detect-entities';

/** Why one mention joined its entity. */
export interface MergeJson {
  mention: SpanJson;
  reason: string;
  /** `inferred` for pronouns; absent for written names. */
  basis?: 'inferred';
  /** For a pronoun: the mention it was resolved to. */
  antecedent?: SpanJson;
}

/**
 * The contract's Entity without the fields that come from the finding, plus `key` (a cross-document
 * key: the type and the normalised canonical name, after the user's alias table) and `merges`.
 */
export type EntityData = Omit<EntityJson, 'id' | 'analysis' | 'reason' | 'evidence'> & {
  key: string;
  merges: MergeJson[];
};

declare module '../../core/finding.js' {
  interface FindingDataMap {
    entity: EntityData;
  }
}

/** What detect-entities gives each mention (kind `entity-mention`). */
interface MentionInput {
  readonly type: EntityType;
  readonly label?: string;
}

interface Role {
  /** As written ("finance minister", "Prime Minister", "spokeswoman for the union"). */
  readonly text: string;
  /** The role noun, lower case: what a later "the prime minister" refers back to. */
  readonly key: string;
  /**
   * What a later description refers back to when it is not the role noun alone: the role noun and the
   * capitalised modifier before it (`Tory leader Michael Howard` binds `the leader` and `the Tory leader`), or only
   * the qualified office (`Shadow home secretary David Davis` binds `the shadow home secretary`, never `the home
   * secretary`). Absent: the role noun alone.
   */
  readonly bindKeys?: readonly string[];
}

/**
 * The role of a role noun written from `words[from]` to `end`, with the word before it read: an office
 * qualifier (`shadow`, `former`) joins the role and alone binds it; a capitalised modifier (`Tory`, `Labour`)
 * binds beside the role noun but stays out of the role's text, since it may be the last word of a longer name
 * (`New York attorney general`) or a sentence's first word (`When President Kirchner`). `lower` are the words in
 * lower case.
 */
function qualifiedRole(lex: AliasLexicon, text: string, words: readonly { start: number; text: string }[], lower: readonly string[], from: number, end: number, key: string): Role {
  const q = from > 0 ? lower[from - 1]!.replace(/-$/u, '') : undefined;
  if (q !== undefined && lex.officeQualifiers.has(q)) {
    return { text: text.slice(words[from - 1]!.start, end), key, bindKeys: [`${q} ${key}`] };
  }
  if (q !== undefined && /^\p{Lu}[\p{L}-]*$/u.test(words[from - 1]!.text) && !lex.roleModifierBlockers.has(q) && !lex.roleDeterminers.has(q) && !lex.titles.has(words[from - 1]!.text) && !lex.roleNouns.has(q)) {
    return { text: text.slice(words[from]!.start, end), key, bindKeys: [key, `${q} ${key}`] };
  }
  return { text: text.slice(words[from]!.start, end), key };
}

interface Mention {
  readonly span: Span;
  /** The name as written, title and possessive left out, spaces normalised; for a role mention its text. */
  readonly name: string;
  /** The model's type, or the one the words around a name give (`readMention`, `typeByOrganizationHead`). */
  type: EntityType;
  readonly keys: Keys;
  readonly kind: 'name' | 'role';
  readonly gender: Gender;
  readonly honorific: boolean;
  readonly possessive: boolean;
  readonly roles: readonly Role[];
  /** Id of the detect-entities record, null for an acronym read from parentheses. */
  readonly sourceId: string | null;
  cluster: Cluster | null;
  reason: string | null;
}

interface PronounLink {
  readonly span: Span;
  readonly antecedent: Mention;
  readonly reason: string;
  /** A description of a person (`the 30-year-old`), not a pronoun: a merge, not one of the `pronounMentions`. */
  readonly description?: boolean;
}

interface Cluster {
  readonly mentions: Mention[];
  /** Resolved pronouns; null until the first. */
  pronouns: PronounLink[] | null;
  user: AliasJoin | null;
  /** Alias-table "apart" groups: group index -> member index; null until the table names a member. */
  apart: Map<number, number> | null;
  gender: Gender;
  /**
   * How many name mentions of each type (by index in ENTITY_TYPES), and the most frequent type (the
   * first on a tie). A plain array of small integers: cheaper to create than a typed array, and most
   * clusters hold one mention.
   */
  readonly typeCounts: number[];
  majorType: EntityType;
  /** The written forms (keys) whose index keys are in the resolver: a name repeated in a document is indexed once. */
  indexed: NameKeys | Set<NameKeys> | null;
}

/** The user's table, indexed by folded name. */
interface UserIndex {
  readonly join: ReadonlyMap<string, AliasJoin>;
  readonly apart: ReadonlyMap<string, readonly (readonly [number, number])[]>;
}

const indexUserTable = derivedFrom((table: AliasTable): UserIndex => {
  const join = new Map<string, AliasJoin>();
  for (const entry of table.join) for (const name of [entry.name, ...entry.aliases]) if (!join.has(foldName(name))) join.set(foldName(name), entry);
  const apart = new Map<string, [number, number][]>();
  table.apart.forEach((group, g) =>
    group.forEach((name, m) => {
      const key = foldName(name);
      const list = apart.get(key) ?? [];
      list.push([g, m]);
      apart.set(key, list);
    }),
  );
  return { join, apart };
});

const WORD = /\S+/gu;

/** Longest honorific or organisation head noun looked up around a mention, in code units: a longer word is neither. */
const MAX_CUE_WORD = 14;

/**
 * The word written just before `start` on its line, with only white space (no line break) between, when it
 * has at most MAX_CUE_WORD code units; otherwise null. Scans the text without building words.
 */
function cueWordBefore(text: string, start: number): string | null {
  let end = start;
  while (end > 0 && text.charCodeAt(end - 1) !== 10 && isSpaceCode(text.charCodeAt(end - 1))) end--;
  if (end === start || end === 0 || text.charCodeAt(end - 1) === 10) return null;
  let from = end;
  while (from > 0 && end - from <= MAX_CUE_WORD && !isSpaceCode(text.charCodeAt(from - 1))) from--;
  return end - from <= MAX_CUE_WORD ? text.slice(from, end) : null;
}

/** `Ms Diemont`, `Mr. Smith`: the mention's first word is an honorific title with a word after it, or the word just before it is one. */
function honorificAround(lex: AliasLexicon, text: string, start: number, end: number): boolean {
  let firstEnd = start;
  while (firstEnd < end && firstEnd - start <= MAX_CUE_WORD && !isSpaceCode(text.charCodeAt(firstEnd))) firstEnd++;
  if (firstEnd < end && firstEnd - start <= MAX_CUE_WORD && isSpaceCode(text.charCodeAt(firstEnd)) && lex.titles.get(text.slice(start, firstEnd))?.kind === 'honorific') return true;
  const before = cueWordBefore(text, start);
  return before !== null && lex.titles.get(before)?.kind === 'honorific';
}

/** A role noun of the table ends the words written just before `start` on its line (`finance minister`, `nominee`). */
function roleNounBefore(lex: AliasLexicon, text: string, start: number): boolean {
  const before = cueWordBefore(text, start);
  if (before === null || !lex.roleLastWords.has(before.toLowerCase())) return false;
  const { lower, n } = roleWordsBefore(lex, text, start, Math.max(2, lex.longestRole));
  if (n === 0) return false;
  // `market leader Best Buy`, `fund manager Matrix Asset Advisors`: the two words describe a company.
  return lower.length < 2 || !lex.organizationRoleCompounds.has(`${lower[lower.length - 2]} ${lower[lower.length - 1]}`);
}

/**
 * The last `max` words of the line before `start` (at most 80 code units back), in lower case too, and how many of
 * them at the end are a role noun of the table (0 when none).
 */
function roleWordsBefore(lex: AliasLexicon, text: string, start: number, max: number): { words: { start: number; end: number; text: string }[]; lower: string[]; n: number } {
  let lineStart = start;
  while (lineStart > 0 && start - lineStart < 80 && text.charCodeAt(lineStart - 1) !== 10) lineStart--;
  const words = lastWords(text, lineStart, start, max);
  const lower = words.map((w) => w.text.toLowerCase());
  return { words, lower, n: roleNounAtEnd(lex, lower) };
}

/** How many words a description written before a name and a comma may have (`The port authority’s chief executive,`). */
const MAX_DESCRIPTION_WORDS = 7;

/**
 * The role of a description that ends in a role noun of the table and is set off by a comma right before the name at
 * `start` on its line: `The port authority’s chief executive, Pieter Bakker,`, `Brazil’s finance minister, Fernando
 * Haddad,`. The description opens with an article or another determiner (classes `apposition-determiner` and
 * `surname-blocker`: `its founder, Mikhail Khodorkovsky,`) or a possessive,
 * holds no other punctuation, and its words after the article are the role as written (`port authority’s chief
 * executive`); the role noun binds as a role written after the name does. Null when there is none.
 */
function roleBeforeComma(lex: AliasLexicon, text: string, start: number): { role: Role; gender: Gender } | null {
  let comma = start;
  while (comma > 0 && text.charCodeAt(comma - 1) === 32) comma--;
  if (comma === start || text.charCodeAt(comma - 1) !== 44) return null;
  const { words, lower, n } = roleWordsBefore(lex, text, comma - 1, MAX_DESCRIPTION_WORDS + 1);
  if (n === 0) return null;
  // Back from the role noun over plain words to the article (the role starts after it) or to the first possessive
  // (`Brazil’s finance minister`); punctuation ends the search.
  const roleStart = words.length - n;
  let from = -1;
  for (let k = roleStart - 1; k >= 0; k--) {
    // An article or another determiner (class `surname-blocker`: `its`, `their`, `this`): `of its founder, …` is a founder.
    if (lex.appositionDeterminers.has(lower[k]!) || lex.roleModifierBlockers.has(lower[k]!)) {
      from = k + 1;
      break;
    }
    const w = words[k]!.text;
    if (/[^\p{L}\p{N}’'-]/u.test(w)) break;
    if (/[’']s$/u.test(w)) from = k;
  }
  if (from === -1) return null;
  return { role: roleText(lex, text, words, lower, from, n), gender: lex.roleNouns.get(lower.slice(roleStart).join(' ')) ?? null };
}

/** The role `words[from..]` as written, bound by the role noun of its last `n` words (`qualifiedRole` gives the keys). */
function roleText(lex: AliasLexicon, text: string, words: readonly { start: number; end: number; text: string }[], lower: readonly string[], from: number, n: number): Role {
  const key = lower.slice(lower.length - n).join(' ');
  const qualified = qualifiedRole(lex, text, words, lower, words.length - n, words[words.length - 1]!.end, key);
  return { ...qualified, text: text.slice(words[from]!.start, words[words.length - 1]!.end).replace(/\s+/gu, ' ') };
}

/** A capitalised word follows the name on its line after one space: the name modifies it (`chairman Labour MP Jean Corston`). */
function capitalisedWordAfter(text: string, end: number): boolean {
  return text.charCodeAt(end) === 32 && /\p{Lu}/u.test(text.charAt(end + 1));
}

/** A one-word place, an organisation suffix or an organisation head noun (`Europe`, `Co`, `Bank`), in any case. */
function placeOrOrganizationWord(lex: AliasLexicon, word: string): boolean {
  const lower = word.toLowerCase();
  return lex.placeOrOrganizationWords.has(lower) || lex.organizationHeads.has(lower);
}

/** A word of the name is a place or organisation word (`placeOrOrganizationWord`). */
function placeOrOrganizationWordIn(lex: AliasLexicon, text: string, start: number, end: number): boolean {
  for (const w of wordsOf(text, start, end)) if (placeOrOrganizationWord(lex, w.text)) return true;
  return false;
}

/**
 * `Scottish Executive`, `Welsh Assembly`: the end of a one-word group mention extended over a capitalised
 * organisation head noun written right after it (same line, white space between) that no other mention
 * covers; -1 when there is none.
 */
function organizationHeadAfter(lex: AliasLexicon, text: string, start: number, end: number, mentionStarts: ReadonlySet<number>): number {
  for (let j = start; j < end; j++) if (isSpaceCode(text.charCodeAt(j))) return -1;
  let at = end;
  while (at < text.length && text.charCodeAt(at) !== 10 && isSpaceCode(text.charCodeAt(at))) at++;
  if (at === end || mentionStarts.has(at)) return -1;
  const word = /^\p{Lu}\p{Ll}+(?![\p{L}\p{N}\-])/u.exec(text.slice(at, at + 40));
  if (!word || !lex.organizationHeads.has(word[0].toLowerCase())) return -1;
  return at + word[0].length;
}

function wordsOf(text: string, start: number, end: number): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  const slice = text.slice(start, end);
  WORD.lastIndex = 0;
  for (let m = WORD.exec(slice); m; m = WORD.exec(slice)) out.push({ start: start + m.index, end: start + m.index + m[0].length, text: m[0] });
  return out;
}

/** The code units that `\s` matches: ECMAScript white space and line terminators. */
function isSpaceCode(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** True when the only white space in `text` is single ASCII spaces (so `replace(/\s+/gu, ' ')` would not change it). */
function singleSpaced(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSpaceCode(c) && (c !== 32 || (i > 0 && text.charCodeAt(i - 1) === 32))) return false;
  }
  return true;
}

/** The last `max` words of `wordsOf(text, start, end)` (fewer when there are fewer), found from the end. */
function lastWords(text: string, start: number, end: number, max: number): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  let i = end;
  while (out.length < max) {
    while (i > start && isSpaceCode(text.charCodeAt(i - 1))) i--;
    if (i <= start) break;
    const wordEnd = i;
    while (i > start && !isSpaceCode(text.charCodeAt(i - 1))) i--;
    out.push({ start: i, end: wordEnd, text: text.slice(i, wordEnd) });
  }
  return out.reverse();
}

/** A role noun that ends the given lower-case words, longest first: ["brazil’s", "finance", "minister"] -> "finance minister". */
function roleNounAtEnd(lex: AliasLexicon, words: readonly string[]): number {
  // Every role noun ends on one of roleLastWords: no other last word can end one.
  if (words.length === 0 || !lex.roleLastWords.has(words[words.length - 1]!)) return 0;
  for (let n = Math.min(lex.longestRole, words.length); n >= 1; n--) {
    if (lex.roleNouns.has(words.slice(words.length - n).join(' '))) return n;
  }
  return 0;
}

/** A role noun that starts the given lower-case words, longest first. */
function roleNounAtStart(lex: AliasLexicon, words: readonly string[]): number {
  // Every role noun starts with one of roleFirstWords: no other first word can start one.
  if (words.length === 0 || !lex.roleFirstWords.has(words[0]!)) return 0;
  for (let n = Math.min(lex.longestRole, words.length); n >= 1; n--) {
    if (lex.roleNouns.has(words.slice(0, n).join(' '))) return n;
  }
  return 0;
}

const isCapitalised = (word: string): boolean => /^\p{Lu}/u.test(word);

/** The roles of a mention that has none (most): one shared empty array. */
const NO_ROLES: readonly Role[] = Object.freeze([]);

/**
 * Every mention record is made here, with its fields in one order and cluster and reason unset, so
 * that all mentions (read, acronym, role) share one object layout and the code that reads them stays
 * monomorphic.
 */
function newMention(
  span: Span,
  name: string,
  type: EntityType,
  keys: Keys,
  kind: 'name' | 'role',
  gender: Gender,
  honorific: boolean,
  possessive: boolean,
  roles: readonly Role[],
  sourceId: string | null,
): Mention {
  return { span, name, type, keys, kind, gender, honorific, possessive, roles, sourceId, cluster: null, reason: null };
}

/** Where a word written before `end` on its line starts (only blanks between), or -1; the word is `cueWordBefore(text, end)`. */
function cueWordStart(text: string, end: number, word: string): number {
  let at = end;
  while (at > 0 && isSpaceCode(text.charCodeAt(at - 1))) at--;
  return at - word.length;
}

/**
 * A name that the model starts inside the office written before it: `First Minister of Scotland Nicola Sturgeon`
 * tagged `Scotland Nicola Sturgeon`, `Secretary of State Pompeo` tagged `State Pompeo`. The mention comes right
 * after a capitalised title that ends a role noun (`Minister`, `Secretary`, `Mayor`) and `of` (or `of the`); the
 * office holder's name follows the office words that open the mention (`State Pompeo`, `Justice Wanda Vázquez
 * Garced`), or, when none does, is its last two words (with the particles before them: `Ursula von der Leyen`). No word of the name may be
 * an office word, a state form, an organisation head, or a one-word place or organisation suffix of
 * detect-entities' gazetteers (`Mayor of New York City`, `Chairman of the National Election Commission`,
 * `Vice President of Deutsche Securities Japan` stay as they are), and the name is not written in capitals. On CoNLL-2003 train, the
 * 8 persons written after `<Title> of <office>` all start after the office, and all 8 are the last two words.
 * Returns the name's start and the role (title, `of` and office as written), or null.
 */
export function officeHolderName(lex: AliasLexicon, text: string, start: number, end: number): { start: number; role: Role } | null {
  let before = cueWordBefore(text, start);
  if (before === null) return null;
  let ofStart = cueWordStart(text, start, before);
  if (before === 'the') {
    before = cueWordBefore(text, ofStart);
    if (before === null) return null;
    ofStart = cueWordStart(text, ofStart, before);
  }
  if (before !== 'of') return null;
  const title = cueWordBefore(text, ofStart);
  if (title === null || !isCapitalised(title) || !lex.roleLastWords.has(title.toLowerCase())) return null;
  const words = wordsOf(text, start, end);
  const n = words.length;
  if (n < 2) return null;
  const isOfficeWord = (w: string): boolean => {
    const lower = w.toLowerCase();
    return lex.officeWords.has(lower) || lex.stateForms.has(lower) || lex.organizationHeads.has(lower);
  };
  // The office words that open the mention are the office (`Justice Wanda Vázquez Garced`, `Homeland Security
  // Kirstjen Nielsen`); otherwise the name is its last two words.
  let k = 0;
  while (k < n && isOfficeWord(words[k]!.text)) k++;
  if (k === n) return null;
  if (k === 0) {
    if (n === 2) return null;
    k = n - 2;
    // Particles written in lower case belong to the name: `Ursula von der Leyen`.
    while (k > 1 && !isCapitalised(words[k - 1]!.text)) k--;
  }
  for (let i = k; i < n; i++) {
    const w = words[i]!.text;
    const bare = w.replace(/[’']s$/u, '');
    if (isOfficeWord(bare) || lex.placeOrOrganizationWords.has(bare.toLowerCase()) || (w.length > 1 && w === w.toUpperCase() && /\p{Lu}/u.test(w))) return null;
  }
  if (!isCapitalised(words[k]!.text)) return null;
  let roleStart = cueWordStart(text, ofStart, title);
  // Capitalised words that open a role noun before the title: `First Minister`, `Deputy Prime Minister`.
  for (let j = 0; j < 2; j++) {
    const previous = cueWordBefore(text, roleStart);
    if (previous === null || !isCapitalised(previous) || !lex.roleFirstWords.has(previous.toLowerCase())) break;
    roleStart = cueWordStart(text, roleStart, previous);
  }
  // An honorific between the office and the name stays with the name (`Archbishop of Canterbury Dr Rowan Williams`).
  let officeLast = k - 1;
  while (officeLast >= 0 && lex.titles.has(words[officeLast]!.text)) officeLast--;
  if (officeLast < 0) return null;
  const roleText = text.slice(roleStart, words[officeLast]!.end).replace(/\s+/gu, ' ');
  return { start: words[officeLast + 1]!.start, role: { text: roleText, key: roleText.toLowerCase() } };
}

/** A digit: a word that holds one counts toward a table-like sentence. */
const DIGIT = /\d/u;
/** Mentions a one-word name needs, none of them a person's, before it is taken for an organisation. */
const MIN_UNSUPPORTED_MENTIONS = 2;
const LETTERS = /\p{L}+/gu;

/** Whether a sentence holds a person pronoun of the pronoun table (`he`, `she`, `his`, `her`, `him`), any case. */
function holdsPersonPronoun(lex: AliasLexicon, sentence: string): boolean {
  for (const word of sentence.match(LETTERS) ?? []) if (lex.pronouns.get(word.toLowerCase())?.kind === 'person') return true;
  return false;
}

/** A sentence of a table or a score line (decision 0130): three words with digits and a quarter of its words, or four words at most. */
function tableLike(sentence: string): boolean {
  const words = sentence.match(WORD) ?? [];
  if (words.length <= 4) return true;
  let digits = 0;
  for (const word of words) if (DIGIT.test(word)) digits++;
  return digits >= 3 && digits * 4 >= words.length;
}

/**
 * A one-word name the model typed an organisation or `other` is a person when the document also writes it after
 * an honorific (`Ed Balls, …` with `Balls` typed an organisation, then `Mr Balls said`): on CoNLL-2003 train gold,
 * such a name written alone elsewhere in its document is a person 7 times of 7 (version 23). Places and groups
 * keep their type (`Mr Jordan` says nothing of `Jordan`).
 */
function surnamesWithHonorifics(read: Mention[]): void {
  let names: Set<string> | null = null;
  for (const m of read) if (m.honorific && m.type === 'person' && m.kind === 'name' && !m.name.includes(' ')) (names ??= new Set()).add(m.name);
  if (names === null) return;
  for (const m of read) if ((m.type === 'organization' || m.type === 'other') && m.kind === 'name' && names.has(m.name)) m.type = 'person';
}

/**
 * A one-word name the model typed a person, written at least twice in the document and never with anything that
 * makes it a person, is an organisation, every mention of it (version 22, decision 0130: `Sony`, `Nintendo`,
 * `Vodafone`). A mention makes it a person when it has an honorific, a title or a role noun (`Mr Blair`, `manager
 * Mourinho`, an apposition), is the last word of a longer person's name of the document (folded: `Erdogan` ends
 * `Recep Tayyip Erdoğan`), is a first name (`Diana`), has a person pronoun (`he`, `she`, `his`, `her`, `him`) in its
 * sentence or the next, stands in a table-like sentence or one without a lower-case letter, or is followed by a
 * figure (`Hoogma (30th)`). Counted on the
 * out-of-fold predictions of the entity model on CoNLL-2003 train (5 folds by document): the mentions of such names
 * are persons 17 times of 84 (organisations 50, places 6, misc 9, no name 2); written once they are persons 69 times
 * of 228 (organisations 77), too many to retype.
 */
function unsupportedOneWordPersons(lex: AliasLexicon, text: string, read: Mention[], sentences: readonly Finding[]): void {
  let lastWords: Set<string> | null = null;
  const supported = new Set<string>();
  const candidates = new Map<string, Mention[]>();
  const sentenceCache = new Map<number, { table: boolean; pronoun: boolean }>();
  const sentenceAt = (k: number): { table: boolean; pronoun: boolean } => {
    let c = sentenceCache.get(k);
    if (!c) {
      const t = k >= 0 && k < sentences.length ? sentences[k]!.span.text : '';
      c = { table: tableLike(t) || !/\p{Ll}/u.test(t), pronoun: holdsPersonPronoun(lex, t) };
      sentenceCache.set(k, c);
    }
    return c;
  };
  for (const m of read) {
    if (m.type !== 'person' || m.kind !== 'name' || m.name.includes(' ')) continue;
    const name = m.name;
    if (supported.has(name)) continue;
    if (!lastWords) {
      lastWords = new Set();
      for (const o of read) if (o.type === 'person' && o.name.includes(' ')) lastWords.add(o.keys.folded.slice(o.keys.folded.lastIndexOf(' ') + 1));
    }
    let support = m.honorific || m.roles.length > 0 || lastWords.has(m.keys.folded) || lex.firstNames.has(name) || sentences.length === 0;
    if (!support) {
      const k = lastStartingAtOrBefore(sentences, m.span.start);
      const here = sentenceAt(k);
      support = here.table || here.pronoun || sentenceAt(k + 1).pronoun;
    }
    if (!support) {
      // A figure right after the name, or in brackets after it: `Hoogma (30th)`, `Croft 46`.
      let i = m.span.end;
      if (m.possessive) i += isApostropheCode(text.charCodeAt(i)) ? 2 : 1;
      while (i < text.length && isSpaceCode(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) === 40) {
        i++;
        while (i < text.length && isSpaceCode(text.charCodeAt(i))) i++;
      }
      const c = text.charCodeAt(i);
      support = c >= 48 && c <= 57;
    }
    if (support) {
      supported.add(name);
      candidates.delete(name);
      continue;
    }
    const list = candidates.get(name);
    if (list) list.push(m);
    else candidates.set(name, [m]);
  }
  for (const list of candidates.values()) if (list.length >= MIN_UNSUPPORTED_MENTIONS) for (const m of list) m.type = 'organization';
}

/** Turns a detect-entities mention into a name: possessive, article and titles off; roles and gender read around it. */
function readMention(
  lex: AliasLexicon,
  text: string,
  finding: Finding,
  shared: Map<string, Keys>,
  mentionStarts: ReadonlySet<number>,
  organizationsByHead: Set<string>,
  lastWordsOfNames: ReadonlySet<string>,
): Mention | null {
  const data = finding.data as unknown as MentionInput;
  let type: EntityType = ENTITY_TYPES.includes(data.type) ? data.type : 'other';
  let start = finding.span.start;
  let end = finding.span.end;
  while (start < end && isSpaceCode(text.charCodeAt(start))) start++;
  while (end > start && isSpaceCode(text.charCodeAt(end - 1))) end--;
  // Not a name at all (version 21): a role noun alone (`Golden rule boost for Chancellor`: in CoNLL-2003 train a
  // capitalised role noun with no name after it is no entity 42 times of 43), unless a longer name of the document
  // ends with it (`Michel Mayor … Queloz and Mayor`), or a holiday (`Before Christmas`: a date, which extract-dates reads).
  if (end - start <= MAX_CUE_WORD * 2) {
    const whole = text.slice(start, end);
    if (lex.holidays.has(whole)) return null;
    // "(1137 UTC)", "at 7 p.m. GMT": a time zone right after a time is part of the time (version 23).
    if (lex.timeZones.has(whole) && AFTER_TIME.test(text.slice(Math.max(0, start - 8), start))) return null;
    if (type !== 'group' && lex.roleNouns.has(whole.toLowerCase()) && !lastWordsOfNames.has(whole)) return null;
  }
  // The words around a name overrule the model's type (decision 0068; fitted on CoNLL-2003 train):
  // a name after an honorific is a person (19 of 19 names there), a name right after a lower-case
  // organisation head noun (`IT firm Dimension Data`) an organisation (60 of 63), and a group word
  // before a capitalised head noun (`Scottish Executive`) names that organisation with it (73 of 75 one name).
  let byHead = false;
  // A name the model started inside the office before it: `First Minister of Scotland Nicola Sturgeon`.
  const office = type === 'group' ? null : officeHolderName(lex, text, start, end);
  if (office) {
    start = office.start;
    type = 'person';
  }
  if (type === 'person') {
    const before = cueWordBefore(text, start);
    // Not when the noun ends a role noun (`chief executive James Skinner`), nor with an honorific (`government Mr Blunkett`).
    // The same after a noun that describes a company, a paper or a team (`retailer Tesco`, `Italian daily Corriere`;
    // version 21, counted on CoNLL-2003 train: 48 organisations, 1 place, no person after these words).
    if (before !== null && (lex.organizationHeads.has(before) || lex.organizationDescriptors.has(before)) && !lex.roleLastWords.has(before) && !honorificAround(lex, text, start, end)) {
      type = 'organization';
      byHead = true;
    }
  } else if (honorificAround(lex, text, start, end)) {
    type = 'person';
  } else if (type !== 'group' && roleNounBefore(lex, text, start) && !placeOrOrganizationWordIn(lex, text, start, end) && !capitalisedWordAfter(text, end)) {
    // A name right after a role noun (`presidential nominee Gloria La Riva`, `defence secretary Geoff Hoon`) is a
    // person (version 30): on CoNLL-2003 train gold, names right after a role noun of the table are persons 502 times
    // of 509; the others hold a place or an organisation word (`Commander Europe`) or follow a role noun that with the
    // word before it describes a company (`lead manager Goldman Sachs & Co`; class `organization-role-compound`).
    type = 'person';
  } else if (type === 'group') {
    const headEnd = organizationHeadAfter(lex, text, start, end, mentionStarts);
    if (headEnd > 0) {
      end = headEnd;
      type = 'organization';
    }
  }
  let possessive = false;
  if (end - start > 2 && isApostropheCode(text.charCodeAt(end - 2)) && text.charCodeAt(end - 1) === 115) {
    end -= 2;
    possessive = true;
  } else if (end - start > 2 && text.charCodeAt(end - 2) === 115 && isApostropheCode(text.charCodeAt(end - 1))) {
    end -= 1;
    possessive = true;
  }
  if (type !== 'person') {
    // A leading "the" and the spaces after it, when something follows.
    if (end - start > 4 && (text.charCodeAt(start) | 32) === 116 && (text.charCodeAt(start + 1) | 32) === 104 && (text.charCodeAt(start + 2) | 32) === 101) {
      let after = start + 3;
      while (after < end && isSpaceCode(text.charCodeAt(after))) after++;
      if (after > start + 3 && after < end) start = after;
    }
  }
  let gender: Gender = null;
  let honorific = false;
  let roles: Role[] | null = office ? [office.role] : null;
  if (type === 'person') {
    // Titles written inside the mention: "Mr McConnell", "Prime Minister Narendra Modi".
    for (;;) {
      // The first word alone decides most names: neither a title nor the first word of a role noun.
      let firstEnd = start;
      while (firstEnd < end && !isSpaceCode(text.charCodeAt(firstEnd))) firstEnd++;
      let second = firstEnd;
      while (second < end && isSpaceCode(text.charCodeAt(second))) second++;
      if (firstEnd === start || second >= end) break;
      const firstWord = text.slice(start, firstEnd);
      if (!lex.titles.has(firstWord) && !lex.roleFirstWords.has(firstWord.toLowerCase())) break;
      const words = wordsOf(text, start, end);
      if (words.length < 2) break;
      const title = lex.titles.get(words[0]!.text);
      if (title) {
        if (title.kind === 'honorific') honorific = true;
        else (roles ??= []).push({ text: words[0]!.text, key: words[0]!.text.toLowerCase() });
        gender = gender ?? title.gender;
        start = words[1]!.start;
        continue;
      }
      const lower = words.map((w) => w.text.toLowerCase());
      const n = roleNounAtStart(lex, lower.slice(0, words.length - 1));
      if (n > 0 && words.slice(0, n).every((w) => isCapitalised(w.text))) {
        const key = lower.slice(0, n).join(' ');
        (roles ??= []).push({ text: text.slice(words[0]!.start, words[n - 1]!.end), key });
        gender = gender ?? lex.roleNouns.get(key) ?? null;
        start = words[n]!.start;
        continue;
      }
      break;
    }
    // Titles and role nouns written just before it: "Mr McConnell", "Brazil’s finance minister Fernando Haddad".
    // The words are those of the name's line, at most 80 code units back: the last one is found by
    // scanning back from the name (a line break is white space, so no word crosses one).
    const windowStart = Math.max(0, start - 80);
    let wordEnd = start;
    while (wordEnd > windowStart && text.charCodeAt(wordEnd - 1) !== 10 && isSpaceCode(text.charCodeAt(wordEnd - 1))) wordEnd--;
    let last: { start: number; end: number; text: string } | undefined;
    if (wordEnd > windowStart && text.charCodeAt(wordEnd - 1) !== 10) {
      let wordStart = wordEnd;
      while (wordStart > windowStart && !isSpaceCode(text.charCodeAt(wordStart - 1))) wordStart--;
      last = { start: wordStart, end: wordEnd, text: text.slice(wordStart, wordEnd) };
    }
    // Only white space, no line break, between it and the name (none can be there: the line starts after the last).
    // The office read above is the role already.
    if (last && last.end < start && !office) {
      const title = lex.titles.get(last.text);
      if (title) {
        if (title.kind === 'honorific') honorific = true;
        else (roles ??= []).push({ text: last.text, key: last.text.toLowerCase() });
        gender = gender ?? title.gender;
      } else if (lex.roleLastWords.has(last.text.toLowerCase())) {
        const { words: before, lower, n } = roleWordsBefore(lex, text, start, lex.longestRole);
        if (n > 0) {
          const key = lower.slice(lower.length - n).join(' ');
          (roles ??= []).push(qualifiedRole(lex, text, before, lower, before.length - n, last.end, key));
          gender = gender ?? lex.roleNouns.get(key) ?? null;
        }
      }
    }
    // An apposition after it: "Fernando Haddad, the finance minister, said".
    if (!possessive && text.charCodeAt(end) === 44) {
      const apposition = /^,[^\S\n]+([^,.;:()“”"«»\n]{2,80}?)(?=[,.;:]|$)/u.exec(text.slice(end, end + 100));
      if (apposition) {
        const phraseStart = end + apposition[0].length - apposition[1]!.length;
        const words = wordsOf(text, phraseStart, phraseStart + apposition[1]!.length);
        if (words.length > 0 && words.length <= 10 && (!isCapitalised(words[0]!.text) || /[’']s$/u.test(words[0]!.text))) {
          const lower = words.map((w) => w.text.toLowerCase().replace(/[’']s$/u, ''));
          for (let i = 0; i < words.length; i++) {
            // The head of the apposition comes before its first preposition: `a friend of the Tory leader` is no leader.
            if (lex.appositionHeadEnds.has(lower[i]!)) break;
            const n = roleNounAtStart(lex, lower.slice(i));
            if (n === 0) continue;
            const key = lower.slice(i, i + n).join(' ');
            (roles ??= []).push(qualifiedRole(lex, text, words, lower, i, words[words.length - 1]!.end, key));
            gender = gender ?? lex.roleNouns.get(key) ?? null;
            break;
          }
        }
      }
    }
  }
  // An apposition before it, the name closed by a comma: "The port authority’s chief executive, Pieter Bakker, said".
  if (type === 'person' && roles === null && !possessive && text.charCodeAt(end) === 44) {
    const inverted = roleBeforeComma(lex, text, start);
    if (inverted) {
      roles = [inverted.role];
      gender = gender ?? inverted.gender;
    }
  }
  if (end <= start) return null;
  const span = spanAt(text, start, end);
  const name = singleSpaced(span.text) ? span.text : span.text.replace(/\s+/gu, ' ');
  const keys = sharedKeysOf(shared, name, lex.variants);
  if (byHead) organizationsByHead.add(keys.folded);
  return newMention(span, name, type, keys, 'name', gender, honorific, possessive, roles ?? NO_ROLES, finding.id);
}

const QUOTE_OR_BREAK = /[“”«»"]|\n\n/gu;

const WHITE = /\s/u;
/** What may stand right before an opening straight mark, besides the text's start. */
const OPENS_BEFORE = /[\s(\[{—–-]/u;
/** What may stand right after a closing straight mark, besides the text's end. */
const CLOSES_AFTER = /[\s.,;:!?)\]}—–-]/u;

/** Stretches of text inside quotation marks, paragraph by paragraph, sorted. */
function quotedRegions(text: string): { start: number; end: number }[] {
  const regions: { start: number; end: number }[] = [];
  let open = -1;
  let straight = false;
  QUOTE_OR_BREAK.lastIndex = 0;
  for (let m = QUOTE_OR_BREAK.exec(text); m; m = QUOTE_OR_BREAK.exec(text)) {
    const i = m.index;
    const c = m[0];
    if (c === '\n\n') {
      if (open !== -1) regions.push({ start: open, end: i });
      open = -1;
      straight = false;
    } else if ((c === '“' || c === '«') && open === -1) open = i;
    else if ((c === '”' || c === '»') && open !== -1 && !straight) {
      regions.push({ start: open, end: i + 1 });
      open = -1;
    } else if (c === '"') {
      // A straight mark's side is read from its neighbours: after a space and before a word it opens, after a word
      // and before a space or punctuation it closes (version 26). News copy run together in one line leaves a
      // quote that continues in the next paragraph unclosed (`…public. "The expectations…`), and pairing marks by
      // alternation alone then took the writer's words after the next quote for quoted ones.
      const opens = (i === 0 || OPENS_BEFORE.test(text[i - 1]!)) && i + 1 < text.length && !WHITE.test(text[i + 1]!);
      const closes = i > 0 && !WHITE.test(text[i - 1]!) && (i + 1 >= text.length || CLOSES_AFTER.test(text[i + 1]!));
      if (open === -1) {
        if (closes && !opens) continue;
        open = i;
        straight = true;
      } else if (straight) {
        if (opens && !closes) {
          regions.push({ start: open, end: i });
          open = i;
        } else {
          regions.push({ start: open, end: i + 1 });
          open = -1;
          straight = false;
        }
      }
    }
  }
  if (open !== -1) regions.push({ start: open, end: text.length });
  return regions;
}

function insideAny(regions: readonly { start: number; end: number }[], offset: number): boolean {
  let lo = 0;
  let hi = regions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = regions[mid]!;
    if (offset < r.start) hi = mid - 1;
    else if (offset >= r.end) lo = mid + 1;
    else return true;
  }
  return false;
}

const personLike = (type: EntityType): boolean => type === 'person';

function typesFit(a: EntityType, b: EntityType): boolean {
  if (a === b) return true;
  if (personLike(a) || personLike(b)) return false;
  return a === 'other' || b === 'other';
}

function clusterType(cluster: Cluster): EntityType {
  return cluster.user?.type ?? cluster.majorType;
}

const NO_LABELS: readonly (readonly [number, number])[] = [];

const LEVELS = ['fold', 'variant', 'skeleton'] as const;
/**
 * A name's keys (`nameKeys`) with what is derived from them, each computed once per written form:
 * the index keys at each level of LEVELS (`fold|…`, `variant|…`, `skeleton|…`) and the name part of
 * its cross-document key.
 */
interface Keys extends NameKeys {
  levels: readonly string[] | null;
  entityPart: string | null;
  /** `initials` of the name (keys are kept per variant table, which belongs to one lexicon and its acronym-skip words). */
  initials: string | null;
  /** `acronymLetters` of the name; undefined until asked. */
  letters: string | null | undefined;
  /** `stateShortName` of the name (per lexicon, as `initials`); undefined until asked. */
  stateShort: string | null | undefined;
}

function keysFor(name: string, variants: ReadonlyMap<string, string>): Keys {
  const { folded, fold, variant, skeleton } = nameKeys(name, variants);
  return { folded, fold, variant, skeleton, levels: null, entityPart: null, initials: null, letters: undefined, stateShort: undefined };
}

/** `acronymLetters` of a mention's name, kept with the name's keys. */
function lettersOf(m: Mention): string | null {
  const keys = m.keys;
  return keys.letters === undefined ? (keys.letters = acronymLetters(m.name)) : keys.letters;
}

/** Index of a type in ENTITY_TYPES (its counts in a cluster). */
function typeIndex(type: EntityType): number {
  return ENTITY_TYPES.indexOf(type);
}

/** The index keys of a name at each level of LEVELS. */
function levelKeys(keys: Keys): readonly string[] {
  return (keys.levels ??= LEVELS.map((level) => `${level}|${level === 'fold' ? keys.folded : keys[level].join(' ')}`));
}

/**
 * The short name inside a state's formal name: the words after the first "of" (and its article) when
 * the word before that "of" is a state-form head word ("Islamic Republic of Iran" -> "Iran", "Kingdom
 * of Saudi Arabia" -> "Saudi Arabia", "Democratic Republic of the Congo" -> "Congo"); null otherwise
 * ("Gulf of Mexico", "Bank of England"). Used within a document only: across documents a short name
 * may belong to two states ("Congo"), so the cross-document key stays that of the canonical name.
 */
function stateShortName(name: string, lex: AliasLexicon): string | null {
  const words = name.split(' ');
  const of = words.findIndex((w, i) => i > 0 && w.toLowerCase() === 'of');
  if (of < 1 || !lex.stateForms.has(words[of - 1]!.toLowerCase())) return null;
  let from = of + 1;
  if (from < words.length - 1 && words[from]!.toLowerCase() === 'the') from++;
  if (from >= words.length || !isCapitalised(words[from]!)) return null;
  return words.slice(from).join(' ');
}

/** Merges within one document, then pronouns. */
class Resolver {
  readonly clusters: Cluster[] = [];
  private readonly byKey = new Map<string, Cluster[]>();
  private readonly byInitials = new Map<string, Cluster>();

  constructor(
    private readonly lex: AliasLexicon,
    private readonly user: UserIndex,
  ) {}

  private apartLabels(mention: Mention): readonly (readonly [number, number])[] {
    return this.user.apart.size === 0 ? NO_LABELS : (this.user.apart.get(mention.keys.folded) ?? NO_LABELS);
  }

  /** False when the user's table keeps this mention apart from something in the cluster. */
  fits(cluster: Cluster, mention: Mention): boolean {
    for (const [g, m] of this.apartLabels(mention)) {
      const there = cluster.apart?.get(g);
      if (there !== undefined && there !== m) return false;
    }
    if (mention.gender && cluster.gender && mention.gender !== cluster.gender) return false;
    return true;
  }

  add(cluster: Cluster | null, mention: Mention, reason: string | null): Cluster {
    const target: Cluster = cluster ?? {
      mentions: [],
      pronouns: null,
      user: null,
      apart: null,
      gender: null,
      typeCounts: [0, 0, 0, 0, 0],
      majorType: mention.type,
      indexed: null,
    };
    if (!cluster) this.clusters.push(target);
    // A name found again in the text (decision 0138) does not vote on its entity's type: it took that type.
    if (mention.kind === 'name' && (target.mentions.length === 0 || !REPEATED_IN_TEXT.has(mention))) {
      const n = ++target.typeCounts[typeIndex(mention.type)]!;
      if (n > target.typeCounts[typeIndex(target.majorType)]!) target.majorType = mention.type;
    }
    target.mentions.push(mention);
    mention.cluster = target;
    mention.reason = target.mentions.length === 1 ? null : reason;
    for (const [g, m] of this.apartLabels(mention)) (target.apart ??= new Map()).set(g, m);
    target.gender = target.gender ?? mention.gender;
    if (mention.kind === 'name') this.index(target, mention);
    return target;
  }

  private index(cluster: Cluster, mention: Mention): void {
    const done = cluster.indexed;
    if (done === null) cluster.indexed = mention.keys;
    else if (done instanceof Set) {
      if (done.has(mention.keys)) return;
      done.add(mention.keys);
    } else {
      if (done === mention.keys) return;
      cluster.indexed = new Set([done, mention.keys]);
    }
    const keys = levelKeys(mention.keys);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const list = this.byKey.get(key);
      if (!list) this.byKey.set(key, [cluster]);
      else if (!list.includes(cluster)) list.push(cluster);
    }
    if (!personLike(mention.type) && mention.keys.fold.length >= 2) {
      const key = (mention.keys.initials ??= initials(mention.name, this.lex.acronymSkip));
      if (key.length >= 2 && !this.byInitials.has(key)) this.byInitials.set(key, cluster);
    }
  }

  /**
   * The cluster with the same name at the strictest level, and that level. The very same name joins
   * across organisation, place, group and other (a recogniser that tags "CNN" once as a place and once
   * as an organisation still means one thing); never between a person and a non-person.
   */
  sameName(mention: Mention): { cluster: Cluster; level: NameLevel } | null {
    const keys = levelKeys(mention.keys);
    for (let i = 0; i < LEVELS.length; i++) {
      const level = LEVELS[i]!;
      for (const cluster of this.byKey.get(keys[i]!) ?? []) {
        const type = clusterType(cluster);
        const fit = level === 'fold' ? personLike(type) === personLike(mention.type) : typesFit(type, mention.type);
        if (fit && this.fits(cluster, mention)) return { cluster, level };
      }
    }
    return null;
  }

  byAcronym(letters: string): Cluster | null {
    return this.byInitials.get(letters) ?? null;
  }

  /** Clusters of places named by a state's formal name, by the folded short name inside it. */
  private readonly byStateName = new Map<string, Cluster>();

  indexStateName(cluster: Cluster, folded: string): void {
    if (!this.byStateName.has(folded)) this.byStateName.set(folded, cluster);
  }

  /** The place whose formal name holds this short name ("Iran" for "Islamic Republic of Iran"). */
  byStateShortName(mention: Mention): Cluster | null {
    const cluster = this.byStateName.get(mention.keys.folded);
    return cluster && typesFit(clusterType(cluster), mention.type) && this.fits(cluster, mention) ? cluster : null;
  }

  /** A cluster that has this folded name written as it is, of a fitting type. */
  byFoldedName(folded: string, mention: Mention): Cluster | null {
    for (const cluster of this.byKey.get(`fold|${folded}`) ?? []) if (typesFit(clusterType(cluster), mention.type) && this.fits(cluster, mention)) return cluster;
    return null;
  }
}

const LEVEL_REASON: Record<NameLevel, string> = { fold: 'same-name', variant: 'transliteration-variant', skeleton: 'spelling-variant' };

/** Acronyms written in parentheses or after a slash next to a name, read from the text. */
function parentheticalAcronyms(lex: AliasLexicon, text: string, mentions: readonly Mention[]): { acronyms: Mention[]; anchors: Map<string, Mention> } {
  const acronyms: Mention[] = [];
  const anchors = new Map<string, Mention>();
  let taken: Set<number> | null = null;
  for (const mention of mentions) {
    if (personLike(mention.type)) continue;
    // The pattern below needs an opening parenthesis after white space (no line break): look for it first.
    let open = mention.span.end;
    while (open < text.length && text.charCodeAt(open) !== 10 && isSpaceCode(text.charCodeAt(open))) open++;
    if (text.charCodeAt(open) !== 40) continue;
    const after = /^[^\S\n]*\(([^()\n]{2,60})\)/u.exec(text.slice(mention.span.end, mention.span.end + 64));
    if (!after) continue;
    taken ??= new Set(mentions.map((m) => m.span.start));
    const innerStart = mention.span.end + after[0].indexOf('(') + 1;
    const ownLetters = acronymLetters(mention.name);
    const nameInitials = initials(mention.name, lex.acronymSkip);
    if (ownLetters) {
      // "the PKK (Kurdistan Workers’ Party)": the expansion follows the acronym.
      const expansion = after[1]!.trim();
      if (expansion.split(/\s+/).length >= 2 && acronymFits(ownLetters, initials(expansion, lex.acronymSkip))) {
        anchors.set(foldName(expansion), mention);
        const at = innerStart + after[1]!.indexOf(expansion);
        if (!taken.has(at)) {
          const span = spanAt(text, at, at + expansion.length);
          acronyms.push(newMention(span, expansion, mention.type, keysFor(expansion, lex.variants), mention.kind, mention.gender, mention.honorific, mention.possessive, mention.roles, null));
        }
      }
      continue;
    }
    // "Democratic Republic of the Congo (DRC)", "Islamic State (ISIS/ISIL)".
    let offset = innerStart;
    for (const part of after[1]!.split('/')) {
      const trimmed = part.trim();
      const at = offset + part.indexOf(trimmed);
      offset += part.length + 1;
      const letters = acronymLetters(trimmed);
      if (!letters || !acronymFits(letters, nameInitials)) continue;
      anchors.set(foldName(trimmed), mention);
      if (!taken.has(at)) {
        const span = spanAt(text, at, at + trimmed.length);
        acronyms.push(newMention(span, trimmed, mention.type, keysFor(trimmed, lex.variants), mention.kind, mention.gender, mention.honorific, mention.possessive, NO_ROLES, null));
      }
    }
  }
  return { acronyms, anchors };
}

/** The keys of a name from the shared cache (`sharedKeyCache`), computed on first sight. */
function sharedKeysOf(shared: Map<string, Keys>, name: string, variants: ReadonlyMap<string, string>): Keys {
  let keys = shared.get(name);
  if (!keys) {
    if (shared.size >= MAX_SHARED_NAMES) shared.clear();
    shared.set(name, (keys = keysFor(name, variants)));
  }
  return keys;
}

/** Mentions of names written again where the model found nothing (`repeatedNames`, decision 0138). */
const REPEATED_IN_TEXT = new WeakSet<Mention>();

/** Strictness of a name level, strictest first. */
const RANK: Record<NameLevel, number> = { fold: 0, variant: 1, skeleton: 2 };

/** A mention of the cluster has an honorific or a role, or is one word that ends a longer name of the cluster. */
function personMadeByText(cluster: Cluster): boolean {
  let lastWords: Set<string> | null = null;
  for (const m of cluster.mentions) {
    if (m.honorific || m.roles.length > 0) return true;
    if (m.keys.fold.length > 1) (lastWords ??= new Set()).add(m.keys.fold[m.keys.fold.length - 1]!);
  }
  if (lastWords === null) return false;
  for (const m of cluster.mentions) if (m.keys.fold.length === 1 && lastWords.has(m.keys.folded)) return true;
  return false;
}

/** The reason a shorter form joins the full name it was matched to at `level`. */
function shapeReason(m: Mention, level: NameLevel): string {
  if (level !== 'fold') return LEVEL_REASON[level];
  // A surname the model missed, found in the text by complete-names.ts.
  if (REPEATED_IN_TEXT.has(m)) return 'name-in-text';
  if (m.sourceId === null) return m.honorific ? 'title-and-surname-in-text' : 'surname-in-text';
  if (m.honorific) return 'title-and-surname';
  if (m.possessive) return 'possessive-of-surname';
  return m.keys.fold.length === 1 ? 'surname-of-full-name' : 'shorter-form-of-name';
}

/** Distinct names whose keys are kept across documents; past this the cache starts again. */
const MAX_SHARED_NAMES = 1 << 16;
const sharedKeys = new WeakMap<ReadonlyMap<string, string>, Map<string, Keys>>();
const sharedEntityKeys = new WeakMap<ReadonlyMap<string, string>, Map<string, string>>();

/** The keys of names (`keysFor`), kept per variant table across documents (the same keys for the same name). */
function sharedKeyCache(variants: ReadonlyMap<string, string>): Map<string, Keys> {
  let cache = sharedKeys.get(variants);
  if (!cache) sharedKeys.set(variants, (cache = new Map()));
  return cache;
}

/** `entityKey`, kept per variant table across documents. */
function sharedEntityKey(type: EntityType, name: string, variants: ReadonlyMap<string, string>): string {
  let cache = sharedEntityKeys.get(variants);
  if (!cache) sharedEntityKeys.set(variants, (cache = new Map()));
  const at = `${type}\u0000${name}`;
  let key = cache.get(at);
  if (key === undefined) {
    if (cache.size >= MAX_SHARED_NAMES) cache.clear();
    cache.set(at, (key = entityKey(type, name, variants)));
  }
  return key;
}

/** `entityKey` of a mention's name, its name part kept with the name's keys (which belong to one variant table). */
function mentionEntityKey(type: EntityType, mention: Mention, variants: ReadonlyMap<string, string>): string {
  return `${type}:${(mention.keys.entityPart ??= entityNamePart(mention.name, variants))}`;
}

/** Merges the detect-entities mentions of one document into entities. */
export const resolveAliases: Analysis = {
  id: RESOLVE_ALIASES_ID,
  version: '33',
  needs: [SEGMENT_TEXT_ID, DETECT_ENTITIES_ID],
  emits: ['entity'],
  resources: RESOLVE_ALIASES_RESOURCES,
  describe: 'Entities: mentions merged by acronym, surname, title, possessive, role and spelling, with roles and resolved pronouns.',
  run(document: Document, inputs: AnalysisInputs, context: RunContext): Finding[] {
    const lex = aliasLexicon(context.resources);
    const user = indexUserTable(resourceValue(context.resources, USER_ALIASES));
    const { text } = document;
    const detected = (inputs[DETECT_ENTITIES_ID] ?? []).filter((f) => (f.kind as string) === 'entity-mention');
    // Names repeat within and across documents: each written form is folded once (sharedKeyCache).
    const shared = sharedKeyCache(lex.variants);
    const mentionStarts = new Set<number>();
    for (const f of detected) mentionStarts.add(f.span.start);
    const organizationsByHead = new Set<string>();
    // Names completed from the text (complete-names.ts): particles the model left out, surnames it missed.
    const completion = completeNames(lex, context.resources, text, detected, mentionStarts);
    const found = completion.found;
    // The last words of the names of more than one word: a role noun alone that is one of them is a surname (`Mayor`).
    const lastWordsOfNames = new Set<string>();
    for (const f of found) {
      const written = f.span.text.trimEnd();
      const space = written.lastIndexOf(' ');
      if (space > 0) lastWordsOfNames.add(written.slice(space + 1));
    }
    const read = found.map((f) => readMention(lex, text, f, shared, mentionStarts, organizationsByHead, lastWordsOfNames)).filter((m): m is Mention => m !== null);
    const surnames = completion.complete(read);
    for (const s of surnames) read.push(newMention(spanAt(text, s.start, s.end), s.name, 'person', sharedKeysOf(shared, s.name, lex.variants), 'name', s.gender, s.honorific, s.possessive, NO_ROLES, null));
    // A name typed an organisation by its head noun is one wherever it is written again in the document.
    if (organizationsByHead.size > 0) for (const m of read) if (m.type === 'person' && organizationsByHead.has(m.keys.folded)) m.type = 'organization';
    const sentences: Finding[] = [];
    for (const f of inputs[SEGMENT_TEXT_ID] ?? []) if (f.kind === 'sentence') sentences.push(f);
    surnamesWithHonorifics(read);
    unsupportedOneWordPersons(lex, text, read, sentences);
    // A name found once, written again where the model found nothing (decision 0138).
    const covered = surnames.length === 0 ? found : [...found, ...surnames.map((s) => ({ span: s }))].sort((a, b) => a.span.start - b.span.start);
    for (const r of repeatedNames(text, read, covered)) {
      const m = newMention(spanAt(text, r.start, r.end), r.name, r.type, sharedKeysOf(shared, r.name, lex.variants), 'name', null, false, r.possessive, NO_ROLES, null);
      REPEATED_IN_TEXT.add(m);
      read.push(m);
    }
    const { acronyms, anchors } = parentheticalAcronyms(lex, text, read);
    const mentions = [...read, ...acronyms].sort((a, b) => compareSpans(a.span, b.span));
    const resolver = new Resolver(lex, user);

    // A person written with fewer words than another person's name ("Biden", "Mr Biden", "de Vries")
    // is placed after all full names are known. Full names are grouped by their written form, so a
    // name repeated a thousand times is compared once.
    const fullNames = new Map<string, Map<string, { keys: NameKeys; mentions: Mention[] }>>();
    for (const m of mentions) {
      if (!personLike(m.type) || m.keys.skeleton.length < 2) continue;
      const last = m.keys.skeleton[m.keys.skeleton.length - 1]!;
      let forms = fullNames.get(last);
      if (!forms) fullNames.set(last, (forms = new Map()));
      const key = m.keys.folded;
      const form = forms.get(key);
      if (form) form.mentions.push(m);
      else forms.set(key, { keys: m.keys, mentions: [m] });
    }
    const longerMemo = new Map<string, { keys: NameKeys; mentions: Mention[]; level: NameLevel }[]>();
    const longerForms = (m: Mention): { keys: NameKeys; mentions: Mention[]; level: NameLevel }[] => {
      if (!personLike(m.type)) return [];
      const memoKey = m.keys.folded;
      let found = longerMemo.get(memoKey);
      if (!found) {
        found = [];
        for (const form of fullNames.get(m.keys.skeleton[m.keys.skeleton.length - 1] ?? '')?.values() ?? []) {
          const level = form.keys.skeleton.length > m.keys.skeleton.length ? suffixLevel(form.keys, m.keys) : null;
          if (level) found.push({ keys: form.keys, mentions: form.mentions, level });
        }
        longerMemo.set(memoKey, found);
      }
      return found;
    };
    // A given name written alone (`Glenn said` after `Glenn Campbell`; version 31): the full person names by their
    // first word, and the last words of all of them (a word that ends one is a surname, placed above).
    const byFirstWord = new Map<string, Mention[]>();
    const lastWordsOfPersons = new Set<string>();
    for (const m of mentions) {
      if (!personLike(m.type) || m.kind !== 'name' || m.keys.fold.length < 2) continue;
      lastWordsOfPersons.add(m.keys.fold[m.keys.fold.length - 1]!);
      // Not a name whose last word is a common word of the text or of the place and organisation tables: `Xbox
      // Live`, `Yahoo Games`, `Mazars USA` are no person's full names, whatever the model's type.
      const last = m.name.slice(m.name.lastIndexOf(' ') + 1);
      if (placeOrOrganizationWord(lex, last) || writtenLowerCase(text, last)) continue;
      const list = byFirstWord.get(m.keys.fold[0]!);
      if (list) list.push(m);
      else byFirstWord.set(m.keys.fold[0]!, [m]);
    }
    const givenName = (m: Mention): boolean =>
      byFirstWord.size > 0 && personLike(m.type) && m.kind === 'name' && !m.honorific && m.roles.length === 0 && m.keys.fold.length === 1 && byFirstWord.has(m.keys.folded) && !lastWordsOfPersons.has(m.keys.folded);
    const shorts: Mention[] = [];
    const givenNames: Mention[] = [];
    const userClusters = new Map<AliasJoin, Cluster>();

    for (const m of mentions) {
      const entry = user.join.size === 0 ? undefined : user.join.get(m.keys.folded);
      if (entry) {
        const cluster = resolver.add(userClusters.get(entry) ?? null, m, 'user-alias-table');
        cluster.user = entry;
        userClusters.set(entry, cluster);
        continue;
      }
      const anchor = anchors.size === 0 ? undefined : anchors.get(m.keys.folded);
      if (anchor && anchor !== m && anchor.cluster && resolver.fits(anchor.cluster, m)) {
        resolver.add(anchor.cluster, m, m.sourceId === null || m.span.start - anchor.span.end < 8 ? 'acronym-in-parentheses' : 'acronym');
        continue;
      }
      if (longerForms(m).length > 0 || givenName(m)) {
        shorts.push(m);
        continue;
      }
      const same = resolver.sameName(m);
      if (same) {
        resolver.add(same.cluster, m, REPEATED_IN_TEXT.has(m) ? 'name-in-text' : same.level === 'fold' && m.possessive ? 'possessive' : LEVEL_REASON[same.level]);
        continue;
      }
      // A state's formal name and its short name: "Islamic Republic of Iran" and "Iran", either first.
      if (m.type === 'place') {
        const short = m.keys.stateShort === undefined ? (m.keys.stateShort = stateShortName(m.name, lex)) : m.keys.stateShort;
        if (short !== null) {
          const folded = foldName(short);
          const target = resolver.byFoldedName(folded, m);
          resolver.indexStateName(resolver.add(target, m, target ? 'official-name-of-state' : null), folded);
          continue;
        }
        const state = resolver.byStateShortName(m);
        if (state) {
          resolver.add(state, m, 'short-name-of-state');
          continue;
        }
      }
      const letters = personLike(m.type) ? null : lettersOf(m);
      const expansion = letters ? resolver.byAcronym(letters) : null;
      if (expansion && typesFit(clusterType(expansion), m.type) && resolver.fits(expansion, m)) {
        resolver.add(expansion, m, 'acronym-of-name');
        continue;
      }
      // "The Department issued a statement" after "the California Department of Corrections": a capitalised head
      // noun the recogniser tagged alone is a definite description of the one organisation written with it.
      const described = capitalisedDescription(lex, text, mentions, m);
      if (described && resolver.fits(described, m)) {
        resolver.add(described, m, 'definite-description-of-organization');
        continue;
      }
      resolver.add(null, m, null);
    }

    // The clusters of each short form's full names, with the starts of those full names (sorted):
    // full names never move after the loop above, so this is built once per short form.
    const candidateMemo = new Map<string, Map<Cluster, { starts: number[]; level: NameLevel }>>();
    for (const m of shorts) {
      const memoKey = m.keys.folded;
      let all = candidateMemo.get(memoKey);
      if (!all) {
        all = new Map();
        for (const form of longerForms(m)) {
          for (const l of form.mentions) {
            if (!l.cluster) continue;
            const entry = all.get(l.cluster);
            if (!entry) all.set(l.cluster, { starts: [l.span.start], level: form.level });
            else {
              entry.starts.push(l.span.start);
              if (RANK[form.level] < RANK[entry.level]) entry.level = form.level;
            }
          }
        }
        for (const entry of all.values()) entry.starts.sort((a, b) => a - b);
        candidateMemo.set(memoKey, all);
      }
      const candidates = [...all].filter(([cluster]) => resolver.fits(cluster, m));
      // A given name alone is placed once every surname is (below).
      if (candidates.length === 0 && givenName(m)) {
        givenNames.push(m);
        continue;
      }
      if (candidates.length === 1) {
        const [cluster, { level }] = candidates[0]!;
        resolver.add(cluster, m, shapeReason(m, level));
        continue;
      }
      if (candidates.length > 1) {
        // Two people share the surname and the text already wrote it alone for one of them, before this
        // mention: it goes on naming that one (`Donald Trump` … `Trump` … `his niece Mary Trump` … `Trump`).
        let usedAlone: Cluster | null = null;
        let several = false;
        for (const [cluster] of candidates) {
          if (!cluster.mentions.some((x) => x.keys.fold.length === 1 && x.keys.folded === m.keys.folded && x.span.start < m.span.start)) continue;
          if (usedAlone) several = true;
          usedAlone = cluster;
        }
        if (usedAlone && !several) {
          resolver.add(usedAlone, m, 'surname-used-alone-before');
          continue;
        }
        // Otherwise the nearest full name written before this mention, if any.
        let nearest: { cluster: Cluster; start: number } | null = null;
        for (const [cluster, { starts }] of candidates) {
          const lo = firstAtOrAfter(starts.length, (i) => starts[i]!, m.span.start);
          const before = lo > 0 ? starts[lo - 1]! : -1;
          if (before !== -1 && (!nearest || before > nearest.start)) nearest = { cluster, start: before };
        }
        if (nearest) {
          resolver.add(nearest.cluster, m, 'surname-nearest-of-several');
          continue;
        }
      }
      const same = resolver.sameName(m);
      resolver.add(same?.cluster ?? null, m, same ? (same.level === 'fold' && m.possessive ? 'possessive' : LEVEL_REASON[same.level]) : null);
    }

    // The one person of the document whose full name starts with the given name, when the text also makes that name
    // a person's: an honorific or a role, or its last word written alone (`Roger Federer` … `Federer` … `Roger is a
    // great player`; `Cairn Energy` … `Cairn said` is no such name). On CoNLL-2003 train gold, one-word person names
    // equal to the first word of one full person name of their document (and ending none) are 94 of 95.
    for (const m of givenNames) {
      // The same word placed already, with a title (`Prince Charles` … `Charles said`, beside `Charles Kennedy`), or
      // as a given name just above (its repetitions follow it).
      const same = resolver.sameName(m);
      if (same) {
        resolver.add(same.cluster, m, same.level === 'fold' && m.possessive ? 'possessive' : LEVEL_REASON[same.level]);
        continue;
      }
      let only: Cluster | null = null;
      let several = false;
      for (const full of byFirstWord.get(m.keys.folded)!) {
        if (!full.cluster || full.cluster === only) continue;
        if (only) several = true;
        only = full.cluster;
      }
      if (only && !several && personMadeByText(only) && resolver.fits(only, m)) {
        resolver.add(only, m, 'given-name-of-full-name');
        continue;
      }
      resolver.add(null, m, null);
    }

    const roleMentions = bindRoles(lex, text, mentions, resolver);
    resolvePronouns(lex, text, [...mentions, ...roleMentions], sentences);
    return toFindings(lex, resolver.clusters);
  },
};

/** A role word or determiner as a pattern: special characters escaped, a space as any run of spaces. */
function escapeRole(w: string): string {
  return w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
}

/** Where a role reference can start: a determiner and space (the lexicon's role determiners). */
const determinerPattern = derivedFrom((lex: AliasLexicon): RegExp => new RegExp(`(?<![\\p{L}\\p{N}])(?:${[...lex.roleDeterminers].map(escapeRole).join('|')})\\s+`, 'giu'));

/** True when every determiner is one ASCII word and none begins another: at most one starts a match at an offset. */
const simpleDeterminers = derivedFrom((lex: AliasLexicon): boolean => {
  const words = [...lex.roleDeterminers].map((w) => w.toLowerCase());
  return words.every((w) => /^[a-z]+$/.test(w) && words.every((o) => o === w || !o.startsWith(w)));
});

/** Per lexicon, the sticky pattern of one role key as written after a determiner's space. */
const keyPatternCache = derivedFrom((_lex: AliasLexicon) => new Map<string, RegExp>());
function keyPattern(lex: AliasLexicon, key: string): RegExp {
  const cache = keyPatternCache(lex);
  let re = cache.get(key);
  if (!re) cache.set(key, (re = new RegExp(`(?:${escapeRole(key)})(?![\\p{L}\\p{N}])`, 'iuy')));
  return re;
}

/** The end of a time before a time zone: a digit or `a.m.`/`pm`, then spaces or an opening parenthesis. */
const AFTER_TIME = /(?:\d|[ap]\.?m\.?)[\s(]*$/iu;

/**
 * Roles written with a person ("Prime Minister Narendra Modi", "Fernando Haddad, the finance
 * minister") bind that role noun to the person; a later "the prime minister" joins the person it was
 * bound to last.
 */
function bindRoles(lex: AliasLexicon, text: string, mentions: readonly Mention[], resolver: Resolver): Mention[] {
  const bindings = new Map<string, { start: number; cluster: Cluster }[]>();
  for (const m of mentions) {
    if (!m.cluster) continue;
    for (const role of m.roles) {
      if (!lex.roleNouns.has(role.key)) continue;
      for (const key of role.bindKeys ?? [role.key]) {
        const list = bindings.get(key) ?? [];
        list.push({ start: m.span.start, cluster: m.cluster });
        bindings.set(key, list);
      }
    }
  }
  const heads = lex.organizationHeads.size === 0 ? null : headBindings(lex, text, mentions);
  if (bindings.size === 0 && heads === null) return [];
  const keys = [...bindings.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const headKeys = heads === null ? [] : [...heads.keys()].sort();
  // Tried only where a determiner and space start (the pattern can match nowhere else), in text order,
  // and after a match from its end: the same matches as one global scan of
  // `(?<![\p{L}\p{N}])(?:determiners)\s+(keys)(?![\p{L}\p{N}])`, without running it at every offset.
  // When the determiners are single words none of which begins another (so at most one starts at an
  // offset) and no key starts with a space, the keys are tried one by one, longest first as in the
  // alternation, each with its own pattern kept per lexicon; otherwise the whole pattern, built here.
  // A head noun of an organisation (one word) is tried after the role nouns, the same way.
  const byKey = simpleDeterminers(lex) && keys.every((k) => !/^\s/u.test(k));
  const determiners = byKey ? '' : [...lex.roleDeterminers].map(escapeRole).join('|');
  const pattern = byKey || keys.length === 0 ? null : new RegExp(`(?<![\\p{L}\\p{N}])(?:${determiners})\\s+(${keys.map(escapeRole).join('|')})(?![\\p{L}\\p{N}])`, 'iuy');
  const headPattern = byKey || headKeys.length === 0 ? null : new RegExp(`(?<![\\p{L}\\p{N}])(?:${determiners})\\s+(${headKeys.map(escapeRole).join('|')})(?![\\p{L}\\p{N}])`, 'iuy');
  const keyPatterns = byKey ? keys.map((k) => keyPattern(lex, k)) : [];
  const headPatterns = byKey ? headKeys.map((k) => keyPattern(lex, k)) : [];
  const keyFirsts = byKey ? firstCodeUnits(keys, keyFirstsBuffer) : null;
  const headFirsts = byKey ? firstCodeUnits(headKeys, headFirstsBuffer) : null;
  let occupied: Span[] | null = null;
  const added: Mention[] = [];
  const candidates = determinerPattern(lex);
  candidates.lastIndex = 0;
  for (let candidate = candidates.exec(text); candidate; candidate = candidates.exec(text)) {
    const start = candidate.index;
    const found = wordsAfterDeterminer(text, start, candidate[0].length, pattern, keyPatterns, keyFirsts);
    const end = found === null ? -1 : found.end;
    const written = found === null ? '' : found.written;
    if (end < 0 && heads !== null) {
      const description = describedOrganization(lex, text, start, candidate[0].length, headPattern, headPatterns, headFirsts, heads, resolver, (occupied ??= mentions.map((m) => m.span).sort(compareSpans)));
      if (description !== null) {
        candidates.lastIndex = description.end;
        if (description.mention) added.push(description.mention);
        continue;
      }
    }
    if (end < 0) {
      candidates.lastIndex = start + 1;
      continue;
    }
    candidates.lastIndex = end;
    // "the prime minister Narendra Modi": a title before a name, not a reference back.
    if (/^[^\S\n]+\p{Lu}/u.test(text.slice(end, end + 3))) continue;
    occupied ??= mentions.map((m) => m.span).sort(compareSpans);
    const key = written.toLowerCase().replace(/\s+/g, ' ');
    // A modifier bound with the role (`the Tory leader`) may be a name of its own (`Tory`): only the role noun after
    // it must be free.
    const roleFrom = lex.roleNouns.has(key) ? start : end - (written.length - written.search(/\s/u));
    if (overlapsAny(occupied, roleFrom, end)) continue;
    const before = (bindings.get(key) ?? []).filter((b) => b.start < start);
    const binding = before[before.length - 1];
    if (!binding) continue;
    const span = spanAt(text, start, end);
    const mention = newMention(span, span.text.replace(/\s+/gu, ' '), 'person', keysFor(span.text, lex.variants), 'role', lex.roleNouns.get(key) ?? null, false, false, NO_ROLES, null);
    if (!resolver.fits(binding.cluster, mention)) continue;
    resolver.add(binding.cluster, mention, 'role-bound-by-apposition');
    added.push(mention);
  }
  return added;
}

/**
 * The head nouns (organization-head words) that organisations and groups of the document are written
 * with, each with the mentions that bind it, in text order: the name's last word ("the Transport Workers
 * Union"), the word before its first "of" ("the Ministry of Defence", "the Royal Swedish Academy of Sciences"), or a
 * lower-case head written right after the name ("the FNV union"). Null when no mention binds one.
 */
function headBindings(lex: AliasLexicon, text: string, mentions: readonly Mention[]): Map<string, { start: number; cluster: Cluster }[]> | null {
  let heads: Map<string, { start: number; cluster: Cluster }[]> | null = null;
  const bind = (head: string, m: Mention): void => {
    heads ??= new Map();
    const list = heads.get(head);
    if (!list) heads.set(head, [{ start: m.span.start, cluster: m.cluster! }]);
    else list.push({ start: m.span.start, cluster: m.cluster! });
  };
  for (const m of mentions) {
    if (!m.cluster || m.kind !== 'name' || m.possessive) continue;
    const type = clusterType(m.cluster);
    if (type !== 'organization' && type !== 'group') continue;
    // `the company`, `the firm`: any organisation binds them; `describedOrganization` takes the one organisation
    // bound within reach before the description, and none when there are two (version 27).
    if (type === 'organization') for (const generic of lex.genericOrganizationHeads) bind(generic, m);
    const head = headOfName(lex, m.keys.fold);
    if (head !== null) bind(head, m);
    else {
      // A lower-case head noun after one space: "the FNV union"; after a group, only a head that names the group's
      // own body ("the Brazilian government", not "the Kenyan school").
      const end = m.span.end;
      if (text.charCodeAt(end) !== 32) continue;
      let i = end + 1;
      while (i < text.length && text.charCodeAt(i) >= 97 && text.charCodeAt(i) <= 122) i++;
      if (i === end + 1 || /[\p{L}\p{N}]/u.test(text.charAt(i))) continue;
      const word = text.slice(end + 1, i);
      if (lex.organizationHeads.has(word) && (type === 'organization' || lex.groupBodyHeads.has(word))) bind(word, m);
    }
  }
  return heads;
}

/** The organisation head noun a name is written with: its last word, or the word before its first `of`; null when none. */
function headOfName(lex: AliasLexicon, fold: readonly string[]): string | null {
  const last = fold[fold.length - 1];
  if (last !== undefined && lex.organizationHeads.has(last)) return last;
  const of = fold.indexOf('of');
  return of > 0 && lex.organizationHeads.has(fold[of - 1]!) ? fold[of - 1]! : null;
}

/**
 * The cluster of the one organisation or group written before `m` with the head noun that `m` is, when `m`
 * is a one-word organisation name that is an organisation head noun right after `the` (`The Department`,
 * `the Ministry`, tagged alone by the recogniser) and not the start of a longer name or a role (`the
 * Union Jack`, `the Company chairman`). Null when there is none or more than one: the rule of
 * `describedOrganization`, for a description the recogniser took for a name.
 */
function capitalisedDescription(lex: AliasLexicon, text: string, mentions: readonly Mention[], m: Mention): Cluster | null {
  if (m.kind !== 'name' || m.type !== 'organization' || m.possessive || m.keys.fold.length !== 1) return null;
  const head = m.keys.fold[0]!;
  if (!lex.organizationHeads.has(head) || cueWordBefore(text, m.span.start)?.toLowerCase() !== 'the') return null;
  if (/^[^\S\n]+\p{Lu}/u.test(text.slice(m.span.end, m.span.end + 3)) || nextWordStartsRole(lex, text, m.span.end)) return null;
  let found: Cluster | null = null;
  for (const x of mentions) {
    if (x.span.start >= m.span.start) break;
    if (!x.cluster || x.kind !== 'name' || x.possessive || x.keys.fold.length < 2) continue;
    const type = clusterType(x.cluster);
    if ((type !== 'organization' && type !== 'group') || headOfName(lex, x.keys.fold) !== head) continue;
    if (found !== null && found !== x.cluster) return null;
    found = x.cluster;
  }
  return found;
}

/** Words after a head noun that make it a modifier, not the head: "the union leader", "the company chief executive". */
function nextWordStartsRole(lex: AliasLexicon, text: string, end: number): boolean {
  let i = end;
  if (text.charCodeAt(i) !== 32) return false;
  i++;
  const from = i;
  while (i < text.length && /\p{L}/u.test(text.charAt(i))) i++;
  if (i === from) return false;
  const word = text.slice(from, i);
  return lex.roleFirstWords.has(word.toLowerCase()) || word.toLowerCase() === 'of';
}

/**
 * The bound words after the determiner at `start`: through the one alternation `pattern` (whose first
 * group is the words) when there is one, else through the first of the per-key `patterns` that
 * matches right after the determiner. Null when none follows.
 */
function wordsAfterDeterminer(
  text: string,
  start: number,
  determinerLength: number,
  pattern: RegExp | null,
  patterns: readonly RegExp[],
  firsts: Uint8Array | null,
): { end: number; written: string } | null {
  if (pattern) {
    pattern.lastIndex = start;
    const match = pattern.exec(text);
    return match ? { end: start + match[0].length, written: match[1]! } : null;
  }
  const at = start + determinerLength;
  if (firsts !== null) {
    // No key begins with this ASCII code unit in either case: none of the patterns can match here.
    let c = text.charCodeAt(at);
    if (c < 128) {
      if (c >= 65 && c <= 90) c += 32;
      if (firsts[c] === 0) return null;
    }
  }
  for (const re of patterns) {
    re.lastIndex = at;
    const match = re.exec(text);
    if (match) return { end: at + match[0].length, written: match[0] };
  }
  return null;
}

/** `firstCodeUnits` tables of role keys and head keys, refilled by each `bindRoles`. */
const keyFirstsBuffer = new Uint8Array(128);
const headFirstsBuffer = new Uint8Array(128);

/**
 * Per ASCII code unit in lower case (written into `firsts`), 1 when one of `keys` begins with it (either case): a key pattern
 * (case-insensitive) can match only where the text has one of these, or a code unit beyond ASCII.
 * Null when a key begins beyond ASCII, whose case variants are not only the ASCII pair: no filter then.
 */
function firstCodeUnits(keys: readonly string[], firsts: Uint8Array): Uint8Array | null {
  firsts.fill(0);
  for (const key of keys) {
    const c = key.charCodeAt(0);
    if (!(c < 128)) return null;
    firsts[c >= 65 && c <= 90 ? c + 32 : c] = 1;
  }
  return firsts;
}

/**
 * A definite description of an organisation: "the union" after "the FNV union", "the ministry" after
 * "the Ministry of Defence". The head noun after the determiner at `start` must have been bound by
 * exactly one organisation or group written before it; then the description joins that entity
 * (`definite-description-of-organization`). Returns null when no head noun follows the determiner,
 * else where the scan goes on and the mention, if one was added.
 */
function describedOrganization(
  lex: AliasLexicon,
  text: string,
  start: number,
  determinerLength: number,
  pattern: RegExp | null,
  patterns: readonly RegExp[],
  firsts: Uint8Array | null,
  heads: ReadonlyMap<string, readonly { start: number; cluster: Cluster }[]>,
  resolver: Resolver,
  occupied: readonly Span[],
): { end: number; mention: Mention | null } | null {
  const found = wordsAfterDeterminer(text, start, determinerLength, pattern, patterns, firsts);
  if (found === null) return null;
  const { end, written } = found;
  const none = { end, mention: null };
  // "the Union Jack", "the union leader", "the ministry of health": not a reference back to the organisation.
  if (/^[^\S\n]+\p{Lu}/u.test(text.slice(end, end + 3)) || nextWordStartsRole(lex, text, end)) return none;
  if (overlapsAny(occupied, start, end)) return none;
  const key = written.toLowerCase();
  // "told the BBC that police suspect …": `that` before a plural head is a conjunction, not a demonstrative.
  if (lex.pluralHeads.has(key) && lex.singularDemonstratives.has(text.slice(start, start + determinerLength).trim().toLowerCase())) return none;
  let cluster: Cluster | null = null;
  const generic = lex.genericOrganizationHeads.has(key);
  // Only as a subject: at a sentence or clause start, or after a word that opens a clause (`and`, `that`, `said`).
  if (generic && !opensClauseAt(lex, text, start)) return none;
  for (const b of heads.get(key) ?? []) {
    if (b.start >= start) break;
    // A generic head (`the company`) refers back only when one organisation is written within a few sentences
    // before it: with two (`Oracle … its smaller rival Peoplesoft … The company said`) the reference is the
    // reader's call, and a wrong entity is worse than none.
    if (generic && start - b.start > GENERIC_HEAD_REACH) continue;
    if (cluster !== null && b.cluster !== cluster) return none;
    cluster = b.cluster;
  }
  if (cluster === null) return none;
  const span = spanAt(text, start, end);
  const mention = newMention(span, span.text.replace(/\s+/gu, ' '), clusterType(cluster), keysFor(span.text, lex.variants), 'role', null, false, false, NO_ROLES, null);
  if (!resolver.fits(cluster, mention)) return none;
  resolver.add(cluster, mention, 'definite-description-of-organization');
  return { end, mention };
}

/** Whether a clause opens at `at`: the text's start, a line start, punctuation before it, or a `generic-head-opener` word. */
function opensClauseAt(lex: AliasLexicon, text: string, at: number): boolean {
  let i = at;
  while (i > 0 && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) i--;
  if (i === 0) return true;
  const c = text.charAt(i - 1);
  if (/[\n.!?,;:"“”'‘’(—–-]/u.test(c)) return true;
  let j = i;
  while (j > 0 && /\p{L}/u.test(text.charAt(j - 1))) j--;
  return lex.genericHeadOpeners.has(text.slice(j, i).toLowerCase());
}

/** How far back (characters, about three sentences of news copy) `the company` looks for its organisation. */
const GENERIC_HEAD_REACH = 600;

/** True when [start, end) overlaps one of the spans (sorted by start; mentions do not nest deeply). */
function overlapsAny(spans: readonly { start: number; end: number }[], start: number, end: number): boolean {
  const lo = firstAtOrAfter(spans.length, (i) => spans[i]!.start, end);
  for (let i = lo - 1; i >= 0 && i >= lo - 8; i--) if (spans[i]!.end > start) return true;
  return false;
}

/** The pronouns of the lexicon as whole words, longest first; built once per lexicon. */
const pronounPattern = derivedFrom((lex: AliasLexicon): RegExp => {
  const words = [...lex.pronouns.keys()].sort((a, b) => b.length - a.length).join('|');
  return new RegExp(`(?<![\\p{L}\\p{N}’'\\-])(?:${words})(?![\\p{L}\\p{N}’'\\-])`, 'giu');
});

/** How many mentions a pronoun looks past before it gives up. */
const MAX_SKIPPED = 64;

/**
 * he/she (and him, his, her) go to the nearest person before them whose gender does not contradict;
 * its to the nearest organisation or group; they (their, them) to an organisation or group in the
 * same or the previous sentence of the writer's (sentences wholly inside a quote do not count). Only pronouns outside quotation marks are resolved (the speakers and
 * claimants claimtrace needs), and only to mentions outside quotation marks, so a speaker's "he" never
 * points at a name inside the quote being attributed. Never to a place; he/she never to an
 * organisation. A pronoun never becomes an entity of its own.
 */
function resolvePronouns(lex: AliasLexicon, text: string, mentions: readonly Mention[], sentences: readonly Finding[]): void {
  if (mentions.length === 0 || lex.pronouns.size === 0) return;
  const regions = quotedRegions(text);
  const candidates = mentions.filter((m) => m.cluster && !insideAny(regions, m.span.start)).sort((a, b) => a.span.end - b.span.end || a.span.start - b.span.start);
  if (candidates.length === 0) return;
  const pattern = pronounPattern(lex);
  // A pronoun before the end of the first candidate has no antecedent: the scan starts there.
  pattern.lastIndex = candidates[0]!.span.end;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const start = match.index;
    if (insideAny(regions, start)) continue;
    // The /iu pattern also matches through Unicode case folding ("ſhe", U+017F): only the lexicon's own forms count.
    const entry = lex.pronouns.get(match[0].toLowerCase());
    if (!entry) continue;
    let i = lastAtOrBefore(candidates.length, (k) => candidates[k]!.span.end, start);
    const pronounSentence = lastStartingAtOrBefore(sentences, start);
    const clause = subordinateClauseBefore(lex, text, sentences[pronounSentence], start);
    for (let skipped = 0; i >= 0 && skipped < MAX_SKIPPED; i--, skipped++) {
      const m = candidates[i]!;
      // "If Clinton is elected, he told reporters": a name inside the subordinate clause is not the pronoun's antecedent.
      if (clause !== null && m.span.start >= clause.start && m.span.end <= clause.end) continue;
      const cluster = m.cluster!;
      const type = clusterType(cluster);
      if (entry.kind === 'person') {
        if (type !== 'person' || (entry.gender && cluster.gender && entry.gender !== cluster.gender)) continue;
      } else {
        if (entry.kind === 'plural' && sentencesBetween(sentences, regions, lastStartingAtOrBefore(sentences, m.span.start), pronounSentence) > 1) break;
        if (type !== 'organization' && type !== 'group') continue;
      }
      const span = spanAt(text, start, start + match[0].length);
      // "Prof Etzioni criticises the US for … hunting Osama Bin Laden. "…," he says": the subject of the sentence, not a later name in it.
      const subject = entry.kind === 'person' && entry.subject ? subjectBefore(lex, text, sentences, candidates, i, pronounSentence, (c) => clusterType(c.cluster!) === 'person' && !(entry.gender && c.cluster!.gender && entry.gender !== c.cluster!.gender)) : null;
      const antecedent = subject ?? m;
      const reason = subject ? 'pronoun-subject-of-sentence' : entry.kind === 'person' ? 'pronoun-nearest-compatible-person' : entry.kind === 'thing' ? 'pronoun-nearest-organization' : 'pronoun-nearest-organization-or-group';
      (antecedent.cluster!.pronouns ??= []).push({ span, antecedent, reason });
      if (entry.kind === 'person') antecedent.cluster!.gender = antecedent.cluster!.gender ?? entry.gender;
      break;
    }
  }
  resolveDescriptions(lex, text, mentions, sentences, regions, candidates);
}

/** `the` (any case) as a word, then blanks on its line: where a description of a person may start. */
const THE = /(?<![\p{L}\p{N}])[Tt]he[^\S\n]+/gu;
/** An age written as a noun after `the`: `30-year-old` (`the 30-year-old said`). */
const AGE_NOUN = /^\d{1,3}-year-old(?![\p{L}\p{N}\-])/u;
/** A lower-case word of letters (and inner hyphens) at the start of the string. */
const LOWER_WORD = /^\p{Ll}+(?:-\p{Ll}+)*(?![\p{L}\p{N}\-’'])/u;

/**
 * A description of a person that names nobody, written as a subject is: `the 30-year-old` (an age used as a
 * noun) or `the` and a role noun of the table (`the striker`, `the chief executive`) that no apposition bound
 * (`bindRoles` made those mentions already). In news it refers to the person last named as the subject of the
 * sentences before it, as `he` does: it is resolved as a subject pronoun of the role noun's gender (none for an
 * age), to a person outside quotation marks, and recorded as an inferred merge (`description-subject-of-sentence`
 * or `description-nearest-person`) with its antecedent, not as a pronoun mention. Not when a capitalised word
 * follows (`the 28-year-old Morientes`, `the prime minister Narendra Modi`: a title before a name), nor when `of`,
 * `for`, `at` or a possessive makes the role noun a modifier or a head with its own complement (`the manager of
 * the club`, `the coach's decision`).
 */
function resolveDescriptions(lex: AliasLexicon, text: string, mentions: readonly Mention[], sentences: readonly Finding[], regions: readonly { start: number; end: number }[], candidates: readonly Mention[]): void {
  if (lex.backReferenceRoles.size === 0 && !text.includes('-year-old')) return;
  let occupied: Span[] | null = null;
  THE.lastIndex = candidates[0]!.span.end;
  for (let match = THE.exec(text); match; match = THE.exec(text)) {
    const start = match.index;
    const after = start + match[0].length;
    // Most `the`s open neither: only a digit or the first word of a back-reference role is read further.
    const first = text.charCodeAt(after);
    if (!(first >= 48 && first <= 57)) {
      let e = after;
      while (e < text.length && text.charCodeAt(e) >= 97 && text.charCodeAt(e) <= 122) e++;
      if (e === after || !lex.backReferenceFirstWords.has(text.slice(after, e))) continue;
    }
    const rest = text.slice(after, after + 60);
    let end = -1;
    let gender: Gender = null;
    const age = AGE_NOUN.exec(rest);
    if (age) end = after + age[0].length;
    else {
      const words: string[] = [];
      const ends: number[] = [];
      let at = 0;
      for (let w = 0; w < lex.longestRole; w++) {
        const word = LOWER_WORD.exec(rest.slice(at));
        if (!word) break;
        words.push(word[0]);
        at += word[0].length;
        ends.push(after + at);
        const blanks = /^[^\S\n]+/u.exec(rest.slice(at));
        if (!blanks) break;
        at += blanks[0].length;
      }
      const n = roleNounAtStart(lex, words);
      if (n === 0) continue;
      const key = words.slice(0, n).join(' ');
      if (!lex.backReferenceRoles.has(key)) continue;
      end = ends[n - 1]!;
      gender = lex.roleNouns.get(key) ?? null;
      // A role noun before another noun is its modifier (`the coach driver`), as a role noun before a name is a title.
      const next = /^[^\S\n]+(\S+)/u.exec(text.slice(end, end + 30));
      if (next && (/^\p{Ll}+$/u.test(next[1]!) && roleNounAtStart(lex, [next[1]!]) > 0)) continue;
    }
    THE.lastIndex = end;
    if (insideAny(regions, start)) continue;
    const follow = text.slice(end, end + 12);
    if (/^[’']s?(?![\p{L}])/u.test(follow) || /^[^\S\n]+(?:\p{Lu}|of\b|for\b|at\b)/u.test(follow)) continue;
    occupied ??= mentions.map((m) => m.span).sort(compareSpans);
    if (overlapsAny(occupied, start, end)) continue;
    let i = lastAtOrBefore(candidates.length, (k) => candidates[k]!.span.end, start);
    const sentence = lastStartingAtOrBefore(sentences, start);
    const clause = subordinateClauseBefore(lex, text, sentences[sentence], start);
    const fits = (c: Mention): boolean => clusterType(c.cluster!) === 'person' && !(gender && c.cluster!.gender && gender !== c.cluster!.gender);
    for (let skipped = 0; i >= 0 && skipped < MAX_SKIPPED; i--, skipped++) {
      const m = candidates[i]!;
      if (clause !== null && m.span.start >= clause.start && m.span.end <= clause.end) continue;
      // A writer names a person and describes them in one sentence only in an apposition (`Murphy said the senator
      // criticized …` speaks of someone else): the antecedent stands in an earlier sentence.
      if (!fits(m) || lastStartingAtOrBefore(sentences, m.span.start) === sentence) continue;
      const subject = subjectBefore(lex, text, sentences, candidates, i, sentence, fits);
      const antecedent = subject ?? m;
      const span = spanAt(text, start, end);
      (antecedent.cluster!.pronouns ??= []).push({ span, antecedent, reason: subject ? 'description-subject-of-sentence' : 'description-nearest-person', description: true });
      break;
    }
  }
}

/**
 * Whether the sentence at `from` opens with an adverbial set off by a comma (`On Monday, …`, `Wednesday, the same
 * day that he dropped out, …`): its first word is of the class `sentence-intro-opener`.
 */
function opensWithIntro(lex: AliasLexicon, text: string, from: number): boolean {
  const first = /^\p{L}+/u.exec(text.slice(from, from + 20));
  return first !== null && lex.sentenceIntroOpeners.has(first[0].toLowerCase());
}

/**
 * Whether the sentence at `from` opens with a participle clause set off by a comma (`Refusing to give up power,
 * Mugabe agreed …`, `Speaking to reporters, Ms Lee said …`): a capitalised first word of six letters or more in
 * `-ing` that no mention starts with (`Browning said`).
 */
function opensWithParticiple(text: string, from: number, candidates: readonly Mention[], i: number): boolean {
  const first = /^\p{Lu}\p{Ll}{2,}ing(?![\p{L}\p{N}'’-])/u.exec(text.slice(from, from + 24));
  if (first === null) return false;
  for (let k = i; k >= 0 && candidates[k]!.span.start >= from; k--) if (candidates[k]!.span.start === from) return false;
  return true;
}

/** How many words may stand before a sentence's subject (`Chief executive Simon Hart said`). */
const SUBJECT_WORDS = 3;

/**
 * For a subject pronoun (`he`, `she`) whose nearest compatible person, `candidates[i]`, stands later than the
 * opening words of its sentence (an object, a possessor, a name in a prepositional phrase): the compatible
 * person who opens that sentence, its subject, when that sentence is the pronoun's own or the one before it.
 * Null when the nearest person is the subject already, or no compatible person opens the sentence.
 */
function subjectBefore(lex: AliasLexicon, text: string, sentences: readonly Finding[], candidates: readonly Mention[], i: number, pronounSentence: number, fits: (m: Mention) => boolean): Mention | null {
  const nearest = candidates[i]!;
  const sentence = lastStartingAtOrBefore(sentences, nearest.span.start);
  if (sentence < pronounSentence - 1 || sentence < 0) return null;
  const from = sentences[sentence]!.span.start;
  const opening = afterWords(text, from, SUBJECT_WORDS);
  if (nearest.span.start < opening) return null;
  // "Duda said … while Interior Minister Joachim Brudziński wrote …. He tweeted": a name a few words after a word
  // that opens a clause is that clause's subject, and the nearest person stays the antecedent.
  for (const word of text.slice(Math.max(from, wordsBefore(text, nearest.span.start, SUBJECT_WORDS + 1)), nearest.span.start).split(/[\s,]+/u)) {
    const w = word.toLowerCase();
    if (lex.subordinators.has(w) || lex.clauseCoordinators.has(w)) return null;
  }
  // The compatible person who opens the clause starting at `after` (within its first words, before `until`). A
  // possessor opens the subject without being it (`Gordon Brown's decision … Mr Balls told the BBC`); a name a few
  // words before the nearest person, with no punctuation between, premodifies it (`Oxfam senior policy adviser Max
  // Lawson`, `Merck's head of research Peter Kim`).
  const opener = (after: number, until: number): Mention | null => {
    for (let k = i - 1; k >= 0; k--) {
      const c = candidates[k]!;
      if (c.span.start < after) break;
      if (c.span.start < until && fits(c) && !c.possessive && !/^['’]s?\b/u.test(text.slice(c.span.end, c.span.end + 2)) && !premodifies(lex, text, c, nearest)) return c;
    }
    return null;
  };
  // "Wednesday, the same day that he dropped out, Bloomberg endorsed …": after an opening adverbial set off by a
  // comma, the subject opens the clause after that comma (version 29). Each comma of the sentence's first 120 code
  // units may close the adverbial: the first person who opens the clause after one is the subject.
  if (opensWithIntro(lex, text, from) || opensWithParticiple(text, from, candidates, i)) {
    for (let comma = text.indexOf(',', from); comma !== -1 && comma < nearest.span.start && comma - from <= 120; comma = text.indexOf(',', comma + 1)) {
      if (/[.!?;:\n]/u.test(text.slice(from, comma))) break;
      const subject = opener(comma + 1, afterWords(text, comma + 1, SUBJECT_WORDS));
      if (subject) return subject;
    }
  }
  return opener(from, opening);
}

/**
 * Whether at most four words and no punctuation stand between `c` and `nearest`, the last of them a role noun's
 * last word or capitalised (`Oxfam senior policy adviser Max Lawson`, `Labour MP Ann Lee`). Words that end
 * otherwise open a phrase of their own: `Auction spokesman Erik Simon said the Presley tapes…` (version 25).
 */
function premodifies(lex: AliasLexicon, text: string, c: Mention, nearest: Mention): boolean {
  const between = text.slice(c.span.end, nearest.span.start);
  if (/[^\p{L}\p{N}\s'’-]/u.test(between)) return false;
  const words = between.trim().split(/\s+/u).filter(Boolean);
  if (words.length > 4) return false;
  const last = words[words.length - 1];
  return last === undefined || lex.roleLastWords.has(last.toLowerCase()) || /^\p{Lu}/u.test(last) || AGENT_NOUN.test(last);
}

/**
 * A lower-case noun of a person's occupation by its ending (`adviser`, `frontman`, `striker`, `economist`,
 * `historian`), four letters or more, not the adverbs and conjunctions in `-ther` and `-ever` (`whether`, `however`).
 */
const AGENT_NOUN = /^(?!\p{L}*(?:ther|ever)$)\p{Ll}{2,}(?:er|or|ist|man|ian)$/u;

/** The offset where the `n`th word (runs of non-space) before `at` starts. */
function wordsBefore(text: string, at: number, n: number): number {
  let i = at;
  for (let w = 0; w < n && i > 0; w++) {
    while (i > 0 && /\s/u.test(text[i - 1]!)) i--;
    while (i > 0 && !/\s/u.test(text[i - 1]!)) i--;
  }
  return i;
}

/** The offset after the first `n` words (runs of non-space) from `from`. */
function afterWords(text: string, from: number, n: number): number {
  let i = from;
  for (let w = 0; w < n && i < text.length; w++) {
    while (i < text.length && /\s/u.test(text[i]!)) i++;
    while (i < text.length && !/\s/u.test(text[i]!)) i++;
  }
  return i;
}

/**
 * How many sentences after sentence `from` up to sentence `to` (both indices) hold the writer's own words:
 * a sentence wholly inside quotation marks belongs to the quote, so `The Department issued a
 * statement: "… . … ." They also said …` has `They` in the sentence after the Department's however long the
 * quote runs.
 */
function sentencesBetween(sentences: readonly Finding[], regions: readonly { start: number; end: number }[], from: number, to: number): number {
  let n = 0;
  for (let k = from + 1; k <= to && n <= 1; k++) {
    const span = sentences[k]!.span;
    if (k === to || !insideAny(regions, span.start) || !insideAny(regions, span.end - 1)) n++;
  }
  return n;
}

/**
 * The subordinate clause that opens the sentence of a pronoun at `at` and closes with a comma before it ("If
 * Clinton is elected, he …"): its range, or null. The clause is read up to 200 characters.
 */
function subordinateClauseBefore(lex: AliasLexicon, text: string, sentence: Finding | undefined, at: number): { start: number; end: number } | null {
  if (!sentence || sentence.span.start >= at) return null;
  const start = sentence.span.start;
  const first = /^[\p{L}]+/u.exec(text.slice(start, Math.min(at, start + 20)));
  if (!first || !lex.subordinators.has(first[0].toLowerCase())) return null;
  const comma = text.indexOf(',', start);
  if (comma === -1 || comma >= at || comma - start > 200) return null;
  return { start, end: comma };
}

/** The mention whose name the entity takes (the user's table's name, when it names the entity, comes first). */
function canonicalMention(cluster: Cluster): Mention {
  if (cluster.mentions.length === 1) return cluster.mentions[0]!;
  let best: Mention | null = null;
  let bestAcronym = false;
  const seen = new Set<string>();
  for (const m of cluster.mentions) {
    if (m.kind !== 'name' || seen.has(m.name)) continue;
    seen.add(m.name);
    const acronym = lettersOf(m) !== null;
    if (!best) {
      best = m;
      bestAcronym = acronym;
      continue;
    }
    if (acronym !== bestAcronym) {
      if (bestAcronym) {
        best = m;
        bestAcronym = acronym;
      }
      continue;
    }
    if (m.keys.fold.length > best.keys.fold.length || (m.keys.fold.length === best.keys.fold.length && m.name.length > best.name.length)) best = m;
  }
  return best ?? cluster.mentions[0]!;
}

function toFindings(lex: AliasLexicon, clusters: readonly Cluster[]): Finding[] {
  const built: { first: Mention; data: EntityData; evidence: string[] }[] = [];
  for (const cluster of clusters) {
    if (!cluster.mentions.some((m) => m.kind === 'name')) continue;
    const mentions = cluster.mentions.length > 1 ? cluster.mentions.slice().sort((a, b) => compareSpans(a.span, b.span)) : cluster.mentions;
    const first = mentions[0]!;
    const canonical = cluster.user ? null : canonicalMention(cluster);
    const name = canonical ? canonical.name : cluster.user!.name;
    const type = clusterType(cluster);
    // Aliases and roles are few per entity: arrays kept free of repeats, in the order first seen.
    const aliases: string[] = [];
    const roles: string[] = [];
    const spans: SpanJson[] = [];
    const merges: MergeJson[] = [];
    // Each detect-entities record is read into one mention at most, so the sources do not repeat.
    const evidence: string[] = [];
    for (let i = 0; i < mentions.length; i++) {
      const m = mentions[i]!;
      if (m.name !== name && !aliases.includes(m.name)) aliases.push(m.name);
      for (const role of m.roles) if (!roles.includes(role.text)) roles.push(role.text);
      // A span is a plain { start, end, text } record, the contract's SpanJson: shared, not copied.
      spans.push(m.span);
      if (i > 0) merges.push({ mention: m.span, reason: m.reason ?? 'same-name' });
      if (m.sourceId !== null) evidence.push(m.sourceId);
    }
    const pronounMentions: SpanJson[] = [];
    if (cluster.pronouns !== null) {
      const pronouns = cluster.pronouns.slice().sort((a, b) => compareSpans(a.span, b.span));
      for (const p of pronouns) {
        if (!p.description) pronounMentions.push(p.span);
        merges.push({ mention: p.span, reason: p.reason, basis: 'inferred', antecedent: p.antecedent.span });
      }
      // The mentions' merges are in order already; the pronouns' fall between them.
      merges.sort((a, b) => compareSpans(a.mention, b.mention));
    }
    const data: EntityData = {
      type,
      name,
      aliases,
      roles,
      mentions: spans,
      pronounMentions,
      key: canonical ? mentionEntityKey(type, canonical, lex.variants) : sharedEntityKey(type, name, lex.variants),
      merges,
    };
    built.push({ first, data, evidence });
  }
  built.sort((a, b) => compareSpans(a.first.span, b.first.span));
  const ids = createRecordIds();
  return built.map(({ first, data, evidence }) => {
    const id = ids('e', first.span);
    const finding: Finding<'entity'> =
      evidence.length > 0
        ? { id, analysis: RESOLVE_ALIASES_ID, kind: 'entity', span: first.span, data, basis: 'stated', evidence }
        : { id, analysis: RESOLVE_ALIASES_ID, kind: 'entity', span: first.span, data, basis: 'stated' };
    return finding;
  });
}

/**
 * The cross-document key: the type and the canonical name (the user's, when the alias table names
 * the entity) folded, with the spelling variants of the data table mapped: "person:volodymyr zelensky"
 * for both "Volodymyr Zelenskyy" and "Volodymyr Zelensky". The looser spelling skeleton may join two
 * mentions inside one document, where the merge is recorded with its reason, but not across documents:
 * "Pieter Bakker" and "Pieter Baker" in two articles may be two people.
 */
export function entityKey(type: EntityType, name: string, variants: ReadonlyMap<string, string>): string {
  return `${type}:${entityNamePart(name, variants)}`;
}

function entityNamePart(name: string, variants: ReadonlyMap<string, string>): string {
  return nameKeys(name.replace(/[^\p{L}\p{N}\s'’&-]/gu, ''), variants).variant.join(' ');
}
