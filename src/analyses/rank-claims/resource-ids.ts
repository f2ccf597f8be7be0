/**
 * The resources rank-claims reads, declared for `context.resources`: the word classes of its
 * features (a TSV table in `data/`, handed over by `../resources.ts`), the irregular past forms of
 * extract-quotes' table, the trained model (`models/claims.model`) and the word clusters learned with it
 * (`models/claims.clusters`), both loaded by the engine.
 */
import type { LogisticRegression } from '../../learn/logistic-regression.js';
import { IRREGULAR_VERBS } from '../extract-quotes/resource-ids.js';
import type { ClaimWordsRow } from '../resources.js';
import type { ClusterPath } from '../../learn/word-clusters.js';

/** The trained check-worthiness classifier with the calibration and decision threshold fitted beside it. */
export interface ClaimModel {
  readonly classifier: LogisticRegression;
  /**
   * The classifier's log-odds weight of each hash bucket, (w_Yes - w_No) × scale, and of the bias: one
   * look-up per feature when scoring (built once at load from the classifier).
   */
  readonly logOddsWeights: Float64Array;
  readonly logOddsBias: number;
  /** Platt scaling of the classifier's log-odds z: p = 1 / (1 + exp(-(a z + b))). */
  readonly plattA: number;
  readonly plattB: number;
  /** Calibrated score at and above which a sentence is a claim (chosen by cross-validated F1 on train). */
  readonly threshold: number;
}

declare module '../../core/resources.js' {
  interface ResourceMap {
    'rank-claims/claim-words': readonly ClaimWordsRow[];
    'rank-claims/model': ClaimModel;
    'rank-claims/clusters': ReadonlyMap<number, ClusterPath>;
  }
}

export const CLAIM_WORDS = 'rank-claims/claim-words';
export const CLAIM_MODEL = 'rank-claims/model';
/**
 * Word clusters learned from unlabelled text (`models/claims.clusters`, built with the model): a word's
 * key (`hashWord`) to its cluster path, the back-off features of rare words.
 */
export const CLAIM_CLUSTERS = 'rank-claims/clusters';

export const RANK_CLAIMS_RESOURCES = [CLAIM_WORDS, IRREGULAR_VERBS, CLAIM_MODEL, CLAIM_CLUSTERS] as const;
