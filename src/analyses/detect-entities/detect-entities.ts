/**
 * detect-entities: person, organisation, place, group and other mentions with exact spans, found by
 * the trained entity model (models/entities.model, an averaged perceptron over hashed features; see
 * README.md and models/entities.card.md). Emits the internal kind `entity-mention`; resolve-aliases
 * merges the mentions into the contract's entities.
 */
import type { Analysis, AnalysisInputs, RunContext } from '../../core/analysis.js';
import type { Document } from '../../core/document.js';
import type { Finding } from '../../core/finding.js';
import { recordId } from '../../core/record-id.js';
import { resourceValue, type Resources } from '../../core/resources.js';
import { spanAt } from '../../core/span.js';
import { derivedFrom } from '../memo.js';
import type { AbbreviationsRow, CommonWordsRow, FirstNamesRow, GroupsRow, NameInnerWordsRow, OrgSuffixesRow, PlaceWordsRow, PlacesRow, PronounWordsRow, TitleSmallWordsRow } from '../resources.js';
import { SEGMENT_TEXT_ID } from '../segment-text/segment-text.js';
import { ABBREVIATIONS } from '../segment-text/resource-ids.js';
import { tokenTable } from '../segment-text/tokens.js';
import { buildGazetteer, type Gazetteer } from './features.js';
import { COMMON_WORDS, DETECT_ENTITIES_RESOURCES, ENTITY_MODEL, FIRST_NAMES, GROUPS, NAME_INNER_WORDS, ORG_SUFFIXES, PLACE_WORDS, PLACES, PRONOUN_WORDS, TITLE_SMALL_WORDS } from './resource-ids.js';
import { innerWordSet, tagDocument, type InnerWords } from './tag-tokens.js';

export type MentionType = 'person' | 'organization' | 'place' | 'group' | 'other';

declare module '../../core/finding.js' {
  interface FindingDataMap {
    'entity-mention': {
      type: MentionType;
      /** The model's CoNLL label: PER, ORG, LOC, MISC. */
      label: string;
    };
  }
}

export const DETECT_ENTITIES_ID = 'detect-entities';

const LABEL_TYPES: Readonly<Record<string, MentionType>> = { PER: 'person', ORG: 'organization', LOC: 'place' };

interface EntityLexicon {
  readonly gazetteer: Gazetteer;
  /** Lowercased group words (nationalities, ethnic, religious, political): MISC → group. */
  readonly groups: ReadonlySet<string>;
  readonly pronouns: ReadonlySet<string>;
  /** Length of the longest pronoun: a longer mention is not looked up. */
  readonly longestPronoun: number;
  /** Abbreviations whose period belongs to the word (`Inc.`, `Mr.`), as in the model's training text. */
  readonly abbreviations: ReadonlySet<string>;
  /** Words scored inside names without a capital or a digit (tag-tokens.ts, `REACH_BEFORE`). */
  readonly innerWords: InnerWords;
  /** Lower-case words that CoNLL-2003 train never capitalises inside a name (`let`, `since`, `already`). */
  readonly commonWords: ReadonlySet<string>;
  /** Those of them that are closed-class words or adverbs (`although`, `however`, `his`). */
  readonly closedWords: ReadonlySet<string>;
}

const buildLexicon = derivedFrom(
  (
    firstNames: readonly FirstNamesRow[],
    orgSuffixes: readonly OrgSuffixesRow[],
    placeWords: readonly PlaceWordsRow[],
    places: readonly PlacesRow[],
    groups: readonly GroupsRow[],
    titleSmallWords: readonly TitleSmallWordsRow[],
    pronouns: readonly PronounWordsRow[],
    abbreviations: readonly AbbreviationsRow[],
    innerWords: readonly NameInnerWordsRow[],
    commonWords: readonly CommonWordsRow[],
  ): EntityLexicon => ({
    gazetteer: buildGazetteer({ firstNames, orgSuffixes, placeWords, places, groups, titleSmallWords }),
    groups: new Set(groups.map((row) => row.word.toLowerCase())),
    pronouns: new Set(pronouns.map((row) => row.word.toLowerCase())),
    longestPronoun: Math.max(0, ...pronouns.map((row) => row.word.length)),
    abbreviations: new Set(abbreviations.map((row) => row.abbreviation)),
    innerWords: innerWordSet(innerWords.map((row) => row.word)),
    commonWords: new Set(commonWords.map((row) => row.word)),
    closedWords: new Set(commonWords.filter((row) => row.closed === 'yes').map((row) => row.word)),
  }),
);

