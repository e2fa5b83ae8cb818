import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../helpers/store';

/**
 * Every record the UI edits carries a version (migration 0012): two people open the same record
 * at version 1, the first save goes through, the second is refused with « modifié entre-temps
 * par … à … » and writes nothing; a delete from the stale screen is refused the same way.
 */

let a: TestApp;
let ids: { org: number; person: number; funder: number; category: number };

beforeAll(async () => {
  a = await openTestApp(undefined, new Date('2026-03-12T10:05:00Z'));
  const org = await a.call('organisations.create', { name: 'Ressourcerie du Causse', kind: 'member' });
  const funder = await a.call('organisations.create', { name: 'Région Occitanie', kind: 'partner' });
  const person = await a.call('people.create', { firstName: 'Lucie', lastName: 'Roux' });
  await a.call('people.addAffiliation', { personId: person.id, organisationId: org.id, role: 'Directrice', startDate: '2020-01-01' });
  const category = (await a.call('time.categories.list', {})).items[0]!;
  ids = { org: org.id, person: person.id, funder: funder.id, category: category.id };
});
afterAll(async () => {
  await a?.close();
});

const STALE = /^Enregistrement modifié entre-temps par un test à 11:05 le 12 mars 2026 : rechargez-le/;

interface Kind<R extends { version: number }> {
  name: string;
  /** Makes a fresh record and returns it as a screen opens it. */
  open(): Promise<R>;
  /** Saves a change from a screen opened at `version`; `n` makes each save differ. */
  save(record: R, version: number, n: number): Promise<unknown>;
  /** The saved value the check compares, read back. */
  read(record: R): Promise<unknown>;
  remove?(record: R, version: number): Promise<unknown>;
  /** Whether the record is still there. */
  exists?(record: R): Promise<boolean>;
}

function kind<R extends { version: number }>(k: Kind<R>): Kind<{ version: number }> {
  return k as unknown as Kind<{ version: number }>;
}

async function meeting(title = 'Coordination') {
  return a.call('meetings.create', { kind: 'coordination', title, date: '2026-04-10' });
}
async function agendaItem() {
  const m = await meeting();
  return a.call('meetings.addAgendaItem', { meetingId: m.id, title: 'Budget', presenterPersonId: null, plannedMinutes: 20 });
}
const detail = (meetingId: number) => a.call('meetings.get', { id: meetingId });
const grantInput = (amountCents: number) => ({ funderOrganisationId: ids.funder, programme: 'Économie circulaire', startDate: '2026-01-01', endDate: '2026-12-31', amountCents });

