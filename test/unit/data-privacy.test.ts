import { Packer } from 'docx';
import { afterEach, describe, expect, it } from 'vitest';
import { buildPersonalDataDocument, buildProcessingRegister, registerFileName } from '../../shared/documents/data/processing-register';
import { personalDataTitle, readableValue } from '../../shared/documents/data/personal-data';
import { plain, readDocx } from '../helpers/docx';
import { openTestApp, type TestApp } from '../helpers/store';

let apps: TestApp[] = [];
afterEach(async () => {
  for (const a of apps) await a.close();
  apps = [];
});
async function app(): Promise<TestApp> {
  const a = await openTestApp();
  apps.push(a);
  return a;
}

async function seed(a: TestApp) {
  const org = await a.call('organisations.create', { name: 'Ressourcerie de la Vézère', kind: 'member' });
  const marie = await a.call('people.create', { firstName: 'Marie', lastName: 'Dupont', email: 'marie@vezere.fr', phone: '05 55 00 00 00', city: 'Allassac', note: 'Préfère être appelée le matin', consentDate: '2024-01-10', consentNote: 'Bulletin d’adhésion' });
  await a.call('people.addAffiliation', { personId: marie.id, organisationId: org.id, role: 'Directrice', startDate: '2020-01-01' });
  await a.call('people.addOffice', { personId: marie.id, office: 'president', startDate: '2024-06-01' });
  await a.call('memberships.save', { organisationId: org.id, year: 2026, feeDueCents: 5000, amountPaidCents: 0, votingPersonId: marie.id });
  return { org, marie };
}

