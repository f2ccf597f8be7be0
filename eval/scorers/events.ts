/**
 * Scoring event triggers against MEANTIME event mentions: a predicted trigger matches a gold mention
 * when their character spans overlap (one-to-one, in text order). Pure functions over plain data,
 * tested in test/eval/events-scorer.test.ts.
 */
export interface Span {
  start: number;
  end: number;
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

/** One-to-one overlap matching in text order; returns the matched (predicted index, gold index) pairs. */
export function matchOverlapping(predicted: readonly Span[], gold: readonly Span[]): [number, number][] {
  const used = new Set<number>();
  const pairs: [number, number][] = [];
  predicted.forEach((p, i) => {
    const j = gold.findIndex((g, k) => !used.has(k) && g.start < p.end && p.start < g.end);
    if (j !== -1) {
      used.add(j);
      pairs.push([i, j]);
    }
  });
  return pairs;
}

/** P/R/F1 of predicted spans against gold spans (overlap, one-to-one). */
export function scoreSpans(predicted: readonly Span[], gold: readonly Span[]): PRF {
  return prf(matchOverlapping(predicted, gold).length, predicted.length, gold.length);
}

export function addPrf(a: PRF, b: PRF): PRF {
  return prf(a.tp + b.tp, a.predicted + b.predicted, a.gold + b.gold);
}
