import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { callApi, expect, test, type WebApp, TODAY } from './fixtures';
import { pick } from './picker';
import { typeDate } from './french-input';

/** Calls the API as the page does (same token), for the records this test does not create through the UI. */
/** Three member ressourceries with a voting representative for the year, and the network's coordinator. */
async function seedNetwork(page: Page, app: WebApp, year: number) {
  const people: string[] = [];
  for (const [i, town] of ['Eymoutiers', 'Guéret', 'Tulle'].entries()) {
    const organisation = await callApi<{ id: number }>(page, app, 'organisations.create', { kind: 'member', name: `Ressourcerie de ${town}` });
    const person = await callApi<{ id: number }>(page, app, 'people.create', { firstName: ['Anne', 'Bruno', 'Claire'][i], lastName: ['Bernard', 'Colas', 'Dumas'][i] });
    await callApi(page, app, 'people.addAffiliation', { personId: person.id, organisationId: organisation.id, role: 'Présidence', startDate: `${year - 2}-01-01` });
    await callApi(page, app, 'memberships.save', { organisationId: organisation.id, year, feeDueCents: 10000, amountPaidCents: 0, votingPersonId: person.id });
    people.push(`${['Anne', 'Bruno', 'Claire'][i]} ${['Bernard', 'Colas', 'Dumas'][i]}`);
  }
  const coordinator = await callApi<{ id: number }>(page, app, 'people.create', { firstName: 'Hélène', lastName: 'Martin' });
  return { people, coordinator };
}

async function expectDocx(download: Download, name: string) {
  expect(download.suggestedFilename()).toBe(name);
  const bytes = readFileSync((await download.path())!);
  expect(bytes.length).toBeGreaterThan(2000);
  // A .docx is a zip: local file header "PK\3\4".
  expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
}

