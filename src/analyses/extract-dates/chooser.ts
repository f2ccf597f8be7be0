/**
 * The learned chooser of extract-dates: for the decisions the rules of `resolve.ts` get wrong most often,
 * every reading the text allows is a candidate value, and a logistic regression (the shared `src/learn`
 * module, trained on TempEval-3 TimeBank by `npm run train -- dates`) scores each candidate; the best one
 * replaces the rule's value when it beats it by the model's margin.
 *
 * Two families of decisions:
 * - direction of a partial date (a bare weekday, month, month–day, season or quarter) counted from the
 *   publication date: the most recent or the coming one (a date the rules count from the story's own time
 *   frame keeps the rules' anchor);
 * - granularity of a shift back ("a year ago", "a year earlier", "year-ago"): the year, or the
 *   publication's quarter, month or day a year back, or the quarter the story spoke of before.
 *
 * Features (hashed, each joined with the candidate's kind): the rule's own choice, the clause's tense cues,
 * the words around the mention, the kind of mention, the story's last stated date relative to the
 * publication, and how far the candidate lies from the publication date.
 */
import { combine, featureId, hashLower, hashString } from '../../learn/hash.js';
import { binaryLogOdds, type LogisticRegression } from '../../learn/logistic-regression.js';
import { dayNumber, formatDay, nearestMonthDay, nearestWeekday, pad, quarterOf, type Day } from './calendar.js';
import type { Draft } from './recognise.js';
import type { Earlier } from './resolve.js';

/** The feature templates, in the order of their template ids (stored in the model header). */
export const CHOOSER_TEMPLATES = [
  'kind',
  'kind×rule-choice',
  'kind×spec',
  'kind×future-cue',
  'kind×tense',
  'kind×word-1',
  'kind×word-2',
  'kind×word-3',
  'kind×word+1',
  'kind×past-verb-before',
  'kind×story-frame',
  'kind×delta',
  'kind×spec×delta',
  'kind×mention',
  'kind×period-before',
  'kind×paragraph',
  'kind×granularity',
] as const;

const T = Object.fromEntries(CHOOSER_TEMPLATES.map((t, i) => [t, i])) as Record<(typeof CHOOSER_TEMPLATES)[number], number>;

export interface Candidate {
  /** What reading it is: `past`, `future`, `day`, `month`, `quarter`, `year`, `story-period`, or `rule` (the rules' own value). */
  readonly kind: string;
  readonly value: string;
  /** `publishedAt` or the id of the record counted from. */
  readonly anchor: string;
}

/** What the analysis knows around one mention: its clause's tense and its text. */
export interface ChooserContext {
  readonly text: string;
  readonly published: Day;
  readonly future: boolean;
  readonly tense: 'deadline' | 'past' | null;
  readonly paragraph: number;
}

export interface Decision {
  readonly family: 'direction' | 'granularity';
  readonly candidates: readonly Candidate[];
}

const PERIOD = /^\d{4}-(?:Q[1-4]|H[12]|\d{2})$/;
const FULL_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** How far back (characters) the quarter the story spoke of still counts for "a year ago". */
const PERIOD_REACH = 1000;

function monthValue(ref: Day, m: number, future: boolean): string {
  const y = future ? (m >= ref.m ? ref.y : ref.y + 1) : m <= ref.m ? ref.y : ref.y - 1;
  return `${pad(y, 4)}-${pad(m)}`;
}

const SEASON_START: Record<string, number> = { SP: 3, SU: 6, FA: 9, WI: 12 };

