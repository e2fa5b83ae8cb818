import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../electron/app/context';
import { addUser, delayAfter, SESSION_IDLE_MS, SESSION_MAX_MS } from '../../electron/features/accounts/service';
import { startServer, type RunningServer } from '../../electron/server/server';
import { openStore, type Store } from '../../electron/store/engine';
import type { Role } from '../../shared/api/roles';
import { callApi, sessionCookie, type CallOptions } from '../helpers/server';
import { dropTestTarget, FIXED_NOW, onSqlite, openTestApp, tempDir, testTarget, TEST_ENGINE } from '../helpers/store';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PASSWORD = 'correct horse battery';
const MINUTE = 60_000;

interface Harness {
  server: RunningServer;
  base: string;
  store: Store;
  ctx: ServiceContext;
  advance(ms: number): void;
  /** Creates an account with a password, as `users add --password-stdin` does. */
  account(email: string, role?: Role, organisationId?: number | null): Promise<number>;
  /** Logs in and returns what the browser keeps: the cookie and the CSRF token. */
  login(email: string, password?: string, options?: CallOptions): Promise<{ cookie: string; csrf: string }>;
  call(method: string, input: unknown, options?: CallOptions): ReturnType<typeof callApi>;
}

const open: Harness[] = [];

async function startHarness(options: { tls?: { cert: Buffer; key: Buffer }; publicUrl?: string } = {}): Promise<Harness> {
  const target = testTarget();
  const store = await openStore(target);
  let instant = FIXED_NOW.getTime();
  const now = () => new Date(instant);
  const staticDir = tempDir();
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><html><head><title>Maillage</title></head><body></body></html>');
  const server = await startServer({ store, now, host: '127.0.0.1', port: 0, staticDir, validateOutput: true, ...options });
  const ctx: ServiceContext = { db: store.db, now, runtime: 'test' };
  const base = server.url;
  const harness: Harness = {
    server,
    base,
    store,
    ctx,
    advance: (ms) => {
      instant += ms;
    },
    async account(email, role = 'secretariat', organisationId = null) {
      const { user } = await addUser(ctx, { email, role, organisationId }, { password: PASSWORD });
      return user.id;
    },
    async login(email, password = PASSWORD, callOptions = {}) {
      const answer = await callApi(base, 'auth.login', { email, password }, callOptions);
      expect(answer.body?.ok, answer.text).toBe(true);
      const cookie = sessionCookie(answer);
      expect(cookie).not.toBeNull();
      return { cookie: cookie!.pair, csrf: (answer.body!.value as { csrfToken: string }).csrfToken };
    },
    call: (method, input, callOptions) => callApi(base, method, input, callOptions),
  };
  open.push(harness);
  (harness as Harness & { target: string }).target = target;
  return harness;
}

afterEach(async () => {
  for (const h of open.splice(0)) {
    await h.server.close();
    await h.store.close();
    await dropTestTarget((h as Harness & { target: string }).target);
  }
});

