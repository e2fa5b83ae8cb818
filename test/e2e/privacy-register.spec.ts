import { expect, test } from './fixtures';

test('a backup made before an erasure is restored: the person stays anonymised, and the secretary is told', async ({ page, app }) => {
  const response = await page.request.post(`${app.base}api/people.create`, {
    headers: { Authorization: `Bearer ${app.token}` },
    data: { firstName: 'Marie', lastName: 'Dupont', email: 'marie@vezere.fr' },
  });
  const marie = ((await response.json()) as { value: { id: number } }).value;

  // A backup while Marie is still on file.
  await page.getByRole('navigation').getByRole('link', { name: 'Données' }).click();
  await page.getByRole('button', { name: 'Sauvegarder maintenant' }).click();
  await expect(page.getByText(/Sauvegarde faite : /)).toBeVisible();

  // Marie asks to be erased.
  await page.goto(`${app.url}#/personnes/${marie.id}`);
  await page.getByRole('button', { name: 'Anonymiser…' }).click();
  await page.getByRole('dialog', { name: 'Anonymiser Marie Dupont ?' }).getByRole('button', { name: 'Anonymiser définitivement' }).click();
  await expect(page.getByText(`La personne est désormais « Personne anonymisée n° ${marie.id} » partout.`)).toBeVisible();

  // The backup is restored: Marie does not come back, and the message says one erasure was applied again.
  await page.getByRole('navigation').getByRole('link', { name: 'Données' }).click();
  await page.getByRole('row', { name: /manuelle/ }).getByRole('button', { name: 'Restaurer' }).click();
  await page.getByRole('dialog', { name: 'Restaurer cette sauvegarde ?' }).getByRole('button', { name: 'Restaurer' }).click();
  await expect(page.getByText(/Données restaurées telles qu’elles étaient le/)).toContainText('1 effacement RGPD ré-appliqué');

  await page.goto(`${app.url}#/personnes/${marie.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Personne anonymisée n° ${marie.id}` })).toBeVisible();
  await expect(page.getByText('marie@vezere.fr')).toHaveCount(0);
});
