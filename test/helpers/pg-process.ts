import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestPostgres } from './pg';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Starts the test PostgreSQL in a child process (see pg-server.ts for why) and resolves with its
 * URL; `stop` ends it and removes its data folder.
 */
export function startTestPostgresProcess(): Promise<TestPostgres> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/helpers/pg-server.ts')], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    let errors = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`PostgreSQL de test : pas d’adresse après 60 s\n${errors}`));
    }, 60_000);
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`PostgreSQL de test arrêté avant d’être prêt (code ${code})\n${errors}`));
    });
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n')[0];
      if (!output.includes('\n') || !line) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const { url, dir } = JSON.parse(line) as { url: string; dir: string };
      resolve({
        url,
        dir,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => {
              fs.rmSync(dir, { recursive: true, force: true });
              done();
            });
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
