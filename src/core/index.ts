export * from './span.js';
export * from './location.js';
export * from './document.js';
export * from './finding.js';
export * from './analysis.js';
export * from './run-analyses.js';
