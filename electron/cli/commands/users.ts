import { defaultMailEnvironment } from '../../features/mail/service';
import { mailInvitation } from '../../features/accounts/invitation-mail';
import { z } from 'zod';
import { AppError } from '../../../shared/api/errors';
import { ROLES, type Role } from '../../../shared/api/roles';
import { emailInput, newPasswordSchema } from '../../../shared/features/accounts/contract';
import { DEFAULT_TIME_ZONE } from '../../../shared/format/day';
import { formatInstant } from '../../../shared/format/date-input';
import { issuesFromZod } from '../../../shared/validation/zod-issues';
import type { ServiceContext } from '../../app/context';
import { addUser, disableUser, findUserIdByEmail, listUsers, resetUser } from '../../features/accounts/service';
import { defineCommand, UsageError, type CliContext } from '../command';

const DB_EXAMPLE = 'postgres://maillage@serveur:5432/reseau';

function parse<T>(schema: z.ZodType<T>, value: unknown, field: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError('VALIDATION', 'error.validation', undefined, issuesFromZod(parsed.error, field));
  return parsed.data;
}

function requiredString(ctx: CliContext, option: string): string {
  const value = ctx.options[option];
  if (typeof value !== 'string' || value === '') throw new UsageError('accounts.cli.missingOption', { option: `--${option}` });
  return value;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // One line: the trailing newline of `echo` or a here-string is not part of the password.
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

function serviceContext(ctx: CliContext, db: ServiceContext['db']): ServiceContext {
  return { db, now: ctx.now, runtime: 'cli' };
}

function printInvitation(ctx: CliContext, invitation: { url: string; expiresAt: string }) {
  ctx.out(ctx.t('accounts.cli.invitation', { until: formatInstant(invitation.expiresAt, ctx.language, DEFAULT_TIME_ZONE) }));
  ctx.out(invitation.url);
}

/** `--send`: the link goes by mail too (the base's mail settings; a .eml file without a server). */
async function sendInvitation(ctx: CliContext, sctx: ServiceContext, user: { id: number; email: string; displayName: string }, invitation: { url: string; expiresAt: string }, reason: 'new' | 'reset') {
  if (!ctx.options.send) return;
  const mailed = await mailInvitation(sctx, defaultMailEnvironment(), user, invitation, reason);
  if (mailed.status === 'failed') throw new AppError('VALIDATION', 'invite.cli.failed', { error: mailed.error ?? '' });
  else ctx.out(mailed.status === 'sent' ? ctx.t('invite.cli.sent', { email: user.email }) : ctx.t('invite.cli.written', { file: mailed.file ?? '' }));
}

const sendOption = { type: 'boolean', description: 'accounts.cli.send' } as const;

const publicUrlOption = { type: 'string', description: 'accounts.cli.publicUrl', valueName: 'URL' } as const;

export const usersAddCommand = defineCommand({
  name: 'users add',
  summary: 'accounts.cli.add.summary',
  description: 'accounts.cli.add.description',
  options: {
    email: { type: 'string', description: 'accounts.cli.email', valueName: 'E-MAIL' },
    role: { type: 'string', description: 'accounts.cli.role', valueName: 'RÔLE' },
    organisation: { type: 'string', description: 'accounts.cli.organisation', valueName: 'N°' },
    name: { type: 'string', description: 'accounts.cli.name', valueName: 'NOM' },
    'password-stdin': { type: 'boolean', description: 'accounts.cli.passwordStdin' },
    'public-url': publicUrlOption,
    send: sendOption,
  },
  examples: [
    `npm run cli -- users add --db ${DB_EXAMPLE} --email secretariat@reseau.fr --role secretariat --name "Claire Martin"`,
    `npm run cli -- users add --db ${DB_EXAMPLE} --email contact@ressourcerie.fr --role structure --organisation 12 --public-url https://maillage.reseau.fr`,
    `printf '%s' "$MOT_DE_PASSE" | npm run cli -- users add --db ${DB_EXAMPLE} --email admin@reseau.fr --role secretariat --password-stdin`,
  ],
  async run(ctx) {
    const email = parse(emailInput, requiredString(ctx, 'email'), 'email');
    const role = parse(z.enum(ROLES), requiredString(ctx, 'role'), 'role') as Role;
    const organisation = ctx.options.organisation;
    const organisationId = typeof organisation === 'string' ? parse(z.coerce.number().int().positive(), organisation, 'organisation') : null;
    const password = ctx.options['password-stdin'] ? parse(newPasswordSchema, await readStdin(), 'password') : undefined;
    if (password === '') throw new AppError('VALIDATION', 'accounts.error.passwordStdinEmpty');
    const base = typeof ctx.options['public-url'] === 'string' ? ctx.options['public-url'] : undefined;
    await ctx.withStore(async (store) => {
      const sctx = serviceContext(ctx, store.db);
      const { user, invitation } = await addUser(sctx, { email, role, organisationId, displayName: typeof ctx.options.name === 'string' ? ctx.options.name : null }, { password, base });
      ctx.out(ctx.t('accounts.cli.added', { id: user.id, email: user.email, role: user.role }));
      if (invitation) {
        printInvitation(ctx, invitation);
        await sendInvitation(ctx, sctx, user, invitation, 'new');
      }
    });
  },
});

export const usersListCommand = defineCommand({
  name: 'users list',
  summary: 'accounts.cli.list.summary',
  description: 'accounts.cli.list.description',
  requiresExistingDatabase: true,
  examples: [`npm run cli -- users list --db ${DB_EXAMPLE}`],
  async run(ctx) {
    await ctx.withStore(async (store) => {
      const users = await listUsers(serviceContext(ctx, store.db));
      if (users.length === 0) ctx.out(ctx.t('accounts.cli.list.empty'));
      for (const u of users) {
        const status = ctx.t(`accounts.status.${u.status}`);
        ctx.out([String(u.id), u.email, u.role, u.organisationName ?? '', status].join('\t'));
      }
    });
  },
});

export const usersDisableCommand = defineCommand({
  name: 'users disable',
  summary: 'accounts.cli.disable.summary',
  description: 'accounts.cli.disable.description',
  requiresExistingDatabase: true,
  options: { email: { type: 'string', description: 'accounts.cli.email', valueName: 'E-MAIL' } },
  examples: [`npm run cli -- users disable --db ${DB_EXAMPLE} --email contact@ressourcerie.fr`],
  async run(ctx) {
    const email = requiredString(ctx, 'email');
    await ctx.withStore(async (store) => {
      const sctx = serviceContext(ctx, store.db);
      const user = await disableUser(sctx, await findUserIdByEmail(sctx, email));
      ctx.out(ctx.t('accounts.cli.disabled', { email: user.email }));
    });
  },
});

export const usersResetCommand = defineCommand({
  name: 'users reset',
  summary: 'accounts.cli.reset.summary',
  description: 'accounts.cli.reset.description',
  requiresExistingDatabase: true,
  options: { email: { type: 'string', description: 'accounts.cli.email', valueName: 'E-MAIL' }, 'public-url': publicUrlOption, send: sendOption },
  examples: [`npm run cli -- users reset --db ${DB_EXAMPLE} --email contact@ressourcerie.fr`],
  async run(ctx) {
    const email = requiredString(ctx, 'email');
    const base = typeof ctx.options['public-url'] === 'string' ? ctx.options['public-url'] : undefined;
    await ctx.withStore(async (store) => {
      const sctx = serviceContext(ctx, store.db);
      const { user, invitation } = await resetUser(sctx, await findUserIdByEmail(sctx, email), { base });
      ctx.out(ctx.t('accounts.cli.reset', { email: user.email }));
      printInvitation(ctx, invitation);
      await sendInvitation(ctx, sctx, user, invitation, 'reset');
    });
  },
});
