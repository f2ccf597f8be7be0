import type { CueEntry } from './cue-lexicon.js';
import type { QuoteLexicon } from './lexicon.js';
import { speakerBeforePlaces } from './located-speakers.js';
import { DASHES, onlyNumbers, startsWithNumber, type Word } from './words.js';
import { isNameWord, personBeforeChain, qualifierChainEnd } from './qualified-names.js';
import { apposedName, endsInTitle, nameAfterRoleWords, officeHolderStart, runStartBefore } from './speaker-names.js';

export interface CueMatch {
  /** Index of the first and one past the last word of the cue (adverb included for manner cues). */
  readonly from: number;
  readonly to: number;
  readonly entry: CueEntry;
  /** An evaluative adverb that turns any cue into a manner cue ("ridiculously added"). */
  readonly manner: boolean;
}

export interface SpeakerMatch {
  readonly from: number;
  readonly to: number;
  /** The name with titles removed ("Gov. Mike Pence" -> "Mike Pence"), or the noun phrase as written. */
  readonly name: string;
  readonly kind: 'name' | 'pronoun' | 'noun-phrase';
  /** Written role next to the speaker ("a spokeswoman for the FNV union"). */
  readonly role: string | null;
  /** The phrase ends in a relative clause without a pronoun (`The letter the council sent`): its last word is that clause's verb. */
  readonly relativeClause?: boolean;
}

export function isTitleWord(lex: QuoteLexicon, word: Word): boolean {
  return lex.titles.has(word.text);
}

/** Finds the reporting cue that starts at word `i`, if any (multi-word forms first). */
export function cueAt(lex: QuoteLexicon, words: readonly Word[], i: number): CueMatch | null {
  const firstWord = words[i];
  if (!firstWord || firstWord.punct) return null;
  const { forms, wordsFrom } = lex.cues;
  // Words are shared by every window that reads them, and one lexicon serves a whole run.
  let longest = firstWord.cueWords;
  if (longest < 0) {
    longest = firstWord.cueWords = wordsFrom.get(firstWord.lower) ?? 0;
    if (longest > 0) firstWord.cueOne = forms.get(firstWord.lower) ?? null;
  }
  if (longest === 0) return null;
  for (let n = Math.min(longest, words.length - i); n >= 1; n--) {
    if (n === 1) {
      // The word alone: its form was looked up with `cueWords`.
      const entry = firstWord.cueOne;
      if (!entry) continue;
      const match = cueMatchAt(lex, words, i, n, entry);
      if (match) return match;
      continue;
    }
    // The surface form of the n words from i, built without copying the words (this runs for every word).
    let surface = firstWord.lower;
    let punct = false;
    for (let k = i + 1; k < i + n; k++) {
      const w = words[k]!;
      if (w.punct) {
        punct = true;
        break;
      }
      surface += ' ' + w.lower;
    }
    if (punct) continue;
    const entry = forms.get(surface);
    if (!entry) continue;
    const match = cueMatchAt(lex, words, i, n, entry);
    if (match) return match;
  }
  return null;
}

/** `/[’']s$/.test(word)` by character code: `cueAt` asks it of the word before every cue it finds. */
export function endsInPossessive(word: string): boolean {
  const n = word.length;
  if (n < 2 || word.charCodeAt(n - 1) !== 115) return false;
  const apostrophe = word.charCodeAt(n - 2);
  return apostrophe === 0x2019 || apostrophe === 39;
}

/** `/ly$/.test(word)` by character code. */
function endsInLy(word: string): boolean {
  const n = word.length;
  return n >= 2 && word.charCodeAt(n - 1) === 121 && word.charCodeAt(n - 2) === 108;
}

/** The cue of form `entry` over the `n` words from `i`, or null when the word is a name or a noun there. */
function cueMatchAt(lex: QuoteLexicon, words: readonly Word[], i: number, n: number, entry: CueEntry): CueMatch | null {
  const firstWord = words[i]!;
  // A capitalised cue is a name or a headline word ("Says"), unless it opens "According to".
  if (firstWord.capital && entry.lemma !== 'according to') return null;
  const previous = words[i - 1];
  // After a determiner or a possessive the word is a noun ("the report", "the mayor’s claim").
  // A quantifier floated after a subject pronoun marks no noun: "they each insisted".
  const floated = previous !== undefined && lex.floatingQuantifiers.has(previous.lower) && lex.floatingHosts.has(words[i - 2]?.lower ?? '');
  if (previous && !previous.punct && !floated && (lex.nounMarkers.has(previous.lower) || endsInPossessive(previous.text))) return null;
  // A plural noun before its own verb ("Some 95% of insurance claims were for…", "The largest claims came from…"):
  // the plural of a reporting noun right before a form of `be`, an auxiliary or a past form is the subject's head,
  // not a cue.
  if (n === 1 && firstWord.lower.length > 3 && firstWord.lower.endsWith('s') && lex.reportingNouns.has(firstWord.lower.slice(0, -1))) {
    const next = words[i + 1];
    if (next && !next.punct && (pastOrBe(lex, next) || lex.auxiliaries.has(next.lower))) return null;
  }
  // A reporting or evidence noun after a name and before its own verb ("The Demos report looked at …", "A
  // Financial Times report said …"): the head of the subject, not a cue.
  if (n === 1 && previous !== undefined && !previous.punct && previous.capital && (lex.reportingNouns.has(firstWord.lower) || lex.evidenceNouns.has(firstWord.lower))) {
    const next = words[i + 1];
    if (next && !next.punct && (pastOrBe(lex, next) || (lex.cues.forms.get(next.lower)?.lemma ?? next.lower) !== next.lower)) return null;
  }
  const manner = previous !== undefined && !previous.punct && endsInLy(previous.lower) && !lex.auxiliaries.has(previous.lower) && previous.lower.length > 4 && isMannerAdverb(lex, words, i - 1);
  return { from: manner ? i - 1 : i, to: i + n, entry, manner };
}

/** A form of `be` or a past form (irregular, or in `-ed`): the verb of a subject whose head is the noun before it. */
function pastOrBe(lex: QuoteLexicon, word: Word): boolean {
  return lex.beForms.has(word.lower) || lex.irregularPasts.has(word.lower) || /\p{L}{2}ed$/u.test(word.lower);
}

/**
 * A sentence that opens on its cue, the speaker after it: "Remarked the center's director, Tierra Curry,
 * “…”", "Added Smith: “…”". Only a one-word past form of a reporting verb (not the base form, which
 * opens a command, nor `-s`/`-ing`, which open headlines and participle clauses) at word `i`, the first of
 * the sentence.
 */