test('a secretary holds a general assembly, writes its minutes, and has them approved at the next one', async ({ page, app, context }) => {
  test.setTimeout(90_000);
  const year = Number(TODAY.slice(0, 4));
  const { people } = await seedNetwork(page, app, year);

  // A new meeting.
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Réunions' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Réunions' })).toBeVisible();
  await page.getByRole('link', { name: 'Nouvelle réunion' }).click();
  await page.getByLabel('Type de réunion').selectOption({ label: 'Assemblée générale' });
  await page.getByLabel('Titre').fill('Assemblée générale de printemps');
  await typeDate(page.getByRole('textbox', { name: 'Date', exact: true }), `${year}-03-12`);
  await page.getByLabel('Heure de début').fill('17:00');
  await page.getByLabel('Heure de fin').fill('14:00');
  await page.getByRole('button', { name: 'Créer la réunion' }).click();
  await expect(page.getByText('L’heure de fin doit être après l’heure de début.')).toBeVisible();
  await page.getByLabel('Heure de début').fill('14:00');
  await page.getByLabel('Heure de fin').fill('17:00');
  await page.getByRole('button', { name: 'Créer la réunion' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Assemblée générale de printemps' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Ordre du jour' })).toHaveAttribute('aria-selected', 'true');

  // Its agenda, reordered with the buttons and the keyboard.
  const addItem = page.getByRole('form', { name: 'Ajouter un point à l’ordre du jour' });
  for (const title of ['Budget', 'Rapport moral', 'Questions diverses']) {
    await addItem.getByLabel('Intitulé du point').fill(title);
    await addItem.getByRole('button', { name: 'Ajouter le point' }).click();
    await expect(page.getByRole('listitem').filter({ hasText: title })).toBeVisible();
  }
  const agenda = page.locator('.agenda-list > li .agenda-title');
  const saved = () => page.waitForResponse((r) => r.url().includes('/api/meetings.reorderAgenda'));
  await Promise.all([saved(), page.getByRole('button', { name: 'Monter « Rapport moral »' }).click()]);
  await expect(agenda.first()).toContainText('Rapport moral');
  await page.locator('.agenda-list > li').filter({ hasText: 'Questions diverses' }).focus();
  await Promise.all([saved(), page.keyboard.press('Alt+ArrowUp')]);
  await expect(agenda.nth(1)).toContainText('Questions diverses');
  await Promise.all([saved(), page.keyboard.press('Alt+ArrowDown')]);
  await expect(agenda.nth(2)).toContainText('Questions diverses');
  // And with the mouse: drag the last point onto the first.
  await Promise.all([saved(), page.locator('.agenda-list > li').filter({ hasText: 'Questions diverses' }).dragTo(page.locator('.agenda-list > li').filter({ hasText: 'Rapport moral' }))]);
  await expect(agenda).toHaveText([/Questions diverses/, /Rapport moral/, /Budget/]);
  await Promise.all([saved(), page.locator('.agenda-list > li').filter({ hasText: 'Questions diverses' }).dragTo(page.locator('.agenda-list > li').filter({ hasText: 'Budget' }))]);
  await page.reload();
  await expect(agenda).toHaveText([/Rapport moral/, /Budget/, /Questions diverses/]);

  // Attendance until the quorum is reached (half of the three member organisations: two).
  await page.getByRole('tab', { name: 'Présences' }).click();
  await page.getByRole('button', { name: `Convoquer les représentants votants des adhérents ${year}` }).click();
  await expect(page.getByText('3 représentants ajoutés')).toBeVisible();
  const quorum = page.getByRole('status').filter({ hasText: 'Quorum' });
  await expect(quorum).toContainText('Le quorum n’est pas atteint : 0 structure adhérente sur 3 est présente');
  await page.getByLabel(`Présence de ${people[0]}`).selectOption({ label: 'Présent·e' });
  await expect(quorum).toContainText('Le quorum n’est pas atteint : 1 structure adhérente sur 3 est présente');
  // A proxy goes to someone present: only they are offered.
  await page.getByLabel(`Présence de ${people[2]}`).selectOption({ label: 'Représenté·e' });
  await pick(page.getByLabel(`Pouvoir de ${people[2]} donné à`), '', people[0]!);
  await expect(quorum).toContainText('Le quorum est atteint : 2 structures adhérentes sur 3');
  await page.getByLabel(`Présence de ${people[1]}`).selectOption({ label: 'Présent·e' });
  await expect(quorum).toContainText('Le quorum est atteint : 3 structures adhérentes sur 3');
  await expect(page.getByRole('tab', { name: /Présences/ })).toContainText('quorum atteint');

  // The minutes: a decision (votes beyond the voters refused first) and an action.
  await page.getByRole('tab', { name: 'Compte rendu' }).click();
  await page.getByLabel('Discussion — Rapport moral').fill('La présidente présente le **rapport moral**.\n\n- quinze structures\n- une *nouvelle* adhérente');
  await page.getByRole('button', { name: 'Enregistrer la discussion' }).first().click();
  await expect(page.getByText('Discussion enregistrée.')).toBeVisible();
  await page.getByRole('button', { name: 'Ajouter une décision au point « Rapport moral »' }).click();
  const decision = page.getByRole('form', { name: 'Ajouter une décision au point « Rapport moral »' });
  await decision.getByLabel('Texte de la décision').fill('L’assemblée générale approuve le rapport moral.');
  await decision.getByLabel('Voix pour').fill('3');
  await decision.getByLabel('Abstentions').fill('1');
  await decision.getByRole('button', { name: 'Enregistrer la décision' }).click();
  await expect(decision.getByText('Les voix exprimées (4) dépassent le nombre de votants présents ou représentés (3).', { exact: false })).toBeVisible();
  await decision.getByLabel('Abstentions').fill('0');
  await decision.getByRole('button', { name: 'Enregistrer la décision' }).click();
  await expect(page.getByText(`Décision n° ${year}-01`)).toBeVisible();
  await expect(page.getByText('Adoptée à l’unanimité (3 voix pour).')).toBeVisible();
  await page.getByRole('button', { name: 'Ajouter une action au point « Budget »' }).click();
  const action = page.getByRole('form', { name: 'Ajouter une action au point « Budget »' });
  await action.getByLabel('Action à mener').fill('Envoyer les appels de cotisation');
  await pick(action.getByLabel('Responsable (personne)'), 'helene', 'MARTIN Hélène');
  await action.getByLabel('Échéance').fill(`${year}-04-30`);
  await action.getByRole('button', { name: 'Enregistrer l’action' }).click();
  await expect(page.getByText('Envoyer les appels de cotisation — Hélène Martin')).toBeVisible();

  // Finalize, then download the minutes and the attendance sheet.
  await page.getByRole('button', { name: 'Finaliser le compte rendu' }).click();
  // No chair or secretary recorded: said before the minutes go out, without preventing it.
  const finalize = page.getByRole('dialog', { name: 'Finaliser le compte rendu ?' });
  await expect(finalize.getByRole('alert')).toContainText('Aucun président de séance n’est désigné');
  await expect(finalize.getByRole('alert')).toContainText('Aucun secrétaire de séance n’est désigné');
  await finalize.getByRole('button', { name: 'Finaliser le compte rendu' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Finalisé');
  await page.getByRole('tab', { name: 'Documents' }).click();
  const [minutes] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Compte rendu (.docx)' }).click()]);
  await expectDocx(minutes, `compte-rendu-ag-${year}-03-12.docx`);
  const [sheet] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Feuille d’émargement (.docx)' }).click()]);
  await expectDocx(sheet, `feuille-emargement-ag-${year}-03-12.docx`);
  const firstMeetingUrl = page.url();

  // The next meeting of the series: the open action is listed for follow-up, the approval is on its agenda.
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Réunions' }).click();
  await page.getByRole('link', { name: 'Nouvelle réunion' }).click();
  await page.getByLabel('Type de réunion').selectOption({ label: 'Assemblée générale' });
  await page.getByLabel('Titre').fill('Assemblée générale d’automne');
  await typeDate(page.getByRole('textbox', { name: 'Date', exact: true }), `${year}-10-08`);
  await page.getByRole('button', { name: 'Créer la réunion' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Assemblée générale d’automne' })).toBeVisible();
  await expect(page.locator('.agenda-list > li').first()).toContainText('Approbation du compte rendu de la réunion du 12 mars');
  await page.getByRole('tab', { name: 'Compte rendu' }).click();
  const followUp = page.getByRole('row', { name: /Envoyer les appels de cotisation/ });
  await expect(followUp).toContainText('Hélène Martin');
  await expect(followUp).toContainText('30 avril');
  await followUp.getByLabel('Suite donnée à « Envoyer les appels de cotisation »').selectOption({ label: 'Réalisée' });
  await expect(page.getByRole('row', { name: /Envoyer les appels de cotisation/ }).getByRole('combobox')).toHaveValue('done');

  // Meanwhile the first meeting is open in another tab, finalized.
  const stale = await context.newPage();
  await stale.goto(app.url);
  await stale.evaluate((hash) => (window.location.hash = hash), new URL(firstMeetingUrl).hash);
  await expect(stale.getByRole('button', { name: 'Repasser en brouillon' })).toBeVisible();

  // Approval at the second meeting.
  await page.getByRole('button', { name: /Approuver le compte rendu du 12 mars/ }).click();
  const approval = page.getByRole('dialog', { name: 'Approuver ce compte rendu ?' });
  // Voted like a decision of this meeting; nobody is marked present yet, so consensus is proposed.
  await expect(approval.getByRole('group', { name: 'Mode d’adoption' }).getByRole('radio', { name: 'Consensus' })).toBeChecked();
  await approval.getByRole('button', { name: 'Approuver le compte rendu' }).click();
  await expect(page.getByText(/a été approuvé lors de cette réunion/)).toBeVisible();

  // The first meeting's page, still showing its old state, tries a change: the service refuses it.
  await stale.getByRole('button', { name: 'Repasser en brouillon' }).click();
  await stale.getByRole('dialog', { name: 'Repasser le compte rendu en brouillon ?' }).getByRole('button', { name: 'Repasser en brouillon' }).click();
  await expect(stale.getByRole('alert')).toContainText('Ce compte rendu a été approuvé le 8 octobre');
  await stale.reload();
  await expect(stale.getByRole('heading', { level: 1 })).toContainText('Approuvé');
  await expect(stale.getByRole('note')).toContainText('il ne peut plus être modifié');
  await expect(stale.getByRole('button', { name: 'Repasser en brouillon' })).toHaveCount(0);

  // And through the API directly, whatever the screen shows.
  const meetingId = Number(/reunions\/(\d+)/.exec(firstMeetingUrl)![1]);
  const response = await page.request.post(`${app.base}api/meetings.update`, {
    headers: { Authorization: `Bearer ${app.token}` },
    data: { id: meetingId, kind: 'general_assembly', title: 'Titre changé', date: `${year}-03-12` },
  });
  const body = (await response.json()) as { ok: boolean; error: { code: string } };
  expect(body).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
});
