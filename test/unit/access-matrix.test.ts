import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/api/dispatch';
import { createHandlers } from '../../electron/app/handlers';
import { ACCESS_RULES, roleAllows, type Rule } from '../../shared/api/access';
import { z } from 'zod';
import { contract, METHOD_NAMES, type MethodInput, type MethodName } from '../../shared/api/contract';
import type { ApiError } from '../../shared/api/errors';
import { LOCAL_ACTOR, ROLES, type Actor, type Role } from '../../shared/api/roles';
import { FIXED_NOW, openTestApp, tempDir, type TestApp } from '../helpers/store';

// Mail sent without a server is written as .eml files under the data folder: the test's own.
process.env.MAILLAGE_DATA_DIR ??= tempDir('maillage-matrix-');

/**
 * The roles, proved on every method of the contract: each is called as each role through the
 * real dispatcher, with its own organisation's ids and with another's, on a small base of two
 * member organisations. A refusal is FORBIDDEN and writes nothing (every table compared); what
 * is let through shows a structure nothing of the other organisation, and lecture no e-mail,
 * phone or address of a person.
 */

/** The records of one member organisation the samples point at. */
interface Side {
  organisation: number;
  /** Staff member used by reads and entries. */
  person: number;
  /** Archived, restored, affiliation ended. */
  person2: number;
  /** Affiliation removed, erased. */
  person3: number;
  affiliation: number;
  affiliation2: number;
  affiliation3: number;
  /** A draft meeting it was invited to. */
  meeting: number;
  /** A meeting it was invited to whose minutes are approved. */
  approvedMeeting: number;
  entry: number;
  entry2: number;
  pledge: number;
  membership: number;
}

/** Records of the network itself, the same whichever side a sample speaks for. */
interface Shared {
  funder: number;
  category: number;
  rate: number;
  agendaItem: number;
  agendaItem2: number;
  decision: number;
  action: number;
  attendee: number;
  office: number;
  activity: number;
  founder: number;
  grant: number;
  payment: number;
  budget: number;
  period: number;
  preset: number;
  indicator: number;
}

type Sample = (side: Side, shared: Shared) => unknown;

const CSV = Buffer.from('Nom;Type\nRessourcerie Importée;member\n').toString('base64');

