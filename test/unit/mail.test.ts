import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/api/dispatch';
import { createHandlers } from '../../electron/app/handlers';
import { runCli } from '../../electron/cli/run';
import { parseSmtpUrl } from '../../electron/cli/commands/mail';
import { cipherSecrets, environmentSecrets, readPasswordFile, type Cipher } from '../../electron/features/mail/secrets';
import { sendMail, type MailEnvironment } from '../../electron/features/mail/service';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract';
import type { ApiError } from '../../shared/api/errors';
import { translate } from '../../shared/i18n/index';
import { plain, readDocx } from '../helpers/docx';
import { seedNetwork } from '../helpers/meetings';
import { closedPort, startSmtp, type TestSmtp } from '../helpers/smtp';
import { FIXED_NOW, openTestApp, tempDir, type TestApp } from '../helpers/store';

let app: TestApp;
let dir: string;
let servers: TestSmtp[];
let env: MailEnvironment;

/** The real dispatcher on the test base, with the mail environment of a server: password from the environment. */
function mailApi(mailEnv: MailEnvironment) {
  const dispatch = createDispatcher(createHandlers(app.store, { runtime: 'test', now: () => FIXED_NOW, mail: mailEnv }), { validateOutput: true });
  return {
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      const result = await dispatch(method, input);
      if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
      return result.value as MethodOutput<M>;
    },
    async fail<M extends MethodName>(method: M, input: MethodInput<M>): Promise<ApiError> {
      const result = await dispatch(method, input);
      if (result.ok) throw new Error(`${method} was expected to fail`);
      return result.error;
    },
  };
}

beforeEach(async () => {
  app = await openTestApp();
  dir = tempDir('maillage-mail-');
  servers = [];
  env = { secrets: environmentSecrets({}), emlDir: path.join(dir, 'courriels') };
});
afterEach(async () => {
  for (const s of servers) await s.close();
  await app.close();
});

async function server(options: Parameters<typeof startSmtp>[0] = {}) {
  const s = await startSmtp(options);
  servers.push(s);
  return s;
}

async function useServer(port: number, more: Partial<MethodInput<'mail.settings.update'>> = {}) {
  await app.call('mail.settings.update', { host: '127.0.0.1', port, security: 'none', user: null, fromName: 'Réseau des ressourceries', fromAddress: 'secretariat@reseau.fr', replyTo: 'bureau@reseau.fr', ...more });
}

/** A general assembly with `members` member organisations invited through their voting representatives. */
async function assembly(members: number) {
  const net = await seedNetwork(app, members);
  const meeting = await app.call('meetings.create', { kind: 'general_assembly', title: 'Assemblée générale ordinaire', date: '2026-06-14', startTime: '14:00', endTime: '17:00', hostOrganisationId: net.organisations[0]!.id });
  await app.call('meetings.addAgendaItem', { meetingId: meeting.id, title: 'Rapport d’activité de l’année écoulée', presenterPersonId: null, plannedMinutes: 30 });
  await app.call('meetings.inviteVotingRepresentatives', { meetingId: meeting.id });
  return { net, meeting };
}

