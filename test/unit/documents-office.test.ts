import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run';
import { findOffice } from '../../electron/features/documents/office';
import { readDocx } from '../helpers/docx';
import { tempDir } from '../helpers/store';

/**
 * The table of contents filled with page numbers, and the PDF/A-2b export, by the real LibreOffice
 * when it is installed (skipped, and said so, where it is not); the fallback when it is not.
 */

const office = findOffice();
const NOW = new Date('2026-11-15T09:00:00Z');
let dir: string;
let db: string;

const io = () => {
  let stdout = '';
  let stderr = '';
  return { io: { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t), now: () => NOW }, out: () => stdout, err: () => stderr };
};

beforeAll(async () => {
  dir = tempDir();
  db = path.join(dir, 'demo.sqlite');
  const demo = io();
  expect(await runCli(['demo', '--db', db], demo.io), demo.err()).toBe(0);
}, 60_000);

afterAll(() => {
  delete process.env.MAILLAGE_SOFFICE;
});

describe.skipIf(!office)('with LibreOffice', () => {
  it('writes the annual report with its table of contents numbered', async () => {
    const out = path.join(dir, 'rapport.docx');
    const run = io();
    expect(await runCli(['report', 'annual', '--year', '2025', '--out', out, '--db', db], run.io), run.err()).toBe(0);
    expect(run.out()).toContain('Sommaire mis à jour avec les numéros de page par LibreOffice.');
    const doc = readDocx(fs.readFileSync(out));
    // Each entry of the table of contents ends with its page number.
    const toc = doc.paragraphs.filter((p) => /^(Identité de l’association|Les adhérents|Finances)\t\d+$/.test(p));
    expect(toc).toHaveLength(3);
  }, 120_000);

  it('exports a PDF/A-2b', async () => {
    const out = path.join(dir, 'bilan.pdf');
    const run = io();
    expect(await runCli(['report', 'partner', '--grant', '2', '--out', out, '--db', db], run.io), run.err()).toBe(0);
    expect(run.out()).toContain('PDF/A-2b');
    const pdf = fs.readFileSync(out).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf).toMatch(/pdfaid:part>2</);
    expect(pdf).toMatch(/pdfaid:conformance>B</);
  }, 120_000);
});

describe('without LibreOffice', () => {
  it('leaves the table of contents to Word, says so, and refuses a PDF with a clear message', async () => {
    process.env.MAILLAGE_SOFFICE = path.join(dir, 'no-soffice-here');
    try {
      const out = path.join(dir, 'sans-office.docx');
      const run = io();
      expect(await runCli(['report', 'annual', '--year', '2025', '--out', out, '--db', db], run.io), run.err()).toBe(0);
      expect(run.out()).toContain('le sommaire sera mis à jour à l’ouverture du document dans Word');
      expect(readDocx(fs.readFileSync(out)).xml).toBeDefined();
      const pdf = io();
      expect(await runCli(['report', 'annual', '--year', '2025', '--out', path.join(dir, 'x.pdf'), '--db', db], pdf.io)).not.toBe(0);
      expect(pdf.err()).toContain('Pour écrire un PDF, LibreOffice doit être installé');
      expect(fs.existsSync(path.join(dir, 'x.pdf'))).toBe(false);
    } finally {
      delete process.env.MAILLAGE_SOFFICE;
    }
  }, 60_000);
});
