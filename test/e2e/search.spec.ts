import { callApi, expect, test } from './fixtures';

test('Ctrl+K searches everything ignoring accents, groups by kind, and Enter opens the record', async ({ page, app }) => {
  const organisation = await callApi<{ id: number }>(page, app, 'organisations.create', { kind: 'member', name: 'Réemploi Solidaire', city: 'Limoges' });
  const meeting = await callApi<{ id: number }>(page, app, 'meetings.create', { kind: 'coordination', title: 'Journée du réemploi', date: '2026-03-02' });
  await callApi(page, app, 'people.create', { firstName: 'Hélène', lastName: 'Durand' });

  await page.getByRole('heading', { level: 1, name: 'Structures' }).waitFor();
  await page.keyboard.press('Control+k');
  const dialog = page.getByRole('dialog', { name: 'Rechercher partout' });
  const box = dialog.getByRole('combobox');
  await expect(box).toBeFocused();
  await box.pressSequentially('reemploi');

  const results = dialog.getByRole('listbox', { name: 'Résultats de la recherche' });
  await expect(results.getByRole('group', { name: 'Structures' }).getByRole('option')).toHaveText([/Réemploi Solidaire/]);
  await expect(results.getByRole('group', { name: 'Réunions' }).getByRole('option')).toHaveText([/Journée du réemploi/]);
  await expect(results.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');

  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`#/structures/${organisation.id}$`));
  await expect(page.getByRole('heading', { level: 1, name: /Réemploi Solidaire/ })).toBeVisible();

  // Down to the meeting, from the header's button this time.
  await page.getByRole('button', { name: /Rechercher/ }).click();
  await dialog.getByRole('combobox').fill('RÉEMPLOI');
  await expect(dialog.getByRole('option')).toHaveCount(2);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/reunions/${meeting.id}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Journée du réemploi' })).toBeVisible();

  // Prefixes as she types; nothing found says so.
  await page.keyboard.press('Control+k');
  await dialog.getByRole('combobox').fill('dur hel');
  await expect(dialog.getByRole('group', { name: 'Personnes' }).getByRole('option')).toHaveText([/Hélène Durand/]);
  await dialog.getByRole('combobox').fill('introuvable');
  await expect(dialog.getByText('Rien ne correspond à « introuvable ».')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('? lists the keyboard shortcuts, and is typed as text inside a field', async ({ page }) => {
  await page.getByRole('heading', { level: 1, name: 'Structures' }).waitFor();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Raccourcis clavier' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('row', { name: /Ouvrir la recherche/ })).toContainText('Ctrl+K');
  await expect(dialog.getByRole('row', { name: /Afficher cette liste/ })).toContainText('?');
  await expect(dialog.getByRole('row', { name: /Monter ou descendre le point/ })).toContainText('Alt+↑');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  const search = page.getByRole('searchbox', { name: 'Rechercher' });
  await search.fill('');
  await search.press('?');
  await expect(search).toHaveValue('?');
  await expect(dialog).toBeHidden();
});
