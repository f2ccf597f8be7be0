/** Scorers of the corpus evaluation: correlation coefficients and B-cubed for clusterings. */

export function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

/** Ranks with ties sharing their mean rank (1-based). */
export function ranks(x: readonly number[]): number[] {
  const order = x.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(x.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) out[order[k]![1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return out;
}

export function spearman(x: readonly number[], y: readonly number[]): number {
  return pearson(ranks(x), ranks(y));
}

/** 95 % interval of a Pearson correlation by Fisher's z. */
export function pearsonInterval(r: number, n: number): [number, number] {
  const z = Math.atanh(Math.max(-0.999999, Math.min(0.999999, r)));
  const se = 1 / Math.sqrt(n - 3);
  return [Math.tanh(z - 1.96 * se), Math.tanh(z + 1.96 * se)];
}

export interface B3 {
  precision: number;
  recall: number;
  f1: number;
  items: number;
}

/**
 * B-cubed (Bagga and Baldwin 1998) of a system clustering against a gold clustering of the same
 * items: per item, the share of its system cluster that is in its gold cluster (precision) and the
 * share of its gold cluster that is in its system cluster (recall), averaged over items.
 */
export function bCubed(gold: readonly string[], system: readonly string[]): B3 {
  if (gold.length !== system.length) throw new Error('bCubed: gold and system label different numbers of items');
  const count = (labels: readonly string[]) => {
    const m = new Map<string, number>();
    for (const l of labels) m.set(l, (m.get(l) ?? 0) + 1);
    return m;
  };
  const goldSize = count(gold);
  const systemSize = count(system);
  const both = count(gold.map((g, i) => `${g}\u0000${system[i]}`));
  let precision = 0;
  let recall = 0;
  for (let i = 0; i < gold.length; i++) {
    const shared = both.get(`${gold[i]}\u0000${system[i]}`)!;
    precision += shared / systemSize.get(system[i]!)!;
    recall += shared / goldSize.get(gold[i]!)!;
  }
  const n = gold.length;
  const p = n ? precision / n : 0;
  const r = n ? recall / n : 0;
  return { precision: p, recall: r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r), items: n };
}