function partialValue(d: Draft, ref: Day, future: boolean): string | null {
  const { spec } = d;
  switch (spec.k) {
    case 'weekday':
      return spec.shift === null ? `${formatDay(nearestWeekday(ref, spec.wd, future))}${spec.part ? `T${spec.part}` : ''}` : null;
    case 'month':
      return spec.shift === null ? monthValue(ref, spec.m, future) : null;
    case 'month-day':
      return formatDay(nearestMonthDay(ref, spec.m, spec.d, future));
    case 'season': {
      if (spec.shift !== null) return null;
      const start = SEASON_START[spec.code] ?? 3;
      const y = future ? (start >= ref.m - 2 ? ref.y : ref.y + 1) : start <= ref.m ? ref.y : ref.y - 1;
      return `${pad(y, 4)}-${spec.code}`;
    }
    case 'quarter': {
      if (spec.year !== null || spec.yearShift || spec.yearOfRef !== undefined || spec.part.startsWith('H')) return null;
      const n = Number(spec.part.slice(1));
      const current = quarterOf(ref.m);
      const y = future ? (n >= current ? ref.y : ref.y + 1) : n <= current ? ref.y : ref.y - 1;
      return `${pad(y, 4)}-${spec.part}`;
    }
    default:
      return null;
  }
}

function addCandidate(list: Candidate[], kind: string, value: string | null, anchor: string): void {
  if (value !== null) list.push({ kind, value, anchor });
}

/** A shift back by whole years ("a year ago", "two years earlier", "year-ago"): how many years, else null. */
function yearsBack(d: Draft): number | null {
  const { spec } = d;
  if ((spec.k === 'unit-shift' || spec.k === 'story-shift') && spec.unit === 'Y' && spec.n !== null && spec.n < 0 && !(spec.k === 'story-shift' && spec.year !== undefined)) return -spec.n;
  return null;
}

/**
 * The candidate readings of a mention, or null when the rules have nothing to choose (a stated date, a
 * duration). Needs a publication date: without one the rules keep the unknown parts unknown.
 */
export function decisionOf(d: Draft, earlier: readonly Earlier[], published: Day | null, ruleAnchor: string | null): Decision | null {
  if (!published || d.type !== 'DATE') return null;
  const list: Candidate[] = [];
  const direct = partialValue(d, published, false);
  if (direct !== null) {
    // The story set its own time frame (a date of another year stated before, in the paragraph): the rules'
    // anchor stands. TimeBank holds two such decisions, too few to learn when the frame is wrong.
    if (ruleAnchor !== 'publishedAt') return null;
    addCandidate(list, 'past', direct, 'publishedAt');
    addCandidate(list, 'future', partialValue(d, published, true), 'publishedAt');
    return { family: 'direction', candidates: list };
  }
  const years = yearsBack(d);
  if (years !== null) {
    // The granularity is what is chosen, not the anchor: the rules' anchor (the publication date for "a year
    // ago", the story's date for "a year earlier") written a year back as a year, quarter, month or day, as far
    // as the anchor is precise.
    const anchorValue = ruleAnchor === 'publishedAt' ? formatDay(published) : earlier.find((e) => e.id === ruleAnchor)?.value ?? null;
    const m = anchorValue === null ? null : /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-Q([1-4]))?$/.exec(anchorValue);
    if (m) {
      const anchorId = ruleAnchor ?? 'publishedAt';
      const y = Number(m[1]) - years;
      // A mention that names its period ("the year-ago quarter", "the year-earlier period") is a quarter.
      const named = d.granularity === 'quarter';
      if (!named) addCandidate(list, 'year', pad(y, 4), anchorId);
      const month = m[2] ? Number(m[2]) : m[4] ? 3 * Number(m[4]) - 2 : null;
      if (month !== null) addCandidate(list, 'quarter', `${pad(y, 4)}-Q${quarterOf(month)}`, anchorId);
      if (!named && m[2]) addCandidate(list, 'month', `${pad(y, 4)}-${m[2]}`, anchorId);
      if (!named && m[3]) addCandidate(list, 'day', formatDay({ y, m: month!, d: Math.min(Number(m[3]), month === 2 ? 28 : 31) }), anchorId);
    }
    for (let i = earlier.length - 1; i >= 0 && d.start - earlier[i]!.start <= PERIOD_REACH; i--) {
      const e = earlier[i]!;
      if (e.chained || !PERIOD.test(e.value)) continue;
      const y = Number(e.value.slice(0, 4)) - years;
      addCandidate(list, 'story-period', `${pad(y, 4)}${e.value.slice(4)}`, e.id);
      break;
    }
    return { family: 'granularity', candidates: list };
  }
  return null;
}

