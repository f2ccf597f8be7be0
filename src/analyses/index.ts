/**
 * THE per-document pipeline: one ordered list. Each analysis may only need analyses listed
 * before it; `validateRegistry` checks that at start-up.
 */
import type { Analysis } from '../core/analysis.js';
import { extractQuotes } from './extract-quotes/extract-quotes.js';
import { segmentText } from './segment-text/segment-text.js';

export const analyses: readonly Analysis[] = [segmentText, extractQuotes];
