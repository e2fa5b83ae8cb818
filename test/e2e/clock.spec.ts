import { formatDate } from '../../shared/format/fr';
import { expect, test } from './fixtures';

// 23:30 UTC on 31 December: already 00:30 on 1 January 2027 in Paris, where the secretary is.
test.use({ fixedNow: '2026-12-31T23:30:00.000Z' });

test('at 00:30 on 1 January in Paris, still 31 December in UTC, the app and its server are in the new year', async ({ page, app, request }) => {
  // The membership screen opens on the new year, and the server's default year agrees.
  await page.getByRole('navigation').getByRole('link', { name: 'Adhésions' }).click();
  await expect(page.getByText('Aucune adhésion enregistrée pour 2027.')).toBeVisible();
  const response = await request.post(`${app.base}api/memberships.year`, { data: {}, headers: { Authorization: `Bearer ${app.token}` } });
  expect(((await response.json()) as { value: { year: number } }).value.year).toBe(2027);

  // A new meeting is dated today, the renderer's today (the field shows it the French way).
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Réunions' }).click();
  await page.getByRole('link', { name: 'Nouvelle réunion' }).click();
  await expect(page.getByRole('textbox', { name: 'Date', exact: true })).toHaveValue(formatDate('2027-01-01', 'fr', 'short'));

  // An export made now is named after today, the server's today.
  await page.getByRole('navigation').getByRole('link', { name: 'Structures' }).click();
  await page.getByRole('button', { name: 'Exporter' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('dialog', { name: 'Exporter : structures' }).getByRole('button', { name: /^Exporter \(/ }).click();
  expect((await download).suggestedFilename()).toBe('structures-2027-01-01.csv');
});