/** One sensible input per method, total over the contract like the rules. */
const SAMPLES: Record<MethodName, Sample> = {
  'app.info': () => ({}),

  'organisations.list': () => ({}),
  'organisations.get': (s) => ({ id: s.organisation }),
  'organisations.create': () => ({ name: 'Nouvelle ressourcerie', kind: 'member' }),
  'organisations.update': (s) => ({ id: s.organisation, name: `Structure ${s.organisation} renommée`, kind: 'member' }),
  'organisations.archive': (s) => ({ id: s.organisation }),
  'organisations.restore': (s) => ({ id: s.organisation }),

  'people.list': (s) => ({ organisationId: s.organisation }),
  'people.get': (s) => ({ id: s.person }),
  'people.create': () => ({ firstName: 'Nina', lastName: 'Nouvelle' }),
  'people.createWithAffiliation': (s) => ({ person: { firstName: 'Noé', lastName: 'Nouveau' }, affiliation: { organisationId: s.organisation, role: 'Bénévole', startDate: '2026-01-01' } }),
  'people.update': (s) => ({ id: s.person, firstName: 'Prénom', lastName: 'Changé' }),
  'people.archive': (s) => ({ id: s.person2 }),
  'people.restore': (s) => ({ id: s.person2 }),
  'people.addAffiliation': (s) => ({ personId: s.person, organisationId: s.organisation, role: 'Trésorier', startDate: '2026-02-01' }),
  'people.updateAffiliation': (s) => ({ id: s.affiliation, organisationId: s.organisation, role: 'Directrice', startDate: '2020-01-01' }),
  'people.endAffiliation': (s) => ({ id: s.affiliation2, endDate: '2026-03-01' }),
  'people.removeAffiliation': (s) => ({ id: s.affiliation3 }),
  'people.addOffice': (s) => ({ personId: s.person, office: 'secretary', startDate: '2026-01-01' }),
  'people.endOffice': (_s, g) => ({ id: g.office, endDate: '2026-03-01' }),
  'people.removeOffice': (_s, g) => ({ id: g.office }),
  'people.officers': () => ({}),

  'memberships.year': () => ({ year: 2026 }),
  'memberships.save': (s) => ({ organisationId: s.organisation, year: 2027, feeDueCents: 5000, amountPaidCents: 0 }),
  'memberships.delete': (s) => ({ id: s.membership }),
  'memberships.renew': () => ({ fromYear: 2026 }),
  'memberships.documents.calls': () => ({ year: 2026 }),
  'memberships.documents.receipt': (s) => ({ id: s.membership }),
  'memberships.documents.receipts': () => ({ year: 2026 }),

  'settings.get': () => ({}),
  'settings.update': () => ({ associationName: 'Réseau renommé', etpHours: 1607, defaultHourlyValueCents: 1200, financialYearStartMonth: 1, defaultFeeCents: 5000 }),
  'files.saveDocument': () => ({ fileName: 'a.docx', base64: 'AA==' }),
  'files.chooseFolder': () => ({}),

  'meetings.kinds': () => ({}),
  'meetings.saveKindSettings': () => ({ kind: 'bureau', quorumBase: 'none', quorumPercent: 50, proxiesPerHolder: 1 }),
  'meetings.list': () => ({}),
  'meetings.get': (s) => ({ id: s.meeting }),
  'meetings.create': () => ({ kind: 'bureau', title: 'Bureau', date: '2026-04-02' }),
  'meetings.update': (s) => ({ id: s.meeting, kind: 'coordination', title: 'Titre changé', date: '2026-02-05' }),
  'meetings.delete': (s) => ({ id: s.meeting }),
  'meetings.inviteVotingRepresentatives': (s) => ({ meetingId: s.meeting }),
  'meetings.addAttendee': (s) => ({ meetingId: s.meeting, personId: s.person2, organisationId: s.organisation, invited: true, voting: false }),
  'meetings.updateAttendance': (_s, g) => ({ id: g.attendee, status: 'present', voting: false }),
  'meetings.removeAttendee': (_s, g) => ({ id: g.attendee }),
  'meetings.addAgendaItem': (s) => ({ meetingId: s.meeting, title: 'Nouveau point' }),
  'meetings.addApprovalItem': (s) => ({ meetingId: s.meeting, approvesMeetingId: s.approvedMeeting }),
  'meetings.updateAgendaItem': (_s, g) => ({ id: g.agendaItem, title: 'Point changé' }),
  'meetings.saveDiscussion': (_s, g) => ({ id: g.agendaItem, discussion: 'Échanges' }),
  'meetings.removeAgendaItem': (_s, g) => ({ id: g.agendaItem2 }),
  'meetings.reorderAgenda': (s, g) => ({ meetingId: s.meeting, itemIds: [g.agendaItem] }),
  'meetings.addDecision': (_s, g) => ({ agendaItemId: g.agendaItem, text: 'Adopté', voteMode: 'consensus' }),
  'meetings.updateDecision': (_s, g) => ({ id: g.decision, text: 'Adopté autrement', voteMode: 'consensus' }),
  'meetings.removeDecision': (_s, g) => ({ id: g.decision }),
  'meetings.addAction': (s) => ({ meetingId: s.meeting, text: 'Relancer', ownerPersonId: s.person }),
  'meetings.updateAction': (s, g) => ({ id: g.action, text: 'Relancer vite', ownerPersonId: s.person }),
  'meetings.removeAction': (_s, g) => ({ id: g.action }),
  'meetings.recordFollowUp': (s, g) => ({ meetingId: s.meeting, actionId: g.action, outcome: 'done' }),
  'meetings.clearFollowUp': (s, g) => ({ meetingId: s.meeting, actionId: g.action }),
  'meetings.finalize': (s) => ({ id: s.meeting }),
  'meetings.reopen': (s) => ({ id: s.meeting }),
  'meetings.approveMinutes': (s) => ({ meetingId: s.approvedMeeting, approvedByMeetingId: s.meeting }),
  'meetings.addErratum': (s) => ({ meetingId: s.approvedMeeting, date: '2026-03-01', text: 'Lire « mars »' }),
  'meetings.decisions': () => ({}),
  'meetings.openActions': () => ({}),
  'meetings.minutesData': (s) => ({ id: s.approvedMeeting }),
  'meetings.attendanceSheetData': (s) => ({ id: s.meeting }),
  'meetings.noticeData': (s) => ({ id: s.meeting }),

  'time.categories.list': () => ({}),
  'time.categories.create': () => ({ name: 'Logistique' }),
  'time.categories.update': (_s, g) => ({ id: g.category, name: 'Catégorie changée', active: true }),
  'time.categories.delete': (_s, g) => ({ id: g.category }),
  'time.rates.list': () => ({}),
  'time.rates.save': (s) => ({ scope: 'person', personId: s.person, validFrom: '2026-01-01', hourlyCents: 1500 }),
  'time.rates.delete': (_s, g) => ({ id: g.rate }),
  'time.entries.list': (s) => ({ organisationId: s.organisation }),
  'time.entries.get': (s) => ({ id: s.entry }),
  'time.entries.create': (s, g) => ({ organisationId: s.organisation, personId: s.person, date: '2026-02-10', minutes: 60, categoryId: g.category, nature: 'secondment' }),
  'time.entries.update': (s, g) => ({ id: s.entry, organisationId: s.organisation, personId: s.person, date: '2026-02-03', minutes: 120, categoryId: g.category, nature: 'secondment' }),
  'time.entries.delete': (s) => ({ id: s.entry2 }),
  'time.grid.get': (s) => ({ organisationId: s.organisation, month: '2026-02', nature: 'secondment' }),
  'time.grid.save': (s, g) => ({
    organisationId: s.organisation,
    month: '2026-02',
    nature: 'secondment',
    rows: [{ personId: s.person, categoryId: g.category, cells: [{ from: '2026-02-16', to: '2026-02-16', minutes: 45 }] }],
  }),
  'time.summary': (s) => ({ organisationId: s.organisation, from: '2026-01-01', to: '2026-12-31', by: 'person' }),
  'time.pledges.list': (s) => ({ organisationId: s.organisation }),
  'time.pledges.save': (s) => ({ organisationId: s.organisation, from: '2027-01-01', to: '2027-12-31', unit: 'hours', amount: 50 }),
  'time.pledges.delete': (s) => ({ id: s.pledge }),
  'time.periods.list': () => ({}),
  'time.periods.close': () => ({ from: '2025-03-01', to: '2025-03-31', label: 'Mars 2025' }),
  'time.periods.reopen': (_s, g) => ({ id: g.period, reason: 'Oubli' }),
  'time.fromMeeting': (s) => ({ meetingId: s.meeting }),
  'time.certificate': (s) => ({ organisationId: s.organisation, from: '2026-01-01', to: '2026-12-31' }),
  'time.networkSummary': () => ({ from: '2026-01-01', to: '2026-12-31' }),

  'activities.list': () => ({}),
  'activities.get': (_s, g) => ({ id: g.activity }),
  'activities.create': (s) => ({ kind: 'awareness', date: '2026-02-20', title: 'Atelier réparation', leadOrganisationIds: [s.organisation] }),
  'activities.update': (s, g) => ({ id: g.activity, kind: 'awareness', date: '2026-02-10', title: 'Atelier changé', leadOrganisationIds: [s.organisation] }),
  'activities.delete': (_s, g) => ({ id: g.activity }),
  'activities.founders.list': () => ({}),
  'activities.founders.get': (_s, g) => ({ id: g.founder }),
  'activities.founders.create': () => ({ name: 'Projet Delta', stage: 'study' }),
  'activities.founders.update': (_s, g) => ({ id: g.founder, name: 'Projet Gamma', stage: 'creation' }),
  'activities.founders.delete': (_s, g) => ({ id: g.founder }),
  'observatory.indicators.list': () => ({}),
  'observatory.indicators.save': () => ({ code: 'visitors', label: 'Visiteurs', unit: 'count' }),
  'observatory.form': (s) => ({ organisationId: s.organisation, year: 2025 }),
  'observatory.save': (s, g) => ({ organisationId: s.organisation, year: 2025, values: [{ indicatorId: g.indicator, value: 12 }] }),
  'observatory.year': () => ({ year: 2025 }),
  'funding.grants.list': () => ({}),
  'funding.grants.get': (_s, g) => ({ id: g.grant }),
  'funding.grants.create': (_s, g) => ({ funderOrganisationId: g.funder, programme: 'FSE', startDate: '2026-01-01', endDate: '2026-12-31', amountCents: 200000 }),
  'funding.grants.update': (_s, g) => ({ id: g.grant, funderOrganisationId: g.funder, programme: 'FDVA changé', startDate: '2026-01-01', endDate: '2026-12-31', amountCents: 100000 }),
  'funding.payments.add': (_s, g) => ({ grantId: g.grant, date: '2026-03-01', amountCents: 1000 }),
  'funding.payments.update': (_s, g) => ({ id: g.payment, date: '2026-02-02', amountCents: 6000 }),
  'funding.payments.delete': (_s, g) => ({ id: g.payment }),
  'funding.grants.delete': (_s, g) => ({ id: g.grant }),
  'funding.budgets.delete': (_s, g) => ({ id: g.budget }),
  'funding.budgets.list': () => ({}),
  'funding.budgets.save': () => ({ label: 'Budget 2027', startDate: '2027-01-01', endDate: '2027-12-31', lines: [{ direction: 'expense', category: 'purchases', plannedCents: 1000, actualCents: 0 }] }),
  'funding.cerfa.get': (_s, g) => ({ id: g.grant }),
  'funding.cerfa.document': (_s, g) => ({ id: g.grant }),
  'funding.cerfa.explain': (_s, g) => ({ grantId: g.grant, account: '60', body: 'Achats moindres' }),
  'reports.annual': () => ({ year: 2026 }),
  'reports.partner': () => ({ from: '2026-01-01', to: '2026-12-31' }),
  'reports.records': () => ({ metric: 'meeting_days', from: '2026-01-01', to: '2026-12-31' }),
  'reports.texts.get': () => ({ type: 'annual', periodKey: '2026' }),
  'reports.texts.save': () => ({ type: 'annual', periodKey: '2026', section: 'context', body: 'Une année dense.' }),
  'dashboard.get': () => ({}),

  'data.backups.list': () => ({}),
  'data.backups.create': () => ({}),
  'data.backups.restore': () => ({ name: 'aucune-sauvegarde.sqlite' }),
  'data.check': () => ({}),
  'data.import.types': () => ({}),
  'data.import.analyze': () => ({ fileName: 'structures.csv', base64: CSV, type: 'organisations' }),
  'data.import.commit': () => ({ fileName: 'structures.csv', base64: CSV, type: 'organisations' }),
  'data.export': () => ({ list: 'people', columns: ['lastName', 'firstName', 'email'], format: 'csv' }),
  'data.archive.export': () => ({}),
  'data.presets.list': () => ({ kind: 'export', target: 'people' }),
  'data.presets.save': () => ({ kind: 'export', target: 'organisations', name: 'Annuaire', config: { fields: ['name'], format: 'csv' } }),
  'data.presets.delete': (_s, g) => ({ id: g.preset }),
  'privacy.settings.get': () => ({}),
  'privacy.settings.save': () => ({ reviewAfterYears: 5 }),
  'privacy.review': () => ({}),
  'privacy.personExport': (s) => ({ personId: s.person }),
  'privacy.erase': (s) => ({ personId: s.person3, confirm: true }),
  'privacy.register': () => ({}),
  'audit.list': (s) => ({ entity: 'person', entityId: s.person }),
  'search.all': () => ({ text: 'Alphonse' }),
  'documents.finish': () => ({ base64: 'AA==', format: 'docx' }),
  'documents.template.get': () => ({}),
  'documents.template.set': () => ({ fileName: 'a.docx', base64: 'AA==' }),
  'documents.template.clear': () => ({}),
  'documents.wording.get': () => ({}),
  'documents.wording.save': () => ({ key: 'notice.closing', text: 'Merci.' }),
  'documents.wording.reset': () => ({ key: 'notice.closing' }),
  'auth.login': () => ({ email: 'personne@exemple.fr', password: 'pas-le-bon-mot-de-passe' }),
  'auth.acceptInvitation': () => ({ token: 'inconnu', password: 'un-mot-de-passe-solide' }),
  'auth.me': () => ({}),
  'auth.logout': () => ({}),
  'auth.changePassword': () => ({ currentPassword: 'pas-le-bon-mot-de-passe', newPassword: 'un-mot-de-passe-solide' }),
  'users.list': () => ({}),
  'users.add': () => ({ email: 'nouveau@exemple.fr', role: 'lecture' }),
  'users.disable': () => ({ id: 1 }),
  'users.reset': () => ({ id: 1 }),
  'app.caller': () => ({}),
  'member.meetings': (s) => ({ organisationId: s.organisation }),
  'time.validation.list': (s) => ({ organisationId: s.organisation, month: '2026-02' }),
  'time.validation.validateMonth': (s) => ({ organisationId: s.organisation, month: '2026-02' }),
  'time.validation.reviewLines': (s) => ({ ids: [s.entry], decision: 'refuse', reason: 'Doublon' }),
  'time.validation.acceptRequest': () => ({ id: 1 }),
  'time.validation.refuseRequest': () => ({ id: 1, reason: 'Non' }),
  'time.validation.requestChange': (s, g) => ({
    organisationId: s.organisation,
    month: '2026-02',
    nature: 'secondment',
    rows: [{ personId: s.person, categoryId: g.category, cells: [{ from: '2026-02-17', to: '2026-02-17', minutes: 30 }] }],
    reason: 'Oubli',
  }),
  'time.validation.overview': () => ({ month: '2026-02', year: 2026 }),
  'time.validation.reminder': (s) => ({ organisationId: s.organisation, month: '2026-02' }),
  'data.backups.setFolder': () => ({ folder: null }),
  'mail.settings.get': () => ({}),
  'mail.settings.update': () => ({ host: null, port: 587, security: 'starttls', user: null, fromName: null, fromAddress: null, replyTo: null }),
  'mail.settings.setPassword': () => ({ password: null }),
  'mail.test': () => ({ to: 'essai@exemple.fr' }),
  'mail.wordings.list': () => ({}),
  'mail.wordings.update': () => ({ kind: 'notice', subject: 'Convocation', body: 'Bonjour {personne},' }),
  'mail.wordings.reset': () => ({ kind: 'notice' }),
  'mail.preview': (s) => ({ kind: 'notice', meetingId: s.meeting }),
  'mail.send': () => ({ request: { kind: 'reminder_actions' } }),
  'mail.records': (s) => ({ organisationId: s.organisation }),
  'mail.refusal.get': (s) => ({ personId: s.person }),
  'mail.refusal.set': (s) => ({ personId: s.person, refusesMail: false }),
  'database.location.get': () => ({}),
  'database.location.save': () => ({ kind: 'sqlite' }),
};

