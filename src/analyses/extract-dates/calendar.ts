/**
 * Calendar arithmetic on plain numbers (no `Date`, no time zone): days, ISO weeks, months and the
 * TIMEX3 strings built from them.
 */
export interface Day {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

export function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

/** Days since 1970-01-01 (proleptic Gregorian). */
export function dayNumber(day: Day): number {
  const y = day.m <= 2 ? day.y - 1 : day.y;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (day.m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day.d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromDayNumber(n: number): Day {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

export function addDays(day: Day, n: number): Day {
  return fromDayNumber(dayNumber(day) + n);
}

/** ISO weekday, Monday = 1 ... Sunday = 7. */
export function weekday(day: Day): number {
  return ((((dayNumber(day) + 3) % 7) + 7) % 7) + 1;
}

/** ISO week-numbering year and week. */
export function isoWeek(day: Day): { year: number; week: number } {
  const thursday = addDays(day, 4 - weekday(day));
  const jan1 = dayNumber({ y: thursday.y, m: 1, d: 1 });
  return { year: thursday.y, week: Math.floor((dayNumber(thursday) - jan1) / 7) + 1 };
}

export function formatDay(day: Day): string {
  return `${pad(day.y, 4)}-${pad(day.m)}-${pad(day.d)}`;
}

export function formatWeek(day: Day): string {
  const { year, week } = isoWeek(day);
  return `${pad(year, 4)}-W${pad(week)}`;
}

export function parseDay(value: string | null): Day | null {
  if (!value) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : null;
}

export function isValidDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y === 0 ? 2000 : y, m);
}

/** The month `n` months after (y, m). */
export function addMonths(y: number, m: number, n: number): { y: number; m: number } {
  const index = y * 12 + (m - 1) + n;
  return { y: Math.floor(index / 12), m: (index % 12) + 1 };
}

export function quarterOf(m: number): number {
  return Math.floor((m - 1) / 3) + 1;
}

/** The most recent day with this month and day not after `ref` (or, with `future`, the first not before). */
export function nearestMonthDay(ref: Day, m: number, d: number, future: boolean): Day {
  if (m === 2 && d === 29) {
    // February 29 only in a leap year: the nearest one in the right direction.
    let y = ref.y;
    const passed = ref.m > 2 || (ref.m === 2 && ref.d >= 29);
    if (future) {
      if (passed) y++;
      while (!isLeap(y)) y++;
    } else {
      if (!passed) y--;
      while (!isLeap(y)) y--;
    }
    return { y, m, d };
  }
  const sameYear = { y: ref.y, m, d };
  const cmp = m * 100 + d - (ref.m * 100 + ref.d);
  if (future) return cmp >= 0 ? sameYear : { y: ref.y + 1, m, d };
  return cmp <= 0 ? sameYear : { y: ref.y - 1, m, d };
}

/** The nearest day with ISO weekday `wd` not after `ref` (or not before, with `future`). */
export function nearestWeekday(ref: Day, wd: number, future: boolean): Day {
  const diff = wd - weekday(ref);
  if (future) return addDays(ref, (diff + 7) % 7);
  return addDays(ref, -((7 - diff) % 7));
}
