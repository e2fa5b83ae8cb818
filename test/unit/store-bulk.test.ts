import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { isIsoDate } from '../../shared/validation/identifiers';
import { commitImport } from '../../electron/features/data/import/service';
import { parseSpreadsheet } from '../../electron/features/data/sheets/read';
import { saveGrid } from '../../electron/features/time/grid';
import { insertMany } from '../../electron/store/bulk';
import { rowsPerInsert } from '../../electron/store/dialect';
import { FIXED_NOW, openTestApp, type TestApp } from '../helpers/store';

/** Counts the statements built through the query builder (raw, prepared-once statements are not). */
class Counter implements KyselyPlugin {
  built = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.built += 1;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

let apps: TestApp[] = [];
afterEach(async () => {
  for (const a of apps) await a.close();
  apps = [];
});

async function setUp() {
  const a = await openTestApp();
  apps.push(a);
  const org = await a.call('organisations.create', { name: 'Ressourcerie du Lot', kind: 'member' });
  const people = [];
  for (let i = 0; i < 12; i++) {
    const p = await a.call('people.create', { firstName: `Prénom${i}`, lastName: `Nom${i}` });
    await a.call('people.addAffiliation', { personId: p.id, organisationId: org.id, role: 'Bénévole', startDate: '2020-01-01' });
    people.push(p);
  }
  const categories = (await a.call('time.categories.list', {})).items;
  return { a, org, people, categories };
}

describe('writes in bulk, sized for the engine, without a statement per row', () => {
  it('inserts more rows than one statement binds, in batches, every value in its place', async () => {
    const { a, org, categories } = await setUp();
    const columns = ['organisation_id', 'person_id', 'date', 'minutes', 'category_id', 'nature', 'hourly_rate_cents', 'value_cents', 'created_at', 'updated_at'];
    const per = rowsPerInsert(a.store.db, columns.length);
    // SQLite binds 32 766 values a statement, PostgreSQL 65 535.
    expect(per).toBe(Math.floor((a.store.dialect === 'postgres' ? 65_535 : 32_766) / columns.length));
    const count = per * 2 + 7;
    const rows = Array.from({ length: count }, (_, i) => [org.id, null, `2026-01-${String((i % 28) + 1).padStart(2, '0')}`, i + 1, categories[0]!.id, 'volunteering', 0, 0, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z']).map((r, i) => {
      r[3] = (i % 1440) + 1;
      return r;
    });
    await a.store.db.transaction().execute((trx) => insertMany(trx, 'time_entries', columns, rows));
    expect(await a.count('time_entries')).toBe(count);
    const last = await a.store.db.selectFrom('time_entries').select(['minutes', 'date', 'version']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(last).toEqual({ minutes: ((count - 1) % 1440) + 1, date: `2026-01-${String(((count - 1) % 28) + 1).padStart(2, '0')}`, version: 1 });
  });

  it('saves a month grid with as many statements for 1 000 cells as for 10', async () => {
    const { a, org, people, categories } = await setUp();
    const statementsFor = async (lines: number, days: number, minutes: number) => {
      const counter = new Counter();
      const rows = people.slice(0, lines).flatMap((p) =>
        categories.slice(0, 3).map((c) => ({ personId: p.id, categoryId: c.id, cells: Array.from({ length: days }, (_, d) => ({ from: `2026-03-${String(d + 1).padStart(2, '0')}`, to: `2026-03-${String(d + 1).padStart(2, '0')}`, minutes })) })),
      );
      await saveGrid({ db: a.store.db.withPlugin(counter), now: () => FIXED_NOW, runtime: 'test' }, { organisationId: org.id, month: '2026-03', nature: 'volunteering', rows });
      return counter.built;
    };
    // Created, then every cell updated: the updates reuse one statement.
    await statementsFor(12, 28, 60);
    const many = await statementsFor(12, 28, 90);
    await statementsFor(1, 4, 60);
    const few = await statementsFor(1, 4, 30);
    expect(many).toBe(few);
    expect((await a.call('time.grid.get', { organisationId: org.id, month: '2026-03', nature: 'volunteering' })).entries.filter((e) => e.minutes === 90)).toHaveLength(12 * 3 * 28 - 3 * 4);
  });

  it('imports a CSV of time entries with as many statements for 1 000 lines as for 60', async () => {
    const { a, org, people, categories } = await setUp();
    const statementsFor = async (lines: number, month: number) => {
      const csv = ['Structure;Personne;Date;Durée;Catégorie;Nature'];
      for (let i = 0; i < lines; i++) {
        const p = people[i % people.length]!;
        const c = categories[Math.floor(i / people.length) % 3]!;
        csv.push(`${org.name};${p.firstName} ${p.lastName};${String(Math.floor(i / 36) + 1).padStart(2, '0')}/${String(month).padStart(2, '0')}/2026;1h;${c.name};bénévolat`);
      }
      const counter = new Counter();
      const sheet = parseSpreadsheet(new TextEncoder().encode(csv.join('\r\n')), 'temps.csv');
      const result = await commitImport({ db: a.store.db.withPlugin(counter), now: () => FIXED_NOW, runtime: 'test' }, sheet, { type: 'time', duplicates: { default: 'skip' } }, 'temps.csv');
      expect(result.created).toBe(lines);
      return counter.built;
    };
    expect(await statementsFor(1_000, 1)).toBe(await statementsFor(60, 2));
    expect(await a.count('time_entries')).toBe(1_060);
  });

  it('checks a date without a Date object exactly as before', () => {
    const before = (value: string) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
      const [y, m, d] = value.split('-').map(Number) as [number, number, number];
      const date = new Date(Date.UTC(y, m - 1, d));
      return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
    };
    const samples = ['0000-01-01', '0099-12-31', '0100-01-01', '1900-02-29', '2000-02-29', '2024-02-29', '2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '9999-12-31', '2026-1-01', 'x'];
    for (let y = 1899; y <= 2101; y += 7) for (let m = 0; m <= 13; m++) for (const d of [0, 1, 28, 29, 30, 31, 32]) samples.push(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    for (const s of samples) expect(isIsoDate(s), s).toBe(before(s));
  });
});
