import path from 'node:path';
import { AppError, fieldError } from '../../../shared/api/errors';
import {
  DEFAULT_MAIL_SETTINGS,
  PLACEHOLDERS,
  WORDING_KINDS,
  fillPlaceholders,
  mailSettingsSchema,
  unknownPlaceholders,
  type MailPreview,
  type MailRecord,
  type MailRequest,
  type MailSettings,
  type MailSettingsView,
  type MailStatus,
  type SendSummary,
  type Wording,
  type WordingKind,
} from '../../../shared/features/mail/schemas';
import { DEFAULT_WORDINGS } from '../../../shared/features/mail/wordings';
import { nowIso, type ServiceContext } from '../../app/context';
import { defaultUserDataDir } from '../../app/paths';
import { getSettings } from '../settings/service';
import { buildBatch, type Letter } from './batches';
import { environmentSecrets, type MailSecrets } from './secrets';
import { emlTransport, safeFileName, smtpTransport, type Attachment, type MailTransport, type OutgoingMessage, type SmtpTarget } from './transport';

/** What the runtime gives the mail feature: where the password lives, where .eml files go, a one-run server. */
export interface MailEnvironment {
  secrets: MailSecrets;
  /** Without a server, batches are written here, one folder per batch. */
  emlDir: string;
  /** The CLI's --smtp smtp://user@host:port: replaces the stored server for one run. */
  override?: Partial<Pick<SmtpTarget, 'host' | 'port' | 'security' | 'user'>> | null;
  /** Extra TLS options (tests: the loopback server's own certificate). */
  tls?: SmtpTarget['tls'];
}

export function defaultMailEnvironment(env: NodeJS.ProcessEnv = process.env): MailEnvironment {
  return { secrets: environmentSecrets(env), emlDir: path.join(defaultUserDataDir(env), 'courriels') };
}

const SETTINGS_KEY = 'mail';
const WORDINGS_KEY = 'mail.wordings';

async function readJson(ctx: ServiceContext, key: string): Promise<unknown> {
  const row = await ctx.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  if (!row) return null;
  try {
    return JSON.parse(row.value);
  } catch {
    return null;
  }
}

