import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { privacySettingsSchema, type CheckProblem, type CheckReport } from '../../../shared/features/data/schemas';
import { DEFAULT_SETTINGS, settingsSchema } from '../../../shared/features/settings/schemas';
import { translate } from '../../../shared/i18n/index';
import { isIsoDate, isValidSiret } from '../../../shared/validation/identifiers';
import { normalizeKey } from '../../../shared/validation/text';
import { LATEST_SCHEMA_VERSION } from '../../store/migrations/index';
import { isSqliteStore, type Store } from '../../store/engine';
import { sql } from 'kysely';
import type { DB } from '../../store/schema';
import { SETTINGS_KEY } from '../settings/service';
import { DEFAULT_PRIVACY, PRIVACY_KEY } from './privacy';

/** The report lists this many problems at most, and counts the rest. */
export const MAX_REPORTED_PROBLEMS = 200;

type Params = Record<string, string | number>;

export interface Finding {
  key: string;
  params?: Params;
  table?: string | null;
  rowId?: number | null;
  /** The row's key when it is not a number (settings.key), to find the row in an archive. */
  rowKey?: string | null;
  /** The column at fault, when one is. */
  column?: string;
}

/**
 * One rule of the application that the database must respect. A feature adds its own here
 * (closed periods, approved minutes…); `tables` lists the tables it reads, and the rule is
 * skipped on a database that does not have them yet.
 */
export interface Invariant {
  code: string;
  tables: readonly string[];
  run(db: Kysely<DB>): Promise<Finding[]>;
}

const name = (first: string | null, last: string | null) => `${first ?? ''} ${last ?? ''}`.trim();

const INVALID = Symbol('invalid JSON');
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return INVALID;
  }
}

/** Each setting the services read, with the schema and defaults they read it with. */
const STORED_SETTINGS: Record<string, { schema: z.ZodType; defaults: object }> = {
  [SETTINGS_KEY]: { schema: settingsSchema, defaults: DEFAULT_SETTINGS },
  [PRIVACY_KEY]: { schema: privacySettingsSchema, defaults: DEFAULT_PRIVACY },
};