function lexicon(resources: Resources): EntityLexicon {
  return buildLexicon(
    resourceValue(resources, FIRST_NAMES),
    resourceValue(resources, ORG_SUFFIXES),
    resourceValue(resources, PLACE_WORDS),
    resourceValue(resources, PLACES),
    resourceValue(resources, GROUPS),
    resourceValue(resources, TITLE_SMALL_WORDS),
    resourceValue(resources, PRONOUN_WORDS),
    resourceValue(resources, ABBREVIATIONS),
    resourceValue(resources, NAME_INNER_WORDS),
    resourceValue(resources, COMMON_WORDS),
  );
}

function isApostrophe(code: number): boolean {
  return code === 39 || code === 0x2019;
}

/** A possessive token: `'`, `’`, `'s`, `’s` (either case of s). */
function isPossessiveToken(text: string, start: number, end: number): boolean {
  if (end - start === 1) return isApostrophe(text.charCodeAt(start));
  if (end - start !== 2 || !isApostrophe(text.charCodeAt(start))) return false;
  const c = text.charCodeAt(start + 1);
  return c === 115 || c === 83;
}

/** True when a word directly followed by a period keeps it, as in the model's training text: `U.S.`, `J.`, `Inc.`. */
function keepsPeriod(text: string, start: number, end: number, abbreviations: ReadonlySet<string>): boolean {
  if (end - start === 1) return text[start] !== text[start]!.toLowerCase();
  for (let j = start; j < end; j++) if (text.charCodeAt(j) === 46) return true;
  return abbreviations.has(text.slice(start, end));
}

/**
 * The model's tokens over segment-text's: a possessive `’s` (or a plural's `’`) is its own token, and
 * an abbreviation keeps its period. Returns token offsets and the index where each sentence starts.
 */
function modelTokens(document: Document, inputs: AnalysisInputs, abbreviations: ReadonlySet<string>) {
  const table = tokenTable(inputs[SEGMENT_TEXT_ID] ?? []);
  const text = document.text;
  const starts = new Uint32Array(table.count * 2 + 1);
  const ends = new Uint32Array(table.count * 2 + 1);
  const sentenceStarts: number[] = [];
  let n = 0;
  let sentence = -1;
  for (let i = 0; i < table.count; i++) {
    if (table.sentences[i] !== sentence) {
      sentence = table.sentences[i]!;
      sentenceStarts.push(n);
    }
    const s = table.starts[i]!;
    let e = table.ends[i]!;
    if (table.types[i] === 0) {
      const next = i + 1;
      if (next < table.count && table.starts[next] === e && text.charCodeAt(e) === 46 && table.sentences[next] === sentence && keepsPeriod(text, s, e, abbreviations)) {
        starts[n] = s;
        ends[n++] = e + 1;
        i++;
        continue;
      }
      const last = text.charCodeAt(e - 1);
      if (e - s > 2 && (last === 115 || last === 83) && isApostrophe(text.charCodeAt(e - 2))) {
        starts[n] = s;
        ends[n++] = e - 2;
        starts[n] = e - 2;
        ends[n++] = e;
        continue;
      }
      if (e - s > 1 && isApostrophe(last)) {
        starts[n] = s;
        ends[n++] = e - 1;
        starts[n] = e - 1;
        ends[n++] = e;
        continue;
      }
    }
    starts[n] = s;
    ends[n++] = e;
  }
  sentenceStarts.push(n);
  return { starts, ends, sentenceStarts: splitDatelines(text, starts, ends, sentenceStarts) };
}

/** How far into a sentence a dateline's dash may come, in tokens. */
const MAX_DATELINE_TOKENS = 12;

function isDash(text: string, start: number, end: number): boolean {
  if (end - start === 1) {
    const c = text.charCodeAt(start);
    return c === 0x2014 || c === 0x2013 || c === 45;
  }
  return end - start === 2 && text.charCodeAt(start) === 45 && text.charCodeAt(start + 1) === 45;
}

