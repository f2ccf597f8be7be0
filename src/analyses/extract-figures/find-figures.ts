/**
 * Finds quantities in a text: digits ("40,000", "3.5", "€40m") and number words ("two hundred",
 * "tens of thousands"), with what is written around them: a currency before, a scale word or unit
 * after, an approximation cue ("more than", "or more"), a second number that makes a range, and the
 * noun counted. Numbers that are parts of dates, times, years, ordinals, phone numbers and labels
 * ("page 12", "Flight 370", "F-16") are skipped by conservative rules of our own (this analysis does
 * not read the dates analysis). One left-to-right pass: the start pattern finds each candidate and
 * the pass resumes after everything a candidate consumed.
 */
import { suffixUnit, type Approx, type FigureLexicon, type UnitEntry } from './lexicon.js';

export interface RawFigure {
  start: number;
  end: number;
  value: number | null;
  min: number | null;
  max: number | null;
  approx: Approx;
  unit: string | null;
  counted: { start: number; end: number } | null;
  /** Vague quantities ("thousands") whose bounds are our reading, not written. */
  inferred: boolean;
  reason: string;
}

interface Num {
  start: number;
  end: number;
  value: number;
  /** Set for vague quantities: "thousands" = [1000, 10000). */
  vague: { min: number; max: number } | null;
  digits: boolean;
  /** Digits only: no group separator, no decimals. */
  plain: boolean;
  /** A scale word or suffix was applied ("3.5 million", "40k"). */
  scaled: boolean;
  rule: string;
}