export const INVARIANTS: Invariant[] = [
  {
    code: 'membership_dates',
    tables: ['memberships', 'organisations'],
    async run(db) {
      const rows = await db
        .selectFrom('memberships as m')
        .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
        .select(['m.id', 'm.year', 'm.start_date', 'm.exit_date', 'm.paid_on', 'o.name'])
        .execute();
      const out: Finding[] = [];
      for (const r of rows) {
        for (const [column, value] of [['start_date', r.start_date], ['exit_date', r.exit_date], ['paid_on', r.paid_on]] as const) {
          if (value !== null && !isIsoDate(value)) out.push({ key: 'data.check.badDate', params: { table: 'memberships', column, value, id: r.id }, table: 'memberships', rowId: r.id, column });
        }
        if (r.start_date && r.exit_date && r.exit_date < r.start_date) {
          out.push({ key: 'data.check.membershipExitBeforeStart', params: { organisation: r.name, year: r.year }, table: 'memberships', rowId: r.id, column: 'exit_date' });
        }
      }
      return out;
    },
  },
  {
    code: 'membership_amounts',
    tables: ['memberships', 'organisations'],
    async run(db) {
      const rows = await db
        .selectFrom('memberships as m')
        .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
        .select(['m.id', 'm.year', 'm.fee_due_cents', 'm.amount_paid_cents', 'm.paid_on', 'o.name'])
        .where((eb) => eb.or([eb('m.fee_due_cents', '<', 0), eb('m.amount_paid_cents', '<', 0), eb.and([eb('m.amount_paid_cents', '>', 0), eb('m.paid_on', 'is', null)])]))
        .execute();
      return rows.map((r) =>
        r.fee_due_cents < 0 || r.amount_paid_cents < 0
          ? { key: 'data.check.negativeAmount', params: { organisation: r.name, year: r.year }, table: 'memberships', rowId: r.id, column: r.fee_due_cents < 0 ? 'fee_due_cents' : 'amount_paid_cents' }
          : { key: 'data.check.paidWithoutDate', params: { organisation: r.name, year: r.year }, table: 'memberships', rowId: r.id, column: 'paid_on' },
      );
    },
  },
  {
    code: 'membership_voting',
    tables: ['memberships', 'affiliations', 'organisations'],
    async run(db) {
      const rows = await db
        .selectFrom('memberships as m')
        .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
        .select(['m.id', 'm.year', 'o.name'])
        .where('m.voting_person_id', 'is not', null)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb.selectFrom('affiliations as a').select('a.id').whereRef('a.person_id', '=', 'm.voting_person_id').whereRef('a.organisation_id', '=', 'm.organisation_id'),
            ),
          ),
        )
        .execute();
      return rows.map((r) => ({ key: 'data.check.votingNotAffiliated', params: { organisation: r.name, year: r.year }, table: 'memberships', rowId: r.id, column: 'voting_person_id' }));
    },
  },
  {
    code: 'affiliation_dates',
    tables: ['affiliations', 'people', 'organisations'],
    async run(db) {
      const rows = await db
        .selectFrom('affiliations as a')
        .innerJoin('people as p', 'p.id', 'a.person_id')
        .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
        .select(['a.id', 'a.start_date', 'a.end_date', 'p.first_name', 'p.last_name', 'o.name'])
        .execute();
      const out: Finding[] = [];
      for (const r of rows) {
        if (!isIsoDate(r.start_date) || (r.end_date !== null && !isIsoDate(r.end_date))) {
          out.push({ key: 'data.check.badDate', params: { table: 'affiliations', column: 'start_date/end_date', value: `${r.start_date} / ${r.end_date ?? ''}`, id: r.id }, table: 'affiliations', rowId: r.id });
        } else if (r.end_date !== null && r.end_date < r.start_date) {
          out.push({ key: 'data.check.affiliationEndBeforeStart', params: { person: name(r.first_name, r.last_name), organisation: r.name }, table: 'affiliations', rowId: r.id, column: 'end_date' });
        }
      }
      return out;
    },
  },
  {
    code: 'office_dates',
    tables: ['offices', 'people'],
    async run(db) {
      const rows = await db
        .selectFrom('offices as f')
        .innerJoin('people as p', 'p.id', 'f.person_id')
        .select(['f.id', 'f.office', 'f.start_date', 'f.end_date', 'p.first_name', 'p.last_name'])
        .where('f.end_date', 'is not', null)
        .whereRef('f.end_date', '<', 'f.start_date')
        .execute();
      return rows.map((r) => ({ key: 'data.check.officeEndBeforeStart', params: { person: name(r.first_name, r.last_name), office: r.office }, table: 'offices', rowId: r.id, column: 'end_date' }));
    },
  },
  {
    code: 'organisation_identity',
    tables: ['organisations'],
    async run(db) {
      const rows = await db.selectFrom('organisations').select(['id', 'name', 'name_key', 'siret']).execute();
      const out: Finding[] = [];
      const byKey = new Map<string, string>();
      for (const r of rows) {
        if (r.siret !== null && !isValidSiret(r.siret)) out.push({ key: 'data.check.badSiret', params: { organisation: r.name, siret: r.siret }, table: 'organisations', rowId: r.id, column: 'siret' });
        const key = normalizeKey(r.name);
        if (r.name_key !== key) out.push({ key: 'data.check.staleKey', params: { organisation: r.name }, table: 'organisations', rowId: r.id, column: 'name_key' });
        const twin = byKey.get(key);
        if (twin !== undefined) out.push({ key: 'data.check.duplicateOrganisation', params: { organisation: r.name, other: twin }, table: 'organisations', rowId: r.id, column: 'name' });
        else byKey.set(key, r.name);
      }
      return out;
    },
  },
  {
    code: 'person_identity',
    tables: ['people'],
    async run(db) {
      const rows = await db
        .selectFrom('people')
        .select(['id', 'first_name', 'last_name', 'search_key', 'consent_date'])
        .where((eb) => eb.or([eb('search_key', '=', ''), eb('first_name', '=', ''), eb('last_name', '=', ''), eb('consent_date', 'is not', null)]))
        .execute();
      const out: Finding[] = [];
      for (const r of rows) {
        if (r.search_key === '' || r.first_name === '' || r.last_name === '') out.push({ key: 'data.check.personName', params: { id: r.id }, table: 'people', rowId: r.id });
        if (r.consent_date !== null && !isIsoDate(r.consent_date)) {
          out.push({ key: 'data.check.badDate', params: { table: 'people', column: 'consent_date', value: r.consent_date, id: r.id }, table: 'people', rowId: r.id, column: 'consent_date' });
        }
      }
      return out;
    },
  },
  {
    // Every stored setting is read back by a service with its schema: one it cannot read breaks every page that needs it.
    code: 'settings_values',
    tables: ['settings'],
    async run(db) {
      const out: Finding[] = [];
      for (const r of await db.selectFrom('settings').select(['key', 'value']).orderBy('key').execute()) {
        const at = { table: 'settings', rowId: null, rowKey: r.key, column: 'value' };
        const value = parseJson(r.value);
        if (value === INVALID) {
          out.push({ key: 'data.check.badJson', params: { table: 'settings', id: r.key }, ...at });
          continue;
        }
        // A key this version does not read (a later version's) only has to be JSON.
        const stored = STORED_SETTINGS[r.key];
        if (!stored) continue;
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          out.push({ key: 'data.check.settingNotObject', params: { setting: r.key }, ...at });
          continue;
        }
        // Missing fields fall back to their defaults when the service reads the setting: so here.
        const parsed = stored.schema.safeParse({ ...stored.defaults, ...value });
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          out.push({ key: 'data.check.badSetting', params: { setting: r.key, field: issue.path.join('.') }, ...at });
        }
      }
      return out;
    },
  },
  {
    code: 'json_documents',
    tables: ['audit_log', 'data_presets'],
    async run(db) {
      const out: Finding[] = [];
      for (const r of await db.selectFrom('audit_log').select(['id', 'summary']).execute()) {
        if (parseJson(r.summary) === INVALID) out.push({ key: 'data.check.badJson', params: { table: 'audit_log', id: r.id }, table: 'audit_log', rowId: r.id, column: 'summary' });
      }
      for (const r of await db.selectFrom('data_presets').select(['id', 'config']).execute()) {
        if (parseJson(r.config) === INVALID) out.push({ key: 'data.check.badJson', params: { table: 'data_presets', id: r.id }, table: 'data_presets', rowId: r.id, column: 'config' });
      }
      return out;
    },
  },
  {
    // Time given in a closed period is the basis of certificates already issued: it must not move.
    code: 'time_closed_periods',
    tables: ['time_entries', 'time_closed_periods'],
    async run(db) {
      const rows = await db
        .selectFrom('time_entries as e')
        .innerJoin('time_closed_periods as c', (join) => join.onRef('e.date', '>=', 'c.start_date').onRef('e.date', '<=', 'c.end_date'))
        .select(['e.id', 'e.date', 'e.updated_at', 'e.created_at', 'c.label', 'c.closed_at'])
        .where('c.reopened_at', 'is', null)
        .where((eb) => eb.or([eb('e.updated_at', '>', eb.ref('c.closed_at')), eb('e.created_at', '>', eb.ref('c.closed_at'))]))
        .execute();
      return rows.map((r) => ({ key: 'data.check.changedAfterClosing', params: { id: r.id, date: r.date, period: r.label }, table: 'time_entries', rowId: r.id }));
    },
  },
  {
    code: 'time_values',
    tables: ['time_entries'],
    async run(db) {
      const rows = await db
        .selectFrom('time_entries')
        .select(['id', 'date', 'minutes', 'hourly_rate_cents', 'value_cents'])
        .where((eb) => eb.or([eb('minutes', '<=', 0), eb('hourly_rate_cents', '<', 0), eb('value_cents', '<', 0)]))
        .execute();
      return rows.map((r) => ({ key: 'data.check.badTimeEntry', params: { id: r.id, date: r.date }, table: 'time_entries', rowId: r.id, column: r.minutes <= 0 ? 'minutes' : r.hourly_rate_cents < 0 ? 'hourly_rate_cents' : 'value_cents' }));
    },
  },
];

