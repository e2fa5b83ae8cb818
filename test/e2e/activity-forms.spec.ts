import { expect, test } from './fixtures';
import { pick } from './picker';
import { typeDate } from './french-input';

const GRANT = 'ADEME Nouvelle-Aquitaine — Animation du réseau régional';

test('a secretary creates a grant with a report due date, records a payment, creates a project founder, and finds them after a reload', async ({ page, app }) => {
  // The funder exists as a partner organisation, as the organisation screens would have left it.
  const response = await page.request.post(`${app.base}api/organisations.create`, {
    headers: { Authorization: `Bearer ${app.token}` },
    data: { name: 'ADEME Nouvelle-Aquitaine', kind: 'partner' },
  });
  expect((await response.json()).ok).toBe(true);

  // The grant: amount typed the French way, one report due, one target.
  await page.getByRole('navigation').getByRole('link', { name: 'Financements' }).click();
  await page.getByRole('button', { name: 'Nouvelle convention' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nouvelle convention' });
  const form = dialog.getByRole('form', { name: 'Nouvelle convention' });
  await pick(form.getByLabel('Financeur'), 'ademe', 'ADEME Nouvelle-Aquitaine');
  await form.getByLabel('Programme').fill('Animation du réseau régional');
  await form.getByLabel('Montant accordé').fill('62 000');
  await typeDate(form.getByLabel('Début de la période'), '2025-09-01');
  await typeDate(form.getByLabel('Fin de la période'), '2028-02-29');
  await form.getByRole('button', { name: 'Ajouter un bilan à rendre' }).click();
  const report = form.getByRole('group', { name: 'Bilan 1' });
  await typeDate(report.getByLabel('Date limite'), '2026-06-30');
  // A report with no title is refused beside its field, and nothing is saved.
  await form.getByRole('button', { name: 'Enregistrer la convention' }).click();
  await expect(report.getByText('Ce champ est obligatoire.')).toBeVisible();
  await report.getByLabel('Intitulé du bilan').fill('Bilan intermédiaire');
  await form.getByRole('button', { name: 'Ajouter un objectif' }).click();
  const target = form.getByRole('group', { name: 'Objectif 1' });
  await target.getByLabel('Indicateur').selectOption({ label: 'Actions de sensibilisation' });
  await target.getByLabel('Valeur visée').fill('19');
  await form.getByRole('button', { name: 'Enregistrer la convention' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Convention ${GRANT} enregistrée.`)).toBeVisible();

  const card = page.getByRole('article', { name: GRANT });
  await expect(card).toContainText(/Montant accordé : 62\s000\s€/);
  await expect(card.getByRole('list', { name: 'Bilans à rendre' })).toContainText('30 juin 2026 — Bilan intermédiaire');
  await expect(card.getByRole('list', { name: 'Objectifs' })).toContainText('Actions de sensibilisation : 19');

  // A payment beyond the amount granted is refused; a right one is recorded.
  const payment = card.getByRole('form', { name: `Ajouter un versement : ${GRANT}` });
  await typeDate(payment.getByLabel('Date du versement'), '2025-10-15');
  await payment.getByLabel('Montant du versement').fill('70 000');
  await payment.getByRole('button', { name: 'Ajouter un versement' }).click();
  await expect(payment.getByRole('alert')).toContainText('dépasse le montant accordé');
  await payment.getByLabel('Montant du versement').fill('20 000');
  await payment.getByRole('button', { name: 'Ajouter un versement' }).click();
  await expect(card.getByRole('list', { name: 'Versements' })).toContainText(/15 octobre 2025 — 20\s000\s€/);
  await expect(card).toContainText(/Reste à recevoir : 42\s000\s€/);

  // A project founder.
  await page.getByRole('navigation').getByRole('link', { name: 'Porteurs de projets' }).click();
  await page.getByRole('button', { name: 'Nouveau porteur de projet' }).click();
  const founder = page.getByRole('dialog', { name: 'Nouveau porteur de projet' });
  await founder.getByLabel('Nom').fill('Recyclerie de Bourganeuf');
  await founder.getByLabel('Territoire').fill('Creuse');
  await founder.getByLabel('Contact').fill('Claire Martin, 06 12 34 56 78');
  await founder.getByLabel('Étape').selectOption({ label: 'Étude' });
  await founder.getByRole('button', { name: 'Enregistrer le porteur de projet' }).click();
  await expect(founder).toBeHidden();
  await expect(page.getByText('Porteur de projet « Recyclerie de Bourganeuf » enregistré.')).toBeVisible();

  // After a reload, both are there.
  await page.reload();
  const row = page.getByRole('row', { name: /Recyclerie de Bourganeuf/ });
  await expect(row).toContainText('Creuse');
  await expect(row).toContainText('Étude');
  await row.getByRole('link', { name: 'Recyclerie de Bourganeuf' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Recyclerie de Bourganeuf/ })).toBeVisible();
  await expect(page.getByText('Claire Martin, 06 12 34 56 78')).toBeVisible();

  await page.getByRole('navigation').getByRole('link', { name: 'Financements' }).click();
  await page.reload();
  const saved = page.getByRole('article', { name: GRANT });
  await expect(saved.getByRole('list', { name: 'Bilans à rendre' })).toContainText('30 juin 2026 — Bilan intermédiaire');
  await expect(saved.getByRole('list', { name: 'Versements' })).toContainText(/15 octobre 2025 — 20\s000\s€/);
});
