/**
 * What the recognisers read from the data tables, built once per resource value: word → number maps
 * and the regular-expression alternations the patterns are made of.
 */
import { resourceValue, type Resources } from '../../core/resources.js';
import { derivedFrom } from '../memo.js';
import type { HolidaysRow } from './data/holidays.generated.js';
import type { ModifiersRow } from './data/modifiers.generated.js';
import type { MonthsRow } from './data/months.generated.js';
import type { NumberWordsRow } from './data/number-words.generated.js';
import type { RelativeWordsRow } from './data/relative-words.generated.js';
import type { SeasonsRow } from './data/seasons.generated.js';
import type { TimeUnitsRow } from './data/time-units.generated.js';
import type { WeekdaysRow } from './data/weekdays.generated.js';
import type { YearContextRow } from './data/year-context.generated.js';
import { HOLIDAYS, MODIFIERS, MONTHS, NUMBER_WORDS, RELATIVE_WORDS, SEASONS, TIME_UNITS, WEEKDAYS, YEAR_CONTEXT } from './resource-ids.js';

export type Mod = 'START' | 'MID' | 'END' | 'APPROX' | 'BEFORE' | 'AFTER';

/** A modifier row: `none` widens the span and leaves the mod alone. */
export type ModRow = Mod | 'none';

export interface TimeUnit {
  /** Duration letter(s): `D`, `W`, `M`, `Y`, `H`, `DE`, `CE`, `Q`, `2W`. */
  readonly unit: string;
  readonly granularity: string;
}

export interface RelativeWord {
  readonly kind: string;
  readonly offset: string;
}

export interface DateLexicon {
  readonly months: ReadonlyMap<string, number>;
  /** Lower-case month abbreviations ("jan", "sept"). */
  readonly monthAbbreviations: ReadonlySet<string>;
  readonly weekdays: ReadonlyMap<string, number>;
  readonly seasons: ReadonlyMap<string, string>;
  readonly holidays: ReadonlyMap<string, { month: number; day: number }>;
  /** Lower-case phrase → mod, split by whether the phrase is part of the mention. */
  readonly modifiersBefore: readonly { phrase: string; mod: ModRow }[];
  readonly modifierSignals: readonly { phrase: string; mod: Mod }[];
  /** Lower-case word → count; `X` for unspecified ("several"). */
  readonly numbers: ReadonlyMap<string, string>;
  readonly units: ReadonlyMap<string, TimeUnit>;
  readonly relative: ReadonlyMap<string, RelativeWord>;
  /** Adjectives that alone refer to a time ("current realities" → `PRESENT_REF`; relative-words kind `ref-adjective`). */
  readonly referenceAdjectives: ReadonlyMap<string, string>;
  /** Time zone written after a clock time → what it adds to the value: `Z` for UTC and GMT, `''` for a zone kept in the span only (relative-words kind `zone`). */
  readonly zones: ReadonlyMap<string, string>;
  /** Lower-case word before a four-digit number → `year`, `count` or `label`. */
  readonly yearContext: ReadonlyMap<string, string>;
  /** Alternations (no groups), longest first. */
  readonly re: {
    readonly month: string;
    readonly weekday: string;
    readonly season: string;
    readonly holiday: string;
    readonly number: string;
    /** A year said in words, "nineteen ninety-four", "eighteen hundred" (broadcast transcripts). */
    readonly spelledYear: string;
    readonly unit: string;
    /** Time zones after a clock time ("18:00 UTC", "5 p.m. EST"; relative-words kind `zone`, case as written). */
    readonly zone: string;
    /** Words that put a clause in the future (relative-words kind `future-cue`). */
    readonly futureCue: string;
    /** Words right before a future cue that put it in the past ("had been scheduled"; relative-words kind `future-void`). */
    readonly futureVoid: string;
    /** Past-tense words that keep a month–day in the clause the most recent one (relative-words kind `past-cue`). */
    readonly pastCue: string;
    /** Words right before a month–day that make it a deadline, so the next one (relative-words kind `deadline`). */
    readonly deadline: string;
    /** Irregular past-tense verbs that, right before a weekday or month–day, make it a past one (kind `past-verb`). */
    readonly pastVerb: string;
    /** Names that hold a date word and are no date (relative-words kind `name`: `Sunday Times`, `Sheffield Wednesday`). */
    readonly name: string;
  };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’]").replace(/ /g, '\\s+');
}

function alternation(words: Iterable<string>): string {
  return [...new Set(words)].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).map(escape).join('|');
}

/** Capitalised and lower-case forms of a name ("March", "march"); the patterns are case-sensitive. */
function cased(word: string): string[] {
  const lower = word.toLowerCase();
  return [word, lower, lower.charAt(0).toUpperCase() + lower.slice(1), word.toUpperCase()];
}

