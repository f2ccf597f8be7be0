/**
 * TIMEX3 scoring as in TempEval-3: a predicted mention matches a gold one strictly when the spans are
 * equal and relaxed when they overlap (one-to-one, greatest overlap first). Value accuracy is over the
 * relaxed matches; value F1 counts a relaxed match as correct only when its value is equal too.
 */
export interface SpanValue {
  readonly start: number;
  readonly end: number;
  readonly value: string;
  readonly type?: string;
  readonly text?: string;
}

export interface DateCounts {
  gold: number;
  predicted: number;
  strict: number;
  relaxed: number;
  valueCorrect: number;
  typeCorrect: number;
}

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
}

export interface DateScores {
  counts: DateCounts;
  strict: PRF;
  relaxed: PRF;
  valueAccuracy: number;
  valueF1: number;
  typeAccuracy: number;
}

export interface MatchedPair<G extends SpanValue, P extends SpanValue> {
  gold: G;
  predicted: P;
}

export interface DocumentMatch<G extends SpanValue, P extends SpanValue> {
  pairs: MatchedPair<G, P>[];
  missed: G[];
  spurious: P[];
}

function overlap(a: SpanValue, b: SpanValue): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/** One-to-one matching of overlapping spans, exact spans first, then by overlap length. */
export function matchMentions<G extends SpanValue, P extends SpanValue>(gold: readonly G[], predicted: readonly P[]): DocumentMatch<G, P> {
  const candidates: { g: number; p: number; exact: boolean; size: number }[] = [];
  gold.forEach((g, gi) => {
    predicted.forEach((p, pi) => {
      const size = overlap(g, p);
      if (size > 0) candidates.push({ g: gi, p: pi, exact: g.start === p.start && g.end === p.end, size });
    });
  });
  candidates.sort((a, b) => Number(b.exact) - Number(a.exact) || b.size - a.size || a.g - b.g || a.p - b.p);
  const usedG = new Set<number>();
  const usedP = new Set<number>();
  const pairs: MatchedPair<G, P>[] = [];
  for (const c of candidates) {
    if (usedG.has(c.g) || usedP.has(c.p)) continue;
    usedG.add(c.g);
    usedP.add(c.p);
    pairs.push({ gold: gold[c.g]!, predicted: predicted[c.p]! });
  }
  return {
    pairs,
    missed: gold.filter((_g, i) => !usedG.has(i)),
    spurious: predicted.filter((_p, i) => !usedP.has(i)),
  };
}

export function emptyCounts(): DateCounts {
  return { gold: 0, predicted: 0, strict: 0, relaxed: 0, valueCorrect: 0, typeCorrect: 0 };
}

export function addMatch(counts: DateCounts, gold: readonly SpanValue[], predicted: readonly SpanValue[], match: DocumentMatch<SpanValue, SpanValue>): void {
  counts.gold += gold.length;
  counts.predicted += predicted.length;
  for (const { gold: g, predicted: p } of match.pairs) {
    counts.relaxed++;
    if (g.start === p.start && g.end === p.end) counts.strict++;
    if (g.value === p.value) counts.valueCorrect++;
    if (g.type !== undefined && g.type === p.type) counts.typeCorrect++;
  }
}

function prf(tp: number, predicted: number, gold: number): PRF {
  const precision = predicted ? tp / predicted : 0;
  const recall = gold ? tp / gold : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

export function scoresOf(counts: DateCounts): DateScores {
  return {
    counts: { ...counts },
    strict: prf(counts.strict, counts.predicted, counts.gold),
    relaxed: prf(counts.relaxed, counts.predicted, counts.gold),
    valueAccuracy: counts.relaxed ? counts.valueCorrect / counts.relaxed : 0,
    valueF1: prf(counts.valueCorrect, counts.predicted, counts.gold).f1,
    typeAccuracy: counts.relaxed ? counts.typeCorrect / counts.relaxed : 0,
  };
}
