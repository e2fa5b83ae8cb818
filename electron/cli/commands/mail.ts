import path from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { isLoopbackHost, type MailRequestInput } from '../../../shared/features/mail/schemas';
import { formatInstant } from '../../../shared/format/date-input';
import { createHandlers } from '../../app/handlers';
import { environmentSecrets } from '../../features/mail/secrets';
import { defaultMailEnvironment, type MailEnvironment } from '../../features/mail/service';
import { createApiCall } from '../api';
import { UsageError, defineCommand, type CliContext, type OptionSpec } from '../command';

/** The options every sending command takes (`notice ID --send`, `mail …`). */
export const SEND_OPTIONS = {
  send: { type: 'boolean', description: 'cli.mail.send' },
  'dry-run': { type: 'boolean', description: 'cli.mail.dryRun' },
  smtp: { type: 'string', description: 'cli.mail.smtp', valueName: 'smtp://utilisateur@hôte:port' },
  resend: { type: 'boolean', description: 'cli.mail.resend' },
  'eml-out': { type: 'string', description: 'cli.mail.emlOut', valueName: 'DOSSIER' },
} as const satisfies Record<string, OptionSpec>;

/**
 * `smtp://user@host:port` (STARTTLS, or plain towards this machine) or `smtps://…` (TLS): the
 * server for this run. The password still comes from MAILLAGE_SMTP_PASSWORD or its file.
 */
export function parseSmtpUrl(value: string): NonNullable<MailEnvironment['override']> {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError('cli.mail.badSmtp', { value });
  }
  if ((url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || !url.hostname || url.password) throw new UsageError('cli.mail.badSmtp', { value });
  const secure = url.protocol === 'smtps:';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return {
    host,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    security: secure ? 'tls' : isLoopbackHost(host) ? 'none' : 'starttls',
    user: url.username ? decodeURIComponent(url.username) : null,
  };
}

export function wantsMail(ctx: CliContext): boolean {
  return ctx.options.send === true || ctx.options['dry-run'] === true;
}

/** Prints the preview (who would get what); with --send, sends and prints who did not get it. */
export async function runMail(ctx: CliContext, request: MailRequestInput): Promise<void> {
  const base = defaultMailEnvironment();
  const env: MailEnvironment = {
    secrets: environmentSecrets(),
    emlDir: typeof ctx.options['eml-out'] === 'string' ? path.resolve(ctx.options['eml-out']) : base.emlDir,
    override: typeof ctx.options.smtp === 'string' ? parseSmtpUrl(ctx.options.smtp) : null,
  };
  const dryRun = ctx.options['dry-run'] === true;
  await ctx.withStore(async (store) => {
    const api = createApiCall(createHandlers(store, { runtime: 'cli', now: ctx.now, mail: env }));
    const preview = await api('mail.preview', request);
    const sending = preview.recipients.filter((r) => r.state === 'send');
    ctx.out(ctx.t('cli.mail.previewHead', { subject: preview.subject, count: sending.length }));
    if (preview.attachments.length) ctx.out(ctx.t('cli.mail.attachments', { files: preview.attachments.map((a) => a.name).join(', ') }));
    ctx.out(preview.transport.kind === 'smtp' ? ctx.t('cli.mail.via', { host: preview.transport.host, port: preview.transport.port }) : ctx.t('cli.mail.viaEml', { dir: preview.transport.dir }));
    for (const r of preview.recipients) {
      if (r.state === 'excluded') ctx.out(ctx.t('cli.mail.line.excluded', { name: r.name, reason: ctx.t(`mail.send.reason.${r.reason!}`) }));
      else if (r.state === 'already' && ctx.options.resend !== true) ctx.out(ctx.t('cli.mail.line.already', { name: r.name, email: r.email!, date: formatInstant(r.lastSentAt!, ctx.language) }));
      else {
        const extra = [r.voting ? ctx.t('mail.send.voting') : null, r.organisationName].filter(Boolean).join(', ');
        ctx.out(ctx.t('cli.mail.line.send', { name: r.name, email: r.email!, extra: extra ? ` (${extra})` : '' }));
      }
    }
    if (dryRun) return;
    const summary = await api('mail.send', { request, resend: ctx.options.resend === true });
    ctx.out(ctx.t('cli.mail.done', { sent: summary.sent, written: summary.written, skipped: summary.skipped, excluded: summary.excluded.length }));
    if (summary.emlDir && summary.written > 0) ctx.out(ctx.t('mail.send.emlDir', { dir: summary.emlDir }));
    const missed = [
      ...summary.refused.map((m) => ctx.t('mail.send.refusedLine', m)),
      ...summary.failed.map((m) => ctx.t('mail.send.failedLine', m)),
      ...summary.remaining.map((m) => ctx.t('mail.send.remainingLine', m)),
    ];
    if (missed.length) {
      ctx.out(ctx.t('cli.mail.notReceived'));
      for (const line of missed) ctx.out(`  ${line}`);
    }
    // A lost connection is a failure of the run: the same command resumes it.
    if (summary.interrupted) throw new AppError('VALIDATION', 'cli.mail.interrupted');
  });
}

const WHATS = ['minutes', 'certificates', 'reminders-time', 'reminders-observatory', 'reminders-actions', 'reminders-membership'] as const;

function requestOf(what: string, value: string | undefined): MailRequestInput {
  const needs = (label: 'id' | 'year') => {
    const n = Number(value);
    if (value === undefined || !/^\d+$/.test(value) || (label === 'year' && (n < 1901 || n > 2200)) || n < 1) throw new UsageError('cli.mail.needValue', { what, value: label === 'id' ? 'ID' : 'ANNÉE' });
    return n;
  };
  switch (what) {
    case 'minutes':
      return { kind: 'minutes', meetingId: needs('id') };
    case 'certificates':
      return { kind: 'certificate', year: needs('year') };
    case 'reminders-time':
      return { kind: 'reminder_time' };
    case 'reminders-observatory':
      return { kind: 'reminder_observatory', year: needs('year') };
    case 'reminders-actions':
      return { kind: 'reminder_actions' };
    case 'reminders-membership':
      return { kind: 'reminder_membership', year: needs('year') };
    default:
      throw new UsageError('cli.mail.badWhat', { value: what, allowed: WHATS.join(', ') });
  }
}

export const mailCommand = defineCommand({
  name: 'mail',
  summary: 'cli.mail.summary',
  description: 'cli.mail.description',
  arguments: [
    { name: 'QUOI', description: 'cli.mail.what' },
    { name: 'VALEUR', description: 'cli.mail.value', optional: true },
  ],
  options: SEND_OPTIONS,
  examples: ['npm run cli -- mail minutes 12 --dry-run', 'npm run cli -- mail certificates 2025 --send', 'npm run cli -- mail reminders-membership 2026 --send --smtp smtp://secretariat@smtp.exemple.fr:587'],
  requiresExistingDatabase: true,
  async run(ctx) {
    const request = requestOf(ctx.args[0]!, ctx.args[1]);
    if (!wantsMail(ctx)) throw new UsageError('cli.mail.outOrSend');
    await runMail(ctx, request);
  },
});
