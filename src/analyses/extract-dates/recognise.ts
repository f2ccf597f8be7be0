/**
 * Recognisers: one regular expression per surface pattern, each turning a match into a draft with
 * a value spec that the resolver (resolve.ts) turns into a TIMEX3 value once anchors are known.
 * Overlapping drafts are settled afterwards (longest first), so each pattern stays small.
 */
import { daysInMonth } from './calendar.js';
import type { DateLexicon, Mod } from './lexicon.js';

export type TimexType = 'DATE' | 'TIME' | 'DURATION' | 'SET';
export type Granularity = 'day' | 'month' | 'season' | 'quarter' | 'year' | 'decade' | 'century' | 'duration' | 'time';

/** What the value depends on; the resolver fills in the anchor. */
export type Spec =
  | { readonly k: 'absolute'; readonly value: string }
  /** A month–day (holidays too) with no year: the year comes from an anchor. */
  | { readonly k: 'month-day'; readonly m: number; readonly d: number }
  | { readonly k: 'month'; readonly m: number; readonly shift: number | null }
  /** "June last year": a month of a year counted from the publication date. */
  | { readonly k: 'month-of-year'; readonly m: number; readonly n: number }
  | { readonly k: 'season'; readonly code: string; readonly shift: number | null }
  | { readonly k: 'weekday'; readonly wd: number; readonly shift: number | null; readonly part: string | null }
  | { readonly k: 'day-offset'; readonly n: number; readonly part: string | null }
  /** this/last/next unit, `n` units ago: counted from the publication date. */
  | { readonly k: 'unit-shift'; readonly unit: string; readonly n: number | null }
  /** two days later, the next day: counted from the nearest date of the story before. */
  | { readonly k: 'story-shift'; readonly unit: string; readonly n: number | null; readonly fallback?: number; readonly completed?: boolean; readonly year?: number; readonly whole?: boolean }
  /** `yearOfRef`: the year counted from the publication date ("next year's first quarter" is 1). */
  | { readonly k: 'quarter'; readonly part: string; readonly year: number | null; readonly yearShift?: number; readonly yearOfRef?: number }
  | { readonly k: 'clock'; readonly time: string }
  /** A clock time written before its day ("noon Thursday", "5 p.m. EST Nov. 9"). */
  | { readonly k: 'timed'; readonly day: Spec; readonly time: string };

export interface Draft {
  start: number;
  end: number;
  readonly type: TimexType;
  readonly granularity: Granularity;
  readonly spec: Spec;
  readonly rule: string;
  mod: Mod | null;
}

export interface RecogniseContext {
  readonly text: string;
  readonly lex: DateLexicon;
}

interface Pattern {
  readonly rule: string;
  /** The first word of a match (lower case) or a digit: only there is the pattern tried. */
  readonly starts: (lex: DateLexicon) => { words?: Iterable<string>; digits?: boolean };
  readonly source: (lex: DateLexicon) => string;
  readonly flags: string;
  make(m: RegExpExecArray, ctx: RecogniseContext): Draft | null;
}

const Y = '((?:1[0-9]|20)\\d\\d)';

const partnerRes = new WeakMap<DateLexicon, RegExp>();

/** After a weekday: "and" or "or" and a plural weekday or a weekday with a plural part of the day ("and Tuesday nights"). */
function weekdayPartner(lex: DateLexicon): RegExp {
  let re = partnerRes.get(lex);
  if (!re) {
    re = new RegExp(`^\\s+(?:and|or)\\s+(?:${lex.re.weekday})(?:s\\b|\\s+(morning|afternoon|evening|night)s\\b)`);
    partnerRes.set(lex, re);
  }
  return re;
}
const D = '(\\d{1,2})(?:st|nd|rd|th)?';
const SHIFTS = ['this', 'last', 'next', 'coming', 'past', 'previous', 'current'];
/** The shift words before a month, weekday or season ("this coming", "last", "previous"), first letter in either case. */
const SHIFT_WORDS_ANY_CASE = '((?:[Tt]his\\s+coming|[Tt]his\\s+past|[Tt]his|[Ll]ast|[Nn]ext|[Cc]oming|[Pp]ast|[Pp]revious|[Cc]urrent))';

