import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { ConnectionOptions } from 'node:tls';
import { AppError } from '../../../shared/api/errors';
import type { MailSettings } from '../../../shared/features/mail/schemas';

/** One message to one person: the batch sends them one by one so that each refusal stays with its address. */
export interface OutgoingMessage {
  from: { name: string; address: string };
  replyTo: string | null;
  to: { name: string; address: string };
  subject: string;
  text: string;
  attachments: Attachment[];
}

export interface Attachment {
  filename: string;
  content: Uint8Array | string;
  contentType: string;
}

/** What happened to one message: left (with the server's answer or the file written), or refused for this address. */
/** `bounced`: the server took the address but refused the message itself after reading it (5xx after DATA). */
export type Delivery = { ok: true; answer: string; file: string | null } | { ok: false; answer: string; bounced: boolean };

export interface MailTransport {
  readonly description: { kind: 'smtp'; host: string; port: number } | { kind: 'eml'; dir: string };
  /** Checks the connection and the login before anything leaves: a clear French error, nothing sent. */
  verify(): Promise<void>;
  /** Throws an AppError when the connection itself fails (the batch stops and can resume later). */
  send(message: OutgoingMessage, fileStem: string): Promise<Delivery>;
  close(): void;
}

/** Bad settings must answer within 10 seconds (the rule): each wait is bounded below that. */
const TIMEOUTS = { connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 9_000, dnsTimeout: 4_000 };

export interface SmtpTarget {
  host: string;
  port: number;
  security: MailSettings['security'];
  user: string | null;
  password: string | null;
  /** Extra TLS options (a test server's own certificate authority). */
  tls?: ConnectionOptions;
}

/** A nodemailer error in French, naming the server; null when the error is about one recipient only. */
export function connectionError(error: unknown, target: Pick<SmtpTarget, 'host' | 'port' | 'user'>): AppError {
  const e = error as { code?: string; message?: string; response?: string };
  const params = { host: target.host, port: target.port, detail: (e.response ?? e.message ?? String(error)).split('\n')[0]!.trim() };
  const message = e.message ?? '';
  if (e.code === 'EAUTH' || e.code === 'ENOAUTH') return new AppError('VALIDATION', 'error.mail.auth', { ...params, user: target.user ?? '' }, undefined, error);
  if (e.code === 'ETLS') return new AppError('VALIDATION', 'error.mail.starttls', params, undefined, error);
  if (/ECONNREFUSED/.test(message)) return new AppError('VALIDATION', 'error.mail.refused', params, undefined, error);
  if (/ENOTFOUND|EAI_AGAIN/.test(message) || e.code === 'EDNS') return new AppError('VALIDATION', 'error.mail.hostNotFound', params, undefined, error);
  if (/SSL|TLS|certificate|wrong version/i.test(message)) return new AppError('VALIDATION', 'error.mail.tlsMismatch', params, undefined, error);
  if (e.code === 'ETIMEDOUT' || /Greeting never received|timeout/i.test(message)) return new AppError('VALIDATION', 'error.mail.timeout', params, undefined, error);
  return new AppError('VALIDATION', 'error.mail.connection', params, undefined, error);
}

function isRecipientRefusal(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'EENVELOPE' || code === 'EMESSAGE';
}

function answerOf(error: unknown): string {
  const e = error as { response?: string; message?: string };
  return (e.response ?? e.message ?? String(error)).trim();
}

function toNodemailer(message: OutgoingMessage) {
  return {
    from: { name: message.from.name, address: message.from.address },
    ...(message.replyTo ? { replyTo: message.replyTo } : {}),
    to: { name: message.to.name, address: message.to.address },
    subject: message.subject,
    text: message.text,
    attachments: message.attachments.map((a) => ({ filename: a.filename, content: typeof a.content === 'string' ? a.content : Buffer.from(a.content), contentType: a.contentType })),
  };
}

export function smtpTransport(target: SmtpTarget): MailTransport {
  const transporter = nodemailer.createTransport({
    host: target.host,
    port: target.port,
    secure: target.security === 'tls',
    requireTLS: target.security === 'starttls',
    ignoreTLS: target.security === 'none',
    ...(target.user ? { auth: { user: target.user, pass: target.password ?? '' } } : {}),
    ...(target.tls ? { tls: target.tls } : {}),
    ...TIMEOUTS,
  });
  return {
    description: { kind: 'smtp', host: target.host, port: target.port },
    async verify() {
      try {
        await transporter.verify();
      } catch (error) {
        throw connectionError(error, target);
      }
    },
    async send(message) {
      try {
        const info = (await transporter.sendMail(toNodemailer(message))) as { response?: string; rejected?: unknown[] };
        if (Array.isArray(info.rejected) && info.rejected.length > 0) return { ok: false, answer: info.response ?? '', bounced: false };
        return { ok: true, answer: (info.response ?? '').trim(), file: null };
      } catch (error) {
        if (isRecipientRefusal(error)) return { ok: false, answer: answerOf(error), bounced: (error as { code?: string }).code === 'EMESSAGE' };
        throw connectionError(error, target);
      }
    },
    close() {
      transporter.close();
    },
  };
}

/** File names a mail client and every file system accept. */
export function safeFileName(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9@._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 120) || 'message';
}

/** No server: each message becomes an .eml file (attachments included) that any mail client opens. */
export function emlTransport(dir: string): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    description: { kind: 'eml', dir },
    async verify() {
      fs.mkdirSync(dir, { recursive: true });
    },
    async send(message, fileStem) {
      const info = (await transporter.sendMail(toNodemailer(message))) as { message: Buffer };
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${safeFileName(fileStem)}.eml`);
      const temporary = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, new Uint8Array(info.message));
      fs.renameSync(temporary, file);
      return { ok: true, answer: '', file };
    },
    close() {},
  };
}
