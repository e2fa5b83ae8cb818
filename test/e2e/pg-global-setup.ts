import { startTestPostgresProcess } from '../helpers/pg-process';

/**
 * Playwright global setup: on the PostgreSQL run (MAILLAGE_E2E_ENGINE=postgres) one server for
 * the whole run, unless MAILLAGE_TEST_PG_URL names one; the workers inherit its URL. Returns the
 * teardown that stops it.
 */
export default async function globalSetup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.MAILLAGE_E2E_ENGINE !== 'postgres' || process.env.MAILLAGE_TEST_PG_URL) return undefined;
  const server = await startTestPostgresProcess();
  process.env.MAILLAGE_TEST_PG_URL = server.url;
  return () => server.stop();
}