const KINDS = [
  kind({
    name: 'meeting',
    open: () => meeting(),
    save: (m, version, n) => a.call('meetings.update', { id: m.id, version, kind: 'coordination', title: `Coordination ${n}`, date: '2026-04-10' }),
    read: async (m) => (await detail(m.id)).meeting.title,
    remove: (m, version) => a.call('meetings.delete', { id: m.id, version }),
    exists: (m) => detail(m.id).then(
      () => true,
      () => false,
    ),
  }),
  kind({
    name: 'attendee',
    open: async () => {
      const m = await meeting();
      return a.call('meetings.addAttendee', { meetingId: m.id, personId: ids.person, organisationId: ids.org, invited: true, voting: true, status: 'pending' });
    },
    save: (t, version, n) =>
      a.call('meetings.updateAttendance', { id: t.id, version, status: n === 1 ? 'present' : 'excused', proxyHolderPersonId: null, organisationId: ids.org, capacity: null, voting: true }),
    read: async (t) => (await detail(t.meetingId)).attendances[0]!.status,
    remove: (t, version) => a.call('meetings.removeAttendee', { id: t.id, version }),
    exists: async (t) => (await detail(t.meetingId)).attendances.length > 0,
  }),
  kind({
    name: 'agenda item',
    open: agendaItem,
    save: (i, version, n) => a.call('meetings.updateAgendaItem', { id: i.id, version, title: `Budget ${n}`, presenterPersonId: null, plannedMinutes: 20 }),
    read: async (i) => (await detail(i.meetingId)).agenda.find((x) => x.id === i.id)!.title,
    remove: (i, version) => a.call('meetings.removeAgendaItem', { id: i.id, version }),
    exists: async (i) => (await detail(i.meetingId)).agenda.some((x) => x.id === i.id),
  }),
  kind({
    name: 'discussion of an agenda item',
    open: agendaItem,
    save: (i, version, n) => a.call('meetings.saveDiscussion', { id: i.id, version, discussion: `Débat ${n}` }),
    read: async (i) => (await detail(i.meetingId)).agenda.find((x) => x.id === i.id)!.discussion,
  }),
  kind({
    name: 'decision',
    open: async () => a.call('meetings.addDecision', { agendaItemId: (await agendaItem()).id, text: 'Adopté.', voteMode: 'consensus' }),
    save: (d, version, n) => a.call('meetings.updateDecision', { id: d.id, version, text: `Adopté ${n}.`, voteMode: 'consensus' }),
    read: async (d) => (await detail(d.meetingId)).agenda.find((x) => x.id === d.agendaItemId)!.decisions[0]!.text,
    remove: (d, version) => a.call('meetings.removeDecision', { id: d.id, version }),
    exists: async (d) => (await detail(d.meetingId)).agenda.find((x) => x.id === d.agendaItemId)!.decisions.length > 0,
  }),
  kind({
    name: 'action',
    open: async () => {
      const item = await agendaItem();
      return a.call('meetings.addAction', { meetingId: item.meetingId, agendaItemId: item.id, text: 'Relancer', ownerPersonId: ids.person });
    },
    save: (x, version, n) => a.call('meetings.updateAction', { id: x.id, version, agendaItemId: x.agendaItemId, text: `Relancer ${n}`, ownerPersonId: ids.person, ownerOrganisationId: null, dueDate: null }),
    read: async (x) => (await detail(x.meetingId)).agenda.find((i) => i.id === x.agendaItemId)!.actions[0]!.text,
    remove: (x, version) => a.call('meetings.removeAction', { id: x.id, version }),
    exists: async (x) => (await detail(x.meetingId)).agenda.find((i) => i.id === x.agendaItemId)!.actions.length > 0,
  }),
  kind({
    name: 'affiliation',
    open: async () => {
      const p = await a.call('people.create', { firstName: 'Marc', lastName: 'Vidal' });
      return a.call('people.addAffiliation', { personId: p.id, organisationId: ids.org, role: 'Salarié', startDate: '2021-01-01' });
    },
    save: (f, version, n) => a.call('people.updateAffiliation', { id: f.id, version, organisationId: ids.org, role: `Salarié ${n}`, startDate: '2021-01-01', endDate: null }),
    read: async (f) => (await a.call('people.get', { id: f.personId })).affiliations[0]!.role,
    remove: (f, version) => a.call('people.removeAffiliation', { id: f.id, version }),
    exists: async (f) => (await a.call('people.get', { id: f.personId })).affiliations.length > 0,
  }),
  kind({
    name: 'office',
    open: async () => {
      const p = await a.call('people.create', { firstName: 'Anne', lastName: 'Coste' });
      return a.call('people.addOffice', { personId: p.id, office: 'treasurer', startDate: '2024-06-01' });
    },
    save: (o, version, n) => a.call('people.endOffice', { id: o.id, version, endDate: `2025-0${n}-01` }),
    read: async (o) => (await a.call('people.get', { id: o.personId })).offices[0]!.endDate,
    remove: (o, version) => a.call('people.removeOffice', { id: o.id, version }),
    exists: async (o) => (await a.call('people.get', { id: o.personId })).offices.length > 0,
  }),
  kind({
    name: 'membership (and its payment)',
    open: async () => {
      const o = await a.call('organisations.create', { name: `Recyclerie ${Math.random()}`, kind: 'member' });
      return a.call('memberships.save', { organisationId: o.id, year: 2026, feeDueCents: 15000, amountPaidCents: 0 });
    },
    save: (m, version, n) => a.call('memberships.save', { id: m.id, version, organisationId: m.organisationId, year: 2026, feeDueCents: 15000, amountPaidCents: n * 1000, paidOn: '2026-02-01' }),
    read: async (m) => (await a.call('memberships.year', { year: 2026 })).items.find((x) => x.id === m.id)?.amountPaidCents,
    remove: (m, version) => a.call('memberships.delete', { id: m.id, version }),
    exists: async (m) => (await a.call('memberships.year', { year: 2026 })).items.some((x) => x.id === m.id),
  }),
  kind({
    name: 'activity',
    open: () => a.call('activities.create', { kind: 'awareness', date: '2026-02-10', title: 'Atelier', leadOrganisationIds: [ids.org] }),
    save: (x, version, n) => a.call('activities.update', { id: x.id, version, kind: 'awareness', date: '2026-02-10', title: `Atelier ${n}`, leadOrganisationIds: [ids.org] }),
    read: async (x) => (await a.call('activities.list', { from: null, to: null })).items.find((y) => y.id === x.id)?.title,
    remove: (x, version) => a.call('activities.delete', { id: x.id, version }),
    exists: async (x) => (await a.call('activities.list', { from: null, to: null })).items.some((y) => y.id === x.id),
  }),
  kind({
    name: 'project founder',
    open: () => a.call('activities.founders.create', { name: 'Projet de recyclerie', stage: 'idea' }),
    save: (f, version, n) => a.call('activities.founders.update', { id: f.id, version, name: `Projet ${n}`, stage: 'idea' }),
    read: async (f) => (await a.call('activities.founders.get', { id: f.id })).founder.name,
    remove: (f, version) => a.call('activities.founders.delete', { id: f.id, version }),
    exists: async (f) => (await a.call('activities.founders.list', {})).items.some((y) => y.id === f.id),
  }),
  kind({
    name: 'grant',
    open: () => a.call('funding.grants.create', grantInput(500_000)),
    save: (g, version, n) => a.call('funding.grants.update', { id: g.id, version, ...grantInput(500_000 + n) }),
    read: async (g) => (await a.call('funding.grants.list', {})).items.find((y) => y.id === g.id)?.amountCents,
    remove: (g, version) => a.call('funding.grants.delete', { id: g.id, version }),
    exists: async (g) => (await a.call('funding.grants.list', {})).items.some((y) => y.id === g.id),
  }),
  kind({
    name: 'grant payment',
    open: async () => {
      const g = await a.call('funding.grants.create', grantInput(500_000));
      const after = await a.call('funding.payments.add', { grantId: g.id, date: '2026-03-01', amountCents: 1000 });
      return { ...after.payments[0]!, grantId: g.id };
    },
    save: (p, version, n) => a.call('funding.payments.update', { id: p.id, version, date: '2026-03-01', amountCents: 1000 + n, note: null }),
    read: async (p) => (await a.call('funding.grants.list', {})).items.find((y) => y.id === p.grantId)?.payments[0]?.amountCents,
    remove: (p, version) => a.call('funding.payments.delete', { id: p.id, version }),
    exists: async (p) => ((await a.call('funding.grants.list', {})).items.find((y) => y.id === p.grantId)?.payments.length ?? 0) > 0,
  }),
  kind({
    name: 'budget and its lines',
    open: () => a.call('funding.budgets.save', { label: 'Budget 2026', startDate: '2026-01-01', endDate: '2026-12-31', grantId: null, note: null, lines: [] }),
    save: (b, version, n) =>
      a.call('funding.budgets.save', {
        id: b.id,
        version,
        label: 'Budget 2026',
        startDate: '2026-01-01',
        endDate: '2026-12-31',
        grantId: null,
        note: null,
        lines: [{ direction: 'expense', category: 'staff', funderOrganisationId: null, label: null, plannedCents: n * 100, actualCents: 0 }],
      }),
    read: async (b) => (await a.call('funding.budgets.list', {})).items.find((y) => y.id === b.id)?.lines.map((l) => l.plannedCents),
    remove: (b, version) => a.call('funding.budgets.delete', { id: b.id, version }),
    exists: async (b) => (await a.call('funding.budgets.list', {})).items.some((y) => y.id === b.id),
  }),
  kind({
    name: 'time entry',
    open: async () =>
      (await a.call('time.entries.create', { organisationId: ids.org, personId: ids.person, date: '2026-01-12', minutes: 60, categoryId: ids.category, nature: 'secondment', meetingId: null, activityId: null, note: null }))
        .entry,
    save: (e, version, n) =>
      a.call('time.entries.update', { id: e.id, version, organisationId: ids.org, personId: ids.person, date: '2026-01-12', minutes: 60 + n, categoryId: ids.category, nature: 'secondment', meetingId: null, activityId: null, note: null }),
    read: async (e) => (await a.call('time.entries.list', {})).items.find((y) => y.id === e.id)?.minutes,
    remove: (e, version) => a.call('time.entries.delete', { id: e.id, version }),
    exists: async (e) => (await a.call('time.entries.list', {})).items.some((y) => y.id === e.id),
  }),
  kind({
    name: 'time category',
    open: () => a.call('time.categories.create', { name: `Formation ${Math.random()}` }),
    save: (c, version, n) => a.call('time.categories.update', { id: c.id, version, name: `Formation ${c.id}-${n}`, active: true }),
    read: async (c) => (await a.call('time.categories.list', { includeInactive: true })).items.find((y) => y.id === c.id)?.name,
    remove: (c, version) => a.call('time.categories.delete', { id: c.id, version }),
    exists: async (c) => (await a.call('time.categories.list', { includeInactive: true })).items.some((y) => y.id === c.id),
  }),
  kind({
    name: 'hourly rate',
    open: async () => (await a.call('time.rates.save', { scope: 'person', personId: ids.person, organisationId: null, validFrom: `20${10 + Math.floor(Math.random() * 80)}-01-01`, hourlyCents: 2500 })).rate!,
    save: (r, version, n) => a.call('time.rates.save', { id: r.id, version, scope: 'person', personId: ids.person, organisationId: null, validFrom: r.validFrom, hourlyCents: 2500 + n }),
    read: async (r) => (await a.call('time.rates.list', {})).items.find((y) => y.id === r.id)?.hourlyCents,
    remove: (r, version) => a.call('time.rates.delete', { id: r.id, version }),
    exists: async (r) => (await a.call('time.rates.list', {})).items.some((y) => y.id === r.id),
  }),
  kind({
    name: 'time pledge',
    open: () => a.call('time.pledges.save', { organisationId: ids.org, from: '2026-01-01', to: '2026-12-31', unit: 'hours', amount: 40, agreementReference: null, agreementDate: null }),
    save: (p, version, n) => a.call('time.pledges.save', { id: p.id, version, organisationId: ids.org, from: '2026-01-01', to: '2026-12-31', unit: 'hours', amount: 40 + n, agreementReference: null, agreementDate: null }),
    read: async (p) => (await a.call('time.pledges.list', {})).items.find((y) => y.id === p.id)?.amount,
    remove: (p, version) => a.call('time.pledges.delete', { id: p.id, version }),
    exists: async (p) => (await a.call('time.pledges.list', {})).items.some((y) => y.id === p.id),
  }),
];

