import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { sql } from 'kysely';
import { AppError } from '../../../shared/api/errors';
import type { Actor, Role } from '../../../shared/api/roles';
import type { SessionUser, User } from '../../../shared/features/accounts/contract';
import { nowIso, type ServiceContext } from '../../app/context';
import { recordChange } from '../data/audit';

/** 30 minutes without a request end a session; 12 hours end it whatever happens. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_MAX_MS = 12 * 60 * 60 * 1000;
export const INVITATION_MS = 48 * 60 * 60 * 1000;
/** Failures allowed before the delays start; they double after each further failure, up to the cap. */
export const FREE_FAILURES = 5;
export const MAX_DELAY_MS = 15 * 60 * 1000;
/** A failure this old is forgotten: the count starts again. */
const FAILURE_MEMORY_MS = 60 * 60 * 1000;
/** last_seen_at is written at most this often (one write per minute and session, not per request). */
const TOUCH_EVERY_MS = 60 * 1000;
export const PUBLIC_URL_SETTING = 'server.publicUrl';

/** The delay imposed after `failures` failed logins in a row: none up to 5, then 1 s, 2 s, 4 s… up to 15 min. */
export function delayAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(1000 * 2 ** (failures - FREE_FAILURES), MAX_DELAY_MS);
}

function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

function randomToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

function shift(ctx: ServiceContext, ms: number): string {
  return new Date(ctx.now().getTime() + ms).toISOString();
}

export function hashPassword(password: string): Promise<string> {
  // @node-rs/argon2's default algorithm is Argon2id (19 MiB, 2 passes, the OWASP minimum).
  return hash(password);
}

/** Verified when no account matches, so that an unknown e-mail costs the same time as a wrong password. */
let dummyHash: Promise<string> | null = null;
function decoyHash(): Promise<string> {
  dummyHash ??= hashPassword(randomToken());
  return dummyHash;
}

async function passwordMatches(stored: string | null, given: string): Promise<boolean> {
  if (stored === null) {
    await verify(await decoyHash(), given).catch(() => false);
    return false;
  }
  return verify(stored, given).catch(() => false);
}

/** Account management is the secretariat's (the CLI and the desktop act with every right). */
export function requireAccountManager(ctx: ServiceContext): void {
  if (ctx.caller?.kind === 'user' && ctx.caller.role !== 'secretariat') throw new AppError('FORBIDDEN', 'accounts.error.secretariatOnly');
}

// ---------------------------------------------------------------- accounts

type UserRow = { id: number; email: string; display_name: string; role: string; organisation_id: number | null; password_hash: string | null; disabled_at: string | null; created_at: string };

function sessionUserOf(row: Pick<UserRow, 'id' | 'email' | 'display_name' | 'role' | 'organisation_id'>): SessionUser {
  return { id: row.id, email: row.email, displayName: row.display_name, role: row.role as Role, organisationId: row.organisation_id };
}

export function actorOfUser(user: SessionUser): Actor {
  return { kind: 'user', userId: user.id, email: user.email, displayName: user.displayName, role: user.role, organisationId: user.organisationId };
}

export async function listUsers(ctx: ServiceContext): Promise<User[]> {
  requireAccountManager(ctx);
  const rows = await ctx.db
    .selectFrom('users')
    .leftJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.id', 'users.email', 'users.display_name', 'users.role', 'users.organisation_id', 'users.password_hash', 'users.disabled_at', 'users.created_at', 'organisations.name as organisation_name'])
    .orderBy('users.email')
    .execute();
  const pending = await ctx.db
    .selectFrom('invitations')
    .select(['user_id', (eb) => eb.fn.max('expires_at').as('expires_at')])
    .where('used_at', 'is', null)
    .where('expires_at', '>', nowIso(ctx))
    .groupBy('user_id')
    .execute();
  const expiry = new Map(pending.map((p) => [p.user_id, p.expires_at]));
  return rows.map((r) => toUser(r, r.organisation_name, expiry.get(r.id) ?? null));
}

function toUser(row: UserRow, organisationName: string | null, invitationExpiresAt: string | null): User {
  return {
    ...sessionUserOf(row),
    organisationName,
    status: row.disabled_at ? 'disabled' : row.password_hash ? 'active' : 'invited',
    createdAt: row.created_at,
    invitationExpiresAt: row.disabled_at || row.password_hash ? null : invitationExpiresAt,
  };
}