async function writeJson(ctx: ServiceContext, key: string, data: unknown): Promise<void> {
  const value = JSON.stringify(data);
  await ctx.db
    .insertInto('settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

export async function getMailSettings(ctx: ServiceContext): Promise<MailSettings> {
  const stored = await readJson(ctx, SETTINGS_KEY);
  const parsed = mailSettingsSchema.safeParse({ ...DEFAULT_MAIL_SETTINGS, ...(stored && typeof stored === 'object' ? stored : {}) });
  return parsed.success ? parsed.data : DEFAULT_MAIL_SETTINGS;
}

export async function mailSettingsView(ctx: ServiceContext, env: MailEnvironment): Promise<MailSettingsView> {
  const settings = await getMailSettings(ctx);
  return { settings, passwordSource: await env.secrets.source(ctx), canStorePassword: env.secrets.canStore, emlDir: settings.host ? null : env.emlDir };
}

export async function updateMailSettings(ctx: ServiceContext, env: MailEnvironment, values: MailSettings): Promise<MailSettingsView> {
  await writeJson(ctx, SETTINGS_KEY, values);
  return mailSettingsView(ctx, env);
}

export async function setMailPassword(ctx: ServiceContext, env: MailEnvironment, password: string | null): Promise<MailSettingsView> {
  await env.secrets.store(ctx, password);
  return mailSettingsView(ctx, env);
}

// ——— Wordings ———

async function storedWordings(ctx: ServiceContext): Promise<Partial<Record<WordingKind, { subject: string; body: string }>>> {
  const stored = await readJson(ctx, WORDINGS_KEY);
  return stored && typeof stored === 'object' ? (stored as Partial<Record<WordingKind, { subject: string; body: string }>>) : {};
}

function wordingOf(kind: WordingKind, custom: { subject: string; body: string } | undefined): Wording {
  const original = DEFAULT_WORDINGS[kind];
  return {
    kind,
    subject: custom?.subject ?? original.subject,
    body: custom?.body ?? original.body,
    defaultSubject: original.subject,
    defaultBody: original.body,
    placeholders: [...PLACEHOLDERS[kind]],
    customised: custom !== undefined,
  };
}

export async function listWordings(ctx: ServiceContext): Promise<Wording[]> {
  const stored = await storedWordings(ctx);
  return WORDING_KINDS.map((kind) => wordingOf(kind, stored[kind]));
}

export async function getWording(ctx: ServiceContext, kind: WordingKind): Promise<Wording> {
  return wordingOf(kind, (await storedWordings(ctx))[kind]);
}

export async function updateWording(ctx: ServiceContext, input: { kind: WordingKind; subject: string; body: string }): Promise<Wording> {
  for (const field of ['subject', 'body'] as const) {
    const unknown = unknownPlaceholders(input.kind, input[field]);
    if (unknown.length > 0) throw fieldError(field, 'error.mail.unknownPlaceholder', { name: `{${unknown[0]}}`, allowed: PLACEHOLDERS[input.kind].map((p) => `{${p}}`).join(', ') });
  }
  const stored = await storedWordings(ctx);
  await writeJson(ctx, WORDINGS_KEY, { ...stored, [input.kind]: { subject: input.subject, body: input.body } });
  return getWording(ctx, input.kind);
}

export async function resetWording(ctx: ServiceContext, kind: WordingKind): Promise<Wording> {
  const stored = await storedWordings(ctx);
  delete stored[kind];
  await writeJson(ctx, WORDINGS_KEY, stored);
  return getWording(ctx, kind);
}

// ——— Transport ———

/** The stored server (or the CLI's override) with its password; null when none is set: .eml files then. */
async function smtpTarget(ctx: ServiceContext, env: MailEnvironment, settings: MailSettings): Promise<SmtpTarget | null> {
  const host = env.override?.host ?? settings.host;
  if (!host) return null;
  return {
    host,
    port: env.override?.port ?? settings.port,
    security: env.override?.security ?? settings.security,
    user: env.override?.user !== undefined ? env.override.user : settings.user,
    password: await env.secrets.read(ctx),
    ...(env.tls ? { tls: env.tls } : {}),
  };
}

function openTransport(target: SmtpTarget | null, emlDir: string): MailTransport {
  return target ? smtpTransport(target) : emlTransport(emlDir);
}

async function sender(ctx: ServiceContext, settings: MailSettings): Promise<{ from: OutgoingMessage['from']; replyTo: string | null }> {
  const association = (await getSettings(ctx)).associationName;
  const address = settings.fromAddress ?? (await getSettings(ctx)).email;
  if (!address) throw fieldError('fromAddress', 'error.mail.fromRequired');
  return { from: { name: settings.fromName ?? association, address }, replyTo: settings.replyTo };
}

// ——— Preview and send ———

type Exclusion = 'refuses_mail' | 'no_email' | null;

function exclusionOf(letter: Letter): Exclusion {
  if (!letter.email) return 'no_email';
  if (letter.refusesMail && !letter.legal) return 'refuses_mail';
  return null;
}

/** When each (document, address) last reached its recipient: sent by the server or written as a file. */
async function deliveredAt(ctx: ServiceContext, documentKeys: string[]): Promise<Map<string, string>> {
  const keys = [...new Set(documentKeys)];
  if (keys.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom('mail_messages')
    .select(['document_key', 'recipient_email', 'sent_at'])
    .where('document_key', 'in', keys)
    .where('status', 'in', ['sent', 'written'])
    .execute();
  const map = new Map<string, string>();
  for (const r of rows) {
    const key = `${r.document_key}\u0000${r.recipient_email.toLowerCase()}`;
    if (!map.has(key) || (r.sent_at ?? '') > map.get(key)!) map.set(key, r.sent_at ?? '');
  }
  return map;
}

const deliveryKey = (letter: Letter) => `${letter.documentKey}\u0000${(letter.email ?? '').toLowerCase()}`;

async function wordingFor(ctx: ServiceContext, kind: WordingKind): Promise<{ subject: string; body: string }> {
  const w = await getWording(ctx, kind);
  return { subject: w.subject, body: w.body };
}

function render(wording: { subject: string; body: string }, letter: Letter): { subject: string; text: string } {
  return { subject: fillPlaceholders(wording.subject, letter.values).replace(/\s+/g, ' ').trim(), text: fillPlaceholders(wording.body, letter.values) };
}

export async function previewMail(ctx: ServiceContext, env: MailEnvironment, request: MailRequest): Promise<MailPreview> {
  const batch = await buildBatch(ctx, request);
  const settings = await getMailSettings(ctx);
  const wording = await wordingFor(ctx, batch.kind);
  const delivered = await deliveredAt(ctx, batch.letters.map((l) => l.documentKey));
  const recipients = batch.letters.map((l) => {
    const reason = exclusionOf(l);
    const last = delivered.get(deliveryKey(l)) ?? null;
    return {
      personId: l.personId,
      organisationId: l.organisationId,
      name: l.name,
      organisationName: l.organisationName,
      email: l.email,
      voting: l.voting,
      legal: l.legal,
      state: reason ? ('excluded' as const) : last ? ('already' as const) : ('send' as const),
      reason,
      lastSentAt: last,
    };
  });
  const first = batch.letters.find((l) => exclusionOf(l) === null) ?? batch.letters[0];
  const sample = first ? render(wording, first) : { subject: wording.subject, text: wording.body };
  const attachments = await (first?.attachments ?? batch.sample)();
  const target = await smtpTargetWithoutPassword(env, settings);
  return {
    kind: batch.kind,
    documentKey: batch.batchKey,
    subject: sample.subject,
    body: sample.text,
    attachments: attachments.map((a) => ({ name: a.filename, size: typeof a.content === 'string' ? Buffer.byteLength(a.content) : a.content.byteLength })),
    recipients,
    transport: target ? { kind: 'smtp', host: target.host, port: target.port } : { kind: 'eml', dir: batchDir(env, batch.batchKey) },
  };
}

/** The preview says where the mail would go without reading the password. */
async function smtpTargetWithoutPassword(env: MailEnvironment, settings: MailSettings): Promise<{ host: string; port: number } | null> {
  const host = env.override?.host ?? settings.host;
  return host ? { host, port: env.override?.port ?? settings.port } : null;
}

function batchDir(env: MailEnvironment, batchKey: string): string {
  return path.join(env.emlDir, safeFileName(batchKey.replace(/:/g, '-')));
}

function recordRow(ctx: ServiceContext, kind: string, meetingId: number | null, letter: Letter, subject: string, attachments: Attachment[]) {
  return {
    kind,
    document_key: letter.documentKey,
    meeting_id: meetingId,
    organisation_id: letter.organisationId,
    person_id: letter.personId,
    recipient_name: letter.name,
    recipient_email: letter.email!,
    subject,
    attachments: JSON.stringify(attachments.map((a) => a.filename)),
    status: 'sending' as MailStatus,
    server_answer: null,
    created_at: nowIso(ctx),
    sent_at: null,
  };
}

async function settle(ctx: ServiceContext, id: number, status: MailStatus, answer: string | null): Promise<void> {
  await ctx.db
    .updateTable('mail_messages')
    .set({ status, server_answer: answer || null, sent_at: status === 'sent' || status === 'written' ? nowIso(ctx) : null })
    .where('id', '=', id)
    .execute();
}

/**
 * Sends a batch, one message per person, in the preview's order. Already served (document and
 * address) is skipped unless `resend`; a refusal for one address is recorded and the rest goes on;
 * a lost connection stops the batch, and sending again resumes with those not yet served.
 */
export async function sendMailBatch(ctx: ServiceContext, env: MailEnvironment, request: MailRequest, resend = false): Promise<SendSummary> {
  const batch = await buildBatch(ctx, request);
  const settings = await getMailSettings(ctx);
  const wording = await wordingFor(ctx, batch.kind);
  const target = await smtpTarget(ctx, env, settings);
  const who = await sender(ctx, settings);
  const delivered = await deliveredAt(ctx, batch.letters.map((l) => l.documentKey));
  const dir = batchDir(env, batch.batchKey);
  const summary: SendSummary = { documentKey: batch.batchKey, sent: 0, written: 0, skipped: 0, excluded: [], refused: [], failed: [], interrupted: false, remaining: [], emlDir: target ? null : dir };
  const pending = batch.letters.filter((l) => {
    const reason = exclusionOf(l);
    if (reason) summary.excluded.push({ name: l.name, reason });
    else if (!resend && delivered.has(deliveryKey(l))) summary.skipped++;
    else return true;
    return false;
  });
  if (pending.length === 0) return summary;
  const transport = openTransport(target, dir);
  try {
    // Wrong port, password or security: said before anything leaves.
    await transport.verify();
    for (const [index, letter] of pending.entries()) {
      if (summary.interrupted) {
        summary.remaining.push({ name: letter.name, email: letter.email! });
        continue;
      }
      const attachments = await letter.attachments();
      const { subject, text } = render(wording, letter);
      const { id } = await ctx.db.insertInto('mail_messages').values(recordRow(ctx, batch.kind, batch.meetingId, letter, subject, attachments)).returning('id').executeTakeFirstOrThrow();
      const message: OutgoingMessage = { ...who, to: { name: letter.name, address: letter.email! }, subject, text, attachments };
      try {
        const result = await transport.send(message, `${String(index + 1).padStart(3, '0')}-${letter.email}`);
        if (result.ok) {
          await settle(ctx, id, target ? 'sent' : 'written', result.file ?? result.answer);
          if (target) summary.sent++;
          else summary.written++;
        } else {
          await settle(ctx, id, result.bounced ? 'bounced' : 'refused', result.answer);
          summary.refused.push({ name: letter.name, email: letter.email!, answer: result.answer });
        }
      } catch (error) {
        const answer = error instanceof AppError ? String(error.params?.detail ?? error.key) : String(error);
        await settle(ctx, id, 'failed', answer);
        summary.failed.push({ name: letter.name, email: letter.email!, answer });
        summary.interrupted = true;
      }
    }
  } finally {
    transport.close();
  }
  return summary;
}

/** « Envoyer un message d'essai »: to the address given, or the sender's own. */
export async function sendTestMessage(ctx: ServiceContext, env: MailEnvironment, to: string | null) {
  const settings = await getMailSettings(ctx);
  const who = await sender(ctx, settings);
  const address = to ?? who.from.address;
  const association = (await getSettings(ctx)).associationName;
  const wording = await wordingFor(ctx, 'test');
  const letter: Letter = {
    documentKey: `test:${nowIso(ctx)}`,
    personId: null,
    organisationId: null,
    organisationName: null,
    name: address,
    email: address,
    voting: false,
    legal: true,
    refusesMail: false,
    values: { association },
    attachments: async () => [],
  };
  const result = await deliverOne(ctx, env, settings, 'test', letter, render(wording, letter));
  return { to: address, transport: result.transport, file: result.file };
}

/**
 * The entry point for mail that is not a batch (account invitations, password resets): one
 * message, recorded like the others, sent now whatever was sent before. Throws in French when
 * the server refuses it or cannot be reached.
 */
export async function sendMail(
  ctx: ServiceContext,
  env: MailEnvironment,
  message: { to: { name: string; email: string }; subject: string; text: string; kind?: 'account'; documentKey: string; personId?: number | null; organisationId?: number | null; attachments?: Attachment[] },
): Promise<{ status: 'sent' | 'written'; file: string | null }> {
  const settings = await getMailSettings(ctx);
  const letter: Letter = {
    documentKey: message.documentKey,
    personId: message.personId ?? null,
    organisationId: message.organisationId ?? null,
    organisationName: null,
    name: message.to.name,
    email: message.to.email,
    voting: false,
    legal: true,
    refusesMail: false,
    values: {},
    attachments: async () => message.attachments ?? [],
  };
  const result = await deliverOne(ctx, env, settings, message.kind ?? 'account', letter, { subject: message.subject, text: message.text });
  return { status: result.transport.kind === 'smtp' ? 'sent' : 'written', file: result.file };
}

async function deliverOne(ctx: ServiceContext, env: MailEnvironment, settings: MailSettings, kind: string, letter: Letter, content: { subject: string; text: string }) {
  const target = await smtpTarget(ctx, env, settings);
  const who = await sender(ctx, settings);
  const transport = openTransport(target, path.join(env.emlDir, kind));
  try {
    await transport.verify();
    const attachments = await letter.attachments();
    const { id } = await ctx.db.insertInto('mail_messages').values(recordRow(ctx, kind, null, letter, content.subject, attachments)).returning('id').executeTakeFirstOrThrow();
    let result;
    try {
      result = await transport.send({ ...who, to: { name: letter.name, address: letter.email! }, subject: content.subject, text: content.text, attachments }, `${kind}-${letter.email}`);
    } catch (error) {
      await settle(ctx, id, 'failed', error instanceof AppError ? String(error.params?.detail ?? error.key) : String(error));
      throw error;
    }
    if (!result.ok) {
      await settle(ctx, id, result.bounced ? 'bounced' : 'refused', result.answer);
      throw new AppError('VALIDATION', 'error.mail.recipientRefused', { email: letter.email!, answer: result.answer });
    }
    await settle(ctx, id, target ? 'sent' : 'written', result.file ?? result.answer);
    return { transport: transport.description, file: result.file };
  } finally {
    transport.close();
  }
}

// ——— Record and refusal ———

export async function listRecords(ctx: ServiceContext, query: { meetingId?: number; organisationId?: number; personId?: number }): Promise<MailRecord[]> {
  let q = ctx.db.selectFrom('mail_messages').selectAll();
  if (query.meetingId !== undefined) q = q.where('meeting_id', '=', query.meetingId);
  if (query.organisationId !== undefined) q = q.where('organisation_id', '=', query.organisationId);
  if (query.personId !== undefined) q = q.where('person_id', '=', query.personId);
  // Latest batch first; within a batch, the order it was sent in.
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'asc').limit(500).execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    documentKey: r.document_key,
    meetingId: r.meeting_id,
    organisationId: r.organisation_id,
    personId: r.person_id,
    recipientName: r.recipient_name,
    recipientEmail: r.recipient_email,
    subject: r.subject,
    attachments: JSON.parse(r.attachments) as string[],
    status: r.status as MailStatus,
    serverAnswer: r.server_answer,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  }));
}

export async function getRefusal(ctx: ServiceContext, personId: number): Promise<{ personId: number; refusesMail: boolean }> {
  const row = await ctx.db.selectFrom('people').select('refuses_mail').where('id', '=', personId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'error.notFound');
  return { personId, refusesMail: row.refuses_mail === 1 };
}

export async function setRefusal(ctx: ServiceContext, personId: number, refusesMail: boolean): Promise<{ personId: number; refusesMail: boolean }> {
  const result = await ctx.db.updateTable('people').set({ refuses_mail: refusesMail ? 1 : 0 }).where('id', '=', personId).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new AppError('NOT_FOUND', 'error.notFound');
  return { personId, refusesMail };
}
