/**
 * THE per-document pipeline: one ordered list. Each analysis may only need analyses listed
 * before it; `validateRegistry` checks that at start-up.
 */
import type { Analysis } from '../core/analysis.js';

export const analyses: readonly Analysis[] = [];
