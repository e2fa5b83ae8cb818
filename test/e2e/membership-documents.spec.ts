import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test } from './fixtures';

const docxText = (file: string) => strFromU8(unzipSync(new Uint8Array(readFileSync(file)))['word/document.xml']!).replace(/[\u00A0\u202F]/g, ' ');

test('the treasurer writes a fee call and a numbered receipt from the Adhésions page', async ({ page, app }) => {
  const call = async (method: string, data: unknown) => {
    const response = await page.request.post(`${app.base}api/${method}`, { headers: { Authorization: `Bearer ${app.token}` }, data });
    const body = await response.json();
    expect(body.ok, JSON.stringify(body)).toBe(true);
    return body.value;
  };
  const member = async (name: string, paid: number) => {
    const o = await call('organisations.create', { name, kind: 'member' });
    await call('memberships.save', { organisationId: o.id, year: 2026, feeDueCents: 12000, amountPaidCents: paid, paidOn: paid ? '2026-02-03' : null, paymentMethod: paid ? 'cheque' : null });
  };
  await member('Ressourcerie des Monts', 12000);
  await member('Recyclerie du Plateau', 0);

  await page.getByRole('navigation').getByRole('link', { name: 'Adhésions' }).click();
  await page.locator('#membership-year').selectOption('2026');

  let downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Reçu de cotisation de Ressourcerie des Monts', exact: true }).click();
  let download = await downloading;
  expect(download.suggestedFilename()).toBe('recu-cotisation-2026-001-ressourcerie-des-monts.docx');
  const receipt = docxText((await download.path())!);
  expect(receipt).toContain('Reçu de cotisation n° 2026-001');
  expect(receipt).toContain('chèque');

  downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Appels de cotisation (.docx)' }).click();
  download = await downloading;
  expect(download.suggestedFilename()).toBe('appels-cotisation-2026.docx');
  const calls = docxText((await download.path())!);
  expect(calls).toContain('Recyclerie du Plateau');
  expect(calls).not.toContain('Ressourcerie des Monts');
  await expect(page.getByText('Document enregistré.')).toBeVisible();
});