/** Days from the publication date to the start of a value (year, quarter, month or day), or null. */
function daysFrom(published: Day, value: string): number | null {
  const m = /^(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|Q([1-4])|(SP|SU|FA|WI)))?/.exec(value);
  if (!m) return null;
  const y = Number(m[1]);
  const month = m[2] ? Number(m[2]) : m[4] ? 3 * Number(m[4]) - 2 : m[5] ? SEASON_START[m[5]]! : 1;
  const day = m[3] ? Number(m[3]) : 1;
  return dayNumber({ y, m: month, d: day }) - dayNumber(published);
}

/** A signed, roughly logarithmic bucket of a day count. */
function deltaBucket(days: number | null): number {
  if (days === null) return 99;
  const sign = days < 0 ? -1 : 1;
  const a = Math.abs(days);
  const b = a === 0 ? 0 : a <= 1 ? 1 : a <= 7 ? 2 : a <= 31 ? 3 : a <= 92 ? 4 : a <= 183 ? 5 : a <= 366 ? 6 : 7;
  return sign * b;
}

const WORD = /[A-Za-z][A-Za-z'’.-]*|\d+/g;

/** Up to `n` words right before `pos` in its sentence (nearest first), as [start, end] pairs. */
function wordsBefore(text: string, pos: number, n: number): [number, number][] {
  const from = Math.max(0, pos - 60);
  const slice = text.slice(from, pos);
  const stop = Math.max(slice.lastIndexOf('.'), slice.lastIndexOf('\n'), slice.lastIndexOf(';'));
  const out: [number, number][] = [];
  WORD.lastIndex = 0;
  const base = from + stop + 1;
  const part = text.slice(base, pos);
  for (let m = WORD.exec(part); m; m = WORD.exec(part)) out.push([base + m.index, base + m.index + m[0].length]);
  return out.slice(-n).reverse();
}

function wordAfter(text: string, pos: number): [number, number] | null {
  const m = /^[\s,]*([A-Za-z][A-Za-z'’-]*|\d+)/.exec(text.slice(pos, pos + 30));
  if (!m) return null;
  const start = pos + m[0].length - m[1]!.length;
  return [start, start + m[1]!.length];
}

/**
 * The story frame of a mention: whether a full date stated before it lies before, on or after the
 * publication day (bucketed), or none.
 */
function storyFrame(earlier: readonly Earlier[], published: Day): number {
  for (let i = earlier.length - 1; i >= 0; i--) {
    const e = earlier[i]!;
    if (e.basis !== 'stated' || !FULL_DAY.test(e.value)) continue;
    return 10 + deltaBucket(daysFrom(published, e.value));
  }
  return 0;
}

function periodBefore(d: Draft, earlier: readonly Earlier[]): number {
  for (let i = earlier.length - 1; i >= 0 && d.start - earlier[i]!.start <= PERIOD_REACH; i--) {
    const v = earlier[i]!.value;
    if (/-Q[1-4]$/.test(v)) return 1;
    if (/^\d{4}-\d{2}$/.test(v)) return 2;
    if (FULL_DAY.test(v)) return 3;
  }
  return 0;
}

const slots = [T['kind×word-1'], T['kind×word-2'], T['kind×word-3']];

const hashes = new Map<string, number>();

/** The hash of a short label (kind, spec, granularity), computed once per label. */
function labelHash(label: string): number {
  let h = hashes.get(label);
  if (h === undefined) {
    h = hashString(label);
    hashes.set(label, h);
  }
  return h;
}

function featureAt(kind: number, mask: number, template: number, value: number): number {
  return featureId(template, combine(kind, value), mask);
}

/**
 * The hashed features of each candidate (one `Int32Array` per candidate, ids in [0, mask]).
 * `ruleValue` is the value the rules gave.
 */
export function candidateFeatures(d: Draft, decision: Decision, ruleValue: string, earlier: readonly Earlier[], ctx: ChooserContext, mask: number): Int32Array[] {
  const { text } = ctx;
  const before = wordsBefore(text, d.start, 3);
  const after = wordAfter(text, d.end);
  const clause = text.slice(Math.max(0, d.start - 60), d.start);
  const pastVerb = /\b[a-z]+ed\b(?![\s\S]*\b(?:will|would|to)\b)/.test(clause) ? 1 : 0;
  const spec = labelHash(d.rule ? `${d.spec.k}/${d.rule}` : d.spec.k);
  const frame = storyFrame(earlier, ctx.published);
  const period = periodBefore(d, earlier);
  const mention = hashLower(text, d.start, d.end);
  const paragraph = Math.min(ctx.paragraph, 4);
  const tense = ctx.tense === null ? 0 : ctx.tense === 'past' ? 1 : 2;
  const all: Int32Array[] = [];
  for (const c of decision.candidates) {
    const kind = labelHash(`${decision.family}:${c.kind}`);
    const delta = deltaBucket(daysFrom(ctx.published, c.value));
    const out = new Int32Array(CHOOSER_TEMPLATES.length);
    let n = 0;
    out[n++] = featureAt(kind, mask, T['kind'], 0);
    out[n++] = featureAt(kind, mask, T['kind×rule-choice'], c.value === ruleValue ? 1 : 0);
    out[n++] = featureAt(kind, mask, T['kind×spec'], spec);
    out[n++] = featureAt(kind, mask, T['kind×future-cue'], ctx.future ? 1 : 0);
    out[n++] = featureAt(kind, mask, T['kind×tense'], tense);
    for (let i = 0; i < before.length; i++) out[n++] = featureAt(kind, mask, slots[i]!, hashLower(text, before[i]![0], before[i]![1]));
    out[n++] = featureAt(kind, mask, T['kind×word+1'], after ? hashLower(text, after[0], after[1]) : 0);
    out[n++] = featureAt(kind, mask, T['kind×past-verb-before'], pastVerb);
    out[n++] = featureAt(kind, mask, T['kind×story-frame'], frame);
    out[n++] = featureAt(kind, mask, T['kind×delta'], delta + 100);
    out[n++] = featureAt(kind, mask, T['kind×spec×delta'], combine(spec, delta + 100));
    out[n++] = featureAt(kind, mask, T['kind×mention'], mention);
    out[n++] = featureAt(kind, mask, T['kind×period-before'], period);
    out[n++] = featureAt(kind, mask, T['kind×paragraph'], paragraph);
    out[n++] = featureAt(kind, mask, T['kind×granularity'], labelHash(d.granularity));
    all.push(out.slice(0, n));
  }
  return all;
}

/**
 * The candidate the model prefers, or null to keep the rule's value: a candidate replaces the rule's
 * value only when its log-odds beat the best score of the rule's value by `margin`.
 */
export function chooseCandidate(model: LogisticRegression, features: readonly Int32Array[], decision: Decision, ruleValue: string, margin: number): Candidate | null {
  let best = -1;
  let bestScore = -Infinity;
  let ruleScore = -Infinity;
  decision.candidates.forEach((c, i) => {
    const z = binaryLogOdds(model, features[i]!);
    if (c.value === ruleValue) ruleScore = Math.max(ruleScore, z);
    if (z > bestScore) {
      bestScore = z;
      best = i;
    }
  });
  if (best < 0) return null;
  const chosen = decision.candidates[best]!;
  if (chosen.value === ruleValue) return null;
  if (ruleScore !== -Infinity && bestScore - ruleScore < margin) return null;
  return chosen;
}

/** The granularity a chosen value is written at. */
export function granularityOfValue(value: string): 'day' | 'month' | 'season' | 'quarter' | 'year' | null {
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) return 'day';
  if (/^\d{4}-\d{2}$/.test(value)) return 'month';
  if (/^\d{4}-(?:SP|SU|FA|WI)$/.test(value)) return 'season';
  if (/^\d{4}-[QH]\d$/.test(value)) return 'quarter';
  if (/^\d{4}$/.test(value)) return 'year';
  return null;
}
