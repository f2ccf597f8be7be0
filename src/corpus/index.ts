/**
 * Cross-document analyses over analysed documents: claim clusters, quote drift, source independence
 * and corpus entities (`claimtrace/corpus@1`). Pure: documents come in as analysis@1 objects and the
 * outlets table as data; the engine reads and writes the store.
 */
export { CorpusIndex, NEAR_DUPLICATE_JACCARD, REPRESENTATIVE_JACCARD, SHARED_PASSAGE_WORDS, STATEMENT_CONTAINMENT } from './corpus-index.js';
export type { CorpusIndexOptions } from './corpus-index.js';
export { corpusChunksAsync, corpusParts, renderCorpus, renderItem, streamCorpus, textWriter, writeCorpus } from './render-corpus.js';
export type { ClusterInfo, CorpusParts, RenderOptions, TextOut } from './render-corpus.js';
export { documentFeatures, keyOfEntity } from './features.js';
export type { DocumentFeatures } from './features.js';
export { outletTable, parseOutletsFile, OutletTable, defaultOutletRows } from './outlets.js';
export type { Outlet } from './outlets.js';
export { wordDiff, classifyDrift } from './word-diff.js';
export { documentSimilarity, storySimilarity, STORY_SIMILARITY, similarityFeatures, tfidfCosine, inverseDocumentFrequency, termCounts, SIMILARITY_FEATURES } from './document-similarity.js';
export type { TermOptions, SimilarityFeatureName } from './document-similarity.js';
export { encodeFeatures, decodeFeatures, CORPUS_FEATURES_VERSION } from './features-codec.js';
export type { OriginEvidence, UnitLink, IndexedUnit } from './corpus-index.js';
export { CorpusIdentity, identityForm } from './entity-identity.js';
