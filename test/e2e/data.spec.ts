import fs from 'node:fs';
import path from 'node:path';
import { addDays } from '../../shared/features/time/period';
import { formatDate } from '../../shared/format/fr';
import { expect, test, TODAY } from './fixtures';

/** Windows-1252, as French Excel saves "CSV (séparateur : point-virgule)". */
function cp1252(text: string): Buffer {
  const high: Record<string, number> = { '’': 0x92, '€': 0x80, œ: 0x9c, Œ: 0x8c };
  return Buffer.from([...text].map((c) => (c.charCodeAt(0) < 0x100 ? c.charCodeAt(0) : (high[c] ?? 0x3f))));
}

const HEADER = 'Raison sociale;Abrév.;N° SIRET;CP;Commune;Courriel';
const LINES = [
  'Ressourcerie de la Vézère;RV;73282932000074;19240;Allassac;contact@vezere.fr',
  'Le Grenier à réemploi;GR;12345678901234;87000;Limoges;',
  'Recyclerie de l’Écluse;RE;;23200;Aubusson;bonjour@ecluse.fr',
];
const FIXED = LINES.map((l) => l.replace('12345678901234', ''));

test('a secretary imports a CSV of organisations, fixes the bad line, imports, then restores yesterday’s backup', async ({ page, app }) => {
  await page.getByRole('navigation').getByRole('link', { name: 'Données' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Données' })).toBeVisible();
  await page.getByRole('link', { name: 'Importer un tableau' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Importer un tableau' })).toBeVisible();

  // 1. The file, as Excel saved it.
  await page.getByLabel('Ce que contient le tableau').selectOption({ label: 'structures' });
  await page.getByLabel('Fichier (CSV ou XLSX)').setInputFiles({ name: 'structures.csv', mimeType: 'text/csv', buffer: cp1252([HEADER, ...LINES].join('\r\n')) });

  // 2. The mapping screen: columns matched by their titles, one left for the secretary.
  await expect(page.getByText(/structures\.csv : CSV \(Windows-1252, « ; »\), 3 lignes/)).toBeVisible();
  const preview = page.getByRole('table', { name: 'Premières lignes du fichier' });
  await expect(preview.getByRole('row', { name: /Ressourcerie de la Vézère/ })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Raison sociale' })).toHaveValue('name');
  await expect(page.getByRole('combobox', { name: 'CP' })).toHaveValue('postcode');
  await expect(page.getByRole('combobox', { name: 'Abrév.' })).toHaveValue('');
  await page.getByRole('combobox', { name: 'Abrév.' }).selectOption({ label: 'Sigle' });
  await page.getByRole('button', { name: 'Vérifier les lignes' }).click();

  // 3. The one bad line, by line and column; nothing can be imported yet.
  const alert = page.getByRole('alert').filter({ hasText: /erreurs? :/ });
  await expect(alert).toContainText('Ligne 3, colonne « N° SIRET » : SIRET invalide');
  await expect(page.getByRole('button', { name: /^Importer \(/ })).toHaveCount(0);

  // The secretary fixes the file and chooses it again: her mapping is kept.
  await page.getByLabel('Fichier (CSV ou XLSX)').setInputFiles({ name: 'structures.csv', mimeType: 'text/csv', buffer: cp1252([HEADER, ...FIXED].join('\r\n')) });
  await expect(page.getByText('Les 3 lignes sont valides.')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Abrév.' })).toHaveValue('shortName');
  await page.getByRole('button', { name: 'Importer (3 nouveaux, 0 mis à jour)' }).click();
  await expect(page.getByText('Import terminé : 3 créés, 0 mis à jour, 0 ignoré.')).toBeVisible();

  // She finds them in Structures.
  await page.getByRole('navigation').getByRole('link', { name: 'Structures' }).click();
  await page.getByRole('searchbox', { name: 'Rechercher' }).fill('vezere');
  await expect(page.getByRole('row', { name: /Ressourcerie de la Vézère/ })).toContainText('Allassac');
  await page.getByRole('searchbox', { name: 'Rechercher' }).fill('');
  await expect(page.getByText('3 structures')).toBeVisible();

  // A backup of that state — made "yesterday" (its name dates it, as the automatic ones are).
  await page.getByRole('navigation').getByRole('link', { name: 'Données' }).click();
  await page.getByRole('button', { name: 'Sauvegarder maintenant' }).click();
  await expect(page.getByText(/^Sauvegarde faite : \d{1,2}(er)? \p{L}+ \d{4} à \d{1,2} h \d{2}\.$/u)).toBeVisible();
  const backupsDir = path.join(path.dirname(app.dbFile), 'backups');
  const made = fs.readdirSync(backupsDir).find((f) => f.startsWith('maillage-manuel-'))!;
  // Yesterday where the secretary is; 17:30 UTC (the names are UTC) is the same day in Paris.
  const yesterday = addDays(TODAY, -1);
  const stamp = `${yesterday}T17-30-00`;
  fs.renameSync(path.join(backupsDir, made), path.join(backupsDir, `maillage-manuel-${stamp}.sqlite`));

  // Then a change she regrets: one more organisation.
  await page.getByRole('navigation').getByRole('link', { name: 'Structures' }).click();
  await page.getByRole('link', { name: 'Nouvelle structure' }).click();
  await page.getByRole('textbox', { name: 'Nom', exact: true }).fill('Structure saisie par erreur');
  await page.getByRole('button', { name: 'Créer la structure' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Structure saisie par erreur' })).toBeVisible();

  // She restores yesterday's backup.
  await page.getByRole('navigation').getByRole('link', { name: 'Données' }).click();
  // Printed by the app's one date function (« 1er » on the first of a month).
  const day = formatDate(yesterday);
  const row = page.getByRole('row', { name: new RegExp(`${day}.*manuelle`) });
  await row.getByRole('button', { name: 'Restaurer' }).click();
  const confirm = page.getByRole('dialog', { name: 'Restaurer cette sauvegarde ?' });
  await expect(confirm).toContainText(day);
  await confirm.getByRole('button', { name: 'Restaurer' }).click();
  await expect(page.getByText(/Données restaurées telles qu’elles étaient le .* à \d{1,2} h 30\. La base d’avant est gardée dans la sauvegarde du .* à \d{1,2} h \d{2}\./)).toBeVisible();
  // The database as it was just before is itself kept.
  await expect(page.getByRole('row', { name: /avant une restauration/ })).toBeVisible();

  // The data as it was: the three imported, not the one entered since.
  await page.getByRole('navigation').getByRole('link', { name: 'Structures' }).click();
  await expect(page.getByText('3 structures')).toBeVisible();
  await expect(page.getByRole('row', { name: /Structure saisie par erreur/ })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('row', { name: /Recyclerie de l’Écluse/ })).toBeVisible();

  // And the database passes its check.
  await page.getByRole('navigation').getByRole('link', { name: 'Données' }).click();
  await page.getByRole('button', { name: 'Vérifier la base' }).click();
  await expect(page.getByText(/Aucun problème \(\d+ contrôles\)/)).toBeVisible();
});

test('the lists export the columns the secretary picks', async ({ page }) => {
  await page.getByRole('navigation').getByRole('link', { name: 'Structures' }).click();
  await page.getByRole('link', { name: 'Nouvelle structure' }).click();
  await page.getByRole('textbox', { name: 'Nom', exact: true }).fill('Ressourcerie du Pays de Tulle');
  await page.getByLabel('Ville').fill('Tulle');
  await page.getByRole('button', { name: 'Créer la structure' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ressourcerie du Pays de Tulle' })).toBeVisible();
  // The organisation's history panel exists (empty until memberships change).
  await expect(page.getByRole('heading', { level: 2, name: 'Historique des modifications' })).toBeVisible();

  await page.getByRole('navigation').getByRole('link', { name: 'Structures' }).click();
  await page.getByRole('button', { name: 'Exporter' }).click();
  const dialog = page.getByRole('dialog', { name: 'Exporter : structures' });
  for (const name of ['SIRET', 'Adresse', 'Code postal', 'E-mail', 'Téléphone', 'Type']) await dialog.getByRole('checkbox', { name, exact: true }).uncheck();
  await dialog.getByLabel('Nom du modèle').fill('Annuaire court');
  await dialog.getByRole('button', { name: 'Enregistrer ce choix de colonnes' }).click();
  await expect(dialog.getByText('Modèle « Annuaire court » enregistré.')).toBeVisible();
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Exporter (2 colonnes)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`structures-${TODAY}.csv`);
  const text = fs.readFileSync((await file.path())!, 'utf8');
  expect(text).toBe('\uFEFFNom de la structure;Ville\r\nRessourcerie du Pays de Tulle;Tulle\r\n');
});

test('the import preview shows how each duration was read: a bare number under « Heures » is hours', async ({ page, app, request }) => {
  const headers = { Authorization: `Bearer ${app.token}` };
  await request.post(`${app.base}api/organisations.create`, { data: { kind: 'member', name: 'Ressourcerie de la Vézère' }, headers });
  await request.post(`${app.base}api/people.create`, { data: { firstName: 'Marie', lastName: 'Dupont' }, headers });
  await page.getByRole('navigation').getByRole('link', { name: 'Données' }).click();
  await page.getByRole('link', { name: 'Importer un tableau' }).click();
  await page.getByLabel('Ce que contient le tableau').selectOption({ label: 'temps mis à disposition' });
  const csv = ['Structure;Personne;Date;Heures', 'Ressourcerie de la Vézère;Marie Dupont;12/01/2026;13', 'Ressourcerie de la Vézère;Marie Dupont;13/01/2026;45 min'].join('\r\n');
  await page.getByLabel('Fichier (CSV ou XLSX)').setInputFiles({ name: 'temps.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const preview = page.getByRole('table', { name: 'Premières lignes du fichier' });
  await expect(preview.getByRole('row', { name: /12\/01\/2026/ })).toContainText('13 → 13 h');
  await expect(preview.getByRole('row', { name: /13\/01\/2026/ })).toContainText('45 min → 45 min');
  await expect(page.getByRole('list', { name: 'Durées lues' })).toContainText('Colonne « Heures » : un nombre seul y est lu en heures.');
});
