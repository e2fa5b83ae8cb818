import { readFileSync } from 'node:fs';
import type { APIRequestContext, Page } from '@playwright/test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { monthRange, shiftMonth } from '../../shared/features/time/period';
import { formatDate } from '../../shared/format/fr';
import { plain, readDocx } from '../helpers/docx';
import { expect, test, TODAY, type WebApp } from './fixtures';

async function call<T = { id: number }>(request: APIRequestContext, app: WebApp, method: string, input: unknown): Promise<T> {
  const response = await request.post(`${app.base}api/${method}`, { data: input, headers: { Authorization: `Bearer ${app.token}` } });
  const body = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.value!;
}

/**
 * Leaves the month's entries as a member organisation's account leaves them (« à valider »).
 * Web mode acts for the person at the machine only; a structure account logs in through the
 * network's server (another issue), so the test puts the rows in that state itself.
 */
async function asEnteredByTheMember(app: WebApp, organisationId: number): Promise<void> {
  const update = `update time_entries set status = 'pending', reviewed_at = null, reviewed_by = null where organisation_id = ${organisationId}`;
  if (app.dbFile.startsWith('postgres')) {
    const client = new pg.Client({ connectionString: app.dbFile });
    await client.connect();
    try {
      const schema = new URL(app.dbFile).searchParams.get('schema');
      if (schema) await client.query(`set search_path to "${schema}"`);
      await client.query(update);
    } finally {
      await client.end();
    }
    return;
  }
  const db = new Database(app.dbFile);
  try {
    db.prepare(update).run();
  } finally {
    db.close();
  }
}

async function shot(page: Page, name: string) {
  if (process.env.MAILLAGE_SCREENSHOTS) await page.screenshot({ path: `${process.env.MAILLAGE_SCREENSHOTS}/${name}.png`, fullPage: true });
}