describe('mail', () => {
  it('sends a notice to thirty members with its .docx and .ics, voting representatives first, once, and records who received it', async () => {
    const smtp = await server();
    await useServer(smtp.port);
    const { net, meeting } = await assembly(30);
    // A guest who refused mail (her notice is not a legal one) and a guest without an address.
    const guest = await app.call('people.create', { firstName: 'Hélène', lastName: 'Invitée', email: 'helene@exemple.fr' });
    await app.call('mail.refusal.set', { personId: guest.id, refusesMail: true });
    await app.call('meetings.addAttendee', { meetingId: meeting.id, personId: guest.id, organisationId: null, capacity: 'Invitée', invited: true, voting: false });
    const noAddress = await app.call('people.create', { firstName: 'Léon', lastName: 'Sansadresse' });
    await app.call('meetings.addAttendee', { meetingId: meeting.id, personId: noAddress.id, organisationId: null, capacity: 'Invité', invited: true, voting: false });
    // A voting representative who refused mail still gets her legal notice.
    await app.call('mail.refusal.set', { personId: net.representatives[4]!.id, refusesMail: true });

    const mail = mailApi(env);
    const preview = await mail.call('mail.preview', { kind: 'notice', meetingId: meeting.id });
    expect(preview.subject).toBe('Convocation : Assemblée générale ordinaire du dimanche 14 juin 2026');
    expect(preview.body).toContain('Bonjour Prénom1 Nom1,');
    expect(preview.attachments.map((a) => a.name)).toEqual(['convocation-ag-2026-06-14.docx', 'convocation-ag-2026-06-14.ics']);
    expect(preview.recipients.slice(0, 30).every((r) => r.voting && r.state === 'send')).toBe(true);
    expect(preview.recipients.find((r) => r.personId === net.representatives[4]!.id)).toMatchObject({ legal: true, state: 'send' });
    expect(preview.recipients.slice(30).map((r) => [r.name, r.state, r.reason])).toEqual([
      ['Hélène Invitée', 'excluded', 'refuses_mail'],
      ['Léon Sansadresse', 'excluded', 'no_email'],
    ]);
    expect(preview.transport).toEqual({ kind: 'smtp', host: '127.0.0.1', port: smtp.port });
    expect(smtp.messages).toHaveLength(0);

    const summary = await mail.call('mail.send', { request: { kind: 'notice', meetingId: meeting.id } });
    expect(summary).toMatchObject({ sent: 30, skipped: 0, refused: [], failed: [], interrupted: false, remaining: [] });
    expect(summary.excluded).toEqual([
      { name: 'Hélène Invitée', reason: 'refuses_mail' },
      { name: 'Léon Sansadresse', reason: 'no_email' },
    ]);
    // In the preview's order, one message each.
    expect(smtp.recipients()).toEqual(preview.recipients.filter((r) => r.state === 'send').map((r) => r.email));

    const first = smtp.messages.find((m) => m.to[0] === 'p1@exemple.fr')!.parsed;
    expect(first.subject).toBe('Convocation : Assemblée générale ordinaire du dimanche 14 juin 2026');
    expect(first.from?.value[0]).toMatchObject({ name: 'Réseau des ressourceries', address: 'secretariat@reseau.fr' });
    expect(first.replyTo?.value[0]?.address).toBe('bureau@reseau.fr');
    expect(first.to && !Array.isArray(first.to) ? first.to.value[0] : null).toMatchObject({ name: 'Prénom1 Nom1', address: 'p1@exemple.fr' });
    expect(first.text).toContain('Vous êtes convoqué·e à la réunion « Assemblée générale ordinaire » le dimanche 14 juin 2026 à 14\u00A0h, Ressourcerie n° 1, 1 rue du Pont, 87120 Eymoutiers.');
    const [docx, ics] = first.attachments;
    expect(docx!.filename).toBe('convocation-ag-2026-06-14.docx');
    const text = readDocx(new Uint8Array(docx!.content)).paragraphs.join('\n');
    expect(text).toContain('Rapport d’activité de l’année écoulée');
    expect(ics!.filename).toBe('convocation-ag-2026-06-14.ics');
    const calendar = ics!.content.toString('utf8').replace(/\r\n /g, '');
    expect(calendar).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(calendar).toContain('BEGIN:VEVENT');
    expect(calendar).toContain('DTSTART;TZID=Europe/Paris:20260614T140000');

    const records = await app.call('mail.records', { meetingId: meeting.id });
    expect(records.items).toHaveLength(30);
    expect(records.items.every((r) => r.status === 'sent' && r.sentAt === FIXED_NOW.toISOString() && r.serverAnswer?.startsWith('250'))).toBe(true);
    expect((await app.call('mail.records', { personId: net.representatives[0]!.id })).items.map((r) => r.subject)).toEqual([first.subject]);
    expect((await app.call('mail.records', { organisationId: net.organisations[0]!.id })).items).toHaveLength(1);

    // Sent once: a second click sends nothing; « Renvoyer » sends again.
    const again = await mail.call('mail.send', { request: { kind: 'notice', meetingId: meeting.id } });
    expect(again).toMatchObject({ sent: 0, skipped: 30 });
    expect(smtp.messages).toHaveLength(30);
    expect((await mail.call('mail.preview', { kind: 'notice', meetingId: meeting.id })).recipients[0]).toMatchObject({ state: 'already', lastSentAt: FIXED_NOW.toISOString() });
    const resent = await mail.call('mail.send', { request: { kind: 'notice', meetingId: meeting.id }, resend: true });
    expect(resent.sent).toBe(30);
    expect(smtp.messages).toHaveLength(60);
  }, 60_000);

  it('goes on after a refused address, stops when the connection drops, and resumes serving each person once', async () => {
    const smtp = await server({ refuse: ['p3@exemple.fr'], bounce: ['p8@exemple.fr'], dropAtMessage: 6 });
    await useServer(smtp.port);
    const { meeting } = await assembly(8);
    const mail = mailApi(env);

    const first = await mail.call('mail.send', { request: { kind: 'notice', meetingId: meeting.id } });
    // Messages 1 to 5 reach p1, p2, p3 (refused), p4, p5; the connection is cut as the 6th starts.
    expect(first.refused).toEqual([{ name: 'Prénom3 Nom3', email: 'p3@exemple.fr', answer: expect.stringContaining('550') }]);
    expect(first.interrupted).toBe(true);
    expect(first.failed.map((f) => f.email)).toEqual(['p6@exemple.fr']);
    expect(first.remaining.map((r) => r.email)).toEqual(['p7@exemple.fr', 'p8@exemple.fr']);
    expect(first.sent).toBe(4);

    const second = await mail.call('mail.send', { request: { kind: 'notice', meetingId: meeting.id } });
    expect(second).toMatchObject({ interrupted: false, remaining: [], failed: [], skipped: 4 });
    // p3 refused at the address, p8's message refused once read (a bounce the server says at once).
    expect(second.refused.map((r) => r.email)).toEqual(['p3@exemple.fr', 'p8@exemple.fr']);
    expect(second.sent).toBe(2);
    const got = smtp.recipients().sort();
    expect(got).toEqual(['p1@exemple.fr', 'p2@exemple.fr', 'p4@exemple.fr', 'p5@exemple.fr', 'p6@exemple.fr', 'p7@exemple.fr']);
    expect(new Set(got).size).toBe(got.length);
    const records = (await app.call('mail.records', { meetingId: meeting.id })).items;
    expect(records.filter((r) => r.status === 'sent')).toHaveLength(6);
    expect(records.filter((r) => r.status === 'bounced').map((r) => [r.recipientEmail, r.serverAnswer])).toEqual([['p8@exemple.fr', expect.stringContaining('552')]]);
    expect(records.filter((r) => r.status === 'refused').every((r) => r.recipientEmail === 'p3@exemple.fr' && r.serverAnswer?.includes('550'))).toBe(true);
  });

  it('says in French within 10 seconds what is wrong with the settings, and sends nothing', async () => {
    const { meeting } = await assembly(2);
    const mail = mailApi(env);
    const attempt = async (key: string) => {
      const started = performance.now();
      const error = await mail.fail('mail.send', { request: { kind: 'notice', meetingId: meeting.id } });
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(error.code).toBe('VALIDATION');
      expect(error.key).toBe(key);
      expect(error.message).toMatch(/rien n’a été envoyé/);
      return error.message;
    };

    await useServer(await closedPort());
    expect(await attempt('error.mail.refused')).toContain('Aucun serveur de courrier n’écoute sur 127.0.0.1:');

    const guarded = await server({ password: 'bon-mot-de-passe' });
    await useServer(guarded.port, { user: 'secretariat' });
    const wrong = mailApi({ ...env, secrets: environmentSecrets({ MAILLAGE_SMTP_PASSWORD: 'mauvais' }) });
    const error = await wrong.fail('mail.send', { request: { kind: 'notice', meetingId: meeting.id } });
    expect(error.key).toBe('error.mail.auth');
    expect(error.message).toContain('refuse l’identifiant « secretariat »');

    const plain = await server();
    await useServer(plain.port, { host: 'localhost', security: 'tls' });
    await attempt('error.mail.tlsMismatch');

    const secure = await server({ secure: true });
    await useServer(secure.port, { host: 'localhost', security: 'none' });
    await attempt('error.mail.timeout');

    expect([guarded, plain, secure].every((s) => s.messages.length === 0)).toBe(true);
    expect((await app.call('mail.records', { meetingId: meeting.id })).items).toEqual([]);

    // The right password goes through.
    await useServer(guarded.port, { user: 'secretariat' });
    const right = mailApi({ ...env, secrets: environmentSecrets({ MAILLAGE_SMTP_PASSWORD: 'bon-mot-de-passe' }) });
    expect((await right.call('mail.send', { request: { kind: 'notice', meetingId: meeting.id } })).sent).toBe(2);
  });

  it('refuses plain text towards another machine and a sender-less server, naming the field', async () => {
    const error = await app.fail('mail.settings.update', { host: 'smtp.exemple.fr', port: 25, security: 'none', user: null, fromName: null, fromAddress: null, replyTo: null });
    expect(error.issues?.map((i) => [i.path, i.key])).toEqual([
      ['security', 'error.mail.plainNotLoopback'],
      ['fromAddress', 'error.mail.fromRequired'],
    ]);
    expect(await app.count('settings')).toBe(0);
  });

  it('writes one .eml per recipient, attachments included, when no server is configured', async () => {
    await app.call('mail.settings.update', { host: null, port: 587, security: 'starttls', user: null, fromName: null, fromAddress: 'secretariat@reseau.fr', replyTo: null });
    const { meeting } = await assembly(3);
    const mail = mailApi(env);
    const preview = await mail.call('mail.preview', { kind: 'notice', meetingId: meeting.id });
    expect(preview.transport).toEqual({ kind: 'eml', dir: path.join(env.emlDir, `notice-${meeting.id}`) });
    const summary = await mail.call('mail.send', { request: { kind: 'notice', meetingId: meeting.id } });
    expect(summary).toMatchObject({ sent: 0, written: 3, emlDir: preview.transport.kind === 'eml' ? preview.transport.dir : '' });
    const files = fs.readdirSync(summary.emlDir!).sort();
    expect(files).toEqual(['001-p1@exemple.fr.eml', '002-p2@exemple.fr.eml', '003-p3@exemple.fr.eml']);
    const parsed = await simpleParser(fs.readFileSync(path.join(summary.emlDir!, files[0]!)));
    expect(parsed.subject).toBe('Convocation : Assemblée générale ordinaire du dimanche 14 juin 2026');
    expect(parsed.attachments.map((a) => a.filename)).toEqual(['convocation-ag-2026-06-14.docx', 'convocation-ag-2026-06-14.ics']);
    expect(readDocx(new Uint8Array(parsed.attachments[0]!.content)).paragraphs.join(' ')).toContain('Assemblée générale');
    expect((await app.call('mail.records', { meetingId: meeting.id })).items.map((r) => r.status)).toEqual(['written', 'written', 'written']);
    expect((await mail.call('mail.send', { request: { kind: 'notice', meetingId: meeting.id } })).skipped).toBe(3);
  });

  it('leaves out of non-legal mail whoever refused it, and says so', async () => {
    const smtp = await server();
    await useServer(smtp.port);
    const { net } = await seedNetworkUnpaid();
    await app.call('mail.refusal.set', { personId: net.representatives[1]!.id, refusesMail: true });
    expect(await app.call('mail.refusal.get', { personId: net.representatives[1]!.id })).toEqual({ personId: net.representatives[1]!.id, refusesMail: true });
    const mail = mailApi(env);
    const preview = await mail.call('mail.preview', { kind: 'reminder_membership', year: 2026 });
    expect(preview.recipients.map((r) => [r.name, r.state, r.reason])).toEqual([
      ['Prénom1 Nom1', 'send', null],
      ['Prénom2 Nom2', 'excluded', 'refuses_mail'],
      ['Prénom3 Nom3', 'send', null],
    ]);
    expect(preview.subject).toBe('Cotisation 2026 : Ressourcerie n° 1');
    expect(preview.body).toContain('il reste 50,00\u00A0€ à payer');
    const summary = await mail.call('mail.send', { request: { kind: 'reminder_membership', year: 2026 } });
    expect(summary.sent).toBe(2);
    expect(summary.excluded).toEqual([{ name: 'Prénom2 Nom2', reason: 'refuses_mail' }]);
    expect(smtp.recipients()).toEqual(['p1@exemple.fr', 'p3@exemple.fr']);
  });

  it('sends the overdue actions to their owners and each member’s certificate to its contact', async () => {
    const smtp = await server();
    await useServer(smtp.port);
    const { net } = await seedNetworkUnpaid();
    const meeting = await app.call('meetings.create', { kind: 'coordination', title: 'Coordination de février', date: '2026-02-10' });
    await app.call('meetings.addAction', { meetingId: meeting.id, agendaItemId: null, text: 'Envoyer le bilan à la Région', ownerPersonId: net.representatives[0]!.id, ownerOrganisationId: null, dueDate: '2026-03-01' });
    await app.call('meetings.addAction', { meetingId: meeting.id, agendaItemId: null, text: 'Préparer l’été', ownerPersonId: net.representatives[1]!.id, ownerOrganisationId: null, dueDate: '2026-09-01' });
    const mail = mailApi(env);
    const actions = await mail.call('mail.send', { request: { kind: 'reminder_actions' } });
    expect(actions.sent).toBe(1);
    expect(smtp.messages[0]!.to).toEqual(['p1@exemple.fr']);
    expect(smtp.messages[0]!.parsed.text).toContain('– Envoyer le bilan à la Région (réunion « Coordination de février » du 10 février 2026, échéance 1er mars 2026)');

    const categories = await app.call('time.categories.list', {});
    await app.call('time.entries.create', { organisationId: net.organisations[2]!.id, personId: null, date: '2026-02-03', minutes: 150, categoryId: categories.items[0]!.id, nature: 'volunteering', meetingId: null, note: null });
    const certificates = await mail.call('mail.preview', { kind: 'certificate', year: 2026 });
    expect(certificates.recipients.map((r) => r.email)).toEqual(['p3@exemple.fr']);
    expect(certificates.attachments[0]!.name).toMatch(/\.docx$/);
    await mail.call('mail.send', { request: { kind: 'certificate', year: 2026 } });
    const certificate = smtp.messages[1]!.parsed;
    expect(certificate.subject).toBe('Attestation 2026 pour Ressourcerie n° 3');
    expect(plain(readDocx(new Uint8Array(certificate.attachments[0]!.content)).paragraphs.join(' '))).toContain('Ressourcerie n° 3');
  });

  it('refuses an unknown placeholder naming it, uses the edited wording, and restores the original', async () => {
    const bad = await app.fail('mail.wordings.update', { kind: 'notice', subject: 'Convocation {réunion}', body: 'Bonjour {prénom},' });
    expect(bad.issues).toEqual([{ path: 'body', key: 'error.mail.unknownPlaceholder', params: { name: '{prénom}', allowed: '{personne}, {structure}, {association}, {réunion}, {date}, {heure}, {lieu}' } }]);
    expect(translate('fr', bad.issues![0]!.key, bad.issues![0]!.params)).toBe('Champ inconnu {prénom}. Champs possibles : {personne}, {structure}, {association}, {réunion}, {date}, {heure}, {lieu}.');
    const saved = await app.call('mail.wordings.update', { kind: 'notice', subject: 'AG du {date} — {structure}', body: 'Chère {personne}, à très bientôt.' });
    expect(saved.customised).toBe(true);
    const { meeting } = await assembly(1);
    const preview = await mailApi(env).call('mail.preview', { kind: 'notice', meetingId: meeting.id });
    expect(preview.subject).toBe('AG du dimanche 14 juin 2026 — Ressourcerie n° 1');
    expect(preview.body).toBe('Chère Prénom1 Nom1, à très bientôt.');
    const reset = await app.call('mail.wordings.reset', { kind: 'notice' });
    expect(reset).toMatchObject({ customised: false, subject: reset.defaultSubject, body: reset.defaultBody });
  });

  it('sends a test message, and on a server reads the password only from the environment or an owner-only file', async () => {
    const smtp = await server();
    await useServer(smtp.port);
    const result = await mailApi(env).call('mail.test', { to: null });
    expect(result).toMatchObject({ to: 'secretariat@reseau.fr', file: null });
    expect(smtp.messages[0]!.parsed.text).toContain('Accents : é è à ç ô « guillemets ».');

    const refused = await mailApi(env).fail('mail.settings.setPassword', { password: 'secret' });
    expect(refused.message).toContain('MAILLAGE_SMTP_PASSWORD');
    const file = path.join(dir, 'smtp-password');
    fs.writeFileSync(file, 'secret\n', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    if (process.platform !== 'win32') expect(() => readPasswordFile(file)).toThrow(expect.objectContaining({ key: 'error.mail.passwordFileMode', params: { file, mode: '0644' } }));
    fs.chmodSync(file, 0o600);
    expect(readPasswordFile(file)).toBe('secret');
    expect((await mailApi({ ...env, secrets: environmentSecrets({ MAILLAGE_SMTP_PASSWORD_FILE: file }) }).call('mail.settings.get', {})).passwordSource).toBe('file');
  });
});

describe('mail from the CLI', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), now: () => FIXED_NOW } };
  };

  it('prints who would get the notice with --dry-run, sends it with --send --smtp, and not twice without --resend', async () => {
    const smtp = await server();
    await app.call('mail.settings.update', { host: null, port: 587, security: 'starttls', user: null, fromName: null, fromAddress: 'secretariat@reseau.fr', replyTo: null });
    const { meeting } = await assembly(3);
    const guest = await app.call('people.create', { firstName: 'Hélène', lastName: 'Invitée', email: 'helene@exemple.fr' });
    await app.call('mail.refusal.set', { personId: guest.id, refusesMail: true });
    await app.call('meetings.addAttendee', { meetingId: meeting.id, personId: guest.id, organisationId: null, capacity: 'Invitée', invited: true, voting: false });
    await app.closeStore();
    const target = `smtp://127.0.0.1:${smtp.port}`;

    const dry = io();
    expect(await runCli(['notice', String(meeting.id), '--dry-run', '--smtp', target, '--db', app.file], dry.io), dry.err.join('')).toBe(0);
    expect(dry.out.join('')).toBe(
      [
        'Convocation : Assemblée générale ordinaire du dimanche 14 juin 2026 — 3 destinataires',
        'Pièces jointes : convocation-ag-2026-06-14.docx, convocation-ag-2026-06-14.ics',
        `Serveur : 127.0.0.1:${smtp.port}`,
        '  → Prénom1 Nom1 <p1@exemple.fr> (votant·e, Ressourcerie n° 1)',
        '  → Prénom2 Nom2 <p2@exemple.fr> (votant·e, Ressourcerie n° 2)',
        '  → Prénom3 Nom3 <p3@exemple.fr> (votant·e, Ressourcerie n° 3)',
        '  ✗ Hélène Invitée : Laissé·e de côté : refuse le courrier',
        '',
      ].join('\n'),
    );
    expect(smtp.messages).toHaveLength(0);

    const sent = io();
    expect(await runCli(['notice', String(meeting.id), '--send', '--smtp', target, '--db', app.file], sent.io), sent.err.join('')).toBe(0);
    expect(sent.out.at(-1)).toBe('Envoyé : 3, écrit en .eml : 0, déjà reçu : 0, laissé de côté : 1.\n');
    expect(smtp.recipients()).toEqual(['p1@exemple.fr', 'p2@exemple.fr', 'p3@exemple.fr']);

    const again = io();
    expect(await runCli(['notice', String(meeting.id), '--send', '--smtp', target, '--db', app.file], again.io)).toBe(0);
    expect(again.out.at(-1)).toBe('Envoyé : 0, écrit en .eml : 0, déjà reçu : 3, laissé de côté : 1.\n');
    const resend = io();
    expect(await runCli(['notice', String(meeting.id), '--send', '--resend', '--smtp', target, '--db', app.file], resend.io)).toBe(0);
    expect(smtp.messages).toHaveLength(6);

    const bad = io();
    expect(await runCli(['notice', String(meeting.id), '--send', '--resend', '--smtp', `smtp://127.0.0.1:${await closedPort()}`, '--db', app.file], bad.io)).toBe(1);
    expect(bad.err.join('')).toMatch(/^Aucun serveur de courrier n’écoute sur 127\.0\.0\.1:\d+ \(connexion refusée\)/);
    expect(await runCli(['notice', String(meeting.id), '--send', '--smtp', 'http://x', '--db', app.file], bad.io)).toBe(2);
  });

  it('reads smtp:// and smtps:// addresses', () => {
    expect(parseSmtpUrl('smtp://secretariat@smtp.exemple.fr:587')).toEqual({ host: 'smtp.exemple.fr', port: 587, security: 'starttls', user: 'secretariat' });
    expect(parseSmtpUrl('smtps://smtp.exemple.fr')).toEqual({ host: 'smtp.exemple.fr', port: 465, security: 'tls', user: null });
    expect(parseSmtpUrl('smtp://localhost:2525')).toEqual({ host: 'localhost', port: 2525, security: 'none', user: null });
    expect(() => parseSmtpUrl('smtp://u:motdepasse@h')).toThrow();
  });
});

