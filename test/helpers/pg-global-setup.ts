import { startTestPostgres, type TestPostgres } from './pg';

/**
 * Vitest global setup: on the PostgreSQL run (MAILLAGE_TEST_ENGINE=postgres), one server for the
 * whole run unless MAILLAGE_TEST_PG_URL names one already. The workers inherit the URL.
 */
let server: TestPostgres | null = null;

export async function setup(): Promise<void> {
  if (process.env.MAILLAGE_TEST_ENGINE !== 'postgres' || process.env.MAILLAGE_TEST_PG_URL) return;
  server = await startTestPostgres();
  process.env.MAILLAGE_TEST_PG_URL = server.url;
}

export async function teardown(): Promise<void> {
  await server?.stop();
  server = null;
}
