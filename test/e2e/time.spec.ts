import { readFileSync } from 'node:fs';
import type { APIRequestContext } from '@playwright/test';
import { readDocx, plain } from '../helpers/docx';
import { monthRange, shiftMonth } from '../../shared/features/time/period';
import { formatDate } from '../../shared/format/fr';
import { expect, test, TODAY, type WebApp } from './fixtures';
import { pick } from './picker';
import { typeDate, typeMonth } from './french-input';

const ORGANISATION = 'Ressourcerie de l’Écluse';
const LINE = 'Hélène Martin · Coordination';

async function call(request: APIRequestContext, app: WebApp, method: string, input: unknown) {
  const response = await request.post(`${app.base}api/${method}`, { data: input, headers: { Authorization: `Bearer ${app.token}` } });
  return (await response.json()) as { ok: boolean; value?: { id: number }; error?: { code: string; message: string } };
}

/** The month before the current one, where every day is in the past: `YYYY-MM`, its last day, and a day's label. */
function lastMonth() {
  const month = shiftMonth(TODAY.slice(0, 7), -1);
  const { from, to } = monthRange(month);
  const label = (day: number) => formatDate(`${month}-${String(day).padStart(2, '0')}`);
  return { month, from, to, label };
}

test('a secretary fills a month from the keyboard, sees the ETP and the value, closes the period, cannot edit it any more, and downloads the certificate', async ({ page, app, request }) => {
  const { month, from, to, label } = lastMonth();
  const year = Number(month.slice(0, 4));
  const organisation = await call(request, app, 'organisations.create', { kind: 'member', name: ORGANISATION, city: 'Eymoutiers', postcode: '87120' });
  const person = await call(request, app, 'people.create', { firstName: 'Hélène', lastName: 'Martin' });
  await call(request, app, 'people.addAffiliation', { personId: person.value!.id, organisationId: organisation.value!.id, role: 'Directrice', startDate: '2020-01-01' });
  await call(request, app, 'memberships.save', { organisationId: organisation.value!.id, year, feeDueCents: 10000, amountPaidCents: 0 });

  // The month grid of the organisation.
  await page.getByRole('link', { name: 'Temps', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Grille du mois' })).toBeVisible();
  await pick(page.getByLabel('Structure', { exact: true }), 'ecluse', ORGANISATION);
  await typeMonth(page.getByLabel('Mois', { exact: true }), month);
  await pick(page.getByLabel('Personne', { exact: true }), 'hélène', 'Hélène Martin');
  await page.getByLabel('Catégorie', { exact: true }).selectOption({ label: 'Coordination' });
  await page.getByRole('button', { name: 'Ajouter la ligne' }).click();

  // Typed like a spreadsheet: the first cell has the focus, Tab moves right, each duration as people say it.
  const cell = (day: number) => page.getByRole('textbox', { name: `${LINE}, ${label(day)}` });
  await expect(cell(1)).toBeFocused();
  await page.keyboard.type('2h30');
  await page.keyboard.press('Tab');
  await page.keyboard.type('1:30');
  await page.keyboard.press('Tab');
  await page.keyboard.type('90 min');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.type('45');
  await page.keyboard.press('Tab');
  await page.keyboard.type('8');
  await page.keyboard.press('Tab');
  await page.keyboard.type('deux heures');
  await expect(page.getByText(`${LINE}, ${label(6)} : Durée illisible`)).toBeVisible();
  await expect(cell(6)).toHaveAttribute('aria-invalid', 'true');
  // Escape gives the cell back what it held.
  await page.keyboard.press('Escape');
  await expect(cell(6)).toHaveValue('');
  await expect(cell(6)).not.toHaveAttribute('aria-invalid', 'true');

  // Totals as one types: 2 h 30 + 1 h 30 + 1 h 30 + 45 min + 8 h = 14 h 15; at the default 20 €/h, 285 €.
  // A cell left is shown as read, in the one format of the screen: `90 min` becomes `1 h 30`, a bare `45` is minutes, a bare `8` hours.
  await expect(cell(3)).toHaveValue('1 h 30');
  await expect(cell(4)).toHaveValue('45 min');
  await expect(cell(5)).toHaveValue('8 h');
  await expect(page.getByTestId('grid-grand-total')).toHaveText('14 h 15');
  await expect(page.getByTestId('grid-total-hours')).toHaveText('14 h 15');
  await expect(page.getByTestId('grid-total-value')).toHaveText(/285,00\s€/);
  // Days cut off on the right are named, not hidden silently.
  await page.screenshot({ path: test.info().outputPath('grid.png') });
  await expect(page.getByText(/Les jours \d+ à (2[89]|3[01]) sont à droite/)).toBeVisible();
  // Days told apart by two letters; Ctrl+S saves, as in a spreadsheet.
  await expect(page.locator('.time-grid thead th[data-day="1"]')).toContainText(/^(lu|ma|me|je|ve|sa|di)1$/);
  await page.keyboard.press('Control+s');
  await expect(page.getByText('Grille enregistrée : 5 saisies créées, 0 modifiée, 0 supprimée.')).toBeVisible();
  await expect(cell(3)).toHaveValue('1 h 30');
  await expect(cell(4)).toHaveValue('45 min');
  // ETP of the month: 14,25 h ÷ (1 607 h ÷ 12).
  await expect(page.getByTestId('grid-total-etp')).toHaveText('0,11');
  await expect(page.getByTestId('grid-total-value')).toHaveText(/285,00\s€/);

  // The month is reported, then closed.
  await page.getByRole('link', { name: 'Périodes closes' }).click();
  const close = page.getByRole('form', { name: 'Clore une période' });
  await typeDate(close.getByRole('textbox', { name: 'Du', exact: true }), from);
  await typeDate(close.getByRole('textbox', { name: 'Au', exact: true }), to);
  await close.getByRole('textbox', { name: 'Libellé' }).fill(`Mois de ${month} (bilan)`);
  await close.getByRole('button', { name: 'Clore la période' }).click();
  await expect(page.getByText(`Période « Mois de ${month} (bilan) » close : 5 saisies verrouillées.`)).toBeVisible();

  // An edit is now refused, in the grid…
  await page.getByRole('link', { name: 'Grille du mois' }).click();
  await expect(page.getByText('Ce mois est dans une période close')).toBeVisible();
  await cell(1).click();
  await page.keyboard.type('3h');
  await expect(page.getByRole('alert').filter({ hasText: 'est dans une période close : cette case ne peut plus être modifiée' })).toBeVisible();
  await expect(cell(1)).toHaveValue('2 h 30');
  // …and by the service itself, whatever the client.
  const list = (await call(request, app, 'time.entries.list', { organisationId: organisation.value!.id })) as unknown as { value: { items: { id: number; date: string; categoryId: number }[] } };
  const entry = list.value.items[0]!;
  const refused = await call(request, app, 'time.entries.update', {
    id: entry.id,
    organisationId: organisation.value!.id,
    personId: person.value!.id,
    date: entry.date,
    minutes: '3h',
    categoryId: entry.categoryId,
    nature: 'secondment',
  });
  expect(refused.error?.code).toBe('LOCKED');
  expect(refused.error?.message).toContain(`La période « Mois de ${month} (bilan) »`);

  // The certificate of the month downloads, with the same figures.
  await page.getByRole('link', { name: 'Attestations' }).click();
  await pick(page.getByLabel('Structure', { exact: true }), 'ecluse', ORGANISATION);
  await typeDate(page.getByLabel('Du', { exact: true }), from);
  await typeDate(page.getByLabel('Au', { exact: true }), to);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger l’attestation (.docx)' }).click()]);
  expect(download.suggestedFilename()).toBe(`attestation-temps-ressourcerie-de-l-ecluse-${from}-${to}.docx`);
  const doc = readDocx(readFileSync((await download.path())!));
  expect(doc.headings[0]).toEqual({ level: 0, text: 'Attestation de mise à disposition' });
  // The months' table stands in the annex, after the one-page certificate and its signatures.
  const tables = doc.tables.map((table) => table.map((row) => row.map(plain)));
  const total = tables.flat().find((row) => row[0] === 'Total');
  expect(total).toEqual(['Total', '14 h 15', '100 %', '285,00 €']);
});

test('an entry dated more than a year ahead is saved only once the far date is confirmed', async ({ page, app, request }) => {
  await call(request, app, 'organisations.create', { kind: 'member', name: ORGANISATION });
  await page.getByRole('link', { name: 'Temps', exact: true }).click();
  await page.getByRole('link', { name: 'Saisies', exact: true }).click();
  await page.getByRole('button', { name: 'Nouvelle saisie', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Nouvelle saisie de temps' });
  await pick(dialog.getByRole('combobox', { name: 'Structure', exact: true }), 'ecluse', ORGANISATION);
  await dialog.getByLabel('Date').fill('2099-01-02');
  await dialog.getByRole('textbox', { name: 'Durée' }).fill('2h');
  await dialog.getByRole('combobox', { name: 'Catégorie', exact: true }).selectOption({ index: 1 });
  await dialog.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  // Refused with a reason next to the date, and a box to confirm it.
  await expect(dialog.getByText('Le 2 janvier 2099 est à plus d’un an')).toBeVisible();
  const confirm = dialog.getByLabel('Date lointaine voulue (plus d’un an dans l’avenir)');
  await confirm.check();
  await dialog.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(dialog).toBeHidden();
  const saved = await call(request, app, 'time.entries.list', { from: '2099-01-01', to: '2099-12-31' });
  expect((saved.value as unknown as { items: { date: string }[] }).items.map((e) => e.date)).toEqual(['2099-01-02']);
});

test('a cell of the month grid whose entry someone else deleted since is refused, not typed back in', async ({ page, app, request }) => {
  const { month, label } = lastMonth();
  const organisation = await call(request, app, 'organisations.create', { kind: 'member', name: ORGANISATION, city: 'Eymoutiers', postcode: '87120' });
  const person = await call(request, app, 'people.create', { firstName: 'Hélène', lastName: 'Martin' });
  await call(request, app, 'people.addAffiliation', { personId: person.value!.id, organisationId: organisation.value!.id, role: 'Directrice', startDate: '2020-01-01' });
  const categories = (await call(request, app, 'time.categories.list', {})) as unknown as { value: { items: { id: number; name: string }[] } };
  const coordination = categories.value.items.find((c) => c.name === 'Coordination')!;
  const day2 = `${month}-02`;
  const entry = (await call(request, app, 'time.entries.create', {
    organisationId: organisation.value!.id,
    personId: person.value!.id,
    date: day2,
    minutes: '1h',
    categoryId: coordination.id,
    nature: 'secondment',
    meetingId: null,
    activityId: null,
    note: null,
  })) as unknown as { value: { entry: { id: number; version: number } } };

  await page.getByRole('link', { name: 'Temps', exact: true }).click();
  await pick(page.getByLabel('Structure', { exact: true }), 'ecluse', ORGANISATION);
  await typeMonth(page.getByLabel('Mois', { exact: true }), month);
  const cell = (day: number) => page.getByRole('textbox', { name: `${LINE}, ${label(day)}` });
  await expect(cell(2)).toHaveValue('1 h');

  // Someone else deletes it meanwhile; she types a new value in the cell that still shows it.
  expect((await call(request, app, 'time.entries.delete', { id: entry.value.entry.id, version: entry.value.entry.version })).ok).toBe(true);
  await cell(2).fill('2h');
  await cell(3).fill('30 min');
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('alert').filter({ hasText: `Ligne « ${LINE} », ${label(2)} : cette saisie a été supprimée entre-temps par` })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Recharger la fiche' })).toBeVisible();
  // Nothing of the batch was written.
  const list = (await call(request, app, 'time.entries.list', { organisationId: organisation.value!.id })) as unknown as { value: { items: unknown[] } };
  expect(list.value.items).toHaveLength(0);
});
