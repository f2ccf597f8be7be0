import type { Span } from './span.js';

export type Basis = 'stated' | 'inferred';

/**
 * The data each record kind carries. Every analysis declares its kinds by augmenting this
 * interface in its own folder (`declare module '../../core/finding.js'`), so adding a kind
 * never touches core.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface FindingDataMap {}

export type FindingKind = keyof FindingDataMap & string;

/** One small immutable record produced by one analysis. */
export interface Finding<K extends FindingKind = FindingKind> {
  /** Unique within the document and the analysis that produced it. */
  readonly id: string;
  readonly analysis: string;
  readonly kind: K;
  readonly span: Span;
  readonly data: FindingDataMap[K];
  readonly basis?: Basis;
  /** The rule or lexicon entry that fired, e.g. `reporting-verbs/admit`. */
  readonly reason?: string;
  /** Ids of other records this one rests on. */
  readonly evidence?: readonly string[];
}

export type Severity = 'error' | 'warning' | 'info';

/** A message about the run, never a finding: a crash is not read as a result. */
export interface Diagnostic {
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span | null;
  readonly analysis: string;
}

export function findingsOfKind<K extends FindingKind>(findings: readonly Finding[], kind: K): Finding<K>[] {
  return findings.filter((f): f is Finding<K> => f.kind === kind);
}

/**
 * Index of the last finding whose span starts at or before `offset`, in findings sorted by start
 * (sentences, paragraphs), or -1; a binary search, so finding the sentence of each of n offsets stays
 * O(n log n).
 */
export function lastStartingAtOrBefore(findings: readonly Finding[], offset: number): number {
  let lo = 0;
  let hi = findings.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (findings[mid]!.span.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
