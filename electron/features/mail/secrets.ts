import fs from 'node:fs';
import { AppError } from '../../../shared/api/errors';
import type { PASSWORD_SOURCES } from '../../../shared/features/mail/schemas';
import type { ServiceContext } from '../../app/context';

export type PasswordSource = (typeof PASSWORD_SOURCES)[number];

/**
 * Where the SMTP password lives. Never in the base in clear: on the desktop Electron's
 * safeStorage encrypts it (the base keeps only the ciphertext); on a server or in the CLI it
 * comes from MAILLAGE_SMTP_PASSWORD or from a file that only its owner may read.
 */
export interface MailSecrets {
  readonly canStore: boolean;
  source(ctx: ServiceContext): Promise<PasswordSource>;
  read(ctx: ServiceContext): Promise<string | null>;
  store(ctx: ServiceContext, password: string | null): Promise<void>;
}

export const PASSWORD_VARIABLE = 'MAILLAGE_SMTP_PASSWORD';
export const PASSWORD_FILE_VARIABLE = 'MAILLAGE_SMTP_PASSWORD_FILE';

/** Reads the password file, refusing one that others than its owner may read (mode 0600 or stricter). */
export function readPasswordFile(file: string, platform: NodeJS.Platform = process.platform): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    throw new AppError('VALIDATION', 'error.mail.passwordFileMissing', { file }, undefined, error);
  }
  // Windows has no such modes; its ACLs are the administrator's business.
  if (platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    throw new AppError('VALIDATION', 'error.mail.passwordFileMode', { file, mode: (stat.mode & 0o777).toString(8).padStart(4, '0') });
  }
  return fs.readFileSync(file, 'utf8').replace(/\r?\n$/, '');
}

/** Server and CLI: the environment variable, or the file it names. Nothing can be typed in the screen. */
export function environmentSecrets(env: NodeJS.ProcessEnv = process.env): MailSecrets {
  const source = (): PasswordSource => (env[PASSWORD_VARIABLE] ? 'env' : env[PASSWORD_FILE_VARIABLE] ? 'file' : 'none');
  return {
    canStore: false,
    async source() {
      return source();
    },
    async read() {
      const kind = source();
      if (kind === 'env') return env[PASSWORD_VARIABLE]!;
      if (kind === 'file') return readPasswordFile(env[PASSWORD_FILE_VARIABLE]!);
      return null;
    },
    async store() {
      throw new AppError('FORBIDDEN', 'error.mail.passwordNotHere', { variable: PASSWORD_VARIABLE, fileVariable: PASSWORD_FILE_VARIABLE });
    },
  };
}

/** What Electron's safeStorage offers; the pure part below is tested without Electron. */
export interface Cipher {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

const CIPHERTEXT_KEY = 'mail.password';

/** Desktop: the ciphertext in the base (settings `mail.password`), the key in the system's keychain. */
export function cipherSecrets(cipher: Cipher, fallback: MailSecrets = environmentSecrets()): MailSecrets {
  const stored = async (ctx: ServiceContext) => (await ctx.db.selectFrom('settings').select('value').where('key', '=', CIPHERTEXT_KEY).executeTakeFirst())?.value ?? null;
  return {
    canStore: true,
    async source(ctx) {
      return (await stored(ctx)) ? 'safeStorage' : fallback.source(ctx);
    },
    async read(ctx) {
      const value = await stored(ctx);
      if (!value) return fallback.read(ctx);
      try {
        return cipher.decryptString(Buffer.from(value, 'base64'));
      } catch (error) {
        throw new AppError('VALIDATION', 'error.mail.passwordUnreadable', undefined, undefined, error);
      }
    },
    async store(ctx, password) {
      if (password === null || password === '') {
        await ctx.db.deleteFrom('settings').where('key', '=', CIPHERTEXT_KEY).execute();
        return;
      }
      if (!cipher.isEncryptionAvailable()) throw new AppError('VALIDATION', 'error.mail.noKeychain', { variable: PASSWORD_VARIABLE });
      const value = cipher.encryptString(password).toString('base64');
      await ctx.db
        .insertInto('settings')
        .values({ key: CIPHERTEXT_KEY, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    },
  };
}
