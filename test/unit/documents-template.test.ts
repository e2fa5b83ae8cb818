import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { AlignmentType, Document, Footer, Header, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { strFromU8, unzipSync, zipSync, strToU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run';
import { findOffice } from '../../electron/features/documents/office';
import { bytesToBase64 } from '../../shared/api/files';
import { readDocx } from '../helpers/docx';
import { seedNetwork } from '../helpers/meetings';
import { FIXED_NOW, openTestApp, tempDir, type TestApp } from '../helpers/store';

/**
 * The association's own Word template: set once (Réglages or `letterhead set`), it gives every
 * document its header, footer, page size, margins, fonts and heading styles.
 */

const office = findOffice();
const HEADER_TEXT = 'Papier à en-tête du Réseau Tournesol 7Q2X';
const FOOTER_TEXT = 'Association loi 1901 — pied de page Tournesol';
const A5 = { width: 8391, height: 11906 };

/** A template as an association would make it in Word: a header, a footer, A5 pages, a serif Heading 1. */
async function template(): Promise<Uint8Array> {
  const doc = new Document({
    styles: {
      default: { document: { run: { font: 'DejaVu Sans', size: 20 } } },
      paragraphStyles: [{ id: 'Heading1', name: 'Heading 1', basedOn: 'Normal', next: 'Normal', run: { font: 'DejaVu Serif', size: 30, color: '8B0000' } }],
    },
    sections: [
      {
        properties: { page: { size: A5, margin: { top: 1000, bottom: 1000, left: 900, right: 900 } } },
        headers: { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(HEADER_TEXT)] })] }) },
        footers: { default: new Footer({ children: [new Paragraph({ children: [new TextRun(FOOTER_TEXT)] })] }) },
        children: [new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Modèle')] })],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

let app: TestApp;
let dir: string;
const run = async (args: string[]) => {
  let stdout = '';
  let stderr = '';
  const status = await runCli([...args, '--db', app.file], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), now: () => FIXED_NOW });
  return { status, stdout, stderr };
};

beforeEach(async () => {
  app = await openTestApp();
  dir = tempDir();
  const net = await seedNetwork(app, 2);
  await app.call('settings.update', {
    associationName: 'Réseau Tournesol',
    logoDataUrl: null,
    etpHours: 1607,
    defaultHourlyValueCents: 2000,
    financialYearStartMonth: 1,
    defaultFeeCents: 5000,
  });
  await app.call('meetings.create', {
    kind: 'board',
    title: 'Conseil de juin',
    date: '2026-06-14',
    startTime: '14:00',
    endTime: '16:00',
    hostOrganisationId: net.organisations[0]!.id,
    chairPersonId: net.representatives[0]!.id,
    secretaryPersonId: net.staff.id,
  });
  await app.closeStore();
});
afterEach(async () => {
  await app.close();
});