describe('personal data', () => {
  it('exports everything held about a person: record, affiliations, offices, votes', async () => {
    const a = await app();
    const { marie } = await seed(a);
    const data = await a.call('privacy.personExport', { personId: marie.id });
    expect(data.name).toBe('Marie Dupont');
    // The change log names her record (its creation, her affiliations) and is part of what is held about her.
    expect(data.sections.map((s) => s.table)).toEqual(['people', 'affiliations', 'offices', 'memberships', 'audit_log']);
    expect(data.sections[0]!.rows[0]).toMatchObject({ email: 'marie@vezere.fr', note: 'Préfère être appelée le matin' });
    expect(data.sections[1]!.rows[0]).toMatchObject({ role: 'Directrice', organisation: 'Ressourcerie de la Vézère' });

    // The letter to the person: French labels, values as the app shows them, no internal columns.
    const docx = readDocx(await Packer.toBuffer(buildPersonalDataDocument(data, { name: 'Réseau des ressourceries du Limousin' })));
    expect(docx.headings[0]!.text).toBe('Données personnelles de Marie Dupont');
    const rows = docx.tables.flat().map((row) => row.map(plain));
    expect(rows.some((row) => row[0] === 'Courriel' && row[1] === 'marie@vezere.fr')).toBe(true);
    expect(rows.some((row) => row[0] === 'Structure' && row[1] === 'Ressourcerie de la Vézère')).toBe(true);
    const all = plain(docx.paragraphs.join('\n'));
    for (const internal of ['search_key', 'organisation_id', 'person_id', 'created_at', 'noms des colonnes', 'People', 'Time_entries']) expect(all).not.toContain(internal);
    expect(all).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(docx.headings.map((h) => plain(h.text))).toEqual(expect.arrayContaining(['Les données que nous détenons', 'À quoi elles servent', 'Combien de temps nous les gardons', 'Vos droits']));
    expect(all).toContain('fichier JSON');
  });

  it('elides « de » before a vowel in the letter’s title, and writes time entries as the app shows them', async () => {
    expect(personalDataTitle('Élodie Magnaud')).toBe('Données personnelles d’Élodie Magnaud');
    expect(readableValue('nature', 'secondment')).toBe('mise à disposition');
    expect(plain(readableValue('hourly_rate_cents', 2600))).toBe('26 €');
    expect(plain(readableValue('minutes', 90))).toBe('1 h 30');
    expect(readableValue('date', '2026-03-01')).toBe('1er mars 2026');
    expect(readableValue('created_at', '2026-03-12T10:00:00.000Z')).toBe('12 mars 2026');
  });

  it('anonymises a person everywhere, keeps the links, and says so', async () => {
    const a = await app();
    const { org, marie } = await seed(a);
    expect((await a.fail('privacy.erase', { personId: marie.id })).issues?.[0]?.key).toBe('error.data.confirmErase');
    const result = await a.call('privacy.erase', { personId: marie.id, confirm: true });
    expect(result).toMatchObject({ anonymousName: `Personne anonymisée n° ${marie.id}`, clearedFields: expect.arrayContaining(['email', 'phone', 'note', 'consentDate']) });
    const detail = await a.call('people.get', { id: marie.id });
    expect(detail.person).toMatchObject({ firstName: 'Personne anonymisée', lastName: `n° ${marie.id}`, email: null, phone: null, city: null, note: null, consentNote: null });
    expect(detail.person.archivedAt).not.toBeNull();
    expect(detail.affiliations).toHaveLength(1);
    expect((await a.call('memberships.year', { year: 2026 })).items[0]!.votingPersonName).toBe(`Personne anonymisée n° ${marie.id}`);
    // No one finds her by her name any more.
    expect((await a.call('people.list', { search: 'dupont', includeArchived: true })).items).toEqual([]);
    expect((await a.call('organisations.get', { id: org.id })).affiliations[0]!.personName).toBe(`Personne anonymisée n° ${marie.id}`);
    // Logged, without the personal data itself.
    const log = await a.call('audit.list', { entity: 'person', entityId: marie.id });
    expect(log.items[0]).toMatchObject({ action: 'erase' });
    expect(JSON.stringify(log.items)).not.toContain('Dupont');
    expect((await a.fail('privacy.erase', { personId: marie.id, confirm: true })).key).toBe('data.erase.alreadyErased');
  });

  it('keeps the name in approved minutes and attendance sheets (legal records), and says so', async () => {
    const a = await app();
    const { org, marie } = await seed(a);
    const paul = await a.call('people.create', { firstName: 'Paul', lastName: 'Martin' });
    const first = await a.call('meetings.create', { kind: 'coordination', title: 'Réunion de coordination', date: '2026-01-15', chairPersonId: marie.id, secretaryPersonId: paul.id });
    await a.call('meetings.addAttendee', { meetingId: first.id, personId: marie.id, organisationId: org.id, invited: true, voting: true, status: 'present' });
    const draft = await a.call('meetings.create', { kind: 'coordination', title: 'Réunion suivante, pas encore approuvée', date: '2026-02-20' });
    await a.call('meetings.addAttendee', { meetingId: draft.id, personId: marie.id, organisationId: org.id, invited: true, voting: true, status: 'present' });
    await a.call('meetings.finalize', { id: first.id });
    await a.call('meetings.approveMinutes', { meetingId: first.id, approvedByMeetingId: draft.id });

    const result = await a.call('privacy.erase', { personId: marie.id, confirm: true });
    expect(result.keptInLegalRecords).toBe(2);
    expect(result.legalRecordTables).toEqual(['attendances', 'meetings']);
    // The approved minutes and their attendance sheet still name her…
    const sheet = await a.call('meetings.attendanceSheetData', { id: first.id });
    expect(sheet.attendances.map((x) => [x.personName, x.sortName])).toEqual([['Marie Dupont', 'DUPONT Marie']]);
    const minutes = await a.call('meetings.minutesData', { id: first.id });
    expect(minutes.meeting.chairName).toBe('Marie Dupont');
    expect(minutes.meeting.secretaryName).toBe('Paul Martin');
    // …the minutes not yet approved, like everything else, do not.
    const next = await a.call('meetings.attendanceSheetData', { id: draft.id });
    expect(next.attendances[0]!.personName).toBe(`Personne anonymisée n° ${marie.id}`);
    expect((await a.call('people.get', { id: marie.id })).person.firstName).toBe('Personne anonymisée');
    // Her export says where the name is kept.
    const data = await a.call('privacy.personExport', { personId: marie.id });
    expect(data.sections.find((x) => x.table === 'legal_names')!.rows[0]).toMatchObject({ first_name: 'Marie', last_name: 'Dupont' });
  });

  it('lists people with no current affiliation for N years for review', async () => {
    const a = await app();
    const org = await a.call('organisations.create', { name: 'Ressourcerie A', kind: 'member' });
    const old = await a.call('people.create', { firstName: 'Ancien', lastName: 'Salarié' });
    const aff = await a.call('people.addAffiliation', { personId: old.id, organisationId: org.id, role: 'Animateur', startDate: '2015-01-01' });
    await a.call('people.endAffiliation', { id: aff.id, endDate: '2021-06-30' });
    const recent = await a.call('people.create', { firstName: 'Partie', lastName: 'Récemment' });
    const aff2 = await a.call('people.addAffiliation', { personId: recent.id, organisationId: org.id, role: 'Animatrice', startDate: '2015-01-01' });
    await a.call('people.endAffiliation', { id: aff2.id, endDate: '2024-06-30' });
    const current = await a.call('people.create', { firstName: 'Toujours', lastName: 'Là' });
    await a.call('people.addAffiliation', { personId: current.id, organisationId: org.id, role: 'Directrice', startDate: '2010-01-01' });

    expect(await a.call('privacy.settings.get', {})).toEqual({ reviewAfterYears: 3 });
    const review = await a.call('privacy.review', {});
    expect(review).toMatchObject({ years: 3, before: '2023-03-12' });
    expect(review.items).toMatchObject([{ name: 'Ancien Salarié', lastOrganisation: 'Ressourcerie A', lastEnd: '2021-06-30' }]);
    await a.call('privacy.settings.save', { reviewAfterYears: 1 });
    expect((await a.call('privacy.review', {})).items.map((i) => i.name)).toEqual(['Ancien Salarié', 'Partie Récemment']);
    expect((await a.fail('privacy.settings.save', { reviewAfterYears: 0 })).code).toBe('VALIDATION');
  });

  it('builds the register-of-processing entry as a .docx with the association’s identity', async () => {
    const a = await app();
    await seed(a);
    await a.call('settings.update', {
      associationName: 'Réseau des ressourceries du Limousin',
      address: '1 place de la République',
      postcode: '87000',
      city: 'Limoges',
      email: 'contact@ressourceries-limousin.fr',
      etpHours: 1607,
      defaultHourlyValueCents: 2000,
      financialYearStartMonth: 1,
      defaultFeeCents: 5000,
    });
    const data = await a.call('privacy.register', {});
    expect(data).toMatchObject({ controller: 'Marie Dupont', counts: { organisations: 1, people: 1, memberships: 1 }, reviewAfterYears: 3 });
    expect(registerFileName(data)).toBe('registre-des-traitements-fichier-des-adherents-2026-03-12.docx');
    const docx = readDocx(await Packer.toBuffer(buildProcessingRegister(data)));
    const headings = docx.headings.map((h) => h.text);
    expect(headings).toEqual(
      expect.arrayContaining([
        'Registre des activités de traitement',
        'Responsable du traitement',
        'Finalités du traitement',
        'Catégories de personnes concernées',
        'Catégories de données',
        'Destinataires',
        'Durées de conservation',
        'Mesures de sécurité',
      ]),
    );
    const text = plain(docx.paragraphs.join('\n'));
    expect(text).toContain('Responsable : Réseau des ressourceries du Limousin');
    expect(text).toContain('Représentant légal : Marie Dupont, président·e');
    expect(text).toContain('au-delà de 3 ans sans rattachement');
    expect(text).toContain('7 copies quotidiennes, 4 hebdomadaires et 12 mensuelles');
    expect(plain(docx.headers.join(''))).toContain('Réseau des ressourceries du Limousin');
  });
});