test('the secretary sees who entered their month, refuses a line with its reason, validates the month, prepares a reminder; the member’s page shows the refusal', async ({ page, app, request }) => {
  const month = shiftMonth(TODAY.slice(0, 7), -1);
  const { from } = monthRange(month);
  const year = Number(month.slice(0, 4));
  const alpha = await call(request, app, 'organisations.create', { kind: 'member', name: 'Ressourcerie Alpha', email: 'contact@alpha.fr' });
  const beta = await call(request, app, 'organisations.create', { kind: 'member', name: 'Recyclerie Bêta', email: 'bonjour@beta.fr' });
  const anne = await call(request, app, 'people.create', { firstName: 'Anne', lastName: 'Bernard' });
  await call(request, app, 'people.addAffiliation', { personId: anne.id, organisationId: alpha.id, role: 'Coordinatrice', startDate: '2020-01-01' });
  for (const o of [alpha, beta]) await call(request, app, 'memberships.save', { organisationId: o.id, year, feeDueCents: 5000, amountPaidCents: 0 });
  await call(request, app, 'time.pledges.save', { organisationId: alpha.id, from: `${year}-01-01`, to: `${year}-12-31`, unit: 'hours', amount: 120 });
  const categories = await call<{ items: { id: number; code: string | null }[] }>(request, app, 'time.categories.list', {});
  const categoryId = categories.items.find((c) => c.code === 'observatory')!.id;
  const day = (d: number) => `${month}-${String(d).padStart(2, '0')}`;
  await call(request, app, 'time.grid.save', {
    organisationId: alpha.id,
    month,
    nature: 'secondment',
    rows: [{ personId: anne.id, categoryId, cells: [{ from: day(3), to: day(3), minutes: 180 }, { from: day(4), to: day(4), minutes: 60 }] }],
  });
  await asEnteredByTheMember(app, alpha.id);

  await page.getByRole('link', { name: 'Validation', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Validation des heures' })).toBeVisible();
  await page.goto(`${app.url.split('?')[0]}#/validation?mois=${month}`);
  const alphaRow = page.getByTestId(`validation-row-${alpha.id}`);
  await expect(alphaRow.getByRole('cell').nth(2)).toHaveText('4 h');
  await expect(page.getByTestId(`validation-row-${beta.id}`)).toContainText('rien saisi');
  await shot(page, 'validation-overview');

  // Line by line: the 4th is refused, with its reason.
  await page.getByRole('button', { name: 'Détail — Ressourcerie Alpha' }).click();
  await page.getByRole('checkbox', { name: `Choisir la ligne du ${formatDate(day(4))}, Anne Bernard` }).check();
  await page.getByRole('button', { name: 'Refuser la sélection' }).click();
  await expect(page.getByText('Indiquez le motif (3 caractères au moins).')).toBeVisible();
  await page.getByLabel('Motif du refus (la structure le verra)').fill('Anne était en congé ce jour-là');
  await page.getByRole('button', { name: 'Refuser la sélection' }).click();
  await expect(page.getByText('1 ligne refusée.')).toBeVisible();
  await expect(alphaRow.getByRole('cell').nth(3)).toHaveText('1 h');

  // The month in one action: the line still waiting is validated.
  await page.getByRole('button', { name: 'Valider le mois — Ressourcerie Alpha' }).click();
  await expect(page.getByText('Ressourcerie Alpha : 1 ligne validée.')).toBeVisible();
  await expect(alphaRow).toContainText('mois validé');
  await expect(alphaRow.getByRole('cell').nth(1)).toHaveText('3 h');
  await expect(alphaRow.getByRole('cell').nth(2)).toHaveText('—');
  await shot(page, 'validation-done');

  // The reminder is prepared, not sent.
  await page.getByRole('button', { name: 'Relancer — Recyclerie Bêta' }).click();
  const dialog = page.getByRole('dialog', { name: 'Relance — Recyclerie Bêta' });
  await expect(dialog.getByTestId('reminder-recipients')).toHaveText('Recyclerie Bêta <bonjour@beta.fr>');
  await expect(dialog.getByLabel('Message')).toHaveValue(/Nous n’avons pas encore reçu le temps de Recyclerie Bêta/);
  await shot(page, 'validation-reminder');
  await page.keyboard.press('Escape');

  // The certificate counts the validated hours only.
  const certificate = await call<{ total: { minutes: number }; pendingMinutes: number }>(request, app, 'time.certificate', { organisationId: alpha.id, from, to: `${year}-12-31` });
  expect(certificate.total.minutes).toBe(180);

  // What the member sees (web mode shows a member's page for the organisation picked).
  await page.goto(`${app.url.split('?')[0]}#/mon-temps?structure=${alpha.id}&mois=${month}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Mon temps' })).toBeVisible();
  await expect(page.getByTestId('member-pledge')).toContainText('120 h promises, 3 h validées, 0 min à valider');
  await expect(page.getByText('Mois validé : la structure demande avant de le changer')).toBeVisible();
  await expect(page.getByRole('textbox', { name: `Anne Bernard · Observatoire, ${formatDate(day(4))}` })).toHaveAttribute('title', 'Refusée : Anne était en congé ce jour-là');
  await expect(page.getByRole('region', { name: 'Lignes refusées' })).toContainText('motif : Anne était en congé ce jour-là');
  await shot(page, 'member-my-time');
});

test('a member organisation’s pages: its figures of the year, its certificate on validated hours (the waiting ones said), the meetings it was invited to', async ({ page, app, request }) => {
  const month = shiftMonth(TODAY.slice(0, 7), -1);
  const year = Number(month.slice(0, 4));
  const alpha = await call(request, app, 'organisations.create', { kind: 'member', name: 'Ressourcerie Alpha' });
  const other = await call(request, app, 'organisations.create', { kind: 'member', name: 'Recyclerie Bêta' });
  const anne = await call(request, app, 'people.create', { firstName: 'Anne', lastName: 'Bernard' });
  const bruno = await call(request, app, 'people.create', { firstName: 'Bruno', lastName: 'Colas' });
  await call(request, app, 'people.addAffiliation', { personId: anne.id, organisationId: alpha.id, role: 'Coordinatrice', startDate: '2020-01-01' });
  const categories = await call<{ items: { id: number; code: string | null }[] }>(request, app, 'time.categories.list', {});
  const categoryId = categories.items.find((c) => c.code === 'coordination')!.id;
  await call(request, app, 'time.entries.create', { organisationId: alpha.id, personId: anne.id, date: `${month}-02`, minutes: '2h', categoryId, nature: 'secondment' });
  await asEnteredByTheMember(app, alpha.id);
  await call(request, app, 'time.entries.create', { organisationId: alpha.id, personId: anne.id, date: `${month}-03`, minutes: '5h', categoryId, nature: 'secondment' });
  const invited = await call(request, app, 'meetings.create', { kind: 'coordination', title: 'Coordination de printemps', date: `${month}-20` });
  await call(request, app, 'meetings.addAttendee', { meetingId: invited.id, personId: anne.id, organisationId: alpha.id, invited: true, voting: false });
  const elsewhere = await call(request, app, 'meetings.create', { kind: 'bureau', title: 'Bureau sans Alpha', date: `${month}-21` });
  await call(request, app, 'meetings.addAttendee', { meetingId: elsewhere.id, personId: bruno.id, organisationId: other.id, invited: true, voting: false });
  const root = app.url.split('?')[0];

  await page.goto(`${root}#/mes-chiffres?structure=${alpha.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Mes chiffres' })).toBeVisible();
  await expect(page.getByLabel('Année', { exact: true })).toHaveValue(String(Number(TODAY.slice(0, 4)) - 1));
  await shot(page, 'member-figures');

  await page.goto(`${root}#/mes-attestations?structure=${alpha.id}`);
  await expect(page.getByText('Non comptées : 2 h à valider.')).toBeVisible();
  await shot(page, 'member-certificates');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Attestation ${year} (.docx)` }).click()]);
  const text = readDocx(readFileSync((await download.path())!)).paragraphs.map(plain).join('\n');
  expect(text).toContain('S’y ajouteront 2 h saisies par la structure et encore à valider par le secrétariat');

  // The secretariat's own screens say it too: the summary leaves the waiting hours out and counts them apart, the entry list marks them.
  await page.goto(`${root}#/temps/bilans`);
  await expect(page.getByTestId('summary-total-hours')).toHaveText('5 h');
  await expect(page.getByTestId('summary-pending')).toHaveText('Non comptées : 2 h à valider.');
  await page.goto(`${root}#/temps/saisies`);
  await expect(page.getByText('à valider', { exact: true })).toHaveCount(1);

  await page.goto(`${root}#/mes-reunions?structure=${alpha.id}`);
  await expect(page.getByRole('cell', { name: /Coordination de printemps/ })).toBeVisible();
  await expect(page.getByText('Bureau sans Alpha')).toHaveCount(0);
  await expect(page.getByText('Compte rendu pas encore approuvé')).toBeVisible();
  await shot(page, 'member-meetings');
  const [notice] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Convocation (.docx)' }).click()]);
  expect(notice.suggestedFilename()).toMatch(/\.docx$/);
});