/** Personal data seeded on every person: none of it may reach `lecture`. */
const PERSONAL_MARKS = ['@alpha.example', '@beta.example', '06 12 34', 'rue des Lilas', 'Gaston au 07'];

async function seedSide(app: TestApp, key: 'alpha' | 'beta', name: string, kind: 'coordination' | 'steering_committee', category: number): Promise<Side> {
  const org = await app.call('organisations.create', { name, kind: 'member', email: `contact@${key}-org.example`, address: '1 avenue de la Gare' });
  const last = key === 'alpha' ? 'Alphonse' : 'Bêtane';
  const people: { id: number }[] = [];
  for (const [i, first] of (key === 'alpha' ? ['Alice', 'Armand', 'Agathe'] : ['Bérénice', 'Basile', 'Blanche']).entries()) {
    const p = await app.call('people.createWithAffiliation', {
      person: { firstName: first, lastName: last, email: `${first.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()}@${key}.example`, phone: `06 12 34 56 7${i}`, address: `${i + 2} rue des Lilas` },
      affiliation: { organisationId: org.id, role: 'Salarié', startDate: '2020-01-01' },
    });
    people.push(p);
  }
  const affiliations = await app.store.db.selectFrom('affiliations').select(['id', 'person_id']).where('organisation_id', '=', org.id).orderBy('id').execute();
  const meetingOf = async (title: string, date: string) => {
    const m = await app.call('meetings.create', { kind, title, date, startTime: '14:00', endTime: '16:00', convenedByPersonId: people[0]!.id });
    await app.call('meetings.addAttendee', { meetingId: m.id, personId: people[0]!.id, organisationId: org.id, invited: true, voting: true });
    return m.id;
  };
  const approvedMeeting = await meetingOf(`Réunion de janvier (${name})`, key === 'alpha' ? '2026-01-08' : '2026-01-15');
  const meeting = await meetingOf(`Réunion de février (${name})`, key === 'alpha' ? '2026-02-05' : '2026-02-12');
  await app.call('meetings.finalize', { id: approvedMeeting });
  await app.call('meetings.approveMinutes', { meetingId: approvedMeeting, approvedByMeetingId: meeting });
  const entry = (date: string) =>
    app.call('time.entries.create', { organisationId: org.id, personId: people[0]!.id, date, minutes: 90, categoryId: category, nature: 'secondment' });
  const pledge = await app.call('time.pledges.save', { organisationId: org.id, from: '2026-01-01', to: '2026-12-31', unit: 'hours', amount: 100 });
  const membership = await app.call('memberships.save', { organisationId: org.id, year: 2026, feeDueCents: 5000, amountPaidCents: 0, votingPersonId: people[0]!.id });
  return {
    organisation: org.id,
    person: people[0]!.id,
    person2: people[1]!.id,
    person3: people[2]!.id,
    affiliation: affiliations[0]!.id,
    affiliation2: affiliations[1]!.id,
    affiliation3: affiliations[2]!.id,
    meeting,
    approvedMeeting,
    entry: (await entry('2026-02-03')).entry.id,
    entry2: (await entry('2026-02-04')).entry.id,
    pledge: pledge.id,
    membership: membership.id,
  };
}