// Groups of three ("1,234,567"), the Indian grouping of lakhs and crores ("5,00,000", "1,20,00,000"), or none.
const DIGITS = /\d{1,2}(?:,\d\d)+,\d{3}(?:\.\d+)?(?!\d|,\d)|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d])|\d+(?:\.\d+)?/y;
const WORD = /[\p{L}]+/uy;
const GLUED_LETTERS = /[\p{L}]+/uy;
const ORDINAL = /^(?:st|nd|rd|th)$/i;
const PHONE_TAIL = /[-.\s]\d{3,4}(?:[-.\s]\d{3,4})?(?!\d)/y;
const ISO_DATE = /\d{4}-\d{1,2}-\d{1,2}/y;
const SKIP_DIGIT_RUN = /[\d.,:/-]+/y;
/** A phone number or code written in groups: 020 7946 0958, 555-1234. */
// The groups after the first are joined by a space only (a hyphen between groups is already taken by
// `[\d-]*`), and each is two digits then digits and hyphens: written with one way to match each
// character, since `[ -]\d{2,}[\d-]*` could split a group many ways and backtracked exponentially.
const SKIP_DIGIT_GROUPS = /[\d.,:/-]+(?: \d\d[\d-]*)*/y;
/** A simple fraction with no date after it: 3/4, 1/16. */
const FRACTION = /(\d{1,2})\/(\d{1,2})(?![\d/])/y;
/** The fraction of a mixed number after its whole part: 10 1/2. */
const MIXED = / (\d{1,2})\/(\d{1,2})(?![\d/])/y;
const GLUED_SCALE = /(k|K|m|M|mn|bn|b|tn|trn)(?![\p{L}\p{N}])/uy;
const NEXT_WORD = /\s+([\p{L}][\p{L}\p{N}’'-]*)/uy;
/** A lower-case noun joined to the number by a hyphen and ending the compound ("4,000-page", "three-point"). */
const HYPHEN_NOUN = /-(\p{Ll}+)(?![\p{L}\p{N}-])/uy;
const OF = /\s+of(?![\p{L}])/uy;
/**
 * A word of the counted noun phrase, in quotation marks or not ('eight "critical" security holes', 'three "dirty
 * bombs"'): the opening mark, the word, the closing mark. An apostrophe inside a word stays in it ("don’t").
 */
const COUNTED_WORD = /\s+(["“‘]?)((?:\p{Lu}\.){2,}|[\p{L}][\p{L}\p{N}'-]*(?:’[\p{L}]+)*)(["”’]?)(?![\p{L}\p{N}])/uy;
/** An age or size in digits joined to its noun, before the noun counted ("Two 40-year-old women", "three 500-page reports"). */
const DIGIT_COMPOUND = /\s+\d[\d,.]*-(?:\p{Ll}+-)*\p{Ll}+(?=\s+\p{Ll})/uy;

function sticky(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

function isLetter(c: string | undefined): boolean {
  return c !== undefined && /\p{L}/u.test(c);
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** The word that ends just before `at` (after spaces), with its start. */
function wordBefore(text: string, at: number): { word: string; start: number } | null {
  let e = at;
  // Version 25: a no-break space too ("October\u00a08", as Wikinews writes dates).
  while (e > 0 && (text[e - 1] === ' ' || text[e - 1] === '\u00a0' || text[e - 1] === '\u202f')) e--;
  let s = e;
  while (s > 0 && /[\p{L}.#]/u.test(text[s - 1]!)) s--;
  if (s === e) return null;
  return { word: text.slice(s, e), start: s };
}

/** `'t` right after, or a determiner, a number word or a digit as the next word: the unit word before is a verb. */
function verbObjectAfter(lex: FigureLexicon, text: string, at: number): boolean {
  if (/^['’]t(?![\p{L}\p{N}])/u.test(text.slice(at, at + 3))) return true;
  const next = sticky(NEXT_WORD, text, at);
  if (!next || next[0][0] !== ' ') return /^ \d/.test(text.slice(at, at + 2));
  const word = next[1]!.toLowerCase();
  return lex.determiners.has(word) || lex.numberWords.has(word);
}

/**
 * An ordinal in words: a number word of kind `ordinal` ("first", "fifth", "twentieth"; version 28, the table in place
 * of an inline pattern). `wordBefore` gives letters only, so a digit ordinal ("the 1,000th number one") is not one here.
 */
function isOrdinalWord(lex: FigureLexicon, word: { word: string } | null): boolean {
  return word !== null && lex.ordinalWords.has(word.word.toLowerCase());
}

/** A set score (two numbers of one or two digits joined by a hyphen), then a space and a bracket, ending where the pattern is anchored. */
const SET_SCORE_BEFORE_BRACKET = /\d{1,2}-\d{1,2} \($/;
/** A set score or a tie-break in brackets written right after a space ("6-3", "(7-5)"). */
const SCORE_AFTER = /^ (?:\d{1,2}-\d{1,2}|\(\d{1,2}[-/]\d{1,2}\))(?![\d/-])/;
/** A set score, its tie-break in brackets or not, and a space, before the pair read ("6-2 ", "6-7 (3-7) "). */
const SCORE_BEFORE = /(?<![\d,.])\d{1,2}-\d{1,2}(?: \(\d{1,2}[-/]\d{1,2}\))? $/;

/** `at` opens the bracket of a tie-break after a set score ("6-7 (3/7)", "7-6 (8-10)"). */
function tieBreakAt(text: string, at: number): boolean {
  return text[at - 1] === '(' && SET_SCORE_BEFORE_BRACKET.test(text.slice(Math.max(0, at - 8), at));
}

/**
 * The pair from `start` to `end` ("6-7") is a set score of a tennis result: another set score or a tie-break is written
 * next to it ("6-2 6-7 (3-7) 6-3", "his 4-6 6-3 7-6 victory"), or it is the tie-break itself (version 28).
 */
function scoreRunAt(text: string, start: number, end: number): boolean {
  if (end - start > 5) return false;
  return tieBreakAt(text, start) || SCORE_AFTER.test(text.slice(end, end + 9)) || SCORE_BEFORE.test(text.slice(Math.max(0, start - 16), start));
}

/**
 * A word of betting (class `odds-cue`) in the sentence of `start`–`end`, read up to 200 characters either side
 * (version 28): there "4/9", "1/3 favourite", "odds of 6-9" are odds, the stake against the winnings.
 */
function oddsSentence(lex: FigureLexicon, text: string, start: number, end: number): boolean {
  let from = start;
  while (from > 0 && start - from < 200 && !/[.!?\n]/.test(text[from - 1]!)) from--;
  let to = end;
  while (to < text.length && to - end < 200 && !/[!?\n]/.test(text[to]!) && !(text[to] === '.' && !isDigit(text[to + 1]))) to++;
  for (const w of text.slice(from, to).matchAll(/\p{L}[\p{L}-]*/gu)) if (lex.oddsCues.has(w[0].toLowerCase())) return true;
  return false;
}

/**
 * The pair from `start` to `end` is a score: a capitalised word ends right before it and one starts right after it
 * (`Wasps 31-37 Leicester`, `Clyde 0-5 Celtic`), or a word of the class `score-cue` follows it (`0-30 down`).
 */
function scoreBetween(lex: FigureLexicon, text: string, start: number, end: number): boolean {
  const after = /^ (\p{L}+)/u.exec(text.slice(end, end + 24));
  if (after && lex.scoreCues.has(after[1]!.toLowerCase())) return true;
  if (after === null || !/^\p{Lu}/u.test(after[1]!) || start < 2 || text[start - 1] !== ' ') return false;
  // The word that ends right before the space: its first letter, found by walking back over letters.
  const space = start - 1;
  let from = space;
  while (from > 0 && space - from < 24 && /\p{L}/u.test(text[from - 1]!)) from--;
  return from < space && /^\p{Lu}/u.test(text[from]!);
}

/** True when `at` starts a sentence: only spaces, quotes or brackets since a sentence end or the start. */
function sentenceInitial(text: string, at: number): boolean {
  let i = at;
  // A line break starts a sentence: a headline ends without a full stop.
  while (i > 0 && text[i - 1] !== '\n' && /[\s“"‘'(\[]/u.test(text[i - 1]!)) i--;
  return i === 0 || /[.!?:\n]/.test(text[i - 1]!);
}

type Parsed = { num: Num } | { skip: number } | null;

/** A currency written out at `at` after a space ("euros", "rupiah"). */
function currencyWordAt(lex: FigureLexicon, text: string, at: number): boolean {
  if (!/\s/.test(text[at] ?? '')) return false;
  const word = sticky(lex.suffixSpaced, text, at);
  return word !== null && suffixUnit(lex, word[1]!)?.kind === 'currency';
}

/** Classes of `counted-heads.tsv` whose nouns are counted in millions, not measured in metres. */
const MILLION_COUNT_CLASSES: ReadonlySet<string> = new Set(['person', 'household', 'group', 'job']);

/**
 * "4.5m workers", "14m customers": a glued `m` right before a noun of people, households or jobs (a class of the
 * counted-heads table) counts millions; before anything else it stays metres ("60m hurdles", "the 400m title",
 * "16.50m in the triple jump", "the final 200m of the night"). Version 18.
 */
function millionCountAt(lex: FigureLexicon, text: string, at: number): boolean {
  const m = /^\s+([\p{L}-]+)/u.exec(text.slice(at, at + 40));
  if (m === null) return false;
  const cls = lex.counted.get(m[1]!.toLowerCase());
  return cls !== undefined && MILLION_COUNT_CLASSES.has(cls);
}

/** Three capitals right before `at`, after no letter or digit, that are a currency code of the units table (`SEK`, `USD`). */
function gluedCurrencyCode(lex: FigureLexicon, text: string, at: number): boolean {
  if (at < 3 || (at > 3 && /[\p{L}\p{N}]/u.test(text[at - 4]!))) return false;
  const code = text.slice(at - 3, at);
  return /^[A-Z]{3}$/.test(code) && lex.prefixUnits.get(code)?.kind === 'currency';
}

/** Digits at `at`: skips times, dates, phone numbers, ordinals and labels glued to letters. */
/**
 * `rangeSecond`: the number after the link of a range whose first number was read, so a hyphen glued to letters
 * before it is that link ("1.5 million-2 million", "5km-10km"), not a code ("F-16").
 */
function parseDigits(lex: FigureLexicon, text: string, at: number, currency: boolean, rangeSecond = false): Parsed {
  const before = text[at - 1];
  const skipRun = (groups = false): { skip: number } => {
    const m = sticky(groups ? SKIP_DIGIT_GROUPS : SKIP_DIGIT_RUN, text, at);
    let end = at + (m ? m[0].length : 1);
    while (end < text.length && /[\p{L}\p{N}]/u.test(text[end]!)) end++;
    return { skip: end };
  };
  // Part of a word or code: S23, F-16, COVID-19, '68; but an ISO currency code glued to its amount is the unit
  // (`SEK9 million`, `GBP738 thousand`, version 19).
  if ((isLetter(before) && !gluedCurrencyCode(lex, text, at)) || (before === '-' && isLetter(text[at - 2]) && !rangeSecond) || before === '’' || before === "'" || before === '#' || before === '/') return skipRun();
  if (sticky(ISO_DATE, text, at)) return skipRun();
  const m = sticky(DIGITS, text, at);
  if (!m) return null;
  const raw = m[0];
  let end = at + raw.length;
  const next = text[end];
  // Fractions "3/4", "1/2" (numerator below a denominator up to 16); otherwise times and dates: 10:30, 9/11, 1/2/2020.
  let fraction: number | null = null;
  if (next === '/' && isDigit(text[end + 1])) {
    const f = sticky(FRACTION, text, at);
    if (!f) return skipRun();
    // "after the 9/11 attacks": a month and a day that name an event (class `named-date`), not a fraction (version 27).
    if (lex.namedDates.has(f[0])) return skipRun();
    // Version 28: "was 1/3 favourite", "odds of 1/5": fractional odds in a sentence of betting (class `odds-cue`); "6-7
    // (3/7) 6-3": the points of a tie-break in brackets after a set score. Neither is a part of a whole.
    if (oddsSentence(lex, text, at, at + f[0].length) || tieBreakAt(text, at)) return skipRun();
    fraction = Number(f[1]) / Number(f[2]);
    end = at + f[0].length;
  }
  if (next === ':' && isDigit(text[end + 1])) return skipRun();
  if (fraction === null && next === '.' && isDigit(text[end + 1])) return skipRun(); // 1.2.3 versions, dotted dates
  // Leading zeros and long digit strings are codes and phone numbers.
  const plain = /^\d+$/.test(raw);
  if (plain && raw.length > 1 && raw[0] === '0') return skipRun(true);
  if (plain && raw.length >= 10) return skipRun(true);
  if (plain && raw.length >= 3 && sticky(PHONE_TAIL, text, end) && !/\s/.test(text[end]!) && !currency) return skipRun(true);
  let value = Number(raw.replace(/,/g, ''));
  let scaled = false;
  const rules = ['digits'];
  if (fraction !== null) {
    const [n, d] = [Number(raw), Number(text.slice(at + raw.length + 1, end))];
    if (!(n < d && d <= 16)) return skipRun();
    return { num: { start: at, end, value: fraction, vague: null, digits: true, plain: false, scaled: false, rule: 'digits/fraction' } };
  }
  if (plain) {
    const mixed = sticky(MIXED, text, end);
    if (mixed && Number(mixed[1]) < Number(mixed[2]) && Number(mixed[2]) <= 16) {
      value += Number(mixed[1]) / Number(mixed[2]);
      end += mixed[0].length;
      rules.push('digits/mixed-fraction');
    }
  }
  if (isLetter(text[end])) {
    const scale = sticky(GLUED_SCALE, text, end);
    const unit = sticky(lex.suffixGlued, text, end);
    // "€40m", "70m euros": after a currency symbol, or before a currency written out, "m" is million, not metres;
    // so before people and jobs counted ("4.5m workers").
    if (scale && (currency || scale[1] !== 'm' || currencyWordAt(lex, text, end + scale[0].length) || millionCountAt(lex, text, end + scale[0].length))) {
      value *= lex.multipliers.get(scale[1]!) ?? 1;
      end += scale[0].length;
      scaled = true;
      rules.push(`multipliers/${scale[1]}`);
    } else if (!unit) {
      const letters = sticky(GLUED_LETTERS, text, end)![0];
      if (ORDINAL.test(letters) || letters === 's') return skipRun();
      return skipRun(); // 5G, 3D, 4x4: labels
    }
  }
  if (!scaled) {
    const word = sticky(lex.scaleWord, text, end);
    if (word) {
      value *= lex.multipliers.get(word[1]!) ?? 1;
      end += word[0].length;
      scaled = true;
      rules.push(`multipliers/${word[1]}`);
    }
  }
  return { num: { start: at, end, value, vague: null, digits: true, plain: plain && !scaled, scaled, rule: rules.join('+') } };
}

/** Number words at `at`: "twenty-one", "two hundred and fifty thousand", "a dozen", "tens of thousands". */
function parseWords(lex: FigureLexicon, text: string, at: number, nounMarkers: ReadonlySet<string>, irregularPlurals?: ReadonlySet<string>): Parsed {
  const first = sticky(WORD, text, at);
  if (!first) return null;
  const firstWord = first[0].toLowerCase();
  const entry = lex.numberWords.get(firstWord);
  if (!entry) return { skip: at + first[0].length };
  const firstEnd = at + first[0].length;
  const prev = wordBefore(text, at);
  const prevLower = prev?.word.toLowerCase() ?? '';
  if (entry.kind === 'vague' || entry.kind === 'vague-tens') {
    // "tens of thousands", "hundreds of millions"
    const of = sticky(OF, text, firstEnd);
    if (of) {
      const scale = sticky(WORD, text, firstEnd + of[0].length + 1);
      const scaleEntry = scale ? lex.numberWords.get(scale[0].toLowerCase()) : undefined;
      if (scale && scaleEntry?.kind === 'vague' && scaleEntry.value >= 1000) {
        const min = entry.value * scaleEntry.value;
        return { num: { start: at, end: firstEnd + of[0].length + 1 + scale[0].length, value: min, vague: { min, max: min * 10 }, digits: false, plain: false, scaled: true, rule: 'number-words/vague-compound' } };
      }
    }
    if (entry.kind === 'vague-tens') return { skip: firstEnd };
    // "scores" and "dozens" count only before "of": "scores of people"; otherwise a sports score or a noun.
    // Version 25: "Dozens died", "dozens were hurt": before a finite verb "dozens" is a count of its own too.
    const verbAfter = firstWord === 'dozens' ? sticky(NEXT_WORD, text, firstEnd)?.[1]?.toLowerCase() ?? '' : '';
    const dozensVerb = verbAfter !== '' && (lex.clauseVerbs.has(verbAfter) || /^\p{Ll}+ed$/u.test(verbAfter));
    if ((firstWord === 'scores' || firstWord === 'dozens') && !of && !dozensVerb) return { skip: firstEnd };
    return { num: { start: at, end: firstEnd, value: entry.value, vague: { min: entry.value, max: entry.value * 10 }, digits: false, plain: false, scaled: true, rule: 'number-words/vague' } };
  }
  if (entry.kind === 'ordinal' || entry.kind === 'ordinal-plural' || entry.kind === 'sign') {
    // "a third of", "a half", "half of", "one fifth": a fraction; otherwise an ordinal ("the third").
    const of = sticky(OF, text, firstEnd) !== null;
    const article = prevLower === 'a' || prevLower === 'one';
    // "the second half of 2004", "the first half": a part of a period, named, not a quantity.
    if (firstWord === 'half' && /^(?:first|second|latter|former|back|front|top|bottom)$/.test(prevLower)) return { skip: firstEnd };
    // "half the staff", "half their savings": a part of the group named after the determiner.
    // A group in the plural ("half the staff", "half their savings"), not "half the time", "half the person you are".
    const det = firstWord === 'half' && !article ? sticky(NEXT_WORD, text, firstEnd) : null;
    const group = det && PART_DETERMINER.test(det[1]!) ? sticky(NEXT_WORD, text, firstEnd + det[0].length)?.[1]?.toLowerCase() : undefined;
    const halfOfGroup = group !== undefined && lex.counted.get(group) !== 'not-counted' && ((/\p{L}{2}s$/u.test(group) && !/(?:ss|us|is)$/.test(group)) || (irregularPlurals?.has(group) ?? false));
    const fraction = entry.kind === 'ordinal' && ((article && (of || firstWord === 'half' || prevLower === 'one')) || (firstWord === 'half' && of) || halfOfGroup);
    if (!fraction) {
      // "half a percentage point", "half an hour", "half a mile": half of the unit written after the article.
      const an = firstWord === 'half' ? /^\s+an?(?=\s)/i.exec(text.slice(firstEnd, firstEnd + 4)) : null;
      const unitAfter = an ? sticky(lex.suffixSpaced, text, firstEnd + an[0].length) : null;
      // "half a pound" is a weight (money in halves is written "50p"); other currencies are not read in halves.
      if (an && unitAfter && !lex.numberWords.has(unitAfter[1]!.toLowerCase()) && (suffixUnit(lex, unitAfter[1]!)?.kind !== 'currency' || /^pound$/i.test(unitAfter[1]!))) {
        return { num: { start: at, end: firstEnd + an[0].length, value: 0.5, vague: null, digits: false, plain: false, scaled: false, rule: 'number-words/half-a-unit' } };
      }
      return { skip: firstEnd };
    }
    return { num: { start: article ? prev!.start : at, end: firstEnd, value: 1 / entry.value, vague: null, digits: false, plain: false, scaled: false, rule: 'number-words/fraction' } };
  }
  // "no-one", "no one", "the one", "every one", "one another": not a count.
  if (firstWord === 'one' && text[at - 1] === '-' && /(?:^|[^\p{L}])no$/iu.test(text.slice(Math.max(0, at - 4), at - 1))) return { skip: firstEnd };
  if (firstWord === 'one' && (nounMarkers.has(prevLower) || nounMarkers.has(sticky(NEXT_WORD, text, firstEnd)?.[1]?.toLowerCase() ?? ''))) return { skip: firstEnd };
  // "one or the other", "one by one": a fixed phrase (class `idiom`, version 18).
  const idiom = sticky(lex.idiom, text, at);
  if (idiom) return { skip: at + idiom[0].length };
  // "one's own": the generic pronoun in the possessive (version 17).
  if (firstWord === 'one' && /^['’]s(?![\p{L}])/u.test(text.slice(firstEnd, firstEnd + 3))) return { skip: firstEnd };
  // "as one put it", "as one would expect": the generic pronoun, the subject of the verb after it.
  if (firstWord === 'one' && prevLower === 'as') {
    const next = sticky(NEXT_WORD, text, firstEnd);
    const nextLower = next?.[1]?.toLowerCase() ?? '';
    if (MODAL.test(nextLower) || (next && isVerbAfterOne(lex, text, firstEnd + next[0].length, nextLower))) return { skip: firstEnd };
  }
  // Version 25: "one could argue", "one might think": the generic pronoun before a modal of possibility and a
  // reporting verb in its base form, without "as" too.
  if (firstWord === 'one') {
    const modal = sticky(NEXT_WORD, text, firstEnd);
    const verb = modal && lex.possibilityModals.has(modal[1]!.toLowerCase()) ? sticky(NEXT_WORD, text, firstEnd + modal[0].length)?.[1]?.toLowerCase() ?? '' : '';
    if (verb && lex.reportingForms.get(verb) === verb) return { skip: firstEnd };
  }
  // "the old one", "a new one", "this big one": a pronoun after a determiner and an adjective, not a count
  // (unless a number or a unit follows: "the remaining one million", "the last one percent").
  if (firstWord === 'one' && prev && /^\p{Ll}+$/u.test(prev.word) && !lex.numberWords.has(prevLower) && !lex.functionWords.has(prevLower) && !nounMarkers.has(prevLower)) {
    const det = wordBefore(text, prev.start);
    const next = sticky(NEXT_WORD, text, firstEnd)?.[1]?.toLowerCase() ?? '';
    if (det && lex.determiners.has(det.word.toLowerCase()) && !lex.numberWords.has(next) && !sticky(lex.suffixSpaced, text, firstEnd) && !/^\s*%/.test(text.slice(firstEnd, firstEnd + 2))) return { skip: firstEnd };
  }
  let total = 0;
  let current = 0;
  let lastKind: string | null = null;
  let end = at;
  let pos = at;
  let scaled = false;
  /** The value written before the last "and": "twenty and three fifths" is 20 + 3/5. */
  let beforeAnd = 0;
  for (;;) {
    const w = sticky(WORD, text, pos);
    if (!w) break;
    const e = lex.numberWords.get(w[0].toLowerCase());
    if (!e || e.kind === 'vague' || e.kind === 'vague-tens' || e.kind === 'ordinal' || e.kind === 'ordinal-plural' || e.kind === 'sign') break;
    if (e.kind === 'unit' || e.kind === 'tens') {
      if (lastKind === 'unit' || (lastKind === 'tens' && e.kind === 'tens')) break;
      if (lastKind === 'tens' && e.value >= 10) break;
      current += e.value;
    } else if (e.kind === 'count' || e.value === 100) {
      current = (current || 1) * e.value;
      scaled = true;
    } else {
      total += (current || 1) * e.value;
      current = 0;
      scaled = true;
    }
    lastKind = e.kind;
    end = pos + w[0].length;
    // Separators inside a number: "twenty-one", "two hundred and fifty", "three million".
    const sep = /(?:-|\s+and\s+|\s+)/y;
    sep.lastIndex = end;
    const s = sep.exec(text);
    if (!s) break;
    const after = sticky(WORD, text, end + s[0].length);
    if (!after || !lex.numberWords.has(after[0].toLowerCase())) break;
    if (/and/.test(s[0])) beforeAnd = total + current;
    pos = end + s[0].length;
  }
  if (end === at) return { skip: firstEnd };
  let value = total + current;
  let rule = 'number-words';
  // "twenty-first", "one hundred twenty fifth": an ordinal; "two thirds", "one fifth": a fraction;
  // "one and a half", "forty two and a third": a whole number and a fraction.
  const ord = /(?:-|\s+)(\p{L}+)/uy;
  ord.lastIndex = end;
  const o = ord.exec(text);
  const oe = o ? lex.numberWords.get(o[1]!.toLowerCase()) : undefined;
  if (o && oe && (oe.kind === 'ordinal' || oe.kind === 'ordinal-plural')) {
    const oEnd = end + o[0].length;
    const followedByOf = sticky(OF, text, oEnd) !== null;
    if (oe.kind === 'ordinal' && value !== 1) return { skip: oEnd };
    // "two thirds of", "three fifths." are fractions; "the last two quarters were" counts quarters.
    // Version 25: joined by a hyphen ("a two-thirds majority", "a three-fifths stake") it is a fraction before a noun too.
    const hyphened = o[0].startsWith('-') && oe.kind === 'ordinal-plural';
    const isFraction = hyphened || ((followedByOf || /^\s*(?:[.,;:!?)]|$)/.test(text.slice(oEnd, oEnd + 2))) && !nounMarkers.has(prevLower));
    if (isFraction) {
      value = beforeAnd + (value - beforeAnd) / oe.value;
      end = oEnd;
      rule = 'number-words/fraction';
    }
  } else {
    const andA = /\s+and\s+a\s+(\p{L}+)/uy;
    andA.lastIndex = end;
    const h = andA.exec(text);
    const he = h ? lex.numberWords.get(h[1]!.toLowerCase()) : undefined;
    if (h && he && he.kind === 'ordinal') {
      value += 1 / he.value;
      end += h[0].length;
      rule = 'number-words/and-a-fraction';
      // "one and a half million"
      const scale = sticky(lex.scaleWord, text, end);
      if (scale) {
        value *= lex.multipliers.get(scale[1]!) ?? 1;
        end += scale[0].length;
        scaled = true;
      }
    }
  }
  let start = at;
  // "a hundred", "a dozen", "a million"
  if ((entry.kind === 'scale' || entry.kind === 'count') && prevLower === 'a') {
    start = prev!.start;
    // "half a million", "half a dozen": half of it.
    const half = wordBefore(text, start);
    if (half && lex.numberWords.get(half.word.toLowerCase())?.kind === 'ordinal' && lex.numberWords.get(half.word.toLowerCase())!.value === 2 && /^half$/i.test(half.word)) {
      start = half.start;
      value /= 2;
      rule += '+half-a';
    }
  }
  // "several thousand people", "another few million years": a vague amount of the scale, as "thousands" is (version 17).
  else if (entry.kind === 'scale' && end === firstEnd && value >= 100 && /^(?:several|few)$/.test(prevLower)) {
    const article = prevLower === 'few' ? wordBefore(text, prev!.start) : null;
    const from = article && /^a$/i.test(article.word) ? article.start : prev!.start;
    return { num: { start: from, end, value, vague: { min: value, max: value * 10 }, digits: false, plain: false, scaled: true, rule: 'number-words/vague-several' } };
  }
  else if (entry.kind === 'scale' || entry.kind === 'count') return { skip: end }; // "hundred" alone is not a figure ("the hundred")
  return { num: { start, end, value, vague: null, digits: false, plain: false, scaled, rule } };
}

/**
 * A reporting verb right after "one" ("one said", "as one put it"): the verb of the pronoun, not a noun counted.
 * An inflected form ("said", "argued") always; a bare form ("put", "report") only before "it" or "that", since
 * "one report" is a count of reports.
 */
/** A pronoun that is the object of a verb. */
const OBJECT_PRONOUN = /^(?:him|her|it|them|me|us|himself|herself|itself|themselves)$/;

/** A modal or auxiliary after the pronoun "one" ("as one would expect", "as one can see"). */
const MODAL = /^(?:can|could|would|should|might|must|may|will|shall|does|did|is|was|has|had)$/;

function isVerbAfterOne(lex: FigureLexicon, text: string, verbEnd: number, verb: string): boolean {
  const lemma = lex.reportingForms.get(verb);
  if (lemma === undefined) return false;
  if (verb !== lemma) return true;
  const after = sticky(NEXT_WORD, text, verbEnd);
  return after !== null && /^(?:it|that)$/i.test(after[1]!);
}

function parseNumber(lex: FigureLexicon, text: string, at: number, currency: boolean, nounMarkers: ReadonlySet<string>, irregularPlurals?: ReadonlySet<string>, rangeSecond = false): Parsed {
  return isDigit(text[at]) ? parseDigits(lex, text, at, currency, rangeSecond) : parseWords(lex, text, at, nounMarkers, irregularPlurals);
}

interface Unitised {
  start: number;
  end: number;
  unit: UnitEntry | null;
  currencyBefore: boolean;
  rules: string[];
}

/** The currency written before `num` ("$", "US$", "€") and the unit after it ("%", "km", "euros"). */
function unitise(lex: FigureLexicon, text: string, num: Num): Unitised {
  let start = num.start;
  let end = num.end;
  let unit: UnitEntry | null = null;
  let currencyBefore = false;
  const rules: string[] = [];
  const lead = text.slice(Math.max(0, num.start - 6), num.start);
  const prefix = lex.prefix.exec(lead);
  if (prefix && num.digits) {
    const key = prefix[0].replace(/\s+/g, '');
    const entry = lex.prefixUnits.get(key);
    if (entry) {
      unit = entry;
      start = num.start - prefix[0].length;
      currencyBefore = true;
      rules.push(`units/${key}`);
    }
  }
  const glued = !/\s/.test(text[end] ?? ' ') ? sticky(lex.suffixGlued, text, end) : null;
  const spaced = glued ? null : sticky(lex.suffixSpaced, text, end);
  const suffix = glued ?? spaced;
  if (suffix) {
    // Version 25: a symbol in capitals (`MP`, `GB`, `MW`) is a unit after digits; after a number in words it is a noun
    // of its own ("One MP told the BBC": a Member of Parliament, not a megapixel).
    const entry = suffixUnit(lex, suffix[1]!);
    const symbolAfterWords = !num.digits && /^\p{Lu}{2,}$/u.test(suffix[1]!) && entry?.kind !== 'currency';
    // Version 27: a unit word that is also a verb's form is the verb before `'t`, a determiner or a number ("2004 won't
    // be remembered", "Burnout 3 won three awards", "Halo 2 won the best Xbox game"; class `verb-form-unit`).
    const verbForm = entry !== undefined && lex.verbFormUnits.has(suffix[1]!.toLowerCase()) && verbObjectAfter(lex, text, end + suffix[0].length);
    if (entry && !symbolAfterWords && !verbForm && (!unit || entry.kind === 'currency') && !lex.functionWords.has(suffix[1]!.toLowerCase())) {
      // "$5 million US dollars": the written name wins; "€40 million" keeps the symbol.
      unit = entry;
      end += suffix[0].length;
      rules.push(`units/${suffix[1]}`);
    }
  }
  if (unit && unit.kind === 'currency' && !currencyBefore && suffix) {
    // "weighed 200 pounds": after a verb of weight the pound is a mass, not money.
    const lead = lex.lead.exec(text.slice(Math.max(0, num.start - 10), num.start));
    const entry = lead ? lex.leadUnits.get(lead[1]!.toLowerCase().replace(/\s+/g, ' ')) : undefined;
    if (entry && entry.kind === 'weight') {
      unit = entry;
      rules.push(`units/${entry.surface}`);
    }
  }
  if (!unit && num.digits) {
    // "over the age of 21", "aged 30": the unit is written before the number, outside the figure.
    // Version 17: also before a cue ("aged over 65", "aged above 60").
    const cue = lex.before.exec(text.slice(Math.max(0, num.start - 24), num.start));
    const leadEnd = cue && lex.beforeCues.has(cue[1]!.replace(/\s+/g, ' ').toLowerCase()) ? num.start - cue[0].length : num.start;
    // Ages only: "orders of magnitude larger than 10" gives no magnitude.
    const adjacent = lex.lead.exec(text.slice(Math.max(0, num.start - 10), num.start));
    const beforeCue = !adjacent && leadEnd < num.start ? lex.lead.exec(text.slice(Math.max(0, leadEnd - 10), leadEnd)) : null;
    const lead = adjacent ?? beforeCue;
    const found = lead ? lex.leadUnits.get(lead[1]!.toLowerCase().replace(/\s+/g, ' ')) : undefined;
    const entry = beforeCue && found?.kind !== 'age' ? undefined : found;
    if (entry && entry.kind !== 'weight') {
      unit = entry;
      rules.push(`units/${entry.surface}`);
    }
  }
  if (unit && unit.kind === 'currency' && !currencyBefore && suffix && /^pounds?$/i.test(suffix[1]!)) {
    // "10 pounds of fat", "a pound of body fat": before "of" and a mass noun the pound is a weight, not money.
    const of = POUNDS_OF.exec(text.slice(end, end + 40));
    const mass = of ? (lex.massNouns.get(of[1]!) ?? (of[2] ? lex.massNouns.get(of[2]) : undefined)) : undefined;
    // "half a pound", "lost half a pound in a week": a weight (see the half-a-unit reading), the pound's mass reading.
    const reading = num.rule === 'number-words/half-a-unit' ? lex.massReadings.get(suffix[1]!.toLowerCase()) : undefined;
    const weight = mass ?? reading;
    if (weight) {
      unit = weight;
      rules.push(mass ? `units/${weight.surface}` : `units/${weight.unit}`);
    }
  }
  const wholeWord = !num.digits && !num.vague && !num.scaled && Number.isInteger(num.value);
  if (!unit && (num.plain || wholeWord) && num.value >= 1 && num.value <= 120) {
    // "I'm 30 now", "she was 12 when…": a bare number after a subject and "be", then an end of clause, is an age.
    // Version 17: in words too ("He was fourteen.", "I was eight and…"), and with a cue between ("I was about 18 when").
    const cue = lex.before.exec(text.slice(Math.max(0, num.start - 24), num.start));
    const subjectEnd = cue && lex.beforeCues.has(cue[1]!.replace(/\s+/g, ' ').toLowerCase()) ? num.start - cue[0].length : num.start;
    const subject = lex.subjectLead.exec(text.slice(Math.max(0, subjectEnd - 12), subjectEnd));
    const entry = subject ? lex.subjectUnits.get(subject[1]!.toLowerCase().replace(/’/g, "'").replace(/\s+/g, ' ')) : undefined;
    if (entry && AGE_AFTER_SUBJECT.test(text.slice(num.end, num.end + 12))) {
      unit = entry;
      rules.push('age-after-subject');
    }
  }
  if (!unit && num.plain && num.value >= 1 && num.value <= 120 && text[num.start - 2] === ',') {
    // "Bellamy, 25, has not been…", "said Jane Smith, 41.": a number in apposition to a name is the person's age.
    const name = NAME_COMMA.exec(text.slice(Math.max(0, num.start - 40), num.start));
    const age = lex.leadUnits.get('aged');
    // Version 25: a name that opens the sentence too, when a lower-case word (its verb) follows ("Adamowicz, 53, has
    // supported…"); not a word of the function or determiner classes ("However, 12, …").
    const initial = name !== null && sentenceInitial(text, num.start - name[0].length);
    const initialName = initial && !lex.functionWords.has(name[1]!.toLowerCase()) && !lex.determiners.has(name[1]!.toLowerCase()) && /^,\s\p{Ll}/u.test(text.slice(num.end, num.end + 3));
    if (name && age && /^(?:,\s(?!\d)|\.(?:\s|$))/.test(text.slice(num.end, num.end + 3)) && !lex.months.has(name[1]!) && !WEEKDAY.test(name[1]!) && (!initial || initialName)) {
      unit = age;
      rules.push('age-in-apposition');
    }
  }
  // Version 26: "tour manager Thomas Gray 24 who cited…": a number between a name and "who", where the commas of the
  // apposition were dropped, is the person's age.
  if (!unit && num.plain && num.value >= 1 && num.value <= 120 && AGE_BEFORE_WHO.test(text.slice(num.end, num.end + 5))) {
    const name = NAME_SPACE.exec(text.slice(Math.max(0, num.start - 40), num.start));
    const age = lex.leadUnits.get('aged');
    if (name && age && !sentenceInitial(text, num.start - name[0].length) && !lex.months.has(name[1]!) && !WEEKDAY.test(name[1]!)) {
      unit = age;
      rules.push('age-in-apposition');
    }
  }
  return { start, end, unit, currencyBefore, rules };
}

/** A capitalised name and a space right before a number ("Gray "); the name is group 1. */
const NAME_SPACE = /(?<![\p{L}\p{N}'’-])(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)\s$/u;
/** "who" right after a number: the number is in apposition to a person. */
const AGE_BEFORE_WHO = /^\s+who(?![\p{L}])/u;

/** A preposition of time before a year ("until at least 2008", "by 2050"). */
const TIME_PREPOSITION = /^(?:until|till|by|since|before|after|from|in|to|through)$/i;

/** After a day: more days, then "and", "or", "to" or a dash, a last day and its month (group 1). */
const DAY_LIST_TAIL = /(?:,\s*\d{1,2}(?:st|nd|rd|th)?)*(?:,?\s+(?:and|or|to)\s+|\s*[-–]\s*)\d{1,2}(?:st|nd|rd|th)?\s+(\p{L}\p{Ll}+)/uy;

/** A capitalised name and a comma right before a number ("Bellamy, "); the name is group 1. */
const NAME_COMMA = /(?<![\p{L}\p{N}'’-])(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?),\s$/u;
const WEEKDAY = /^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day$/;

/** A determiner between a part and its group: "half of the staff", "thousands of their supporters", "half the staff". */
const PART_DETERMINER = /^(?:the|his|her|its|their|our|my|your|these|those)$/i;

/**
 * After a subject and "be" and a bare number, what makes the number an age: an end of clause or an adverb ("I'm 30 now"),
 * or (version 19) the subject of the next clause where no comma is written ("Since I was 10 I watched").
 */
const AGE_AFTER_SUBJECT = /^(?:\s*(?:[,.;:!?)"”’]|$)|\s+(?:now|today|this|next|and|but|when|so|then|already|yet|too|going|in|[Ii]|he|she|we|they|you)(?![\p{L}]))/u;

/** "pounds of fat", "pound of body fat": the noun (one of the next two words) after "of". */
const POUNDS_OF = /^\s+of\s+(\p{Ll}+)(?:\s+(\p{Ll}+))?/u;

/** A plural name of people from a place ("Americans", "Britons", "Frenchmen", "Chinese"): a count, never a name. */
const DEMONYM = /(?:ans|ons|men|ese|ish|ers)$/;

/** After a number: "or", a second number in digits (group 1) and a lower-case plural in -s ("or 3000 likes"). */
const OR_COUNT_AFTER = /^\s+or\s+(\d+)\s+\p{Ll}{2,}s(?![\p{L}\p{N}'’-])/u;
/** Between the two numbers of an alternative: "one or two", "2 or 3". */
const OR_BETWEEN = /^\s+or\s+$/;
/** Between the two numbers of a result or poll: "51.3 to 43.5". */
const TO_BETWEEN = /^\s+to\s+$/;
/** Between a part and a group counted after its determiner: "one of the two", "20 of their 30". */
const PART_OF_COUNTED = /^\s+of\s+(?:the|these|those|its|their|his|her|our|my|your)\s+$/i;
/** Between a part and its whole: "7 out of 20". */
const OUT_OF_BETWEEN = /^\s+out\s+of\s+$/;
/** The month and day before the year of a full date: "July 24, " (group 1) or "24 July " (group 2). */
const FULL_DATE_BEFORE_YEAR = /(?:(?:^|[^\p{L}])(\p{L}\p{Ll}+\.?)\s+\d{1,2}(?:st|nd|rd|th)?,?|(?:^|[^\p{N}])\d{1,2}(?:st|nd|rd|th)?\s+(\p{L}\p{Ll}+\.?),?)\s+$/u;

/** One to three capitalised words, the last a possessive, then a lower-case word: "Britain's biggest", "President Zelensky's aides". */
const POSSESSIVE_NAME = /^\s+(?:\p{Lu}[\p{L}.-]*\s+){0,2}\p{Lu}[\p{L}.-]*['’]s(?=\s+\p{Ll})/u;
/** The same written without its apostrophe, before a lower-case plural: "President Zelenskys aides" (version 26). */
const POSSESSIVE_NAME_BARE = /^\s+(?:\p{Lu}[\p{L}.-]*\s+){0,2}\p{Lu}\p{Ll}[\p{L}.-]*s(?=\s+\p{Ll}+s(?![\p{L}\p{N}'’-]))/u;

/** "a year and ", "an hour and " before "a half": the article (group 1) and the unit (group 2). */
const A_UNIT_AND = /(?:^|[^\p{L}])(an?)\s+(\p{Ll}+)\s+and\s+$/iu;

/** An alternative before a number: "a day or ", "another pick or " (the noun is group 1). */
const A_NOUN_OR = /(?:^|[^\p{L}])(?:an?|another)\s+(\p{Ll}+)(\s+or\s+)$/u;

/** The scale word written in a figure's text ("two hundred", "3 million dollars", "$4bn"): its factor, else 1. */
function scaleIn(lex: FigureLexicon, written: string): number {
  let factor = 1;
  for (const token of written.split(/\s+/u)) {
    const entry = lex.numberWords.get(token.toLowerCase());
    if (entry?.kind === 'scale') factor = entry.value;
    const glued = /^\p{Sc}?\d[\d,.]*(\p{L}+)$/u.exec(token);
    if (glued) factor = lex.multipliers.get(glued[1]!) ?? factor;
  }
  return factor;
}

/**
 * "one or two hundred", "2 or 3 million people": a scale word written once, after the second number of an
 * alternative, scales the first too (a bare number smaller than the scale; version 18). The unit and noun are the
 * next rule's.
 */
function shareScale(lex: FigureLexicon, text: string, f: RawFigure, next: RawFigure): void {
  if (f.value === null || next.value === null || f.approx === 'range' || !OR_BETWEEN.test(text.slice(f.end, next.start))) return;
  const factor = scaleIn(lex, text.slice(next.start, next.end));
  if (factor <= 1 || scaleIn(lex, text.slice(f.start, f.end)) > 1 || f.value >= factor || f.value * factor >= next.value) return;
  f.value *= factor;
  if (f.min !== null) f.min *= factor;
  if (f.max !== null) f.max *= factor;
  f.reason += '; scale of the alternative after it';
}

/** Units that name a measure (not a counted class of people or things) and so may be left unwritten on a parallel number. */
const PEOPLE_UNITS: ReadonlySet<string | null> = new Set([null, 'people', 'household', 'job']);

/**
 * A unit left out in a parallel clause: "the DAX rose by 2 percent but the Nasdaq fell by 1" (gapping). A bare number
 * (no unit, no noun counted) after the same word of change as an earlier figure of its sentence that has a unit of
 * measure takes that unit. `sentenceOf` gives a sentence index for an offset.
 */
export function inheritUnits(lex: FigureLexicon, text: string, figures: RawFigure[], sentenceOf: (offset: number) => number): void {
  for (let i = 0; i + 1 < figures.length; i++) shareScale(lex, text, figures[i]!, figures[i + 1]!);
  for (let i = 0; i < figures.length; i++) {
    const f = figures[i]!;
    if (f.unit !== null || f.counted !== null || f.value === null) continue;
    // "one or two people", "2 or 3 percent": the first number of an alternative has the unit of the second.
    const next = figures[i + 1];
    if (next && next.value !== null && (next.unit !== null || next.counted !== null) && OR_BETWEEN.test(text.slice(f.end, next.start))) {
      f.unit = next.unit;
      f.counted = next.counted;
      f.reason += '; unit of the alternative after it';
      continue;
    }
    // "51.3 to 43.5 percent", "won 45 points to 24": a result or a poll written high to low (not a range) writes its
    // unit once, after the second number or after the first (version 17). The two ends of a change ("from 24 weeks
    // to 20") are the next rule's.
    // A singular count is no unit of the other number: "an eight to one majority".
    if (next && next.value !== null && next.value !== 1 && (next.unit !== null || next.counted !== null) && next.value < f.value && TO_BETWEEN.test(text.slice(f.end, next.start)) && fromOrTo(text, f.start) !== 'from') {
      f.unit = next.unit;
      f.counted = next.counted;
      f.reason += '; unit of the result after it';
      continue;
    }
    const prior = figures[i - 1];
    if (prior && prior.value !== null && (prior.unit !== null || prior.counted !== null) && prior.value > f.value && TO_BETWEEN.test(text.slice(Math.max(prior.end, prior.counted?.end ?? 0), f.start)) && fromOrTo(text, prior.start) !== 'from') {
      f.unit = prior.unit;
      f.counted = prior.counted;
      f.reason += '; unit of the result before it';
      continue;
    }
    // "7 out of 20 suspected cases", "three out of four voters": the part counts the noun of the whole (version 17).
    if (next && next.value !== null && (next.unit !== null || next.counted !== null) && OUT_OF_BETWEEN.test(text.slice(f.end, next.start))) {
      f.unit = next.unit;
      f.counted = next.counted;
      f.reason += '; noun of the whole after it';
      continue;
    }
    // "One of the two levers", "20 of the 30 judges": a part of a group that is counted after its determiner counts the
    // group's noun (version 19).
    if (next && next.value !== null && next.counted !== null && PART_OF_COUNTED.test(text.slice(f.end, next.start))) {
      f.unit = next.unit;
      f.counted = next.counted;
      f.reason += '; noun of the group after it';
      continue;
    }
    // "a day or two", "another pick or two": the number counts the noun of the alternative before it.
    const alt = A_NOUN_OR.exec(text.slice(Math.max(0, f.start - 40), f.start));
    if (alt && !lex.functionWords.has(alt[1]!.toLowerCase()) && !lex.determiners.has(alt[1]!.toLowerCase())) {
      const end = f.start - alt[2]!.length;
      f.counted = { start: end - alt[1]!.length, end };
      f.reason += '; noun of the alternative before it';
    }
  }
  // "to 1,546 trillion rials … from the previous year's 1,070 trillion", "from 10 to 2 per cent": the start and the end
  // of a change share a unit written once. A bare number after "from" (or "to") takes the unit of the nearest figure
  // of its sentence after "to" (or "from").
  for (let i = 0; i < figures.length; i++) {
    const f = figures[i]!;
    if (f.unit !== null || f.counted !== null || f.value === null) continue;
    const prep = fromOrTo(text, f.start);
    if (!prep) continue;
    const sentence = sentenceOf(f.start);
    let partner: RawFigure | null = null;
    for (let d = 1; d < figures.length && !partner; d++) {
      for (const k of [i - d, i + d]) {
        const e = figures[k];
        // Version 25: a count is a donor too ("from five people to six", "to 167 from a previous 93 injured people").
        if (!e || sentenceOf(e.start) !== sentence || ((e.unit === null || PEOPLE_UNITS.has(e.unit)) && e.counted === null) || e.value === null) continue;
        // One clause: no conjunction that opens another between the two ("up from 440,000 … but amounting to only 12%").
        // A bracketed aside between them does not count: "to 1,546 trillion rials ($175.6bn; £93.6bn) from … 1,070 trillion".
        if (CLAUSE_BREAK.test(text.slice(Math.min(e.end, f.end), Math.max(e.start, f.start)).replace(/\([^()]*\)/g, ' '))) continue;
        const other = fromOrTo(text, e.start);
        if (other && other !== prep) {
          partner = e;
          break;
        }
      }
    }
    if (partner) {
      f.unit = partner.unit;
      if (partner.unit === null || PEOPLE_UNITS.has(partner.unit)) f.counted = partner.counted;
      f.reason += `; unit of the other end of the change at ${partner.start}`;
    }
  }
  for (let i = 1; i < figures.length; i++) {
    const f = figures[i]!;
    if (f.unit !== null || f.counted !== null || f.value === null || f.approx !== 'exact') continue;
    const lead = wordBefore(text, f.start)?.word.toLowerCase();
    if (!lead || !lex.changeWords.has(lead)) continue;
    const sentence = sentenceOf(f.start);
    // Version 25: a count after a word of change at the end of its clause takes the noun of an earlier count after a
    // word of change, the same or another ("gained 66 seats …, while Labour lost 42.").
    const clauseEnd = /^\s*(?:[,;:!?)]|\.(?=\s|$)|$)/.test(text.slice(f.end, f.end + 2));
    for (let k = i - 1; k >= 0; k--) {
      const e = figures[k]!;
      if (sentenceOf(e.start) !== sentence) break;
      if (clauseEnd && e.counted !== null && PEOPLE_UNITS.has(e.unit) && e.value !== null && lex.changeWords.has(wordBefore(text, e.start)?.word.toLowerCase() ?? '')) {
        f.unit = e.unit;
        f.counted = e.counted;
        f.reason += `; noun of the parallel count at ${e.start}`;
        break;
      }
      if (PEOPLE_UNITS.has(e.unit) || wordBefore(text, e.start)?.word.toLowerCase() !== lead) continue;
      // A sum of money leaves its scale unwritten too ("by $5 million ... by 2"): no guess there.
      if (/^[A-Z]{3}$/.test(e.unit!)) break;
      f.unit = e.unit;
      f.reason += `; unit of the parallel figure at ${e.start}`;
      break;
    }
  }
  // "1846 persons were hospitalised and 1720 had been discharged, while 81 had died", "Warren had 8 delegates, and
  // Klobuchar had 7.": a bare whole number that stands for a noun phrase of its own (a finite verb or the end of a
  // clause after it) in a later clause of the sentence counts what the figure before it counted, or is an age as it
  // is (version 19). Not one ("a complex one", "only one has"), not after "of" ("a population of 70,000") or "number"
  // ("went to number one"), not a label after a capitalised word ("Underground 2,"), not one of a list of numbers
  // ("a five, six or seven-horse race"); measures, percentages and sums are no donors ("0.01%, at 10,385.48").
  for (let i = 1; i < figures.length; i++) {
    const f = figures[i]!;
    // Version 25: one too where it opens its clause after a comma or semicolon and a finite verb follows ("four people
    // on board; according to investigators, one was pronounced dead").
    const clauseOne = f.value === 1 && /[,;]\s*$/.test(text.slice(Math.max(0, f.start - 3), f.start));
    if (f.unit !== null || f.counted !== null || f.value === null || f.approx === 'range' || !Number.isInteger(f.value) || (f.value === 1 && !clauseOne)) continue;
    // Version 25: an adjunct between ("killing seven riders and injuring three more.") is passed over.
    const adjunct = sticky(NEXT_WORD, text, f.end);
    const gapFrom = adjunct && lex.counted.get(adjunct[1]!.toLowerCase()) === 'adjunct' ? f.end + adjunct[0].length : f.end;
    const after = GAP_AFTER.exec(text.slice(gapFrom, gapFrom + 16));
    // Version 25: or a preposition that also follows the figure before it, a list of parallel phrases ("21 injured
    // individuals in Davao del Sur, 36 in North Cotabato and seven in General Santos City").
    const prep = sticky(NEXT_WORD, text, gapFrom)?.[1]?.toLowerCase() ?? '';
    const parallel = prep !== 'of' && lex.prepositions.has(prep) ? prep : null;
    if (!parallel && (!after || (after[1] && !lex.clauseVerbs.has(after[1].toLowerCase())))) continue;
    if (clauseOne && !after?.[1]) continue;
    const lead = wordBefore(text, f.start);
    const leadLower = lead?.word.toLowerCase() ?? '';
    if (lex.changeWords.has(leadLower) || leadLower === 'of' || leadLower === 'number') continue;
    const e = figures[i - 1]!;
    // Version 26: a name right before the number ends the phrase before it in a list written without commas ("21
    // injured individuals in Davao del Sur 36 in North Cotabato"): the preposition after the donor's noun follows.
    const commaFree = parallel !== null && e.counted !== null && parallelPreposition(text, Math.max(e.end, e.counted.end), parallel);
    if (!commaFree && lead && /^\p{Lu}/u.test(lead.word) && !lex.functionWords.has(leadLower) && !lex.determiners.has(leadLower) && text.slice(lead.start + lead.word.length, f.start) === ' ') continue;
    if (sentenceOf(e.start) !== sentenceOf(f.start) || e.value === null) continue;
    if (e.counted === null && e.unit !== 'year-of-age') continue;
    // The donor's phrase (its noun, or a word more: "21 injured individuals in") runs on to the same preposition.
    if (parallel && (e.counted === null || !parallelPreposition(text, Math.max(e.end, e.counted.end), parallel))) continue;
    // A later clause: a comma, semicolon, colon or conjunction between the two.
    if (!GAP_BETWEEN.test(text.slice(Math.max(e.end, e.counted?.end ?? 0), f.start)) && !(commaFree && lead && /^\p{Lu}/u.test(lead.word))) continue;
    f.unit = e.unit;
    f.counted = e.counted;
    f.reason += `; unit of the gapped clause, from the figure at ${e.start}`;
  }
}

/**
 * A preposition right after `at` that also follows the noun of the count before it in the sentence ("21 injured
 * individuals in Davao del Sur 36 in"): the number opens a parallel phrase of a list, whatever stands before it.
 */
function parallelAfterCount(lex: FigureLexicon, text: string, out: readonly RawFigure[], at: number): boolean {
  const prep = sticky(NEXT_WORD, text, at)?.[1]?.toLowerCase() ?? '';
  if (prep === 'of' || !lex.prepositions.has(prep)) return false;
  // Back over the bare numbers of the same list ("… 36 in North Cotabato 29 in") to the count that opened it.
  for (let k = out.length - 1; k >= 0; k--) {
    const e = out[k]!;
    if (/[.!?;:\n]/.test(text.slice(e.end, at))) return false;
    if (e.counted !== null) return parallelPreposition(text, Math.max(e.end, e.counted.end), prep);
    if (e.unit !== null || sticky(NEXT_WORD, text, e.end)?.[1]?.toLowerCase() !== prep) return false;
  }
  return false;
}

/** The preposition `prep` after at most one more word from `at` ("individuals in", " in"). */
function parallelPreposition(text: string, at: number, prep: string): boolean {
  const first = sticky(NEXT_WORD, text, at);
  if (!first) return false;
  if (first[1]!.toLowerCase() === prep) return true;
  return /^\p{Ll}+$/u.test(first[1]!) && sticky(NEXT_WORD, text, at + first[0].length)?.[1]?.toLowerCase() === prep;
}

/**
 * After a number that stands alone: the end of a clause (not a comma before another number, "five, six"), or a
 * finite verb (group 1, checked against the word classes).
 */
const GAP_AFTER = /^(?:\s*(?:,(?!\s*(?:\d|one|two|three|four|five|six|seven|eight|nine|ten)\b)|[;:!?]|\.(?=\s|$)|$)|\s+(\p{Ll}+)(?![\p{L}]))/u;
/** Between two clauses: punctuation or a conjunction. */
const GAP_BETWEEN = /[,;:]|\s(?:and|while|whereas|but)\s/;

/** "from" or "to" in the words of its clause right before `at` (up to 40 characters, no punctuation between), or null. */
const CLAUSE_BREAK = /[;]|\s(?:but|while|whereas|although|though|yet|and)\s/i;

function fromOrTo(text: string, at: number): 'from' | 'to' | null {
  const clause = text.slice(Math.max(0, at - 40), at).split(/[,.;:!?()"“”\n]/).pop()!;
  const m = /(?:^|\s)(from|to)\s(?:(?!(?:from|to)\s)[^\s]+\s){0,3}$/i.exec(clause);
  return m ? (m[1]!.toLowerCase() as 'from' | 'to') : null;
}

export interface FindOptions {
  readonly nounMarkers: ReadonlySet<string>;
  /** Plurals not in -s ("children", "policemen", "crises"): counted like a plural in -s. */
  readonly irregularPlurals?: ReadonlySet<string>;
}

/** All figures of `text`, in text order. */
export function findFigures(lex: FigureLexicon, text: string, options: FindOptions): RawFigure[] {
  const out: RawFigure[] = [];
  const re = lex.start;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const at = m.index;
    const resume = scanAt(lex, text, at, options, out);
    re.lastIndex = Math.max(resume, at + 1);
  }
  return dropModelNumbers(lex, text, out);
}

/** In a text without capitals, a word before a bare number that may be a name: no function word, cue, verb, unit or number word. */
function caselessName(lex: FigureLexicon, word: string): boolean {
  // A single letter or a unit ("1 m x 1 m", "5 kg 3 kg") is no name either.
  return word.length > 1 && suffixUnit(lex, word) === undefined && !lex.functionWords.has(word) && !lex.determiners.has(word) && !lex.numberWords.has(word) && !lex.changeWords.has(word) && !lex.beforeCues.has(word) && !lex.reportingForms.has(word) && !lex.clauseVerbs.has(word) && !lex.months.has(word) && !lex.idLabels.has(word) && !lex.rankingWords.has(word) && !lex.nounMarkers.has(word) && !lex.notNames.has(word) && !/(?:ed|ing|ly)$/.test(word);
}

/**
 * A capitalised word at a sentence start that may be a name (version 28): a content word (as `caselessName`), no
 * opener of the word classes ("However"), no word that opens a time phrase ("Next") and no preposition.
 */
function initialName(lex: FigureLexicon, word: string): boolean {
  const lower = word.toLowerCase();
  return caselessName(lex, lower) && !lex.openerNotNames.has(lower) && !lex.timeOpeners.has(lower) && !lex.prepositions.has(lower);
}

/** A name and a number of three or more digits: "Boeing 707", "Airbus 380" (the name inside a sentence, capitalised). */
const MODEL_NAME = /(?<![\p{L}\p{N}])(\p{Lu}[\p{L}]+)[ -](\d{3,4})s?(?![\p{L}\p{N},.]\d|[\p{L}\p{N}])/gu;

/**
 * "A Boeing 707 crashed … The Aviation Herald states the 707 was a freighter", "it uses the A300 and 747": a number
 * the document writes as a model name is that model wherever it stands bare (no unit, no noun counted).
 */
function dropModelNumbers(lex: FigureLexicon, text: string, out: RawFigure[]): RawFigure[] {
  if (out.length === 0) return out;
  let models: Set<string> | null = null;
  MODEL_NAME.lastIndex = 0;
  for (let m = MODEL_NAME.exec(text); m; m = MODEL_NAME.exec(text)) {
    // A round hundred is as often a count ("Powerbook 100" and "the top 100 list"): left alone.
    if (lex.months.has(m[1]!) || sentenceInitial(text, m.index) || m[2]!.endsWith('00')) continue;
    (models ??= new Set()).add(m[2]!);
  }
  if (!models) return out;
  const found = models;
  return out.filter((f) => !(f.unit === null && f.counted === null && f.approx === 'exact' && f.min === f.max && found.has(text.slice(f.start, f.end).replace(/s$/, ''))));
}

function scanAt(lex: FigureLexicon, text: string, at: number, options: FindOptions, out: RawFigure[]): number {
  const lead = isDigit(text[at]) ? lex.prefix.exec(text.slice(Math.max(0, at - 6), at)) : null;
  const parsed = parseNumber(lex, text, at, lead !== null, options.nounMarkers, options.irregularPlurals);
  if (!parsed) return at + 1;
  if ('skip' in parsed) return parsed.skip;
  const num = parsed.num;
  // A sign: "-5", "minus five percent", "negative ten".
  if (!num.vague) {
    const dash = text[num.start - 1];
    const prev = wordBefore(text, num.start);
    if ((dash === '-' || dash === '−') && num.digits && !/[\p{L}\p{N}.,]/u.test(text[num.start - 2] ?? '') && !/\p{N}\s*$/u.test(text.slice(Math.max(0, num.start - 6), num.start - 1))) {
      num.value = -num.value;
      num.start -= 1;
      num.plain = false;
    } else if (prev && lex.numberWords.get(prev.word.toLowerCase())?.kind === 'sign') {
      num.value = -num.value;
      num.start = prev.start;
      num.plain = false;
    }
  }
  const first = unitise(lex, text, num);
  let { start, end } = first;
  let unit = first.unit;
  const rules = [num.rule, ...first.rules];
  // Version 25: "a year and a half", "an hour and a half": one and a half of the unit written after the article
  // (a unit of time or measure; not a sum of money).
  if (unit === null && num.rule === 'number-words/fraction' && num.value === 0.5 && /^a\s/i.test(text.slice(num.start, num.end))) {
    const before = A_UNIT_AND.exec(text.slice(Math.max(0, num.start - 30), num.start));
    const entry = before ? suffixUnit(lex, before[2]!) : undefined;
    if (before && entry && entry.kind !== 'currency') {
      start = num.start - before[0].length + before[0].search(/\S/u);
      num.value = 1.5;
      unit = entry;
      rules.push('a-unit-and-a-half');
    }
  }
  let value: number | null = num.value;
  let min: number | null = num.vague ? num.vague.min : null;
  let max: number | null = num.vague ? num.vague.max : null;
  let approx: Approx = num.vague ? 'about' : 'exact';
  let range = false;

  // A range: "3,000 to 4,000", "3,000–4,000", "between 1 and 1.5 degrees", "$3 to $4 million".
  if (!num.vague) {
    const link = sticky(lex.rangeLink, text, end);
    if (link) {
      const word = link[2];
      const before = text.slice(Math.max(0, start - 9), start).toLowerCase();
      const between = /between\s+$/.test(before);
      // "rose by $43.6 billion to $419.2 billion" is a change and a level, not a range.
      const changed = wordBefore(text, start);
      // The verb may stand before its object: "lifted interest rates 0.25% to 5.5%" (up to three words back, no punctuation).
      const clause = text.slice(Math.max(0, start - 60), start).split(/[,.;:!?()"“”\n]/).pop()!.trim().split(/\s+/).slice(-4, -1);
      const afterChange = (changed !== null && lex.changeWords.has(changed.word.toLowerCase())) || clause.some((w) => w.length > 3 && lex.changeWords.has(w.toLowerCase()));
      const ok = word === 'and' ? between : true;
      let secondAt = end + link[0].length;
      const secondPrefix = lex.prefix.exec(text.slice(secondAt, secondAt + 4).match(/^\D{0,3}/)?.[0] ?? '');
      if (secondPrefix && !isDigit(text[secondAt])) secondAt += secondPrefix[0].length;
      const second = ok ? parseNumber(lex, text, secondAt, unit?.kind === 'currency', options.nounMarkers, options.irregularPlurals, true) : null;
      if (second && 'num' in second && !second.num.vague && second.num.digits === num.digits) {
        const two = unitise(lex, text, second.num);
        let low = num.value;
        const high = second.num.value;
        // "3 to 4 million": the scale written once applies to both.
        if (!num.scaled && second.num.scaled && second.num.digits) {
          const factor = high / Number(text.slice(second.num.start, second.num.end).match(/[\d,.]+/)?.[0].replace(/,/g, '') ?? high);
          if (Number.isFinite(factor) && factor > 1) low *= factor;
        }
        // Years run from 1000 to 2100: "between 7000 and 8000" (digits without group commas, as in NewsQuant's text) is
        // a range of counts (version 19).
        const yearRange = num.plain && second.num.plain && /^\d{4}$/.test(text.slice(num.start, num.end)) && num.value >= 1000 && num.value <= 2100 && second.num.value <= 2100 && !unit && !two.unit;
        if (yearRange) return second.num.end; // 2012-2013, 1600 and 1900: years
        // Version 28: "beat Nadal 6-2 6-7 (3-7) 6-3": a set score next to another or to a tie-break in brackets, and the
        // tie-break's points; "odds of 6-9": odds in a sentence of betting. Scores and odds, not ranges.
        const plainPair = link[1] === '-' && num.plain && second.num.plain && !unit && !two.unit;
        if (plainPair && (scoreRunAt(text, num.start, second.num.end) || oddsSentence(lex, text, num.start, second.num.end))) return second.num.end;
        // "2-0", "3-3": a score, not a quantity.
        if (plainPair && low >= high && high <= 20) return second.num.end;
        // Version 29: "Man City 0-2 Man Utd", "Italy 17-28 Ireland" (a result between two names), "from 0-30 down" (a
        // pair before a word of the class `score-cue`): a score whichever side leads, not a range.
        if (plainPair && high < 1000 && scoreBetween(lex, text, num.start, second.num.end)) return second.num.end;
        const sameUnit = !unit || !two.unit || unit.unit === two.unit.unit;
        // After a verb of change, "to" joins a change and a level ("rose 12% to 45%", "by $43.6 billion to
        // $419.2 billion"), except a unitless "by X to Y unit", the size of the change as a range.
        // A unit written only after the second number ("fell 3 to 4 percent") makes a range too: a change and a level
        // write it on both.
        const changeAndLevel = afterChange && word === 'to' && !(unit === null && (changed!.word.toLowerCase() === 'by' || two.unit !== null));
        if (low < high && sameUnit && !changeAndLevel) {
          range = true;
          value = null;
          min = low;
          max = high;
          approx = 'range';
          end = two.end;
          unit = unit ?? two.unit;
          rules.push(`approximation-cues/${word ?? link[1]}`, ...two.rules);
          if (between && word === 'and') start -= before.length - before.search(/between\s+$/);
        }
      }
    }
  }

  // Approximation cues: "more than", "nearly", "at least" before; "or more", "plus", "+" after.
  if (!range) {
    const cue = lex.before.exec(text.slice(Math.max(0, start - 24), start));
    if (cue) {
      const phrase = cue[1]!.replace(/\s+/g, ' ').toLowerCase();
      const kind = lex.beforeCues.get(phrase);
      if (kind) {
        approx = num.vague ? 'about' : kind;
        start -= cue[0].length;
        rules.push(`approximation-cues/${phrase}`);
      }
    }
    const after = sticky(lex.after, text, end);
    if (after) {
      const kind = lex.afterCues.get(after[1]!.replace(/\s+/g, ' ').toLowerCase());
      if (kind && !num.vague) {
        approx = kind;
        end += after[0].length;
        rules.push(`approximation-cues/${after[1]!.toLowerCase()}`);
      }
    } else if (text[end] === '+' && !isDigit(text[end + 1])) {
      approx = 'more-than';
      end += 1;
      rules.push('approximation-cues/plus');
    }
    if (!num.vague && value !== null) {
      if (approx === 'exact') min = max = value;
      else if (approx === 'more-than' || approx === 'at-least') min = value;
      else if (approx === 'less-than' || approx === 'at-most') max = value;
    }
    if (num.vague) value = null;
  }

  // The noun counted: "3,500 workers", "thousands of protesters", "four different bosses", "one proposal".
  let counted: { start: number; end: number } | null = null;
  let countedClass: string | undefined;
  // "a 4,000-page report", "five-member panel", "from three-point range": the noun joined by a hyphen is counted.
  // A whole number only: "a half-hearted response" is no count of anything.
  const joined = !unit && !range && text[end] === '-' && Number.isInteger(num.value) && num.value >= 1 ? sticky(HYPHEN_NOUN, text, end) : null;
  if (joined && lex.counted.get(joined[1]!.toLowerCase()) !== 'not-counted' && !lex.functionWords.has(joined[1]!.toLowerCase())) {
    counted = { start: end + 1, end: end + joined[0].length };
    countedClass = lex.counted.get(joined[1]!.toLowerCase());
    if (countedClass === 'degree') countedClass = undefined;
  } else if (!unit || unit.kind === 'age') {
    let pos = end;
    const of = sticky(OF, text, pos);
    let oneOf = false;
    const part = num.vague || num.scaled || num.rule.includes('fraction');
    if (of && part) pos += of[0].length;
    else if (of && approx === 'exact' && Number.isInteger(num.value) && num.value >= 1 && (num.value === 1 ? !num.digits : num.plain || !num.digits)) {
      // "one of the best speakers", "one of his sons" is one of them: the noun counted follows the determiner.
      // Version 17: any whole number ("two of the institutions", "three of these bone tools", "One of my interests").
      const det = sticky(NEXT_WORD, text, pos + of[0].length);
      // Beyond "one", the group is a common noun ("the last eight of the Champions League" is a round of a cup).
      const groupWord = det ? sticky(NEXT_WORD, text, pos + of[0].length + det[0].length)?.[1] ?? '' : '';
      const common = num.value === 1 || /^\p{Ll}/u.test(groupWord);
      // Version 25: a possessive name stands for the determiner ("one of Britain's biggest banks", "one of President
      // Zelensky's aides").
      const after = text.slice(pos + of[0].length, pos + of[0].length + 60);
      const bare = POSSESSIVE_NAME_BARE.exec(after);
      const named = !det || lex.determiners.has(det[1]!.toLowerCase()) ? null : POSSESSIVE_NAME.exec(after) ?? (bare && !lex.clauseVerbs.has(sticky(NEXT_WORD, text, pos + of[0].length + bare[0].length)?.[1] ?? '') ? bare : null);
      if (det && common && (lex.determiners.has(det[1]!.toLowerCase()) || (num.value > 1 || /^\p{Lu}/u.test(text[num.start]!) ? PART_DETERMINER.test(det[1]!) : false))) {
        pos += of[0].length + det[0].length;
        oneOf = true;
      } else if (named && num.value === 1) {
        pos += of[0].length + named[0].length;
        oneOf = true;
      }
    }
    // "half of the staff", "thousands of their supporters": the group after its determiner is counted.
    if (part && (of || num.rule.includes('fraction'))) {
      const det = sticky(NEXT_WORD, text, pos);
      if (det && PART_DETERMINER.test(det[1]!)) pos += det[0].length;
    }
    let from = pos;
    /** The figure is an age written as an adjective ("40-year-old"), and "a" or "an" stands before it. */
    const ageAdjective = unit?.kind === 'age' && /-old$/.test(text.slice(start, end));
    const indefinite = ageAdjective && /^an?$/i.test(wordBefore(text, start)?.word ?? '');
    /** After an age, a noun before the head noun ("soul" in "a 17-year-old soul singer"). */
    let ageChain = false;
    /** The end of that first noun: the head when the word after it is not a noun ("the 27-year-old winger spent"). */
    let chainEnd = -1;
    // "Two 40-year-old women": the age is a modifier of the noun counted, not the count (it is a figure of its own).
    const compound = !unit && !oneOf && !num.vague ? sticky(DIGIT_COMPOUND, text, pos) : null;
    if (compound) pos += compound[0].length;
    // "one big, short, sharp shock": a series of adjectives joined by commas after "one"; the noun is at its end.
    let series = false;
    /** The singular right after "one" before the first comma: counted when no noun ends the series ("one hospital, with"). */
    let beforeSeries: { start: number; end: number } | null = null;
    let afterComma = 0;
    let skipped = false;
    let quoted = false;
    /** The first word opened a quotation ('one "secret weapon"'): its closing word may be the singular after "one". */
    let quotedFirst = false;
    /** A possessor ("the company's") was passed over; one at most. */
    let possessor = false;
    /** Capitalised words right after "one" that modify the noun after them ("one Biden rally"); two at most. */
    let capitals = 0;
    for (let k = 0; k < (series ? 7 : 3); k++) {
      const w = sticky(COUNTED_WORD, text, pos);
      if (!w) break;
      if (w[1]) quoted = true;
      if (k === 0 && w[1]) quotedFirst = true;
      const word = w[2]!;
      const lower = word.toLowerCase();
      const cls = lex.counted.get(lower);
      // "one of the most spectacular catches", "the 5 most valuable players": the superlative's adverb goes with the
      // adjective after it, not with the count.
      // "four other important fixes", "three more days": "other", "more" add to the count but are not the noun.
      // Version 19: "other" and "more" also before a capitalised word ("Two other Independent presidential candidates").
      if (k === 0 && !skipped && !compound && !w[1] && (cls === 'degree' || cls === 'adjunct') && (cls === 'adjunct' ? /^\s+\p{L}/u : /^\s+\p{Ll}/u).test(text.slice(pos + w[0].length, pos + w[0].length + 2))) {
        pos += w[0].length;
        from = pos;
        skipped = true;
        k--;
        continue;
      }
      // "half of the company's profits", "the city's 300 residents": a possessor before the noun counted stands in for
      // its determiner and is left out of it ("it's", "that's" are a pronoun and its verb).
      if (k === 0 && !possessor && !skipped && !compound && !w[1] && !w[3] && /\p{L}['’]s$/u.test(word) && !lex.functionWords.has(lower.slice(0, -2)) && !lex.determiners.has(lower.slice(0, -2)) && /^\s+\p{L}/u.test(text.slice(pos + w[0].length, pos + w[0].length + 2))) {
        possessor = true;
        pos += w[0].length;
        from = pos;
        k--;
        continue;
      }
      // "The 27-year-old believes…", "the 30-year-old says": after an age used as a noun, a reporting verb is the verb.
      if (unit?.kind === 'age' && lex.reportingForms.has(lower)) break;
      if (cls === 'not-counted' || lex.functionWords.has(lower) || lex.determiners.has(lower) || (lex.numberWords.has(lower) && lex.numberWords.get(lower)!.kind !== 'ordinal-plural')) break;
      const wordStart = pos + w[0].length - word.length - w[3]!.length;
      pos += w[0].length;
      const plural = (/\p{L}{2}s$/u.test(word) && !/(ss|us|is)$/.test(lower)) || (options.irregularPlurals?.has(lower) ?? false);
      // "one proposal", "one count of": a singular noun right after "one" ("one said" is a pronoun and its verb).
      if (k === 0 && !oneOf && num.value === 1 && !num.digits && !w[1] && isVerbAfterOne(lex, text, pos, lower)) break;
      // "At one Biden rally", "One COVID-19 lesson is": after "one", a name or an acronym before a lower-case singular noun
      // modifies it (version 19); a plural or a verb after the name ends the phrase with no noun ("one American said",
      // "one Republican wants").
      const oneWord = !oneOf && num.value === 1 && !num.digits;
      if (oneWord && k === capitals && capitals < 2 && !w[1] && !w[3] && word !== 'I' && /\p{Lu}/u.test(word) && /^\s+\p{L}/u.test(text.slice(pos, pos + 2))) {
        capitals++;
        continue;
      }
      if (capitals > 0 && (plural || !/^\p{Ll}+$/u.test(word) || /ed$/.test(lower) || lex.clauseVerbs.has(lower) || isVerbAfterOne(lex, text, pos, lower))) break;
      // Version 25: the digit 1 too, before a singular that ends its phrase ("- 1 seat", "1 goal."; not "1 billion").
      const digitOne = num.digits && num.plain && text.slice(num.start, num.end) === '1' && k === 0 && word.length > 2 && suffixUnit(lex, word) === undefined && /^\s*(?:[,;:.)]|$)/u.test(text.slice(pos, pos + 2));
      const singularOne = (k === 0 || (quotedFirst && w[3] !== '') || (capitals > 0 && k === capitals)) && !oneOf && num.value === 1 && (!num.digits || digitOne) && /^\p{Ll}+$/u.test(word) && !plural && cls !== 'adjunct';
      // "A 40-year-old man", "the 31-year-old midfielder,": after an age written as an adjective, a singular noun.
      // A verb has its object after it ("a six-year-old hit a ball"); a noun before another noun is its modifier
      // ("a 17-year-old soul singer"), so the head is the next word.
      let ageHead = false;
      if (ageAdjective && (k === 0 || ageChain)) {
        const after = sticky(NEXT_WORD, text, pos)?.[1] ?? '';
        const afterLower = after.toLowerCase();
        const ageWord = !w[1] && !w[3] && /^\p{Ll}+$/u.test(word) && !plural && !lex.reportingForms.has(lower) && !/(?:ed|ly)$/.test(lower) && !(ageChain && /ing$/.test(lower)) && !lex.determiners.has(afterLower) && !OBJECT_PRONOUN.test(afterLower);
        const afterContent = ageWord && /^\s+\p{Ll}/u.test(text.slice(pos, pos + 2)) && /^\p{Ll}+$/u.test(after) && lex.counted.get(afterLower) !== 'not-counted' && !lex.functionWords.has(afterLower) && !lex.determiners.has(afterLower) && !lex.reportingForms.has(afterLower) && !/(?:ed|ly|ing)$/.test(afterLower) && !/^(?:to|and|or|but|who|which|that)$/.test(afterLower);
        if (afterContent) {
          ageChain = true;
          chainEnd = wordStart + word.length;
          continue;
        }
        ageHead = ageWord && (indefinite || lex.counted.get(`${lower}s`) === 'person' || lex.counted.get(`${lower}s`) === 'thing' || /^\s*(?:[,;:.)]|$)/u.test(text.slice(pos, pos + 2)) || lex.functionWords.has(afterLower) || lex.reportingForms.has(afterLower) || lex.counted.get(afterLower) === 'not-counted' || /^\p{Ll}+(?:ed|ing)$/u.test(after));
      }
      if ((singularOne || series) && !w[3] && /^,\s+\p{Ll}/u.test(text.slice(pos, pos + 3))) {
        if (!series) beforeSeries = { start: from + /\S/u.exec(text.slice(from))!.index, end: wordStart + word.length };
        series = true;
        afterComma = 0;
        pos += 1;
        continue;
      }
      // At the end of an adjective series the noun is the next lower-case word before a function word or punctuation,
      // at most the second after the last comma ("sharp shock", not "thin man left").
      afterComma++;
      const seriesHead = series && (afterComma >= 2 || !(/^\s+\p{Ll}/u.test(text.slice(pos, pos + 2)) && !lex.functionWords.has(sticky(NEXT_WORD, text, pos)?.[1]?.toLowerCase() ?? '')));
      if (series && !seriesHead && !plural && !(cls && cls !== 'degree' && cls !== 'adjunct')) continue;
      // Inside quotation marks the phrase runs to the closing mark: 'one "secret weapon"', not 'one "secret'.
      if (quoted && !w[3]) continue;
      quoted = false;
      const noun = cls !== undefined && cls !== 'degree' && cls !== 'adjunct';
      // A quoted word before more lower-case words is a modifier ('"critical" security holes'); the noun comes after.
      const quotedModifier = w[3] !== '' && /^\s+\p{Ll}/u.test(text.slice(pos, pos + 2)) && !lex.functionWords.has(sticky(NEXT_WORD, text, pos)?.[1]?.toLowerCase() ?? '');
      if ((noun || plural || singularOne || seriesHead || ageHead) && !quotedModifier) {
        const first = /\S/u.exec(text.slice(from))!;
        // The closing mark of a quoted noun is part of the phrase ('three "dirty bombs"').
        counted = { start: from + first.index, end: wordStart + word.length + (w[3] && w[1] === '' && text.slice(from, wordStart).match(/["“‘]/u) ? w[3].length : w[1] && w[3] ? w[3].length : 0) };
        countedClass = cls;
        break;
      }
    }
    // Version 25: a series that ends in no noun was no series ("in one hospital, with some casualties").
    if (!counted && beforeSeries) counted = beforeSeries;
    if (!counted && chainEnd > 0) {
      const first = /\S/u.exec(text.slice(from))!;
      counted = { start: from + first.index, end: chainEnd };
    }
  }

  // Not figures: a fraction word joined to a word by a hyphen ("a half-hearted response", "a third-party app").
  if (!num.digits && !unit && !Number.isInteger(num.value) && text[num.end] === '-' && isLetter(text[num.end + 1])) return end;
  // Not figures: years, parts of dates, times, labels.
  const hasUnit = unit !== null;
  // "slipped towards the bottom three", "a place in the top four", "reached the last eight": a place in a ranking or
  // a round of a cup, not a count (unless a noun follows: "the top 10 earners", "the last eight years").
  if (!hasUnit && !counted && !range && approx === 'exact') {
    const rank = wordBefore(text, num.start);
    // Not "the last four or five years": another number after "or" or "to" carries the noun.
    if (rank && lex.rankingWords.has(rank.word.toLowerCase()) && /^the$/i.test(wordBefore(text, rank.start)?.word ?? '') && !/^\s+(?:or|to)\s+\w/i.test(text.slice(end, end + 8))) return end;
  }
  // "3 to 5 May", "12-14 March": a range of days before a month.
  if (range && num.digits && !hasUnit && min !== null && max !== null && min >= 1 && max <= 31 && Number.isInteger(min) && Number.isInteger(max)) {
    const month = sticky(NEXT_WORD, text, end);
    if (month && lex.months.has(month[1]!)) return end;
  }
  const digitsText = text.slice(num.start, num.end);
  // "July 24, 2019", "24 July 2019": the year of a full date, whatever follows it ("On July 24, 2019 members voted",
  // a dateline before the first paragraph; version 18).
  if (num.digits && num.plain && !range && /^\d{4}$/.test(digitsText)) {
    const day = FULL_DATE_BEFORE_YEAR.exec(text.slice(Math.max(0, num.start - 24), num.start));
    if (day && lex.months.has((day[1] ?? day[2])!.replace(/\.$/, ''))) return end;
  }
  // "the 2016 Rory Peck Awards", "the 2012 Olympics": a year before a capitalised name is part of the name, not a
  // count (a people's name in the plural is: "1500 Britons").
  if (num.digits && num.plain && !range && !hasUnit && approx === 'exact' && counted && /^\d{4}$/.test(digitsText) && num.value >= 1800 && num.value <= 2100 && /^\p{Lu}/u.test(text[counted.start]!) && countedClass !== 'person' && !DEMONYM.test(text.slice(counted.start, counted.end))) return end;
  if (num.digits && !range && !hasUnit && approx === 'exact' && !countedClass) {
    // Version 19: not a number outside the years news writes about (1900-2030) before a lower-case plural noun, as a count
    // of four digits is written where group commas are dropped ("interviewed 1324 chief executives", "1885 aftershocks").
    const countAfter = counted !== null && (num.value < 1900 || num.value > 2030) && !TIME_PREPOSITION.test(wordBefore(text, start)?.word ?? '') && /^\p{Ll}/u.test(text[counted.start]!) && /\p{L}{2}s$/u.test(text.slice(counted.start, counted.end));
    // Version 26: nor one that is the subject of a verb in the plural or the past in a list of counts, right after a
    // count of a noun in the plural ("1846 persons were hospitalized and 1720 had already been discharged"; "said 2004
    // had been a great year", "in 1998 had", "2016 was" stay years).
    const lead = wordBefore(text, start);
    const verbAfter = sticky(NEXT_WORD, text, end);
    const last = out[out.length - 1];
    const afterCount = last !== undefined && last.counted !== null && (last.value ?? last.max ?? 0) > 1 && start - last.end < 80 && !/[.!?;:\n]/.test(text.slice(last.end, start));
    const countBeforeVerb = afterCount && !counted && lead !== null && /^\p{Ll}+$/u.test(lead.word) && !TIME_PREPOSITION.test(lead.word) && !lex.timeOpeners.has(lead.word) && !lex.prepositions.has(lead.word) && !lex.determiners.has(lead.word) && verbAfter !== null && text[end] === ' ' && lex.clauseVerbs.has(verbAfter[1]!) && !/s$/.test(verbAfter[1]!);
    // Version 26: nor the first of two numbers joined by "or" whose second is such a count ("reach 2000 or 3000 likes";
    // "in 2004 or 2005 elections" stays two years).
    const alternative = !counted && lead !== null && !TIME_PREPOSITION.test(lead.word) && !lex.timeOpeners.has(lead.word.toLowerCase()) ? OR_COUNT_AFTER.exec(text.slice(end, end + 40)) : null;
    const countAlternative = alternative !== null && (Number(alternative[1]) < 1900 || Number(alternative[1]) > 2030);
    if (num.plain && /^\d{4}$/.test(digitsText) && num.value >= 1000 && num.value <= 2100 && !countAfter && !countBeforeVerb && !countAlternative) return end; // a year
  }
  // "until at least 2008", "by about 2010", "before at most 1990": a year with a cue, after a preposition of time.
  if (num.digits && num.plain && !range && !hasUnit && !countedClass && approx !== 'exact' && /^\d{4}$/.test(digitsText) && num.value >= 1000 && num.value <= 2100) {
    const lead = wordBefore(text, start);
    if (lead && TIME_PREPOSITION.test(lead.word)) return end;
  }
  // "BBC One", "Formula One": a capitalised number word after a capitalised word inside a sentence is a name; so is
  // one before a capitalised word ("the Six Nations title") or after "of" in a name ("the Group of Eight"). At the
  // start of a sentence only the names of the table are ("Six Nations champions Wales…"; "Six Britons" is a count).
  if (!num.digits && !hasUnit && approx === 'exact' && /^\p{Lu}/u.test(text[num.start]!)) {
    const prev = wordBefore(text, num.start);
    const next = sticky(NEXT_WORD, text, num.end);
    if (!sentenceInitial(text, num.start)) {
      if (prev && /\p{Lu}/u.test(prev.word) && text.slice(prev.start + prev.word.length, num.start) === ' ') return end;
      if (next && next[0][0] === ' ' && next[0].length === next[1]!.length + 1 && /^\p{Lu}\p{Ll}/u.test(next[1]!)) return end;
      const name = prev?.word === 'of' ? wordBefore(text, prev.start) : null;
      if (name && /^\p{Lu}/u.test(name.word) && !sentenceInitial(text, name.start)) return end;
    }
    const written = text.slice(num.start, num.end);
    if (next && lex.numberedNames.has(`${written} ${next[1]}`)) return end;
    if (prev && lex.numberedNames.has(`${prev.word} ${written}`)) return end;
    const before = prev?.word === 'of' ? wordBefore(text, prev.start) : null;
    if (before && lex.numberedNames.has(`${before.word} of ${written}`)) return end;
  }
  // "in round one", "phase two was planned", "version three": a number in words right after a label is an id (version 27,
  // as digits are below).
  if (!num.digits && !hasUnit && approx === 'exact' && !range && !counted) {
    const prev = wordBefore(text, num.start);
    // Not before a counted noun ("round two games"), nor after a label that an ordinal already numbers ("the fifth
    // round four times").
    const next = sticky(NEXT_WORD, text, num.end);
    const head = next ? lex.counted.get(next[1]!.toLowerCase()) : undefined;
    if (prev && lex.idLabels.has(prev.word.toLowerCase()) && text.slice(prev.start + prev.word.length, num.start) === ' ' && (head === undefined || head === 'not-counted') && !isOrdinalWord(lex, wordBefore(text, prev.start))) return end;
  }
  if (num.digits && !hasUnit) {
    const prev = wordBefore(text, num.start);
    if (prev) {
      const word = prev.word.replace(/^[#]/, '');
      if (lex.months.has(word) || lex.months.has(word.replace(/\.$/, ''))) return end;
      if (approx === 'exact' && !range && (lex.idLabels.has(word.toLowerCase()) || prev.word.startsWith('#'))) return end;
      // "from version 0.3 to 0.4", "pages 12 to 15": a range of labels (version 17).
      if (range && lex.idLabels.has(word.toLowerCase())) return end;
      // "Boeing 737", "Windows 10": a capitalised word just before a bare number is a name.
      // Version 17: a version written with a decimal ("Democracy 2.0", "ESO 1.52"), and at the start of a sentence a
      // word with a capital inside it ("CentOS 8's end of life", "HR 6819 contains"; not "Some 40 people").
      // Version 26: not after a word of the `not-name` class before a noun counted ("as of Wednesday 1885 aftershocks",
      // where a comma was dropped; "on Thursday 9." stays a day).
      // Version 28: at the start of a sentence also a content word before a number that counts no noun ("Area 51 has been
      // rumored", "Halo 2 won", "Goals: Rooney 68, Dunne 75"): no function word, determiner, cue, verb, unit or opener of
      // the word classes ("The 12 affected", "At 34, Holmes", "All 189 on the aircraft", "However 40 …"). Only in a text
      // that writes commas: without them "Adamowicz 53 has supported" is a name and an age whose commas were dropped.
      if (approx === 'exact' && !range && !countedClass && (num.plain || /^\d+\.\d+$/.test(digitsText)) && /^\p{L}+$/u.test(word) && /\p{Lu}/u.test(word) && !(counted && lex.notNames.has(word.toLowerCase())) && !parallelAfterCount(lex, text, out, num.end) && (!sentenceInitial(text, prev.start) || /\p{Lu}/u.test(word.slice(1)) || (!counted && initialName(lex, word) && text.includes(','))) && text.slice(prev.start + prev.word.length, num.start) === ' ') return end;
      // Version 19: in a text without capitals ("the ftse 100 index", "centos 8", "hr 6819 contains") the name cannot be
      // seen by its capital; a bare number right after a content word that is no verb, cue or function word is taken
      // for one.
      if (lex.caseless === lex && approx === 'exact' && !range && !counted && (num.plain || /^\d+\.\d+$/.test(digitsText)) && /^\p{Ll}+$/u.test(word) && !sentenceInitial(text, prev.start) && text.slice(prev.start + prev.word.length, num.start) === ' ' && caselessName(lex, word)) return end;
    }
    const nextWord = sticky(NEXT_WORD, text, num.end);
    // "its own 787 Dreamliner", "the 11 Pro": a bare number right before a capitalised singular word is a model name
    // (a plural, "12 Britons", is counted above; demonyms in -men and -ese, "3 Frenchmen", "2 Chinese", are people).
    if (nextWord && approx === 'exact' && !range && !counted && num.plain && text[num.end] === ' ' && /^\p{Lu}\p{Ll}+$/u.test(nextWord[1]!) && !/(?:men|ese)$/.test(nextWord[1]!) && !lex.months.has(nextWord[1]!)) return end;
    if (nextWord && (lex.months.has(nextWord[1]!) || (nextWord[1] === 'of' && lex.months.has(sticky(NEXT_WORD, text, num.end + nextWord[0].length)?.[1] ?? '')))) return end;
    // "on 25 June, 2 and 9 July", "between 3-5 May": a day in a list or range of days whose last one names the month.
    if (num.plain && num.value >= 1 && num.value <= 31 && approx === 'exact') {
      const list = sticky(DAY_LIST_TAIL, text, num.end);
      if (list && lex.months.has(list[1]!)) return end;
    }
    if (sticky(lex.timeSuffix, text, num.end)) return end;
  }

  const unitName = unit ? unit.unit : countedClass === 'person' ? 'people' : countedClass === 'household' ? 'household' : countedClass === 'job' ? 'job' : null;
  out.push({ start, end, value, min, max, approx, unit: unitName, counted, inferred: num.vague !== null, reason: rules.join('; ') });
  return end;
}
