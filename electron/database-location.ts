import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../shared/api/errors';
import { isPostgresTarget, parsePostgresTarget } from './store/postgres';

/**
 * Which base the desktop opens: its own SQLite file (the default), or a shared PostgreSQL base
 * named by a `postgres://user@host:port/base?sslmode=…` URL chosen in the settings. Pure logic
 * plus two small files beside the window state, so that it is tested without Electron; main.ts
 * only hands over Electron's `safeStorage` as the `Cipher`.
 *
 * The password is never written in clear: `database-location.json` holds the URL without it,
 * and the password goes, encrypted by the OS keychain (safeStorage), to `database-password.bin`.
 * Where the keychain is unavailable, a password is refused rather than stored; the URL alone then
 * relies on `PGPASSWORD` or `~/.pgpass`, as the CLI and web mode do.
 */

export const DATABASE_LOCATION_FILE_NAME = 'database-location.json';
export const DATABASE_PASSWORD_FILE_NAME = 'database-password.bin';

/** What Electron's safeStorage offers; tests give a cipher of their own. */
export interface Cipher {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full', 'no-verify'] as const;

export type DatabaseLocation = { kind: 'sqlite' } | { kind: 'postgres'; url: string };

/**
 * A PostgreSQL URL as the settings keep it: checked (scheme, host, base, sslmode, schema) and
 * without its password, which is handed back apart (decoded), or null when there was none.
 */
export function splitPassword(raw: string): { url: string; password: string | null } {
  const text = raw.trim();
  if (!isPostgresTarget(text)) throw new AppError('VALIDATION', 'pg13a.location.notPostgres', { target: text.slice(0, 80) });
  parsePostgresTarget(text); // readable, and its schema allowed
  const url = new URL(text);
  if (!url.hostname) throw new AppError('VALIDATION', 'pg13a.location.noHost');
  if (!url.pathname.replace(/^\//, '')) throw new AppError('VALIDATION', 'pg13a.location.noBase');
  const sslmode = url.searchParams.get('sslmode');
  if (sslmode !== null && !(SSL_MODES as readonly string[]).includes(sslmode)) {
    throw new AppError('VALIDATION', 'pg13a.location.badSslmode', { sslmode, allowed: SSL_MODES.join(', ') });
  }
  const password = url.password ? decodeURIComponent(url.password) : null;
  url.password = '';
  return { url: url.toString(), password };
}

/** The URL to open: the stored one with the stored password put back (encoded), if any. */
export function mergePassword(url: string, password: string | null): string {
  if (!password) return url;
  const withPassword = new URL(url);
  withPassword.password = encodeURIComponent(password);
  return withPassword.toString();
}

function readLocationFile(dir: string): DatabaseLocation {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(path.join(dir, DATABASE_LOCATION_FILE_NAME), 'utf8'));
  } catch {
    return { kind: 'sqlite' };
  }
  const url = (raw as { url?: unknown } | null)?.url;
  if ((raw as { kind?: unknown } | null)?.kind !== 'postgres' || typeof url !== 'string') return { kind: 'sqlite' };
  try {
    return { kind: 'postgres', url: splitPassword(url).url };
  } catch {
    return { kind: 'sqlite' };
  }
}

export interface StoredLocation {
  location: DatabaseLocation;
  /** A password is kept (encrypted) for this URL. */
  hasPassword: boolean;
}

export function readDatabaseLocation(dir: string): StoredLocation {
  const location = readLocationFile(dir);
  return { location, hasPassword: location.kind === 'postgres' && fs.existsSync(path.join(dir, DATABASE_PASSWORD_FILE_NAME)) };
}

/** Written to a temporary name then renamed: a crash never leaves half a settings file. */
function writeAtomic(file: string, data: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.tmp`;
  fs.writeFileSync(temporary, data, { mode: 0o600 });
  fs.renameSync(temporary, file);
}

export interface LocationChoice {
  kind: 'sqlite' | 'postgres';
  /** PostgreSQL: the URL; a password in it is taken out and kept like `password`. */
  url?: string;
  /** PostgreSQL: a new password; null removes the stored one; absent keeps it (unless the URL brings one). */
  password?: string | null;
}

/**
 * Saves the choice. The URL is written without its password; a password (typed apart, or found
 * in the URL) is encrypted by `cipher`, or refused when the keychain is unavailable — never
 * written in clear. Going back to the SQLite file forgets the URL and the password.
 */
export function saveDatabaseLocation(dir: string, choice: LocationChoice, cipher: Cipher): StoredLocation {
  const passwordFile = path.join(dir, DATABASE_PASSWORD_FILE_NAME);
  const locationFile = path.join(dir, DATABASE_LOCATION_FILE_NAME);
  if (choice.kind === 'sqlite') {
    fs.rmSync(passwordFile, { force: true });
    writeAtomic(locationFile, `${JSON.stringify({ kind: 'sqlite' }, null, 2)}\n`);
    return { location: { kind: 'sqlite' }, hasPassword: false };
  }
  if (!choice.url) throw new AppError('VALIDATION', 'pg13a.location.notPostgres', { target: '' });
  const { url, password: inUrl } = splitPassword(choice.url);
  const typed = choice.password === '' ? undefined : choice.password;
  const password = typed ?? inUrl;
  if (password) {
    if (!cipher.isEncryptionAvailable()) throw new AppError('FORBIDDEN', 'pg13a.location.noKeychain');
    writeAtomic(passwordFile, cipher.encryptString(password));
  } else if (typed === null || storedUrl(dir) !== url) {
    // Removed on request, or another base: the old password must not follow it.
    fs.rmSync(passwordFile, { force: true });
  }
  writeAtomic(locationFile, `${JSON.stringify({ kind: 'postgres', url }, null, 2)}\n`);
  return readDatabaseLocation(dir);
}

function storedUrl(dir: string): string | null {
  const location = readLocationFile(dir);
  return location.kind === 'postgres' ? location.url : null;
}

/**
 * What the desktop opens: the SQLite file unless a PostgreSQL URL is chosen, then that URL with
 * its password decrypted back into it (or without one: pg reads PGPASSWORD or ~/.pgpass).
 */
export function resolveDatabaseTarget(dir: string, defaultFile: string, cipher: Cipher): string {
  const { location, hasPassword } = readDatabaseLocation(dir);
  if (location.kind === 'sqlite') return defaultFile;
  if (!hasPassword || !cipher.isEncryptionAvailable()) return location.url;
  let password: string;
  try {
    password = cipher.decryptString(fs.readFileSync(path.join(dir, DATABASE_PASSWORD_FILE_NAME)));
  } catch (error) {
    // Another user's or another machine's keychain: said plainly; choosing the base again fixes it.
    throw new AppError('FORBIDDEN', 'pg13a.location.undecryptable', undefined, undefined, error);
  }
  return mergePassword(location.url, password);
}
