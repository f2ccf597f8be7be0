/**
 * Scoring of figures: NewsQuant value and value+unit P/R/F1 per sentence, and the pass/fail check of
 * one Recognizers-Text spec case. Pure functions over plain data, tested in test/eval/figures-scorer.test.ts.
 */
import { parseGoldValue, type NewsQuantQuantity } from '../datasets/newsquant.js';
import type { FigureSpecCase } from '../datasets/recognizers-numbers.js';

export interface PredictedFigure {
  span: { start: number; end: number; text: string };
  value: number | null;
  min: number | null;
  max: number | null;
  approx: string;
  unit: string | null;
  counted: string | null;
  /** The analysis's lemma of the counted phrase (`counting.lemma`): NewsQuant writes its units as lemmas. */
  countedLemma?: string | null;
}

export interface PRF {
  tp: number;
  predicted: number;
  gold: number;
  precision: number;
  recall: number;
  f1: number;
}

export function prf(tp: number, predicted: number, gold: number): PRF {
  const precision = predicted === 0 ? 0 : tp / predicted;
  const recall = gold === 0 ? 0 : tp / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, predicted, gold, precision, recall, f1 };
}

/** A figure's value as NewsQuant writes it: the number, or `[min, max]` for a range or vague quantity. */
export function predictedValue(f: PredictedFigure): number | [number, number] | null {
  if (f.value !== null) return f.value;
  if (f.min !== null && f.max !== null) return [f.min, f.max];
  return f.min ?? f.max;
}

function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b)) || Math.abs(a - b) < 0.001;
}

export function valuesEqual(a: number | [number, number] | null, b: number | [number, number] | null): boolean {
  if (a === null || b === null) return false;
  if (typeof a === 'number' && typeof b === 'number') return near(a, b);
  if (Array.isArray(a) && Array.isArray(b)) return near(a[0], b[0]) && near(a[1], b[1]);
  return false;
}

/**
 * Our unit codes as the names NewsQuant normalises to. NewsQuant's `normalized_unit` is the canonical name of
 * the unit dictionary of CQE, the set authors' extractor (`CQE/unit.json`, keys of the entries): a currency is
 * named by the entry that holds its ISO code ("russian ruble", "turkish lira"), a tonne is a "metric ton", a
 * pound of weight a "pound-mass". Names are facts of that dictionary, checked entry by entry (the baht and the dong,
 * which it lacks, by their English names).
 */
const UNIT_NAMES: Record<string, string> = {
  USD: 'dollar', EUR: 'euro', GBP: 'pound sterling', JPY: 'japanese yen', CNY: 'chinese yuan', INR: 'indian rupee', AUD: 'australian dollar', CAD: 'canadian dollar',
  NZD: 'new zealand dollar', HKD: 'hong kong dollar', SGD: 'singapore dollar', CHF: 'swiss franc', DKK: 'danish krone', SEK: 'swedish krone',
  NOK: 'norwegian krone', RUB: 'russian ruble', BRL: 'brazilian real', KRW: 'south korean won', TRY: 'turkish lira', IRR: 'iranian rial',
  SAR: 'saudi riyal', AED: 'united arab emirates dirham', MXN: 'mexican peso', ZAR: 'south african rand', ILS: 'shekel', NGN: 'naira',
  IDR: 'indonesian rupiah', MYR: 'malaysian ringgit', PLN: 'polish złoty', HUF: 'hungarian forint', CZK: 'czech koruna', UAH: 'ukrainian hryvnia',
  BDT: 'bangladeshi taka', THB: 'thai baht', VND: 'vietnamese dong',
  'Mbit/s': 'megabit per second', 'Gbit/s': 'gigabit per second', mcg: 'microgram', um: 'micrometre', cent: 'cent', penny: 'penny',
  percent: 'percentage', 'percentage-point': 'percentage point', km: 'kilometre', m: 'metre', cm: 'centimetre', mm: 'millimetre', mi: 'mile',
  yd: 'yard', ft: 'foot', in: 'inch', kg: 'kilogram', g: 'gram', t: 'metric ton', lb: 'pound-mass', oz: 'ounce', l: 'litre', gal: 'gallon', bbl: 'barrel',
  km2: 'square kilometre', mi2: 'square mile', ha: 'hectare', acre: 'acre', ft2: 'square foot', m2: 'square metre', m3: 'cubic metre', ft3: 'cubic foot', km3: 'cubic kilometre', bcm: 'billion cubic metre', tcf: 'trillion cubic foot', 'km/h': 'kilometre per hour',
  mph: 'mile per hour', rpm: 'revolutions per minute', Cel: 'celsius', Fahrenheit: 'fahrenheit', degree: 'degree', MW: 'megawatt', GW: 'gigawatt',
  kW: 'kilowatt', kWh: 'kilowatt hour', MWh: 'megawatt hour', GWh: 'gigawatt hour', TWh: 'terawatt hour', hp: 'horsepower', bhp: 'brake horsepower',
  GB: 'gigabyte', TB: 'terabyte', MB: 'megabyte', KB: 'kilobyte', GHz: 'gigahertz', MHz: 'megahertz', 'lbf.ft': 'pound-foot', 'N.m': 'newton metre',
  'year-of-age': 'year of age', W: 'watt', PS: 'horsepower', minute: 'minute', mg: 'milligram', ug: 'microgram', ml: 'millilitre',
  mAh: 'milliampere-hour', MP: 'megapixel', kHz: 'kilohertz', Gt: 'gigaton', Mt: 'megaton', kt: 'kiloton', tn: 'ton',
  'm/s': 'metre per second', kn: 'knot', nmi: 'nautical mile', bp: 'basis point', Msun: 'solar mass', au: 'astronomical unit',
};