describe('the association’s template', () => {
  it('gives the minutes its header, footer, page size and heading font (letterhead set / clear)', async () => {
    const file = path.join(dir, 'modele.docx');
    fs.writeFileSync(file, await template());
    const set = await run(['letterhead', 'set', file]);
    expect(set.status, set.stderr).toBe(0);
    expect(set.stdout).toContain('Modèle « modele.docx » enregistré : 1 en-tête, 1 pied de page, page de 14,8 × 21 cm.');

    const out = path.join(dir, 'pv.docx');
    expect((await run(['minutes', '1', '--out', out])).status).toBe(0);
    const bytes = fs.readFileSync(out);
    const doc = readDocx(bytes);
    // Every page, the first included, carries the template's header and footer, not Maillage's letterhead.
    expect(doc.headers.join('')).toContain(HEADER_TEXT);
    expect(doc.headers.join('')).not.toContain('Réseau Tournesol</w:t>');
    expect(doc.footers.join('')).toContain(FOOTER_TEXT);
    // Minutes still in draft keep their « PROJET » mark above the template's header.
    expect(doc.headers.every((h) => /PROJET[\s\S]*Papier à en-tête/.test(h))).toBe(true);
    const section = /<w:sectPr\b[\s\S]*<\/w:sectPr>/.exec(doc.xml)![0];
    expect(section).toMatch(/<w:pgSz w:w="8391" w:h="11906"/);
    expect(section).toMatch(/<w:pgMar [^>]*w:left="900"/);
    expect(section.match(/<w:headerReference w:type="(default|first)"/g)).toHaveLength(2);
    // Heading 1 in the template's font; the document's text untouched.
    const styles = strFromU8(unzipSync(bytes)['word/styles.xml']!);
    const heading1 = /<w:style [^>]*w:styleId="Heading1"[\s\S]*?<\/w:style>/.exec(styles)![0];
    expect(heading1).toContain('w:ascii="DejaVu Serif"');
    expect(doc.headings[0]!.text).toBe('Procès-verbal du conseil d’administration');
    // Tables drawn for A4 shrink to the A5 text width (8391 − 2 × 900 twips).
    const widths = [...doc.xml.matchAll(/<w:tblW [^>]*w:w="(\d+)"/g)].map((m) => Number(m[1]));
    expect(widths.length).toBeGreaterThan(0);
    for (const w of widths) expect(w).toBeLessThanOrEqual(8391 - 1800);

    const clear = await run(['letterhead', 'clear']);
    expect(clear.stdout).toContain('Modèle retiré');
    expect((await run(['minutes', '1', '--out', out])).status).toBe(0);
    const plain = readDocx(fs.readFileSync(out));
    expect(plain.headers.join('')).not.toContain(HEADER_TEXT);
    expect(plain.xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
  }, 60_000);

  it.skipIf(!office)('keeps the template’s header in the PDF made by LibreOffice, on A5 pages', async () => {
    const file = path.join(dir, 'modele.docx');
    fs.writeFileSync(file, await template());
    expect((await run(['letterhead', 'set', file])).status).toBe(0);
    const pdf = path.join(dir, 'pv.pdf');
    const written = await run(['minutes', '1', '--out', pdf]);
    expect(written.status, written.stderr).toBe(0);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
    expect(text).toContain(HEADER_TEXT);
    expect(text).toContain(FOOTER_TEXT);
    expect(execFileSync('pdfinfo', [pdf]).toString()).toMatch(/Page size:\s+419\.\d+ x 595\.\d+ pts/);
    if (process.env.MAILLAGE_KEEP_PNG) execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, process.env.MAILLAGE_KEEP_PNG]);
  }, 120_000);

  it('refuses a file that is not a .docx, a damaged one, or one without a body, and keeps the template in place', async () => {
    const good = path.join(dir, 'modele.docx');
    fs.writeFileSync(good, await template());
    expect((await run(['letterhead', 'set', good])).status).toBe(0);

    const notDocx = path.join(dir, 'modele.txt');
    fs.writeFileSync(notDocx, 'Bonjour');
    expect((await run(['letterhead', 'set', notDocx])).stderr).toContain('Le modèle doit être un document Word (.docx) : « modele.txt » n’en est pas un. Rien n’a été changé.');
    const renamed = path.join(dir, 'faux.docx');
    fs.writeFileSync(renamed, 'Bonjour, je ne suis pas un zip');
    expect((await run(['letterhead', 'set', renamed])).stderr).toContain('« faux.docx » n’en est pas un');
    const damaged = path.join(dir, 'abime.docx');
    const whole = fs.readFileSync(good);
    fs.writeFileSync(damaged, whole.subarray(0, Math.floor(whole.length / 2)));
    expect((await run(['letterhead', 'set', damaged])).stderr).toContain('Le modèle « abime.docx » est endommagé');
    const bodiless = path.join(dir, 'vide.docx');
    const parts = unzipSync(new Uint8Array(whole));
    parts['word/document.xml'] = strToU8('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"></w:document>');
    fs.writeFileSync(bodiless, zipSync(parts));
    const refused = await run(['letterhead', 'set', bodiless]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('Le modèle « vide.docx » n’a pas de corps de document');

    // The template set first is still the one in use.
    const reopened = await openTestApp(app.file);
    try {
      expect(await reopened.call('documents.template.get', {})).toMatchObject({ fileName: 'modele.docx', headers: 1 });
    } finally {
      await reopened.closeStore();
    }
  }, 60_000);
});

describe('through the contract (the Réglages page)', () => {
  it('refuses a template that is not a Word document, naming the file, and reports the one in use', async () => {
    const reopened = await openTestApp(app.file);
    try {
      const error = await reopened.fail('documents.template.set', { fileName: 'logo.png', base64: bytesToBase64(new Uint8Array([0x89, 0x50, 0x4e, 0x47])) });
      expect(error.code).toBe('VALIDATION');
      expect(error.message).toContain('« logo.png » n’en est pas un');
      expect(await reopened.call('documents.template.get', {})).toBeNull();
      const info = await reopened.call('documents.template.set', { fileName: 'modele.docx', base64: bytesToBase64(await template()) });
      expect(info).toMatchObject({ fileName: 'modele.docx', headers: 1, footers: 1, pageWidth: 8391, pageHeight: 11906 });
      expect(await reopened.call('documents.template.get', {})).toMatchObject({ fileName: 'modele.docx' });
    } finally {
      await reopened.closeStore();
    }
  });
});
