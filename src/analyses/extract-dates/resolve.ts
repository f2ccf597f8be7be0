/**
 * Refiners: modifiers, ranges and the TIMEX3 value of each draft once its anchor is known.
 *
 * Anchors: deictic expressions ("yesterday", "last week", "on Monday", "three years ago") count from
 * the publication date; story-relative ones ("two days later", "the next day") from the nearest date
 * of the story before them; a month–day or month with no year takes the year of a stated date of the
 * same paragraph when that year differs from the publication's (the story set its own time frame),
 * else the publication date. With no anchor the unknown part stays `X`.
 */
import { addDays, addMonths, dayNumber, daysInMonth, formatDay, formatWeek, nearestMonthDay, nearestWeekday, pad, parseDay, quarterOf, weekday, type Day } from './calendar.js';
import type { DateLexicon, Mod } from './lexicon.js';
import type { Draft, Spec } from './recognise.js';

export interface Resolved {
  readonly value: string;
  readonly basis: 'stated' | 'inferred';
  /** `publishedAt`, the id of the anchoring record, or null. */
  readonly anchor: string | null;
}

/** A record resolved earlier in the text, as an anchor for later ones. */
export interface Earlier {
  readonly id: string;
  readonly start: number;
  readonly value: string;
  readonly basis: 'stated' | 'inferred';
  readonly paragraph: number;
  readonly sentence: number;
  /** Counted from another date of the story ("a year earlier"): never an anchor itself, so shifts do not chain. */
  readonly chained: boolean;
  /**
   * Written inside a noun phrase after a determiner ("the August 1988 cease-fire", "its 1995 election"): it names
   * a thing, not the time of the narrative, so it sets no time frame for later partial dates.
   */
  readonly attributive?: boolean;
}

export interface ResolveContext {
  readonly published: Day | null;
  /** True when the clause around `pos` speaks of the future ("will", "next"). */
  isFuture(pos: number): boolean;
  /**
   * `deadline` when a deadline word ("until", "by") leads the mention `start`–`end`, else `past` when its clause is in
   * the past tense, else null.
   */
  tense(start: number, end: number): 'deadline' | 'past' | null;
  /**
   * True when the sentence before `pos` holds a past verb ("signed a deal on Tuesday", "told the radio on
   * Saturday"; a participle after "is", "are" or "be" is no past: "is tipped to ask on Monday").
   */
  pastBefore(pos: number): boolean;
  /** True when the rest of the clause after `end` holds a past verb ("The next day, the commission announced…"). */
  pastAfter(end: number): boolean;
  /** True when a past auxiliary follows the mention right away ("games scheduled for Wednesday were held"). */
  pastRightAfter(end: number): boolean;
  paragraphOf(pos: number): number;
  sentenceOf(pos: number): number;
  /** True when "the nine months" (the year to date) is written earlier in the sentence of `pos`. */
  yearToDate(pos: number): boolean;
}

/** How many months ahead a bare month may lie and still be the nearest reading. */
const NEAR_MONTHS = 3;

/** How many months ahead a bare month after a deadline word ("by February") may lie and still be the coming one. */
const DEADLINE_MONTHS = 6;

/** How many days ahead of publication a month–day without a year may lie and still be read as that coming day. */
const NEAR_DAYS = 92;

function daysAhead(from: Day, to: Day): number {
  return (Date.UTC(to.y, to.m - 1, to.d) - Date.UTC(from.y, from.m - 1, from.d)) / 86_400_000;
}

const SEASON_START: Record<string, number> = { SP: 3, SU: 6, FA: 9, WI: 12 };

/** Extends drafts over a modifier written before them ("late 2009") or sets the mod of a signal ("before 2009"). */
const WIDENS_DURATION = new Set(['none', 'APPROX']);

/**
 * Extends drafts over a modifier written before them ("late 2009", "more than four hours", "earlier this
 * year") or sets the mod of a signal ("before 2009"). Durations take only approximations and bounds;
 * reference values ("now", "recently") take none.
 */