// The server runs on PostgreSQL only (it refuses SQLite, tested below): these run on the postgres project.
describe.runIf(TEST_ENGINE === 'postgres')('network server (real HTTP on loopback, real PostgreSQL)', () => {
  it('logs in, serves calls with the session and the CSRF token, and logs out', async () => {
    const h = await startHarness();
    await h.account('secretaire@reseau.fr');
    const login = await h.call('auth.login', { email: 'Secretaire@Reseau.fr ', password: PASSWORD });
    expect(login.status).toBe(200);
    const cookie = sessionCookie(login)!;
    // HttpOnly, SameSite=Strict, whole site; no Secure over plain HTTP on loopback.
    expect(cookie.raw).toMatch(/; HttpOnly/);
    expect(cookie.raw).toMatch(/; SameSite=Strict/);
    expect(cookie.raw).toMatch(/; Path=\//);
    expect(cookie.raw).not.toMatch(/Secure/);
    const csrf = (login.body!.value as { csrfToken: string }).csrfToken;
    expect(csrf.length).toBeGreaterThan(30);

    const me = await h.call('auth.me', {}, { cookie: cookie.pair });
    expect(me.body!.value).toMatchObject({ mode: 'server', user: { email: 'secretaire@reseau.fr', role: 'secretariat' }, csrfToken: csrf });
    const created = await h.call('organisations.create', { name: 'Ressourcerie du Val', kind: 'member' }, { cookie: cookie.pair, csrf });
    expect(created.body?.ok, created.text).toBe(true);
    // The change log names the account.
    const audit = await h.store.db.selectFrom('audit_log').select('actor').where('entity', '=', 'organisation').execute();
    expect(audit.map((a) => a.actor)).toContain('secretaire@reseau.fr <secretaire@reseau.fr>');

    // Only a hash of the session id is stored.
    const stored = await h.store.db.selectFrom('sessions').select('token_hash').execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).not.toBe(cookie.pair.split('=')[1]);

    const out = await h.call('auth.logout', {}, { cookie: cookie.pair, csrf });
    expect(out.body?.ok).toBe(true);
    const after = await h.call('organisations.list', {}, { cookie: cookie.pair, csrf });
    expect(after.status).toBe(401);
    expect(after.body?.error?.code).toBe('UNAUTHORIZED');
    const anonymous = await h.call('auth.me', {}, {});
    expect(anonymous.body!.value).toEqual({ mode: 'server', user: null, csrfToken: null });
  });

  it('logout ends the other sessions of the account too', async () => {
    const h = await startHarness();
    await h.account('a@reseau.fr');
    const first = await h.login('a@reseau.fr');
    const second = await h.login('a@reseau.fr');
    await h.call('auth.logout', {}, { cookie: first.cookie, csrf: first.csrf });
    expect((await h.call('organisations.list', {}, { cookie: second.cookie, csrf: second.csrf })).status).toBe(401);
  });

  it('answers a wrong password and an unknown e-mail with the same message, in similar time', async () => {
    const h = await startHarness();
    await h.account('connu@reseau.fr');
    const wrong = await h.call('auth.login', { email: 'connu@reseau.fr', password: 'pas le bon mot de passe' }, { address: '10.0.0.1' });
    const unknown = await h.call('auth.login', { email: 'inconnu@reseau.fr', password: 'pas le bon mot de passe' }, { address: '10.0.0.2' });
    expect(wrong.status).toBe(unknown.status);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body!.error!.message).toBe('Adresse e-mail ou mot de passe incorrect.');
    expect(sessionCookie(wrong)).toBeNull();

    // Both cost one Argon2 check: medians of a few tries (other addresses, so no delay starts).
    const time = async (email: string, i: number) => {
      const start = performance.now();
      await h.call('auth.login', { email, password: 'pas le bon mot de passe' }, { address: `10.1.${i}.1` });
      return performance.now() - start;
    };
    const known: number[] = [];
    const missing: number[] = [];
    for (let i = 0; i < 4; i++) {
      known.push(await time(`connu@reseau.fr`, i * 2));
      missing.push(await time(`inconnu${i}@reseau.fr`, i * 2 + 1));
    }
    // The account's own count: reset it, its failures above are not the point here.
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ratio = median(known) / median(missing);
    expect(ratio, `known ${known.join(', ')} / unknown ${missing.join(', ')}`).toBeGreaterThan(0.4);
    expect(ratio, `known ${known.join(', ')} / unknown ${missing.join(', ')}`).toBeLessThan(2.5);
  });

  it('ends a session after 30 minutes without a request, and after 12 hours whatever happens', async () => {
    const h = await startHarness();
    await h.account('a@reseau.fr');
    const s = await h.login('a@reseau.fr');
    const ok = async () => (await h.call('organisations.list', {}, { cookie: s.cookie, csrf: s.csrf })).status;
    h.advance(SESSION_IDLE_MS - MINUTE);
    expect(await ok()).toBe(200);
    h.advance(SESSION_IDLE_MS - MINUTE);
    expect(await ok()).toBe(200);
    h.advance(SESSION_IDLE_MS);
    expect(await ok()).toBe(401);

    const t = await h.login('a@reseau.fr');
    const active = async () => (await h.call('organisations.list', {}, { cookie: t.cookie, csrf: t.csrf })).status;
    // Active every 25 minutes: still ended at 12 hours.
    let elapsed = 0;
    while (elapsed + 25 * MINUTE < SESSION_MAX_MS) {
      h.advance(25 * MINUTE);
      elapsed += 25 * MINUTE;
      expect(await active()).toBe(200);
    }
    h.advance(SESSION_MAX_MS - elapsed);
    expect(await active()).toBe(401);
  });

  it('refuses a call without the CSRF token, with another session’s, or from a foreign or missing Origin', async () => {
    const h = await startHarness();
    await h.account('a@reseau.fr');
    await h.account('b@reseau.fr');
    const a = await h.login('a@reseau.fr');
    const b = await h.login('b@reseau.fr');
    const create = (options: CallOptions) => h.call('organisations.create', { name: 'Intruse', kind: 'member' }, options);
    const missing = await create({ cookie: a.cookie });
    expect(missing.status).toBe(403);
    expect(missing.body!.error).toMatchObject({ code: 'FORBIDDEN', key: 'accounts.error.csrf' });
    expect((await create({ cookie: a.cookie, csrf: b.csrf })).status).toBe(403);
    const foreign = await create({ cookie: a.cookie, csrf: a.csrf, origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.body!.error).toMatchObject({ code: 'FORBIDDEN', key: 'accounts.error.origin' });
    expect((await create({ cookie: a.cookie, csrf: a.csrf, origin: null })).status).toBe(403);
    // A login from another site is refused too (login CSRF).
    expect((await h.call('auth.login', { email: 'a@reseau.fr', password: PASSWORD }, { origin: 'https://evil.example' })).status).toBe(403);
    expect(await h.store.db.selectFrom('organisations').select('id').execute()).toEqual([]);
    // Without a session at all: 401.
    expect((await h.call('organisations.list', {}, { csrf: a.csrf })).status).toBe(401);
  });

  it('slows brute force: after 5 failures per account, growing delays, even with the right password', async () => {
    const h = await startHarness();
    await h.account('cible@reseau.fr');
    const attempt = (password: string, address: string) => h.call('auth.login', { email: 'cible@reseau.fr', password }, { address });
    // From five addresses: the account's count is what stops it.
    for (let i = 0; i < 5; i++) expect((await attempt('mauvais mot de passe', `10.2.0.${i}`)).body!.error!.code).toBe('UNAUTHORIZED');
    const blocked = await attempt(PASSWORD, '10.2.1.1');
    expect(blocked.body!.error).toMatchObject({ code: 'LOCKED', key: 'accounts.error.throttled', params: { seconds: 1 } });
    expect(sessionCookie(blocked)).toBeNull();
    h.advance(1000);
    expect((await attempt('mauvais mot de passe', '10.2.1.2')).body!.error!.code).toBe('UNAUTHORIZED');
    expect((await attempt(PASSWORD, '10.2.1.3')).body!.error!.params).toEqual({ seconds: 2 });
    h.advance(2000);
    expect((await attempt(PASSWORD, '10.2.1.4')).body!.ok).toBe(true);
    expect([4, 5, 6, 10, 30].map(delayAfter)).toEqual([0, 1000, 2000, 32_000, 15 * MINUTE]);
  });

  it('slows brute force per address, over many e-mails', async () => {
    const h = await startHarness();
    for (let i = 0; i < 5; i++) await h.call('auth.login', { email: `x${i}@reseau.fr`, password: 'mauvais mot de passe' }, { address: '10.3.0.1' });
    const next = await h.call('auth.login', { email: 'autre@reseau.fr', password: 'mauvais mot de passe' }, { address: '10.3.0.1' });
    expect(next.body!.error!.code).toBe('LOCKED');
    // The same message whether the e-mail exists or not: nothing learnt from the delay either.
    const elsewhere = await h.call('auth.login', { email: 'autre@reseau.fr', password: 'mauvais mot de passe' }, { address: '10.3.0.2' });
    expect(elsewhere.body!.error!.code).toBe('UNAUTHORIZED');
  });

  it('sets a Secure __Host- cookie over HTTPS (self-signed certificate) and behind an https public address', async () => {
    const dir = tempDir();
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
    const h = await startHarness({ tls: { cert: fs.readFileSync(path.join(dir, 'cert.pem')), key: fs.readFileSync(path.join(dir, 'key.pem')) } });
    expect(h.base).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    await h.account('a@reseau.fr');
    const login = await h.call('auth.login', { email: 'a@reseau.fr', password: PASSWORD });
    const cookie = sessionCookie(login)!;
    expect(cookie.raw).toMatch(/^__Host-maillage_session=/);
    expect(cookie.raw).toMatch(/; Secure/);
    expect(cookie.raw).toMatch(/; HttpOnly/);
    expect(cookie.raw).toMatch(/; SameSite=Strict/);
    const page = await fetchPage(h.base);
    expect(page.headers['strict-transport-security']).toBeDefined();

    const proxied = await startHarness({ publicUrl: 'https://maillage.exemple.org' });
    await proxied.account('b@reseau.fr');
    const behind = await proxied.call('auth.login', { email: 'b@reseau.fr', password: PASSWORD }, { origin: 'https://maillage.exemple.org' });
    expect(sessionCookie(behind)!.raw).toMatch(/; Secure/);
  });

  it('serves the renderer with the server flag and its security headers', async () => {
    const h = await startHarness();
    const page = await fetchPage(h.base);
    expect(page.text).toContain('<meta name="maillage-server" content="1">');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
  });

  it('accepts an invitation once within 48 hours, and not after', async () => {
    const h = await startHarness();
    await h.account('secretaire@reseau.fr');
    const admin = await h.login('secretaire@reseau.fr');
    const org = await h.call('organisations.create', { name: 'Ressourcerie du Val', kind: 'member' }, { cookie: admin.cookie, csrf: admin.csrf });
    const orgId = (org.body!.value as { id: number }).id;
    // Invitation links need the server's address (kept from --public-url): here, the listen address.
    await h.store.db.insertInto('settings').values({ key: 'server.publicUrl', value: h.base }).execute();
    const added = await h.call('users.add', { email: 'contact@val.fr', role: 'structure', organisationId: orgId }, { cookie: admin.cookie, csrf: admin.csrf });
    expect(added.body?.ok, added.text).toBe(true);
    const { invitation, user } = added.body!.value as { invitation: { url: string; expiresAt: string }; user: { status: string } };
    expect(user.status).toBe('invited');
    expect(invitation.url).toMatch(new RegExp(`^${h.base}/#/invitation/[\\w-]{40,}$`));
    expect(invitation.expiresAt).toBe(new Date(FIXED_NOW.getTime() + 48 * 60 * MINUTE).toISOString());
    const token = invitation.url.split('/invitation/')[1]!;

    const short = await h.call('auth.acceptInvitation', { token, password: 'court' });
    expect(short.body!.error).toMatchObject({ code: 'VALIDATION' });
    expect(short.body!.error!.message).toContain('au moins 12 caractères');

    h.advance(47 * 60 * MINUTE);
    const accepted = await h.call('auth.acceptInvitation', { token, password: 'un mot de passe sûr' });
    expect(accepted.body?.ok, accepted.text).toBe(true);
    expect(sessionCookie(accepted)).not.toBeNull();
    expect((await h.call('auth.acceptInvitation', { token, password: 'un autre mot de passe' })).body!.error!.key).toBe('accounts.error.invitationInvalid');
    const hash = await h.store.db.selectFrom('users').select('password_hash').where('email', '=', 'contact@val.fr').executeTakeFirstOrThrow();
    expect(hash.password_hash).toMatch(/^\$argon2id\$/);

    const again = await h.login('secretaire@reseau.fr');
    const reset = await h.call('users.add', { email: 'tard@val.fr', role: 'lecture' }, { cookie: again.cookie, csrf: again.csrf });
    const late = (reset.body!.value as { invitation: { url: string } }).invitation.url.split('/invitation/')[1]!;
    h.advance(48 * 60 * MINUTE + 1000);
    expect((await h.call('auth.acceptInvitation', { token: late, password: 'un mot de passe sûr' })).body!.error!.key).toBe('accounts.error.invitationInvalid');
  });

  it('a password change ends the other sessions, keeps this one, and the old password stops working', async () => {
    const h = await startHarness();
    await h.account('a@reseau.fr');
    const here = await h.login('a@reseau.fr');
    const elsewhere = await h.login('a@reseau.fr');
    const wrong = await h.call('auth.changePassword', { currentPassword: 'pas celui-là du tout', newPassword: 'nouveau mot de passe' }, { cookie: here.cookie, csrf: here.csrf });
    expect(wrong.body!.error!.key).toBe('accounts.error.wrongPassword');
    const changed = await h.call('auth.changePassword', { currentPassword: PASSWORD, newPassword: 'nouveau mot de passe' }, { cookie: here.cookie, csrf: here.csrf });
    expect(changed.body?.ok, changed.text).toBe(true);
    expect((await h.call('organisations.list', {}, { cookie: here.cookie, csrf: here.csrf })).status).toBe(200);
    expect((await h.call('organisations.list', {}, { cookie: elsewhere.cookie, csrf: elsewhere.csrf })).status).toBe(401);
    expect((await h.call('auth.login', { email: 'a@reseau.fr', password: PASSWORD })).body!.error!.code).toBe('UNAUTHORIZED');
    await h.login('a@reseau.fr', 'nouveau mot de passe');
  });

  it('only the secretariat manages accounts; a disabled account is logged out and cannot log in', async () => {
    const h = await startHarness();
    await h.account('secretaire@reseau.fr');
    const readerId = await h.account('lecteur@reseau.fr', 'lecture');
    const reader = await h.login('lecteur@reseau.fr');
    const refused = await h.call('users.list', {}, { cookie: reader.cookie, csrf: reader.csrf });
    expect(refused.body!.error).toMatchObject({ code: 'FORBIDDEN' });
    const admin = await h.login('secretaire@reseau.fr');
    const listed = await h.call('users.list', {}, { cookie: admin.cookie, csrf: admin.csrf });
    expect((listed.body!.value as { items: { email: string; status: string }[] }).items.map((u) => [u.email, u.status])).toEqual([
      ['lecteur@reseau.fr', 'active'],
      ['secretaire@reseau.fr', 'active'],
    ]);
    const disabled = await h.call('users.disable', { id: readerId }, { cookie: admin.cookie, csrf: admin.csrf });
    expect((disabled.body!.value as { status: string }).status).toBe('disabled');
    expect((await h.call('organisations.list', {}, { cookie: reader.cookie, csrf: reader.csrf })).status).toBe(401);
    expect((await h.call('auth.login', { email: 'lecteur@reseau.fr', password: PASSWORD })).body!.error!.key).toBe('accounts.error.badLogin');
  });
});

