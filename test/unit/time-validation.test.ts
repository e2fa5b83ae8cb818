import { LATEST_SCHEMA_VERSION } from '../../electron/store/migrations/index';
import { Packer } from 'docx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/api/dispatch';
import { createHandlers } from '../../electron/app/handlers';
import { exportArchive } from '../../electron/features/archive/export';
import { importArchive } from '../../electron/features/archive/import';
import { reminderFor } from '../../electron/features/time/validation';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract';
import type { ApiError } from '../../shared/api/errors';
import type { Actor, Role } from '../../shared/api/roles';
import { buildCertificate } from '../../shared/documents/time/certificate';
import { annualReportDocument } from '../../shared/features/activities/documents';
import { plain, readDocx } from '../helpers/docx';
import { openStore } from '../../electron/store/engine';
import { MIGRATIONS } from '../../electron/store/migrations/index';
import { dropTestTarget, FIXED_NOW, openTestApp, testTarget, type TestApp } from '../helpers/store';

let app: TestApp;
beforeEach(async () => {
  app = await openTestApp();
});
afterEach(async () => {
  await app.close();
});

/** The same base as `app`, called through the real dispatcher as a server account of that role. */
function as(role: Role, organisationId: number | null) {
  const caller: Actor = { kind: 'user', userId: 7, email: `${role}@exemple.fr`, displayName: `Compte ${role}`, role, organisationId };
  const dispatch = createDispatcher(createHandlers(app.store, { runtime: 'test', now: () => FIXED_NOW, caller }), { validateOutput: true });
  return {
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      const result = await dispatch(method, input);
      if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
      return result.value as never;
    },
    async fail<M extends MethodName>(method: M, input: MethodInput<M>): Promise<ApiError> {
      const result = await dispatch(method, input);
      if (result.ok) throw new Error(`${method} was expected to fail`);
      return result.error;
    },
  };
}

async function setup() {
  const alpha = await app.call('organisations.create', { kind: 'member', name: 'Ressourcerie Alpha', email: 'contact@alpha.fr' });
  const beta = await app.call('organisations.create', { kind: 'member', name: 'Recyclerie Bêta' });
  const anne = await app.call('people.create', { firstName: 'Anne', lastName: 'Bernard', email: 'anne@alpha.fr' });
  const bruno = await app.call('people.create', { firstName: 'Bruno', lastName: 'Colas' });
  await app.call('people.addAffiliation', { personId: anne.id, organisationId: alpha.id, role: 'Coordinatrice', startDate: '2020-01-01' });
  await app.call('people.addAffiliation', { personId: bruno.id, organisationId: beta.id, role: 'Encadrant', startDate: '2020-01-01' });
  await app.call('memberships.save', { organisationId: alpha.id, year: 2026, feeDueCents: 5000, amountPaidCents: 0, votingPersonId: anne.id });
  await app.call('memberships.save', { organisationId: beta.id, year: 2026, feeDueCents: 5000, amountPaidCents: 0 });
  const categories = (await app.call('time.categories.list', {})).items;
  const cat = (code: string) => categories.find((c) => c.code === code)!.id;
  const member = as('structure', alpha.id);
  return { alpha, beta, anne, bruno, cat, member };
}

const february = (personId: number, categoryId: number, cells: [string, number][]) => ({
  month: '2026-02',
  nature: 'secondment' as const,
  rows: [{ personId, categoryId, cells: cells.map(([day, minutes]) => ({ from: day, to: day, minutes })) }],
});

