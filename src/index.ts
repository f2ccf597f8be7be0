/**
 * The library API of claimtrace. Its exports are pinned by test/contract/public-exports.test.ts.
 */
export { analyzeText, analyzeDocument } from './engine/analyze-text.js';
export type { AnalyzeOptions, AnalyzeTextOptions } from './engine/analyze-text.js';
export { ANALYSIS_SCHEMA } from './api/analysis-json.js';
export type * from './api/analysis-json.js';
export { createDocument } from './core/document.js';
export type { Document, DocumentFormat } from './core/document.js';
