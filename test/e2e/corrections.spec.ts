import type { Page } from '@playwright/test';
import { callApi, expect, test, type WebApp } from './fixtures';
import { pick } from './picker';

/** Everything entered can be corrected, in one dialog frame, until the minutes are approved. */

/** A coordination meeting with two points, three voters present, and one decision. */
async function seedMeeting(page: Page, app: WebApp, date = '2026-03-05') {
  const organisations: number[] = [];
  for (const [i, town] of ['Eymoutiers', 'Guéret', 'Tulle'].entries()) {
    const organisation = await callApi<{ id: number }>(page, app, 'organisations.create', { kind: 'member', name: `Ressourcerie de ${town}` });
    const person = await callApi<{ id: number }>(page, app, 'people.create', { firstName: ['Anne', 'Bruno', 'Claire'][i], lastName: ['Bernard', 'Colas', 'Dumas'][i] });
    await callApi(page, app, 'people.addAffiliation', { personId: person.id, organisationId: organisation.id, role: 'Présidence', startDate: '2024-01-01' });
    await callApi(page, app, 'memberships.save', { organisationId: organisation.id, year: 2026, feeDueCents: 10000, amountPaidCents: 0, votingPersonId: person.id });
    organisations.push(organisation.id);
  }
  const meeting = await callApi<{ id: number }>(page, app, 'meetings.create', { kind: 'coordination', title: 'Coordination de mars', date, startTime: '14:00', endTime: '17:00' });
  await callApi(page, app, 'meetings.inviteVotingRepresentatives', { meetingId: meeting.id });
  const first = await callApi<{ id: number }>(page, app, 'meetings.addAgendaItem', { meetingId: meeting.id, title: 'Budget' });
  await callApi(page, app, 'meetings.addAgendaItem', { meetingId: meeting.id, title: 'Questions diverses' });
  return { meeting, first, organisations };
}

