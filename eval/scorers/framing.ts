/**
 * The SemEval-2020 Task 11 span-identification metric (partial overlap), as its official scorer
 * defines it (described in ../shared/data/ptc/FORMAT.md): spans are sets of character positions;
 * overlapping gold spans are merged, and so are overlapping predicted spans (the scorer's `-m`).
 * Over all predicted spans s and gold spans t, summed over articles:
 *
 *   P = Σ_s Σ_t |s∩t| / |s|  / |S|        R = Σ_s Σ_t |s∩t| / |t|  / |T|        F1 = 2PR / (P + R)
 *
 * F1 is 1 when both S and T are empty and 0 when P or R is 0. Positions here are UTF-16 units, not
 * code points: they differ only inside characters outside the BMP (a few emoji in PTC).
 */

export interface Range {
  readonly start: number;
  readonly end: number;
}

export interface SpanScore {
  precision: number;
  recall: number;
  f1: number;
  predicted: number;
  gold: number;
}

/** Sorted, with overlapping (not merely touching) ranges merged; empty ranges dropped. */
export function mergeSpans(spans: readonly Range[]): Range[] {
  const sorted = spans.filter((s) => s.end > s.start).slice().sort((a, b) => a.start - b.start || a.end - b.end);
  const out: { start: number; end: number }[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

function overlap(a: Range, b: Range): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/** Sums for one article: Σ_s Σ_t |s∩t|/|s| and Σ_s Σ_t |s∩t|/|t| over merged spans. */
export interface ArticleSums {
  precisionSum: number;
  recallSum: number;
  predicted: number;
  gold: number;
}

export function articleSums(predicted: readonly Range[], gold: readonly Range[]): ArticleSums {
  const s = mergeSpans(predicted);
  const t = mergeSpans(gold);
  let precisionSum = 0;
  let recallSum = 0;
  let j0 = 0;
  for (const p of s) {
    while (j0 < t.length && t[j0]!.end <= p.start) j0++;
    for (let j = j0; j < t.length && t[j]!.start < p.end; j++) {
      const o = overlap(p, t[j]!);
      precisionSum += o / (p.end - p.start);
      recallSum += o / (t[j]!.end - t[j]!.start);
    }
  }
  return { precisionSum, recallSum, predicted: s.length, gold: t.length };
}

export function combine(sums: readonly ArticleSums[]): SpanScore {
  let p = 0;
  let r = 0;
  let predicted = 0;
  let gold = 0;
  for (const x of sums) {
    p += x.precisionSum;
    r += x.recallSum;
    predicted += x.predicted;
    gold += x.gold;
  }
  if (predicted === 0 && gold === 0) return { precision: 1, recall: 1, f1: 1, predicted, gold };
  const precision = predicted === 0 ? 0 : p / predicted;
  const recall = gold === 0 ? 0 : r / gold;
  const f1 = precision === 0 || recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, predicted, gold };
}

export function scoreSpans(articles: readonly { predicted: readonly Range[]; gold: readonly Range[] }[]): SpanScore {
  return combine(articles.map((a) => articleSums(a.predicted, a.gold)));
}

/**
 * Per-technique recall: the share of each gold span of one technique covered by the (merged)
 * predictions, averaged over that technique's spans. Precision has no per-technique meaning in SI.
 */
export function techniqueRecall(articles: readonly { predicted: readonly Range[]; gold: readonly Range[] }[]): { recall: number; gold: number } {
  let sum = 0;
  let gold = 0;
  for (const a of articles) {
    const s = mergeSpans(a.predicted);
    for (const t of mergeSpans(a.gold)) {
      gold++;
      let covered = 0;
      for (const p of s) covered += overlap(p, t);
      sum += covered / (t.end - t.start);
    }
  }
  return { recall: gold === 0 ? 0 : sum / gold, gold };
}

/**
 * How much of a prediction's characters fall inside gold: Σ|s∩gold| / Σ|s| over the given spans,
 * the precision of one lexicon entry (spans not merged, gold merged).
 */
export function charPrecision(predicted: readonly Range[], gold: readonly Range[]): { inside: number; total: number } {
  const t = mergeSpans(gold);
  let inside = 0;
  let total = 0;
  for (const p of predicted) {
    total += p.end - p.start;
    for (const g of t) {
      if (g.start >= p.end) break;
      inside += overlap(p, g);
    }
  }
  return { inside, total };
}
