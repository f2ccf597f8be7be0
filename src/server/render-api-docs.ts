/** docs/api.md, rendered from the route declarations (routes.ts): one section per route. */
import { routeDocs } from './routes.js';

export function renderApiDocs(): string {
  const lines = [
    '# HTTP API',
    '',
    '<!-- Generated from src/server/routes.ts by `npm run docs:api`; a test fails when this page is stale. -->',
    '',
    '`claimtrace serve` answers these routes on `http://127.0.0.1:4319` by default; `claimtrace serve --get <path>` prints',
    "one route's JSON without opening a port. Every answer is JSON (`application/json`) unless marked otherwise; an error is",
    '`{ "error": "...", "details": [...] }` with a 4xx or 5xx status. Query parameters are checked: an unknown one, or a value',
    'out of range, is a 400 naming the parameter. The typed client in `src/api/client.ts` (`createClient({ baseUrl })`) wraps',
    'every route and works in Node 20 and in a browser. Each page of the web UI has its JSON twin here (the `page` line names it).',
    '',
    'Safety: see [reliability.md](reliability.md#server-safety) (loopback binding, token, host check, body limits, CSP).',
    '',
  ];
  for (const route of routeDocs()) {
    lines.push(`## ${route.method} ${route.path}`, '', route.summary, '');
    if (route.page) lines.push(`- page: ${route.page}`);
    if (route.produces !== 'json') lines.push(`- answers: ${route.produces === 'csv' ? 'text/csv (a download)' : route.produces}`);
    const query = Object.entries(route.query);
    if (query.length > 0) {
      lines.push('- query:');
      for (const [name, describe] of query) lines.push(`  - \`${name}\`${describe ? `: ${describe}` : ''}`);
    }
    if (route.body) {
      lines.push('- body (JSON):');
      for (const [name, describe] of Object.entries(route.body)) lines.push(`  - \`${name}\`${describe ? `: ${describe}` : ''}`);
    }
    if (lines[lines.length - 1] !== '') lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