export function applyModifiers(text: string, lex: DateLexicon, drafts: Draft[]): void {
  for (const d of drafts) {
    if (d.type === 'SET' || (d.spec.k === 'absolute' && /_REF$/.test(d.spec.value))) continue;
    const before = text.slice(Math.max(0, d.start - 24), d.start).toLowerCase();
    for (const { phrase, mod } of lex.modifiersBefore) {
      const bound = /^(?:more|less|at|up|no|over|under)\b/.test(phrase);
      if (d.type === 'DURATION' ? !WIDENS_DURATION.has(mod) || (bound && /^the\s/i.test(text.slice(d.start, d.end))) : bound) continue;
      if (d.type !== 'DURATION' && mod === 'APPROX' && phrase === 'some') continue;
      if (!before.endsWith(`${phrase} `) && !before.endsWith(`${phrase}-`)) continue;
      const at = before.length - phrase.length - 1;
      if (at > 0 && /[a-z0-9]/.test(before[at - 1]!)) continue;
      d.start -= phrase.length + 1;
      if (mod !== 'none') d.mod = mod;
      break;
    }
    if (d.mod || d.type === 'DURATION') continue;
    // "after last week's protests": a signal before a possessive date governs the noun it modifies, not the date.
    if (/^['’]s?(?![\p{L}\p{N}])/u.test(text.slice(d.end, d.end + 3))) continue;
    for (const { phrase, mod } of lex.modifierSignals) {
      if (before.endsWith(` ${phrase} `) || before === `${phrase} `) {
        d.mod = mod;
        break;
      }
    }
  }
}

/** Pairs of drafts written as one range ("from 2001 to 2009", "2012 and 2013", "1998–2000"): index → other index. */
export function findRanges(text: string, drafts: readonly Draft[]): Map<number, number> {
  const pairs = new Map<number, number>();
  for (let i = 0; i + 1 < drafts.length; i++) {
    const a = drafts[i]!;
    const b = drafts[i + 1]!;
    if (a.type !== 'DATE' || b.type !== 'DATE') continue;
    const between = text.slice(a.end, b.start);
    if (between.length > 12) continue;
    const lead = text.slice(Math.max(0, a.start - 9), a.start).toLowerCase();
    const dash = /^\s*[-–—]\s*$/.test(between);
    const to = /^\s+(?:to|through|until|till)\s+$/i.test(between);
    const and = /^\s+and\s+$/i.test(between);
    const framed = /\b(?:from|between)\s+$/.test(lead);
    const years = a.granularity === 'year' && b.granularity === 'year';
    if (dash || (to && (framed || years)) || (and && (framed || years))) {
      pairs.set(i, i + 1);
      pairs.set(i + 1, i);
    }
  }
  return pairs;
}

function unknown(spec: Spec): string {
  switch (spec.k) {
    case 'month-day':
      return `XXXX-${pad(spec.m)}-${pad(spec.d)}`;
    case 'month':
    case 'month-of-year':
      return `XXXX-${pad(spec.m)}`;
    case 'season':
      return `XXXX-${spec.code}`;
    case 'weekday':
      return `XXXX-WXX-${spec.wd}${spec.part ? `T${spec.part}` : ''}`;
    case 'day-offset':
      return `XXXX-XX-XX${spec.part ? `T${spec.part}` : ''}`;
    case 'unit-shift':
    case 'story-shift':
      return spec.n === null ? (spec.k === 'unit-shift' ? 'PAST_REF' : 'XXXX') : unknownUnit(spec.unit);
    case 'quarter':
      return `XXXX-${spec.part}`;
    case 'clock':
    case 'timed':
      return `XXXX-XX-XXT${spec.time}`;
    case 'absolute':
      return spec.value;
  }
}

function unknownUnit(unit: string): string {
  switch (unit) {
    case 'D':
      return 'XXXX-XX-XX';
    case 'W':
    case '2W':
      return 'XXXX-WXX';
    case 'WE':
      return 'XXXX-WXX-WE';
    case 'M':
      return 'XXXX-XX';
    case 'Q':
      return 'XXXX-QX';
    case 'DE':
      return 'XXX';
    case 'CE':
      return 'XX';
    default:
      return 'XXXX';
  }
}

/** Shifts a day by `n` units and writes it at the unit's granularity. */
function shiftDay(ref: Day, unit: string, n: number): string {
  switch (unit) {
    case 'D':
      return formatDay(addDays(ref, n));
    case 'W':
      return formatWeek(addDays(ref, 7 * n));
    case '2W':
      return formatWeek(addDays(ref, 14 * n));
    case 'WE':
      // Early in the week "the weekend" is the one just past.
      return `${formatWeek(addDays(ref, 7 * n - (n === 0 && weekday(ref) <= 3 ? 7 : 0)))}-WE`;
    case 'M': {
      const t = addMonths(ref.y, ref.m, n);
      return `${pad(t.y, 4)}-${pad(t.m)}`;
    }
    case 'Q': {
      const t = addMonths(ref.y, ref.m, 3 * n);
      return `${pad(t.y, 4)}-Q${quarterOf(t.m)}`;
    }
    case 'Y':
      return pad(ref.y + n, 4);
    case 'DE':
      return String(Math.floor(ref.y / 10) + n);
    case 'CE':
      return pad(Math.floor(ref.y / 100) + n);
    case 'H':
    case 'MIN':
    case 'S':
      return formatDay(ref);
    default:
      return pad(ref.y + n, 4);
  }
}

/** Shifts a value of any granularity written in the story ("1989-Q3" a year earlier is "1988-Q3"). */
function shiftValue(value: string, unit: string, n: number): string | null {
  const day = parseDay(value);
  if (day && value.length === 10) return shiftDay(day, unit, n);
  let m = /^(\d{4})-Q([1-4])$/.exec(value);
  if (m && (unit === 'Y' || unit === 'Q')) {
    const q = Number(m[2]) - 1 + (unit === 'Y' ? 4 * n : n);
    const y = Number(m[1]) + Math.floor(q / 4);
    return `${y}-Q${(((q % 4) + 4) % 4) + 1}`;
  }
  m = /^(\d{4})-(\d{2})$/.exec(value);
  if (m && (unit === 'Y' || unit === 'M')) {
    const t = addMonths(Number(m[1]), Number(m[2]), unit === 'Y' ? 12 * n : n);
    return `${pad(t.y, 4)}-${pad(t.m)}`;
  }
  m = /^(\d{4})$/.exec(value);
  if (m && unit === 'Y') return pad(Number(m[1]) + n, 4);
  return null;
}

function valueFrom(spec: Spec, ref: Day, future: boolean): string {
  switch (spec.k) {
    case 'absolute':
      return spec.value;
    case 'month-day':
      return formatDay(nearestMonthDay(ref, spec.m, spec.d, future));
    case 'month': {
      let y = ref.y;
      if (spec.shift === -1) y = spec.m < ref.m ? ref.y : ref.y - 1;
      else if (spec.shift === 1) y = spec.m > ref.m ? ref.y : ref.y + 1;
      else if (spec.shift === null) {
        // A bare month is the nearest one to the reference (within six months), unless the clause is future.
        const ahead = (spec.m - ref.m + 12) % 12;
        y = future ? (spec.m >= ref.m ? ref.y : ref.y + 1) : ahead !== 0 && ahead <= NEAR_MONTHS ? (spec.m > ref.m ? ref.y : ref.y + 1) : spec.m <= ref.m ? ref.y : ref.y - 1;
      }
      return `${pad(y, 4)}-${pad(spec.m)}`;
    }
    case 'month-of-year':
      return `${pad(ref.y + spec.n, 4)}-${pad(spec.m)}`;
    case 'season': {
      const start = SEASON_START[spec.code] ?? 3;
      const current = ref.m <= 2 ? 0 : ref.m <= 5 ? 3 : ref.m <= 8 ? 6 : ref.m <= 11 ? 9 : 12;
      let y = ref.y;
      if (spec.shift === -1) y = start < current ? ref.y : ref.y - 1;
      else if (spec.shift === 1) y = start > current ? ref.y : ref.y + 1;
      else if (spec.code === 'WI' && current === 0) y = ref.y - 1;
      return `${pad(y, 4)}-${spec.code}`;
    }
    case 'weekday': {
      let day: Day;
      if (spec.shift === -1) day = nearestWeekday(addDays(ref, -1), spec.wd, false);
      else if (spec.shift === 1) day = nearestWeekday(addDays(ref, 1), spec.wd, true);
      else day = nearestWeekday(ref, spec.wd, future);
      return `${formatDay(day)}${spec.part ? `T${spec.part}` : ''}`;
    }
    case 'day-offset':
      return `${formatDay(addDays(ref, spec.n))}${spec.part ? `T${spec.part}` : ''}`;
    case 'unit-shift':
    case 'story-shift':
      return spec.n === null ? (spec.n === null && spec.k === 'unit-shift' ? 'PAST_REF' : unknownUnit(spec.unit)) : shiftDay(ref, spec.unit, spec.n);
    case 'quarter': {
      const half = spec.part.startsWith('H');
      const n = Number(spec.part.slice(1));
      const current = half ? (ref.m <= 6 ? 1 : 2) : quarterOf(ref.m);
      const y = spec.year ?? (spec.yearOfRef !== undefined ? ref.y + spec.yearOfRef : future ? (n >= current ? ref.y : ref.y + 1) : n <= current ? ref.y : ref.y - 1);
      return `${pad(y, 4)}-${spec.part}`;
    }
    case 'clock':
    case 'timed':
      return `${formatDay(ref)}T${spec.time}`;
  }
}

function isPartial(spec: Spec): boolean {
  return spec.k === 'month-day' || (spec.k === 'month' && spec.shift === null);
}

/** How far back (characters) a quarter or month still frames "a year ago". */
const PERIOD_REACH = 400;

const PERIOD = /^\d{4}-(?:Q[1-4]|H[12]|\d{2})$/;

function yearOf(value: string): number | null {
  const m = /^(\d{4})(?:-|$)/.exec(value);
  return m ? Number(m[1]) : null;
}

/** A shift back by whole years ("a year ago", "a year earlier", "year-ago", "the 1988 period"): how many, else null. */
export function yearsBackOf(spec: Spec): number | null {
  if (spec.k === 'story-shift' && spec.year !== undefined) return 1;
  if ((spec.k === 'unit-shift' || spec.k === 'story-shift') && spec.unit === 'Y' && spec.n !== null && spec.n < 0) return -spec.n;
  return null;
}

/** The value, basis and anchor of one draft, given the records resolved before it. */
export function resolveDraft(d: Draft, earlier: readonly Earlier[], ctx: ResolveContext): Resolved {
  const { spec } = d;
  if (spec.k === 'timed') {
    // Literals with every field in the declared order (no spread): one shape per record kind.
    const day = resolveDraft({ start: d.start, end: d.end, type: 'DATE', granularity: 'day', spec: spec.day, rule: d.rule, mod: d.mod }, earlier, ctx);
    return { value: `${day.value.slice(0, 10)}T${spec.time}`, basis: day.basis, anchor: day.anchor };
  }
  if (spec.k === 'absolute') return { value: spec.value, basis: 'stated', anchor: null };
  if (spec.k === 'quarter' && spec.year !== null) return { value: `${spec.year}-${spec.part}`, basis: 'stated', anchor: null };
  const future = ctx.isFuture(d.start);
  const published = ctx.published;

  // A bare weekday the story already named ("Tomorrow, a Tuesday", "a game Wednesday … games scheduled for
  // Wednesday were held"): when an earlier day of the story is one of its two readings (the last or the coming
  // one), it is that day, unless its own clause says otherwise: a future cue for a day gone by ("the next sale
  // will open on Monday"; "scheduled for Wednesday were held" is past again), a past verb before it for a day
  // to come ("the party announced its support on Monday").
  if (spec.k === 'weekday' && spec.shift === null && published) {
    const same = namedWeekday(spec.wd, published, earlier);
    if (same) {
      const gone = dayNumber(same.day) < dayNumber(published);
      const ahead = dayNumber(same.day) > dayNumber(published);
      const conflict = (gone && future && !ctx.pastRightAfter(d.end)) || (ahead && !future && ctx.pastBefore(d.start));
      if (!conflict) return { value: `${formatDay(same.day)}${spec.part ? `T${spec.part}` : ''}`, basis: 'inferred', anchor: same.id };
    }
  }

  if (isPartial(spec)) {
    // A stated date of this paragraph in another year sets the story's frame.
    const paragraph = ctx.paragraphOf(d.start);
    for (let i = earlier.length - 1; i >= 0; i--) {
      const e = earlier[i]!;
      if (e.paragraph !== paragraph) break;
      const y = yearOf(e.value);
      if (e.basis !== 'stated' || y === null || e.value.length < 7 || e.attributive) continue;
      if (published && y === published.y) break;
      const ref: Day = { y, m: 12, d: 31 };
      const value = spec.k === 'month-day' ? `${pad(y, 4)}-${pad(spec.m)}-${pad(spec.d)}` : spec.k === 'month' ? `${pad(y, 4)}-${pad(spec.m)}` : valueFrom(spec, ref, false);
      return { value, basis: 'inferred', anchor: e.id };
    }
    if (published) {
      // News style writes the year only when it is not the current one: a month–day a few months ahead of
      // publication ("expire Nov. 21", "by Dec. 15") is that coming day unless the clause is in the past tense.
      const tense = future ? null : ctx.tense(d.start, d.end);
      const ahead = !future && spec.k === 'month-day' && daysAhead(published, nearestMonthDay(published, spec.m, spec.d, true)) <= NEAR_DAYS && tense !== 'past';
      if (spec.k === 'month' && tense !== null) {
        // A bare month: "by February" is the coming one (up to six months ahead: "this year through August" in
        // October is the last August); "in December" in a past-tense clause is the last one.
        const coming = tense === 'deadline' && (spec.m - published.m + 12) % 12 <= DEADLINE_MONTHS;
        const y = coming ? (spec.m >= published.m ? published.y : published.y + 1) : spec.m <= published.m ? published.y : published.y - 1;
        return { value: `${pad(y, 4)}-${pad(spec.m)}`, basis: 'inferred', anchor: 'publishedAt' };
      }
      return { value: valueFrom(spec, published, future || ahead), basis: 'inferred', anchor: 'publishedAt' };
    }
    for (let i = earlier.length - 1; i >= 0; i--) {
      const e = earlier[i]!;
      const y = yearOf(e.value);
      if (y === null) continue;
      const value = spec.k === 'month-day' ? `${pad(y, 4)}-${pad(spec.m)}-${pad(spec.d)}` : spec.k === 'month' ? `${pad(y, 4)}-${pad(spec.m)}` : valueFrom(spec, { y, m: 12, d: 31 }, false);
      return { value, basis: 'inferred', anchor: e.id };
    }
    return { value: unknown(spec), basis: 'stated', anchor: null };
  }

  // "For the nine months, net rose to $5 million from $4 million a year earlier": the nine months span three
  // quarters, so the year before is the year, not the story's quarter (TimeBank 5 of 7; "the 1988 period" too).
  const back = yearsBackOf(spec);
  if (back !== null && ctx.yearToDate(d.start)) {
    if (spec.k === 'story-shift' && spec.year !== undefined) return { value: pad(spec.year, 4), basis: 'stated', anchor: null };
    for (let i = earlier.length - 1; i >= 0; i--) {
      const e = earlier[i]!;
      const y = yearOf(e.value);
      if (e.chained || e.attributive || y === null || !PERIOD.test(e.value)) continue;
      return { value: pad(y - back, 4), basis: 'inferred', anchor: e.id };
    }
    if (published) return { value: pad(published.y - back, 4), basis: 'inferred', anchor: 'publishedAt' };
  }

  // "a year ago" shortly after a quarter or a month: that period a year before ("last year" stays the year).
  if (spec.k === 'unit-shift' && spec.unit === 'Y' && spec.n !== null && spec.n < 0 && d.rule === 'duration') {
    for (let i = earlier.length - 1; i >= 0 && d.start - earlier[i]!.start <= PERIOD_REACH; i--) {
      const e = earlier[i]!;
      if (e.chained || !PERIOD.test(e.value)) continue;
      const shifted = shiftValue(e.value, 'Y', spec.n);
      if (shifted !== null) return { value: shifted, basis: 'inferred', anchor: e.id };
    }
  }

  // "two days later", "three weeks earlier": counted from the story's last date before them, a day or a stated
  // month, quarter or year; with none, from the publication date as below.
  const fromStory = spec.k === 'story-shift' && spec.unit === 'D' && spec.n !== null && d.rule === 'duration' ? countedFromStory(spec.n, earlier, ctx.paragraphOf(d.start)) : undefined;
  if (fromStory) return fromStory;

  // A clock time with no day of its own ("around 7:38 pm", "By 5:00 pm EDT") is on the day the story last
  // spoke of, in its sentence or before it ("Yesterday, … The aircraft overshot the runway around 7:38 pm"), a
  // time's day included; a year, month or week in between is the story's frame and leaves no day to take, so the
  // publication date stands (below). Durations, sets, reference values and dates that name a thing are passed over.
  if (spec.k === 'clock') {
    for (let i = earlier.length - 1; i >= 0; i--) {
      const e = earlier[i]!;
      if (e.attributive || !/^\d{4}/.test(e.value)) continue;
      const day = FULL_DAY_PREFIX.test(e.value) ? parseDay(e.value) : null;
      if (day) return { value: `${formatDay(day)}T${spec.time}`, basis: 'inferred', anchor: e.id };
      break;
    }
  }
  if (spec.k === 'story-shift' && fromStory === undefined) {
    for (let i = earlier.length - 1; i >= 0; i--) {
      const e = earlier[i]!;
      if (spec.n === null) break;
      if (e.chained && (spec.unit === 'Y' || spec.unit === 'Q')) continue; // "a year earlier" twice is not two years
      // "by 1992 it intended … an earnings increase for the full year": a year after the publication's is a target,
      // not the year the story reports on.
      if (spec.whole && ctx.published && (yearOf(e.value) ?? 0) > ctx.published.y) continue;
      if (spec.unit === 'Q' && !/-Q[1-4]$/.test(e.value)) continue; // "the quarter": the story's quarter
      // "the 1988 quarter": the story's quarter in the year written.
      if (spec.year !== undefined) return { value: `${pad(spec.year, 4)}${e.value.slice(4)}`, basis: 'inferred', anchor: e.id };
      // "the year-ago quarter": a quarter or half of the story, not a month or day that came in between.
      if (d.granularity === 'quarter' && spec.unit === 'Y' && !/-(?:Q[1-4]|H[12])$/.test(e.value)) continue;
      if (spec.completed && ctx.published && e.value >= shiftDay(ctx.published, 'Q', 0)) continue; // not yet completed
      const shifted = shiftValue(e.value, spec.unit, spec.n);
      // "for the year": the whole year of the story's date, not its quarter or day.
      if (shifted !== null) return { value: spec.whole && spec.unit === 'Y' ? shifted.slice(0, 4) : shifted, basis: 'inferred', anchor: e.id };
    }
  }
  // "the 1988 quarter" with no quarter in the story before: the year written is all that is known.
  if (spec.k === 'story-shift' && spec.year !== undefined) return { value: pad(spec.year, 4), basis: 'stated', anchor: null };
  if (published) {
    // "The next day, the commission announced…" with no day of the story before it: the story's day is not
    // known, and the day after the publication cannot be told of in the past tense.
    if (spec.k === 'story-shift' && spec.unit === 'D' && spec.n !== null && spec.n > 0 && spec.fallback === undefined && (ctx.pastBefore(d.start) || ctx.pastAfter(d.end))) {
      return { value: unknown(spec), basis: 'stated', anchor: null };
    }
    if (spec.k === 'story-shift' && spec.fallback !== undefined) {
      // No period in the story before: the quarter just reported (or the current one), from the publication date.
      const value =
        d.granularity === 'quarter'
          ? spec.unit === 'Q'
            ? shiftDay(published, 'Q', spec.fallback)
            : shiftValue(shiftDay(published, 'Q', -1), 'Y', spec.fallback) ?? unknown(spec)
          : shiftDay(published, spec.unit, spec.fallback);
      return { value, basis: 'inferred', anchor: 'publishedAt' };
    }
    let value = valueFrom(spec, published, future);
    if (spec.k === 'quarter' && spec.yearShift) value = shiftValue(value, 'Y', spec.yearShift) ?? value;
    return { value, basis: 'inferred', anchor: 'publishedAt' };
  }
  // No publication date: a full date written in the headline or the lead (a dateline, "ROTTERDAM, March 4,
  // 2024 —") is the story's own date and stands for it.
  const dateline = earlier.find((e) => e.paragraph <= DATELINE_PARAGRAPHS && e.basis === 'stated' && FULL_DAY.test(e.value));
  const storyDay = dateline ? parseDay(dateline.value) : null;
  if (dateline && storyDay) {
    let value = valueFrom(spec, storyDay, future);
    if (spec.k === 'quarter' && spec.yearShift) value = shiftValue(value, 'Y', spec.yearShift) ?? value;
    return { value, basis: 'inferred', anchor: dateline.id };
  }
  return { value: unknown(spec), basis: 'stated', anchor: null };
}

/** A value that holds a whole day (`2020-08-07`, `2020-08-07T19:38`), no unknown part. */
const FULL_DAY_PREFIX = /^\d{4}-\d{2}-\d{2}(?:$|T)/;

/** A day, or a part of one (`2020-08-07`, `2020-08-07TNI`), not a clock time (which may have taken its day from the weekday). */
const WHOLE_DAY = /^\d{4}-\d{2}-\d{2}(?:T(?:MO|AF|EV|NI|DT))?$/;

/**
 * The story's latest earlier day that is the last or the coming `wd` from the publication date, with its
 * record id, else null. Dates that name a thing ("the May 3 vote") are passed over.
 */
function namedWeekday(wd: number, published: Day, earlier: readonly Earlier[]): { day: Day; id: string } | null {
  const last = formatDay(nearestWeekday(published, wd, false));
  const coming = formatDay(nearestWeekday(published, wd, true));
  for (let i = earlier.length - 1; i >= 0; i--) {
    const e = earlier[i]!;
    if (e.attributive || !WHOLE_DAY.test(e.value)) continue;
    const day = e.value.slice(0, 10);
    if (day === last || day === coming) return { day: parseDay(day)!, id: e.id };
  }
  return null;
}

const STORY_PERIOD = /^(\d{4})(?:-(\d{2}|Q[1-4]|H[12]))?$/;

/**
 * "N days later / earlier" from the nearest date of the story before it. From a day, that day shifted; from a
 * month, quarter or year stated in the same paragraph ("In March 2020 … Two weeks later"), the month or year
 * that holds every day the shift can reach from it (March 1 + 14 and March 31 + 14 differ in month, so `2020`),
 * or the day unknown when that crosses a year (a date itself counted from the story counts as stated). Periods
 * read from the publication ("last month", "in February") and periods of other paragraphs are passed over.
 * Null when no date is found: then the publication date is the anchor.
 */
function countedFromStory(n: number, earlier: readonly Earlier[], paragraph: number): Resolved | null {
  for (let i = earlier.length - 1; i >= 0; i--) {
    const e = earlier[i]!;
    const day = parseDay(e.value);
    if (day && e.value.length === 10) return { value: formatDay(addDays(day, n)), basis: 'inferred', anchor: e.id };
    // A period frames the narrative only in the same paragraph ("since 1992" two paragraphs up does not), and only
    // when written as a date or counted from one: "February", "last month" are read from the publication.
    if (e.paragraph !== paragraph || (e.basis !== 'stated' && !e.chained)) continue;
    const m = STORY_PERIOD.exec(e.value);
    // A date itself counted from the story ("two weeks later … three days later") is the story's time, known or not.
    if (!m && e.chained && e.value.startsWith('XXXX')) return { value: 'XXXX-XX-XX', basis: 'stated', anchor: null };
    if (!m) continue;
    const y = Number(m[1]);
    const part = m[2];
    const [first, last] =
      part === undefined ? [1, 12] : part.startsWith('Q') ? [3 * Number(part[1]) - 2, 3 * Number(part[1])] : part.startsWith('H') ? [part === 'H1' ? 1 : 7, part === 'H1' ? 6 : 12] : [Number(part), Number(part)];
    const from = addDays({ y, m: first, d: 1 }, n);
    const to = addDays({ y, m: last, d: daysInMonth(y, last) }, n);
    const monthly = part !== undefined && /^\d{2}$/.test(part);
    if (monthly && from.y === to.y && from.m === to.m) return { value: `${pad(from.y, 4)}-${pad(from.m)}`, basis: 'inferred', anchor: e.id };
    if (from.y === to.y) return { value: pad(from.y, 4), basis: 'inferred', anchor: e.id };
    return { value: 'XXXX-XX-XX', basis: 'stated', anchor: null };
  }
  return null;
}

/** Paragraphs (from 0, the headline) in which a full date may be the story's dateline. */
const DATELINE_PARAGRAPHS = 1;
const FULL_DAY = /^\d{4}-\d{2}-\d{2}$/;

export type { Mod };
