import type { Page } from '@playwright/test';
import { callApi, expect, test, type WebApp } from './fixtures';

async function organisations(page: Page, app: WebApp) {
  const solidaire = await callApi<{ id: number }>(page, app, 'organisations.create', { kind: 'member', name: 'Réemploi Solidaire', city: 'Limoges' });
  const atelier = await callApi<{ id: number }>(page, app, 'organisations.create', { kind: 'member', name: 'Atelier du RÉEMPLOI', city: 'Tulle' });
  await callApi(page, app, 'organisations.create', { kind: 'member', name: 'Ressourcerie de la Vézère', city: 'Uzerche' });
  return { solidaire, atelier };
}

test('the host of a new meeting is chosen by typing « reemploi » and the keyboard alone', async ({ page, app }) => {
  const { atelier } = await organisations(page, app);
  await page.goto(`${app.url}#/reunions/nouvelle`);
  await page.getByLabel('Titre').fill('Coordination de printemps');

  const host = page.getByRole('combobox', { name: 'Structure d’accueil' });
  await expect(host).toHaveAttribute('aria-expanded', 'false');
  await host.focus();
  await page.keyboard.type('reemploi');
  await expect(host).toHaveAttribute('aria-expanded', 'true');
  const list = page.getByRole('listbox', { name: 'Choix possibles' });
  // Accents and case ignored; the structure that does not match is not offered.
  await expect(list.getByRole('option')).toHaveText([/Atelier du RÉEMPLOI/, /Réemploi Solidaire/]);
  await expect(list.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  const first = await list.getByRole('option').first().getAttribute('id');
  await expect(host).toHaveAttribute('aria-activedescendant', first!);

  // Down to the second and back up: Enter takes the first, and does not submit the form.
  await page.keyboard.press('ArrowDown');
  await expect(list.getByRole('option').nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(host).toHaveValue('Atelier du RÉEMPLOI');
  await expect(host).toHaveAttribute('aria-expanded', 'false');
  await expect(page).toHaveURL(/#\/reunions\/nouvelle/);

  // Escape gives up a search under way and keeps the choice.
  await host.fill('vezere');
  await expect(list.getByRole('option')).toHaveText([/Ressourcerie de la Vézère/]);
  await page.keyboard.press('Escape');
  await expect(host).toHaveValue('Atelier du RÉEMPLOI');

  await page.getByRole('button', { name: 'Créer la réunion' }).click();
  await expect(page).toHaveURL(/#\/reunions\/\d+/);
  const id = Number(/#\/reunions\/(\d+)/.exec(page.url())![1]);
  const saved = await callApi<{ meeting: { hostOrganisationId: number | null } }>(page, app, 'meetings.get', { id });
  expect(saved.meeting.hostOrganisationId).toBe(atelier.id);
});

test('the time entries are filtered on a structure chosen by typing « reemploi »', async ({ page, app }) => {
  const { solidaire } = await organisations(page, app);
  await page.goto(`${app.url}#/temps/saisies`);
  const filter = page.getByRole('combobox', { name: 'Structure', exact: true });
  await filter.click();
  const list = page.getByRole('listbox', { name: 'Choix possibles' });
  // Before typing: « Toutes » first, then the structures.
  await expect(list.getByRole('option').first()).toHaveText('Toutes');
  await page.keyboard.type('REEMPLOI sol');
  await expect(list.getByRole('option')).toHaveText([/Réemploi Solidaire/]);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`structure=${solidaire.id}`));
  await expect(filter).toHaveValue('Réemploi Solidaire');
});