/** Three members of 2026 whose fee is not paid yet (seedNetwork's memberships). */
async function seedNetworkUnpaid() {
  const net = await seedNetwork(app, 3);
  return { net };
}

describe('the entry point for account mail', () => {
  it('sends one message now, records it, and says in French when the server refuses the address', async () => {
    const smtp = await server({ refuse: ['inconnu@exemple.fr'] });
    await useServer(smtp.port);
    const person = await app.call('people.create', { firstName: 'Anaïs', lastName: 'Compte', email: 'anais@exemple.fr' });
    const ctx = { db: app.store.db, now: () => FIXED_NOW, runtime: 'test' as const };
    const message = { to: { name: 'Anaïs Compte', email: 'anais@exemple.fr' }, subject: 'Votre compte Maillage', text: 'Choisissez votre mot de passe : https://exemple.fr/invitation/abc', documentKey: 'invitation:1', personId: person.id };
    expect(await sendMail(ctx, env, message)).toEqual({ status: 'sent', file: null });
    expect(await sendMail(ctx, env, message)).toEqual({ status: 'sent', file: null });
    expect(smtp.recipients()).toEqual(['anais@exemple.fr', 'anais@exemple.fr']);
    expect((await app.call('mail.records', { personId: person.id })).items.map((r) => [r.kind, r.status, r.subject])).toEqual([
      ['account', 'sent', 'Votre compte Maillage'],
      ['account', 'sent', 'Votre compte Maillage'],
    ]);
    await expect(sendMail(ctx, env, { ...message, to: { name: 'X', email: 'inconnu@exemple.fr' }, personId: null })).rejects.toMatchObject({ key: 'error.mail.recipientRefused' });
  });
});

