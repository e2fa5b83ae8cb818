import { expect, test } from './fixtures';

/** The app's own router (renderer/app/routing.tsx), as she uses it: links, the back button, a form being typed. */

test('the back button asks before leaving a form being typed, stays when told, and leaves when told', async ({ page }) => {
  await expect(page.getByRole('heading', { level: 1, name: 'Structures' })).toBeVisible();
  await page.getByRole('link', { name: 'Nouvelle structure' }).click();
  await expect(page).toHaveURL(/#\/structures\/nouvelle$/);
  await page.getByRole('textbox', { name: 'Nom', exact: true }).fill('Ressourcerie du Plateau');

  await page.goBack();
  const confirm = page.getByRole('dialog', { name: 'Quitter sans enregistrer ?' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Rester sur la page' }).click();
  await expect(confirm).toBeHidden();
  await expect(page).toHaveURL(/#\/structures\/nouvelle$/);
  await expect(page.getByRole('textbox', { name: 'Nom', exact: true })).toHaveValue('Ressourcerie du Plateau');

  await page.goBack();
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Quitter sans enregistrer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Structures' })).toBeVisible();
  await expect(page).toHaveURL(/#\/structures$/);

  // Forward and back again through pages without a form: no question.
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Personnes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Personnes' })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Structures' })).toBeVisible();
  await page.goForward();
  await expect(page.getByRole('heading', { level: 1, name: 'Personnes' })).toBeVisible();
});

test('an address typed by hand opens its page, an unknown one says so, and the back button returns', async ({ page, app }) => {
  await page.goto(`${app.url}#/reunions/decisions`);
  await expect(page.getByRole('heading', { level: 1, name: /décisions/i })).toBeVisible();
  await page.evaluate(() => (window.location.hash = '#/nulle/part'));
  await expect(page.getByRole('heading', { level: 1, name: 'Page introuvable' })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: /décisions/i })).toBeVisible();
});
