/**
 * What the entry points (`cli`, `server`) may use. They import the engine and `api`, never
 * `store`, `analyses` or `core` directly; whatever they need from those is re-exported here.
 */
export { analyzeInputs, countInputs } from './analyze-files.js';
export type { AnalyzeInputsOptions, AnalyzeProgress, InputResult } from './analyze-files.js';
export { analyzeDocument, analyzeText } from './analyze-text.js';
export type { AnalyzeOptions, AnalyzeTextOptions } from './analyze-text.js';
export { defaultDbPath } from './default-db-path.js';
export { openStore, storeExists } from './open-store.js';
export type { OpenStoreOptions } from './open-store.js';
export { loadDefaultPipeline } from './pipeline.js';
export type { Pipeline } from './pipeline.js';
export { normalisePublishedAt } from './read-document.js';
export { loadAnalysis } from './stored-analysis.js';
export { toolVersion } from './tool-version.js';
export type { DocumentSummary, Page, Store } from '../store/store.js';
export { readOutletsFile, updateCorpus } from './corpus.js';
export type { CorpusRun, UpdateCorpusOptions } from './corpus.js';
export type { Outlet } from '../corpus/index.js';
