export { createApp, CONTENT_SECURITY_POLICY, BODY_LIMIT, INGEST_BODY_LIMIT } from './app.js';
export type { AppOptions } from './app.js';
export { routes, routeDocs } from './routes.js';
export { allowedHostsFor, defaultWebRoot, getRoute, isLoopback, startServer } from './serve.js';
export type { RunningServer, ServeOptions } from './serve.js';
