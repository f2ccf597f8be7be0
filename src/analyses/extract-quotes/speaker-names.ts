/**
 * The person's name where a speaker is written as a role (decision 0090):
 *
 * - an office holder: a title, `of`, the office, then the name (`US Secretary of State Mike Pompeo`, `First
 *   Minister of Scotland Nicola Sturgeon`): the speaker is the name at the end of the last capitalised run,
 *   and the title with its office is the role. The office's own words (the `office-noun` class: `State`,
 *   `Foreign`, `Affairs`…) are never part of the name, so `the Secretary of State` and `the Minister of
 *   Foreign Affairs` alone keep the role as the speaker;
 * - a description, then a comma and a name (`said his father, Abdullah Kurdi,`, `according to his wife,
 *   Amanda,`): the speaker is the named person, and the description is the role. `his father` with no name
 *   after it stays a description.
 */
import type { QuoteLexicon } from './lexicon.js';
import { isNameWord } from './qualified-names.js';
import type { Word } from './words.js';

/** The most words of a name after a description's comma (`Christopher Gallego-Lazo`, `Pieter van der Berg`). */
const MAX_APPOSED_NAME = 4;

const isOfficeWord = (lex: QuoteLexicon, w: Word): boolean => lex.officeNouns.has(w.lower) || lex.bodyNouns.has(w.lower) || lex.smallWords.has(w.lower) || lex.titles.has(w.text);

/** True when the words `from`..`to` (exclusive) end in a title: `US Secretary`, `First Minister`, `President`. */
export function endsInTitle(lex: QuoteLexicon, words: readonly Word[], from: number, to: number): boolean {
  if (to <= from) return false;
  let last = words[to - 1]!;
  if (last.text === '.' && to - 2 >= from) last = words[to - 2]!;
  return !last.punct && lex.titles.has(last.text);
}

/**
 * Where the office holder's name starts in the capitalised run `runStart`..`runEnd` (exclusive) that ends a
 * `Title of Office …` chain, or -1 when the run is the office alone. The name is the last two words of a run
 * of three or more (`State Mike Pompeo`, `Scotland Nicola Sturgeon`), or the last word of a two-word run whose
 * first word is an office word (`State Pompeo`); no word of the name may be an office or body word (`Foreign
 * Affairs`, `Homeland Security`, `State Department`).
 */
export function officeHolderStart(lex: QuoteLexicon, words: readonly Word[], runStart: number, runEnd: number): number {
  const n = runEnd - runStart;
  let from: number;
  if (n >= 3) from = runEnd - 2;
  else if (n === 2 && lex.officeNouns.has(words[runStart]!.lower)) from = runEnd - 1;
  else return -1;
  for (let k = from; k < runEnd; k++) {
    const w = words[k]!;
    if (w.punct || !w.capital || isOfficeWord(lex, w) || lex.notName.has(w.text)) return -1;
  }
  return from;
}

/** Where the capitalised run that ends at `end` (exclusive) starts, no further back than `min`. */
export function runStartBefore(lex: QuoteLexicon, words: readonly Word[], end: number, min: number): number {
  let k = end;
  while (k - 1 >= min && !words[k - 1]!.punct && isNameWord(lex, words[k - 1]!)) k--;
  return k;
}

/**
 * A name set off by a comma right after a description that ends at word `end` (exclusive): `his father,
 * Abdullah Kurdi,`. The name is one to four capitalised words (particles allowed) followed by a comma, a
 * sentence end, a colon, an opening quotation mark or `max`; with `contentFollows` (`According to …, X, …`)
 * the name is not followed by an apposition of its own. Returns the name's word range, or null. A
 * description whose head is a report, a body or a group (`the report, Smith, …`, `the ministry, …`) takes
 * no name this way.
 */
