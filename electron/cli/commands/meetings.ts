import type { Document } from 'docx';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { buildAttendanceSheet } from '../../../shared/documents/meetings/attendance-sheet';
import { buildIcs } from '../../../shared/documents/meetings/ics';
import { buildMinutes } from '../../../shared/documents/meetings/minutes';
import { buildNotice } from '../../../shared/documents/meetings/notice';
import type { ApiCall } from '../api';
import { UsageError, defineCommand, type CliContext, type CliCommand } from '../command';
import { formatBytes } from '../format';
import { finishedDocument, wordingOf } from '../document';
import { SEND_OPTIONS, runMail, wantsMail } from './mail';

/** `minutes`, `attendance-sheet`, `notice`: the same builders as the UI, fed by the same service queries. */

const ARGUMENTS = [{ name: 'REUNION', description: 'cli.meetings.meetingId' }] as const;
const OPTIONS = { out: { type: 'string', description: 'cli.meetings.out', valueName: 'FICHIER.docx' } } as const;

function meetingId(ctx: CliContext): number {
  const raw = ctx.args[0]!;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new UsageError('cli.meetings.badId', { value: raw });
  return Number(raw);
}

function outFile(ctx: CliContext): string {
  const out = ctx.options.out;
  if (typeof out !== 'string' || out.trim() === '') throw new UsageError('cli.meetings.outRequired');
  return path.resolve(out);
}

/** Written beside the target then renamed: an interrupted run never leaves half a document under the real name. */
function writeFile(file: string, bytes: Uint8Array | string): number {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, bytes);
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  return typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.byteLength;
}

async function fetchData<T>(ctx: CliContext, id: number, load: (api: ApiCall) => Promise<T>): Promise<T> {
  return ctx.withApi(async (api) => {
    try {
      return await load(api);
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') throw new AppError('NOT_FOUND', 'cli.meetings.notFound', { id, file: ctx.dbPath });
      throw error;
    }
  });
}

function documentCommand(name: string, key: 'minutes' | 'attendanceSheet' | 'notice', build: (api: ApiCall, id: number) => Promise<{ doc: Document; ics?: string }>): CliCommand {
  return defineCommand({
    name,
    summary: `cli.${key}.summary`,
    description: `cli.${key}.description`,
    arguments: ARGUMENTS,
    options: OPTIONS,
    examples: [`npm run cli -- ${name} 12 --out ${name === 'minutes' ? 'compte-rendu' : name === 'notice' ? 'convocation' : 'emargement'}.docx`, `npm run cli -- ${name} 3 --out /tmp/${name}.docx --db /tmp/demo.sqlite`],
    requiresExistingDatabase: true,
    async run(ctx) {
      const id = meetingId(ctx);
      const file = outFile(ctx);
      const bytes = await fetchData(ctx, id, async (api) => {
        const built = await build(api, id);
        return { ics: built.ics, document: (await finishedDocument(api, built.doc, file)).bytes };
      });
      const { ics } = bytes;
      const size = writeFile(file, bytes.document);
      ctx.out(ctx.t('cli.meetings.written', { file, size: formatBytes(size) }));
      if (ics !== undefined) {
        const icsFile = /\.(docx|pdf)$/i.test(file) ? file.replace(/\.(docx|pdf)$/i, '.ics') : `${file}.ics`;
        ctx.out(ctx.t('cli.meetings.written', { file: icsFile, size: formatBytes(writeFile(icsFile, ics)) }));
      }
    },
  });
}

export const minutesCommand = documentCommand('minutes', 'minutes', async (api, id) => ({ doc: buildMinutes(await api('meetings.minutesData', { id }), 'fr', await wordingOf(api)) }));

export const attendanceSheetCommand = documentCommand('attendance-sheet', 'attendanceSheet', async (api, id) => ({
  doc: buildAttendanceSheet(await api('meetings.attendanceSheetData', { id })),
}));

const noticeDocuments = documentCommand('notice', 'notice', async (api, id) => {
  const data = await api('meetings.noticeData', { id });
  return { doc: buildNotice(data, 'fr', await wordingOf(api)), ics: buildIcs(data) };
});

/** `notice ID --out FILE` writes the notice; `--send` (or `--dry-run`) mails it, with the .ics, to everyone invited. */
export const noticeCommand: CliCommand = {
  ...noticeDocuments,
  options: { ...OPTIONS, ...SEND_OPTIONS, format: { type: 'string', description: 'cli.mail.format', valueName: 'docx|pdf' } },
  examples: [...(noticeDocuments.examples ?? []), 'npm run cli -- notice 12 --dry-run', 'npm run cli -- notice 12 --send --smtp smtp://secretariat@smtp.exemple.fr:587'],
  async run(ctx) {
    if (!wantsMail(ctx)) {
      if (typeof ctx.options.out !== 'string') throw new UsageError('cli.mail.outOrSend');
      return noticeDocuments.run(ctx);
    }
    const format = ctx.options.format ?? 'docx';
    if (format !== 'docx' && format !== 'pdf') throw new UsageError('cli.mail.badFormat', { value: String(format) });
    const id = meetingId(ctx);
    try {
      await runMail(ctx, { kind: 'notice', meetingId: id, format });
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') throw new AppError('NOT_FOUND', 'cli.meetings.notFound', { id, file: ctx.dbPath });
      throw error;
    }
  },
};