function fetchPage(base: string) {
  return import('../helpers/server').then(({ request }) => request(`${base}/`));
}

describe.runIf(onSqlite)('network server start', () => {
  it('refuses a SQLite base with a clear French message', async () => {
    const file = path.join(tempDir(), 'maillage.sqlite');
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(path.join(ROOT, 'node_modules/.bin/tsx'), ['electron/server/main.ts', '--db', file], { cwd: ROOT }, (error, _stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stderr }),
      );
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Le serveur refuse une base SQLite');
    expect(result.stderr).toContain('postgres://');
    expect(fs.existsSync(file)).toBe(false);
  });

  it('refuses to listen beyond loopback without TLS', async () => {
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(path.join(ROOT, 'node_modules/.bin/tsx'), ['electron/server/main.ts', '--db', 'postgres://x@127.0.0.1:1/x', '--listen', '0.0.0.0:8080'], { cwd: ROOT }, (error, _stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stderr }),
      );
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Sans TLS, le serveur n’écoute que sur la boucle locale');
  });
});

describe('accounts outside the server', () => {
  it('the desktop and web mode have no login: auth.me says local, auth.login is the server’s only', async () => {
    const app = await openTestApp();
    try {
      expect(await app.call('auth.me', {})).toEqual({ mode: 'local', user: null, csrfToken: null });
      const refused = await app.fail('auth.login', { email: 'a@reseau.fr', password: PASSWORD });
      expect(refused).toMatchObject({ code: 'FORBIDDEN', key: 'accounts.error.serverOnly' });
      // The person at the machine manages accounts (every right), once the server's address is known.
      const noBase = await app.fail('users.add', { email: 'a@reseau.fr', role: 'lecture' });
      expect(noBase.key).toBe('accounts.error.noPublicUrl');
      expect(await app.count('users')).toBe(0);
    } finally {
      await app.close();
    }
  });
});