/** A small base with two member organisations, each with its people, meetings and hours, and the network's own records. */
async function seed(app: TestApp): Promise<{ own: Side; other: Side; shared: Shared }> {
  const category = (await app.call('time.categories.list', {})).items[0]!.id;
  const own = await seedSide(app, 'alpha', 'Ressourcerie Alpha', 'coordination', category);
  const other = await seedSide(app, 'beta', 'Recyclerie Bêta', 'steering_committee', category);
  // One of its staff also volunteers at the other: a structure sees them, not their role over there.
  await app.call('people.addAffiliation', { personId: own.person, organisationId: other.organisation, role: 'Bénévole chez Bêta', startDate: '2024-01-01' });
  const funder = await app.call('organisations.create', { name: 'Région Occitanie', kind: 'partner' });
  const agendaItem = await app.call('meetings.addAgendaItem', { meetingId: own.meeting, title: 'Textile', presenterPersonId: null, plannedMinutes: 10 });
  const agendaItem2 = await app.call('meetings.addAgendaItem', { meetingId: own.meeting, title: 'Divers', presenterPersonId: null, plannedMinutes: 5 });
  const decision = await app.call('meetings.addDecision', { agendaItemId: agendaItem.id, text: 'Étude lancée', voteMode: 'consensus' });
  const action = await app.call('meetings.addAction', { meetingId: own.meeting, agendaItemId: agendaItem.id, text: 'Cahier des charges', ownerPersonId: own.person });
  const attendee = await app.call('meetings.addAttendee', { meetingId: own.meeting, personId: own.person3, organisationId: own.organisation, invited: true, voting: false });
  const office = await app.call('people.addOffice', { personId: own.person2, office: 'treasurer', startDate: '2025-01-01' });
  const activity = await app.call('activities.create', { kind: 'awareness', date: '2026-02-10', title: 'Atelier', leadOrganisationIds: [own.organisation] });
  const founder = await app.call('activities.founders.create', { name: 'Projet Gamma', stage: 'idea', contact: 'Gaston au 07 00 00 00 00' });
  const grant = await app.call('funding.grants.create', { funderOrganisationId: funder.id, programme: 'FDVA', startDate: '2026-01-01', endDate: '2026-12-31', amountCents: 100000 });
  await app.call('funding.payments.add', { grantId: grant.id, date: '2026-02-01', amountCents: 5000 });
  const payment = await app.store.db.selectFrom('grant_payments').select('id').executeTakeFirstOrThrow();
  const budget = await app.call('funding.budgets.save', { label: 'Budget 2026', startDate: '2026-01-01', endDate: '2026-12-31', lines: [{ direction: 'expense', category: 'purchases', plannedCents: 1000, actualCents: 0 }] });
  const period = await app.call('time.periods.close', { from: '2025-01-01', to: '2025-01-31', label: 'Janvier 2025' });
  const rate = await app.call('time.rates.save', { scope: 'default', validFrom: '2020-01-01', hourlyCents: 1200 });
  const preset = await app.call('data.presets.save', { kind: 'export', target: 'people', name: 'Contacts', config: { fields: ['lastName'], format: 'csv' } });
  const indicator = (await app.call('observatory.indicators.list', {})).items[0]!.id;
  return {
    own,
    other,
    shared: {
      funder: funder.id,
      category,
      rate: rate.rate!.id,
      agendaItem: agendaItem.id,
      agendaItem2: agendaItem2.id,
      decision: decision.id,
      action: action.id,
      attendee: attendee.id,
      office: office.id,
      activity: activity.id,
      founder: founder.id,
      grant: grant.id,
      payment: payment.id,
      budget: budget.id,
      period: period.id,
      preset: preset.id,
      indicator,
    },
  };
}

