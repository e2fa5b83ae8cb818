import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/api/dispatch';
import { createHandlers } from '../../electron/app/handlers';
import { openStore } from '../../electron/store/engine';
import {
  DATABASE_LOCATION_FILE_NAME,
  DATABASE_PASSWORD_FILE_NAME,
  mergePassword,
  readDatabaseLocation,
  resolveDatabaseTarget,
  saveDatabaseLocation,
  splitPassword,
  type Cipher,
} from '../../electron/database-location';
import { AppError } from '../../shared/api/errors';
import { dropTestTarget, FIXED_NOW, tempDir, testTarget } from '../helpers/store';

/**
 * Stands in for Electron's safeStorage (no Electron binary here): a real cipher, AES-256-GCM
 * under a key only this process knows, as the OS keychain's key is only the user's.
 */
function keychain(available = true): Cipher {
  const key = crypto.randomBytes(32);
  return {
    isEncryptionAvailable: () => available,
    encryptString(text) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(data) {
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

const DEFAULT_FILE = '/home/secretariat/.config/Maillage/maillage.sqlite';
const readAll = (dir: string) => fs.readdirSync(dir).map((name) => fs.readFileSync(path.join(dir, name)).toString('latin1')).join('\n');
const keyOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? error.key : String(error);
  }
  return null;
};

describe('PostgreSQL address of the desktop settings', () => {
  it('takes the password out of a URL, decoded, and puts it back encoded', () => {
    expect(splitPassword('postgres://maillage:s%40cr%C3%A9t@db.reseau.fr:5433/reseau?sslmode=require')).toEqual({
      url: 'postgres://maillage@db.reseau.fr:5433/reseau?sslmode=require',
      password: 's@crét',
    });
    expect(splitPassword(' postgres://maillage@db.reseau.fr/reseau ')).toEqual({ url: 'postgres://maillage@db.reseau.fr/reseau', password: null });
    expect(mergePassword('postgres://maillage@db.reseau.fr:5433/reseau?sslmode=require', 'p@ss:/wörd')).toBe(
      'postgres://maillage:p%40ss%3A%2Fw%C3%B6rd@db.reseau.fr:5433/reseau?sslmode=require',
    );
    const back = new URL(mergePassword('postgres://u@h/b', 'p@ss:/wörd'));
    expect(decodeURIComponent(back.password)).toBe('p@ss:/wörd');
    expect(mergePassword('postgres://u@h/b', null)).toBe('postgres://u@h/b');
  });

  it('refuses what is not a usable PostgreSQL address, saying why', () => {
    expect(keyOf(() => splitPassword('/tmp/maillage.sqlite'))).toBe('pg13a.location.notPostgres');
    expect(keyOf(() => splitPassword('postgres://u@db.reseau.fr/'))).toBe('pg13a.location.noBase');
    expect(keyOf(() => splitPassword('postgres://u@db.reseau.fr/reseau?sslmode=always'))).toBe('pg13a.location.badSslmode');
    expect(keyOf(() => splitPassword('postgres://u@db.reseau.fr/reseau?schema=Bad-Name'))).toBe('pg.error.badSchema');
    expect(keyOf(() => splitPassword('postgres://u@db.reseau.fr/reseau?sslmode=verify-full&schema=federation'))).toBeNull();
  });
});

describe('database location kept beside the settings', () => {
  it('opens the SQLite file until a PostgreSQL base is chosen, then the URL with its password decrypted back in', () => {
    const dir = tempDir();
    const cipher = keychain();
    expect(resolveDatabaseTarget(dir, DEFAULT_FILE, cipher)).toBe(DEFAULT_FILE);
    const saved = saveDatabaseLocation(dir, { kind: 'postgres', url: 'postgres://maillage@db.reseau.fr:5432/reseau?sslmode=require', password: 'tr3s-s3cret' }, cipher);
    expect(saved).toEqual({ location: { kind: 'postgres', url: 'postgres://maillage@db.reseau.fr:5432/reseau?sslmode=require' }, hasPassword: true });
    expect(resolveDatabaseTarget(dir, DEFAULT_FILE, cipher)).toBe('postgres://maillage:tr3s-s3cret@db.reseau.fr:5432/reseau?sslmode=require');
    // Never in clear on disk.
    expect(fs.readdirSync(dir).sort()).toEqual([DATABASE_LOCATION_FILE_NAME, DATABASE_PASSWORD_FILE_NAME]);
    expect(readAll(dir)).not.toContain('tr3s-s3cret');
    // Another keychain (another user, another machine) cannot read it: said plainly.
    expect(keyOf(() => resolveDatabaseTarget(dir, DEFAULT_FILE, keychain()))).toBe('pg13a.location.undecryptable');
  });

  it('takes a password typed in the URL out of it, keeps it when the address is saved again, forgets it on request or for another base', () => {
    const dir = tempDir();
    const cipher = keychain();
    saveDatabaseLocation(dir, { kind: 'postgres', url: 'postgres://maillage:dans-l-url@db.reseau.fr/reseau' }, cipher);
    expect(readAll(dir)).not.toContain('dans-l-url');
    expect(resolveDatabaseTarget(dir, DEFAULT_FILE, cipher)).toBe('postgres://maillage:dans-l-url@db.reseau.fr/reseau');
    // Saved again with the field left empty: the password stays.
    saveDatabaseLocation(dir, { kind: 'postgres', url: 'postgres://maillage@db.reseau.fr/reseau', password: '' }, cipher);
    expect(readDatabaseLocation(dir).hasPassword).toBe(true);
    // Another base: the old password does not follow it.
    saveDatabaseLocation(dir, { kind: 'postgres', url: 'postgres://maillage@autre.reseau.fr/reseau' }, cipher);
    expect(readDatabaseLocation(dir).hasPassword).toBe(false);
    expect(resolveDatabaseTarget(dir, DEFAULT_FILE, cipher)).toBe('postgres://maillage@autre.reseau.fr/reseau');
    saveDatabaseLocation(dir, { kind: 'postgres', url: 'postgres://maillage@autre.reseau.fr/reseau', password: 'x' }, cipher);
    saveDatabaseLocation(dir, { kind: 'postgres', url: 'postgres://maillage@autre.reseau.fr/reseau', password: null }, cipher);
    expect(readDatabaseLocation(dir).hasPassword).toBe(false);
    // Back to the file: URL and password forgotten.
    saveDatabaseLocation(dir, { kind: 'postgres', url: 'postgres://maillage@autre.reseau.fr/reseau', password: 'x' }, cipher);
    expect(saveDatabaseLocation(dir, { kind: 'sqlite' }, cipher)).toEqual({ location: { kind: 'sqlite' }, hasPassword: false });
    expect(fs.existsSync(path.join(dir, DATABASE_PASSWORD_FILE_NAME))).toBe(false);
    expect(resolveDatabaseTarget(dir, DEFAULT_FILE, cipher)).toBe(DEFAULT_FILE);
  });

  it('refuses to keep a password without the keychain, and keeps the address alone (PGPASSWORD, ~/.pgpass)', () => {
    const dir = tempDir();
    const none = keychain(false);
    expect(keyOf(() => saveDatabaseLocation(dir, { kind: 'postgres', url: 'postgres://maillage@db.reseau.fr/reseau', password: 'secret' }, none))).toBe('pg13a.location.noKeychain');
    expect(keyOf(() => saveDatabaseLocation(dir, { kind: 'postgres', url: 'postgres://maillage:secret@db.reseau.fr/reseau' }, none))).toBe('pg13a.location.noKeychain');
    expect(fs.readdirSync(dir)).toEqual([]);
    saveDatabaseLocation(dir, { kind: 'postgres', url: 'postgres://maillage@db.reseau.fr/reseau' }, none);
    expect(resolveDatabaseTarget(dir, DEFAULT_FILE, none)).toBe('postgres://maillage@db.reseau.fr/reseau');
  });

  it('falls back to the SQLite file when the settings file is unreadable or hand-edited badly', () => {
    const dir = tempDir();
    for (const content of ['{', '{"kind":"postgres"}', '{"kind":"postgres","url":"/tmp/x.sqlite"}', 'null']) {
      fs.writeFileSync(path.join(dir, DATABASE_LOCATION_FILE_NAME), content);
      expect(resolveDatabaseTarget(dir, DEFAULT_FILE, keychain())).toBe(DEFAULT_FILE);
    }
    // A password hand-written into the stored URL is not used from there.
    fs.writeFileSync(path.join(dir, DATABASE_LOCATION_FILE_NAME), JSON.stringify({ kind: 'postgres', url: 'postgres://u:clair@h/b' }));
    expect(readDatabaseLocation(dir).location).toEqual({ kind: 'postgres', url: 'postgres://u@h/b' });
  });
});

describe('database.location through the API', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function dispatcher(withPort: boolean) {
    const target = testTarget();
    const store = await openStore(target);
    cleanups.push(() => dropTestTarget(target), () => store.close());
    const dir = tempDir();
    const port = { dir, cipher: keychain(), defaultFile: target, opened: target };
    const dispatch = createDispatcher(createHandlers(store, { runtime: 'test', now: () => FIXED_NOW, ...(withPort ? { databaseLocation: port } : {}) }), { validateOutput: true });
    return { dir, target, dispatch };
  }

  it('on the desktop: shows the open base, saves a PostgreSQL choice for the next start, the password encrypted', async () => {
    const { dir, dispatch } = await dispatcher(true);
    const before = await dispatch('database.location.get', {});
    expect(before).toMatchObject({ ok: true, value: { available: true, url: null, hasPassword: false, restartNeeded: false } });
    const saved = await dispatch('database.location.save', { kind: 'postgres', url: 'postgres://maillage@db.reseau.fr/reseau?sslmode=require', password: 'tr3s-s3cret' });
    expect(saved).toEqual({
      ok: true,
      value: expect.objectContaining({ kind: 'postgres', url: 'postgres://maillage@db.reseau.fr/reseau?sslmode=require', hasPassword: true, restartNeeded: true }),
    });
    expect(JSON.stringify(saved)).not.toContain('tr3s-s3cret');
    expect(readAll(dir)).not.toContain('tr3s-s3cret');
    const refused = await dispatch('database.location.save', { kind: 'postgres', url: 'postgres://maillage@db.reseau.fr/reseau?sslmode=toujours' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', key: 'pg13a.location.badSslmode' } });
    expect(await dispatch('database.location.save', { kind: 'sqlite' })).toMatchObject({ ok: true, value: { kind: 'sqlite', restartNeeded: false } });
  });

  it('elsewhere (web mode, CLI): says the base is named by --db, and refuses to save', async () => {
    const { dispatch } = await dispatcher(false);
    expect(await dispatch('database.location.get', {})).toMatchObject({ ok: true, value: { available: false } });
    expect(await dispatch('database.location.save', { kind: 'sqlite' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', key: 'pg13a.location.desktopOnly' } });
  });
});