async function getUser(ctx: ServiceContext, id: number): Promise<User> {
  const user = (await listUsers(ctx)).find((u) => u.id === id);
  if (!user) throw new AppError('NOT_FOUND', 'accounts.error.userNotFound', { id });
  return user;
}

export async function findUserIdByEmail(ctx: ServiceContext, email: string): Promise<number> {
  const row = await ctx.db.selectFrom('users').select('id').where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'accounts.error.userByEmailNotFound', { email });
  return row.id;
}

export interface NewUser {
  email: string;
  role: Role;
  organisationId?: number | null;
  displayName?: string | null;
}

export interface Invitation {
  url: string;
  expiresAt: string;
}

/** The base of invitation links: given, or the one the server keeps (set from --public-url when it starts). */
export async function invitationBase(ctx: ServiceContext, given?: string): Promise<string> {
  const value = given ?? (await ctx.db.selectFrom('settings').select('value').where('key', '=', PUBLIC_URL_SETTING).executeTakeFirst())?.value;
  if (!value) throw new AppError('VALIDATION', 'accounts.error.noPublicUrl');
  return normalisePublicUrl(value);
}

export function normalisePublicUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AppError('VALIDATION', 'accounts.error.badPublicUrl', { url: value });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AppError('VALIDATION', 'accounts.error.badPublicUrl', { url: value });
  return url.origin + url.pathname.replace(/\/+$/, '');
}

export async function rememberPublicUrl(ctx: ServiceContext, value: string): Promise<void> {
  const normalised = normalisePublicUrl(value);
  await ctx.db
    .insertInto('settings')
    .values({ key: PUBLIC_URL_SETTING, value: normalised })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: normalised }))
    .execute();
}

async function createInvitation(ctx: ServiceContext, userId: number, base: string): Promise<Invitation> {
  const token = randomToken();
  const expiresAt = shift(ctx, INVITATION_MS);
  await ctx.db.insertInto('invitations').values({ user_id: userId, token_hash: sha256(token), created_at: nowIso(ctx), expires_at: expiresAt, used_at: null }).execute();
  // In the fragment: never sent to the server, so never in an access log.
  return { url: `${base}/#/invitation/${token}`, expiresAt };
}

async function checkOrganisation(ctx: ServiceContext, role: Role, organisationId: number | null | undefined): Promise<number | null> {
  if (role !== 'structure') {
    if (organisationId != null) throw new AppError('VALIDATION', 'accounts.error.organisationNotAllowed', undefined, [{ path: 'organisationId', key: 'accounts.error.organisationNotAllowed' }]);
    return null;
  }
  if (organisationId == null) throw new AppError('VALIDATION', 'accounts.error.organisationRequired', undefined, [{ path: 'organisationId', key: 'accounts.error.organisationRequired' }]);
  const found = await ctx.db.selectFrom('organisations').select('id').where('id', '=', organisationId).executeTakeFirst();
  if (!found) throw new AppError('NOT_FOUND', 'accounts.error.organisationNotFound', { id: organisationId });
  return organisationId;
}

/**
 * Creates an account: with a password (the CLI's --password-stdin), or with a one-time invitation
 * whose link is returned once (only its hash is kept).
 */
export async function addUser(ctx: ServiceContext, input: NewUser, options: { password?: string; base?: string } = {}): Promise<{ user: User; invitation: Invitation | null }> {
  requireAccountManager(ctx);
  const email = input.email.trim().toLowerCase();
  const organisationId = await checkOrganisation(ctx, input.role, input.organisationId);
  const base = options.password === undefined ? await invitationBase(ctx, options.base) : null;
  const passwordHash = options.password === undefined ? null : await hashPassword(options.password);
  const { id, invitation } = await ctx.db.transaction().execute(async (trx) => {
    const tctx = { ...ctx, db: trx };
    const taken = await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    if (taken) throw new AppError('CONFLICT', 'accounts.error.emailTaken', { email }, [{ path: 'email', key: 'accounts.error.emailTaken', params: { email } }]);
    const row = await trx
      .insertInto('users')
      .values({ email, display_name: input.displayName?.trim() || email, role: input.role, organisation_id: organisationId, password_hash: passwordHash, disabled_at: null, created_at: nowIso(ctx) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const invitation = base === null ? null : await createInvitation(tctx, row.id, base);
    await recordChange(tctx, { entity: 'account', entityId: row.id, action: 'create', summary: { role: input.role, organisationId } });
    return { id: row.id, invitation };
  });
  return { user: await getUser(ctx, id), invitation };
}

function refuseSelf(ctx: ServiceContext, id: number): void {
  if (ctx.caller?.kind === 'user' && ctx.caller.userId === id) throw new AppError('VALIDATION', 'accounts.error.self');
}

/** Disables an account: its sessions and pending invitations end with it. */
export async function disableUser(ctx: ServiceContext, id: number): Promise<User> {
  requireAccountManager(ctx);
  refuseSelf(ctx, id);
  await getUser(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ disabled_at: nowIso(ctx) }).where('id', '=', id).execute();
    await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    await trx.deleteFrom('invitations').where('user_id', '=', id).where('used_at', 'is', null).execute();
    await recordChange({ ...ctx, db: trx }, { entity: 'account', entityId: id, action: 'disable' });
  });
  return getUser(ctx, id);
}