/** Every row of every table, in a stable order: equal before and after means nothing was written. */
async function fingerprint(app: TestApp): Promise<string> {
  const tables = (await app.store.db.introspection.getTables()).map((t) => t.name).sort();
  const parts: string[] = [];
  for (const table of tables) {
    const rows = await app.store.db.selectFrom(table as 'people').selectAll().execute();
    parts.push(table, ...rows.map((r) => JSON.stringify(r)).sort());
  }
  return parts.join('\n');
}

function actorFor(role: Role, organisation: number): Actor {
  return { kind: 'user', userId: 1, email: `${role}@reseau.example`, displayName: `Compte ${role}`, role, organisationId: role === 'structure' ? organisation : null };
}

type Outcome = { method: MethodName; side: 'own' | 'other'; ok: boolean; error?: ApiError; value?: unknown };

const refusedByAccess = (o: Outcome) => !o.ok && o.error?.code === 'FORBIDDEN' && o.error.key.startsWith('error.access.');

describe('the access rules', () => {
  it('give every method of the contract exactly one rule and one sample input', () => {
    expect(Object.keys(ACCESS_RULES).sort()).toEqual([...METHOD_NAMES].sort());
    expect(Object.keys(SAMPLES).sort()).toEqual([...METHOD_NAMES].sort());
    for (const method of METHOD_NAMES) {
      const rule: Rule | undefined = ACCESS_RULES[method];
      expect(rule, method).toBeDefined();
      // A structure account is let through only with a scope saying how the call is tied to it.
      if (rule!.roles !== 'public') expect(rule!.roles.includes('structure'), method).toBe(rule!.scope !== undefined);
    }
  });

  it('names in each scope a field the method’s input really has (a renamed field would skip the check)', () => {
    type JsonSchema = { properties?: Record<string, JsonSchema>; items?: JsonSchema; anyOf?: JsonSchema[] };
    const has = (schema: JsonSchema | undefined, parts: string[]): boolean => {
      if (!schema) return false;
      if (schema.anyOf) return schema.anyOf.some((s) => has(s, parts));
      if (parts.length === 0) return true;
      const [head, ...rest] = parts;
      const many = head!.endsWith('[]');
      const child = schema.properties?.[many ? head!.slice(0, -2) : head!];
      return has(many ? child?.items : child, rest);
    };
    const missing = METHOD_NAMES.flatMap((method) =>
      (ACCESS_RULES[method].scope ?? [])
        .filter((field) => !has(z.toJSONSchema(contract[method].input, { unrepresentable: 'any', io: 'input' }) as JsonSchema, field.path.split('.')))
        .map((field) => `${method}: ${field.path}`),
    );
    expect(missing).toEqual([]);
  });

  it('refuses a method that has no rule, whatever the role', () => {
    const rules = ACCESS_RULES as Record<string, Rule>;
    const saved = rules['app.info']!;
    delete rules['app.info'];
    try {
      for (const role of ROLES) expect(roleAllows('app.info', actorFor(role, 1))).toBe(false);
    } finally {
      rules['app.info'] = saved;
    }
  });

  it('refuses to coordination exactly the accounts, the settings and erasure', () => {
    const refused = METHOD_NAMES.filter((m) => !roleAllows(m, actorFor('coordination', 1)));
    expect(refused.sort()).toEqual(['data.backups.restore', 'data.backups.setFolder', 'database.location.get', 'database.location.save', 'documents.template.clear', 'documents.template.set', 'documents.wording.reset', 'documents.wording.save', 'files.chooseFolder', 'mail.settings.setPassword', 'mail.settings.update', 'mail.wordings.reset', 'mail.wordings.update', 'privacy.erase', 'privacy.settings.save', 'settings.update', 'users.add', 'users.disable', 'users.list', 'users.reset']);
    expect(METHOD_NAMES.every((m) => roleAllows(m, actorFor('secretariat', 1)))).toBe(true);
  });
});