function draft(m: RegExpExecArray, type: TimexType, granularity: Granularity, spec: Spec, rule: string, offsetStart = 0, trimEnd = 0): Draft {
  return { start: m.index + offsetStart, end: m.index + m[0].length - trimEnd, type, granularity, spec, rule, mod: null };
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function shiftOf(word: string | undefined): number | null {
  if (!word) return null;
  const w = word.toLowerCase().replace(/^this\s+(?=coming|past)/, '');
  if (w === 'last' || w === 'past' || w === 'previous') return -1;
  if (w === 'next' || w === 'coming') return 1;
  return 0;
}

/** The lower-case word that ends right before `pos` (skipping spaces), or ''. */
export function wordBefore(text: string, pos: number): string {
  let e = pos;
  while (e > 0 && (text[e - 1] === ' ' || text[e - 1] === '\n' || text[e - 1] === '\t' || text[e - 1] === '-')) e--;
  let s = e;
  while (s > 0 && /[A-Za-z.]/.test(text[s - 1]!)) s--;
  return text.slice(s, e).toLowerCase().replace(/^\.+/, '');
}

/** The word that ends right before `pos`, as written (case kept), or ''. */
function wordBeforeAsWritten(text: string, pos: number): string {
  const m = /([A-Za-z]+)[ \t]+$/.exec(text.slice(Math.max(0, pos - 30), pos));
  return m ? m[1]! : '';
}

/** True when only spaces, an opening quote or bracket stand between `pos` and a sentence end or the text start. */
function atSentenceStart(text: string, pos: number): boolean {
  let i = pos - 1;
  while (i >= 0 && /[\s"“‘'(\[]/.test(text[i]!)) i--;
  return i < 0 || /[.!?:;]/.test(text[i]!) || text.slice(i + 1, pos).includes('\n');
}

/** The word that starts right after `pos` (skipping spaces), as written, or ''. */
export function wordAfter(text: string, pos: number): string {
  const m = /^[ \t]*([A-Za-z'’]+)/.exec(text.slice(pos, pos + 30));
  return m ? m[1]! : '';
}

function dayOk(d: number): boolean {
  return d >= 1 && d <= 31;
}

function monthDaySpec(m: number, d: number, year: string | undefined): Spec | null {
  if (d > daysInMonth(year ? Number(year) : 2000, m)) return null; // "November 31", "Feb. 29, 2019"
  return year ? { k: 'absolute', value: `${year}-${pad2(m)}-${pad2(d)}` } : { k: 'month-day', m, d };
}

function countOf(lex: DateLexicon, written: string): number | 'X' | null {
  const w = written.toLowerCase().replace(/\s+/g, ' ');
  if (/^\d+(?:\.\d+)?$/.test(w)) return Number(w);
  const direct = lex.numbers.get(w);
  if (direct !== undefined) return direct === 'X' ? 'X' : Number(direct);
  const parts = w.split(/[\s-]+/);
  if (parts.length === 2) {
    const a = lex.numbers.get(parts[0]!);
    const b = lex.numbers.get(parts[1]!);
    if (a && b && a !== 'X' && b !== 'X') return Number(a) >= 20 && Number(b) < 10 ? Number(a) + Number(b) : null;
  }
  return null;
}

/** "nineteen ninety-four" → 1994, "nineteen hundred" → 1900; null when the words are no such year. */
export function spelledYearValue(lex: DateLexicon, written: string): string | null {
  const [first, ...rest] = written.toLowerCase().split(/[\s-]+/);
  const century = Number(lex.numbers.get(first!));
  if (!(century >= 13 && century <= 20) || rest.length === 0) return null;
  let part = 0;
  if (rest[0] !== 'hundred') {
    for (const word of rest) {
      const n = Number(lex.numbers.get(word));
      if (!Number.isInteger(n)) return null;
      part += n;
    }
  }
  return part < 100 ? String(century * 100 + part) : null;
}

/** What a zone written after a clock time adds to its value: `Z` after UTC or GMT, nothing after a local zone. */
function zoneOf(lex: DateLexicon, written: string | undefined): string {
  return written ? (lex.zones.get(written.toUpperCase()) ?? '') : '';
}

/** `P3Y`, `PT5H`, `P2W` (fortnight), `PXY`, `P10Y` (a decade). */
export function durationValue(count: number | 'X', unit: string): string {
  const time = unit === 'H' || unit === 'S' || unit === 'MIN';
  if (unit === '2W') return count === 'X' ? 'PXW' : `P${count * 2}W`;
  if (unit === 'Q') return count === 'X' ? 'PXM' : `P${count * 3}M`; // ISO 8601 has no quarter unit
  // Nor a decade: TimeBank and MEANTIME write "two decades" P20Y, "over a decade" P10Y (3 of their 4 decade durations).
  if (unit === 'DE' && count !== 'X') return `P${count * 10}Y`;
  const letter = unit === 'MIN' ? 'M' : unit;
  return `${time ? 'PT' : 'P'}${count}${letter}`;
}

/** The next smaller unit of a duration unit, for a half: how many of it make one, and its TIMEX3 letter. */
const HALF_UNITS: Record<string, { unit: string; per: number; letter: string }> = {
  Y: { unit: 'M', per: 12, letter: 'M' },
  M: { unit: 'D', per: 30, letter: 'D' },
  D: { unit: 'H', per: 24, letter: 'H' },
  H: { unit: 'MIN', per: 60, letter: 'M' },
  MIN: { unit: 'S', per: 60, letter: 'S' },
};

/** Units as the resolver knows them: `MIN` stands apart from month `M`. */
/** "the end of", "the beginning of", "the middle of", "the start of" right before "the year", "the month". */
const UNIT_PART_BEFORE = /(?:^|[^\w'’])the\s+(?:end|beginning|start|middle)\s+of\s+$/i;

/** A modal verb (and at most one adverb) right before "one day": "will one day", "could perhaps one day". */
const FUTURE_MODAL = /(?:^|[^\w'’])(?:will|would|could|may|might|can|shall|should|to|'ll)\s+(?:\w+ly\s+|still\s+|even\s+|perhaps\s+|also\s+)?$/i;

function unitOf(lex: DateLexicon, word: string): { unit: string; granularity: string } | null {
  const w = word.toLowerCase();
  const u = lex.units.get(w);
  if (!u) return null;
  if (w.startsWith('minute')) return { unit: 'MIN', granularity: 'time' };
  if (w.startsWith('second')) return { unit: 'S', granularity: 'time' };
  return u;
}

function granularityOfUnit(unit: string): Granularity {
  switch (unit) {
    case 'D':
    case 'W':
    case '2W':
      return 'day';
    case 'M':
      return 'month';
    case 'Q':
      return 'quarter';
    case 'Y':
      return 'year';
    case 'DE':
      return 'decade';
    case 'CE':
      return 'century';
    default:
      return 'time';
  }
}

export const PATTERNS: readonly Pattern[] = [
  {
    rule: 'iso-date',
    starts: (lex) => ({ digits: true }),
    source: () => '\\b(\\d{4})-(\\d{2})-(\\d{2})(?:T(\\d{2}):(\\d{2}))?\\b',
    flags: 'g',
    make(m) {
      const [, y, mo, d, hh, mm] = m;
      if (Number(mo) < 1 || Number(mo) > 12 || !dayOk(Number(d))) return null;
      if (hh) return draft(m, 'TIME', 'time', { k: 'absolute', value: `${y}-${mo}-${d}T${hh}:${mm}` }, this.rule);
      return draft(m, 'DATE', 'day', { k: 'absolute', value: `${y}-${mo}-${d}` }, this.rule);
    },
  },
  {
    rule: 'numeric-date',
    starts: (lex) => ({ digits: true }),
    source: () => '(?<![\\d/.])\\b(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})\\b(?![/.]\\d)',
    flags: 'g',
    make(m) {
      let a = Number(m[1]);
      let b = Number(m[2]);
      if (a > 12 && b <= 12) [a, b] = [b, a]; // 25/12/2019: day first
      if (a < 1 || a > 12 || !dayOk(b)) return null;
      const y = m[3]!.length === 2 ? (Number(m[3]) < 50 ? `20${m[3]}` : `19${m[3]}`) : m[3]!;
      return draft(m, 'DATE', 'day', { k: 'absolute', value: `${y}-${pad2(a)}-${pad2(b)}` }, this.rule);
    },
  },
  {
    rule: 'month-day',
    // "July 24, 2003"; also "July 24 , 2003", as tokenised copy writes it.
    starts: (lex) => ({ words: [...lex.weekdays.keys(), ...lex.months.keys()] }),
    source: (lex) => `(?:\\b(${lex.re.weekday}),?\\s+)?\\b(${lex.re.month})\\s+${D}\\b(?![.,:]?\\d|%)(?:\\s?,?\\s+${Y}\\b(?![,.]\\d))?`,
    flags: 'g',
    make(m, ctx) {
      const month = ctx.lex.months.get(m[2]!.toLowerCase().replace(/\.$/, ''))!;
      const d = Number(m[3]);
      if (!dayOk(d)) return null;
      if (!m[4] && /^(may|march)$/.test(m[2]!)) return null; // the verbs, written in lower case
      const spec = monthDaySpec(month, d, m[4]);
      return spec && draft(m, 'DATE', 'day', spec, this.rule);
    },
  },
  {
    rule: 'day-month',
    starts: (lex) => ({ words: [...lex.weekdays.keys(), 'the'], digits: true }),
    source: (lex) => `(?:\\b(${lex.re.weekday}),?\\s+)?\\b(?:the\\s+)?${D}(?:\\s+of)?\\s+(${lex.re.month})\\b(?:\\s?,?\\s+${Y}\\b(?![,.]\\d))?`,
    flags: 'g',
    make(m, ctx) {
      const month = ctx.lex.months.get(m[3]!.toLowerCase().replace(/\.$/, ''))!;
      const d = Number(m[2]);
      if (!dayOk(d)) return null;
      if (!m[4] && /^(may|march)$/.test(m[3]!)) return null;
      // "5 May" needs a capital May; "the 5th of" form needs an ordinal or "of".
      const spec = monthDaySpec(month, d, m[4]);
      return spec && draft(m, 'DATE', 'day', spec, this.rule);
    },
  },
  {
    rule: 'month-year',
    starts: (lex) => ({ words: lex.months.keys() }),
    source: (lex) => `\\b(${lex.re.month}),?\\s+(?:of\\s+)?(?:${Y}\\b(?![,.]\\d|%)|(${lex.re.spelledYear})\\b)`,
    flags: 'g',
    make(m, ctx) {
      const month = ctx.lex.months.get(m[1]!.toLowerCase().replace(/\.$/, ''))!;
      const year = m[2] ?? (m[3] ? spelledYearValue(ctx.lex, m[3]) : null);
      if (!year) return null;
      return draft(m, 'DATE', 'month', { k: 'absolute', value: `${year}-${pad2(month)}` }, this.rule);
    },
  },
  {
    rule: 'month-of-year',
    starts: (lex) => ({ words: lex.months.keys() }),
    source: (lex) => `\\b(${lex.re.month})\\s+(last|this|next)\\s+year\\b`,
    flags: 'g',
    make(m, ctx) {
      const word = m[1]!;
      if (!/^[A-Z]/.test(word)) return null;
      const month = ctx.lex.months.get(word.toLowerCase().replace(/\.$/, ''))!;
      return draft(m, 'DATE', 'month', { k: 'month-of-year', m: month, n: shiftOf(m[2])! }, this.rule);
    },
  },
  {
    rule: 'month',
    starts: (lex) => ({ words: [...SHIFTS, ...lex.months.keys()] }),
    source: (lex) => `\\b(?:${SHIFT_WORDS_ANY_CASE}\\s+)?(${lex.re.month})(?![\\w'’-])`,
    flags: 'g',
    make(m, ctx) {
      const word = m[2]!;
      if (!/^[A-Z][a-z]+$/.test(word) || ctx.lex.monthAbbreviations.has(word.toLowerCase())) return null; // full names, capitalised
      const before = wordBefore(ctx.text, m.index);
      if (!m[1] && ctx.lex.yearContext.get(before) !== 'year' && !/^(last|next|this|that|every|each|and|or|mid|end)$/.test(before)) return null;
      const month = ctx.lex.months.get(word.toLowerCase())!;
      return draft(m, 'DATE', 'month', { k: 'month', m: month, shift: shiftOf(m[1]) }, this.rule);
    },
  },
  {
    rule: 'weekday',
    starts: (lex) => ({ words: [...SHIFTS, ...lex.weekdays.keys(), ...[...lex.weekdays.keys()].map((w) => `${w}s`)] }),
    source: (lex) => `\\b(?:${SHIFT_WORDS_ANY_CASE}\\s+)?(${lex.re.weekday})(s)?\\b(?:\\s+(morning|afternoon|evening|night)(s)?\\b)?`,
    flags: 'g',
    make(m, ctx) {
      const wd = ctx.lex.weekdays.get(m[2]!.toLowerCase())!;
      let part = m[4] ? ctx.lex.relative.get(m[4].toLowerCase())?.offset ?? null : null;
      // "on Mondays", "Tuesday nights", "Monday and Tuesday nights": a plural is every such day (or part of it),
      // and a weekday joined to a plural one shares it.
      let plural = m[3] !== undefined || m[5] !== undefined;
      if (!plural && !part) {
        const partner = weekdayPartner(ctx.lex).exec(ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 40));
        if (partner) {
          plural = true;
          part = partner[1] ? ctx.lex.relative.get(partner[1].toLowerCase())?.offset ?? null : null;
        }
      }
      if (plural) {
        if (m[1]) return null;
        return draft(m, 'SET', 'duration', { k: 'absolute', value: `XXXX-WXX-${wd}${part ? `T${part}` : ''}` }, this.rule);
      }
      return draft(m, part ? 'TIME' : 'DATE', part ? 'time' : 'day', { k: 'weekday', wd, shift: shiftOf(m[1]), part }, this.rule);
    },
  },
  {
    rule: 'year',
    starts: (lex) => ({ digits: true }),
    source: () => `(?<![\\d,.$£€#/:])\\b${Y}\\b(?![,.]\\d|%|\\s*(?:percent|per cent)|[:/]\\d)`,
    flags: 'g',
    make(m, ctx) {
      const y = Number(m[1]);
      const before = wordBefore(ctx.text, m.index);
      const role = ctx.lex.yearContext.get(before);
      if (role === 'label') return null;
      const lead = ctx.text.slice(Math.max(0, m.index - 5), m.index);
      if (/\d-$/.test(lead) && !/\d{4}-$/.test(lead)) return null; // "555-1999", not "1998-1999" or "mid-2008"
      if (y < 1800 && role !== 'year') return null;
      const after = wordAfter(ctx.text, m.index + m[0].length);
      const countNounAfter = /^[a-z]{2,}s$/.test(after);
      if (countNounAfter && role !== 'year') return null;
      if (role === 'count' && /^[a-z]/.test(after)) return null;
      if (ctx.lex.zones.has(after) || /^(?:hrs|hours|local)$/.test(after)) return null; // "by 1030 GMT" is a clock time
      // "the coronavirus 2019-nCoV", "a 2048-bit key", "2048 x 1080 pixels": a code or a measure, no year.
      if (/^(?:-(?:bit|[a-z]+[A-Z])|\s*[*×x]\s*\d)/.test(ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 12))) return null;
      return draft(m, 'DATE', 'year', { k: 'absolute', value: m[1]! }, this.rule);
    },
  },
  {
    rule: 'spelled-year',
    starts: (lex) => ({ words: [...lex.numbers.keys()].filter((w) => /^[a-z]+$/.test(w)) }),
    source: (lex) => `\\b(${lex.re.spelledYear})\\b(?![\\s-]+(?:${lex.re.number}|hours|GMT|percent|per\\s+cent|vision|hindsight)\\b)`,
    flags: 'gi',
    make(m, ctx) {
      const value = spelledYearValue(ctx.lex, m[1]!);
      if (!value) return null;
      if (/^[a-z]+[^aisu]s$/.test(wordAfter(ctx.text, m.index + m[0].length))) return null; // "nineteen twenty-five traders", not "was", "has"
      if (/^(?:at|by|until|till|from|to|before|after)$/.test(wordBefore(ctx.text, m.index)) && !/hundred|[\s-]\w+[\s-]/i.test(m[1]!)) return null;
      return draft(m, 'DATE', 'year', { k: 'absolute', value }, this.rule);
    },
  },
  {
    // "the year two thousand", "the year two thousand and five" (spoken copy): after "the year" only, where
    // "two thousand" is no count ("two thousand people"); the span takes "the year" (TimeBank 2 of 2).
    rule: 'spelled-year',
    starts: () => ({ words: ['the'] }),
    source: (lex) => `\\b[Tt]he\\s+year\\s+two\\s+thousand(?:\\s+and\\s+([a-z]{3,}))?\\b(?![\\s-]+(?:half|${lex.re.number})\\b)`,
    flags: 'g',
    make(m, ctx) {
      const n = m[1] === undefined ? 0 : Number(ctx.lex.numbers.get(m[1].toLowerCase()));
      if (!(Number.isInteger(n) && n >= 0 && n < 100)) return null;
      return draft(m, 'DATE', 'year', { k: 'absolute', value: String(2000 + n) }, this.rule);
    },
  },
  {
    rule: 'decade',
    starts: (lex) => ({ words: ['the'], digits: true }),
    source: () => `\\b(?:the\\s+)?(?:((?:1[0-9]|20)\\d)0|['’](\\d)0)['’]?s\\b`,
    flags: 'g',
    make(m) {
      const stem = m[1] ?? (Number(m[2]) >= 3 ? `19${m[2]}` : `20${m[2]}`);
      // "the 1800s", "the 1600s": a year in hundreds names its century (TIMEX3 `18`, as "the 19th century" is;
      // version 18). "The 2000s" stays the decade, as writers use it.
      if (m[1] !== undefined && m[1].endsWith('0') && Number(m[1]) < 200) return draft(m, 'DATE', 'century', { k: 'absolute', value: m[1].slice(0, 2) }, this.rule);
      return draft(m, 'DATE', 'decade', { k: 'absolute', value: stem }, this.rule);
    },
  },
  {
    rule: 'century',
    starts: (lex) => ({ words: ['the'], digits: true }),
    source: () => `\\b(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)[\\s-]+century\\b`,
    flags: 'gi',
    make(m) {
      return draft(m, 'DATE', 'century', { k: 'absolute', value: pad2(Number(m[1]) - 1) }, this.rule);
    },
  },
  {
    rule: 'season',
    starts: (lex) => ({ words: [...SHIFTS, 'the', ...lex.seasons.keys()] }),
    // The shift word may open a sentence ("This summer the band tours"): its first letter in either case.
    source: (lex) => `\\b(?:${SHIFT_WORDS_ANY_CASE}\\s+|([Tt]he)\\s+)?(${lex.re.season})\\b(?:\\s+(?:of\\s+)?(?:${Y}\\b(?![,.]\\d)|(${lex.re.spelledYear})\\b))?`,
    flags: 'g',
    make(m, ctx) {
      const word = m[3]!.toLowerCase();
      const code = ctx.lex.seasons.get(word)!;
      if (/^[A-Z]/.test(m[3]!) && /^[A-Z]/.test(wordBeforeAsWritten(ctx.text, m.index + m[0].indexOf(m[3]!))) && !atSentenceStart(ctx.text, m.index)) return null; // "Suddenly Last Summer"
      const year = m[4] ?? (m[5] ? spelledYearValue(ctx.lex, m[5]) : null);
      if (year) return draft(m, 'DATE', 'season', { k: 'absolute', value: `${year}-${code}` }, this.rule);
      const before = wordBefore(ctx.text, m.index);
      // "fall" and "spring" are verbs and nouns too: alone they need a determiner or a preposition.
      if (!m[1] && !/^(in|during|since|until|by|this|last|next|early|late|mid|the)$/.test(before) && !m[2]) return null;
      if (!m[1] && (word === 'fall' || word === 'spring') && !/^(in|during|since|until|by|this|last|next|early|late|mid)$/.test(before)) return null;
      const start = m[2] && !m[1] ? 4 : 0; // "the summer": the season, not the article
      return draft(m, 'DATE', 'season', { k: 'season', code, shift: shiftOf(m[1]) }, this.rule, start);
    },
  },
  {
    rule: 'quarter',
    starts: (lex) => ({ words: ['the', 'this', 'last', 'next', 'that', 'year', 'first', 'second', 'third', 'fourth', 'final', 'fiscal', 'calendar'], digits: true }),
    // "this year's third quarter", "next year's first quarter": the year's possessive is part of the date (TimeBank 3
    // of 3); "the fiscal first quarter": the article before "fiscal" too (3 of 3).
    source: () => `\\b(?:(the|this|last|next|that|(?:this|last|next)\\s+year['’]s)\\s+)?(?:(year[- ](?:earlier|ago)|(?:1[0-9]|20)\\d\\d)\\s+)?(?:(?:fiscal|calendar)[\\s-]+)?(first|second|third|fourth|1st|2nd|3rd|4th|final|last)(?:[\\s-]+(?:fiscal|calendar))?[\\s-]+(quarter|half)\\b(?:\\s+of\\s+(?:fiscal\\s+)?${Y}\\b)?`,
    flags: 'gi',
    make(m) {
      const half = m[4]!.toLowerCase() === 'half';
      const which = m[3]!.toLowerCase();
      // "the final quarter of 2009", "the last half of 1989": the year's last part (Q4, H2). Without its year "the
      // last quarter" is the one before the publication's (unit-shift).
      if ((which === 'final' || which === 'last') && !m[5]) return null;
      const n = which === 'final' || which === 'last' ? (half ? 2 : 4) : { first: 1, second: 2, third: 3, fourth: 4, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4 }[which]!;
      if (half && n > 2) return null;
      // "the second half" is a match's as often as a year's: a half needs its year or this/last/next.
      if (half && !m[5] && !m[2] && !/^(?:this|last|next)\b/i.test(m[1] ?? '')) return null;
      const part = half ? `H${n}` : `Q${n}`;
      const year = m[5] ? Number(m[5]) : m[2] && /^\d/.test(m[2]) ? Number(m[2]) : null;
      // "the year-earlier third quarter": that quarter a year before the one the story is about.
      const ofYear = /year['’]s$/i.test(m[1] ?? '') ? shiftOf(m[1]!.split(/\s+/)[0]!.toLowerCase()) : null;
      const spec: Spec =
        m[2] && !/^\d/.test(m[2])
          ? { k: 'quarter', part, year: null, yearShift: -1 }
          : ofYear !== null && year === null
            ? { k: 'quarter', part, year: null, yearOfRef: ofYear }
            : { k: 'quarter', part, year };
      // "the third-quarter loss": the adjective is the date, not its determiner.
      const adjective = m[1] && ofYear === null && !m[2] && /[a-z]-(?:quarter|half)/i.test(m[0]);
      return draft(m, 'DATE', 'quarter', spec, this.rule, adjective ? m[1].length + 1 : 0);
    },
  },
  {
    rule: 'quarter-code',
    starts: () => ({ words: ['q', 'h'] }),
    source: () => `\\b(Q|H)([1-4])(?:\\s+${Y}|\\s*['’](\\d\\d))?\\b`,
    flags: 'g',
    make(m) {
      if (m[1] === 'H' && Number(m[2]) > 2) return null;
      const year = m[3] ? Number(m[3]) : m[4] ? 2000 + Number(m[4]) : null;
      return draft(m, 'DATE', 'quarter', { k: 'quarter', part: `${m[1]}${m[2]}`, year }, this.rule);
    },
  },
  {
    rule: 'story-quarter',
    starts: (lex) => ({ words: ['the', 'this', 'that', 'last'] }),
    source: () =>
      `\\b(?:the|this|that|(last\\s+year['’]s))\\s+(?:(latest|current|most\\s+recent|same|comparable|corresponding|year[- ](?:earlier|ago))\\s+)?(quarter|period)\\b(?![-‐])(?:\\s+(?:of\\s+)?(last\\s+year|a\\s+year\\s+(?:earlier|ago|before)|the\\s+(?:previous|prior)\\s+year)\\b|(\\s+(?:in|of)\\s+${Y}\\b(?![,.]\\d|%)))?`,
    flags: 'gi',
    make(m) {
      const which = m[2]?.toLowerCase().replace(/\s+/g, ' ') ?? '';
      if (m[3]!.toLowerCase() === 'period' && !which && !m[1]) return null;
      // "the same period of 2003", "the corresponding quarter in 1988": the story's quarter in the year written,
      // one date (as "the 1988 quarter"); after "the latest" or "this" the year is a date of its own.
      const sameOf = which === 'same' || which === 'comparable' || which === 'corresponding';
      if (m[5] && sameOf) return draft(m, 'DATE', 'quarter', { k: 'story-shift', unit: 'Q', n: 0, year: Number(m[6]) }, this.rule);
      const trim = m[5] ? m[5].length : 0;
      // "the year-ago quarter", "the corresponding period last year", "the quarter a year ago", "last year's
      // quarter": the story's quarter a year before.
      if (m[1] || which.startsWith('year') || m[4]) return draft(m, 'DATE', 'quarter', { k: 'story-shift', unit: 'Y', n: -1, fallback: -1 }, this.rule, 0, trim);
      // "the current quarter": the one the story is published in, whatever quarter it reports on.
      if (which === 'current') return draft(m, 'DATE', 'quarter', { k: 'unit-shift', unit: 'Q', n: 0 }, this.rule, 0, trim);
      // "the latest quarter": the last one completed, never the quarter still running at publication.
      const completed = which === 'latest' || which === 'most recent';
      return draft(m, 'DATE', 'quarter', { k: 'story-shift', unit: 'Q', n: 0, fallback: -1, ...(completed ? { completed } : {}) }, this.rule, 0, trim);
    },
  },
  {
    // "the 1988 quarter", "the 1989 period": the quarter the story reports on, in the year written.
    rule: 'story-quarter-of-year',
    starts: () => ({ words: ['the', 'that'] }),
    source: () => `\\b(?:the|that)\\s+${Y}\\s+(quarter|period)\\b(?![-‐])`,
    flags: 'gi',
    make(m) {
      return draft(m, 'DATE', 'quarter', { k: 'story-shift', unit: 'Q', n: 0, year: Number(m[1]) }, this.rule);
    },
  },
  {
    rule: 'year-earlier',
    starts: (lex) => ({ words: ['year'] }),
    source: () => `\\byear[- ](?:earlier|ago)\\b`,
    flags: 'gi',
    make(m) {
      return draft(m, 'DATE', 'year', { k: 'story-shift', unit: 'Y', n: -1, fallback: -1 }, this.rule);
    },
  },
  {
    rule: 'deictic',
    starts: (lex) => ({ words: ['today', 'yesterday', 'tomorrow', 'tonight', 'now', 'currently', 'nowadays', 'recently', 'recent', 'the', 'soon', 'these', 'current'] }),
    source: () =>
      `\\b(today|yesterday|tomorrow|tonight|now|currently|nowadays|recently|recent(?:\\s+(?:years|months|weeks|days|decades))?|the past|the (?:near )?future|soon|these days|current)\\b(?:\\s+(morning|afternoon|evening|night))?`,
    flags: 'gi',
    make(m, ctx) {
      const word = m[1]!.toLowerCase().replace(/\s+/g, ' ');
      if (/^[A-Z][a-z]/.test(m[1]!) && !atSentenceStart(ctx.text, m.index)) return null; // "BBC Radio 4's Today programme"
      const before = ctx.text.slice(Math.max(0, m.index - 12), m.index);
      const after = ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 40);
      if (word === 'soon') {
        // "as soon as", "soon after": a conjunction or a time counted from another event, not the future.
        if (/\bas\s+$/i.test(before) || /^\s+(?:after|afterwards|thereafter|as)\b/i.test(after)) return null;
      }
      if (word === 'current') {
        // An adjective that alone refers to the present ("current market conditions"), but not "the current year"
        // (a unit shift), "then current", the economic "current account" or the noun ("the current was strong").
        const value = ctx.lex.referenceAdjectives.get(word);
        if (!value || m[2] || /\bthen\s+$/i.test(before)) return null;
        const next = /^\s+([A-Za-z][\w'’-]*)(?:\s+([A-Za-z][\w'’-]*))?/.exec(after);
        const words = next ? [next[1]!.toLowerCase(), next[2]?.toLowerCase() ?? ''] : [];
        if (!next || /^(?:accounts?|is|was|were|are|has|had|of|and|or|in|to|flows?|flowed)$/.test(words[0]!) || words.some((w) => unitOf(ctx.lex, w) || ctx.lex.relative.get(w)?.kind === 'part')) return null;
        return draft(m, 'DATE', 'day', { k: 'absolute', value }, this.rule);
      }
      if (word.startsWith('recent ')) {
        // "in recent years": an unspecified stretch of that unit.
        const unit = unitOf(ctx.lex, word.slice(7));
        return unit ? draft(m, 'DURATION', 'duration', { k: 'absolute', value: durationValue('X', unit.unit) }, this.rule) : null;
      }
      const rel = ctx.lex.relative.get(word);
      if (!rel) return null;
      const part = m[2] ? ctx.lex.relative.get(m[2].toLowerCase())?.offset ?? null : null;
      if (rel.kind === 'ref') {
        if (m[2]) return null;
        return draft(m, 'DATE', 'day', { k: 'absolute', value: rel.offset }, this.rule);
      }
      if (rel.kind === 'night') return draft(m, 'TIME', 'time', { k: 'day-offset', n: 0, part: 'NI' }, this.rule);
      return draft(m, part ? 'TIME' : 'DATE', part ? 'time' : 'day', { k: 'day-offset', n: Number(rel.offset), part }, this.rule);
    },
  },
  {
    // "mid-afternoon yesterday", "late evening today": a part of the day written before its day (TimeBank:
    // "mid-afternoon yesterday" is the afternoon of the day before, mod MID from the modifier in front).
    rule: 'part-before-day',
    starts: () => ({ words: ['morning', 'afternoon', 'evening', 'night'] }),
    source: () => `\\b(morning|afternoon|evening|night)\\s+(yesterday|today|tomorrow)\\b`,
    flags: 'gi',
    make(m, ctx) {
      const part = ctx.lex.relative.get(m[1]!.toLowerCase())?.offset ?? null;
      const day = ctx.lex.relative.get(m[2]!.toLowerCase());
      if (!part || !day || day.kind !== 'day') return null;
      return draft(m, 'TIME', 'time', { k: 'day-offset', n: Number(day.offset), part }, this.rule);
    },
  },
  {
    // "FY2004", "FY 2004", "FY04": a fiscal year, the plain year as TimeBank writes "fiscal 1989".
    rule: 'fiscal-year-code',
    starts: () => ({ words: ['fy'] }),
    source: () => `\\bFY\\s?(?:((?:19|20)\\d\\d)|(\\d\\d))\\b`,
    flags: 'g',
    make(m) {
      const year = m[1] ?? (Number(m[2]) >= 50 ? `19${m[2]}` : `20${m[2]}`);
      return draft(m, 'DATE', 'year', { k: 'absolute', value: year }, this.rule);
    },
  },
  {
    // "this time last year", "this time next year", "this time a year ago": the year before or after publication,
    // as "a year ago" reads.
    rule: 'this-time-year',
    starts: () => ({ words: ['this', 'same', 'the'] }),
    source: () => `\\b(?:this|(?:at\\s+)?the\\s+same)\\s+time\\s+(last\\s+year|next\\s+year|a\\s+year\\s+ago)\\b`,
    flags: 'gi',
    make(m) {
      const n = /^next/i.test(m[1]!) ? 1 : -1;
      return draft(m, 'DATE', 'year', { k: 'unit-shift', unit: 'Y', n }, this.rule);
    },
  },
  {
    // "in the afternoon", "by the evening", "the evening hours", "earlier in the morning": a part of the day the
    // story speaks of (resolved as a clock time: the day the story last named, else the publication date). The
    // preposition stays outside the span; "earlier"/"later" before it join the span and set START/END.
    rule: 'story-part-of-day',
    starts: () => ({ words: ['in', 'during', 'by', 'through', 'throughout', 'into', 'earlier', 'later'] }),
    source: () => `\\b(?:(earlier|later)\\s+)?(?:in|during|by|through|throughout|into)\\s+(the\\s+(morning|afternoon|evening|night)(?:\\s+hours)?)\\b(?!\\s+of\\b)`,
    flags: 'gi',
    make(m, ctx) {
      const part = ctx.lex.relative.get(m[3]!.toLowerCase())?.offset ?? null;
      if (!part) return null;
      const d = draft(m, 'TIME', 'time', { k: 'clock', time: part }, this.rule, m[1] ? 0 : m[0].length - m[2]!.length);
      return m[1] ? { ...d, mod: m[1].toLowerCase() === 'earlier' ? 'START' : 'END' } : d;
    },
  },
  {
    // "earlier in the year", "Later in the day": the current unit, START or END (TimeBank: "earlier in the year"
    // is the publication's year, mod START), the whole phrase the span.
    rule: 'earlier-later-in-unit',
    starts: () => ({ words: ['earlier', 'later'] }),
    source: () => `\\b(earlier|later)\\s+in\\s+the\\s+(day|week|month|year)\\b(?!\\s+(?:of|before|after)\\b)`,
    flags: 'gi',
    make(m) {
      const word = m[2]!.toLowerCase();
      const unit = { day: 'D', week: 'W', month: 'M', year: 'Y' }[word]!;
      const d = draft(m, 'DATE', granularityOfUnit(unit), { k: 'unit-shift', unit, n: 0 }, this.rule);
      return { ...d, mod: m[1]!.toLowerCase() === 'earlier' ? 'START' : 'END' };
    },
  },
  {
    // "a week-long stay", "a years-long dispute": one unit (or an unknown number of them) long.
    rule: 'unit-long',
    starts: (lex) => ({ words: [...lex.units.keys()].filter((w) => /^[a-z]+$/.test(w)) }),
    source: (lex) => `\\b(${lex.re.unit})-long\\b`,
    flags: 'gi',
    make(m, ctx) {
      const unit = unitOf(ctx.lex, m[1]!);
      if (!unit || unit.unit === 'Q' || unit.unit === '2W' || unit.unit === 'WE' || unit.unit === 'CE') return null;
      return draft(m, 'DURATION', 'duration', { k: 'absolute', value: durationValue(/s$/i.test(m[1]!) ? 'X' : 1, unit.unit) }, this.rule);
    },
  },
  {
    // "for decades", "for years", "within weeks": a bare plural unit after a preposition of extent is a stretch of
    // unknown length (TimeBank: "years" PXY, "months" PXM, "weeks" PXW, each annotated where written so).
    // Not "for years to come" or "for months of talks" (a quantity of a noun).
    rule: 'bare-units',
    starts: () => ({ words: ['for', 'within'] }),
    source: (lex) => `\\b(?:for|within)\\s+(${lex.re.unit})\\b(?!\\s+(?:of|to\\s+come|ago|later|earlier|before|after)\\b)`,
    flags: 'gi',
    make(m, ctx) {
      const word = m[1]!;
      if (!/s$/i.test(word)) return null;
      const unit = unitOf(ctx.lex, word);
      if (!unit || unit.unit === 'Q' || unit.unit === '2W' || unit.unit === 'WE' || unit.unit === 'CE') return null; // centuries: PXC and PXE in TimeBank
      return draft(m, 'DURATION', 'duration', { k: 'absolute', value: durationValue('X', unit.unit) }, this.rule, m[0].length - word.length);
    },
  },
  {
    rule: 'part-of-day',
    starts: (lex) => ({ words: ['this', 'last'] }),
    source: () => `\\b(this|last)\\s+(morning|afternoon|evening|night)\\b`,
    flags: 'gi',
    make(m, ctx) {
      const part = ctx.lex.relative.get(m[2]!.toLowerCase())!.offset;
      const n = m[1]!.toLowerCase() === 'last' ? (part === 'NI' ? -1 : -1) : 0;
      return draft(m, 'TIME', 'time', { k: 'day-offset', n, part }, this.rule);
    },
  },
  {
    rule: 'unit-shift',
    starts: (lex) => ({ words: [...SHIFTS, 'the', 'that'] }),
    source: () => `\\b(this|last|next|past|coming|previous|current|the\\s+current|the\\s+past|the\\s+last|the\\s+next|the\\s+previous|the\\s+coming|the\\s+following|the\\s+same|that|the)\\s+(fiscal\\s+|full\\s+)?(day|week|weekend|month|year|quarter|decade|century)\\b(?:\\s+(before|after)\\b(?!\\s+(?:the|a|an|his|her|its|their|\\d)\\b))?`,
    flags: 'gi',
    make(m, ctx) {
      const lead = m[1]!.toLowerCase().replace(/\s+/g, ' ').replace(/^the current$/, 'current');
      const word = m[3]!.toLowerCase();
      // "last fiscal year", "the current fiscal year": a fiscal year is counted as the calendar year it is named by.
      if (m[2] && word !== 'year') return null;
      // "the full year" (of a results story, "for the full year", "sales in the full year"): read as "for the year".
      const full = m[2] !== undefined && /^full/i.test(m[2]);
      if (full && lead !== 'the') return null;
      const relation = m[4];
      const unit = { day: 'D', week: 'W', weekend: 'WE', month: 'M', year: 'Y', quarter: 'Q', decade: 'DE', century: 'CE' }[word]!;
      // "by the end of the year", "the beginning of the month": the current unit, its part set by the modifier
      // written before it (modifiers.tsv), as for "the end of this year".
      if (lead === 'the' && !relation && (unit === 'W' || unit === 'M' || unit === 'Y' || unit === 'DE') && UNIT_PART_BEFORE.test(ctx.text.slice(Math.max(0, m.index - 20), m.index))) {
        return draft(m, 'DATE', granularityOfUnit(unit), { k: 'unit-shift', unit, n: 0 }, this.rule);
      }
      if (lead === 'the' && relation && word !== 'weekend') {
        // "the day before", "the year after": one unit from the story's date.
        return draft(m, 'DATE', granularityOfUnit(unit), { k: 'story-shift', unit, n: relation.toLowerCase() === 'before' ? -1 : 1 }, this.rule);
      }
      if (relation && (lead === 'the' || lead === 'that')) return null;
      // "last year after it cut costs": "after" opens the next clause; the date ends before it.
      const trim = relation ? m[0].length - m[0].slice(0, m[0].length - relation.length).trimEnd().length : 0;
      if (lead === 'the' || lead === 'that') {
        if (word === 'weekend') return draft(m, 'DATE', 'day', { k: 'unit-shift', unit, n: 0 }, this.rule, 0, trim);
        if (lead === 'the' && word === 'year') {
          // "the year ended Sept. 30", "the year to 31 July": a year long (TimeBank 7 of 8 with "ended"/"ending"); "for
          // the year", "the first nine months of the year": the story's year (4 of 4), else the publication's.
          // Elsewhere "the year" is left alone.
          if (/^\s+(?:end(?:ed|ing)\b|to\s+(?:\d|[A-Z][a-z]))/.test(ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 12))) {
            return draft(m, 'DURATION', 'duration', { k: 'absolute', value: 'P1Y' }, this.rule, 0, trim);
          }
          const before = ctx.text.slice(Math.max(0, m.index - 24), m.index);
          const after = ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 16);
          if ((full || /(?:^|[^\w-])for\s+$/i.test(before) || /\b(?:months|weeks|days|half|quarter|rest|remainder)\s+of\s+$/i.test(before)) && !/^(?:['’]|\s+(?:\d|two|nineteen|twenty)|[-‐])/i.test(after)) {
            return draft(m, 'DATE', 'year', { k: 'story-shift', unit, n: 0, whole: true }, this.rule, 0, trim);
          }
        }
        return null;
      }
      if (lead === 'the past' || lead === 'the last' || lead === 'the coming' || (lead === 'the next' && word !== 'day')) {
        if (unit === 'WE') return null;
        // "the past year", "the last decade", "the next year": TimeML reads the calendar unit before or after the
        // publication (a date, like "last year"); the smaller units stay one unit long ("the past week": P1W).
        if (unit === 'Y' || unit === 'DE') {
          return draft(m, 'DATE', granularityOfUnit(unit), { k: 'unit-shift', unit, n: lead === 'the past' || lead === 'the last' ? -1 : 1 }, this.rule, 0, trim);
        }
        return draft(m, 'DURATION', 'duration', { k: 'absolute', value: durationValue(1, unit) }, this.rule, 0, trim);
      }
      if (lead === 'the next' || lead === 'the following' || lead === 'the previous' || lead === 'the same') {
        const n = lead === 'the previous' ? -1 : lead === 'the same' ? 0 : 1;
        return draft(m, 'DATE', granularityOfUnit(unit), { k: 'story-shift', unit, n }, this.rule, 0, trim);
      }
      if (word === 'day') return null;
      const n = shiftOf(lead)!;
      return draft(m, 'DATE', unit === 'WE' ? 'day' : granularityOfUnit(unit), { k: 'unit-shift', unit, n }, this.rule, 0, trim);
    },
  },
  {
    rule: 'duration',
    starts: (lex) => ({ words: ['the', 'over', ...lex.numbers.keys()], digits: true }),
    source: (lex) =>
      `\\b(?:(the\\s+(?:past|last|next|previous|coming|first|following)|over\\s+the\\s+(?:past|last|next)|the)\\s+)?((?:${lex.re.number})(?:[\\s-](?:${lex.re.number}))?|\\d+(?:\\.\\d+)?)(\\s+1/2|\\s+and\\s+a\\s+half|\\s*½)?(?:\\s+|-)(?:more\\s+)?(${lex.re.unit})\\b(?:\\s+(ago|earlier|later|from\\s+now))?`,
    flags: 'gi',
    make(m, ctx) {
      let count = countOf(ctx.lex, m[2]!);
      let unit = unitOf(ctx.lex, m[4]!);
      if (count === null || !unit) return null;
      // "2 1/2 years", "two and a half years": a half unit more, in the next smaller unit where it has one.
      const half = m[3] !== undefined;
      if (half && count !== 'X') {
        const smaller = HALF_UNITS[unit.unit];
        if (!smaller) return null;
        if (m[5]) {
          count = count * smaller.per + smaller.per / 2;
          unit = { unit: smaller.unit, granularity: unit.granularity };
        } else {
          const value = `${durationValue(count, unit.unit)}${unit.unit === 'Y' || unit.unit === 'M' ? '' : unit.unit === 'D' ? 'T' : ''}${smaller.per / 2}${smaller.letter}`;
          return draft(m, 'DURATION', 'duration', { k: 'absolute', value }, this.rule, m[1]?.toLowerCase().startsWith('over ') ? m[0].toLowerCase().indexOf('the') : 0);
        }
      } else if (half) return null;
      const tail = ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 8);
      if (/^(?:-|\s+)old\b/i.test(tail)) return null; // ages: "a 12-year-old", "12 years old"
      if (typeof count === 'number' && count >= 1000 && /^\d{4}$/.test(m[2]!) && !/s$/i.test(m[4]!)) return null; // "the 2005 year": a year's name
      const written = m[2]!.toLowerCase();
      const before = wordBefore(ctx.text, m.index);
      const lead = m[1]?.toLowerCase().replace(/\s+/g, ' ') ?? '';
      const direction = m[5]?.toLowerCase().replace(/\s+/g, ' ');
      if ((written === 'a' || written === 'an') && !lead && !direction && !/^(for|in|within|about|over|than|nearly|almost|after|only|just|least|half|past|last|another|around|under|take|takes|took|taking|spend|spends|spent|lasted|lasts)$/.test(before)) return null;
      if (written === 'some' && !direction) return null;
      // "after a second motion", "a second time": "second" before a noun is the ordinal, not a second long.
      if (/^seconds?$/i.test(m[4]!) && /^(?:a|an)$/.test(written) && !lead && !direction && /^\s+[a-z]/.test(tail) && !/^\s+(?:ago|later|earlier|or|and|of|to|in|for|before|after|longer|too|each|per|at|on|the|while|when|until|from|with|by|or)\b/.test(tail)) return null;
      if (unit.unit === 'Q' && !lead && !direction) return null; // "three quarters of voters"
      if (unit.unit === 'D' && m[4]!.toLowerCase().startsWith('night') && !lead && (count === 'X' || written === 'a' || written === 'an')) return null; // "two nights", not "a night out"
      // "Islam will one day be…": after a modal, "one day" is an unspecified future, not a day long.
      if (written === 'one' && unit.unit === 'D' && !lead && !direction && !m[3] && /^one\s+day$/i.test(m[0]) && FUTURE_MODAL.test(ctx.text.slice(Math.max(0, m.index - 24), m.index))) {
        return draft(m, 'DATE', 'day', { k: 'absolute', value: 'FUTURE_REF' }, 'deictic');
      }
      let start = 0;
      if (lead.startsWith('over ')) start = m[0].toLowerCase().indexOf('the');
      // "the eight-year war", "the two day rally": the count and unit modify a noun, whose article stays outside
      // (TimeBank 5 of 5; "the nine months", "the two days of music" keep it).
      if (lead === 'the' && !direction && !half && !/^[-‐]/.test(tail) && (/-\s*$/.test(m[0].slice(0, m[0].length - m[4]!.length)) || (count !== 1 && !/s$/i.test(m[4]!)))) {
        start = m[0].indexOf(m[2]!);
      }
      // Weeks counted back or on from a day land on a day ("three weeks later" is a date, not a week).
      const days = unit.unit === 'W' ? 7 : unit.unit === '2W' ? 14 : 0;
      const shiftUnit = days && count !== 'X' ? 'D' : unit.unit;
      const per = days && count !== 'X' ? days : 1;
      if (direction === 'ago' || direction === 'from now') {
        const n = count === 'X' ? null : (direction === 'ago' ? -1 : 1) * count * per;
        return draft(m, 'DATE', granularityOfUnit(shiftUnit), { k: 'unit-shift', unit: shiftUnit, n }, this.rule, start);
      }
      if (direction === 'earlier' || direction === 'later') {
        const n = count === 'X' ? null : (direction === 'earlier' ? -1 : 1) * count * per;
        return draft(m, 'DATE', granularityOfUnit(shiftUnit), { k: 'story-shift', unit: shiftUnit, n }, this.rule, start);
      }
      return draft(m, 'DURATION', 'duration', { k: 'absolute', value: durationValue(count, unit.unit) }, this.rule, start);
    },
  },
  {
    rule: 'set',
    starts: (lex) => ({ words: ['every', 'each'] }),
    source: (lex) => `\\b(every|each)\\s+(?:(other)\\s+)?(day|week|month|year|quarter|morning|night|evening|${lex.re.weekday}|${lex.re.month})\\b`,
    flags: 'gi',
    make(m, ctx) {
      const word = m[3]!.toLowerCase();
      const month = ctx.lex.months.get(word);
      if (month !== undefined) {
        // "each July": the month of every year; a full name, capitalised ("every may" is a verb).
        if (!/^[A-Z][a-z]+$/.test(m[3]!) || ctx.lex.monthAbbreviations.has(word) || m[2]) return null;
        return draft(m, 'SET', 'duration', { k: 'absolute', value: `XXXX-${pad2(month)}` }, this.rule);
      }
      const n = m[2] ? 2 : 1;
      const wd = ctx.lex.weekdays.get(word);
      if (wd) return draft(m, 'SET', 'duration', { k: 'absolute', value: `XXXX-WXX-${wd}` }, this.rule);
      const unit = { day: 'D', week: 'W', month: 'M', year: 'Y', quarter: 'Q', morning: 'D', night: 'D', evening: 'D' }[word]!;
      const value = unit === 'Q' ? `P${3 * n}M` : `P${n}${unit}`;
      return draft(m, 'SET', 'duration', { k: 'absolute', value }, this.rule);
    },
  },
  {
    rule: 'clock',
    starts: (lex) => ({ digits: true }),
    source: (lex) =>
      `(?<![\\d.,])\\b(\\d{1,2})(?:[:.](\\d{2}))?\\s*(a\\.m\\.?|p\\.m\\.?|am\\b|pm\\b)(?:\\s+\\(?(${lex.re.zone})\\b\\)?)?`,
    flags: 'gi',
    make(m, ctx) {
      let h = Number(m[1]);
      const mm = m[2] ? Number(m[2]) : 0;
      if (h < 1 || h > 12 || mm > 59) return null;
      const pm = m[3]!.toLowerCase().startsWith('p');
      if (pm && h < 12) h += 12;
      if (!pm && h === 12) h = 0;
      let trim = 0;
      // "6 p.m." at the end of a sentence keeps its final period as the sentence's.
      return draft(m, 'TIME', 'time', { k: 'clock', time: `${pad2(h)}:${pad2(mm)}${zoneOf(ctx.lex, m[4])}` }, this.rule, 0, trim);
    },
  },
  {
    rule: 'clock-24',
    starts: (lex) => ({ words: ['at', 'by', 'until', 'from', 'before', 'after'] }),
    source: () => `\\b(?:at|by|until|from|before|after)\\s+(\\d{1,2}):(\\d{2})\\b(?![:.,]\\d)`,
    flags: 'gi',
    make(m) {
      const h = Number(m[1]);
      const mm = Number(m[2]);
      if (h > 24 || mm > 59) return null;
      const start = m[0].search(/\d/);
      return draft(m, 'TIME', 'time', { k: 'clock', time: `${pad2(h)}:${pad2(mm)}` }, this.rule, start);
    },
  },
  {
    // "18:00 UTC", "as of 16:08 UTC", "at 0800 GMT" (wire copy): a 24-hour time with its zone needs no preposition
    // before it.
    rule: 'clock-zone',
    starts: (lex) => ({ digits: true }),
    source: (lex) => `(?:(\\d{1,2}):(\\d{2})|([0-2]\\d)([0-5]\\d))\\s+(${lex.re.zone})\\b(?![:.,]\\d)`,
    flags: 'g',
    make(m, ctx) {
      const h = Number(m[1] ?? m[3]);
      const mm = Number(m[2] ?? m[4]);
      if (h > 24 || mm > 59) return null;
      return draft(m, 'TIME', 'time', { k: 'clock', time: `${pad2(h)}:${pad2(mm)}${zoneOf(ctx.lex, m[5])}` }, this.rule);
    },
  },
  {
    rule: 'clock-word',
    starts: (lex) => ({ words: ['noon', 'midday', 'midnight'] }),
    source: () => `\\b(noon|midday|midnight)\\b`,
    flags: 'gi',
    make(m, ctx) {
      const rel = ctx.lex.relative.get(m[1]!.toLowerCase())!;
      return draft(m, 'TIME', 'time', { k: 'clock', time: rel.offset }, this.rule);
    },
  },
  {
    rule: 'holiday',
    starts: (lex) => ({ words: [...lex.holidays.keys()].map((phrase) => phrase.split(/[\s.]/)[0]!) }),
    source: (lex) => `\\b(${lex.re.holiday})(?![\\w'’])(?:,?\\s+${Y}\\b(?![,.]\\d))?`,
    flags: 'g',
    make(m, ctx) {
      const h = ctx.lex.holidays.get(m[1]!.toLowerCase().replace(/’/g, "'").replace(/\s+/g, ' '));
      if (!h) return null;
      const spec = monthDaySpec(h.month, h.day, m[2]);
      return spec && draft(m, 'DATE', 'day', spec, this.rule);
    },
  },
];

interface Compiled {
  readonly patterns: readonly { pattern: Pattern; re: RegExp }[];
  /** Lower-case first word → indices of the patterns that may start with it. */
  readonly byWord: ReadonlyMap<string, readonly number[]>;
  readonly byDigit: readonly number[];
  /** Length of the longest first word. */
  readonly longest: number;
}

const compiled = new WeakMap<DateLexicon, Compiled>();

function compile(lex: DateLexicon): Compiled {
  let c = compiled.get(lex);
  if (!c) {
    const patterns = PATTERNS.map((pattern) => ({ pattern, re: new RegExp(pattern.source(lex), `${pattern.flags.replace('g', '')}y`) }));
    const byWord = new Map<string, number[]>();
    const byDigit: number[] = [];
    PATTERNS.forEach((pattern, i) => {
      const { words, digits } = pattern.starts(lex);
      for (const word of new Set([...(words ?? [])].map((w) => w.toLowerCase().replace(/['’].*$/, '')))) {
        const list = byWord.get(word) ?? [];
        list.push(i);
        byWord.set(word, list);
      }
      if (digits) byDigit.push(i);
    });
    c = { patterns, byWord, byDigit, longest: Math.max(...[...byWord.keys()].map((w) => w.length)) };
    compiled.set(lex, c);
  }
  return c;
}

const WORD = /[A-Za-z]+|\d+/g;

/**
 * Every pattern's drafts, overlaps not yet settled. The text is scanned into words once; a pattern is
 * tried (a sticky match) only where a word it can start with stands, so the cost does not grow with the
 * number of patterns times the text length.
 */
export function recogniseAll(ctx: RecogniseContext): Draft[] {
  const { patterns, byWord, byDigit, longest } = compile(ctx.lex);
  const { text } = ctx;
  const drafts: Draft[] = [];
  const word = new RegExp(WORD.source, 'g');
  const tryAt = (index: number, at: number) => {
    const { pattern, re } = patterns[index]!;
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) return;
    const d = pattern.make(m, ctx);
    if (d && d.end > d.start) drafts.push(d);
  };
  for (let m = word.exec(text); m; m = word.exec(text)) {
    const start = m.index;
    const code = text.charCodeAt(start);
    if (code >= 48 && code <= 57) {
      // A word character right before a number means it is inside a longer token ("A380").
      const prev = start > 0 ? text.charCodeAt(start - 1) : 32;
      if ((prev >= 65 && prev <= 90) || (prev >= 97 && prev <= 122)) continue;
      for (const i of byDigit) {
        tryAt(i, start);
        if (prev === 39 || prev === 0x2019) tryAt(i, start - 1); // "'90s"
      }
      continue;
    }
    const token = m[0];
    if (token.length > longest) continue;
    const list = byWord.get(code >= 65 && code <= 90 ? token.toLowerCase() : token);
    if (list) for (const i of list) tryAt(i, start);
  }
  return drafts;
}

/** Joins a clock time and the day written right after it ("noon Thursday", "10 p.m. Wednesday") into one time. */
export function joinTimes(text: string, drafts: Draft[]): Draft[] {
  const out: Draft[] = [];
  for (let i = 0; i < drafts.length; i++) {
    const a = drafts[i]!;
    const b = drafts[i + 1];
    if (b && a.spec.k === 'clock' && b.type === 'DATE' && b.granularity === 'day' && /^\s?,?\s+(?:on\s+)?$/.test(text.slice(a.end, b.start))) {
      out.push({ start: a.start, end: b.end, type: 'TIME', granularity: 'time', spec: { k: 'timed', day: b.spec, time: a.spec.time }, rule: `${b.rule}+${a.rule}`, mod: null });
      i++;
      continue;
    }
    // "about 8:10 am this morning": the clock time on the day of the part of day after it, one time.
    if (b && a.spec.k === 'clock' && b.spec.k === 'day-offset' && b.spec.part && /^\s+$/.test(text.slice(a.end, b.start))) {
      out.push({ start: a.start, end: b.end, type: 'TIME', granularity: 'time', spec: { k: 'timed', day: { k: 'day-offset', n: b.spec.n, part: null }, time: a.spec.time }, rule: `${b.rule}+${a.rule}`, mod: a.mod });
      i++;
      continue;
    }
    // "15:30 local time (1430 UTC) on Tuesday" (wire copy): both clock times are on the day written after the
    // second, which stays a date of its own.
    const c = drafts[i + 2];
    if (b && c && a.spec.k === 'clock' && b.spec.k === 'clock' && c.type === 'DATE' && c.granularity === 'day' && /^\s*\($/.test(text.slice(a.end, b.start)) && /^\)(?:\s*,)?\s+(?:on\s+)?$/.test(text.slice(b.end, c.start))) {
      out.push({ ...a, spec: { k: 'timed', day: c.spec, time: a.spec.time } }, { ...b, spec: { k: 'timed', day: c.spec, time: b.spec.time } });
      i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/** Keeps the longest of overlapping drafts (the earlier pattern on a tie), in text order. */
export function settleOverlaps(drafts: Draft[]): Draft[] {
  const order = drafts.map((d, i) => ({ d, i }));
  order.sort((a, b) => b.d.end - b.d.start - (a.d.end - a.d.start) || a.i - b.i);
  const kept: Draft[] = [];
  const taken: { start: number; end: number }[] = [];
  for (const { d } of order) {
    if (taken.some((t) => t.start < d.end && d.start < t.end)) continue;
    taken.push(d);
    kept.push(d);
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}