/** Clears the password, ends the sessions and makes a new invitation (re-enabling a disabled account). */
export async function resetUser(ctx: ServiceContext, id: number, options: { base?: string } = {}): Promise<{ user: User; invitation: Invitation }> {
  requireAccountManager(ctx);
  refuseSelf(ctx, id);
  await getUser(ctx, id);
  const base = await invitationBase(ctx, options.base);
  const invitation = await ctx.db.transaction().execute(async (trx) => {
    const tctx = { ...ctx, db: trx };
    await trx.updateTable('users').set({ password_hash: null, disabled_at: null }).where('id', '=', id).execute();
    await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    await trx.deleteFrom('invitations').where('user_id', '=', id).where('used_at', 'is', null).execute();
    const made = await createInvitation(tctx, id, base);
    await recordChange(tctx, { entity: 'account', entityId: id, action: 'reset' });
    return made;
  });
  return { user: await getUser(ctx, id), invitation };
}

// ---------------------------------------------------------------- sessions

export interface OpenedSession {
  /** The cookie's value: random, shown to the browser only. */
  token: string;
  csrfToken: string;
  user: SessionUser;
}

async function openSession(ctx: ServiceContext, user: SessionUser): Promise<OpenedSession> {
  const token = randomToken();
  const csrfToken = randomToken();
  const at = nowIso(ctx);
  await ctx.db.insertInto('sessions').values({ token_hash: sha256(token), user_id: user.id, csrf_token: csrfToken, created_at: at, last_seen_at: at }).execute();
  // Expired sessions of this account go at the same time: the table does not grow with logins.
  await ctx.db
    .deleteFrom('sessions')
    .where('user_id', '=', user.id)
    .where((eb) => eb.or([eb('last_seen_at', '<', shift(ctx, -SESSION_IDLE_MS)), eb('created_at', '<', shift(ctx, -SESSION_MAX_MS))]))
    .execute();
  return { token, csrfToken, user };
}

function throttleKeys(email: string, address: string): string[] {
  return [`account:${email}`, `address:${address}`];
}

/** Refuses while a key is in its delay; the message is the same whether the account exists or not. */
async function checkThrottle(ctx: ServiceContext, keys: string[]): Promise<void> {
  const rows = await ctx.db.selectFrom('login_attempts').selectAll().where('key', 'in', keys).execute();
  let wait = 0;
  for (const row of rows) {
    const last = new Date(row.last_failure_at).getTime();
    if (ctx.now().getTime() - last > FAILURE_MEMORY_MS) continue;
    wait = Math.max(wait, last + delayAfter(row.failures) - ctx.now().getTime());
  }
  if (wait > 0) throw new AppError('LOCKED', 'accounts.error.throttled', { seconds: Math.ceil(wait / 1000) });
}

async function recordFailure(ctx: ServiceContext, keys: string[]): Promise<void> {
  const at = nowIso(ctx);
  const forgotten = shift(ctx, -FAILURE_MEMORY_MS);
  for (const key of keys) {
    // One statement, so that two failures at once both count.
    await ctx.db
      .insertInto('login_attempts')
      .values({ key, failures: 1, last_failure_at: at })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures: sql<number>`case when login_attempts.last_failure_at < ${forgotten} then 1 else login_attempts.failures + 1 end`,
          last_failure_at: at,
        }),
      )
      .execute();
  }
}

/**
 * Checks an e-mail and a password. A wrong password, an unknown e-mail, a disabled account and
 * an invitation not yet accepted all get the same message after the same work (one Argon2 check).
 */