async function existingTables(store: Store): Promise<Set<string>> {
  if (!isSqliteStore(store)) {
    const result = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(store.db);
    return new Set(result.rows.map((r) => r.name));
  }
  const rows = store.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
  return new Set(rows.map((r) => r.name));
}

/**
 * Runs the application's rules on `db` (a transaction's connection too: an import runs them before
 * it commits), skipping those whose tables are missing. On a damaged file a rule may fail: that is
 * a finding, not a throw.
 */
export async function runInvariants(
  db: Kysely<DB>,
  tables: ReadonlySet<string>,
  invariants: readonly Invariant[] = INVARIANTS,
): Promise<{ checks: string[]; findings: (Finding & { code: string })[] }> {
  const checks: string[] = [];
  const findings: (Finding & { code: string })[] = [];
  for (const invariant of invariants) {
    if (!invariant.tables.every((t) => tables.has(t))) continue;
    checks.push(invariant.code);
    try {
      for (const f of await invariant.run(db)) findings.push({ ...f, code: invariant.code });
    } catch (error) {
      findings.push({ code: invariant.code, key: 'data.check.ruleFailed', params: { rule: invariant.code, detail: error instanceof Error ? error.message : String(error) } });
    }
  }
  return { checks, findings };
}

/**
 * Everything that can be checked without the user: SQLite's own integrity and foreign-key checks,
 * the schema version, then the application's rules. Problems come back in French, ready to print.
 */