/** A word of two or more letters, all capitals: `ROTTERDAM`, `WASHINGTON`. */
function isCapitalsWord(text: string, start: number, end: number): boolean {
  if (end - start < 2) return false;
  for (let j = start; j < end; j++) {
    const ch = text[j]!;
    if (ch === ch.toLowerCase()) return false;
  }
  return true;
}

/**
 * A news dateline (`ROTTERDAM, March 4, 2024 —`, `WASHINGTON (Reuters) -`) is a line of its own in
 * the model's training text, and the word after its dash starts the sentence: a sentence that opens
 * with a word in capitals and has a dash within its first tokens, followed by a word not in capitals,
 * is given to the model as two, the dateline and the rest, so `Dock` in `— Dock workers extended their strike` is read as a
 * sentence-initial word, not a capitalised name in mid-sentence.
 */
function splitDatelines(text: string, starts: Uint32Array, ends: Uint32Array, sentenceStarts: number[]): number[] {
  let out: number[] | null = null;
  for (let k = 0; k + 1 < sentenceStarts.length; k++) {
    const from = sentenceStarts[k]!;
    const to = sentenceStarts[k + 1]!;
    out?.push(from);
    if (to - from < 3 || !isCapitalsWord(text, starts[from]!, ends[from]!)) continue;
    for (let i = from + 1; i < Math.min(to - 1, from + MAX_DATELINE_TOKENS); i++) {
      if (!isDash(text, starts[i]!, ends[i]!)) continue;
      // An all-caps line ("SOCCER - JAPAN GET LUCKY WIN") is a headline, not a dateline.
      if (isCapitalsWord(text, starts[i + 1]!, ends[i + 1]!)) break;
      out ??= sentenceStarts.slice(0, k + 1);
      out.push(i + 1);
      break;
    }
  }
  if (!out) return sentenceStarts;
  out.push(sentenceStarts[sentenceStarts.length - 1]!);
  return out;
}

/** Opening punctuation a sentence may start with before its first word: quotation marks, brackets, dashes. */
function isOpening(text: string, start: number, end: number): boolean {
  if (end - start !== 1) return false;
  const c = text.charCodeAt(start);
  // " ' ( [ “ ‘ — – -
  return c === 34 || c === 39 || c === 40 || c === 91 || c === 0x201c || c === 0x2018 || c === 0x2014 || c === 0x2013 || c === 45;
}

/** An opening quotation mark in mid-sentence: `“`, `‘`, or a straight `"` after a space or a line break. */
function opensQuotation(text: string, start: number, end: number): boolean {
  if (end - start !== 1) return false;
  const c = text.charCodeAt(start);
  if (c === 0x201c || c === 0x2018) return true;
  return c === 34 && (start === 0 || /\s/.test(text[start - 1]!));
}

/**
 * Which tokens are a sentence's first word: the first token after a sentence's opening punctuation, or the first
 * word of a quotation opened in mid-sentence (`wrote "Let's all pray`), where a capital says nothing about a name.
 */
function sentenceInitialTokens(text: string, starts: Uint32Array, ends: Uint32Array, sentenceStarts: readonly number[]): Uint8Array {
  const count = sentenceStarts[sentenceStarts.length - 1]!;
  const initial = new Uint8Array(count);
  for (let k = 0; k + 1 < sentenceStarts.length; k++) {
    let i = sentenceStarts[k]!;
    const to = sentenceStarts[k + 1]!;
    while (i < to && isOpening(text, starts[i]!, ends[i]!)) i++;
    if (i < to) initial[i] = 1;
  }
  for (let i = 0; i + 1 < count; i++) if (opensQuotation(text, starts[i]!, ends[i]!) && ends[i] === starts[i + 1]) initial[i + 1] = 1;
  return initial;
}

/**
 * A sentence's first word that is no name (decision 0121), as the document shows it:
 * - a one-word mention (`Let's hope`, `Since 1997,`, `Already, websites`) whose lower-case form is a common word
 *   (`data/common-words.tsv`: CoNLL-2003 train writes it in lower case and never capitalised in a name), not written in
 *   capitals (`WHO`), and which the document never capitalises away from a sentence's start, as it would a name
 *   (`Condoleezza Rice`, `Ms Rice`);
 * - the first word of a longer mention that is a closed-class common word or adverb before a capitalised word
 *   (`Although Wal-Mart`, `However Nintendo`, `His Graceland`): the name starts after it.
 */
const UPPER_FIRST = /^\p{Lu}/u;