const build = derivedFrom(
  (
    months: readonly MonthsRow[],
    weekdays: readonly WeekdaysRow[],
    seasons: readonly SeasonsRow[],
    holidays: readonly HolidaysRow[],
    modifiers: readonly ModifiersRow[],
    numbers: readonly NumberWordsRow[],
    units: readonly TimeUnitsRow[],
    relative: readonly RelativeWordsRow[],
    yearContext: readonly YearContextRow[],
  ): DateLexicon => {
    const monthMap = new Map<string, number>();
    const monthForms: string[] = [];
    const monthAbbreviations = new Set<string>();
    for (const row of months) {
      monthMap.set(row.word.toLowerCase(), Number(row.month));
      // An abbreviation is a month word that begins a longer one ("Sept", "Jan"); it may take a period.
      const abbreviation = months.some((other) => other.word.length > row.word.length && other.word.startsWith(row.word));
      if (abbreviation) monthAbbreviations.add(row.word.toLowerCase());
      for (const form of cased(row.word)) {
        monthForms.push(form);
        if (abbreviation) monthForms.push(`${form}.`);
      }
    }
    const weekdayMap = new Map(weekdays.map((row) => [row.word.toLowerCase(), Number(row.day)]));
    const weekdayForms = weekdays.flatMap((row) => cased(row.word));
    const seasonMap = new Map(seasons.map((row) => [row.word.toLowerCase(), row.code]));
    const holidayMap = new Map(holidays.map((row) => [row.phrase.toLowerCase().replace(/’/g, "'"), { month: Number(row.month), day: Number(row.day) }]));
    const mods = modifiers.map((row) => ({ phrase: row.phrase.toLowerCase(), mod: row.mod as ModRow, place: row.place }));
    const byLength = (a: { phrase: string }, b: { phrase: string }) => b.phrase.length - a.phrase.length;
    const numberMap = new Map(numbers.map((row) => [row.word.toLowerCase(), row.value]));
    const unitMap = new Map<string, TimeUnit>();
    for (const row of units) {
      const unit = { unit: row.unit, granularity: row.granularity };
      unitMap.set(row.word, unit);
      unitMap.set(row.word === 'century' ? 'centuries' : `${row.word}s`, unit);
    }
    return {
      months: monthMap,
      monthAbbreviations,
      weekdays: weekdayMap,
      seasons: seasonMap,
      holidays: holidayMap,
      modifiersBefore: mods.filter((m) => m.place === 'before').sort(byLength),
      modifierSignals: mods.filter((m) => m.place === 'signal' && m.mod !== 'none').map((m) => ({ phrase: m.phrase, mod: m.mod as Mod })).sort(byLength),
      numbers: numberMap,
      units: unitMap,
      yearContext: new Map(yearContext.map((row) => [row.word.toLowerCase(), row.role])),
      relative: new Map(relative.filter((row) => row.kind !== 'ref-adjective' && row.kind !== 'zone' && row.kind !== 'name').map((row) => [row.word.toLowerCase(), { kind: row.kind, offset: row.offset }])),
      referenceAdjectives: new Map(relative.filter((row) => row.kind === 'ref-adjective').map((row) => [row.word.toLowerCase(), row.offset])),
      zones: new Map(relative.filter((row) => row.kind === 'zone').map((row) => [row.word, row.offset === '-' ? '' : row.offset])),
      re: {
        month: alternation(monthForms),
        weekday: alternation(weekdayForms),
        season: alternation(seasons.flatMap((row) => cased(row.word))),
        holiday: alternation(holidays.map((row) => row.phrase)),
        number: alternation(numbers.map((row) => row.word)),
        spelledYear: spelledYearSource(numbers),
        unit: alternation(unitMap.keys()),
        zone: alternation(relative.filter((row) => row.kind === 'zone').map((row) => row.word)),
        futureCue: alternation(relative.filter((row) => row.kind === 'future-cue').map((row) => row.word)),
        futureVoid: alternation(relative.filter((row) => row.kind === 'future-void').map((row) => row.word)),
        pastCue: alternation(relative.filter((row) => row.kind === 'past-cue').map((row) => row.word)),
        deadline: alternation(relative.filter((row) => row.kind === 'deadline').map((row) => row.word)),
        pastVerb: alternation(relative.filter((row) => row.kind === 'past-verb').map((row) => row.word)),
        name: alternation(relative.filter((row) => row.kind === 'name').map((row) => row.word)),
      },
    };
  },
);

/**
 * A year in words is a "century" word (thirteen to twenty: "ten thirty", "eleven fifteen" are clock
 * times) and a two-digit part: a word from ten to
 * nineteen, a tens word with an optional unit ("ninety-four"), or "hundred". No group captures.
 */
function spelledYearSource(numbers: readonly NumberWordsRow[]): string {
  const words = (test: (n: number) => boolean) =>
    alternation(numbers.filter((row) => /^[a-z]{3,}$/.test(row.word) && row.value !== 'X' && test(Number(row.value))).map((row) => row.word));
  const century = words((n) => n >= 13 && n <= 20);
  const teen = words((n) => n >= 10 && n <= 19);
  const tens = words((n) => n >= 20 && n <= 90 && n % 10 === 0);
  const unit = words((n) => n >= 1 && n <= 9);
  return `(?:${century})\\s+(?:(?:${tens})(?:[\\s-]+(?:${unit}))?|${teen}|hundred)`;
}

export function dateLexicon(resources: Resources): DateLexicon {
  return build(
    resourceValue(resources, MONTHS),
    resourceValue(resources, WEEKDAYS),
    resourceValue(resources, SEASONS),
    resourceValue(resources, HOLIDAYS),
    resourceValue(resources, MODIFIERS),
    resourceValue(resources, NUMBER_WORDS),
    resourceValue(resources, TIME_UNITS),
    resourceValue(resources, RELATIVE_WORDS),
    resourceValue(resources, YEAR_CONTEXT),
  );
}