describe('every record the UI edits refuses a save or a delete from a stale screen', () => {
  for (const k of KINDS) {
    it(`${k.name}: the second of two saves opened at the same version is refused and writes nothing`, async () => {
      const record = await k.open();
      const opened = record.version;
      await k.save(record, opened, 1);
      const afterFirst = await k.read(record);
      let refused: unknown = null;
      try {
        await k.save(record, opened, 2);
      } catch (e) {
        refused = e;
      }
      expect(String(refused)).toMatch(/CONFLICT Enregistrement modifié entre-temps par un test à 11:05 le 12 mars 2026/);
      expect(await k.read(record)).toEqual(afterFirst);
      // Reloaded at its new version, the save goes through.
      await k.save(record, opened + 1, 3);
      expect(await k.read(record)).not.toEqual(afterFirst);
    });
    if (k.remove) {
      it(`${k.name}: a delete from a screen opened before a save is refused and deletes nothing`, async () => {
        const record = await k.open();
        await k.save(record, record.version, 1);
        let refused: unknown = null;
        try {
          await k.remove!(record, record.version);
        } catch (e) {
          refused = e;
        }
        expect(String(refused)).toMatch(/CONFLICT Enregistrement modifié entre-temps par/);
        expect(await k.exists!(record)).toBe(true);
        await k.remove!(record, record.version + 1);
        expect(await k.exists!(record)).toBe(false);
      });
    }
  }

  it('settings: a second save from the form opened before the first is refused', async () => {
    const opened = await a.call('settings.get', {});
    const { version, ...values } = opened;
    const first = await a.call('settings.update', { ...values, version, city: 'Cahors' });
    expect(first.version).toBe(version + 1);
    const stale = await a.fail('settings.update', { ...values, version, city: 'Figeac' });
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message, stale.message).toMatch(STALE);
    expect((await a.call('settings.get', {})).city).toBe('Cahors');
  });

  it('the month grid: a cell changed by someone else since the grid was opened is not overwritten', async () => {
    const org = await a.call('organisations.create', { name: 'Grille', kind: 'member' });
    await a.call('people.addAffiliation', { personId: ids.person, organisationId: org.id, role: 'Bénévole', startDate: '2020-01-01' });
    const row = (minutes: number) => ({ personId: ids.person, categoryId: ids.category, cells: [{ from: '2026-02-02', to: '2026-02-02', minutes }] });
    const query = { organisationId: org.id, month: '2026-02', nature: 'volunteering' as const };
    await a.call('time.grid.save', { ...query, rows: [row(60)] });
    // Two people open the grid; the first changes the cell.
    const opened = (await a.call('time.grid.get', query)).entries.map((e) => ({ id: e.id, version: e.version }));
    expect(opened).toHaveLength(1);
    await a.call('time.grid.save', { ...query, rows: [row(90)], opened });
    const stale = await a.fail('time.grid.save', { ...query, rows: [row(120)], opened });
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toMatch(STALE);
    const emptied = await a.fail('time.grid.save', { ...query, rows: [row(0)], opened });
    expect(emptied.code).toBe('CONFLICT');
    expect((await a.call('time.grid.get', query)).entries.map((e) => e.minutes)).toEqual([90]);
    // Reopened, the save goes through.
    const reopened = (await a.call('time.grid.get', query)).entries.map((e) => ({ id: e.id, version: e.version }));
    await a.call('time.grid.save', { ...query, rows: [row(120)], opened: reopened });
    expect((await a.call('time.grid.get', query)).entries.map((e) => e.minutes)).toEqual([120]);
  });
});

