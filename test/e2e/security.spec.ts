import { expect, test } from './fixtures';

test('web mode refuses an API request without the token; the UI, which has it, works', async ({ page, app, request }) => {
  const refused = await request.post(`${app.base}api/organisations.list`, { data: {} });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).ok).toBe(false);

  const wrong = await request.post(`${app.base}api/organisations.list`, { data: {}, headers: { Authorization: 'Bearer not-the-token' } });
  expect(wrong.status()).toBe(401);

  const accepted = await request.post(`${app.base}api/organisations.list`, { data: {}, headers: { Authorization: `Bearer ${app.token}` } });
  expect(accepted.status()).toBe(200);
  expect((await accepted.json()).ok).toBe(true);

  // The token left the address bar but the page still talks to the API.
  await expect(page.getByRole('heading', { level: 1, name: 'Structures' })).toBeVisible();
  expect(page.url()).not.toContain('token=');
  await expect(page.getByText('Aucune structure pour l’instant.')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.reload();
  await expect(page.getByText('Aucune structure pour l’instant.')).toBeVisible();
});
