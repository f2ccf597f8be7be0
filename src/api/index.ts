export * from './analysis-json.js';
export * from './http.js';
export * from './client.js';
export * from './corpus-json.js';