export async function checkDatabase(store: Store, options: { invariants?: readonly Invariant[] } = {}): Promise<CheckReport> {
  const started = performance.now();
  const findings: (Finding & { code: string })[] = [];
  const checks: string[] = [];

  // SQLite's own page and foreign-key checks; PostgreSQL enforces its foreign keys at every
  // commit and checks its pages itself (data checksums, amcheck), so there is nothing to ask it here.
  if (isSqliteStore(store)) {
    checks.push('integrity');
    const integrity = store.sqlite.pragma('integrity_check(100)') as { integrity_check: string }[];
    if (!(integrity.length === 1 && integrity[0]?.integrity_check === 'ok')) {
      for (const row of integrity) findings.push({ code: 'integrity', key: 'data.check.integrity', params: { detail: row.integrity_check } });
    }

    checks.push('foreign_keys');
    const orphans = store.sqlite.pragma('foreign_key_check') as { table: string; rowid: number | null; parent: string }[];
    for (const o of orphans) {
      findings.push({ code: 'foreign_key', key: 'data.check.foreignKey', params: { table: o.table, id: o.rowid ?? '?', parent: o.parent }, table: o.table, rowId: o.rowid });
    }
  }

  checks.push('schema_version');
  const versionRow = await store.db.selectFrom('schema_migrations').select((eb) => eb.fn.max('version').as('v')).executeTakeFirst();
  const version = Number(versionRow?.v ?? 0);
  if (version !== LATEST_SCHEMA_VERSION) findings.push({ code: 'schema_version', key: 'data.check.schemaVersion', params: { found: version, expected: LATEST_SCHEMA_VERSION } });

  const rules = await runInvariants(store.db, await existingTables(store), options.invariants);
  checks.push(...rules.checks);
  findings.push(...rules.findings);

  const problems: CheckProblem[] = findings.slice(0, MAX_REPORTED_PROBLEMS).map((f) => ({
    code: f.code,
    key: f.key,
    params: f.params,
    message: translate('fr', f.key, f.params),
    table: f.table ?? null,
    rowId: f.rowId ?? null,
  }));
  return {
    ok: findings.length === 0,
    problems,
    moreProblems: Math.max(0, findings.length - MAX_REPORTED_PROBLEMS),
    checks,
    durationMs: Math.round(performance.now() - started),
  };
}
