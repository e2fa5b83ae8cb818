import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run';
import { openStore } from '../../electron/store/engine';
import { dropTestTarget, FIXED_NOW, onSqlite, tempDir, testTarget } from '../helpers/store';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t), now: () => FIXED_NOW });
  return { code, out, err };
}

describe('users commands', () => {
  it('adds an account with a one-time invitation link valid 48 h, lists, disables and resets it', async () => {
    const db = testTarget();
    try {
      const added = await cli('users', 'add', '--db', db, '--email', 'Contact@Val.fr', '--role', 'lecture', '--public-url', 'https://maillage.exemple.org/');
      expect(added.code, added.err).toBe(0);
      expect(added.out).toContain('Compte n° 1 créé : contact@val.fr (lecture).');
      // 48 hours after 12 March 2026 10:00 UTC, in Paris.
      expect(added.out).toContain('valable jusqu’au 14 mars 2026 à 11 h 00');
      expect(added.out).toMatch(/^https:\/\/maillage\.exemple\.org\/#\/invitation\/[\w-]{43}$/m);

      const noOrg = await cli('users', 'add', '--db', db, '--email', 'x@val.fr', '--role', 'structure', '--public-url', 'https://maillage.exemple.org');
      expect(noOrg.code).toBe(1);
      expect(noOrg.err).toContain('Un compte « structure » parle pour une structure adhérente');
      const twice = await cli('users', 'add', '--db', db, '--email', 'contact@val.fr', '--role', 'lecture', '--public-url', 'https://maillage.exemple.org');
      expect(twice.err).toContain('Un compte existe déjà pour contact@val.fr');

      expect((await cli('users', 'list', '--db', db)).out).toBe('1\tcontact@val.fr\tlecture\t\tInvité\n');
      expect((await cli('users', 'disable', '--db', db, '--email', 'contact@val.fr')).out).toContain('désactivé');
      expect((await cli('users', 'list', '--db', db)).out).toContain('Désactivé');
      // The address kept by the server (or given) is the link's base; here none was kept.
      const noBase = await cli('users', 'reset', '--db', db, '--email', 'contact@val.fr');
      expect(noBase.err).toContain('Adresse publique du serveur inconnue');
      const reset = await cli('users', 'reset', '--db', db, '--email', 'contact@val.fr', '--public-url', 'https://maillage.exemple.org');
      expect(reset.out).toContain('Compte contact@val.fr réinitialisé.');
      expect((await cli('users', 'list', '--db', db)).out).toContain('Invité');
      const store = await openStore(db);
      try {
        expect(await store.db.selectFrom('invitations').select('id').where('used_at', 'is', null).execute()).toHaveLength(1);
        // Who did it is in the change log; the e-mail is not.
        const log = await store.db.selectFrom('audit_log').select(['action', 'summary']).where('entity', '=', 'account').execute();
        expect(log.map((l) => l.action)).toEqual(['create', 'disable', 'reset']);
        expect(log.map((l) => l.summary).join()).not.toContain('val.fr');
      } finally {
        await store.close();
      }
    } finally {
      await dropTestTarget(db);
    }
  });
});

describe.runIf(onSqlite)('users add --password-stdin', () => {
  it('reads the password from standard input, refuses one under 12 characters', async () => {
    const db = path.join(tempDir(), 'maillage.sqlite');
    const run = (email: string, password: string) =>
      new Promise<{ code: number; out: string; err: string }>((resolve) => {
        const child = execFile(path.join(ROOT, 'node_modules/.bin/tsx'), ['electron/cli/main.ts', 'users', 'add', '--db', db, '--email', email, '--role', 'secretariat', '--password-stdin'], { cwd: ROOT }, (error, out, err) =>
          resolve({ code: error ? 1 : 0, out, err }),
        );
        child.stdin!.end(password);
      });
    const short = await run('a@val.fr', 'onze lettre\n');
    expect(short.code).toBe(1);
    expect(short.err).toContain('au moins 12 caractères');
    const ok = await run('a@val.fr', 'douze lettres\n');
    expect(ok.err).toBe('');
    expect(ok.out).toContain('Compte n° 1 créé : a@val.fr (secretariat).');
    expect(ok.out).not.toContain('invitation');
    const store = await openStore(db);
    try {
      const row = await store.db.selectFrom('users').select('password_hash').executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$/);
    } finally {
      await store.close();
    }
  });
});