test('a secretary marks everyone present, corrects an attendee and a decision, and sees them locked once approved', async ({ page, app }) => {
  test.setTimeout(90_000);
  const { meeting, first, organisations } = await seedMeeting(page, app);
  await page.goto(`${app.url}#/reunions/${meeting.id}?onglet=presences`);

  // « Tous présents » marks the people not recorded yet.
  await page.getByRole('button', { name: 'Tous présents' }).click();
  await expect(page.getByText('3 personnes non renseignées sont marquées présentes.')).toBeVisible();
  await expect(page.getByLabel('Présence de Anne Bernard')).toHaveValue('present');

  // Represented without a holder: said, and not saved until a holder is chosen.
  await page.getByLabel('Présence de Claire Dumas').selectOption('represented');
  await expect(page.getByText('Pas encore enregistré : choisissez à qui le pouvoir est donné.')).toBeVisible();
  await pick(page.getByLabel('Pouvoir de Claire Dumas donné à'), 'colas', 'Bruno Colas');
  await expect(page.getByText('Pas encore enregistré')).toHaveCount(0);

  // The attendee's organisation and quality, corrected in the dialog.
  await page.getByRole('button', { name: 'Modifier la ligne de Anne Bernard' }).click();
  const dialog = page.getByRole('dialog', { name: 'Anne Bernard' });
  await pick(dialog.getByLabel('Structure représentée'), 'tulle', 'Ressourcerie de Tulle');
  await dialog.getByLabel('Qualité').fill('Trésorière');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('Présence de Anne Bernard enregistrée.')).toBeVisible();
  await expect(page.getByRole('row', { name: /Anne Bernard/ })).toContainText('Ressourcerie de Tulle · Trésorière');

  // A decision, « Voix pour » prefilled with the voters, then corrected: text, vote and point.
  await page.getByRole('tab', { name: 'Compte rendu' }).click();
  await page.getByRole('button', { name: 'Ajouter une décision au point « Budget »' }).click();
  const adder = page.getByRole('form', { name: 'Ajouter une décision au point « Budget »' });
  await expect(adder.getByLabel('Voix pour')).toHaveValue('3');
  await adder.getByLabel('Texte de la décision').fill('Le budget est adopté.');
  await adder.getByRole('button', { name: 'Enregistrer la décision' }).click();
  await expect(page.getByText('Le budget est adopté.')).toBeVisible();

  await page.getByRole('button', { name: 'Modifier la décision 2026-01' }).click();
  const decision = page.getByRole('dialog', { name: 'Décision 2026-01' });
  await decision.getByLabel('Texte de la décision').fill('Le budget 2026 est adopté.');
  await decision.getByLabel('Voix pour').fill('2');
  await decision.getByLabel('Voix contre').fill('1');
  await decision.getByLabel('Point de l’ordre du jour').selectOption({ label: '2. Questions diverses' });
  await page.screenshot({ path: test.info().outputPath('decision-dialog.png') });
  await decision.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(decision).toHaveCount(0);
  await expect(page.getByText('Décision 2026-01 enregistrée.')).toBeVisible();
  const questions = page.getByRole('region', { name: '2. Questions diverses' });
  await expect(questions).toContainText('Le budget 2026 est adopté.');
  await expect(page.getByRole('region', { name: '1. Budget' })).not.toContainText('Le budget 2026 est adopté.');

  // The corrections are in the meeting's history.
  await page.getByRole('tab', { name: 'Informations' }).click();
  await expect(page.getByRole('region', { name: 'Historique des modifications' })).toContainText('Décision — modifiée');
  await expect(page.getByRole('region', { name: 'Historique des modifications' })).toContainText('Présence — modifiée');

  // Approved at the next meeting: no more « Modifier », and the page says why.
  const next = await callApi<{ id: number }>(page, app, 'meetings.create', { kind: 'coordination', title: 'Coordination d’avril', date: '2026-04-02', startTime: '14:00', endTime: '17:00' });
  await callApi(page, app, 'meetings.finalize', { id: meeting.id });
  await callApi(page, app, 'meetings.approveMinutes', { meetingId: meeting.id, approvedByMeetingId: next.id });
  await page.reload();
  await expect(page.getByRole('note')).toContainText('approuvé');
  await expect(page.getByRole('button', { name: /^Modifier la décision/ })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Présences' }).click();
  await expect(page.getByRole('button', { name: /^Modifier la ligne/ })).toHaveCount(0);
  // And the service refuses a correction sent anyway, with the reason.
  const refused = await page.request.post(`${app.base}api/meetings.updateDecision`, {
    headers: { Authorization: `Bearer ${app.token}` },
    data: { id: 1, agendaItemId: first.id, text: 'Autre', voteMode: 'consensus' },
  });
  const body = (await refused.json()) as { ok: boolean; error: { code: string; message: string } };
  expect(body.error.code).toBe('LOCKED');
  expect(body.error.message).toContain('Ajoutez un erratum');
  expect(organisations).toHaveLength(3);
});

