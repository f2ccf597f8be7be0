export * from './span.js';
export * from './location.js';
export * from './document.js';
export * from './finding.js';
export * from './analysis.js';
export * from './resources.js';
export * from './record-id.js';
export * from './run-analyses.js';
