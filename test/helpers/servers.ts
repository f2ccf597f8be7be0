/**
 * The PostgreSQL and Redis servers the scale-out tests use, named by CLAIMTRACE_TEST_POSTGRES_URL and
 * CLAIMTRACE_TEST_REDIS_URL (`.ci/run` starts both on loopback and sets them). Outside CI a missing
 * variable skips those tests with a message; in CI (CI=true) it is an error, so they never pass by
 * not running.
 */
function serverUrl(variable: string, what: string): string | null {
  const value = process.env[variable];
  if (value !== undefined && value !== '') return value;
  if (process.env.CI === 'true') throw new Error(`${variable} is not set: CI must run the ${what} tests against a server (.ci/run starts one)`);
  return null;
}

export function postgresTestUrl(): string | null {
  return serverUrl('CLAIMTRACE_TEST_POSTGRES_URL', 'PostgreSQL');
}

export function redisTestUrl(): string | null {
  return serverUrl('CLAIMTRACE_TEST_REDIS_URL', 'Redis');
}

export function skipMessage(variable: string): string {
  return `${variable} is not set (outside CI these tests are skipped; .ci/run starts the server)`;
}
