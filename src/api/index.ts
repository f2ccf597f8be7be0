export * from './analysis-json.js';
export * from './corpus-json.js';
