import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Packer } from 'docx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run';
import { findOffice } from '../../electron/features/documents/office';
import { base64ToBytes, bytesToBase64 } from '../../shared/api/files';
import { buildMinutes } from '../../shared/documents/meetings/minutes';
import { seedNetwork } from '../helpers/meetings';
import { FIXED_NOW, openTestApp, tempDir, type TestApp } from '../helpers/store';

/**
 * « Exporter en PDF »: every document goes through `documents.finish`, which makes a PDF/A-2b with
 * LibreOffice when it is installed, and names the package to install when it is not.
 */

const office = findOffice();
let app: TestApp;
let meetingId: number;

beforeEach(async () => {
  app = await openTestApp();
  const net = await seedNetwork(app, 2);
  await app.call('settings.update', {
    associationName: 'Réseau des ressourceries du Limousin',
    logoDataUrl: null,
    etpHours: 1607,
    defaultHourlyValueCents: 2000,
    financialYearStartMonth: 1,
    defaultFeeCents: 5000,
  });
  const m = await app.call('meetings.create', {
    kind: 'board',
    title: 'Conseil d’administration de juin',
    date: '2026-06-14',
    startTime: '14:00',
    endTime: '16:00',
    hostOrganisationId: net.organisations[0]!.id,
    chairPersonId: net.representatives[0]!.id,
    secretaryPersonId: net.staff.id,
  });
  meetingId = m.id;
});
afterEach(async () => {
  delete process.env.MAILLAGE_SOFFICE;
  await app.close();
});

async function minutesDocx(): Promise<string> {
  return bytesToBase64(new Uint8Array(await Packer.toBuffer(buildMinutes(await app.call('meetings.minutesData', { id: meetingId })))));
}

describe.skipIf(!office)('with LibreOffice', () => {
  it('turns the minutes into a PDF/A-2b carrying the document’s title and author', async () => {
    const done = await app.call('documents.finish', { base64: await minutesDocx(), format: 'pdf' });
    expect(done.format).toBe('pdf');
    const bytes = base64ToBytes(done.base64);
    const pdf = Buffer.from(bytes).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf).toMatch(/pdfaid:part>2</);
    expect(pdf).toMatch(/pdfaid:conformance>B</);
    // pdfinfo, an independent reader, sees the title and the author.
    const file = path.join(tempDir(), 'pv.pdf');
    fs.writeFileSync(file, bytes);
    const info = execFileSync('pdfinfo', ['-enc', 'UTF-8', file]).toString();
    expect(info).toMatch(/^Title:\s+Procès-verbal du conseil d’administration/m);
    expect(info).toMatch(/^Author:\s+Réseau des ressourceries du Limousin/m);
  }, 120_000);

  it('writes a PDF from the CLI for a document that only took .docx before (the certificate)', async () => {
    await app.closeStore();
    const out = path.join(tempDir(), 'attestation.pdf');
    let stderr = '';
    const io = { stdout: () => {}, stderr: (t: string) => void (stderr += t), now: () => FIXED_NOW };
    expect(await runCli(['time', 'certificate', '1', '--from', '2026-01-01', '--to', '2026-12-31', '--out', out, '--db', app.file], io), stderr).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  }, 120_000);
});

describe('without LibreOffice', () => {
  it('refuses a PDF with a message naming the package to install, and still hands back the .docx', async () => {
    process.env.MAILLAGE_SOFFICE = path.join(tempDir(), 'no-soffice-here');
    const base64 = await minutesDocx();
    const error = await app.fail('documents.finish', { base64, format: 'pdf' });
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('libreoffice-writer');
    expect(error.message).toContain('Pour écrire un PDF, LibreOffice doit être installé');
    const docx = await app.call('documents.finish', { base64, format: 'docx' });
    expect(base64ToBytes(docx.base64).subarray(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
  });

  it('refuses an output that is neither .docx nor .pdf in the CLI', async () => {
    await app.closeStore();
    let stderr = '';
    const io = { stdout: () => {}, stderr: (t: string) => void (stderr += t), now: () => FIXED_NOW };
    expect(await runCli(['memberships', 'receipt', '1', '--out', 'recu.odt', '--db', app.file], io)).toBe(2);
    expect(stderr).toContain('Le fichier de sortie doit finir par .docx, ou par .pdf pour un PDF/A : recu.odt.');
  });
});
