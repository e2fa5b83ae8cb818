import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/api/errors';
import { exportArchive, serializeArchive } from '../../electron/features/archive/export';
import { importArchive } from '../../electron/features/archive/import';
import { createDispatcher } from '../../electron/api/dispatch';
import { createHandlers } from '../../electron/app/handlers';
import { FIXED_NOW, openTestApp, tempDir, type TestApp } from '../helpers/store';

const apps: TestApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

async function fresh(): Promise<TestApp> {
  const app = await openTestApp(path.join(tempDir(), 'maillage.sqlite'));
  apps.push(app);
  return app;
}

async function withTimeRecords(): Promise<TestApp> {
  const app = await fresh();
  const alpha = await app.call('organisations.create', { kind: 'member', name: 'Ressourcerie Alpha' });
  const anne = await app.call('people.create', { firstName: 'Anne', lastName: 'Bernard' });
  await app.call('people.addAffiliation', { personId: anne.id, organisationId: alpha.id, role: 'Directrice', startDate: '2020-01-01' });
  const extra = await app.call('time.categories.create', { name: 'Formation' });
  const cats = (await app.call('time.categories.list', {})).items;
  await app.call('time.categories.update', { id: cats.find((c) => c.code === 'other')!.id, name: 'Divers', active: false });
  await app.call('time.rates.save', { scope: 'person', personId: anne.id, validFrom: '2025-01-01', hourlyCents: 2750, note: 'Salaire chargé' });
  await app.call('time.rates.save', { scope: 'organisation', organisationId: alpha.id, validFrom: '2024-01-01', hourlyCents: 2300 });
  await app.call('time.rates.save', { scope: 'default', validFrom: '2024-01-01', hourlyCents: 1900 });
  const now = FIXED_NOW.toISOString();
  const meeting = await app.store.db
    .insertInto('meetings')
    .values({ kind: 'coordination', title: 'Coordination de printemps', date: '2025-03-12', start_time: '09:30', end_time: '12:00', status: 'draft', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await app.store.db.insertInto('attendances').values({ meeting_id: meeting.id, person_id: anne.id, organisation_id: alpha.id, status: 'present', invited: 1, voting: 1 }).execute();
  await app.call('time.fromMeeting', { meetingId: meeting.id, travelMinutes: 45 });
  await app.call('time.entries.create', { organisationId: alpha.id, personId: null, date: '2024-06-01', minutes: '7h', categoryId: extra.id, nature: 'volunteering', activityId: 12, note: 'Stand « Faïte de la récup »' });
  await app.call('time.pledges.save', { organisationId: alpha.id, from: '2024-07-01', to: '2026-12-31', unit: 'etp', amount: 0.5, agreementReference: 'CMD-2024', agreementDate: '2024-06-15' });
  await app.call('time.pledges.save', { organisationId: alpha.id, from: '2025-01-01', to: '2025-12-31', unit: 'hours', amount: 80.5 });
  const period = await app.call('time.periods.close', { from: '2024-01-01', to: '2024-12-31', label: 'Exercice 2024' });
  await app.call('time.periods.reopen', { id: period.id, reason: 'Correction demandée par Alpha' });
  await app.call('time.periods.close', { from: '2024-01-01', to: '2024-12-31', label: 'Exercice 2024 (corrigé)' });
  // Validation (issue 14): hours entered by Alpha's account, its month validated, a change asked for.
  const member = createDispatcher(
    createHandlers(app.store, { runtime: 'test', now: () => FIXED_NOW, caller: { kind: 'user', userId: 1, email: 'alpha@exemple.fr', displayName: 'Alpha', role: 'structure', organisationId: alpha.id } }),
  );
  const grid = (minutes: number) => ({ organisationId: alpha.id, month: '2026-02', nature: 'secondment', rows: [{ personId: anne.id, categoryId: extra.id, cells: [{ from: '2026-02-03', to: '2026-02-03', minutes }] }] });
  expect((await member('time.grid.save', grid(120))).ok).toBe(true);
  await app.call('time.validation.validateMonth', { organisationId: alpha.id, month: '2026-02' });
  expect((await member('time.validation.requestChange', { ...grid(150), reason: 'Une demi-heure oubliée' })).ok).toBe(true);
  return app;
}

describe('time records in the archive', () => {
  it('export → import into an empty database → export gives the same file, every time table included', async () => {
    const source = await withTimeRecords();
    const first = await exportArchive(source.store.db, { schemaVersion: source.store.schemaVersion, now: () => new Date('2026-03-12T10:00:00Z') });
    const counts = Object.fromEntries(Object.entries(first.tables).filter(([name]) => name.startsWith('time_')).map(([name, rows]) => [name, rows.length]));
    expect(counts).toEqual({ time_categories: 11, time_rates: 3, time_entries: 3, time_pledges: 2, time_closed_periods: 2, time_period_log: 3, time_month_validations: 1, time_change_requests: 1 });
    expect(first.tables.time_entries![0]).toMatchObject({ meeting_id: expect.any(Number), minutes: 195, hourly_rate_cents: 2750, value_cents: 8938 });

    const target = await fresh();
    await importArchive(target.store.db, JSON.parse(serializeArchive(first)), { schemaVersion: target.store.schemaVersion });
    const second = await exportArchive(target.store.db, { schemaVersion: target.store.schemaVersion, now: () => new Date('2026-03-12T10:00:00Z') });
    expect(serializeArchive(second)).toBe(serializeArchive(first));
    // The restored ledger still locks its closed year and keeps counting each person once per meeting.
    const locked = await target.fail('time.entries.delete', { id: first.tables.time_entries![1]!.id as number });
    expect(locked.code).toBe('LOCKED');
    const summary = await target.call('time.summary', { from: '2024-01-01', to: '2025-12-31', by: 'organisation' });
    expect(summary.total).toMatchObject({ minutes: 195 + 420, valueCents: 8938 + 16100 });
  });

  it('refuses rows whose value does not follow from their duration and rate, or whose rate scope is inconsistent, by JSON path', async () => {
    const source = await withTimeRecords();
    const archive = await exportArchive(source.store.db, { schemaVersion: source.store.schemaVersion });
    archive.tables.time_entries![0]!.value_cents = 1;
    archive.tables.time_rates![0]!.organisation_id = 1;
    archive.tables.time_entries![1]!.minutes = 0;
    const target = await fresh();
    const error = await importArchive(target.store.db, archive, { schemaVersion: target.store.schemaVersion }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).issues?.map((i) => [i.path, i.key])).toEqual([
      ['$.tables.time_rates[0].scope', 'error.time.archiveRateScope'],
      ['$.tables.time_entries[0].value_cents', 'error.time.archiveValue'],
      ['$.tables.time_entries[1].minutes', 'error.time.durationZero'],
      ['$.tables.time_entries[1].value_cents', 'error.time.archiveValue'],
    ]);
    expect(await target.count('time_entries')).toBe(0);
  });
});