describe.each([...ROLES, 'local' as const])('every method called as %s', (role) => {
  let app: TestApp;
  let base: Awaited<ReturnType<typeof seed>>;
  const outcomes: Outcome[] = [];
  /** Calls refused or made by lecture whose base changed anyway. */
  const written: string[] = [];

  beforeAll(async () => {
    app = await openTestApp();
    base = await seed(app);
    const caller = role === 'local' ? LOCAL_ACTOR : actorFor(role, base.own.organisation);
    const dispatch = createDispatcher(createHandlers(app.store, { runtime: 'server', now: () => FIXED_NOW, caller }), {
      validateOutput: true,
      onInternalError: (method, error) => console.error(method, error),
    });
    for (const method of METHOD_NAMES) {
      for (const side of ['own', 'other'] as const) {
        const input = SAMPLES[method](base[side], base.shared) as MethodInput<MethodName>;
        const watch = role !== 'secretariat' && role !== 'coordination' && role !== 'local';
        const before = watch ? await fingerprint(app) : '';
        const result = await dispatch(method, input);
        const outcome: Outcome = result.ok ? { method, side, ok: true, value: result.value } : { method, side, ok: false, error: result.error };
        outcomes.push(outcome);
        if (watch && (refusedByAccess(outcome) || role === 'lecture') && (await fingerprint(app)) !== before) written.push(`${method} (${side})`);
      }
    }
  }, 300_000);

  afterAll(async () => {
    await app?.close();
  });

  it('lets through or refuses each call exactly as its rule says', () => {
    const wrong: string[] = [];
    for (const o of outcomes) {
      const rule = ACCESS_RULES[o.method];
      let expected: 'allowed' | 'refused' = role === 'local' || rule.roles === 'public' || rule.roles.includes(role) ? 'allowed' : 'refused';
      // A structure account naming another organisation's record is refused; a call tied to nothing is not.
      if (expected === 'allowed' && role === 'structure' && o.side === 'other' && (rule.scope?.length ?? 0) > 0) expected = 'refused';
      if (expected === 'allowed' && role === 'lecture' && rule.personal?.(SAMPLES[o.method](base[o.side], base.shared) as Record<string, unknown>)) expected = 'refused';
      const got = refusedByAccess(o) ? 'refused' : 'allowed';
      if (got !== expected) wrong.push(`${o.method} (${o.side}): expected ${expected}, got ${o.ok ? 'ok' : `${o.error!.code} ${o.error!.message}`}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers a refusal with FORBIDDEN and a French message naming the role', () => {
    const refusals = outcomes.filter(refusedByAccess);
    if (role === 'secretariat' || role === 'local') expect(refusals).toEqual([]);
    for (const o of refusals) expect(o.error!.message, o.method).toMatch(/^Votre rôle \(/);
  });

  it('writes nothing when it refuses, nor ever as lecture', () => {
    expect(written).toEqual([]);
  });

  it.runIf(role === 'structure')('shows a structure nothing of the other organisation', () => {
    const leaks = outcomes
      .filter((o) => o.ok && o.method !== 'app.info')
      .filter((o) => /Bêta|beta\.example|Bérénice|Basile|Blanche/.test(JSON.stringify(o.value)))
      .map((o) => `${o.method} (${o.side})`);
    expect(leaks).toEqual([]);
    // Its own records do come back: the grid of its month, its people, its meetings.
    const own = (method: MethodName) => outcomes.find((o) => o.method === method && o.side === 'own')!;
    expect(JSON.stringify(own('people.list').value)).toContain('Alphonse');
    expect((own('meetings.list').value as { items: { title: string }[] }).items.map((m) => m.title).sort()).toEqual([
      'Réunion de février (Ressourcerie Alpha)',
      'Réunion de janvier (Ressourcerie Alpha)',
    ]);
    expect(own('time.grid.save').ok).toBe(true);
    expect(own('meetings.minutesData').ok).toBe(true);
  });

  it.runIf(role === 'lecture')('shows lecture names but no e-mail, phone or address of a person', () => {
    const leaks = outcomes
      .filter((o) => o.ok)
      .filter((o) => PERSONAL_MARKS.some((mark) => JSON.stringify(o.value).includes(mark)))
      .map((o) => `${o.method} (${o.side})`);
    expect(leaks).toEqual([]);
    const people = outcomes.find((o) => o.method === 'people.list' && o.side === 'own')!;
    expect(JSON.stringify(people.value)).toContain('Alphonse');
  });
});

describe('a record of another organisation named among its own', () => {
  let app: TestApp;
  let base: Awaited<ReturnType<typeof seed>>;
  beforeAll(async () => {
    app = await openTestApp();
    base = await seed(app);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });
  const as = (role: Role) =>
    createDispatcher(createHandlers(app.store, { runtime: 'server', now: () => FIXED_NOW, caller: actorFor(role, base.own.organisation) }), { validateOutput: true });

  it('refuses a structure its own month grid with another organisation’s person in it, and writes none of its rows', async () => {
    const { own, other, shared } = base;
    const before = await fingerprint(app);
    const result = await as('structure')('time.grid.save', {
      organisationId: own.organisation,
      month: '2026-02',
      nature: 'secondment',
      rows: [
        { personId: own.person, categoryId: shared.category, cells: [{ from: '2026-02-16', to: '2026-02-16', minutes: 45 }] },
        { personId: other.person, categoryId: shared.category, cells: [{ from: '2026-02-17', to: '2026-02-17', minutes: 45 }] },
      ],
    });
    expect(result.ok ? null : [result.error.code, result.error.message]).toEqual([
      'FORBIDDEN',
      'Votre rôle (structure) ne permet pas d’accéder aux données d’une autre structure (rows[].personId).',
    ]);
    expect(await fingerprint(app)).toBe(before);
  });

  it('refuses a structure an entry, an affiliation or a rate of another organisation’s person under its own name', async () => {
    const { own, other, shared } = base;
    const structure = as('structure');
    const refused = [
      await structure('time.entries.create', { organisationId: own.organisation, personId: other.person, date: '2026-02-10', minutes: 60, categoryId: shared.category, nature: 'secondment' }),
      await structure('people.addAffiliation', { personId: other.person, organisationId: own.organisation, role: 'Salarié', startDate: '2026-01-01' }),
      await structure('time.entries.update', { id: own.entry, organisationId: other.organisation, personId: own.person, date: '2026-02-03', minutes: 60, categoryId: shared.category, nature: 'secondment' }),
      await structure('time.rates.save', { scope: 'person', personId: own.person, validFrom: '2026-01-01', hourlyCents: 1 }),
    ];
    expect(refused.map((r) => (r.ok ? 'ok' : r.error.key))).toEqual(['error.access.record', 'error.access.record', 'error.access.record', 'error.access.role']);
  });

  it('lists a structure only its own people and hours when it names no organisation', async () => {
    const structure = as('structure');
    const people = await structure('people.list', {});
    const entries = await structure('time.entries.list', {});
    if (!people.ok || !entries.ok) throw new Error('refused');
    expect((people.value as { items: { lastName: string }[] }).items.map((p) => p.lastName)).toEqual(['Alphonse', 'Alphonse', 'Alphonse']);
    expect(new Set((entries.value as { items: { organisationId: number }[] }).items.map((e) => e.organisationId))).toEqual(new Set([base.own.organisation]));
  });

  it('gives a structure tied to no organisation nothing but what ties to none', async () => {
    const orphan: Actor = { ...actorFor('structure', 1), organisationId: null } as Actor;
    const dispatch = createDispatcher(createHandlers(app.store, { runtime: 'server', now: () => FIXED_NOW, caller: orphan }));
    expect((await dispatch('app.info', {})).ok).toBe(true);
    const list = await dispatch('meetings.list', {});
    expect(list.ok && (list.value as { items: unknown[] }).items).toEqual([]);
    const people = await dispatch('people.list', {});
    expect(people.ok ? 'ok' : people.error.key).toBe('error.access.noOrganisation');
  });

  it('lets lecture export names but not the e-mails of people, nor search by an e-mail', async () => {
    const lecture = as('lecture');
    expect((await lecture('data.export', { list: 'people', columns: ['lastName', 'firstName', 'organisations'], format: 'csv' })).ok).toBe(true);
    const refused = await lecture('data.export', { list: 'people', columns: ['lastName', 'phone'], format: 'csv' });
    expect(refused.ok ? 'ok' : refused.error.message).toBe('Votre rôle (lecture) ne permet pas d’obtenir des données personnelles au-delà des noms (courriel, téléphone, adresse).');
    const probe = await lecture('search.all', { text: 'alice@alpha.example' });
    expect(probe.ok ? 'ok' : probe.error.key).toBe('error.access.personal');
  });

  it('refuses in the handlers too, for a caller that reaches them without the dispatcher', async () => {
    const handlers = createHandlers(app.store, { runtime: 'server', now: () => FIXED_NOW, caller: actorFor('lecture', base.own.organisation) });
    await expect(handlers['people.create']({ firstName: 'Ève', lastName: 'Intruse' } as never)).rejects.toMatchObject({ code: 'FORBIDDEN', key: 'error.access.role' });
    const structure = createHandlers(app.store, { runtime: 'server', now: () => FIXED_NOW, caller: actorFor('structure', base.own.organisation) });
    await expect(structure['people.get']({ id: base.other.person })).rejects.toMatchObject({ code: 'FORBIDDEN', key: 'error.access.record' });
  });

  it('checks the role the dispatcher is told, and will not be told of an account over handlers made for another', async () => {
    const lectureActor = actorFor('lecture', base.own.organisation);
    const dispatch = createDispatcher(createHandlers(app.store, { runtime: 'server', now: () => FIXED_NOW, caller: lectureActor }), { caller: lectureActor });
    const result = await dispatch('settings.update', { associationName: 'X', etpHours: 1607, defaultHourlyValueCents: 1, financialYearStartMonth: 1, defaultFeeCents: 1 });
    expect(result.ok ? 'ok' : result.error.message).toBe('Votre rôle (lecture) ne permet pas cette opération (settings.update).');
    // Handlers made for the local person would let a structure's ids through unchecked.
    expect(() => createDispatcher(createHandlers(app.store, { runtime: 'server' }), { caller: actorFor('structure', base.own.organisation) })).toThrow(/createHandlers/);
  });
});
