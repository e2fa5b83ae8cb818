import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { findOffice } from '../../electron/features/documents/office';
import { callApi, expect, test } from './fixtures';

/** Calls the API as the page does (same token), for the records this test does not create through the UI. */
test('« Exporter en PDF » on a meeting’s page downloads the minutes as a PDF/A with their title', async ({ page, app }) => {
  test.skip(!findOffice(), 'LibreOffice (soffice) is not installed here: the PDF cannot be made');
  test.setTimeout(120_000);
  await callApi(page, app, 'settings.update', {
    associationName: 'Réseau des ressourceries du Limousin',
    logoDataUrl: null,
    etpHours: 1607,
    defaultHourlyValueCents: 2000,
    financialYearStartMonth: 1,
    defaultFeeCents: 5000,
  });
  const meeting = await callApi<{ id: number }>(page, app, 'meetings.create', { kind: 'board', title: 'Conseil de printemps', date: '2026-03-12', startTime: '14:00', endTime: '16:00' });
  await page.goto(`${app.url}#/reunions/${meeting.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Conseil de printemps');
  await page.getByRole('tab', { name: 'Documents' }).click();

  const downloading = page.waitForEvent('download', { timeout: 90_000 });
  await page.getByRole('button', { name: 'Exporter en PDF — Compte rendu' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'PDF en préparation…' })).toBeVisible();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const file = (await download.path())!;
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  // PDF/A-2b, said in the XMP metadata; the title and author read back by pdfinfo.
  const text = bytes.toString('latin1');
  expect(text).toMatch(/pdfaid:part>2</);
  expect(text).toMatch(/pdfaid:conformance>B</);
  const info = execFileSync('pdfinfo', ['-enc', 'UTF-8', file]).toString();
  expect(info).toMatch(/^Title:\s+Procès-verbal du conseil d’administration/m);
  expect(info).toMatch(/^Author:\s+Réseau des ressourceries du Limousin/m);
  await expect(page.getByText(`Document enregistré : ${download.suggestedFilename()}.`)).toBeVisible();
});