describe('a report text saved by someone else since the page was opened is not overwritten', () => {
  it('refuses the second of two saves made from the same page, and the first text of a section typed twice', async () => {
    const report = await a.call('reports.annual', { year: 2026 });
    const version = report.textVersions?.outlook ?? 0;
    expect(version).toBe(0);
    const first = await a.call('reports.texts.save', { type: 'annual', periodKey: report.periodKey, section: 'outlook', body: 'Ouvrir une recyclerie.', version });
    const stale = await a.fail('reports.texts.save', { type: 'annual', periodKey: report.periodKey, section: 'outlook', body: 'Fermer.', version });
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toMatch(STALE);
    expect((await a.call('reports.texts.get', { type: 'annual', periodKey: report.periodKey })).texts.outlook).toBe('Ouvrir une recyclerie.');
    // At the version the first save returned, the next one goes through.
    const next = await a.call('reports.texts.save', { type: 'annual', periodKey: report.periodKey, section: 'outlook', body: 'Ouvrir deux recycleries.', version: first.versions!.outlook! });
    expect(next.texts.outlook).toBe('Ouvrir deux recycleries.');
    // Emptied from a stale page: refused too, the text stays.
    expect((await a.fail('reports.texts.save', { type: 'annual', periodKey: report.periodKey, section: 'outlook', body: '', version: first.versions!.outlook! })).code).toBe('CONFLICT');
  });
});