describe('validation of the hours a member organisation enters', () => {
  it('hours entered by a structure wait « à valider »; the secretariat’s and the local ones are validated as written', async () => {
    const { alpha, anne, cat, member } = await setup();
    // Local (the person at the machine): validated directly.
    await app.call('time.entries.create', { organisationId: alpha.id, personId: anne.id, date: '2026-02-02', minutes: '2h', categoryId: cat('coordination'), nature: 'secondment' });
    await member.call('time.grid.save', { organisationId: alpha.id, ...february(anne.id, cat('observatory'), [['2026-02-03', 180], ['2026-02-04', 60]]) });
    const secretariat = as('secretariat', null);
    await secretariat.call('time.entries.create', { organisationId: alpha.id, personId: anne.id, date: '2026-02-05', minutes: '1h', categoryId: cat('coordination'), nature: 'secondment' });

    const grid = await member.call('time.grid.get', { organisationId: alpha.id, month: '2026-02', nature: 'secondment' });
    expect(grid.entries.map((e) => [e.date, e.status])).toEqual([
      ['2026-02-02', 'validated'],
      ['2026-02-03', 'pending'],
      ['2026-02-04', 'pending'],
      ['2026-02-05', 'validated'],
    ]);
    expect(grid.monthValidated).toBe(false);

    // Counts: validated hours only, the waiting ones said apart.
    const certificate = await app.call('time.certificate', { organisationId: alpha.id, from: '2026-01-01', to: '2026-12-31' });
    expect(certificate.total.minutes).toBe(180);
    expect(certificate.pendingMinutes).toBe(240);
    const summary = await app.call('time.summary', { from: '2026-01-01', to: '2026-12-31', by: 'organisation' });
    expect(summary.total.minutes).toBe(180);
    expect(summary.pendingMinutes).toBe(240);
    const network = await app.call('time.networkSummary', { from: '2026-01-01', to: '2026-12-31' });
    expect(network.total.minutes).toBe(180);
    expect(network.pendingMinutes).toBe(240);

    const doc = readDocx(await Packer.toBuffer(buildCertificate(certificate)));
    expect(doc.paragraphs.map(plain).join('\n')).toContain('S’y ajouteront 4 h saisies par la structure et encore à valider par le secrétariat');

    // The grid's rows show the structure's own staff only (not Bruno of Bêta).
    expect(grid.people.map((p) => p.name)).toEqual(['Anne Bernard']);
  });

  it('validates a month in one action (one change log line), then the structure asks before changing it; the request is accepted and applied', async () => {
    const { alpha, anne, cat, member } = await setup();
    await member.call('time.grid.save', { organisationId: alpha.id, ...february(anne.id, cat('observatory'), [['2026-02-03', 180], ['2026-02-04', 60]]) });
    const coordination = as('coordination', null);
    const before = await app.count('audit_log');
    expect(await coordination.call('time.validation.validateMonth', { organisationId: alpha.id, month: '2026-02' })).toEqual({ validated: 2 });
    expect(await app.count('audit_log')).toBe(before + 1);
    expect((await app.call('time.certificate', { organisationId: alpha.id, from: '2026-02-01', to: '2026-02-28' })).total.minutes).toBe(240);

    // The structure can no longer change the month directly: LOCKED, nothing written.
    const locked = await member.fail('time.grid.save', { organisationId: alpha.id, ...february(anne.id, cat('observatory'), [['2026-02-03', 120]]) });
    expect(locked.code).toBe('LOCKED');
    expect(locked.message).toContain('février 2026 est validé');
    const oneEntry = await app.call('time.entries.list', { organisationId: alpha.id });
    const locked2 = await member.fail('time.entries.delete', { id: oneEntry.items[0]!.id });
    expect(locked2.code).toBe('LOCKED');
    // Adding a new line to the validated month is a change too.
    expect((await member.fail('time.entries.create', { organisationId: alpha.id, personId: anne.id, date: '2026-02-20', minutes: '1h', categoryId: cat('coordination'), nature: 'secondment' })).code).toBe('LOCKED');
    expect(await app.count('time_entries')).toBe(2);

    // It asks: what (the grid's cells) and why.
    const request = await member.call('time.validation.requestChange', {
      organisationId: alpha.id,
      ...february(anne.id, cat('observatory'), [['2026-02-03', 120], ['2026-02-04', 60], ['2026-02-10', 30]]),
      reason: 'Erreur de saisie le 3, oubli du 10',
    });
    expect(request.status).toBe('pending');
    expect(request.changes.map((c) => [c.from, c.beforeMinutes, c.minutes])).toEqual([
      ['2026-02-03', 180, 120],
      ['2026-02-10', 0, 30],
    ]);
    expect(request.changes[0]!.personName).toBe('Anne Bernard');
    expect((await member.call('time.grid.get', { organisationId: alpha.id, month: '2026-02', nature: 'secondment' })).openRequests).toBe(1);
    // A request for nothing is refused.
    expect((await member.fail('time.validation.requestChange', { organisationId: alpha.id, ...february(anne.id, cat('observatory'), [['2026-02-04', 60]]), reason: 'rien' })).issues?.[0]?.key).toBe(
      'error.timeValidation.nothingToChange',
    );
    // The structure cannot answer its own request.
    expect((await member.fail('time.validation.acceptRequest', { id: request.id })).code).toBe('FORBIDDEN');

    const accepted = await app.call('time.validation.acceptRequest', { id: request.id });
    expect(accepted).toMatchObject({ status: 'accepted', decidedBy: expect.any(String) });
    const entries = (await app.call('time.entries.list', { organisationId: alpha.id })).items;
    expect(entries.map((e) => [e.date, e.minutes, e.status]).sort()).toEqual([
      ['2026-02-03', 120, 'validated'],
      ['2026-02-04', 60, 'validated'],
      ['2026-02-10', 30, 'validated'],
    ]);
    // Answered once only.
    expect((await app.fail('time.validation.refuseRequest', { id: request.id, reason: 'trop tard' })).code).toBe('CONFLICT');
  });

  it('refuses a request with a reason the structure reads, and refuses to apply one whose cells changed since', async () => {
    const { alpha, anne, cat, member } = await setup();
    await member.call('time.grid.save', { organisationId: alpha.id, ...february(anne.id, cat('observatory'), [['2026-02-03', 180]]) });
    await app.call('time.validation.validateMonth', { organisationId: alpha.id, month: '2026-02' });
    const first = await member.call('time.validation.requestChange', { organisationId: alpha.id, ...february(anne.id, cat('observatory'), [['2026-02-03', 240]]), reason: 'Une heure de plus' });
    const refused = await app.call('time.validation.refuseRequest', { id: first.id, reason: 'Pas de pièce justificative' });
    expect(refused).toMatchObject({ status: 'refused', decisionReason: 'Pas de pièce justificative' });
    const seen = await member.call('time.validation.list', {});
    expect(seen.requests.map((r) => [r.status, r.decisionReason])).toEqual([['refused', 'Pas de pièce justificative']]);

    const second = await member.call('time.validation.requestChange', { organisationId: alpha.id, ...february(anne.id, cat('observatory'), [['2026-02-03', 200]]), reason: 'Vingt minutes de plus' });
    // The secretariat corrected the cell meanwhile: accepting would overwrite it.
    await app.call('time.grid.save', { organisationId: alpha.id, ...february(anne.id, cat('observatory'), [['2026-02-03', 210]]) });
    const conflict = await app.fail('time.validation.acceptRequest', { id: second.id });
    expect(conflict.code).toBe('CONFLICT');
    expect((await app.call('time.entries.list', { organisationId: alpha.id })).items[0]!.minutes).toBe(210);
    expect((await app.call('time.validation.list', {})).requests.map((r) => r.status)).toEqual(['pending']);
  });

  it('line by line: validates or refuses with a reason; a refused line stays visible to the structure, counts nowhere, and comes back « à valider » once corrected', async () => {
    const { alpha, anne, cat, member } = await setup();
    await member.call('time.grid.save', { organisationId: alpha.id, ...february(anne.id, cat('observatory'), [['2026-02-03', 180], ['2026-02-04', 60]]) });
    const waiting = await app.call('time.validation.list', { organisationId: alpha.id, month: '2026-02' });
    expect(waiting.pendingMinutes).toBe(240);
    const [first, second] = waiting.lines;
    // A refusal needs its reason; nothing written without it.
    const noReason = await app.fail('time.validation.reviewLines', { ids: [second!.id], decision: 'refuse' });
    expect(noReason.issues?.[0]).toMatchObject({ path: 'reason', key: 'error.timeValidation.reasonRequired' });
    expect(await app.call('time.validation.reviewLines', { ids: [first!.id], decision: 'validate' })).toEqual({ validated: 1, refused: 0 });
    expect(await app.call('time.validation.reviewLines', { ids: [second!.id], decision: 'refuse', reason: 'Anne était en congé le 4' })).toEqual({ validated: 0, refused: 1 });
    // A validated line cannot be refused afterwards; a missing id is named.
    const bad = await app.fail('time.validation.reviewLines', { ids: [first!.id, 99999], decision: 'refuse', reason: 'non' });
    expect(bad.issues?.map((i) => [i.path, i.key])).toEqual([
      ['ids[0]', 'error.timeValidation.notPending'],
      ['ids[1]', 'error.notFound'],
    ]);

    const mine = await member.call('time.validation.list', {});
    expect(mine.lines.map((l) => [l.date, l.status, l.reviewReason])).toEqual([['2026-02-04', 'refused', 'Anne était en congé le 4']]);
    expect(mine.refusedMinutes).toBe(60);
    expect((await app.call('time.certificate', { organisationId: alpha.id, from: '2026-02-01', to: '2026-02-28' })).total.minutes).toBe(180);
    expect((await app.call('time.certificate', { organisationId: alpha.id, from: '2026-02-01', to: '2026-02-28' })).pendingMinutes).toBe(0);

    // The validated line is the structure's no more; the refused one it corrects: « à valider » again.
    expect((await member.fail('time.grid.save', { organisationId: alpha.id, ...february(anne.id, cat('observatory'), [['2026-02-03', 120]]) })).code).toBe('LOCKED');
    await member.call('time.grid.save', { organisationId: alpha.id, ...february(anne.id, cat('observatory'), [['2026-02-04', 30]]) });
    const corrected = (await app.call('time.entries.list', { organisationId: alpha.id })).items.find((e) => e.date === '2026-02-04')!;
    expect(corrected).toMatchObject({ minutes: 30, status: 'pending', reviewReason: null });
  });

  it('a structure account reads and writes its own organisation only; it neither validates nor sees the overview', async () => {
    const { alpha, beta, bruno, cat, member } = await setup();
    expect((await member.fail('time.grid.save', { organisationId: beta.id, ...february(bruno.id, cat('observatory'), [['2026-02-03', 60]]) })).code).toBe('FORBIDDEN');
    // Its own grid, but another organisation's employee: refused, naming the person.
    const notStaff = await member.fail('time.grid.save', { organisationId: alpha.id, ...february(bruno.id, cat('observatory'), [['2026-02-03', 60]]) });
    // Refused by the access rules before the service (which would name the person) is reached.
    expect(notStaff.code).toBe('FORBIDDEN');
    expect((await member.fail('time.entries.create', { organisationId: alpha.id, personId: bruno.id, date: '2026-02-03', minutes: '1h', categoryId: cat('coordination'), nature: 'secondment' })).code).toBe('FORBIDDEN');
    expect((await member.fail('time.validation.list', { organisationId: beta.id })).code).toBe('FORBIDDEN');
    expect((await member.fail('time.validation.validateMonth', { organisationId: alpha.id, month: '2026-02' })).code).toBe('FORBIDDEN');
    expect((await member.fail('time.validation.overview', { month: '2026-02', year: 2026 })).code).toBe('FORBIDDEN');
    expect((await member.fail('member.meetings', { organisationId: beta.id })).code).toBe('FORBIDDEN');
    expect((await as('lecture', null).fail('time.validation.reviewLines', { ids: [1], decision: 'validate' })).code).toBe('FORBIDDEN');
    expect(await app.count('time_entries')).toBe(0);
    expect(await member.call('app.caller', {})).toMatchObject({ kind: 'user', role: 'structure', organisationId: alpha.id });
    expect(await app.call('app.caller', {})).toEqual({ kind: 'local' });
  });

  it('the overview says who entered their month and their year; the reminder names its recipients and what is missing, and sends nothing', async () => {
    const { alpha, beta, anne, cat, member } = await setup();
    await member.call('time.grid.save', { organisationId: alpha.id, ...february(anne.id, cat('observatory'), [['2026-02-03', 180]]) });
    const indicators = (await app.call('observatory.indicators.list', {})).items;
    await member.call('observatory.save', { organisationId: alpha.id, year: 2025, values: [{ indicatorId: indicators[0]!.id, value: 12 }] });
    const overview = await app.call('time.validation.overview', { month: '2026-02', year: 2025 });
    expect(overview.lines.map((l) => [l.organisationName, l.enteredMinutes, l.validatedMinutes, l.pendingMinutes, l.monthValidated, l.figuresReceived])).toEqual([
      ['Recyclerie Bêta', 0, 0, 0, false, 0],
      ['Ressourcerie Alpha', 180, 0, 180, false, 1],
    ]);
    expect(overview.lines[0]!.indicatorCount).toBe(indicators.filter((i) => i.active).length);

    const reminder = await app.call('time.validation.reminder', { organisationId: beta.id, month: '2026-02' });
    expect(reminder.recipients).toEqual([]);
    expect(reminder.subject).toContain('février 2026');
    expect(reminder.text).toContain('Nous n’avons pas encore reçu le temps de Recyclerie Bêta pour février 2026');
    expect(reminder.text).toContain('observatoire 2025');
    const toAlpha = await reminderFor({ db: app.store.db, now: () => FIXED_NOW, runtime: 'test' }, alpha.id, '2026-02');
    expect(toAlpha.recipients).toEqual([
      { name: 'Ressourcerie Alpha', email: 'contact@alpha.fr' },
      { name: 'Anne Bernard', email: 'anne@alpha.fr' },
    ]);
    expect(toAlpha.text).toContain('a saisi 3 h');
    expect(toAlpha.text).not.toContain('observatoire');
  });

  it('the annual report counts validated hours and its document says how many wait', async () => {
    const { alpha, anne, cat, member } = await setup();
    await app.call('time.entries.create', { organisationId: alpha.id, personId: anne.id, date: '2026-01-05', minutes: '2h', categoryId: cat('coordination'), nature: 'secondment' });
    await member.call('time.grid.save', { organisationId: alpha.id, ...february(anne.id, cat('observatory'), [['2026-02-03', 90]]) });
    const report = await app.call('reports.annual', { year: 2026 });
    expect(report.figures.time).toMatchObject({ minutes: 120, pendingMinutes: 90 });
    const doc = readDocx(await Packer.toBuffer(annualReportDocument(report, [])));
    expect(doc.paragraphs.map(plain).join('\n')).toContain('S’y ajouteront 1 h 30 saisies par les structures et encore à valider par le secrétariat');
  });

  it('the pledge counts validated hours and says how many wait', async () => {
    const { alpha, anne, cat, member } = await setup();
    await app.call('time.pledges.save', { organisationId: alpha.id, from: '2026-01-01', to: '2026-12-31', unit: 'hours', amount: 100 });
    await app.call('time.entries.create', { organisationId: alpha.id, personId: anne.id, date: '2026-01-05', minutes: '2h', categoryId: cat('coordination'), nature: 'secondment' });
    await member.call('time.grid.save', { organisationId: alpha.id, ...february(anne.id, cat('observatory'), [['2026-02-03', 180]]) });
    const [pledge] = (await member.call('time.pledges.list', { organisationId: alpha.id })).items;
    expect(pledge).toMatchObject({ givenMinutes: 120, pendingMinutes: 180, remainingMinutes: 6000 - 120 });
  });
});

