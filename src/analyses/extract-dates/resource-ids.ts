/**
 * The resources extract-dates reads, declared for `context.resources`. The values are the rows of
 * the TSV tables in `data/`, handed over by `../resources.ts`; only their row types are imported here.
 */
import type { HolidaysRow } from './data/holidays.generated.js';
import type { ModifiersRow } from './data/modifiers.generated.js';
import type { MonthsRow } from './data/months.generated.js';
import type { NumberWordsRow } from './data/number-words.generated.js';
import type { RelativeWordsRow } from './data/relative-words.generated.js';
import type { SeasonsRow } from './data/seasons.generated.js';
import type { TimeUnitsRow } from './data/time-units.generated.js';
import type { WeekdaysRow } from './data/weekdays.generated.js';
import type { YearContextRow } from './data/year-context.generated.js';
import type { LogisticRegression } from '../../learn/logistic-regression.js';

/** The trained chooser (models/dates.model): a two-class logistic regression and the margin a candidate must beat the rule's value by. */
export interface DateChooserModel {
  readonly model: LogisticRegression;
  readonly margin: number;
}

declare module '../../core/resources.js' {
  interface ResourceMap {
    'extract-dates/months': readonly MonthsRow[];
    'extract-dates/weekdays': readonly WeekdaysRow[];
    'extract-dates/seasons': readonly SeasonsRow[];
    'extract-dates/holidays': readonly HolidaysRow[];
    'extract-dates/modifiers': readonly ModifiersRow[];
    'extract-dates/number-words': readonly NumberWordsRow[];
    'extract-dates/time-units': readonly TimeUnitsRow[];
    'extract-dates/relative-words': readonly RelativeWordsRow[];
    'extract-dates/year-context': readonly YearContextRow[];
    'extract-dates/chooser': DateChooserModel;
  }
}

export const MONTHS = 'extract-dates/months';
export const WEEKDAYS = 'extract-dates/weekdays';
export const SEASONS = 'extract-dates/seasons';
export const HOLIDAYS = 'extract-dates/holidays';
export const MODIFIERS = 'extract-dates/modifiers';
export const NUMBER_WORDS = 'extract-dates/number-words';
export const TIME_UNITS = 'extract-dates/time-units';
export const RELATIVE_WORDS = 'extract-dates/relative-words';
export const YEAR_CONTEXT = 'extract-dates/year-context';

export const DATE_CHOOSER = 'extract-dates/chooser';

export const EXTRACT_DATES_RESOURCES = [MONTHS, WEEKDAYS, SEASONS, HOLIDAYS, MODIFIERS, NUMBER_WORDS, TIME_UNITS, RELATIVE_WORDS, YEAR_CONTEXT, DATE_CHOOSER] as const;
