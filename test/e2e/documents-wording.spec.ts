import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { callApi, expect, test } from './fixtures';

const documentText = (file: string) =>
  strFromU8(unzipSync(new Uint8Array(readFileSync(file)))['word/document.xml']!)
    .replace(/<[^>]+>/g, '')
    .replace(/[\u00A0\u202F]/g, ' ');

test('the secretary words the minutes’ closing her own way in Réglages, the minutes use it, and she restores the original', async ({ page, app }) => {
  test.setTimeout(60_000);
  const meeting = await callApi<{ id: number }>(page, app, 'meetings.create', { kind: 'board', title: 'Conseil de printemps', date: '2026-03-12', startTime: '14:00', endTime: '16:30' });

  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Réglages' }).click();
  const form = page.getByRole('form', { name: 'Compte rendu — clôture de la séance' });
  const field = form.getByRole('textbox', { name: 'Compte rendu — clôture de la séance' });
  await expect(field).toHaveValue('L’ordre du jour étant épuisé, la séance est levée à {heure}.');
  // A placeholder the sentence does not know is refused, named, next to the field.
  await field.fill('Séance levée à {heures}.');
  await form.getByRole('button', { name: 'Enregistrer le texte' }).click();
  await expect(form.getByText('Le champ {heures} n’existe pas pour ce texte : les champs possibles sont {heure}, {instance}, {structure}, {date}.')).toBeVisible();
  await field.fill('Plus rien n’étant à l’ordre du jour, la présidente lève la séance à {heure}.');
  await form.getByRole('button', { name: 'Enregistrer le texte' }).click();
  await expect(page.getByText('Texte enregistré : les prochains documents l’utiliseront.')).toBeVisible();

  await page.goto(`${app.url}#/reunions/${meeting.id}?onglet=documents`);
  await page.getByRole('tab', { name: 'Documents' }).click();
  let downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Compte rendu (.docx)' }).click();
  expect(documentText((await (await downloading).path())!)).toContain('Plus rien n’étant à l’ordre du jour, la présidente lève la séance à 16 h 30.');

  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Réglages' }).click();
  await page.getByRole('button', { name: 'Rétablir le texte d’origine — Compte rendu — clôture de la séance' }).click();
  await expect(page.getByText('Texte d’origine rétabli.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Compte rendu — clôture de la séance' })).toHaveValue('L’ordre du jour étant épuisé, la séance est levée à {heure}.');

  await page.goto(`${app.url}#/reunions/${meeting.id}`);
  await page.getByRole('tab', { name: 'Documents' }).click();
  downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Compte rendu (.docx)' }).click();
  expect(documentText((await (await downloading).path())!)).toContain('L’ordre du jour étant épuisé, la séance est levée à 16 h 30.');
});
