import { z } from 'zod';
import { checkedText, formatText, id, optionalEmail, optionalText, requiredText, year } from '../../validation/fields';

/** How the connection to the SMTP server is protected; `none` only towards this machine (a relay on loopback). */
export const MAIL_SECURITIES = ['starttls', 'tls', 'none'] as const;
export type MailSecurity = (typeof MAIL_SECURITIES)[number];

export const MAIL_STATUSES = ['sending', 'sent', 'written', 'refused', 'failed', 'bounced'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** What the application sends; each has its wording. `account` (invitations, resets) brings its own text. */
export const MAIL_KINDS = ['notice', 'minutes', 'certificate', 'reminder_time', 'reminder_observatory', 'reminder_actions', 'reminder_membership', 'test', 'account'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];
export const WORDING_KINDS = ['notice', 'minutes', 'certificate', 'reminder_time', 'reminder_observatory', 'reminder_actions', 'reminder_membership', 'test'] as const;
export type WordingKind = (typeof WORDING_KINDS)[number];

export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '::1', '[::1]'];
export const isLoopbackHost = (host: string) => LOOPBACK_HOSTS.includes(host.trim().toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host.trim());

const hostText = formatText(z
  .string()
  .nullish()
  .transform((v) => (v ?? '').trim() || null)
  .refine((v) => v === null || /^[A-Za-z0-9.:[\]-]{1,253}$/.test(v), 'error.mail.host'));

/** The SMTP server and the sender. No password here: it never goes into the base in clear. */
export const mailSettingsSchema = z
  .object({
    host: hostText,
    port: z.number({ error: 'error.number' }).int('error.integer').min(1, 'error.mail.port').max(65535, 'error.mail.port'),
    security: z.enum(MAIL_SECURITIES),
    user: optionalText(200),
    fromName: optionalText(200),
    fromAddress: optionalEmail,
    replyTo: optionalEmail,
  })
  .superRefine((v, ctx) => {
    if (v.host && v.security === 'none' && !isLoopbackHost(v.host)) ctx.addIssue({ code: 'custom', path: ['security'], message: 'error.mail.plainNotLoopback' });
    if (v.host && !v.fromAddress) ctx.addIssue({ code: 'custom', path: ['fromAddress'], message: 'error.mail.fromRequired' });
  });
export type MailSettings = z.infer<typeof mailSettingsSchema>;

export const DEFAULT_MAIL_SETTINGS: MailSettings = { host: null, port: 587, security: 'starttls', user: null, fromName: null, fromAddress: null, replyTo: null };

/** Where the password comes from: Electron's safeStorage, MAILLAGE_SMTP_PASSWORD, a file readable by its owner only, or nowhere. */
export const PASSWORD_SOURCES = ['safeStorage', 'env', 'file', 'none'] as const;

export const mailSettingsViewSchema = z.object({
  settings: mailSettingsSchema,
  passwordSource: z.enum(PASSWORD_SOURCES),
  /** Whether this runtime can keep a password typed in the screen (only the desktop app can). */
  canStorePassword: z.boolean(),
  /** No server: batches are written as .eml files in this folder. */
  emlDir: z.string().nullable(),
});
export type MailSettingsView = z.infer<typeof mailSettingsViewSchema>;

/** Kept as typed (no trimming: a space may belong to it), with the characters check of every text. */
export const passwordInputSchema = z.object({ password: checkedText('line', (t) => t.max(500, 'error.tooLong')).nullable() });

// ——— Wordings ———

const COMMON = ['personne', 'structure', 'association'] as const;
/** The placeholders each wording may name, written {réunion} in the text. */
export const PLACEHOLDERS: Record<WordingKind, readonly string[]> = {
  notice: [...COMMON, 'réunion', 'date', 'heure', 'lieu'],
  minutes: [...COMMON, 'réunion', 'date'],
  certificate: [...COMMON, 'année'],
  reminder_time: [...COMMON, 'depuis'],
  reminder_observatory: [...COMMON, 'année'],
  reminder_actions: [...COMMON, 'actions'],
  reminder_membership: [...COMMON, 'année', 'montant'],
  test: ['association'],
};

export const PLACEHOLDER_PATTERN = /\{([^{}\s]{1,40})\}/gu;

/** Placeholders named in a text that the wording does not know, in order of appearance. */
export function unknownPlaceholders(kind: WordingKind, text: string): string[] {
  const allowed = PLACEHOLDERS[kind];
  const unknown: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER_PATTERN)) {
    const name = match[1]!;
    if (!allowed.includes(name) && !unknown.includes(name)) unknown.push(name);
  }
  return unknown;
}

/** Fills a wording; a value the message has not got prints empty (the check above refuses unknown names). */
export function fillPlaceholders(text: string, values: Partial<Record<string, string>>): string {
  return text.replace(PLACEHOLDER_PATTERN, (whole, name: string) => (name in values ? (values[name] ?? '') : whole));
}

