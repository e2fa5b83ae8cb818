import fs from 'node:fs';
import { ACCOUNT_TABLES } from '../../electron/features/accounts/tables';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSearchIndexTable } from '../../electron/store/search-index';
import { AppError } from '../../shared/api/errors';
import { ARCHIVE_FORMAT_VERSION, type Archive } from '../../shared/features/archive/schemas';
import { translate } from '../../shared/i18n/index';
import { createHandlers } from '../../electron/app/handlers';
import { createApiCall } from '../../electron/cli/api';
import { exportArchive, serializeArchive, writeArchiveFile } from '../../electron/features/archive/export';
import {
  MAX_REPORTED_ISSUES,
  countArchivedRows,
  importArchive,
  locateJsonError,
  parseArchiveText,
  readArchiveFile,
} from '../../electron/features/archive/import';
import { ARCHIVED_TABLES } from '../../electron/features/archive/tables';
import { generateDemo } from '../../electron/features/demo/generate';
import { openStore, type Store } from '../../electron/store/engine';
import { dropTestTarget, onSqlite, testTarget } from '../helpers/store';

const NOW = new Date('2026-11-15T09:00:00.000Z');
const now = () => NOW;

let dir: string;
const opened: { store: Store; target: string }[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-archive-'));
});

afterEach(async () => {
  for (const { store, target } of opened.splice(0)) {
    await store.close();
    await dropTestTarget(target);
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

async function open(name: string): Promise<Store> {
  // On the PostgreSQL run, a fresh schema of the test server instead of a file.
  const target = testTarget(name);
  const store = await openStore(target);
  opened.push({ store, target });
  return store;
}

/** The demo, generated through the API once per file (seconds, more on PostgreSQL), then imported from its archive. */
let demoArchive: string | null = null;

async function demoStore(name = 'demo.sqlite'): Promise<Store> {
  const store = await open(name);
  if (demoArchive === null) {
    await generateDemo(createApiCall(createHandlers(store, { runtime: 'test', now })), { now: NOW });
    demoArchive = serializeArchive(await exported(store));
  } else {
    await importArchive(store.db, JSON.parse(demoArchive), { schemaVersion: store.schemaVersion });
  }
  return store;
}

async function exported(store: Store): Promise<Archive> {
  return exportArchive(store.db, { schemaVersion: store.schemaVersion, now });
}

/** Catches the AppError an import throws, so its key, params and issues can be compared. */
async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('the import was accepted');
}

function paths(error: AppError): string[] {
  return (error.issues ?? []).map((i) => i.path);
}

// Read from SQLite's catalogue; the same migrations make the same tables on PostgreSQL.
describe.runIf(onSqlite)('archive registry', () => {
  function databaseTables(store: Store): string[] {
    const rows = store.sqlite!
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name")
      .all() as { name: string }[];
    // The full-text index is derived from the records (electron/store/search-index.ts): rebuilt, never archived.
    // The server's accounts and sessions stay on the server (electron/features/accounts/tables.ts).
    return rows.map((r) => r.name).filter((name) => !isSearchIndexTable(name) && !(ACCOUNT_TABLES as readonly string[]).includes(name));
  }

  it('archives every table of the database (a feature that adds a table registers it)', async () => {
    const store = await open('schema.sqlite');
    const missing = databaseTables(store).filter((t) => !ARCHIVED_TABLES.some((a) => a.name === t));
    expect(missing, `tables missing from ARCHIVED_TABLES (electron/features/archive/tables.ts): ${missing.join(', ')}`).toEqual([]);
  });

  it('declares each archived table with exactly its columns, keys and constraints, in foreign-key order', async () => {
    const store = await open('schema.sqlite');
    const existing = databaseTables(store);
    const position = new Map(ARCHIVED_TABLES.map((t, i) => [t.name, i]));
    for (const table of ARCHIVED_TABLES) {
      expect(existing, table.name).toContain(table.name);
      const columns = store.sqlite!.pragma(`table_info(${table.name})`) as { name: string; pk: number }[];
      expect(table.columns, table.name).toEqual(columns.map((c) => c.name));
      expect(table.primaryKey, table.name).toBe(columns.find((c) => c.pk === 1)?.name);

      const foreignKeys = store.sqlite!.pragma(`foreign_key_list(${table.name})`) as { table: string; from: string; to: string | null }[];
      expect(table.references, table.name).toEqual(Object.fromEntries(foreignKeys.map((f) => [f.from, f.table])));
      for (const f of foreignKeys) {
        const target = ARCHIVED_TABLES.find((t) => t.name === f.table);
        expect(target, `${table.name}.${f.from} → ${f.table}`).toBeDefined();
        // References are checked against the target's primary key.
        expect(f.to ?? target!.primaryKey, `${table.name}.${f.from}`).toBe(target!.primaryKey);
        // A referenced table is written before the tables that reference it (a table may reference itself).
        if (f.table !== table.name) expect(position.get(target!.name)!, `${f.table} before ${table.name}`).toBeLessThan(position.get(table.name)!);
      }

      const indexes = (store.sqlite!.pragma(`index_list(${table.name})`) as { name: string; unique: number; origin: string }[]).filter(
        (i) => i.unique === 1 && i.origin !== 'pk',
      );
      const unique = indexes.map((i) => (store.sqlite!.pragma(`index_info(${i.name})`) as { name: string }[]).map((c) => c.name));
      expect([...table.unique].map((u) => [...u]).sort(), table.name).toEqual(unique.sort());
    }
  });
});

describe('archive round trip', { timeout: 120_000 }, () => {
  it('export → import into an empty database → export gives the same file', async () => {
    const source = await demoStore();
    const first = await exported(source);
    expect(first.tables.organisations!.length).toBeGreaterThanOrEqual(20);
    expect(first.tables.memberships!.length).toBeGreaterThan(50);
    const file = path.join(dir, 'demo.json');
    writeArchiveFile(file, first);

    const target = await open('restored.sqlite');
    const summary = await importArchive(target.db, readArchiveFile(file), { schemaVersion: target.schemaVersion });
    expect(summary.totalRows).toBe(Object.values(first.tables).reduce((n, rows) => n + rows.length, 0));

    const second = await exported(target);
    expect(serializeArchive(second)).toBe(fs.readFileSync(file, 'utf8'));
  });

  it('keeps stored values exactly: snake_case columns, cents, ISO text, nulls; rows ordered by key', async () => {
    const archive = await exported(await demoStore());
    const membership = archive.tables.memberships![0]!;
    expect(Object.keys(membership)).toEqual(ARCHIVED_TABLES.find((t) => t.name === 'memberships')!.columns);
    expect(typeof membership.fee_due_cents).toBe('number');
    expect(Number.isInteger(membership.fee_due_cents)).toBe(true);
    const ids = archive.tables.people!.map((p) => p.id as number);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(archive.tables.organisations![0]!.created_at).toBe(NOW.toISOString());
    expect(archive.formatVersion).toBe(ARCHIVE_FORMAT_VERSION);
  });

  it('replaces the content of a non-empty database only when asked, in one go', async () => {
    const source = await demoStore();
    const archive = JSON.parse(serializeArchive(await exported(source))) as Archive;
    const target = await open('target.sqlite');
    await createHandlers(target, { runtime: 'test', now })['organisations.create']({
      name: 'Structure déjà là',
      shortName: null,
      kind: 'other',
      partnerType: null,
      siret: null,
      address: null,
      postcode: null,
      city: null,
      email: null,
      phone: null,
      website: null,
      note: null,
    });

    const error = await refusal(importArchive(target.db, archive, { schemaVersion: target.schemaVersion }));
    expect(error.key).toBe('error.archive.notEmpty');
    // The structure and the change-log line of its creation.
    expect(await countArchivedRows(target.db)).toBe(2);

    await importArchive(target.db, archive, { schemaVersion: target.schemaVersion, replace: true });
    expect(serializeArchive(await exported(target))).toBe(serializeArchive(await exported(source)));
  });
});

describe('archive import refusals (nothing written)', { timeout: 120_000 }, () => {
  let archive: Archive;
  let target: Store;

  beforeEach(async () => {
    archive = JSON.parse(serializeArchive(await exported(await demoStore()))) as Archive;
    target = await open('target.sqlite');
  });

  async function refused(data: unknown): Promise<AppError> {
    const error = await refusal(importArchive(target.db, data, { schemaVersion: target.schemaVersion }));
    expect(error.code).toBe('ARCHIVE_INVALID');
    expect(await countArchivedRows(target.db)).toBe(0);
    return error;
  }

  it('refuses a truncated file, saying where it stops', () => {
    const text = serializeArchive(archive);
    const cut = text.slice(0, text.indexOf('"organisations"') + 200);
    const file = path.join(dir, 'truncated.json');
    fs.writeFileSync(file, cut);
    let error: AppError | undefined;
    try {
      readArchiveFile(file);
    } catch (e) {
      error = e as AppError;
    }
    const lines = cut.split('\n');
    expect(error?.key).toBe('error.archive.truncated');
    expect(error?.params).toEqual({ line: lines.length, column: lines[lines.length - 1]!.length + 1 });
    expect(translate('fr', error!.key, error!.params)).toMatch(/^Archive illisible : le fichier JSON est tronqué \(il s’arrête ligne \d+, colonne \d+\)\.$/);
  });

  it('refuses malformed JSON with its line and column', () => {
    const text = serializeArchive(archive).replace('"formatVersion": 1,', '"formatVersion": 1');
    expect(() => parseArchiveText(text)).toThrow(AppError);
    try {
      parseArchiveText(text);
    } catch (e) {
      expect((e as AppError).key).toBe('error.archive.malformed');
      expect((e as AppError).params).toEqual({ line: 4, column: 3 });
    }
    expect(locateJsonError('{"a":}')).toBe(5);
    expect(locateJsonError('{"a":tru}')).toBe(8);
    expect(locateJsonError('{"a": 1}x')).toBe(8);
    expect(locateJsonError('[1, 2')).toBe(5);
    expect(() => parseArchiveText('  ')).toThrow(/error.archive.empty/);
  });

  it('refuses a file that is not an archive, and archives from a newer version', async () => {
    expect((await refused({ hello: 'world' })).key).toBe('error.archive.notArchive');
    expect((await refused([])).key).toBe('error.archive.notArchive');
    const newerFormat = await refused({ ...archive, formatVersion: ARCHIVE_FORMAT_VERSION + 1 });
    expect(newerFormat.key).toBe('error.archive.formatTooNew');
    expect(translate('fr', newerFormat.key, newerFormat.params)).toContain('écrite par une version plus récente');
    expect((await refused({ ...archive, schemaVersion: target.schemaVersion + 1 })).key).toBe('error.archive.schemaTooNew');
    expect(paths(await refused({ ...archive, tables: { ...archive.tables, table_inconnue: [] } }))).toEqual(['$.tables.table_inconnue']);
  });

  it('reports every malformed row by its JSON path', async () => {
    const organisations = archive.tables.organisations!;
    organisations[3] = { ...organisations[3]!, siret: '12345678901234' };
    organisations[5] = { ...organisations[5]!, colour: 'vert' };
    const { postcode: _dropped, ...withoutPostcode } = organisations[6]!;
    organisations[6] = withoutPostcode;
    archive.tables.people![2] = { ...archive.tables.people![2]!, email: 'pas-une-adresse', created_at: 'hier' };
    archive.tables.memberships![1] = { ...archive.tables.memberships![1]!, fee_due_cents: -500, year: '2024' };
    archive.tables.affiliations![0] = { ...archive.tables.affiliations![0]!, end_date: '1999-01-01' };
    (archive.tables.offices as unknown[])[0] = 'président';

    const error = await refused(archive);
    expect(error.key).toBe('error.archive.invalid');
    expect(error.issues).toEqual(
      expect.arrayContaining([
        { path: '$.tables.organisations[3].siret', key: 'error.siret' },
        { path: '$.tables.organisations[5].colour', key: 'error.unknownField' },
        { path: '$.tables.organisations[6].postcode', key: 'error.required' },
        { path: '$.tables.people[2].email', key: 'error.email' },
        { path: '$.tables.people[2].created_at', key: 'error.archive.timestamp' },
        { path: '$.tables.memberships[1].fee_due_cents', key: 'error.moneyNegative' },
        { path: '$.tables.memberships[1].year', key: 'error.year' },
        { path: '$.tables.affiliations[0].end_date', key: 'error.endBeforeStart' },
        { path: '$.tables.offices[0]', key: 'error.archive.notObject' },
      ]),
    );
    expect(error.params).toEqual({ count: error.issues!.length, path: '$.tables.organisations[3].siret' });
    expect(translate('fr', error.key, error.params)).toBe(
      `Archive refusée, rien n’a été importé : ${error.issues!.length} erreurs, la première en $.tables.organisations[3].siret.`,
    );
  });

  it('refuses references to rows that are not in the archive, duplicate ids and broken unique constraints', async () => {
    const memberships = archive.tables.memberships!;
    memberships[4] = { ...memberships[4]!, organisation_id: 9999 };
    memberships[6] = { ...memberships[6]!, organisation_id: memberships[5]!.organisation_id!, year: memberships[5]!.year! };
    archive.tables.affiliations![2] = { ...archive.tables.affiliations![2]!, person_id: 4242 };
    archive.tables.people![8] = { ...archive.tables.people![8]!, id: archive.tables.people![7]!.id! };
    archive.tables.organisations![2] = { ...archive.tables.organisations![2]!, siret: archive.tables.organisations![1]!.siret! };

    const error = await refused(archive);
    expect(error.issues).toEqual(
      expect.arrayContaining([
        { path: '$.tables.memberships[4].organisation_id', key: 'error.archive.missingReference', params: { table: 'organisations', value: 9999 } },
        { path: '$.tables.affiliations[2].person_id', key: 'error.archive.missingReference', params: { table: 'people', value: 4242 } },
        { path: '$.tables.people[8].id', key: 'error.archive.duplicateKey', params: { value: String(archive.tables.people![7]!.id), row: 7 } },
        expect.objectContaining({ path: '$.tables.organisations[2].siret', key: 'error.archive.duplicateUnique' }),
        expect.objectContaining({ path: '$.tables.memberships[6].year', key: 'error.archive.duplicateUnique' }),
      ]),
    );
  });

  it(`lists at most ${MAX_REPORTED_ISSUES} errors and says how many more`, async () => {
    archive.tables.people = archive.tables.people!.map((p) => ({ ...p, first_name: 42, last_name: null }));
    const error = await refused(archive);
    const total = archive.tables.people.length * 2;
    expect(error.params?.count).toBe(total);
    expect(error.issues).toHaveLength(MAX_REPORTED_ISSUES + 1);
    expect(error.issues!.at(-1)).toEqual({ path: '$', key: 'error.archive.moreIssues', params: { count: total - MAX_REPORTED_ISSUES } });
  });

  it.runIf(onSqlite)('rolls everything back when the database refuses a row half-way', async () => {
    // A rule the registry does not know about, met only when the last table is written.
    target.sqlite!.exec("CREATE TRIGGER refuse_2024 BEFORE INSERT ON memberships WHEN NEW.year = 2024 BEGIN SELECT RAISE(ABORT, 'année close'); END");
    const error = await refused(archive);
    expect(error.key).toBe('error.archive.rejected');
    expect(String(error.params?.detail)).toContain('année close');
  });

  it('refuses a database that is not empty', async () => {
    await importArchive(target.db, archive, { schemaVersion: target.schemaVersion });
    const before = await countArchivedRows(target.db);
    const error = await refusal(importArchive(target.db, archive, { schemaVersion: target.schemaVersion }));
    expect(error.key).toBe('error.archive.notEmpty');
    expect(error.params).toEqual({ count: before });
    expect(await countArchivedRows(target.db)).toBe(before);
  });
});
