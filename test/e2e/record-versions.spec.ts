import { callApi, expect, test } from './fixtures';

/** A record saved by someone else while a dialog had it open is not overwritten: the dialog says so and offers to reload. */

test('a payment corrected by someone else meanwhile is not overwritten; reloading shows their amount', async ({ page, app }) => {
  const funder = await callApi<{ id: number }>(page, app, 'organisations.create', { kind: 'partner', partnerType: 'region', name: 'Région Occitanie' });
  const grant = await callApi<{ id: number; payments: { id: number; version: number }[] }>(page, app, 'funding.grants.create', {
    funderOrganisationId: funder.id,
    programme: 'Réemploi solidaire',
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    amountCents: 5_000_000,
  });
  const withPayment = await callApi<{ payments: { id: number; version: number }[] }>(page, app, 'funding.payments.add', { grantId: grant.id, date: '2026-02-01', amountCents: 2_000_000 });
  const payment = withPayment.payments[0]!;
  await page.goto(`${app.url}#/financements`);
  const card = page.getByRole('article', { name: /Réemploi solidaire/ });
  await card.getByRole('button', { name: /Modifier le versement de 20\s000\s€/ }).click();
  const dialog = page.getByRole('dialog', { name: /Versement/ });

  // Meanwhile, another screen corrects the same payment.
  await callApi(page, app, 'funding.payments.update', { id: payment.id, version: payment.version, date: '2026-02-01', amountCents: 3_000_000, note: null });

  await dialog.getByLabel('Montant du versement').fill('25 000');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog.getByRole('alert')).toContainText(/Enregistrement modifié entre-temps par le mode web à \d{2}:\d{2} le/);
  await dialog.getByRole('button', { name: 'Recharger la fiche' }).click();
  const payments = page.getByRole('article', { name: /Réemploi solidaire/ }).getByRole('list', { name: 'Versements' });
  await expect(payments).toContainText(/30\s000\s€/);
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('the settings saved twice from the same page go through; saved from elsewhere meanwhile, the page says so', async ({ page, app }) => {
  await page.goto(`${app.url}#/reglages`);
  const name = page.getByLabel('Nom de l’association');
  await name.fill('Réseau des ressourceries du Quercy');
  await page.getByRole('button', { name: 'Enregistrer les réglages', exact: true }).click();
  await expect(page.getByText('Réglages enregistrés.')).toBeVisible();
  // Again without leaving the page: it names the version its first save produced.
  await name.fill('Réseau des ressourceries du Lot');
  await page.getByRole('button', { name: 'Enregistrer les réglages', exact: true }).click();
  await expect(page.getByText('Réglages enregistrés.')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);

  // Another screen saves the settings; this page, not reloaded, is refused.
  const current = await callApi<Record<string, unknown>>(page, app, 'settings.get', {});
  await callApi(page, app, 'settings.update', { ...current, city: 'Cahors' });
  await name.fill('Réseau du Lot');
  await page.getByRole('button', { name: 'Enregistrer les réglages', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Enregistrement modifié entre-temps par le mode web');
  await page.getByRole('button', { name: 'Recharger la fiche' }).click();
  await expect(page.getByLabel('Nom de l’association')).toHaveValue('Réseau des ressourceries du Lot');
});
