import type { TestProject } from 'vitest/node';
import type { TestPostgres } from './pg';
import { startTestPostgresProcess } from './pg-process';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

/**
 * Vitest global setup: on the PostgreSQL run (MAILLAGE_TEST_ENGINE=postgres), one server for the
 * whole run unless MAILLAGE_TEST_PG_URL names one already. The test files get its URL by inject('pgUrl').
 */
let server: TestPostgres | null = null;

export async function setup(project: TestProject): Promise<void> {
  const given = process.env.MAILLAGE_TEST_PG_URL;
  if (given) {
    project.provide('pgUrl', given);
    return;
  }
  server = await startTestPostgresProcess();
  project.provide('pgUrl', server.url);
}

export async function teardown(): Promise<void> {
  await server?.stop();
  server = null;
}
