import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/store';

const root = path.resolve(import.meta.dirname, '../..');
let child: ChildProcess | null = null;

afterEach(() => {
  // npm, the start script and the web server share one process group: stop all three.
  if (child?.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  child = null;
});

function waitFor(output: () => string, pattern: RegExp, ms: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const timer = setInterval(() => {
      const match = pattern.exec(output());
      if (match) {
        clearInterval(timer);
        resolve(match);
      } else if (performance.now() - started > ms || child?.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`no ${pattern} in:\n${output()}`));
      }
    }, 100);
  });
}

describe('npm start without Electron', () => {
  it('says why in one line, serves web mode on the default database, and stops on Ctrl+C', { timeout: 180_000 }, async () => {
    // A first start: the application's folder does not exist yet.
    const dataDir = path.join(tempDir(), 'Maillage');
    const noElectron = tempDir(); // an Electron "installation" without its binary, even where one was downloaded
    let output = '';
    child = spawn('npm', ['start', '--silent', '--', '--port', '0'], {
      cwd: root,
      detached: true,
      env: {
        ...process.env,
        ELECTRON_OVERRIDE_DIST_PATH: noElectron,
        MAILLAGE_DATA_DIR: dataDir,
        MAILLAGE_SKIP_BUILD: '1',
        MAILLAGE_NO_BROWSER: '1',
        DISPLAY: '',
        WAYLAND_DISPLAY: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString('utf8')));

    const [, url] = await waitFor(() => output, /Maillage web : (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/, 170_000);
    const reasons = output.split('\n').filter((line) => line.startsWith('Electron ne peut pas être lancé ici : '));
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(/binaire Electron .*Maillage démarre en mode web dans le navigateur\.$/);
    expect(output).not.toMatch(/^Échec/m);

    const page = await fetch(url!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html lang="fr">');
    const token = new URL(url!).searchParams.get('token')!;
    const api = await fetch(new URL('/api/organisations.list', url!), {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(api.status).toBe(200);
    expect((await api.json()) as { ok: boolean }).toMatchObject({ ok: true });
    // The application's default database, as the desktop app would have opened it.
    await waitFor(() => output, /Base de données : (.*)/, 5_000);
    expect(output).toContain(`Base de données : ${path.join(dataDir, 'maillage.sqlite')}`);
    expect(fs.existsSync(path.join(dataDir, 'maillage.sqlite'))).toBe(true);

    // Still serving a moment later, then Ctrl+C closes it cleanly.
    await new Promise((r) => setTimeout(r, 500));
    expect((await fetch(url!)).status).toBe(200);
    // npm itself reports the interrupt as a signal; what matters is that the server is gone.
    const exited = new Promise<void>((resolve) => child!.on('exit', () => resolve()));
    process.kill(-child.pid!, 'SIGINT');
    await exited;
    await expect(fetch(url!)).rejects.toThrow();
    expect(output).not.toMatch(/Error|Échec/);
  });
});