export async function login(ctx: ServiceContext, input: { email: string; password: string; address: string }): Promise<OpenedSession> {
  const email = input.email.trim().toLowerCase();
  const keys = throttleKeys(email, input.address);
  await checkThrottle(ctx, keys);
  const row = await ctx.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  const ok = await passwordMatches(row?.password_hash ?? null, input.password);
  if (!row || !ok || row.disabled_at) {
    await recordFailure(ctx, keys);
    throw new AppError('UNAUTHORIZED', 'accounts.error.badLogin');
  }
  // The account's count starts again; the address's does not (one good account must not reset an attacker's).
  await ctx.db.deleteFrom('login_attempts').where('key', '=', keys[0]!).execute();
  return openSession(ctx, sessionUserOf(row));
}

export interface ActiveSession {
  id: number;
  csrfToken: string;
  user: SessionUser;
}

/** The session of a cookie, or null when unknown, idle too long, too old or of a disabled account (then removed). */
export async function resumeSession(ctx: ServiceContext, token: string): Promise<ActiveSession | null> {
  if (!token) return null;
  const row = await ctx.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id as session_id', 'sessions.csrf_token', 'sessions.created_at', 'sessions.last_seen_at', 'users.id', 'users.email', 'users.display_name', 'users.role', 'users.organisation_id', 'users.disabled_at'])
    .where('sessions.token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row) return null;
  const now = ctx.now().getTime();
  const lastSeen = new Date(row.last_seen_at).getTime();
  if (row.disabled_at || now - lastSeen >= SESSION_IDLE_MS || now - new Date(row.created_at).getTime() >= SESSION_MAX_MS) {
    await ctx.db.deleteFrom('sessions').where('id', '=', row.session_id).execute();
    return null;
  }
  if (now - lastSeen >= TOUCH_EVERY_MS) await ctx.db.updateTable('sessions').set({ last_seen_at: nowIso(ctx) }).where('id', '=', row.session_id).execute();
  return { id: row.session_id, csrfToken: row.csrf_token, user: sessionUserOf(row) };
}

/** Logout ends every session of the account, this one included (the issue: « logout … ends the other sessions »). */
export async function logout(ctx: ServiceContext, session: ActiveSession): Promise<void> {
  await ctx.db.deleteFrom('sessions').where('user_id', '=', session.user.id).execute();
}

/** Changes the password after checking the current one; every other session of the account ends. */
export async function changePassword(ctx: ServiceContext, session: ActiveSession, input: { currentPassword: string; newPassword: string }): Promise<void> {
  const row = await ctx.db.selectFrom('users').select('password_hash').where('id', '=', session.user.id).executeTakeFirstOrThrow();
  if (!(await passwordMatches(row.password_hash, input.currentPassword))) {
    throw new AppError('VALIDATION', 'accounts.error.wrongPassword', undefined, [{ path: 'currentPassword', key: 'accounts.error.wrongPassword' }]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', session.user.id).execute();
    await trx.deleteFrom('sessions').where('user_id', '=', session.user.id).where('id', '<>', session.id).execute();
    await recordChange({ ...ctx, db: trx }, { entity: 'account', entityId: session.user.id, action: 'password' });
  });
}

/** Sets the password of an invited account from its one-time link, and opens a session. */
export async function acceptInvitation(ctx: ServiceContext, input: { token: string; password: string }): Promise<OpenedSession> {
  const passwordHash = await hashPassword(input.password);
  const user = await ctx.db.transaction().execute(async (trx) => {
    const invitation = await trx
      .selectFrom('invitations')
      .innerJoin('users', 'users.id', 'invitations.user_id')
      .select(['invitations.id as invitation_id', 'users.id', 'users.email', 'users.display_name', 'users.role', 'users.organisation_id', 'users.disabled_at'])
      .where('invitations.token_hash', '=', sha256(input.token))
      .where('invitations.used_at', 'is', null)
      .where('invitations.expires_at', '>', nowIso(ctx))
      .executeTakeFirst();
    if (!invitation || invitation.disabled_at) throw new AppError('NOT_FOUND', 'accounts.error.invitationInvalid');
    // Used once: the update only counts if the row was still unused (two tabs at once).
    const used = await trx.updateTable('invitations').set({ used_at: nowIso(ctx) }).where('id', '=', invitation.invitation_id).where('used_at', 'is', null).executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw new AppError('NOT_FOUND', 'accounts.error.invitationInvalid');
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', invitation.id).execute();
    await trx.deleteFrom('sessions').where('user_id', '=', invitation.id).execute();
    return sessionUserOf(invitation);
  });
  return openSession(ctx, user);
}

/** Checks a session's CSRF token in constant time. */
export function sameSecret(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
