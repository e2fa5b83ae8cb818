import { expect, test } from './fixtures';

test('the language switch shows the interface in English and remembers it', async ({ page }) => {
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await expect(nav.getByRole('link', { name: 'Organisations' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'People' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Organisations' })).toBeVisible();
  await expect(page.getByText('No organisation yet.')).toBeVisible();

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Organisations' })).toBeVisible();
  await page.getByRole('button', { name: 'Français' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Structures' })).toBeVisible();
});

test('the keyboard alone reaches the navigation and opens Personnes', async ({ page }) => {
  await expect(page.getByRole('heading', { level: 1, name: 'Structures' })).toBeVisible();
  const target = page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Personnes' });
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) break;
  }
  await expect(target).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Personnes' })).toBeVisible();
  await expect(page).toHaveURL(/#\/personnes$/);
  await expect(target).toHaveAttribute('aria-current', 'page');
});

test('the app opens on the home dashboard', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Accueil' })).toBeVisible();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Accueil' })).toHaveAttribute('aria-current', 'page');
});
