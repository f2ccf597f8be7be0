export * from './analysis-json.js';