/** Two names of one unit (NewsQuant writes the QUDT name of torque's pound-foot). */
const SAME_UNIT: readonly (readonly [string, string])[] = [['pound foot', 'foot pound force']];

/**
 * Lower case, singular ("workers" -> "worker", "centuries" -> "century", "viruses" -> "virus"; a singular in -us or
 * -is stays: "virus", "analysis"), hyphens and spaces as one space.
 */
export function normaliseUnit(unit: string): string {
  return unit
    .toLowerCase()
    .replace(/[\s-]+/g, ' ')
    .trim()
    .split(' ')
    .map((w) =>
      w.length > 3 && /ies$/.test(w)
        ? w.slice(0, -3) + 'y'
        : /(ss|sh|ch|x|rus)es$/.test(w)
          ? w.slice(0, -2)
          : w.length > 3 && /[^sui]s$/.test(w)
            ? w.slice(0, -1)
            : w,
    )
    .join(' ');
}

/** The unit a figure names for scoring: its unit code's name, or the counted noun when it has no unit of measure. */
export function predictedUnit(f: PredictedFigure): string | null {
  if (f.unit !== null && f.unit !== 'people' && f.unit !== 'household' && f.unit !== 'job') return UNIT_NAMES[f.unit] ?? f.unit;
  return f.counted;
}

/**
 * Unit agreement: gold `-` (unitless) agrees with a figure that has neither unit nor counted noun;
 * otherwise the normalised names are equal, or one ends with the other as whole words ("heart
 * transplant" / "transplant"), or the gold unit starts with ours ("dollar per barrel" / "dollar").
 */
export function unitsAgree(goldNormalised: string, predicted: string | null): boolean {
  const g = goldNormalised.trim();
  if (g === '-' || g === '') return predicted === null;
  if (predicted === null) return false;
  const a = normaliseUnit(g);
  const b = normaliseUnit(predicted);
  if (a === b) return true;
  if (a.endsWith(` ${b}`) || b.endsWith(` ${a}`)) return true;
  if (a.startsWith(`${b} `)) return true;
  if (SAME_UNIT.some(([x, y]) => (a === x && b === y) || (a === y && b === x))) return true;
  return (a === 'people' && b === 'person') || (a === 'person' && b === 'people');
}

export interface SentenceResult {
  index: number;
  text: string;
  gold: NewsQuantQuantity[];
  predicted: PredictedFigure[];
}

export interface MatchedPair {
  gold: NewsQuantQuantity;
  predicted: PredictedFigure;
  unitAgrees: boolean;
}

export interface SentenceScore {
  matched: MatchedPair[];
  missed: NewsQuantQuantity[];
  spurious: PredictedFigure[];
  /** Gold quantities whose value is neither a number nor a range (left out of every count). */
  unscorable: NewsQuantQuantity[];
}

/** A gold quantity's unit agrees with a figure's unit name, or with the lemma of its counted noun when that is its unit. */
function figureUnitAgrees(g: NewsQuantQuantity, p: PredictedFigure): boolean {
  const lemmaAgrees = p.countedLemma != null && predictedUnit(p) === p.counted && unitsAgree(g.normalizedUnit, p.countedLemma);
  return lemmaAgrees || unitsAgree(g.normalizedUnit, predictedUnit(p));
}

/**
 * One-to-one matching by value in text order: each gold quantity takes the first unmatched figure with an equal
 * value whose unit agrees, or else the first unmatched figure with an equal value.
 */