describe('migration 0011', () => {
  it('validates the entries already there (typed by the secretariat before validation existed)', async () => {
    const target = testTarget('before-0011.sqlite');
    const old = await openStore(target, { migrations: MIGRATIONS.filter((m) => m.version < 11) });
    const now = FIXED_NOW.toISOString();
    const org = await old.db
      .insertInto('organisations')
      .values({ name: 'Ressourcerie Alpha', name_key: 'ressourcerie alpha', kind: 'member', created_at: now, updated_at: now } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    const category = await old.db.insertInto('time_categories').values({ code: null, name: 'Coordination', position: 10, active: 1 }).returning('id').executeTakeFirstOrThrow();
    await old.db
      .insertInto('time_entries')
      .values({
        organisation_id: org.id,
        person_id: null,
        date: '2025-05-02',
        minutes: 90,
        category_id: category.id,
        nature: 'secondment',
        meeting_id: null,
        activity_id: null,
        note: null,
        rate_id: null,
        hourly_rate_cents: 2000,
        value_cents: 3000,
        created_at: now,
        updated_at: now,
      } as never)
      .execute();
    await old.close();
    const store = await openStore(target);
    try {
      expect(store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      expect(await store.db.selectFrom('time_entries').select(['minutes', 'status', 'review_reason']).execute()).toEqual([{ minutes: 90, status: 'validated', review_reason: null }]);
    } finally {
      await store.close();
      await dropTestTarget(target);
    }
  });
});

describe('archives written before validation existed', () => {
  it('import with their entries validated (no status columns, no validation tables)', async () => {
    const { alpha, anne, cat } = await setup();
    await app.call('time.entries.create', { organisationId: alpha.id, personId: anne.id, date: '2026-01-05', minutes: '2h', categoryId: cat('coordination'), nature: 'secondment' });
    const archive = await exportArchive(app.store.db, { schemaVersion: app.store.schemaVersion, now: () => FIXED_NOW });
    delete archive.tables.time_month_validations;
    delete archive.tables.time_change_requests;
    for (const row of archive.tables.time_entries!) for (const column of ['status', 'review_reason', 'reviewed_at', 'reviewed_by']) delete row[column];
    const target = await openTestApp();
    try {
      await importArchive(target.store.db, JSON.parse(JSON.stringify(archive)), { schemaVersion: target.store.schemaVersion });
      expect((await target.call('time.entries.list', {})).items.map((e) => [e.minutes, e.status])).toEqual([[120, 'validated']]);
    } finally {
      await target.close();
    }
  });
});
