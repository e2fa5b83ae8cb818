import { expect, test } from './fixtures';

test('the first screen loads the French messages only, and English when it is chosen', async ({ page, app }) => {
  const scripts = new Map<string, string>();
  page.on('response', async (response) => {
    if (!response.url().endsWith('.js')) return;
    scripts.set(response.url().replace(/.*\//, ''), await response.text().catch(() => ''));
  });
  await page.goto(app.url);
  await expect(page.getByRole('link', { name: 'Structures', exact: true })).toBeVisible();
  await page.waitForLoadState('networkidle');

  const loaded = [...scripts.values()];
  // « Host organisation » is the English of « Structure d’accueil »: no English on the first load.
  expect(loaded.some((text) => text.includes('Structure d’accueil'))).toBe(true);
  expect(loaded.some((text) => text.includes('Host organisation'))).toBe(false);
  const entry = [...scripts].find(([name]) => /^index-.*\.js$/.test(name))!;
  expect(entry[1].length).toBeLessThan(400_000);

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('link', { name: 'Organisations', exact: true })).toBeVisible();
  expect([...scripts.values()].some((text) => text.includes('Host organisation'))).toBe(true);
});