export function matchSentence(gold: readonly NewsQuantQuantity[], predicted: readonly PredictedFigure[]): SentenceScore {
  const used = new Set<number>();
  const matched: MatchedPair[] = [];
  const missed: NewsQuantQuantity[] = [];
  const unscorable: NewsQuantQuantity[] = [];
  for (const g of gold) {
    const value = parseGoldValue(g.value);
    if (value === null) {
      unscorable.push(g);
      continue;
    }
    const candidates = predicted.flatMap((p, k) => (!used.has(k) && valuesEqual(predictedValue(p), value) ? [k] : []));
    if (candidates.length === 0) {
      missed.push(g);
      continue;
    }
    // As the set authors' scorer does: of the figures with an equal value, the first whose unit agrees.
    const i = candidates.find((k) => figureUnitAgrees(g, predicted[k]!)) ?? candidates[0]!;
    used.add(i);
    const p = predicted[i]!;
    matched.push({ gold: g, predicted: p, unitAgrees: figureUnitAgrees(g, p) });
  }
  return { matched, missed, spurious: predicted.filter((_, k) => !used.has(k)), unscorable };
}

export interface NewsQuantScores {
  sentences: number;
  value: PRF;
  valueUnit: PRF;
  /** Recall of the value by NewsQuant `change` class. */
  recallByChange: Record<string, { gold: number; found: number }>;
  unscorable: number;
}

export function scoreNewsQuant(results: readonly SentenceResult[]): NewsQuantScores {
  let tp = 0;
  let tpUnit = 0;
  let predicted = 0;
  let gold = 0;
  let unscorable = 0;
  const recallByChange: Record<string, { gold: number; found: number }> = {};
  for (const r of results) {
    const s = matchSentence(r.gold, r.predicted);
    tp += s.matched.length;
    tpUnit += s.matched.filter((m) => m.unitAgrees).length;
    predicted += r.predicted.length;
    gold += r.gold.length - s.unscorable.length;
    unscorable += s.unscorable.length;
    for (const g of r.gold) {
      if (s.unscorable.includes(g)) continue;
      const row = (recallByChange[g.change] ??= { gold: 0, found: 0 });
      row.gold++;
      if (s.matched.some((m) => m.gold === g)) row.found++;
    }
  }
  return { sentences: results.length, value: prf(tp, predicted, gold), valueUnit: prf(tpUnit, predicted, gold), recallByChange, unscorable };
}

export interface SpecCheck {
  pass: boolean;
  /** Why a case fails; empty when it passes. */
  reasons: string[];
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * A spec case passes when every expected quantity is overlapped by a figure with the same value (a
 * range: the same bounds; a currency: the same ISO code when the spec gives one), no figure overlaps
 * an ordinal, and, in the number model (the only one that lists every number), no figure lies
 * outside the expected quantities.
 */
export function checkSpecCase(c: FigureSpecCase, figures: readonly PredictedFigure[]): SpecCheck {
  const reasons: string[] = [];
  for (const e of c.expected) {
    const hits = figures.filter((f) => overlaps(f.span, e));
    if (hits.length === 0) {
      reasons.push(`missed "${e.text}" (${e.type})`);
      continue;
    }
    const ok = hits.some((f) => {
      if (e.value !== null) return f.value !== null && near(f.value, e.value);
      return (e.min === null ? f.min === null : f.min !== null && near(f.min, e.min)) && (e.max === null ? f.max === null : f.max !== null && near(f.max, e.max));
    });
    if (!ok) {
      const f = hits[0]!;
      reasons.push(`"${e.text}": expected ${e.value ?? `[${e.min ?? ''}, ${e.max ?? ''}]`}, got "${f.span.text}" = ${f.value ?? `[${f.min ?? ''}, ${f.max ?? ''}]`}`);
      continue;
    }
    if (e.currency && !hits.some((f) => f.unit === e.currency)) reasons.push(`"${e.text}": currency ${e.currency}, got ${hits[0]!.unit ?? 'none'}`);
  }
  for (const n of c.noFigure) {
    const f = figures.find((x) => overlaps(x.span, n));
    if (f) reasons.push(`ordinal "${n.text}" read as the figure "${f.span.text}"`);
  }
  // Only the number model lists every number of its input; the other models list their own type only.
  if (c.file === 'NumberModel.json') {
    for (const f of figures) {
      if (!c.expected.some((e) => overlaps(f.span, e)) && !c.noFigure.some((n) => overlaps(f.span, n))) reasons.push(`extra figure "${f.span.text}"`);
    }
  }
  return { pass: reasons.length === 0, reasons };
}
