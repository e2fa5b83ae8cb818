import { startSmtp } from '../helpers/smtp';
import { expect, test } from './fixtures';

test('the secretary previews the notice, sends it to a loopback SMTP server, and finds the record on the meeting page', async ({ page, app }) => {
  const smtp = await startSmtp();
  try {
    const call = async (method: string, data: unknown) => {
      const response = await page.request.post(`${app.base}api/${method}`, { headers: { Authorization: `Bearer ${app.token}` }, data });
      const body = await response.json();
      expect(body.ok, JSON.stringify(body)).toBe(true);
      return body.value;
    };
    await call('mail.settings.update', { host: '127.0.0.1', port: smtp.port, security: 'none', user: null, fromName: 'Réseau des ressourceries', fromAddress: 'secretariat@reseau.fr', replyTo: null });
    const names = ['Ressourcerie des Monts', 'Recyclerie du Plateau', 'Le Monde Allant Vers'];
    let host = 0;
    for (const [i, name] of names.entries()) {
      const o = await call('organisations.create', { name, kind: 'member' });
      const p = await call('people.create', { firstName: ['Élise', 'Gérard', 'Zoé'][i], lastName: ['Martin', 'Dupré', 'Lefèvre'][i], email: `membre${i + 1}@exemple.fr` });
      await call('people.addAffiliation', { personId: p.id, organisationId: o.id, role: 'Président·e', startDate: '2020-01-01' });
      await call('memberships.save', { organisationId: o.id, year: 2026, feeDueCents: 5000, amountPaidCents: 0, votingPersonId: p.id });
      host ||= o.id;
    }
    const meeting = await call('meetings.create', { kind: 'general_assembly', title: 'Assemblée générale 2026', date: '2026-06-14', startTime: '14:00', endTime: '17:00', hostOrganisationId: host });
    await call('meetings.inviteVotingRepresentatives', { meetingId: meeting.id });
    const guest = await call('people.create', { firstName: 'Hélène', lastName: 'Invitée', email: 'helene@exemple.fr' });
    await call('mail.refusal.set', { personId: guest.id, refusesMail: true });
    await call('meetings.addAttendee', { meetingId: meeting.id, personId: guest.id, organisationId: null, capacity: 'Invitée', invited: true, voting: false });

    await page.goto(`${app.url}#/reunions/${meeting.id}?onglet=documents`);
    await expect(page.getByRole('heading', { name: 'Courriels envoyés' })).toBeVisible();
    await expect(page.getByText('Aucun courriel envoyé.')).toBeVisible();
    await page.getByRole('button', { name: 'Envoyer la convocation par courriel' }).click();

    const dialog = page.getByRole('dialog', { name: 'Envoyer : Convocation' });
    await expect(dialog.getByTestId('mail-subject')).toHaveText('Convocation : Assemblée générale 2026 du dimanche 14 juin 2026');
    await expect(dialog.getByText('convocation-ag-2026-06-14.docx, convocation-ag-2026-06-14.ics')).toBeVisible();
    await expect(dialog.getByText('3 personnes recevront ce message — 1 personne laissée de côté')).toBeVisible();
    await expect(dialog.getByRole('row', { name: /Hélène Invitée/ })).toContainText('Laissé·e de côté : refuse le courrier');
    await expect(dialog.getByRole('row', { name: /Élise Martin/ })).toContainText('Recevra');
    await page.screenshot({ path: test.info().outputPath('apercu-convocation.png'), fullPage: true });
    expect(smtp.messages).toHaveLength(0);

    await dialog.getByRole('button', { name: 'Envoyer à 3 personnes' }).click();
    await expect(dialog.getByText('Envoyé : 3. Écrit en .eml : 0. Déjà reçu : 0.')).toBeVisible();
    await expect(dialog.getByText('Hélène Invitée : Laissé·e de côté : refuse le courrier')).toBeVisible();
    // Sent once: the preview now says they have it, and there is nothing more to send.
    await expect(dialog.getByRole('button', { name: 'Rien à envoyer' })).toBeDisabled();
    await page.screenshot({ path: test.info().outputPath('envoi-convocation.png'), fullPage: true });
    await dialog.getByRole('button', { name: 'Fermer', exact: true }).last().click();

    expect(smtp.recipients().sort()).toEqual(['membre1@exemple.fr', 'membre2@exemple.fr', 'membre3@exemple.fr']);
    const received = smtp.messages[0]!.parsed;
    expect(received.attachments.map((a) => a.filename)).toEqual(['convocation-ag-2026-06-14.docx', 'convocation-ag-2026-06-14.ics']);
    expect(received.text).toContain('Assemblée générale 2026');

    const record = page.getByRole('table', { name: 'Courriels envoyés' });
    await expect(record.getByRole('row')).toHaveCount(4);
    await expect(record.getByRole('row', { name: /membre1@exemple\.fr/ })).toContainText('envoyé');
    await page.reload();
    await expect(page.getByRole('table', { name: 'Courriels envoyés' }).getByRole('row')).toHaveCount(4);
    await page.screenshot({ path: test.info().outputPath('registre-reunion.png'), fullPage: true });
    // The same record on the person's page, with her « Refuse le courrier » box.
    await page.goto(`${app.url}#/personnes/${guest.id}`);
    await expect(page.getByLabel('Refuse le courrier')).toBeChecked();
    await expect(page.getByText('Aucun courriel envoyé.')).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('personne.png'), fullPage: true });
  } finally {
    await smtp.close();
  }
});

test('Réglages › Courrier: settings, a test message and a wording refused for an unknown field', async ({ page, app }) => {
  const smtp = await startSmtp();
  try {
    await page.goto(`${app.url}#/reglages`);
    const form = page.getByRole('form', { name: 'Courrier' });
    await form.getByLabel('Serveur SMTP').fill('127.0.0.1');
    await form.getByLabel('Port').fill(String(smtp.port));
    await form.getByLabel('Sécurité').selectOption('none');
    await form.getByLabel('Adresse de l’expéditeur').fill('secretariat@reseau.fr');
    await form.getByRole('button', { name: 'Enregistrer les réglages du courrier' }).click();
    await expect(page.getByText('Réglages du courrier enregistrés.')).toBeVisible();
    await form.getByRole('button', { name: 'Envoyer un message d’essai' }).click();
    await expect(page.getByText('Message d’essai envoyé à secretariat@reseau.fr.')).toBeVisible();
    expect(smtp.messages[0]!.parsed.subject).toBe('Message d’essai de Maillage');

    const body = page.getByLabel('Texte', { exact: true });
    await body.fill('Bonjour {prénom},');
    await expect(page.getByText('Champ inconnu {prénom}. Champs possibles : {personne}, {structure}, {association}, {réunion}, {date}, {heure}, {lieu}.')).toBeVisible();
    await body.fill('Bonjour {personne}, à bientôt.');
    // The documents' sentences have their own « Enregistrer le texte »: the one of the messages' texts.
    await page.getByRole('region', { name: 'Textes des messages' }).getByRole('button', { name: 'Enregistrer le texte' }).click();
    await expect(page.getByText('Texte enregistré.')).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('reglages-courrier.png'), fullPage: true });
    await page.getByRole('region', { name: 'Textes des messages' }).getByRole('button', { name: 'Rétablir le texte d’origine' }).click();
    await expect(page.getByLabel('Texte', { exact: true })).toHaveValue(/Vous êtes convoqué·e/);
  } finally {
    await smtp.close();
  }
});