test('a secretary corrects a payment and deletes another, after confirming', async ({ page, app }) => {
  const funder = await callApi<{ id: number }>(page, app, 'organisations.create', { kind: 'partner', partnerType: 'region', name: 'Région Nouvelle-Aquitaine' });
  const grant = await callApi<{ id: number }>(page, app, 'funding.grants.create', { funderOrganisationId: funder.id, programme: 'Réemploi solidaire', startDate: '2026-01-01', endDate: '2026-12-31', amountCents: 5_000_000 });
  await callApi(page, app, 'funding.payments.add', { grantId: grant.id, date: '2026-02-01', amountCents: 2_000_000 });
  await callApi(page, app, 'funding.payments.add', { grantId: grant.id, date: '2026-03-01', amountCents: 1_000_000 });
  await page.goto(`${app.url}#/financements`);
  const card = page.getByRole('article', { name: /Réemploi solidaire/ });
  const payments = card.getByRole('list', { name: 'Versements' });
  await expect(payments.getByRole('listitem')).toHaveCount(2);

  // Beyond the amount granted: refused under the field; within it: saved.
  await card.getByRole('button', { name: /Modifier le versement de 20\s000\s€/ }).click();
  const dialog = page.getByRole('dialog', { name: /Versement/ });
  await dialog.getByLabel('Montant du versement').fill('45 000');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog.getByRole('alert')).toContainText('dépasse le montant accordé');
  await dialog.getByLabel('Montant du versement').fill('25 000');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(payments).toContainText(/25\s000\s€/);

  // Deleting asks first; « Annuler » keeps it, « Supprimer » removes it.
  await card.getByRole('button', { name: /Modifier le versement de 10\s000\s€/ }).click();
  await dialog.getByRole('button', { name: 'Supprimer' }).click();
  const confirm = page.getByRole('dialog', { name: /Supprimer le versement .*10\s000\s€ \?/ });
  await expect(confirm).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('payment-confirm.png') });
  await confirm.getByRole('button', { name: 'Annuler' }).click();
  await expect(confirm).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Supprimer' }).click();
  await confirm.getByRole('button', { name: 'Supprimer' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(payments.getByRole('listitem')).toHaveCount(1);
  await page.reload();
  await expect(page.getByRole('article', { name: /Réemploi solidaire/ }).getByRole('list', { name: 'Versements' }).getByRole('listitem')).toHaveCount(1);

  // The grant still has a payment: deleting it is refused with the reason.
  await page.getByRole('button', { name: /^Modifier la convention Région/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Supprimer' }).click();
  await page.getByRole('dialog', { name: /Supprimer la subvention/ }).getByRole('button', { name: 'Supprimer' }).click();
  await expect(page.getByRole('dialog').getByText('Cette subvention a un versement enregistré')).toBeVisible();
});

test('a secretary corrects the dates and role of an affiliation, and sees it in the history', async ({ page, app }) => {
  const organisation = await callApi<{ id: number }>(page, app, 'organisations.create', { kind: 'member', name: 'La Glanerie' });
  const person = await callApi<{ id: number }>(page, app, 'people.create', { firstName: 'Inès', lastName: 'Martin' });
  await callApi(page, app, 'people.addAffiliation', { personId: person.id, organisationId: organisation.id, role: 'Bénévole', startDate: '2025-01-01' });
  await page.goto(`${app.url}#/personnes/${person.id}`);
  await page.getByRole('button', { name: 'Modifier le rattachement à La Glanerie' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rattachement à La Glanerie' });
  await dialog.getByLabel('Rôle').fill('Trésorière');
  await dialog.getByLabel('Depuis le').fill('2025-03-01');
  await dialog.getByLabel('Jusqu’au (facultatif)').fill('2024-01-01');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog.getByText('La date de fin précède la date de début.')).toBeVisible();
  await dialog.getByLabel('Jusqu’au (facultatif)').fill('');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('Rattachement enregistré.')).toBeVisible();
  await expect(page.getByRole('row', { name: /La Glanerie/ })).toContainText('Trésorière');
  await expect(page.getByRole('region', { name: 'Historique des modifications' })).toContainText('Rattachement');
});

test('an empty base opens on first steps, not on reassurance about nothing', async ({ page, app }) => {
  await page.goto(`${app.url}#/`);
  const steps = page.getByRole('region', { name: 'Pour commencer' });
  await expect(steps).toBeVisible();
  await expect(steps.getByRole('link', { name: 'Renseigner l’association' })).toBeVisible();
  await expect(steps.getByRole('link', { name: 'Enregistrer les premières structures' })).toBeVisible();
  await expect(steps.getByRole('link', { name: 'Ou importer un fichier' })).toBeVisible();
  await expect(page.getByText('Toutes les cotisations sont réglées.')).toHaveCount(0);
  await expect(page.getByText('Toutes les structures ont transmis leurs chiffres.')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('first-open.png'), fullPage: true });
  await steps.getByRole('link', { name: 'Enregistrer les premières structures' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/structure/i);
});

test('finalising asks first when no one chairs or takes the minutes, or people are left unrecorded', async ({ page, app }) => {
  const { meeting } = await seedMeeting(page, app);
  await page.goto(`${app.url}#/reunions/${meeting.id}?onglet=presences`);
  // One row of tabs on a meeting's page.
  await expect(page.getByRole('tablist')).toHaveCount(1);
  await page.getByRole('button', { name: 'Finaliser le compte rendu' }).click();
  const dialog = page.getByRole('dialog', { name: /Finaliser/ });
  await expect(dialog).toContainText('Aucun président de séance n’est désigné');
  await expect(dialog).toContainText('Aucun secrétaire de séance n’est désigné');
  await expect(dialog).toContainText('3 personnes sont encore « non renseignées » et seront imprimées parmi les absents : Anne Bernard, Bruno Colas, Claire Dumas.');
  await page.screenshot({ path: test.info().outputPath('finalize-warnings.png') });
  await dialog.getByRole('button', { name: 'Annuler' }).click();
  await expect(page.getByText('Brouillon').first()).toBeVisible();
});

test('a secretary adds a person from a structure’s page, and sees its creation in the history', async ({ page, app }) => {
  const organisation = await callApi<{ id: number }>(page, app, 'organisations.create', { kind: 'member', name: 'La Glanerie' });
  await page.goto(`${app.url}#/structures/${organisation.id}`);
  // One statement of where the structure stands this year, not « Adhérente » beside « Non adhérente ».
  await expect(page.getByRole('heading', { level: 1 })).toContainText('La Glanerie');
  await expect(page.locator('.page-badges')).toHaveText('Non adhérente');
  await page.getByRole('button', { name: 'Ajouter une personne' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ajouter une personne à La Glanerie' });
  await dialog.getByRole('button', { name: 'Ajouter' }).click();
  await expect(dialog.getByText('Ce champ est obligatoire.').first()).toBeVisible();
  await dialog.getByLabel('Prénom').fill('Zoé');
  await dialog.getByRole('textbox', { name: 'Nom', exact: true }).fill('Petit');
  await dialog.getByLabel('Rôle').fill('Salariée');
  await page.screenshot({ path: test.info().outputPath('add-person.png') });
  await dialog.getByRole('button', { name: 'Ajouter' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('Zoé Petit est rattaché·e à La Glanerie.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Zoé Petit' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Historique des modifications' })).toContainText('Structure — créée');
});

test('a project founder named in an activity cannot be deleted, and says why; once free, it goes after « Supprimer … ? »', async ({ page, app }) => {
  const organisation = await callApi<{ id: number }>(page, app, 'organisations.create', { kind: 'member', name: 'La Glanerie' });
  const founder = await callApi<{ id: number }>(page, app, 'activities.founders.create', { name: 'Recyclerie de Felletin', stage: 'idea' });
  const activity = await callApi<{ id: number }>(page, app, 'activities.create', { kind: 'visit', date: '2026-02-10', title: 'Visite du porteur', leadOrganisationIds: [organisation.id], visitorKind: 'project_founder', projectFounderId: founder.id });
  await page.goto(`${app.url}#/porteurs/${founder.id}`);
  await page.getByRole('button', { name: 'Modifier' }).click();
  const dialog = page.getByRole('dialog', { name: /Recyclerie de Felletin/ });
  await dialog.getByRole('button', { name: 'Supprimer' }).click();
  await page.getByRole('dialog', { name: 'Supprimer le porteur de projet « Recyclerie de Felletin » ?' }).getByRole('button', { name: 'Supprimer' }).click();
  await expect(dialog.getByText('« Recyclerie de Felletin » est cité dans une action du journal d’activité')).toBeVisible();

  await callApi(page, app, 'activities.delete', { id: activity.id });
  await dialog.getByRole('button', { name: 'Supprimer' }).click();
  await page.getByRole('dialog', { name: 'Supprimer le porteur de projet « Recyclerie de Felletin » ?' }).getByRole('button', { name: 'Supprimer' }).click();
  await expect(page.getByText('Porteur de projet « Recyclerie de Felletin » supprimé.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Recyclerie de Felletin' })).toHaveCount(0);
});