describe('the desktop’s password', () => {
  it('keeps only the ciphertext in the base and logs in with the decrypted password', async () => {
    // Stands for Electron's safeStorage (the system keychain), which only exists in the Electron binary.
    const key = 0x5a;
    const cipher: Cipher = {
      isEncryptionAvailable: () => true,
      encryptString: (plain) => Buffer.from([...Buffer.from(plain, 'utf8')].map((b) => b ^ key)),
      decryptString: (data) => Buffer.from([...data].map((b) => b ^ key)).toString('utf8'),
    };
    const desktop = mailApi({ ...env, secrets: cipherSecrets(cipher, environmentSecrets({})) });
    const guarded = await server({ password: 'mot de passe « secret » é' });
    await useServer(guarded.port, { user: 'secretariat' });
    expect((await desktop.call('mail.settings.setPassword', { password: 'mot de passe « secret » é' })).passwordSource).toBe('safeStorage');
    const rows = await app.store.db.selectFrom('settings').select(['key', 'value']).execute();
    expect(rows.map((r) => r.value).join(' ')).not.toContain('mot de passe');
    expect(rows.find((r) => r.key === 'mail.password')?.value).toMatch(/^[A-Za-z0-9+/=]+$/);
    expect(await desktop.call('mail.test', { to: 'essai@exemple.fr' })).toMatchObject({ to: 'essai@exemple.fr' });
    expect(guarded.recipients()).toEqual(['essai@exemple.fr']);
    expect((await desktop.call('mail.settings.setPassword', { password: null })).passwordSource).toBe('none');
  });
});

describe('mail and personal data', () => {
  it('lists the messages in the person’s data export and forgets her address when she is erased', async () => {
    const smtp = await server();
    await useServer(smtp.port);
    const { net, meeting } = await assembly(1);
    await mailApi(env).call('mail.send', { request: { kind: 'notice', meetingId: meeting.id } });
    const person = net.representatives[0]!.id;
    const exported = await app.call('privacy.personExport', { personId: person });
    expect(exported.sections.find((s) => s.table === 'mail_messages')?.rows.map((r) => r.recipient_email)).toEqual(['p1@exemple.fr']);
    await app.call('privacy.erase', { personId: person, confirm: true });
    const [record] = (await app.call('mail.records', { personId: person })).items;
    expect(record).toMatchObject({ recipientEmail: 'adresse effacée', status: 'sent' });
    expect(record!.recipientName).not.toContain('Nom1');
  });
});
