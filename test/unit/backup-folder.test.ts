import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/api/dispatch';
import { createHandlers } from '../../electron/app/handlers';
import { startAutomaticBackups } from '../../electron/features/data/backup';
import { backupsDirFor } from '../../electron/store/open';
import { formatMoment } from '../../renderer/i18n/format';
import { onSqlite, openTestApp, tempDir, type TestApp } from '../helpers/store';

let apps: TestApp[] = [];
afterEach(async () => {
  for (const a of apps) await a.close().catch(() => undefined);
  apps = [];
});
async function app(): Promise<TestApp> {
  const a = await openTestApp();
  apps.push(a);
  return a;
}

describe('the folder the backups are copied to', () => {
  it('is refused, in French and naming it, when it is missing, a file, not writable or not a full path', async () => {
    const a = await app();
    const missing = path.join(tempDir(), 'cle-usb-absente');
    expect((await a.fail('data.backups.setFolder', { folder: missing })).message).toBe(
      `Le dossier « ${missing} » n’existe pas : branchez la clé USB ou vérifiez le chemin, puis réessayez.`,
    );
    const file = path.join(tempDir(), 'notes.txt');
    fs.writeFileSync(file, 'x');
    expect((await a.fail('data.backups.setFolder', { folder: file })).message).toContain('est un fichier, pas un dossier');
    // /proc takes no new file, not even from root: a folder that cannot be written to.
    expect((await a.fail('data.backups.setFolder', { folder: '/proc' })).message).toBe(
      'Impossible d’écrire dans le dossier « /proc » (clé protégée en écriture ou droits insuffisants) : choisissez-en un autre.',
    );
    expect((await a.fail('data.backups.setFolder', { folder: 'cle-usb' })).message).toContain('n’est pas un chemin complet');
    // Nothing was kept: a PostgreSQL base has no file list (its backups are archives), SQLite says so.
    if (onSqlite) expect((await a.call('data.backups.list', {})).copyFolder ?? null).toBeNull();
  });

  it.runIf(onSqlite)('receives a copy of each manual and automatic backup, and is shown with the list', async () => {
    const a = await app();
    const usb = tempDir('maillage-cle-');
    expect(await a.call('data.backups.setFolder', { folder: usb })).toEqual({ folder: usb });
    expect((await a.call('data.backups.list', {})).copyFolder).toBe(usb);

    const manual = await a.call('data.backups.create', {});
    expect(manual.copiedTo).toBe(path.join(usb, manual.name));
    expect(fs.readFileSync(path.join(usb, manual.name))).toEqual(fs.readFileSync(path.join(backupsDirFor(a.file), manual.name)));

    const stop = startAutomaticBackups(a.store, { now: () => new Date('2026-03-12T08:00:00Z'), checkEveryMs: 20 });
    await new Promise((r) => setTimeout(r, 100));
    await stop();
    expect(fs.readdirSync(usb).sort()).toEqual([manual.name, 'maillage-auto-2026-03-12T08-00-00.sqlite'].sort());

    // A key pulled out: the backup is still made here, and the message says where the copy failed.
    fs.rmSync(usb, { recursive: true });
    const error = await a.fail('data.backups.create', {});
    expect(error.message).toBe(`Le dossier « ${usb} » n’existe pas : branchez la clé USB ou vérifiez le chemin, puis réessayez.`);
    expect((await a.call('data.backups.list', {})).items.filter((b) => b.kind === 'manuel')).toHaveLength(2);

    // Back to this machine only.
    expect(await a.call('data.backups.setFolder', { folder: null })).toEqual({ folder: null });
    expect((await a.call('data.backups.create', {})).copiedTo).toBeNull();
  });

  it('is chosen in the desktop’s folder dialog; elsewhere the dialog is refused in French and the path is typed', async () => {
    const a = await app();
    expect((await a.fail('files.chooseFolder', {})).message).toBe(
      'Le choix d’un dossier par fenêtre n’est possible que dans l’application de bureau : saisissez le chemin du dossier.',
    );
    // Electron's dialog is the one part played here: it answers a folder, then a cancel.
    const answers: (string | null)[] = [tempDir('cle-usb-'), null];
    const desktop = createDispatcher(createHandlers(a.store, { runtime: 'electron', now: () => new Date('2026-03-12T10:00:00Z'), chooseFolder: async () => answers.shift() ?? null }), {
      validateOutput: true,
    });
    const value = async (method: string, input: unknown) => {
      const result = await desktop(method, input);
      if (!result.ok) throw new Error(result.error.message);
      return result.value as { folder: string | null };
    };
    const { folder } = await value('files.chooseFolder', {});
    expect(folder).toMatch(/cle-usb-/);
    expect((await value('files.chooseFolder', {})).folder).toBeNull();
    expect((await value('data.backups.setFolder', { folder })).folder).toBe(folder);
  });

  it('names a backup by its moment, in French', () => {
    expect(formatMoment('2026-12-02T13:37:00Z', 'fr')).toBe('2 décembre 2026 à 14 h 37');
  });
});