export function invertedCueAt(lex: QuoteLexicon, words: readonly Word[], i: number): CueMatch | null {
  const w = words[i];
  if (!w || w.punct || !w.capital || words[i + 1]?.punct !== false) return null;
  const entry = lex.cues.forms.get(w.lower);
  if (!entry || entry.lemma === w.lower || entry.lemma.includes(' ') || /(?:s|ing)$/.test(w.lower)) return null;
  return { from: i, to: i + 1, entry, manner: false };
}

/**
 * The -ly word at `at` modifies the verb after it ("smugly added"), unless it is a noun or an adjective: one
 * of the `not-manner-adverb` class ("assembly", "family", "only"), or a word after an article or a possessive,
 * which makes it the head of a noun phrase ("the rally said"). After a name it is an adverb ("Trump formally claimed").
 */
function isMannerAdverb(lex: QuoteLexicon, words: readonly Word[], at: number): boolean {
  const word = words[at]!;
  if (word.capital || lex.notMannerAdverbs.has(word.lower)) return false;
  const before = words[at - 1];
  if (!before || before.punct) return true;
  return !(lex.nounMarkers.has(before.lower) || lex.determiners.has(before.lower) || /[’']s$/.test(before.text));
}

/** Strips titles from the front of a name. */
export function nameWithoutTitles(lex: QuoteLexicon, words: readonly Word[]): { name: string; role: string | null } {
  let k = 0;
  // Whatever precedes the last title is a qualifier of it ("Vermont Sen. Bernie Sanders",
  // "Santa Barbara County Sheriff Bill Brown").
  for (let t = words.length - 2; t > 0; t--) {
    if (isTitleWord(lex, words[t]!)) {
      k = t;
      break;
    }
  }
  while (k < words.length - 1) {
    const w = words[k]!;
    if (isTitleWord(lex, w)) {
      k++;
      if (words[k]?.text === '.') k++;
    } else break;
  }
  const rest = words.slice(k).filter((w, index, all) => !(w.text === '.' && index === all.length - 1));
  // The words left out before the last title are the written role ("Scotland’s First Minister").
  const stripped = words.slice(0, k).filter((w) => w.text !== '.');
  const role = stripped.length > 1 ? joinWords(words.slice(0, k)) : null;
  return { name: joinWords(rest), role };
}

export function joinWords(words: readonly Word[]): string {
  let out = '';
  words.forEach((w, i) => {
    if (i > 0 && !(w.text.length === 1 && '.,’\'):%'.includes(w.text)) && words[i - 1]!.text !== '(') out += ' ';
    out += w.text;
  });
  return out;
}

/** A capitalised name ending at word `end - 1` (inclusive), scanning back no further than `min`. */
export function nameEndingAt(lex: QuoteLexicon, words: readonly Word[], end: number, min: number): number {
  let j = end - 1;
  let start = -1;
  while (j >= min) {
    const w = words[j]!;
    if (isNameWord(lex, w) && !(lex.notName.has(w.text) && (j === min || words[j - 1]!.punct))) {
      start = j;
      j--;
    } else if (w.text === '.' && j - 1 >= min && (isTitleWord(lex, words[j - 1]!) || /^\p{Lu}$/u.test(words[j - 1]!.text))) {
      j--;
    } else if (!w.punct && lex.nameParticles.has(w.lower) && j - 1 >= min && words[j - 1]!.capital && start !== -1) {
      j--;
    } else break;
  }
  return start;
}

/** The speaker immediately before the cue at word `cueFrom`, scanning back no further than `min`. */
export function speakerBefore(lex: QuoteLexicon, words: readonly Word[], cueFrom: number, min: number): SpeakerMatch | null {
  let i = cueFrom - 1;
  while (i >= min && !words[i]!.punct && (lex.auxiliaries.has(words[i]!.lower) || lex.verbGroupAdverbs.has(words[i]!.lower))) i--;
  // A quantifier floated after its subject: "they both said", "The leaders have all denied" (class
  // `floating-quantifier`); the subject before it is the speaker. Not after a negator or a function word
  // ("not all agree"), nor opening the clause ("Both said", where the quantifier is the subject).
  if (i - 1 >= min && lex.floatingQuantifiers.has(words[i]!.lower)) {
    let host = i - 1;
    while (host > min && !words[host]!.punct && lex.auxiliaries.has(words[host]!.lower) && !lex.beForms.has(words[host]!.lower)) host--;
    if (floatedAfter(lex, words[host]!)) i = host;
    // After a form of `be` the quantifier is no speaker: the verb is a passive or an adjective (`The two firms are
    // both expected to`, `were both nominated`).
    else if (lex.beForms.has(words[i - 1]!.lower)) return null;
  }
  // A time adverbial between the speaker and the cue: "Spicer on Thursday evening said", "Smith Monday said",
  // "Feinstein last week said" (class `time-deictic` before a time noun, a weekday or a month).
  if (i - 1 >= min && lex.timeDeictics.has(words[i - 1]!.lower) && (lex.timeNouns.has(words[i]!.lower) || (words[i]!.capital && lex.notName.has(words[i]!.text)))) {
    i -= 2;
    while (i >= min && !words[i]!.punct && (lex.auxiliaries.has(words[i]!.lower) || lex.verbGroupAdverbs.has(words[i]!.lower))) i--;
  }
  const day = i >= min && lex.partsOfDay.has(words[i]!.lower) ? i - 1 : i;
  if (day >= min && isWeekday(lex, words[day]!) && day - 1 >= min) {
    i = words[day - 1]!.lower === 'on' ? day - 2 : day - 1;
    while (i >= min && !words[i]!.punct && (lex.auxiliaries.has(words[i]!.lower) || lex.verbGroupAdverbs.has(words[i]!.lower))) i--;
  }
  if (i < min) return null;
  // A parenthesis right before the cue: "Ann Lee (D-Ore.) said".
  if (words[i]!.text === ')') {
    let k = i - 1;
    while (k >= min && words[k]!.text !== '(' && i - k < 8) k--;
    if (k >= min && words[k]!.text === '(') i = k - 1;
  }
  if (i < min) return null;
  let role: string | null = null;
  let roleWords: Word[] = [];
  // "Ben Cole (D-R.I.), said": the comma after a party and state closes nothing (decision 0126).
  if (words[i]!.text === ',' && i - 1 >= min && words[i - 1]!.text === ')') {
    const open = parenthesisOpening(words, i - 1, min);
    if (open !== -1 && words[i - 2]?.text !== ')') i = open - 1;
    if (i < min) return null;
  }
  // "Ben Cole — a teacher from the coast — says", "The harbour master -- who … -- said": an apposition between
  // dashes (decision 0126); the words between are the role.
  const dashed = dashAppositionStart(words, i, min);
  if (dashed !== -1) {
    const close = words[i - 1]?.text === words[i]!.text && words[i]!.text === '-' ? i - 1 : i;
    const open = words[dashed - 1]?.text === words[dashed]!.text && words[dashed]!.text === '-' ? dashed - 1 : dashed;
    roleWords = words.slice(dashed + 1, close);
    role = joinWords(roleWords);
    i = open - 1;
    if (i < min) return null;
  }
  // Appositive between commas: "Anna de Vries, a spokeswoman for the union, said".
  if (dashed === -1 && words[i]!.text === ',') {
    let k = i - 1;
    while (k >= min && words[k]!.text !== ',' && i - k <= 16) k--;
    if (k < min || words[k]!.text !== ',') return longApposition(lex, words, i, min);
    roleWords = words.slice(k + 1, i);
    if (roleWords.length === 0) return null;
    if (roleWords.some((w) => w.punct && w.text !== '.' && w.text !== '’' && w.text !== "'")) return longApposition(lex, words, i, min);
    // "The port authority’s chief executive, Pieter Bakker, said": the name sits between the commas.
    const innerName = nameEndingAt(lex, words, i, k + 1);
    // `The Roman Catholic Archbishop of Cardiff, the Most Reverend Peter Smith, told`: the name may open on `the`
    // before its titles.
    const before = innerName !== -1 && k - 1 >= min ? nounPhraseEndingAt(lex, words, k - 1, min, null, []) : null;
    // After `the`, the name is the holder of the office described before the comma only when that description opens
    // the clause (not `Hans Reckers, a board member of Germany's central bank, the Bundesbank, said`) and the name is
    // not itself an office (`Lord Woolf, the Lord Chief Justice, had said`).
    const theName =
      innerName === k + 2 && words[k + 1]!.lower === 'the' && words[k + 2]!.capital && !lex.officeNouns.has(words[i - 1]!.lower) &&
      before !== null && (before.from === min || (words[before.from - 1]!.text !== ',' && words[before.from - 1]!.lower !== 'of'));
    const nameFrom = innerName === k + 1 || theName ? innerName : -1;
    if (nameFrom !== -1) {
      const { name } = nameWithoutTitles(lex, words.slice(nameFrom, i));
      return { from: nameFrom, to: i, name, kind: 'name', role: before?.name || null };
    }
    // "The militant organisation, the Islamic State of Iraq and the Levant, claimed": a description, then the
    // name of the body or person it describes between the commas; the name is the speaker, the description its role.
    const apposed = nameAfterDescription(lex, words, k, i, min);
    if (apposed) return apposed;
    // "Sandra Inman, a Cruz supporter from Jackson, Miss., attending the convention, said": the comma closes
    // part of a longer apposition.
    // "Ada Okafor (D-Md.), chair of the committee, said": the name's party and state before the apposition (decision 0126).
    const open = words[k - 1]?.text === ')' ? parenthesisOpening(words, k - 1, min) : -1;
    if (open === -1 && k - 1 >= min && words[k - 1]!.punct && words[k - 1]!.text !== '’' && words[k - 1]!.text !== "'") return longApposition(lex, words, i, min);
    // "Hans Reckers, a board member of Germany's central bank, the Bundesbank, said": a name that opens the clause,
    // then an apposition in two parts; the name is the speaker, not the description before the last comma.
    if (open === -1 && roleWords.length > 0 && lex.determiners.has(roleWords[0]!.lower)) {
      // After a connective and its comma (`But, Hans Reckers, …`) the name opens the clause as well.
      const opening = words[min + 1]?.text === ',' && lex.notName.has(words[min]!.text) ? min + 2 : min;
      const long = longApposition(lex, words, i, opening);
      if (long && long.to < k) return long;
    }
    role = joinWords(roleWords);
    i = open !== -1 ? open - 1 : k - 1;
    if (i < min) return null;
  }
  const reduced = reducedRelativeSpeaker(lex, words, i, min, role, roleWords);
  if (reduced) return reduced;
  const share = shareEndingAt(lex, words, i, min, role);
  if (share) return share;
  const last = words[i]!;
  if (!last.punct && lex.functionWords.has(last.lower)) return null;
  if (lex.pronouns.has(last.lower)) return { from: i, to: i + 1, name: last.text, kind: 'pronoun', role };
  let nameStart = nameEndingAt(lex, words, i + 1, min);
  // Names joined by "and": "Smith and Jones said", "the Trade and Industry Secretary said".
  if (nameStart !== -1 && nameStart - 2 >= min && words[nameStart - 1]!.lower === 'and' && words[nameStart - 2]!.capital) {
    const first = nameEndingAt(lex, words, nameStart - 1, min);
    if (first !== -1) nameStart = first;
  }
  if (nameStart !== -1) {
    // "Doug Collins of Georgia said": the place or body after "of"/"from" qualifies the person before it.
    // "Xiaogang Wei of the Beijing … Institute": an article may stand between the link and the body.
    // "Ryan Norris of the University of Guelph in Ontario said": the person before a longer chain of qualifiers.
    const { person, body } = personBeforeChain(lex, words, nameStart, min, (end) => nameEndingAt(lex, words, end, min));
    if (person) {
      // "US Secretary of State Mike Pompeo said": a title and its office, then the office holder's name.
      if (endsInTitle(lex, words, person.start, person.link)) {
        const holder = officeHolderStart(lex, words, nameStart, i + 1);
        if (holder !== -1) {
          const { name } = nameWithoutTitles(lex, words.slice(holder, i + 1));
          if (name) return { from: holder, to: i + 1, name, kind: 'name', role: role ?? joinWords(words.slice(person.start, holder)) };
        }
      }
      const { name } = nameWithoutTitles(lex, words.slice(person.start, person.link));
      if (name) return { from: person.start, to: person.link, name, kind: 'name', role: role ?? joinWords(words.slice(person.link, i + 1)) };
    }
    // "Simon Hall at Postbridge on Dartmoor in the West Country said", "traders in Asia said": the speaker before the places.
    const located = speakerBeforePlaces(lex, words, nameStart, i, min, role, roleWords);
    if (located) return located;
    // "The Minister of Foreign Affairs said": a title and its office with no name after them describe the
    // speaker; nobody is named, and the office is not the speaker.
    const opener = body !== -1 ? body + 1 : nameStart;
    if (isTitleWord(lex, words[opener]!) && words[opener + 1]?.lower === 'of') {
      const from = opener - 1 >= min && words[opener - 1]!.lower === 'the' ? opener - 1 : opener;
      return { from, to: i + 1, name: joinWords(words.slice(from, i + 1)), kind: 'noun-phrase', role };
    }
    // "Transport for London said", "Campaign for Nuclear Disarmament said": two runs joined by `for` with no
    // article before them name one body (with an article the chain above reads it; a title opens an office).
    if (!person && body === -1) {
      const bare = bareForBody(lex, words, nameStart, min);
      if (bare !== -1) return { from: bare, to: i + 1, name: joinWords(words.slice(bare, i + 1)), kind: 'name', role };
    }
    // "The Bank of England said": the body the whole chain names.
    if (body !== -1) {
      // "Scientists at the University of Guelph said": the noun before the body is the speaker's head.
      const link = words[body - 1];
      const owner = link && !link.punct && lex.headLinks.has(link.lower) && body - 2 >= min ? simpleNounPhraseEndingAt(lex, words, body - 2, min, role, roleWords) : null;
      if (owner) return { from: owner.from, to: i + 1, name: joinWords(words.slice(owner.from, i + 1)), kind: 'noun-phrase', role };
      if (!link || link.punct || !lex.headLinks.has(link.lower)) return { from: body, to: i + 1, name: joinWords(words.slice(body + 1, i + 1)), kind: 'name', role };
    }
    const { name, role: title } = nameWithoutTitles(lex, words.slice(nameStart, i + 1));
    // "the Trump campaign", "The White House": the article is part of the mention as written.
    const article = nameStart - 1 >= min && words[nameStart - 1]!.lower === 'the' ? nameStart - 1 : nameStart;
    if (name) return { from: article, to: i + 1, name, kind: 'name', role: role ?? title ?? roleBefore(lex, words, article, min) };
  }
  return nounPhraseEndingAt(lex, words, i, min, role, roleWords);
}

/**
 * "The letter the council sent says", "The report they published said": a noun phrase and a relative clause
 * without a pronoun, the clause a subject (an article's noun phrase or a pronoun) and a past verb (`-ed` or
 * class `irregular-past`) that ends at word `i`. The speaker is the noun phrase with its clause, not the
 * clause's subject and verb.
 */
function reducedRelativeSpeaker(lex: QuoteLexicon, words: readonly Word[], i: number, min: number, role: string | null, roleWords: Word[]): SpeakerMatch | null {
  const verb = words[i]!;
  if (verb.punct || verb.capital || i - 2 < min || !(lex.irregularPasts.has(verb.lower) || (verb.lower.length > 4 && verb.lower.endsWith('ed')))) return null;
  const before = words[i - 1]!;
  if (before.punct || lex.determiners.has(before.lower)) return null;
  const inner = lex.pronouns.has(before.lower) ? i - 1 : (simpleNounPhraseEndingAt(lex, words, i - 1, min, role, roleWords)?.from ?? -1);
  if (inner === -1 || inner - 1 < min || (inner < i - 1 && !lex.determiners.has(words[inner]!.lower))) return null;
  const link = words[inner - 1]!;
  if (link.punct || link.lower === 'that' || lex.relatives.has(link.lower) || lex.locationLinks.has(link.lower)) return null;
  const outer = simpleNounPhraseEndingAt(lex, words, inner - 1, min, role, roleWords);
  // The phrase opens the clause (not `In a joint statement the three firms gave hints`).
  if (!outer || !lex.determiners.has(words[outer.from]!.lower) || (outer.from > min && !words[outer.from - 1]!.punct)) return null;
  return { from: outer.from, to: i + 1, name: joinWords(words.slice(outer.from, i + 1)), kind: 'noun-phrase', role, relativeClause: true };
}

/**
 * The start of a body's name of two capitalised runs joined by `for` (`Transport for London`, `Campaign for
 * Nuclear Disarmament`) whose second run starts at word `runStart`, or -1: no article before the first run
 * (the chain rules read `the Institute for Fiscal Studies`), and no title in it (`Secretary for Health`
 * opens an office, not a body).
 */
function bareForBody(lex: QuoteLexicon, words: readonly Word[], runStart: number, min: number): number {
  const link = runStart - 1;
  if (link - 1 < min || words[link]!.lower !== 'for') return -1;
  const previous = nameEndingAt(lex, words, link, min);
  if (previous === -1 || link - previous > 4) return -1;
  const before = words[previous - 1];
  if (previous - 1 >= min && before !== undefined && !before.punct && (before.lower === 'the' || before.lower === 'a' || before.capital)) return -1;
  for (let j = previous; j < link; j++) if (isTitleWord(lex, words[j]!)) return -1;
  return previous;
}

/** Lower-case words inside a body's name: `Islamic State of Iraq and the Levant`, `Center for Biological Diversity`. */
const NAME_LINKS = new Set(['of', 'and', 'the', 'for', 'on', 'de']);

/**
 * The name between the commas at words `k` and `comma` (capitalised words; after `the`, also the link words
 * of NAME_LINKS in lower case between them) after a singular lower-case description that opens with a
 * determiner and ends at the first comma: "The militant organisation, the Islamic State of Iraq and the Levant,
 * claimed", "The company's founder, Ann Lee, said". Not when the description is itself a name ("Smith, the
 * Director of Policy, said" keeps Smith) or when the apposition holds a title ("the group, the Minister of
 * Defence, …").
 */
function nameAfterDescription(lex: QuoteLexicon, words: readonly Word[], k: number, comma: number, min: number): SpeakerMatch | null {
  let from = k + 1;
  const article = from < comma && words[from]!.lower === 'the';
  if (article) from++;
  if (from >= comma || comma - from > 10 || !words[from]!.capital || !words[comma - 1]!.capital) return null;
  for (let j = from; j < comma; j++) {
    const w = words[j]!;
    if (w.punct || isTitleWord(lex, w) || lex.notName.has(w.text)) return null;
    // Link words only inside a body's name, which opens with `the`: `David Woodard of Clemson University` and
    // `Lawrence Joyce and William Graham` are a person with a qualifier and two people.
    if (!w.capital && !(article && NAME_LINKS.has(w.lower))) return null;
  }
  const head = words[k - 1];
  // A singular description: `Two objectors, …` describes several people.
  if (!head || head.punct || head.capital || k - 1 < min || head.lower.endsWith('s')) return null;
  const description = simpleNounPhraseEndingAt(lex, words, k - 1, min, null, []);
  if (!description || !lex.determiners.has(words[description.from]!.lower)) return null;
  // The description opens the clause: nothing but the sentence start or a comma before it.
  if (description.from > min && !words[description.from - 1]!.punct) return null;
  const { name } = nameWithoutTitles(lex, words.slice(from, comma));
  if (!name) return null;
  return { from: k + 1, to: comma, name, kind: 'name', role: description.name };
}

/**
 * A name that opens the clause, then an apposition too long or too punctuated for the plain rule, up to the
 * comma at word `comma` before the cue: "Bill Millis, a North Carolina businessman who had been … because of
 * strategic differences, said", "Sandra Inman, a Cruz supporter from Jackson, Miss., attending the
 * convention, said". The apposition opens with an article, a relative or a lower-case word and holds
 * no sentence punctuation; at most 40 words.
 */
function longApposition(lex: QuoteLexicon, words: readonly Word[], comma: number, min: number): SpeakerMatch | null {
  if (comma - min > 45) return null;
  let end = min;
  while (end < comma && words[end]!.capital) end++;
  if (end === min || end - min > 5 || words[end]?.text !== ',' || lex.notName.has(words[min]!.text)) return null;
  const first = words[end + 1];
  if (!first || first.punct || !(lex.determiners.has(first.lower) || lex.relatives.has(first.lower) || !first.capital)) return null;
  for (let k = end + 1; k < comma; k++) {
    const w = words[k]!;
    if (w.punct && !(w.text === ',' || w.text === '.' || w.text === '’' || w.text === "'" || w.text === '-' || w.text === '(' || w.text === ')')) return null;
  }
  const { name } = nameWithoutTitles(lex, words.slice(min, end));
  if (!name) return null;
  return { from: min, to: end, name, kind: 'name', role: joinWords(words.slice(end + 1, comma)) };
}

/**
 * Role words written right before a name that opens the subject: "RNC spokesman Sean Spicer", "campaign
 * manager Ann Lee" (up to four words with a lower-case noun among them, opening the clause or after an
 * article). Null when there are none.
 */
function roleBefore(lex: QuoteLexicon, words: readonly Word[], nameStart: number, min: number): string | null {
  let k = nameStart;
  while (k - 1 >= min && nameStart - k < 4) {
    const w = words[k - 1]!;
    if (w.punct || lex.functionWords.has(w.lower) || lex.subordinateOpeners.has(w.lower) || lex.determiners.has(w.lower) || lex.auxiliaries.has(w.lower) || lex.finiteVerbs.has(w.lower) || lex.cues.forms.has(w.lower) || lex.pronouns.has(w.lower) || lex.relatives.has(w.lower) || lex.notName.has(w.text) || /[’']s$/.test(w.text) || w.lower.endsWith('ly')) break;
    k--;
  }
  if (k === nameStart || words[nameStart - 1]!.capital) return null;
  const opener = words[k - 1];
  if (k > min && opener && !(opener.punct || lex.determiners.has(opener.lower) || /[’']s$/.test(opener.text))) return null;
  // "an angry Hollande", "a defiant Trump": a mood is no role.
  if (words.slice(k, nameStart).every((w) => lex.moodAdjectives.has(w.lower))) return null;
  return joinWords(words.slice(k, nameStart));
}

/**
 * Whether `word`, before a floating quantifier and the auxiliaries between (`have all denied`), is its subject: a
 * third-person subject pronoun (class `floating-host`; `we all know` is the writer's aside), or a name or noun (not
 * another function word, not a negator: `not all agree`, not a form of `be`, after which the verb is a passive or an
 * adjective: `are both expected to`, `were both nominated`).
 */
function floatedAfter(lex: QuoteLexicon, word: Word): boolean {
  if (word.punct || lex.negators.has(word.lower) || lex.beForms.has(word.lower) || lex.auxiliaries.has(word.lower)) return false;
  if (lex.pronouns.has(word.lower) || lex.objectPronouns.has(word.lower)) return lex.floatingHosts.has(word.lower);
  return !lex.functionWords.has(word.lower);
}

function isWeekday(lex: QuoteLexicon, word: Word): boolean {
  return word.capital && lex.notName.has(word.text) && word.text.endsWith('day');
}

const isNumber = (lex: QuoteLexicon, word: Word | undefined): boolean => word !== undefined && !word.punct && (startsWithNumber(word.text) || lex.numberWords.has(word.lower));

/**
 * A share of those polled as the speaker: "52 percent said", "26% say", "Six in 10 say" (PolNeAR
 * annotates them as sources).
 */
function shareEndingAt(lex: QuoteLexicon, words: readonly Word[], i: number, min: number, role: string | null): SpeakerMatch | null {
  const last = words[i]!;
  let from = -1;
  if (lex.percentWords.has(last.lower) && i - 1 >= min && startsWithNumber(words[i - 1]!.text)) from = i - 1;
  else if (onlyNumbers(last.text) && i - 2 >= min && (words[i - 1]!.lower === 'in' || words[i - 1]!.lower === 'of') && isNumber(lex, words[i - 2])) from = i - 2;
  // "About one in five say" (decision 0126): the count in words.
  else if (!last.punct && lex.numberWords.has(last.lower) && i - 2 >= min && words[i - 1]!.lower === 'in' && !words[i - 2]!.punct && lex.numberWords.has(words[i - 2]!.lower)) from = i - 2;
  // "Nearly a third say", "Half said", "Three-fourths say", "a majority of Americans say": a fraction of those polled.
  else if (!last.punct && shareFraction(lex, last.lower)) {
    const det = words[i - 1];
    from = det && i - 1 >= min && !det.punct && (det.lower === 'a' || det.lower === 'the' || isNumber(lex, det)) ? i - 1 : i;
    // "third" or "quarter" alone is an ordinal or a period ("the third quarter"), not a share; "half" is one.
    if (from === i && lex.ordinalFractions.has(last.lower)) return null;
  }
  // "those surveyed say": the respondents of a poll.
  else if (!last.punct && lex.pollParticiples.has(last.lower) && i - 1 >= min && words[i - 1]!.lower === 'those') from = i - 1;
  // "Thousands of residents fear …", "Dozens of workers said …": a plural of quantity before `of` (version 34).
  else if (!last.punct && lex.quantityNouns.has(last.lower) && words[i + 1]?.lower === 'of') from = i;
  if (from === -1) return null;
  return { from, to: i + 1, name: joinWords(words.slice(from, i + 1)), kind: 'noun-phrase', role };
}

/** The `(` of the short parenthesis that closes at word `close` (`(D-Md.)`, up to 8 words), or -1. */
function parenthesisOpening(words: readonly Word[], close: number, min: number): number {
  for (let k = close - 1; k >= min && close - k < 8; k--) {
    if (words[k]!.text === '(') return k;
    if (words[k]!.text === ')') return -1;
  }
  return -1;
}

/**
 * The opening dash of an apposition that a dash closes at word `close` (`Ben Cole — a teacher from the coast —`,
 * `-- who … --`): the same dash within 30 words back, no sentence punctuation, quotation mark or comma between,
 * and a word before it. -1 when there is none.
 */
function dashAppositionStart(words: readonly Word[], close: number, min: number): number {
  const dash = words[close]!.text;
  if (!DASHES.has(dash)) return -1;
  const inner = words[close - 1]?.text === dash && dash === '-' ? close - 1 : close;
  for (let k = inner - 1; k >= min && inner - k <= 30; k--) {
    const w = words[k]!;
    if (w.text === dash) {
      if (k === inner - 1) return -1;
      const open = words[k - 1]?.text === dash && dash === '-' ? k - 1 : k;
      return open - 1 >= min && !words[open - 1]!.punct ? k : -1;
    }
    if (w.punct && !(w.text === '.' || w.text === '’' || w.text === "'" || w.text === '(' || w.text === ')')) return -1;
  }
  return -1;
}

/** "third", "majority", "two-thirds" (a number word, a hyphen and a fraction). */
export function shareFraction(lex: QuoteLexicon, lower: string): boolean {
  const dash = lower.indexOf('-');
  if (dash === -1) return lex.shareFractions.has(lower);
  return lex.numberWords.has(lower.slice(0, dash)) && lex.shareFractions.has(lower.slice(dash + 1));
}

/** A plural noun of people or bodies by its ending: "specialists", "forecasters", "investors", "historians". */
const AGENT_PLURAL = /(?:ists|ers|ors|ians|ants|ents|ives)$/;

/**
 * "the spokeswoman", "a police spokesman", "the mayor’s campaign manager", "officials". A phrase after
 * "for"/"of"/"at" belongs to the head noun before it: "Lawyers for the detainees", "a spokeswoman for
 * the union", "the head of the agency" (the speaker is the lawyers, the spokeswoman, the head).
 */
function nounPhraseEndingAt(lex: QuoteLexicon, words: readonly Word[], head: number, min: number, role: string | null, roleWords: Word[]): SpeakerMatch | null {
  const phrase = simpleNounPhraseEndingAt(lex, words, head, min, role, roleWords);
  if (!phrase) return null;
  const link = words[phrase.from - 1];
  if (!link || link.punct || !lex.headLinks.has(link.lower) || phrase.from - 2 < min) return phrase;
  // "Half of the voters say", "a majority of Americans say", "30 percent of all voters consider" (decision 0126).
  const share = link.lower === 'of' ? shareEndingAt(lex, words, phrase.from - 2, min, role) : null;
  // The share is the mention and the group its role, as for `Half of the council members` (the source phrase takes both).
  // A plural of quantity names no one by itself: `Thousands of residents` is the speaker, whole (version 34).
  if (share && share.to === share.from + 1 && lex.quantityNouns.has(words[share.from]!.lower)) return { from: share.from, to: phrase.to, name: joinWords(words.slice(share.from, phrase.to)), kind: 'noun-phrase', role };
  if (share) return { ...share, role: role ?? joinWords(words.slice(share.to, phrase.to)) };
  const owner = simpleNounPhraseEndingAt(lex, words, phrase.from - 2, min, role, roleWords);
  if (!owner) {
    // "Suman Haripriya of the Hajo assembly said": a person's name before "of"/"from" a body is the speaker,
    // and the body qualifies the person (as "Doug Collins of Georgia" does).
    const personStart = lex.placeLinks.has(link.lower) ? nameEndingAt(lex, words, phrase.from - 1, min) : -1;
    if (personStart === -1) return phrase;
    const { name } = nameWithoutTitles(lex, words.slice(personStart, phrase.from - 1));
    if (!name) return phrase;
    return { from: personStart, to: phrase.from - 1, name, kind: 'name', role: role ?? joinWords(words.slice(phrase.from - 1, phrase.to)) };
  }
  return { from: owner.from, to: phrase.to, name: joinWords(words.slice(owner.from, phrase.to)), kind: 'noun-phrase', role };
}

/**
 * Whether the word at `head` closes a phrase opened by a determiner: right after it, or after at most three words
 * between that are capitalised (a name) or of the `noun-marker` class (`new`, `latest`).
 */
function determinedHead(lex: QuoteLexicon, words: readonly Word[], head: number, min: number): boolean {
  for (let j = head - 1; j >= Math.max(min, head - 4); j--) {
    const w = words[j]!;
    if (w.punct) return false;
    if (lex.determiners.has(w.lower)) return true;
    if (!w.capital && !lex.nounMarkers.has(w.lower)) return false;
  }
  return false;
}

export function simpleNounPhraseEndingAt(lex: QuoteLexicon, words: readonly Word[], head: number, min: number, role: string | null, roleWords: Word[]): SpeakerMatch | null {
  const headWord = words[head]!;
  // A cue word after a determiner is a noun ("the report found", "a new study shows"), also with adjectives of the
  // `noun-marker` class or a name between ("The new report said", "The Demos report said", "A Financial Times report said").
  const cueNoun = lex.cues.forms.has(headWord.lower) && determinedHead(lex, words, head, min);
  if (headWord.punct || (lex.cues.forms.has(headWord.lower) && !cueNoun) || lex.functionWords.has(headWord.lower) || lex.relatives.has(headWord.lower)) return null;
  for (let k = head; k >= Math.max(min, head - 6); k--) {
    const w = words[k]!;
    // "Bernie Sanders’ campaign": a possessive apostrophe after a name opens the phrase at the name.
    if (w.punct && (w.text === '’' || w.text === "'") && k < head && k - 1 >= min && words[k - 1]!.capital && words[k - 1]!.text.endsWith('s')) {
      const owner = nameEndingAt(lex, words, k, min);
      if (owner !== -1) return { from: owner, to: head + 1, name: joinWords(words.slice(owner, head + 1)), kind: 'noun-phrase', role };
    }
    // "The dockers' union said": the apostrophe of a plural possessive in lower case stays inside the phrase.
    if (w.punct && (w.text === '’' || w.text === "'") && k < head && k - 1 >= min && !words[k - 1]!.punct && !words[k - 1]!.capital && words[k - 1]!.lower.endsWith('s') && words[k - 1]!.end === w.start) continue;
    if (w.punct) break;
    // A noun phrase never runs back over an auxiliary ("The Greek authorities have also brought criminal charges").
    if (k < head && (lex.finiteVerbs.has(w.lower) || lex.beForms.has(w.lower) || lex.negators.has(w.lower))) break;
    if (lex.determiners.has(w.lower) || (w.capital && /[’']s$|s[’']$/.test(w.text) && k < head)) {
      // "The Scottish National Party's parliamentary leader argued": a possessor's name that opens the clause is whole,
      // with its article.
      let from = k;
      if (!lex.determiners.has(w.lower)) {
        let owner = nameEndingAt(lex, words, k + 1, min);
        // A capitalised word that opens the sentence is no part of the name (`With Apple's iPod …`, `Following Wednesday's leak`).
        while (owner !== -1 && owner < k && (lex.notName.has(words[owner]!.text) || lex.functionWords.has(words[owner]!.lower) || (owner === min && lex.cues.forms.has(words[owner]!.lower)))) owner++;
        const start = owner !== -1 && owner - 1 >= min && words[owner - 1]!.lower === 'the' ? owner - 1 : owner;
        // Only a phrase that opens the clause: inside it (`than Mr. Trump's …`, `the help of Mr. Trump's …`) the
        // longer phrase is no subject either.
        if (owner !== -1 && owner < k && (start === min || words[start - 1]!.punct)) from = start;
      }
      const phrase = words.slice(from, head + 1);
      return { from, to: head + 1, name: joinWords(phrase), kind: 'noun-phrase', role };
    }
    // "The protest organiser said": a cue form between a determiner and the head is a noun modifying it (version 34).
    if (k < head && ((lex.cues.forms.has(w.lower) && !(k === head - 1 && k - 1 >= min && lex.determiners.has(words[k - 1]!.lower))) || w.lower === 'that' || w.lower === 'and')) break;
  }
  if (lex.collective.has(headWord.lower) || (headWord.lower.length > 5 && !headWord.capital && AGENT_PLURAL.test(headWord.lower))) {
    // "police said", "Iranian officials said", "hacking specialists say": up to three modifiers before the
    // head, never a function word, a cue, a verb or a word that opens a sentence.
    let k = head;
    while (k - 1 >= min && head - k < 3) {
      const w = words[k - 1]!;
      if (w.punct || lex.notName.has(w.text) || lex.functionWords.has(w.lower) || lex.cues.forms.has(w.lower) || lex.auxiliaries.has(w.lower) || lex.finiteVerbs.has(w.lower) || lex.beForms.has(w.lower) || lex.relatives.has(w.lower) || lex.pronouns.has(w.lower) || lex.determiners.has(w.lower) || lex.collective.has(w.lower)) break;
      k--;
    }
    return { from: k, to: head + 1, name: joinWords(words.slice(k, head + 1)), kind: 'noun-phrase', role };
  }
  return null;
}

/** The speaker right after the cue ("said Anna de Vries, a spokeswoman for the union"). */
export function speakerAfter(lex: QuoteLexicon, words: readonly Word[], cueTo: number, max: number): SpeakerMatch | null {
  let i = cueTo;
  while (i < max && !words[i]!.punct && lex.auxiliaries.has(words[i]!.lower) && words[i]!.lower !== 'who') i++;
  if (i >= max) return null;
  const first = words[i]!;
  if (lex.pronouns.has(first.lower)) return { from: i, to: i + 1, name: first.text, kind: 'pronoun', role: null };
  // "According to him, …": an object pronoun as the source, resolved as a subject pronoun is.
  if (lex.objectPronouns.has(first.lower) && words[i + 1]?.text === ',' && afterAccordingTo(words, cueTo)) return { from: i, to: i + 1, name: first.text, kind: 'pronoun', role: null };
  let end = i;
  if (first.capital && !lex.notName.has(first.text)) {
    while (end < max) {
      const w = words[end]!;
      if (isNameWord(lex, w)) end++;
      else if (w.text === '.' && end > i && (isTitleWord(lex, words[end - 1]!) || /^\p{Lu}$/u.test(words[end - 1]!.text))) end++;
      else if (!w.punct && lex.nameParticles.has(w.lower) && words[end + 1]?.capital) end++;
      else break;
    }
    // "said Lions supporters in Cardiff", "said Labour officials": a plural noun of people after the name is the
    // head, the name its modifier, and a chain of qualifiers after it the role.
    const head = words[end];
    if (head && end < max && !head.punct && !head.capital && (lex.collective.has(head.lower) || (head.lower.length > 5 && PEOPLE_PLURAL.test(head.lower)))) {
      const chainEnd = qualifierChainEnd(lex, words, end + 1, max);
      return { from: i, to: end + 1, name: joinWords(words.slice(i, end + 1)), kind: 'noun-phrase', role: chainEnd > end + 1 ? joinWords(words.slice(end + 1, chainEnd)) : null };
    }
    // "said Wales physio Mark Davies": a qualifier and role words before the name are its role.
    const roleThenName = nameAfterRoleWords(lex, words, end, max);
    if (roleThenName) {
      const after = appositiveAfter(lex, words, roleThenName.to, max, afterAccordingTo(words, cueTo));
      const written = joinWords(words.slice(i, roleThenName.from));
      return { from: roleThenName.from, to: roleThenName.to, name: nameWithoutTitles(lex, words.slice(roleThenName.from, roleThenName.to)).name, kind: 'name', role: after ? `${written}, ${joinWords(after)}` : written };
    }
    const nameWords = words.slice(i, end);
    const { name } = nameWithoutTitles(lex, nameWords);
    // "said Doug Collins of Georgia, a senior member": the chain of qualifiers is the role, before any apposition.
    const chainEnd = qualifierChainEnd(lex, words, end, max);
    // "Remarked Center for Biological Diversity scientist Tierra Curry": a body named with its qualifiers, then
    // role words and the name; the body and the role words are the role.
    let bodyEnd = chainEnd;
    // A body's own `for` (`Center for Biological Diversity`) opens the chain only here, where role words and a name follow.
    if (bodyEnd === end && words[end]?.lower === 'for' && !words[end]!.punct) {
      let r = end + 1;
      if (words[r]?.lower === 'the') r++;
      const runStart = r;
      while (r < max && isNameWord(lex, words[r]!)) r++;
      if (r > runStart) bodyEnd = r;
    }
    if (bodyEnd > end) {
      const chainThenName = nameAfterRoleWords(lex, words, bodyEnd, max);
      if (chainThenName) {
        const after = appositiveAfter(lex, words, chainThenName.to, max, afterAccordingTo(words, cueTo));
        const written = joinWords(words.slice(i, chainThenName.from));
        const holder = nameWithoutTitles(lex, words.slice(chainThenName.from, chainThenName.to)).name;
        if (holder) return { from: chainThenName.from, to: chainThenName.to, name: holder, kind: 'name', role: after ? `${written}, ${joinWords(after)}` : written };
      }
    }
    const role = appositiveAfter(lex, words, chainEnd, max, afterAccordingTo(words, cueTo));
    // "said Secretary of State Mike Pompeo": the chain after a title is its office, and the name ends it.
    if (chainEnd > end && endsInTitle(lex, words, i, end)) {
      const holder = officeHolderStart(lex, words, runStartBefore(lex, words, chainEnd, end + 1), chainEnd);
      if (holder !== -1) {
        const office = joinWords(words.slice(i, holder));
        return { from: holder, to: chainEnd, name: nameWithoutTitles(lex, words.slice(holder, chainEnd)).name, kind: 'name', role: role ? `${office}, ${joinWords(role)}` : office };
      }
    }
    const roleText = [chainEnd > end ? joinWords(words.slice(end, chainEnd)) : null, role ? joinWords(role) : null].filter((r) => r !== null).join(', ');
    return { from: i, to: end, name, kind: 'name', role: roleText || null };
  }
  // "said longtime Labour councillor Mara Velden", "said former Gov. Ann Pell": lower-case role words right after
  // the cue, then a name closed by punctuation; the words before the name are its role.
  if (!first.punct && !first.capital && !lex.determiners.has(first.lower) && !lex.collective.has(first.lower)) {
    const named = roleWordsThenName(lex, words, i, max);
    if (named) {
      const { name } = nameWithoutTitles(lex, words.slice(named.from, named.to));
      const after = appositiveAfter(lex, words, named.to, max, afterAccordingTo(words, cueTo));
      const written = joinWords(words.slice(i, named.from));
      if (name) return { from: named.from, to: named.to, name, kind: 'name', role: after ? `${written}, ${joinWords(after)}` : written };
    }
  }
  if (lex.determiners.has(first.lower) || lex.collective.has(first.lower)) {
    end = i + 1;
    // The word right after the determiner is the noun even when it is also a cue form ("according to the report"),
    // and so is the first word after a number there ("according to a 1989 report from …", version 34).
    let opening = i + 1;
    while (opening < max && opening - i < 3 && startsWithNumber(words[opening]!.text)) opening++;
    // A cue form right after a word that marks a noun is that noun ("according to a recent report from analysts
    // Gartner": `recent` is a noun marker; version 34).
    while (end < max && end - i < 8 && !words[end]!.punct && !(end > opening && lex.cues.forms.has(words[end]!.lower) && !lex.nounMarkers.has(words[end - 1]!.lower))) end++;
    // A name is not cut at the eighth word: `a 1989 report from the National Transportation Safety Board`.
    while (end < max && end - i < 12 && end - i >= 8 && words[end - 1]!.capital && words[end]!.capital && !words[end]!.punct) end++;
    const phrase = words.slice(i, end);
    if (phrase.length === 1 && !lex.collective.has(first.lower)) return null;
    // "said his father, Abdullah Kurdi,": the name after the description is the speaker, the description its role.
    const named = apposedName(lex, words, i, end, max, afterAccordingTo(words, cueTo));
    if (named) {
      const { name } = nameWithoutTitles(lex, words.slice(named.from, named.to));
      if (name) return { from: named.from, to: named.to, name, kind: 'name', role: joinWords(phrase) };
    }
    // "claimed by the Houthi movement in Yemen": a place after `in` or `at` locates the body before it (a body
    // noun or a collective: `movement`, `ministry`, `police`); it is its role, not its name. Not after other
    // nouns: `a new article in Politico`, `a lawsuit filed in Manhattan by …` name their source there.
    for (let k = i + 2; k + 1 < end; k++) {
      const head = words[k - 1]!.lower;
      if ((words[k]!.lower === 'in' || words[k]!.lower === 'at') && words[k + 1]!.capital && (lex.bodyNouns.has(head) || lex.collective.has(head))) {
        return { from: i, to: k, name: joinWords(words.slice(i, k)), kind: 'noun-phrase', role: joinWords(words.slice(k, end)) };
      }
    }
    return { from: i, to: end, name: joinWords(phrase), kind: 'noun-phrase', role: null };
  }
  return null;
}

/**
 * Role words after a cue, then a name: `said activist Mara Velden,`, and with capitalised qualifiers among them,
 * `said longtime Labour councillor Mara Velden.` The words before the name are plain lower-case words or
 * capitalised ones, with a lower-case role word right before the name (nameAfterRoleWords); at most six.
 */
function roleWordsThenName(lex: QuoteLexicon, words: readonly Word[], i: number, max: number): { from: number; to: number } | null {
  for (let j = i; j < max && j - i < 6; j++) {
    const w = words[j]!;
    if (w.punct) return null;
    if (j === i || (words[j - 1]!.capital && !w.capital)) {
      const named = nameAfterRoleWords(lex, words, j, max) ?? nameBeforeQualifiers(lex, words, j, max);
      if (named) return named;
    }
    if (!w.capital && (lex.functionWords.has(w.lower) || lex.smallWords.has(w.lower) || lex.cues.forms.has(w.lower) || lex.auxiliaries.has(w.lower) || lex.determiners.has(w.lower) || lex.pronouns.has(w.lower) || lex.beForms.has(w.lower) || lex.finiteVerbs.has(w.lower) || lex.relatives.has(w.lower))) return null;
  }
  return null;
}

/**
 * nameAfterRoleWords for a name followed by its place or body and then punctuation (`said retired fisherman Tom
 * Akers of Hull,`) or by a parenthesis (`said former mayor Joan Pell (Lab),`): the name's range.
 */
function nameBeforeQualifiers(lex: QuoteLexicon, words: readonly Word[], j: number, max: number): { from: number; to: number } | null {
  let cut = j + 1;
  while (cut < max && cut - j < 12 && !(words[cut]!.text === '(' || (lex.placeLinks.has(words[cut]!.lower) && words[cut + 1]?.capital && words[cut - 1]!.capital))) cut++;
  if (cut >= max || cut - j >= 12) return null;
  const named = nameAfterRoleWords(lex, words, j, cut);
  if (!named || named.to !== cut) return null;
  let after = cut;
  if (words[cut]!.text === '(') {
    while (after < max && after - cut < 8 && words[after]!.text !== ')') after++;
    if (words[after]?.text !== ')') return null;
    after++;
  } else {
    after = qualifierChainEnd(lex, words, cut, max);
    if (after === cut) return null;
  }
  const next = words[after];
  return after >= max || (next && next.punct && ',.:;“"'.includes(next.text)) ? named : null;
}

/** A plural noun of people by its ending: "supporters", "officials" is collective, "activists", "protesters". */
const PEOPLE_PLURAL = /(?:ists|ers|ors|ians|ants|ents|ives)$/;

/** True when the cue that ends at word `cueTo` is "according to". */
function afterAccordingTo(words: readonly Word[], cueTo: number): boolean {
  return words[cueTo - 1]?.lower === 'to' && words[cueTo - 2]?.lower === 'according';
}

/**
 * The apposition set off by a comma after a speaker's name. With `closed` (after `according to`, where the
 * content follows the source) only one that a comma closes and that holds no verb: `According to Jim
 * Bridenstine, the goal is …` has none.
 */
function appositiveAfter(lex: QuoteLexicon, words: readonly Word[], from: number, max: number, closed = false): Word[] | null {
  if (words[from]?.text !== ',') return null;
  let k = from + 1;
  const start = k;
  while (k < max && !(words[k]!.punct && words[k]!.text !== '’' && words[k]!.text !== "'") && k - start < 16) k++;
  // After "according to" the words after the comma are the content unless a comma closes them and no verb is
  // among them: "According to Jim Bridenstine, the goal is to render space accessible …, through …".
  if (closed && (words[k]?.text !== ',' || words.slice(start, k).some((w) => lex.beForms.has(w.lower) || lex.finiteVerbs.has(w.lower)))) return null;
  const role = words.slice(start, k);
  if (role.length === 0 || !(lex.determiners.has(role[0]!.lower) || !role[0]!.capital)) return null;
  return role;
}