class SentenceFirstWords {
  private initial: Uint8Array | null = null;
  private namesInText: Set<string> | null = null;

  constructor(
    private readonly text: string,
    private readonly starts: Uint32Array,
    private readonly ends: Uint32Array,
    private readonly sentenceStarts: readonly number[],
    private readonly lex: EntityLexicon,
  ) {}

  private isInitial(token: number): boolean {
    this.initial ??= sentenceInitialTokens(this.text, this.starts, this.ends, this.sentenceStarts);
    return this.initial[token] === 1;
  }

  isOnlyAFirstWord(token: number): boolean {
    const word = this.text.slice(this.starts[token]!, this.ends[token]!);
    const lower = word.toLowerCase();
    if (!this.lex.commonWords.has(lower) || word === word.toUpperCase() || !this.isInitial(token)) return false;
    if (this.namesInText === null) {
      // Every word capitalised away from a sentence's first word: once per document, when a candidate first needs it.
      this.namesInText = new Set();
      for (let i = 0; i < this.initial!.length; i++) {
        if (!this.initial![i] && UPPER_FIRST.test(this.text[this.starts[i]!]!)) this.namesInText.add(this.text.slice(this.starts[i]!, this.ends[i]!));
      }
    }
    return !this.namesInText.has(word);
  }

  /** True when `token` opens its sentence with a closed-class common word and a capitalised word follows it. */
  isGluedFunctionWord(token: number): boolean {
    const lower = this.text.slice(this.starts[token]!, this.ends[token]!).toLowerCase();
    return this.lex.closedWords.has(lower) && UPPER_FIRST.test(this.text[this.starts[token + 1]!]!) && this.isInitial(token);
  }
}

export const detectEntities: Analysis = {
  id: DETECT_ENTITIES_ID,
  version: '12',
  needs: [SEGMENT_TEXT_ID],
  emits: ['entity-mention'],
  // Its mentions live on in resolve-aliases' entity records; storing them too cost a tenth of the
  // database (decision 0007), and the model re-runs only when resolve-aliases has to.
  persist: false,
  resources: [...DETECT_ENTITIES_RESOURCES, ABBREVIATIONS],
  describe: 'Person, organisation, place, group and other mentions with exact spans, from the trained entity model.',
  run(document: Document, inputs: AnalysisInputs, context: RunContext): Finding[] {
    const model = resourceValue(context.resources, ENTITY_MODEL);
    const lex = lexicon(context.resources);
    const text = document.text;
    const { starts, ends, sentenceStarts } = modelTokens(document, inputs, lex.abbreviations);
    // The model that tagged the mention; `+document` when the document pass carried a name into a headline.
    const reason = `model/${model.header?.name ?? 'entities'}`;
    const carriedReason = `${reason}+document`;
    const out: Finding[] = [];
    const firstWords = new SentenceFirstWords(text, starts, ends, sentenceStarts, lex);
    for (const span of tagDocument(model, lex.gazetteer, text, starts, ends, sentenceStarts, lex.innerWords)) {
      let last = span.end - 1;
      // A possessive never ends a mention: "Erdoğan’s" gives "Erdoğan".
      while (last > span.start && isPossessiveToken(text, starts[last]!, ends[last]!)) last--;
      let first = span.start;
      if (last > first && firstWords.isGluedFunctionWord(first)) first++;
      const start = starts[first]!;
      const end = ends[last]!;
      if (end - start <= lex.longestPronoun && lex.pronouns.has(text.slice(start, end).toLowerCase())) continue;
      if (last === span.start && firstWords.isOnlyAFirstWord(last)) continue;
      let type = LABEL_TYPES[span.type];
      if (!type) {
        const lastWord = text.slice(starts[last]!, ends[last]!).toLowerCase();
        const afterHyphen = lastWord.slice(lastWord.lastIndexOf('-') + 1);
        type = lex.groups.has(lastWord) || lex.groups.has(afterHyphen) ? 'group' : 'other';
      }
      const s = spanAt(document, start, end);
      // Spans never overlap, so a span's id is unique without an allocator.
      out.push({ id: recordId('m', s), analysis: DETECT_ENTITIES_ID, kind: 'entity-mention', span: s, data: { type, label: span.type }, reason: span.carried ? carriedReason : reason });
    }
    return out;
  },
};
