/**
 * What the entry points (`cli`, `server`) may use. They import the engine and `api`, never
 * `store`, `analyses` or `core` directly; whatever they need from those is re-exported here.
 */
export { analyzeInputs, countInputs } from './analyze-files.js';
export type { AnalyzeInputsOptions, AnalyzeProgress, InputResult } from './analyze-files.js';
export { analyzeDocument, analyzeText } from './analyze-text.js';
export { defaultJobs } from './analysis-pool.js';
export { DEFAULT_ATTEMPTS, DEFAULT_QUEUE, DEFAULT_REDIS_URL, enqueueInputs, queueReport, retryFailedJobs, startWorker } from './job-queue.js';
export type { QueueReport, RunningWorker } from './job-queue.js';
export type { AnalyzeOptions, AnalyzeTextOptions } from './analyze-text.js';
export { backupStore, restoreStore } from './backup-store.js';
export type { BackupSummary } from './backup-store.js';
export { defaultDbPath } from './default-db-path.js';
export { openStore, storeExists } from './open-store.js';
export { StoreOpenError } from '../store/postgres/postgres-store.js';
export type { OpenStoreOptions } from './open-store.js';
export { loadDefaultPipeline } from './pipeline.js';
export type { Pipeline } from './pipeline.js';
export { normalisePublishedAt } from './read-document.js';
export { loadAnalysis } from './stored-analysis.js';
export { reanalyzeStored, ReanalyzeError, storedAnalysisIds } from './reanalyze-stored.js';
export type { ReanalyzeOptions } from './reanalyze-stored.js';
export { toolVersion } from './tool-version.js';
export type { DocumentSummary, Page, Store, TextSearchHit } from '../store/store.js';
export { findDocument, AMBIGUOUS_CANDIDATES } from './find-document.js';
export type { DocumentLookup } from './find-document.js';
export { diagnoseInstallation, findChromium, MINIMUM_NODE_MAJOR } from './diagnose.js';
export type { ChromiumReport, DatabaseReport, InstallationReport, ModelReport, NativeModuleReport } from './diagnose.js';
export { applyReviews, entityAnchor, quoteAnchor } from './apply-reviews.js';
export type { AuditEntry, Review, ReviewInput } from '../store/store.js';
export { corpusOutput, DEFAULT_MAX_MEMBERS, readOutletsFile, updateCorpus, writeCorpusObject } from './corpus.js';
export type { CorpusOutputOptions, CorpusRun, UpdateCorpusOptions } from './corpus.js';
export type { ClusterInfo, CorpusParts, Outlet, RenderOptions, TextOut } from '../corpus/index.js';
export { renderItem, textWriter } from '../corpus/index.js';