export function apposedName(lex: QuoteLexicon, words: readonly Word[], descriptionFrom: number, end: number, max: number, contentFollows = false): { from: number; to: number } | null {
  if (words[end]?.text !== ',' || end - descriptionFrom < 2) return null;
  const head = words[end - 1]!;
  if (head.punct || head.capital || lex.bodyNouns.has(head.lower) || lex.collective.has(head.lower) || lex.cues.forms.has(head.lower) || lex.reportingNouns.has(head.lower)) return null;
  const from = end + 1;
  const first = words[from];
  if (!first || first.punct || !first.capital || lex.notName.has(first.text) || (lex.titles.has(first.text) && words[from + 1]?.capital !== true)) return null;
  let to = from;
  while (to < max && to - from < MAX_APPOSED_NAME + 1) {
    const w = words[to]!;
    if (isNameWord(lex, w)) to++;
    else if (!w.punct && lex.nameParticles.has(w.lower) && words[to + 1]?.capital) to++;
    else if (w.text === '.' && to > from && /^\p{Lu}$/u.test(words[to - 1]!.text)) to++;
    else break;
  }
  if (to === from || to - from > MAX_APPOSED_NAME) return null;
  const next = words[to];
  if (to < max && next && !(next.punct && ',.:;“"'.includes(next.text))) return null;
  // "According to an FBI summary, Cheryl Mills, a top aide, sent …": where the content follows the source, a
  // name with an apposition of its own is the subject of the reported clause, not the source.
  const after = words[to + 1];
  if (contentFollows && next?.text === ',' && after && !after.punct && (!after.capital || lex.determiners.has(after.lower)) && closedApposition(words, to + 1)) return null;
  return { from, to };
}

/** A comma closes the words from `from` within twelve words, before the sentence ends: `a top aide,`. */
function closedApposition(words: readonly Word[], from: number): boolean {
  for (let k = from; k < words.length && k - from <= 12; k++) {
    const t = words[k]!.text;
    if (t === ',') return true;
    if (t === '.' || t === ';' || t === ':' || t === '?' || t === '!') return false;
  }
  return false;
}

/** The most lower-case role words between a qualifier and a name after the cue (`Wales assistant coach Scott Johnson`). */
const MAX_ROLE_WORDS = 3;

/**
 * After the cue, a capitalised qualifier that ends at `end`, then one to three lower-case role words, then a
 * name closed by punctuation or `max`: `said Wales physio Mark Davies.`, `Said Wales assistant coach Scott
 * Johnson: "…"`. Returns the name's word range, or null. The role words are plain words: no function word,
 * cue, auxiliary, determiner or pronoun (`said Trump supporters were …` has none of this shape).
 */
export function nameAfterRoleWords(lex: QuoteLexicon, words: readonly Word[], end: number, max: number): { from: number; to: number } | null {
  let k = end;
  while (k < max && k - end < MAX_ROLE_WORDS) {
    const w = words[k]!;
    if (w.punct || w.capital || lex.functionWords.has(w.lower) || lex.smallWords.has(w.lower) || lex.cues.forms.has(w.lower) || lex.auxiliaries.has(w.lower) || lex.determiners.has(w.lower) || lex.pronouns.has(w.lower) || lex.beForms.has(w.lower) || lex.finiteVerbs.has(w.lower) || lex.relatives.has(w.lower)) break;
    k++;
  }
  if (k === end) return null;
  const from = k;
  if (!words[from]?.capital || lex.notName.has(words[from]!.text)) return null;
  let to = from;
  while (to < max && to - from <= MAX_APPOSED_NAME + 2) {
    const w = words[to]!;
    // The period of a title or an initial inside the name: "Navy Capt. Jeff Davis", "William J. Bennett".
    if (w.text === '.' && to > from && words[to + 1]?.capital && (lex.titles.has(words[to - 1]!.text) || /^\p{Lu}$/u.test(words[to - 1]!.text))) to++;
    else if (isNameWord(lex, w)) to++;
    else break;
  }
  if (to - from > MAX_APPOSED_NAME + 2) return null;
  const next = words[to];
  if (to < max && next && !(next.punct && ',.:;“"'.includes(next.text))) return null;
  return { from, to };
}
