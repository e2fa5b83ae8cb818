import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test } from './fixtures';

const EXPLANATION = 'Achat imprévu de bacs de collecte pour la boutique.';

test('the treasurer classifies a budget line, explains a gap and writes the Cerfa 15059 from the grant’s page', async ({ page, app }) => {
  const call = async (method: string, data: unknown) => {
    const response = await page.request.post(`${app.base}api/${method}`, { headers: { Authorization: `Bearer ${app.token}` }, data });
    const body = await response.json();
    expect(body.ok, JSON.stringify(body)).toBe(true);
    return body.value;
  };
  const funder = await call('organisations.create', { name: 'Région Nouvelle-Aquitaine', kind: 'partner', partnerType: 'local_authority' });
  const grant = await call('funding.grants.create', { funderOrganisationId: funder.id, programme: 'Animation du réseau', startDate: '2025-01-01', endDate: '2025-12-31', amountCents: 1_000_000 });
  await call('funding.budgets.save', {
    label: 'Budget 2025',
    startDate: '2025-01-01',
    endDate: '2025-12-31',
    grantId: grant.id,
    lines: [
      { direction: 'expense', category: 'purchases', plannedCents: 200_000, actualCents: 300_000, account: '60' },
      { direction: 'expense', category: 'other', label: 'Frais postaux', plannedCents: 800_000, actualCents: 700_000 },
      { direction: 'income', category: 'funding', funderOrganisationId: funder.id, plannedCents: 1_000_000, actualCents: 1_000_000, account: '74' },
    ],
  });

  await page.getByRole('navigation').getByRole('link', { name: 'Financements' }).click();
  const panel = page.getByRole('region', { name: /Compte rendu financier \(Cerfa 15059\) — Région Nouvelle-Aquitaine/ });
  await expect(panel.getByRole('note')).toContainText('Budget 2025 — Frais postaux');
  // Refused while a line is « à classer », naming it.
  await panel.getByRole('button', { name: /Écrire le compte rendu financier/ }).click();
  await expect(panel.getByRole('alert')).toContainText('Budget 2025 — Frais postaux');

  // The line gets its account in the budget.
  await page.getByRole('button', { name: 'Modifier le budget « Budget 2025 »' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox', { name: /^Compte/ }).nth(1).selectOption('62');
  await dialog.getByRole('button', { name: 'Enregistrer le budget' }).click();
  await expect(dialog).toBeHidden();
  await expect(panel.getByRole('note')).toBeHidden();

  // The gap of +50 % on purchases is explained once and kept.
  await panel.getByText('Écarts de plus de 20 % à expliquer').click();
  await panel.getByRole('textbox', { name: /^60 Achats/ }).fill(EXPLANATION);
  await panel.getByRole('button', { name: 'Enregistrer l’explication' }).click();
  await expect(panel.getByRole('status')).toHaveText(/Explication enregistrée/);
  await page.reload();
  await panel.getByText('Écarts de plus de 20 % à expliquer').click();
  await expect(panel.getByRole('textbox', { name: /^60 Achats/ })).toHaveValue(EXPLANATION);

  const downloading = page.waitForEvent('download');
  await panel.getByRole('button', { name: /Écrire le compte rendu financier/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('compte-rendu-financier-animation-du-reseau.docx');
  const xml = strFromU8(unzipSync(new Uint8Array(readFileSync((await download.path())!)))['word/document.xml']!).replace(/[\u00A0\u202F]/g, ' ');
  expect(xml).toContain('Compte rendu financier de subvention');
  expect(xml).toContain(EXPLANATION);
  expect(xml).toContain('Autres services extérieurs');
});
