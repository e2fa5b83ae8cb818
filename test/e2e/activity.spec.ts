import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test } from './fixtures';
import { pick } from './picker';

const SENTENCE = 'Ouvrir une recyclerie à Bourganeuf avec les collectivités du plateau.';
const LAST_MINUTE = 'Deux ateliers de réparation ouverts dans l’année, écrit juste avant de générer.';

test('a secretary logs an awareness action led by two organisations and finds it in the funder report', async ({ page, app }) => {
  // Two member organisations, as the membership screens would have left them.
  for (const name of ['Ressourcerie des Monts', 'Recyclerie du Plateau']) {
    const response = await page.request.post(`${app.base}api/organisations.create`, { headers: { Authorization: `Bearer ${app.token}` }, data: { name, kind: 'member' } });
    expect((await response.json()).ok).toBe(true);
  }

  // The home page: no awareness action yet this year.
  await page.getByRole('navigation').getByRole('link', { name: 'Accueil' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Accueil' })).toBeVisible();
  const awareness = page.locator('[data-kind="awareness"] dd');
  await expect(awareness).toHaveText('0');

  // Log the action.
  await page.getByRole('navigation').getByRole('link', { name: 'Activités' }).click();
  const form = page.getByRole('form', { name: 'Nouvelle action' });
  await form.getByLabel('Type d’action').selectOption({ label: 'Action de sensibilisation' });
  await form.getByLabel('Intitulé').fill('Faïte de la récup au jardin partagé');
  await form.getByLabel('Personnes touchées').fill('85');
  await form.getByLabel('Campagne').fill('Faïte de la récup');
  // Without a leading organisation, the form says which field is missing and saves nothing.
  await form.getByRole('button', { name: 'Enregistrer l’action' }).click();
  await expect(form.getByText('Structures porteuses : indiquez au moins une structure')).toBeVisible();
  await pick(form.getByRole('combobox', { name: 'Structures porteuses' }), 'monts', 'Ressourcerie des Monts');
  await pick(form.getByRole('combobox', { name: 'Structures porteuses' }), 'plateau', 'Recyclerie du Plateau');
  await form.getByRole('button', { name: 'Enregistrer l’action' }).click();
  await expect(page.getByText('Action enregistrée.')).toBeVisible();
  await expect(page.getByRole('row', { name: /Faïte de la récup au jardin partagé/ })).toContainText('Recyclerie du Plateau, Ressourcerie des Monts');

  // The dashboard count moved.
  await page.getByRole('navigation').getByRole('link', { name: 'Accueil' }).click();
  await expect(awareness).toHaveText('1');

  // The funder report: preview, the outlook typed once and kept, then the document.
  await page.getByRole('navigation').getByRole('link', { name: 'Rapports' }).click();
  const figure = page.getByRole('button', { name: /1 action de sensibilisation menée par 2 ressourceries/ });
  await expect(figure).toBeVisible();
  await figure.click();
  const records = page.getByRole('dialog');
  await expect(records).toContainText('Faïte de la récup au jardin partagé');
  await page.keyboard.press('Escape');
  await expect(records).toBeHidden();

  // Saved as it is typed, with no button to forget.
  await page.getByRole('textbox', { name: 'Perspectives' }).fill(SENTENCE);
  await expect(page.getByText('Texte enregistré.')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Perspectives' })).toHaveValue(SENTENCE);
  // A text typed just before generating is in the document too.
  await page.getByRole('textbox', { name: 'Résultats qualitatifs' }).fill(LAST_MINUTE);
  await page.screenshot({ path: test.info().outputPath('reports.png'), fullPage: true });

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Générer le rapport (.docx)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^bilan-.*\.docx$/);
  const xml = strFromU8(unzipSync(new Uint8Array(readFileSync((await download.path())!)))['word/document.xml']!).replace(/[\u00A0\u202F]/g, ' ');
  expect(xml).toContain(SENTENCE);
  expect(xml).toContain(LAST_MINUTE);
  expect(xml).toContain('1 action de sensibilisation menée par 2 ressourceries à l’occasion de « Faïte de la récup »');
  expect(xml).toContain('descr="Actions du réseau par type et par année');
});

test('the leading organisations are chosen by typing, shown as chips, offered once, and one is removed before saving', async ({ page, app }) => {
  for (const name of ['Ressourcerie Éco-Léo', 'Recyclerie de Guéret', 'La Trocante']) {
    const response = await page.request.post(`${app.base}api/organisations.create`, { headers: { Authorization: `Bearer ${app.token}` }, data: { name, kind: 'member' } });
    expect((await response.json()).ok).toBe(true);
  }
  await page.getByRole('navigation').getByRole('link', { name: 'Activités' }).click();
  const form = page.getByRole('form', { name: 'Nouvelle action' });
  await form.getByLabel('Intitulé').fill('Atelier vélo');
  const leads = form.getByRole('combobox', { name: 'Structures porteuses' });
  // Typed without accents, found with them.
  await pick(leads, 'eco leo', 'Ressourcerie Éco-Léo');
  await pick(leads, 'gueret', 'Recyclerie de Guéret');
  await expect(form.getByRole('button', { name: 'Retirer Ressourcerie Éco-Léo' })).toBeVisible();
  await expect(form.getByRole('button', { name: 'Retirer Recyclerie de Guéret' })).toBeVisible();
  // A structure already chosen is not offered a second time.
  await leads.fill('recyclerie');
  const list = page.locator(`[id="${await leads.getAttribute('aria-controls')}"]`);
  await expect(list).toHaveAttribute('aria-busy', 'false');
  await expect(list.getByRole('option', { name: /Recyclerie de Guéret/ })).toHaveCount(0);
  await leads.press('Escape');
  await page.screenshot({ path: test.info().outputPath('activity-form.png'), fullPage: true });

  await form.getByRole('button', { name: 'Retirer Recyclerie de Guéret' }).click();
  await expect(form.getByRole('button', { name: 'Retirer Recyclerie de Guéret' })).toHaveCount(0);
  // The focus goes back to the picker, where the next one is typed.
  await expect(leads).toBeFocused();
  await form.getByRole('button', { name: 'Enregistrer l’action' }).click();
  await expect(page.getByText('Action enregistrée.')).toBeVisible();
  const row = page.getByRole('row', { name: /Atelier vélo/ });
  await expect(row).toContainText('Ressourcerie Éco-Léo');
  await expect(row).not.toContainText('Guéret');

  // Editing shows the saved structures as chips; a partner is added the same way.
  await row.getByRole('button', { name: 'Modifier l’action « Atelier vélo »' }).click();
  const dialog = page.getByRole('dialog', { name: 'Modifier l’action « Atelier vélo »' });
  await expect(dialog.getByRole('button', { name: 'Retirer Ressourcerie Éco-Léo' })).toBeVisible();
  await pick(dialog.getByRole('combobox', { name: 'Partenaires associés' }), 'troc', 'La Trocante');
  await dialog.getByRole('button', { name: 'Enregistrer l’action' }).click();
  await expect(dialog).toBeHidden();
  // The list shows no partners: the dialog, opened again, does.
  await row.getByRole('button', { name: 'Modifier l’action « Atelier vélo »' }).click();
  await expect(dialog.getByRole('button', { name: 'Retirer La Trocante' })).toBeVisible();
});
