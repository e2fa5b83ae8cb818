import { expect, test, TODAY } from './fixtures';
import { pick } from './picker';

const ORGANISATION = 'La Ressourcerie de l’Écluse';
const VALID_SIRET = '73282932000074';

test('a secretary records an organisation, a person and a paid membership, and finds them after a reload', async ({ page, app }) => {
  const year = Number(TODAY.slice(0, 4));
  await expect(page.getByRole('heading', { level: 1, name: 'Structures' })).toBeVisible();
  await expect(page.getByText('Aucune structure pour l’instant.')).toBeVisible();

  // The organisation.
  await page.getByRole('link', { name: 'Nouvelle structure' }).click();
  await page.getByRole('textbox', { name: 'Nom', exact: true }).fill(ORGANISATION);
  await page.getByLabel('SIRET').fill(VALID_SIRET);
  await page.getByLabel('Adresse').fill('4 rue du Moulin');
  await page.getByLabel('Code postal').fill('87120');
  await page.getByLabel('Ville').fill('Eymoutiers');
  await page.getByRole('button', { name: 'Créer la structure' }).click();
  await expect(page.getByRole('heading', { level: 1, name: ORGANISATION })).toBeVisible();
  await expect(page.getByText('732 829 320 00074')).toBeVisible();

  // A person, affiliated to it.
  await page.getByRole('navigation').getByRole('link', { name: 'Personnes' }).click();
  await page.getByRole('link', { name: 'Nouvelle personne' }).click();
  await page.getByLabel('Prénom').fill('Hélène');
  await page.getByRole('textbox', { name: 'Nom', exact: true }).fill('Martin');
  await page.getByLabel('E-mail').fill('helene.martin@example.org');
  await page.getByRole('button', { name: 'Créer la fiche' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hélène Martin' })).toBeVisible();
  await page.getByRole('button', { name: 'Ajouter un rattachement' }).click();
  const affiliationForm = page.getByRole('form', { name: 'Ajouter un rattachement' });
  await pick(affiliationForm.getByRole('combobox', { name: 'Structure', exact: true }), ORGANISATION);
  await affiliationForm.getByLabel('Rôle').fill('Directrice');
  await affiliationForm.getByRole('button', { name: 'Enregistrer le rattachement' }).click();
  await expect(page.getByText('Rattachement enregistré.')).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(`${ORGANISATION}.*Directrice`) })).toBeVisible();

  // A paid membership for this year.
  await page.getByRole('navigation').getByRole('link', { name: 'Adhésions' }).click();
  await expect(page.getByText(`Aucune adhésion enregistrée pour ${year}.`)).toBeVisible();
  await page.getByRole('button', { name: 'Enregistrer une adhésion' }).click();
  const dialog = page.getByRole('dialog', { name: 'Enregistrer une adhésion' });
  await pick(dialog.getByRole('combobox', { name: 'Structure', exact: true }), ORGANISATION);
  await dialog.getByLabel('Cotisation due').fill('150');
  await dialog.getByRole('button', { name: 'Payée en totalité' }).click();
  await dialog.getByLabel('Moyen de paiement').selectOption({ label: 'Virement' });
  await pick(dialog.getByLabel('Représentant·e votant·e'), 'martin', /Hélène Martin\s*Directrice/);
  await dialog.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole('row', { name: new RegExp(ORGANISATION) });
  await expect(row).toContainText(/150\s€/);
  await expect(row).toContainText('À jour');
  await expect(row).toContainText('Virement');
  await expect(row).toContainText('Hélène Martin');

  // Everything is still there after a reload.
  await page.reload();
  await expect(page.getByRole('row', { name: new RegExp(ORGANISATION) })).toContainText('À jour');
  await expect(page.getByRole('row', { name: /Total/ })).toContainText(/150\s€/);

  await page.getByRole('navigation').getByRole('link', { name: 'Personnes' }).click();
  await expect(page.getByRole('row', { name: /MARTIN Hélène/ })).toContainText(ORGANISATION);

  await page.getByRole('navigation').getByRole('link', { name: 'Structures' }).click();
  await page.getByRole('searchbox', { name: 'Rechercher' }).fill('ECLUSE');
  await expect(page.getByText('1 structure')).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(ORGANISATION) })).toContainText('À jour');
  await page.getByRole('searchbox', { name: 'Rechercher' }).fill('introuvable');
  await expect(page.getByText('Aucune structure ne correspond à cette recherche.')).toBeVisible();

  // The server agrees with the screen.
  const response = await page.request.post(`${app.base}api/memberships.year`, {
    headers: { Authorization: `Bearer ${app.token}` },
    data: { year },
  });
  const body = await response.json();
  expect(body.value.totals).toMatchObject({ count: 1, paidCount: 1, amountPaidCents: 15000 });
});

test('an invalid SIRET is explained next to its field and nothing is saved', async ({ page, app }) => {
  await page.getByRole('link', { name: 'Nouvelle structure' }).click();
  await page.getByRole('textbox', { name: 'Nom', exact: true }).fill('Ressourcerie du Plateau');
  const siret = page.getByLabel('SIRET');
  await siret.fill('12345678901234');
  await page.getByRole('button', { name: 'Créer la structure' }).click();

  const message = 'SIRET invalide : 14 chiffres dont le dernier est une clé de contrôle.';
  await expect(siret).toHaveAttribute('aria-invalid', 'true');
  await expect(siret).toHaveAccessibleDescription(new RegExp(message));
  await expect(page.getByRole('alert').filter({ hasText: message })).toBeVisible();

  // Leaving the dirty form asks first.
  await page.getByRole('navigation').getByRole('link', { name: 'Structures' }).click();
  const confirm = page.getByRole('dialog', { name: 'Quitter sans enregistrer ?' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Quitter sans enregistrer' }).click();

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Structures' })).toBeVisible();
  await expect(page.getByText('Aucune structure pour l’instant.')).toBeVisible();
  const response = await page.request.post(`${app.base}api/organisations.list`, {
    headers: { Authorization: `Bearer ${app.token}` },
    data: { includeArchived: true },
  });
  expect((await response.json()).value.items).toEqual([]);
});
