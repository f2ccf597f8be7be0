export * from './analysis-json.js';
export * from './http.js';
export * from './client.js';
