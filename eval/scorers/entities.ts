/**
 * Entity-level exact-match scoring (CoNLL-2003 / conlleval semantics): a predicted entity counts
 * only when its first token, last token and type all equal a gold entity's. Precision, recall and
 * F1 overall (micro) and per type.
 */
export interface EntityCounts {
  tp: number;
  fp: number;
  fn: number;
}

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

export interface EntityScores {
  overall: PRF;
  byType: Record<string, PRF>;
}

export interface KeyedEntity {
  /** Anything that places the entity: `sentence:start:end`, or character offsets. */
  readonly key: string;
  readonly type: string;
}

export class EntityScorer {
  readonly counts = new Map<string, EntityCounts>();

  private count(type: string): EntityCounts {
    let c = this.counts.get(type);
    if (!c) this.counts.set(type, (c = { tp: 0, fp: 0, fn: 0 }));
    return c;
  }

  /** Adds one unit (a sentence or a document): gold and predicted entities, keys unique within it. */
  add(gold: readonly KeyedEntity[], predicted: readonly KeyedEntity[]): void {
    const goldSet = new Set(gold.map((g) => `${g.key}|${g.type}`));
    const predSet = new Set(predicted.map((p) => `${p.key}|${p.type}`));
    for (const g of gold) this.count(g.type)[predSet.has(`${g.key}|${g.type}`) ? 'tp' : 'fn']++;
    for (const p of predicted) if (!goldSet.has(`${p.key}|${p.type}`)) this.count(p.type).fp++;
  }

  scores(): EntityScores {
    const total: EntityCounts = { tp: 0, fp: 0, fn: 0 };
    const byType: Record<string, PRF> = {};
    for (const type of [...this.counts.keys()].sort()) {
      const c = this.counts.get(type)!;
      total.tp += c.tp;
      total.fp += c.fp;
      total.fn += c.fn;
      byType[type] = prf(c);
    }
    return { overall: prf(total), byType };
  }
}

export function prf(c: EntityCounts): PRF {
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, tp: c.tp, fp: c.fp, fn: c.fn };
}
