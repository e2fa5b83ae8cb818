import fs from 'node:fs';
import { expect, test } from './fixtures';

test.use({ locale: 'en-US' });

const CSV = [
  'Raison sociale;Abrév.;N° SIRET;CP;Commune',
  'Ressourcerie de la Vézère;RV;73282932000074;19240;Allassac',
  'Le Grenier à réemploi;GR;12345678901234;87000;Limoges',
  'Recyclerie de l’Écluse;RE;;23200;Aubusson',
].join('\r\n');

test('an import of the valid lines only, asked explicitly, saves the refused line with its error, and can be undone', async ({ page, app }) => {
  await page.getByRole('navigation').getByRole('link', { name: 'Données' }).click();
  await page.getByRole('link', { name: 'Importer un tableau' }).click();
  // The browser speaks English; the file button still reads French.
  await expect(page.getByText('Choisir un fichier', { exact: true })).toBeVisible();
  await expect(page.getByText('Aucun fichier choisi')).toBeVisible();
  await page.getByLabel('Ce que contient le tableau').selectOption({ label: 'structures' });
  await page.getByLabel('Fichier (CSV ou XLSX)').setInputFiles({ name: 'structures.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
  await expect(page.getByText('structures.csv', { exact: true })).toBeVisible();

  // The mapping selects show their whole field name.
  const nameSelect = page.getByRole('combobox', { name: 'Raison sociale' });
  await expect(nameSelect).toHaveValue('name');
  expect(await nameSelect.evaluate((el: HTMLSelectElement) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);

  // All or nothing by default: the bad line blocks the ordinary import.
  await page.getByRole('button', { name: 'Vérifier les lignes' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '1 erreur' })).toContainText('Ligne 3, colonne « N° SIRET »');
  await expect(page.getByRole('button', { name: /^Importer \(/ })).toHaveCount(0);

  await page.screenshot({ path: test.info().outputPath('refused.png'), fullPage: true });
  // Explicitly: the valid lines, and a file of the refused one with its error in a last column.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Importer seulement les lignes valides' }).click()]);
  expect(download.suggestedFilename()).toBe('structures-lignes-refusees.csv');
  const refused = fs.readFileSync((await download.path())!, 'utf8');
  expect(refused).toBe(
    '\uFEFFRaison sociale;Abrév.;N° SIRET;CP;Commune;Erreurs\r\n' +
      'Le Grenier à réemploi;GR;12345678901234;87000;Limoges;Ligne 3, colonne « N° SIRET » : SIRET invalide : 14 chiffres dont le dernier est une clé de contrôle.\r\n',
  );
  await expect(page.getByText('Import terminé : 2 créés, 0 mis à jour, 0 ignoré.')).toBeVisible();
  const imported = await page.request.post(`${app.base}api/organisations.list`, { headers: { Authorization: `Bearer ${app.token}` }, data: {} });
  expect(((await imported.json()) as { value: { items: unknown[] } }).value.items).toHaveLength(2);
  await expect(page.getByText('1 ligne refusée est enregistrée dans « structures-lignes-refusees.csv », avec son erreur en dernière colonne.')).toBeVisible();


  await page.screenshot({ path: test.info().outputPath('imported.png') });

  // Undone: the database as it was just before.
  await page.getByRole('button', { name: 'Annuler cet import' }).click();
  await expect(page.getByText(/^Import annulé : la base est revenue à son état du .* à \d{1,2} h \d{2}, juste avant l’import\.$/)).toBeVisible();
  const listed = await page.request.post(`${app.base}api/organisations.list`, { headers: { Authorization: `Bearer ${app.token}` }, data: {} });
  expect(((await listed.json()) as { value: { items: unknown[] } }).value.items).toEqual([]);
});

test('the data page exports the JSON archive and names a backup by its moment', async ({ page }) => {
  await page.getByRole('navigation').getByRole('link', { name: 'Données' }).click();
  await page.getByRole('button', { name: 'Sauvegarder maintenant' }).click();
  await expect(page.getByText(/^Sauvegarde faite : \d{1,2}(er)? \p{L}+ \d{4} à \d{1,2} h \d{2}\.$/u)).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter l’archive (.json)' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^maillage-archive-\d{4}-\d{2}-\d{2}\.json$/);
  const archive = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as { tables: Record<string, unknown[]> };
  expect(Object.keys(archive.tables)).toContain('time_entries');
  await expect(page.getByText(/^Archive enregistrée : maillage-archive-.*\.json \(\d+ enregistrements?\)\.$/)).toBeVisible();
});