export const wordingSchema = z.object({
  kind: z.enum(WORDING_KINDS),
  subject: z.string(),
  body: z.string(),
  defaultSubject: z.string(),
  defaultBody: z.string(),
  placeholders: z.array(z.string()),
  customised: z.boolean(),
});
export type Wording = z.infer<typeof wordingSchema>;

export const wordingInputSchema = z.object({
  kind: z.enum(WORDING_KINDS),
  subject: requiredText(300),
  body: requiredText(10_000, { multiline: true }),
});
export type WordingInput = z.input<typeof wordingInputSchema>;

// ——— Batches ———

export const NOTICE_FORMATS = ['docx', 'pdf'] as const;

/** One batch: a document (or a reminder) and the people it goes to, chosen by the service. */
export const mailRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('notice'), meetingId: id, format: z.enum(NOTICE_FORMATS).default('docx') }),
  z.object({ kind: z.literal('minutes'), meetingId: id }),
  z.object({ kind: z.literal('certificate'), year }),
  z.object({ kind: z.literal('reminder_time') }),
  z.object({ kind: z.literal('reminder_observatory'), year }),
  z.object({ kind: z.literal('reminder_actions') }),
  z.object({ kind: z.literal('reminder_membership'), year }),
]);
export type MailRequest = z.output<typeof mailRequestSchema>;
export type MailRequestInput = z.input<typeof mailRequestSchema>;

export const sendInputSchema = z.object({
  request: mailRequestSchema,
  /** « Renvoyer »: send again to those who already got this document. */
  resend: z.boolean().default(false),
});

/** Why someone invited is not sent the message. */
export const EXCLUSION_REASONS = ['refuses_mail', 'no_email'] as const;

export const previewRecipientSchema = z.object({
  personId: z.number().int().nullable(),
  organisationId: z.number().int().nullable(),
  name: z.string(),
  organisationName: z.string().nullable(),
  email: z.string().nullable(),
  voting: z.boolean(),
  /** A legal notice goes even to someone who refused mail. */
  legal: z.boolean(),
  state: z.enum(['send', 'already', 'excluded']),
  reason: z.enum(EXCLUSION_REASONS).nullable(),
  /** When this document last reached this address. */
  lastSentAt: z.string().nullable(),
});
export type PreviewRecipient = z.infer<typeof previewRecipientSchema>;

export const mailTransportSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('smtp'), host: z.string(), port: z.number().int() }),
  z.object({ kind: z.literal('eml'), dir: z.string() }),
]);

export const mailPreviewSchema = z.object({
  kind: z.enum(MAIL_KINDS),
  documentKey: z.string(),
  subject: z.string(),
  body: z.string(),
  attachments: z.array(z.object({ name: z.string(), size: z.number().int() })),
  recipients: z.array(previewRecipientSchema),
  transport: mailTransportSchema,
});
export type MailPreview = z.infer<typeof mailPreviewSchema>;

const missedSchema = z.object({ name: z.string(), email: z.string(), answer: z.string() });
export const sendSummarySchema = z.object({
  documentKey: z.string(),
  sent: z.number().int(),
  written: z.number().int(),
  /** Already had it (and no « Renvoyer »). */
  skipped: z.number().int(),
  excluded: z.array(z.object({ name: z.string(), reason: z.enum(EXCLUSION_REASONS) })),
  refused: z.array(missedSchema),
  failed: z.array(missedSchema),
  /** The connection was lost: the rest was not tried; sending again resumes. */
  interrupted: z.boolean(),
  remaining: z.array(z.object({ name: z.string(), email: z.string() })),
  emlDir: z.string().nullable(),
});
export type SendSummary = z.infer<typeof sendSummarySchema>;

export const mailRecordSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  documentKey: z.string(),
  meetingId: z.number().int().nullable(),
  organisationId: z.number().int().nullable(),
  personId: z.number().int().nullable(),
  recipientName: z.string(),
  recipientEmail: z.string(),
  subject: z.string(),
  attachments: z.array(z.string()),
  status: z.enum(MAIL_STATUSES),
  serverAnswer: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type MailRecord = z.infer<typeof mailRecordSchema>;

export const recordsQuerySchema = z
  .object({ meetingId: id.optional(), organisationId: id.optional(), personId: id.optional() })
  .refine((q) => [q.meetingId, q.organisationId, q.personId].filter((v) => v !== undefined).length === 1, { path: ['meetingId'], message: 'error.required' });

export const testInputSchema = z.object({ to: optionalEmail });
export const testResultSchema = z.object({ to: z.string(), transport: mailTransportSchema, file: z.string().nullable() });

export const refusalSchema = z.object({ personId: id, refusesMail: z.boolean() });
