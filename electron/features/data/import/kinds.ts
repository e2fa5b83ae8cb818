import type { z } from 'zod';
import { IMPORT_FIELDS, indicatorField, INDICATOR_FIELD_PREFIX, type ImportField, type ImportType } from '../../../../shared/features/data/import-fields';
import type { DuplicateChoice, ImportDuplicate, ImportIssue, ImportReading } from '../../../../shared/features/data/schemas';
import { membershipInputSchema, PAYMENT_METHODS, type PaymentMethod } from '../../../../shared/features/memberships/schemas';
import { organisationInputSchema, type OrganisationKind } from '../../../../shared/features/organisations/schemas';
import { civilityOf, personInputSchema } from '../../../../shared/features/people/schemas';
import { ACTIVITY_KINDS, VISITOR_KINDS, activityInputSchema, type ActivityKind, type ActivityValues, type IndicatorUnit, type VisitorKind } from '../../../../shared/features/activities/schemas';
import { requiredText } from '../../../../shared/validation/fields';
import { keyForIssue } from '../../../../shared/validation/zod-issues';
import { normalizeKey } from '../../../../shared/validation/text';
import { DURATION_PROBLEM_KEYS, MAX_MINUTES_PER_DAY, durationUnitOfTitle, formatDuration, parseDurationIn, type DurationUnit } from '../../../../shared/features/time/duration';
import { entryInputSchema, NATURES, type EntryValues, type Nature } from '../../../../shared/features/time/schemas';
import { entryValueCents, rateResolver } from '../../../../shared/features/time/valuation';
import { isFarFuture } from '../../../../shared/features/time/period';
import { formatDate } from '../../../../shared/format/fr';
import { nowIso, today, type ServiceContext } from '../../../app/context';
import { activeClosedPeriods, ensureDefaultCategories, loadRates, periodLocking } from '../../time/common';
import { insertEach } from '../../../store/bulk';
import type { DB } from '../../../store/schema';
import { columns as organisationColumns } from '../../organisations/service';
import { toOrganisation } from '../../organisations/repository';
import { columns as personColumns } from '../../people/service';
import { getSettings } from '../../settings/service';
import { activityColumns, validateActivity, writeOrganisations } from '../../activities/service';
import { listIndicators, unitProblem } from '../../activities/observatory';
import { diffFields, recordChange } from '../audit';
import { cellText, parseCents, parseDate, parseDecimal } from '../sheets/values';
import type { Cell } from '../sheets/xlsx';
import type { MappedRow, MappedTable } from './table';
import { cachedObjectCheck, memo } from './check';

/** A validated line, ready to write, and the existing record it may duplicate. */
export interface Candidate<T> {
  line: number;
  value: T;
  duplicate: ImportDuplicate | null;
  /** Why updating the duplicate with this line would break a rule (only matters if "update" is chosen). */
  updateIssues?: ImportIssue[];
}

export interface Prepared<T> {
  candidates: Candidate<T>[];
  issues: ImportIssue[];
  /** How ambiguous cells were read (durations), shown in the preview and by --dry-run. */
  readings?: ImportReading[];
}

export interface Decided<T> {
  candidate: Candidate<T>;
  choice: 'create' | DuplicateChoice;
}

export interface ImportKind<T> {
  /** Tables the import writes; without them the type is not available yet. */
  tables: readonly string[];
  /** `readings: false` when committing: how cells were read is only shown before. */
  prepare(ctx: ServiceContext, table: MappedTable, options?: { readings?: boolean }): Promise<Prepared<T>>;
  /** The fields of the file when they depend on the database (the observatory's indicators); else the shared list. */
  fields?(ctx: ServiceContext): Promise<ImportField[]>;
  /** Runs inside the import's transaction. */
  write(ctx: ServiceContext, items: Decided<T>[], table: MappedTable): Promise<{ created: number; updated: number }>;
}

/** SQLite accepts 32 766 bound values per statement; stay well below. */
const VALUES_PER_INSERT = 8000;

export function chunks<T>(items: readonly T[], columnsPerRow: number): T[][] {
  const size = Math.max(1, Math.floor(VALUES_PER_INSERT / Math.max(1, columnsPerRow)));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// ——— Cells to values ———

export const text = (cell: Cell | undefined): string | null => {
  const t = cellText(cell).trim();
  return t === '' ? null : t;
};

/** Excel drops the leading zero of numbers: 1000 was "01000", 612345678 was "06 12 34 56 78". */
const postcode = (cell: Cell | undefined) => (typeof cell === 'number' && Number.isInteger(cell) && cell < 100000 ? String(cell).padStart(5, '0') : text(cell));
const phone = (cell: Cell | undefined) => (typeof cell === 'number' && Number.isInteger(cell) && String(cell).length === 9 ? `0${cell}` : text(cell));
const digits = (cell: Cell | undefined) => (typeof cell === 'number' && Number.isInteger(cell) ? String(cell) : text(cell));

type IssueAt = (row: MappedRow, field: string | null, key: string, params?: Record<string, string | number>) => void;

function issueCollector(table: MappedTable, issues: ImportIssue[]): IssueAt {
  return (row, field, key, params) => issues.push({ line: row.line, column: field ? (table.columnOf[field] ?? null) : null, field, key, params });
}

/** Zod's issues on one line, named by the import's field and the file's column. */
function reportZod(at: IssueAt, row: MappedRow, error: z.ZodError, fieldOf: Record<string, string> = {}) {
  for (const issue of error.issues) {
    const path = String(issue.path[0] ?? '');
    const field = fieldOf[path] ?? path;
    at(row, field || null, keyForIssue(issue));
  }
}

const KIND_WORDS: [RegExp, OrganisationKind][] = [
  [/^(adh|membre|member|ressourcerie|recyclerie)/, 'member'],
  [/^(partenaire|partner|financeur|funder|collectivite)/, 'partner'],
  [/^(autre|other|divers)/, 'other'],
];

function organisationKind(cell: Cell | undefined): OrganisationKind | null | undefined {
  const t = text(cell);
  if (t === null) return null;
  const key = normalizeKey(t);
  return KIND_WORDS.find(([re]) => re.test(key))?.[1];
}

const PAYMENT_WORDS: [RegExp, PaymentMethod][] = [
  [/^(virement|transfer|vir\b)/, 'transfer'],
  [/^(cheque|chq|check)/, 'cheque'],
  [/^(especes|liquide|cash)/, 'cash'],
  [/^(carte|cb\b|card)/, 'card'],
  [/^(prelevement|direct debit|prel\b)/, 'direct_debit'],
  [/^(autre|other)/, 'other'],
];

function paymentMethod(cell: Cell | undefined): PaymentMethod | null | undefined {
  const t = text(cell);
  if (t === null) return null;
  const key = normalizeKey(t);
  if ((PAYMENT_METHODS as readonly string[]).includes(key)) return key as PaymentMethod;
  return PAYMENT_WORDS.find(([re]) => re.test(key))?.[1];
}

/** The organisations of the database by SIRET and by normalised name, to resolve and to spot duplicates. */
async function organisationIndex(ctx: ServiceContext) {
  const rows = await ctx.db.selectFrom('organisations').select(['id', 'name', 'name_key', 'siret', 'archived_at']).execute();
  const bySiret = new Map<string, (typeof rows)[number]>();
  const byName = new Map<string, (typeof rows)[number]>();
  const byId = new Map<number, string>();
  for (const r of rows) {
    byId.set(r.id, r.name);
    if (r.siret) bySiret.set(r.siret, r);
    if (!byName.has(r.name_key)) byName.set(r.name_key, r);
  }
  return { bySiret, byName, byId };
}

type OrganisationIndex = Awaited<ReturnType<typeof organisationIndex>>;

/** The organisation a line names, by SIRET first, then by name (accents and case ignored). */
const findByName = (index: OrganisationIndex, name: string) => index.byName.get(normalizeKey(name)) ?? index.bySiret.get(name.replace(/\s/g, ''));

function resolveOrganisation(
  index: OrganisationIndex,
  row: MappedRow,
  at: IssueAt,
  required: boolean,
  byName: (name: string) => ReturnType<typeof findByName> = (name) => findByName(index, name),
) {
  const siret = digits(row.cells.organisationSiret)?.replace(/\s/g, '') ?? null;
  const name = text(row.cells.organisation);
  if (siret) {
    const found = index.bySiret.get(siret);
    if (found) return found;
    if (!name) {
      at(row, 'organisationSiret', 'data.import.unknownOrganisation', { value: siret });
      return undefined;
    }
  }
  if (name) {
    const found = byName(name);
    if (found) return found;
    at(row, 'organisation', 'data.import.unknownOrganisation', { value: name });
    return undefined;
  }
  if (required) at(row, 'organisation', 'data.import.organisationRequired');
  return null;
}

// ——— Organisations ———

type OrganisationValues = z.output<typeof organisationInputSchema>;

const organisations: ImportKind<OrganisationValues> = {
  tables: ['organisations'],
  async prepare(ctx, table) {
    const issues: ImportIssue[] = [];
    const at = issueCollector(table, issues);
    const index = await organisationIndex(ctx);
    const candidates: Candidate<OrganisationValues>[] = [];
    const seenSiret = new Map<string, number>();
    const seenName = new Map<string, number>();
    for (const row of table.rows) {
      const c = row.cells;
      const kind = organisationKind(c.kind);
      if (kind === undefined) at(row, 'kind', 'data.import.badKind', { value: text(c.kind) ?? '' });
      const parsed = organisationInputSchema.safeParse({
        name: text(c.name) ?? '',
        shortName: text(c.shortName),
        kind: kind ?? 'member',
        siret: digits(c.siret),
        address: text(c.address),
        postcode: postcode(c.postcode),
        city: text(c.city),
        email: text(c.email),
        phone: phone(c.phone),
        website: text(c.website),
        note: text(c.note),
      });
      if (!parsed.success) {
        reportZod(at, row, parsed.error);
        continue;
      }
      if (kind === undefined) continue;
      const value = parsed.data;
      const nameKey = normalizeKey(value.name);
      if (value.siret && seenSiret.has(value.siret)) {
        at(row, 'siret', 'data.import.sameInFile', { line: seenSiret.get(value.siret)! });
        continue;
      }
      if (seenName.has(nameKey)) {
        at(row, 'name', 'data.import.sameInFile', { line: seenName.get(nameKey)! });
        continue;
      }
      if (value.siret) seenSiret.set(value.siret, row.line);
      seenName.set(nameKey, row.line);
      const bySiret = value.siret ? index.bySiret.get(value.siret) : undefined;
      const byName = index.byName.get(nameKey);
      if (bySiret && byName && bySiret.id !== byName.id) {
        at(row, 'siret', 'data.import.conflict', { other: bySiret.name, name: byName.name });
        continue;
      }
      const twin = bySiret ?? byName;
      candidates.push({
        line: row.line,
        value,
        duplicate: twin ? { line: row.line, reason: bySiret ? 'siret' : 'name', existingId: twin.id, existingLabel: twin.name } : null,
      });
    }
    return { candidates, issues };
  },
  async write(ctx, items, table) {
    const now = nowIso(ctx);
    const creates = items.filter((i) => i.choice === 'create').map((i) => ({ ...organisationColumns(i.candidate.value), created_at: now, updated_at: now, archived_at: null }));
    for (const chunk of chunks(creates, 18)) await ctx.db.insertInto('organisations').values(chunk).execute();
    const mapped = new Set(Object.keys(table.columnOf));
    let updated = 0;
    for (const item of items.filter((i) => i.choice === 'update')) {
      const row = await ctx.db.selectFrom('organisations').selectAll().where('id', '=', item.candidate.duplicate!.existingId).executeTakeFirstOrThrow();
      const existing = toOrganisation(row);
      const merged: OrganisationValues = { ...existing, partnerType: existing.partnerType };
      for (const [key, value] of Object.entries(item.candidate.value) as [keyof OrganisationValues, unknown][]) {
        if (mapped.has(key) && value !== null) (merged as Record<string, unknown>)[key] = value;
      }
      // Matched by its name, the organisation keeps the spelling already recorded ("VEZERE" does not replace "Vézère").
      if (normalizeKey(item.candidate.value.name) === row.name_key) merged.name = existing.name;
      await ctx.db.updateTable('organisations').set({ ...organisationColumns(merged), updated_at: now }).where('id', '=', existing.id).execute();
      updated++;
    }
    return { created: creates.length, updated };
  },
};

// ——— People ———

const ROLE = requiredText(100);

interface PersonImport {
  person: z.output<typeof personInputSchema>;
  organisationId: number | null;
  role: string | null;
  startDate: string | null;
}

const people: ImportKind<PersonImport> = {
  tables: ['people', 'affiliations'],
  async prepare(ctx, table) {
    const issues: ImportIssue[] = [];
    const at = issueCollector(table, issues);
    const index = await organisationIndex(ctx);
    const existing = await ctx.db.selectFrom('people').select(['id', 'first_name', 'last_name', 'email', 'archived_at']).execute();
    const byName = new Map<string, (typeof existing)[number]>();
    const byEmail = new Map<string, (typeof existing)[number]>();
    for (const p of existing) {
      const key = normalizeKey(`${p.first_name} ${p.last_name}`);
      if (!byName.has(key)) byName.set(key, p);
      if (p.email) byEmail.set(p.email.toLowerCase(), p);
    }
    const seen = new Map<string, number>();
    const candidates: Candidate<PersonImport>[] = [];
    for (const row of table.rows) {
      const c = row.cells;
      const before = issues.length;
      const consent = parseDate(c.consentDate ?? null);
      if (!consent.ok) at(row, 'consentDate', 'error.date');
      const start = parseDate(c.startDate ?? null);
      if (!start.ok) at(row, 'startDate', 'error.date');
      const organisation = resolveOrganisation(index, row, at, false);
      const parsed = personInputSchema.safeParse({
        firstName: text(c.firstName) ?? '',
        lastName: text(c.lastName) ?? '',
        email: text(c.email),
        phone: phone(c.phone),
        address: text(c.address),
        postcode: postcode(c.postcode),
        city: text(c.city),
        note: text(c.note),
        consentDate: consent.ok ? consent.date : null,
        consentNote: null,
      });
      if (!parsed.success) reportZod(at, row, parsed.error);
      const role = text(c.role);
      // The role goes through the affiliation's own text rule (length, characters).
      const roleCheck = role === null ? null : ROLE.safeParse(role);
      if (roleCheck && !roleCheck.success) at(row, 'role', keyForIssue(roleCheck.error.issues[0]!));
      if (!parsed.success || issues.length > before) continue;
      const person = parsed.data;
      const key = normalizeKey(`${person.firstName} ${person.lastName}`);
      if (seen.has(key)) {
        at(row, 'lastName', 'data.import.sameInFile', { line: seen.get(key)! });
        continue;
      }
      seen.set(key, row.line);
      const byMail = person.email ? byEmail.get(person.email.toLowerCase()) : undefined;
      const twin = byName.get(key) ?? byMail;
      candidates.push({
        line: row.line,
        value: { person, organisationId: organisation?.id ?? null, role, startDate: start.ok ? start.date : null },
        duplicate: twin ? { line: row.line, reason: byName.has(key) ? 'personName' : 'email', existingId: twin.id, existingLabel: `${twin.first_name} ${twin.last_name}` } : null,
      });
    }
    return { candidates, issues };
  },
  async write(ctx, items, table) {
    const now = nowIso(ctx);
    const mapped = new Set(Object.keys(table.columnOf));
    let created = 0;
    let updated = 0;
    const affiliate = async (personId: number, value: PersonImport) => {
      if (value.organisationId === null) return;
      const current = await ctx.db
        .selectFrom('affiliations')
        .select('id')
        .where('person_id', '=', personId)
        .where('organisation_id', '=', value.organisationId)
        .where('end_date', 'is', null)
        .executeTakeFirst();
      if (current) return;
      await ctx.db
        .insertInto('affiliations')
        .values({ person_id: personId, organisation_id: value.organisationId, role: value.role ?? 'Contact', start_date: value.startDate ?? today(ctx), end_date: null })
        .execute();
    };
    for (const item of items) {
      const value = item.candidate.value;
      if (item.choice === 'create') {
        const { id } = await ctx.db
          .insertInto('people')
          .values({ ...personColumns(value.person), created_at: now, updated_at: now, archived_at: null })
          .returning('id')
          .executeTakeFirstOrThrow();
        await affiliate(id, value);
        created++;
      } else if (item.choice === 'update') {
        const id = item.candidate.duplicate!.existingId;
        const row = await ctx.db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        const merged = {
          civility: civilityOf(row.civility),
          firstName: row.first_name,
          lastName: row.last_name,
          email: row.email,
          phone: row.phone,
          address: row.address,
          postcode: row.postcode,
          city: row.city,
          note: row.note,
          consentDate: row.consent_date,
          consentNote: row.consent_note,
        };
        for (const [key, v] of Object.entries(value.person)) {
          if (mapped.has(key) && v !== null) (merged as Record<string, unknown>)[key] = v;
        }
        await ctx.db.updateTable('people').set({ ...personColumns(merged), updated_at: now }).where('id', '=', id).execute();
        await affiliate(id, value);
        updated++;
      }
    }
    return { created, updated };
  },
};

// ——— Memberships ———

type MembershipValues = z.output<typeof membershipInputSchema>;

const MEMBERSHIP_FIELD_OF: Record<string, string> = { organisationId: 'organisation', feeDueCents: 'feeDue', amountPaidCents: 'amountPaid' };

const memberships: ImportKind<MembershipValues> = {
  tables: ['memberships'],
  async prepare(ctx, table) {
    const issues: ImportIssue[] = [];
    const at = issueCollector(table, issues);
    if (!('organisation' in table.columnOf) && !('organisationSiret' in table.columnOf)) {
      issues.push({ line: table.headerLine, column: null, field: 'organisation', key: 'data.import.missingColumn', params: { field: 'data.field.organisation' } });
      return { candidates: [], issues };
    }
    const index = await organisationIndex(ctx);
    const settings = await getSettings(ctx);
    const existing = await ctx.db.selectFrom('memberships').selectAll().execute();
    const byKey = new Map(existing.map((m) => [`${m.organisation_id}:${m.year}`, m]));
    const mapped = new Set(Object.keys(table.columnOf));
    const seen = new Map<string, number>();
    const candidates: Candidate<MembershipValues>[] = [];
    for (const row of table.rows) {
      const c = row.cells;
      const before = issues.length;
      const organisation = resolveOrganisation(index, row, at, true);
      const yearValue = parseDecimal(c.year ?? null);
      if (yearValue === null || !Number.isInteger(yearValue)) at(row, 'year', 'error.year');
      const fee = parseCents(c.feeDue ?? null);
      if (!fee.ok) at(row, 'feeDue', fee.key);
      const paid = parseCents(c.amountPaid ?? null);
      if (!paid.ok) at(row, 'amountPaid', paid.key);
      const dates: Record<string, string | null> = {};
      for (const field of ['paidOn', 'startDate', 'exitDate'] as const) {
        const d = parseDate(c[field] ?? null);
        if (!d.ok) at(row, field, 'error.date');
        else dates[field] = d.date;
      }
      const method = paymentMethod(c.paymentMethod);
      if (method === undefined) at(row, 'paymentMethod', 'data.import.badPaymentMethod', { value: text(c.paymentMethod) ?? '' });
      if (issues.length > before || !organisation) continue;
      const parsed = membershipInputSchema.safeParse({
        organisationId: organisation.id,
        year: yearValue,
        feeDueCents: (fee.ok ? fee.cents : null) ?? settings.defaultFeeCents,
        amountPaidCents: (paid.ok ? paid.cents : null) ?? 0,
        paidOn: dates.paidOn ?? null,
        paymentMethod: method ?? null,
        votingPersonId: null,
        startDate: dates.startDate ?? null,
        exitDate: dates.exitDate ?? null,
        exitReason: text(c.exitReason),
        note: text(c.note),
      });
      if (!parsed.success) {
        reportZod(at, row, parsed.error, MEMBERSHIP_FIELD_OF);
        continue;
      }
      const value = parsed.data;
      const key = `${value.organisationId}:${value.year}`;
      if (seen.has(key)) {
        at(row, 'year', 'data.import.sameInFile', { line: seen.get(key)! });
        continue;
      }
      seen.set(key, row.line);
      const twin = byKey.get(key);
      if (twin === undefined && organisation.archived_at) {
        at(row, 'organisation', 'error.organisationArchived');
        continue;
      }
      let updateIssues: ImportIssue[] | undefined;
      if (twin) {
        const merged = membershipSchemaInput(mergeMembership(twin, membershipColumns(value), mapped));
        const check = membershipInputSchema.safeParse(merged);
        if (!check.success) {
          updateIssues = [];
          reportZod(issueCollector(table, updateIssues), row, check.error, MEMBERSHIP_FIELD_OF);
        }
      }
      candidates.push({
        line: row.line,
        value,
        duplicate: twin === undefined ? null : { line: row.line, reason: 'organisationYear', existingId: twin.id, existingLabel: `${organisation.name} — ${value.year}` },
        updateIssues,
      });
    }
    return { candidates, issues };
  },
  async write(ctx, items, table) {
    let created = 0;
    const creates = items.filter((i) => i.choice === 'create').map((i) => membershipColumns(i.candidate.value));
    for (const chunk of chunks(creates, 12)) {
      const rows = await ctx.db.insertInto('memberships').values(chunk).returning(['id', 'organisation_id', 'year']).execute();
      for (const r of rows) {
        await recordChange(ctx, { entity: 'membership', entityId: r.id, action: 'import', summary: { year: r.year }, parent: { entity: 'organisation', id: r.organisation_id } });
      }
      created += rows.length;
    }
    const mapped = new Set(Object.keys(table.columnOf));
    let updated = 0;
    for (const item of items.filter((i) => i.choice === 'update')) {
      const id = item.candidate.duplicate!.existingId;
      const before = await ctx.db.selectFrom('memberships').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      const after = mergeMembership(before, membershipColumns(item.candidate.value), mapped);
      const changes = diffFields(before, after, MEMBERSHIP_COLUMNS);
      if (Object.keys(changes).length === 0) continue;
      await ctx.db.updateTable('memberships').set(after).where('id', '=', id).execute();
      await recordChange(ctx, { entity: 'membership', entityId: id, action: 'import', summary: { year: before.year, changes }, parent: { entity: 'organisation', id: before.organisation_id } });
      updated++;
    }
    return { created, updated };
  },
};

type MembershipColumns = ReturnType<typeof membershipColumns>;

function membershipColumns(v: MembershipValues) {
  return {
    organisation_id: v.organisationId,
    year: v.year,
    fee_due_cents: v.feeDueCents,
    amount_paid_cents: v.amountPaidCents,
    paid_on: v.paidOn,
    payment_method: v.paymentMethod as string | null,
    voting_person_id: v.votingPersonId,
    start_date: v.startDate,
    exit_date: v.exitDate,
    exit_reason: v.exitReason,
    note: v.note,
  };
}

const MEMBERSHIP_COLUMNS = ['fee_due_cents', 'amount_paid_cents', 'paid_on', 'payment_method', 'start_date', 'exit_date', 'exit_reason', 'note'] as const;
const MEMBERSHIP_COLUMN_FIELD: Record<(typeof MEMBERSHIP_COLUMNS)[number], string> = {
  fee_due_cents: 'feeDue',
  amount_paid_cents: 'amountPaid',
  paid_on: 'paidOn',
  payment_method: 'paymentMethod',
  start_date: 'startDate',
  exit_date: 'exitDate',
  exit_reason: 'exitReason',
  note: 'note',
};

/** An existing membership updated from the columns the file gives; the others (voting representative…) are kept. */
function mergeMembership(before: MembershipColumns, next: MembershipColumns, mapped: Set<string>): MembershipColumns {
  const out = { ...before };
  for (const column of MEMBERSHIP_COLUMNS) {
    if (mapped.has(MEMBERSHIP_COLUMN_FIELD[column])) (out as Record<string, unknown>)[column] = next[column];
  }
  return {
    organisation_id: out.organisation_id,
    year: out.year,
    fee_due_cents: out.fee_due_cents,
    amount_paid_cents: out.amount_paid_cents,
    paid_on: out.paid_on,
    payment_method: out.payment_method,
    voting_person_id: out.voting_person_id,
    start_date: out.start_date,
    exit_date: out.exit_date,
    exit_reason: out.exit_reason,
    note: out.note,
  };
}

function membershipSchemaInput(c: MembershipColumns) {
  return {
    organisationId: c.organisation_id,
    year: c.year,
    feeDueCents: c.fee_due_cents,
    amountPaidCents: c.amount_paid_cents,
    paidOn: c.paid_on,
    paymentMethod: c.payment_method,
    votingPersonId: c.voting_person_id,
    startDate: c.start_date,
    exitDate: c.exit_date,
    exitReason: c.exit_reason,
    note: c.note,
  };
}

// ——— Time given (the time feature's tables, rules and valuation) ———

interface TimeImport {
  values: EntryValues;
  hourlyCents: number;
  rateId: number | null;
}

const NATURE_WORDS: [RegExp, Nature][] = [
  [/^(mise a disposition|mad|mis a disposition|secondment|salarie)/, 'secondment'],
  [/^(benevol|volunteer)/, 'volunteering'],
];

function nature(cell: Cell | undefined): Nature | null | undefined {
  const t = text(cell);
  if (t === null) return null;
  const key = normalizeKey(t);
  if ((NATURES as readonly string[]).includes(key)) return key as Nature;
  return NATURE_WORDS.find(([re]) => re.test(key))?.[1];
}

/**
 * A duration cell in the unit its column's title announces (« Heures »: `13` is 13 h, in a CSV
 * as in an XLSX number cell), with how it was read, for the preview.
 */
function duration(cell: Cell | undefined, unit: DurationUnit): { ok: true; minutes: number; rule: ImportReading['rule'] } | { ok: false; key: string } | null {
  if (cell === null || cell === undefined) return null;
  // A time-styled cell (LibreOffice's reading of `1:30`) carries its own unit.
  if (typeof cell === 'object' && 'minutes' in cell) {
    const parsed = parseDurationIn(`${cell.minutes} min`, 'asTyped');
    return parsed.ok ? { ok: true, minutes: parsed.minutes, rule: 'written' } : { ok: false, key: DURATION_PROBLEM_KEYS[parsed.problem] };
  }
  if (typeof cell !== 'number' && typeof cell !== 'string') return { ok: false, key: DURATION_PROBLEM_KEYS.invalid };
  const parsed = parseDurationIn(cell, unit);
  if (!parsed.ok) return { ok: false, key: DURATION_PROBLEM_KEYS[parsed.problem] };
  const bare = typeof cell === 'number' || /^[-−]?\d+(?:[.,]\d+)?$/.test(cell.replace(/[\s\u00a0\u202f]+/g, ''));
  return { ok: true, minutes: parsed.minutes, rule: bare ? unit : 'written' };
}

const ENTRY_FIELD_OF: Record<string, string> = { minutes: 'duration', organisationId: 'organisation', personId: 'person', categoryId: 'category' };

const TIME_ENTRY_COLUMNS = [
  'organisation_id',
  'person_id',
  'date',
  'minutes',
  'category_id',
  'nature',
  'meeting_id',
  'activity_id',
  'note',
  'rate_id',
  'hourly_rate_cents',
  'value_cents',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof DB['time_entries'])[];

const time: ImportKind<TimeImport> = {
  tables: ['time_entries', 'time_categories', 'time_closed_periods', 'time_rates'],
  async prepare(ctx, table, options) {
    const wantReadings = options?.readings !== false;
    const issues: ImportIssue[] = [];
    const at = issueCollector(table, issues);
    if (!('organisation' in table.columnOf) && !('organisationSiret' in table.columnOf)) {
      issues.push({ line: table.headerLine, column: null, field: 'organisation', key: 'data.import.missingColumn', params: { field: 'data.field.organisation' } });
      return { candidates: [], issues };
    }
    await ensureDefaultCategories(ctx);
    const index = await organisationIndex(ctx);
    const people = await ctx.db.selectFrom('people').select(['id', 'first_name', 'last_name']).execute();
    const personByName = new Map<string, { id: number; name: string }>();
    for (const p of people) {
      const name = `${p.first_name} ${p.last_name}`;
      for (const key of [normalizeKey(name), normalizeKey(`${p.last_name} ${p.first_name}`)]) if (!personByName.has(key)) personByName.set(key, { id: p.id, name });
    }
    const categories = await ctx.db.selectFrom('time_categories').select(['id', 'code', 'name', 'active']).orderBy('position').execute();
    const categoryByKey = new Map<string, number>();
    for (const c of categories) {
      if (c.active !== 1) continue;
      categoryByKey.set(normalizeKey(c.name), c.id);
      if (c.code) categoryByKey.set(normalizeKey(c.code), c.id);
    }
    const defaultCategory = categories.find((c) => c.code === 'coordination' && c.active === 1) ?? categories.find((c) => c.active === 1);
    const periods = await activeClosedPeriods(ctx);
    const rates = await loadRates(ctx);
    const settings = await getSettings(ctx);

    // The lines that passed, and their values, side by side (no pair object a line).
    const okRows: MappedRow[] = [];
    const okValues: EntryValues[] = [];
    const readings: ImportReading[] = [];
    const unit = durationUnitOfTitle(table.columnOf.duration);
    // « Today » once for the file, not once a line (it goes through Intl).
    const day = today(ctx);
    // The same texts recur on every line (organisations, people, categories, dates, durations):
    // each distinct one is read and looked up once, one map lookup a cell afterwards.
    const organisationOf = memo((name: string) => findByName(index, name));
    const personOf = memo((name: string) => personByName.get(normalizeKey(name))?.id);
    const categoryOf = memo((name: string) => categoryByKey.get(normalizeKey(name)));
    const dateOf = memo((cell: Cell) => parseDate(cell));
    const durationOf = memo((cell: Cell | undefined) => duration(cell, unit));
    const natureOf = memo((cell: Cell | undefined) => nature(cell));
    const durationText = memo(formatDuration);
    // What a checked date implies, once per date: more than a year ahead, or in a closed period.
    const dateRules = memo((date: string) => ({ farFuture: isFarFuture(date, day), locked: periodLocking(periods, date) }));
    // The entry's schema, each field checked once per distinct value (the same rules as its parse).
    const checkEntry = cachedObjectCheck(entryInputSchema);
    const entryInput: Record<string, unknown> = { organisationId: 0, personId: null, date: '', minutes: 0, categoryId: 0, nature: 'secondment', meetingId: null, activityId: null, note: null };
    for (const row of table.rows) {
      const c = row.cells;
      const before = issues.length;
      const organisation = resolveOrganisation(index, row, at, true, organisationOf);
      let personId: number | null = null;
      const personText = text(c.person);
      if (personText) {
        const found = personOf(personText);
        if (found !== undefined) personId = found;
        else at(row, 'person', 'data.import.unknownPerson', { value: personText });
      }
      const date = dateOf(c.date ?? null);
      if (!date.ok || date.date === null) at(row, 'date', date.ok ? 'error.required' : 'error.date');
      const categoryText = text(c.category);
      const categoryId = categoryText ? categoryOf(categoryText) : defaultCategory?.id;
      if (categoryText && categoryId === undefined) at(row, 'category', 'data.import.unknownCategory', { value: categoryText });
      const kind = natureOf(c.nature);
      if (kind === undefined) at(row, 'nature', 'data.import.badNature', { value: text(c.nature) ?? '' });
      const minutes = durationOf(c.duration);
      if (minutes && !minutes.ok) at(row, 'duration', minutes.key);
      if (issues.length > before || !organisation || !date.ok || !date.date || categoryId === undefined) continue;
      // One input object for every line: the check reads it and keeps none of it.
      entryInput.organisationId = organisation.id;
      entryInput.personId = personId;
      entryInput.date = date.date;
      entryInput.minutes = minutes?.ok ? minutes.minutes : '';
      entryInput.categoryId = categoryId;
      entryInput.nature = kind ?? 'secondment';
      entryInput.note = text(c.note);
      const parsed = checkEntry(entryInput);
      if (!parsed.success) {
        for (const { field, issue } of parsed.issues) at(row, ENTRY_FIELD_OF[field] ?? field, keyForIssue(issue));
        continue;
      }
      // No confirmation in a file: a date more than a year ahead is a typo to correct.
      const { farFuture, locked } = dateRules(parsed.data.date);
      if (farFuture) {
        at(row, 'date', 'data.import.farFuture', { date: formatDate(parsed.data.date) });
        continue;
      }
      if (locked) {
        at(row, 'date', 'error.time.locked', { label: locked.label, from: formatDate(locked.from), to: formatDate(locked.to), date: formatDate(parsed.data.date) });
        continue;
      }
      okRows.push(row);
      okValues.push(parsed.data);
      if (minutes?.ok && wantReadings) readings.push({ line: row.line, field: 'duration', column: table.columnOf.duration ?? null, value: cellText(c.duration), read: durationText(minutes.minutes), rule: minutes.rule });
    }

    // What each person already has on each day, for the 24-hour rule and the duplicates. Keys are
    // numbers, not texts: each person, organisation, date and category of the file gets a small
    // index, and a key combines them (50 000 keys built as strings, then hashed, cost more than
    // the rest of the checks).
    const dateAt = new Map<string, number>();
    const personAt = new Map<number, number>();
    const organisationAt = new Map<number, number>();
    const categoryAt = new Map<number, number>();
    const indexOf = <K>(map: Map<K, number>, key: K) => {
      if (!map.has(key)) map.set(key, map.size);
    };
    // Only the days the file covers matter (both keys hold the date): the base's other years are not read.
    let first = '9999-12-31';
    let last = '0000-01-01';
    for (const values of okValues) {
      indexOf(dateAt, values.date);
      indexOf(categoryAt, values.categoryId);
      if (values.personId !== null) indexOf(personAt, values.personId);
      else indexOf(organisationAt, values.organisationId);
      if (values.date < first) first = values.date;
      if (values.date > last) last = values.date;
    }
    const days = dateAt.size;
    const kinds = categoryAt.size;
    // A person's day: person × date; an entry: its day × category, negative for an organisation's own entries.
    const dayKey = (person: number, date: number) => person * days + date;
    const entryKey = (personId: number | null, organisationId: number, date: number, categoryId: number): number | undefined => {
      const category = categoryAt.get(categoryId);
      if (category === undefined) return undefined;
      if (personId !== null) return dayKey(personAt.get(personId)!, date) * kinds + category;
      const organisation = organisationAt.get(organisationId);
      return organisation === undefined ? undefined : -1 - ((organisation * days + date) * kinds + category);
    };
    const already = new Map<number, number>();
    const existing = new Map<number, { id: number; minutes: number }>();
    for (const ids of chunks([...personAt.keys()], 1)) {
      const rows = await ctx.db
        .selectFrom('time_entries')
        .select(['id', 'person_id', 'organisation_id', 'date', 'category_id', 'minutes'])
        .where('person_id', 'in', ids)
        .where('date', '>=', first)
        .where('date', '<=', last)
        .execute();
      for (const r of rows) {
        // A day of the range that no line names counts for nothing.
        const date = dateAt.get(r.date);
        if (date === undefined) continue;
        const k = dayKey(personAt.get(r.person_id!)!, date);
        already.set(k, (already.get(k) ?? 0) + r.minutes);
        const key = entryKey(r.person_id, r.organisation_id, date, r.category_id);
        if (key !== undefined) existing.set(key, { id: r.id, minutes: r.minutes });
      }
    }
    if (organisationAt.size > 0) {
      const rows = await ctx.db
        .selectFrom('time_entries')
        .select(['id', 'organisation_id', 'date', 'category_id', 'minutes'])
        .where('person_id', 'is', null)
        .where('date', '>=', first)
        .where('date', '<=', last)
        .execute();
      for (const r of rows) {
        const date = dateAt.get(r.date);
        const key = date === undefined ? undefined : entryKey(null, r.organisation_id, date, r.category_id);
        if (key !== undefined) existing.set(key, { id: r.id, minutes: r.minutes });
      }
    }

    const names = new Map(people.map((p) => [p.id, `${p.first_name} ${p.last_name}`]));
    const rateOf = rateResolver(rates, settings.defaultHourlyValueCents);
    const seen = new Map<number, number>();
    const candidates: Candidate<TimeImport>[] = [];
    for (let i = 0; i < okRows.length; i++) {
      const row = okRows[i]!;
      const values = okValues[i]!;
      const date = dateAt.get(values.date)!;
      const key = entryKey(values.personId, values.organisationId, date, values.categoryId)!;
      const firstLine = seen.get(key);
      if (firstLine !== undefined) {
        at(row, 'date', 'data.import.sameInFile', { line: firstLine });
        continue;
      }
      seen.set(key, row.line);
      const twin = existing.get(key);
      if (values.personId !== null) {
        const k = dayKey(personAt.get(values.personId)!, date);
        const before = already.get(k) ?? 0;
        const after = before - (twin?.minutes ?? 0) + values.minutes;
        if (after > MAX_MINUTES_PER_DAY) {
          at(row, 'duration', 'error.time.dayOverflow', { person: names.get(values.personId) ?? '', date: formatDate(values.date), already: formatDuration(before) });
          continue;
        }
        already.set(k, after);
      }
      const rate = rateOf(values);
      candidates.push({
        line: row.line,
        value: { values, hourlyCents: rate.hourlyCents, rateId: rate.rateId },
        duplicate: twin
          ? {
              line: row.line,
              reason: 'personDate',
              existingId: twin.id,
              existingLabel: `${values.personId === null ? (index.byId.get(values.organisationId) ?? '') : names.get(values.personId)} — ${formatDate(values.date)} (${formatDuration(twin.minutes)})`,
            }
          : null,
      });
    }
    return { candidates, issues, ...(wantReadings ? { readings } : {}) };
  },
  async write(ctx, items) {
    const now = nowIso(ctx);
    const creates = items.filter((i) => i.choice === 'create');
    // Every line was checked in prepare(): its values go straight into the statements' parameters, in batches as large as the engine binds.
    await insertEach(ctx.db, 'time_entries', TIME_ENTRY_COLUMNS, creates, ({ candidate: { value } }, out, at) => {
      const v = value.values;
      out[at] = v.organisationId;
      out[at + 1] = v.personId;
      out[at + 2] = v.date;
      out[at + 3] = v.minutes;
      out[at + 4] = v.categoryId;
      out[at + 5] = v.nature;
      out[at + 6] = null;
      out[at + 7] = null;
      out[at + 8] = v.note ?? null;
      out[at + 9] = value.rateId;
      out[at + 10] = value.hourlyCents;
      out[at + 11] = entryValueCents(v.minutes, value.hourlyCents);
      out[at + 12] = now;
      out[at + 13] = now;
    });
    let updated = 0;
    for (const item of items.filter((i) => i.choice === 'update')) {
      const v = item.candidate.value;
      await ctx.db
        .updateTable('time_entries')
        .set({
          minutes: v.values.minutes,
          nature: v.values.nature,
          note: v.values.note,
          rate_id: v.rateId,
          hourly_rate_cents: v.hourlyCents,
          value_cents: entryValueCents(v.values.minutes, v.hourlyCents),
          updated_at: now,
        })
        .where('id', '=', item.candidate.duplicate!.existingId)
        .execute();
      updated++;
    }
    return { created: creates.length, updated };
  },
};

// ——— Activities (the activity log's schema and service rules) ———

const ACTIVITY_WORDS: [RegExp, ActivityKind][] = [
  [/^(sensibilisation|action de sensibilisation|awareness)/, 'awareness'],
  [/^(animation|stand|aller vers|outreach)/, 'outreach'],
  [/^(visite|visit)/, 'visit'],
  [/^(colloque|conference|participation|reunion exterieure|salon)/, 'conference'],
  [/^(accompagnement|support|suivi de porteur)/, 'support'],
  [/^(communication|outil de communication)/, 'communication'],
  [/^(autre|other|divers)/, 'other'],
];

function activityKind(cell: Cell | undefined): ActivityKind | null | undefined {
  const t = text(cell);
  if (t === null) return null;
  const key = normalizeKey(t);
  if ((ACTIVITY_KINDS as readonly string[]).includes(key)) return key as ActivityKind;
  return ACTIVITY_WORDS.find(([re]) => re.test(key))?.[1];
}

const VISITOR_WORDS: [RegExp, VisitorKind][] = [
  [/^(collectivite|elu|commune|mairie|communaute|departement|region|local authority)/, 'local_authority'],
  [/^(porteur|porteuse|project founder|founder)/, 'project_founder'],
  [/^(autre|other|divers)/, 'other'],
];

function visitorKind(cell: Cell | undefined): VisitorKind | null | undefined {
  const t = text(cell);
  if (t === null) return null;
  const key = normalizeKey(t).replace(/-/g, '_');
  if ((VISITOR_KINDS as readonly string[]).includes(key)) return key as VisitorKind;
  return VISITOR_WORDS.find(([re]) => re.test(normalizeKey(t)))?.[1];
}

const activityKey = (date: string, kind: string, title: string) => `${date}|${kind}|${normalizeKey(title)}`;

const ACTIVITY_FIELD_OF: Record<string, string> = { leadOrganisationIds: 'leadOrganisations', projectFounderId: 'visitorKind' };
/** Optional columns that an update takes from the file only when the file gives them. */
const ACTIVITY_OPTIONAL = ['place', 'visitorKind', 'peopleReached', 'campaign', 'note'] as const;

const activities: ImportKind<ActivityValues> = {
  tables: ['activities', 'activity_organisations'],
  async prepare(ctx, table) {
    const issues: ImportIssue[] = [];
    const at = issueCollector(table, issues);
    const index = await organisationIndex(ctx);
    const existing = await ctx.db.selectFrom('activities').select(['id', 'date', 'kind', 'title']).execute();
    const byKey = new Map(existing.map((a) => [activityKey(a.date, a.kind, a.title), a]));
    const seen = new Map<string, number>();
    const candidates: Candidate<ActivityValues>[] = [];
    for (const row of table.rows) {
      const c = row.cells;
      const before = issues.length;
      const date = parseDate(c.date ?? null);
      if (!date.ok) at(row, 'date', 'error.date');
      const kind = activityKind(c.kind);
      if (kind === undefined) at(row, 'kind', 'data.import.badActivityKind', { value: text(c.kind) ?? '' });
      const visitor = visitorKind(c.visitorKind);
      if (visitor === undefined) at(row, 'visitorKind', 'data.import.badVisitorKind', { value: text(c.visitorKind) ?? '' });
      // One or more leading organisations in one cell, by name or SIRET, separated by ";" or ",".
      const leadIds: number[] = [];
      for (const part of (text(c.leadOrganisations) ?? '').split(/[;,]/)) {
        const name = part.trim();
        if (name === '') continue;
        const found = index.byName.get(normalizeKey(name)) ?? index.bySiret.get(name.replace(/\s/g, ''));
        if (found) leadIds.push(found.id);
        else at(row, 'leadOrganisations', 'data.import.unknownOrganisation', { value: name });
      }
      const reachedText = text(c.peopleReached);
      const reached = parseDecimal(c.peopleReached ?? null);
      if (reachedText !== null && reached === null) at(row, 'peopleReached', 'error.integer');
      if (issues.length > before) continue;
      const parsed = activityInputSchema.safeParse({
        kind: kind ?? '',
        date: (date.ok ? date.date : null) ?? '',
        title: text(c.title) ?? '',
        place: text(c.place),
        visitorKind: visitor ?? null,
        projectFounderId: null,
        peopleReached: reached,
        campaign: text(c.campaign),
        note: text(c.note),
        leadOrganisationIds: [...new Set(leadIds)],
        partnerOrganisationIds: [],
      });
      if (!parsed.success) {
        reportZod(at, row, parsed.error, ACTIVITY_FIELD_OF);
        continue;
      }
      const value = parsed.data;
      const key = activityKey(value.date, value.kind, value.title);
      if (seen.has(key)) {
        at(row, 'title', 'data.import.sameInFile', { line: seen.get(key)! });
        continue;
      }
      seen.set(key, row.line);
      const twin = byKey.get(key);
      candidates.push({
        line: row.line,
        value,
        duplicate: twin ? { line: row.line, reason: 'dateKindTitle', existingId: twin.id, existingLabel: `${twin.title} — ${formatDate(twin.date)}` } : null,
      });
    }
    return { candidates, issues };
  },
  async write(ctx, items, table) {
    const now = nowIso(ctx);
    const mapped = new Set(Object.keys(table.columnOf));
    let created = 0;
    let updated = 0;
    for (const item of items) {
      const value = item.candidate.value;
      if (item.choice === 'create') {
        await validateActivity(ctx.db, value);
        const { id } = await ctx.db
          .insertInto('activities')
          .values({ ...activityColumns(value), created_at: now, updated_at: now })
          .returning('id')
          .executeTakeFirstOrThrow();
        await writeOrganisations(ctx.db, id, value);
        created++;
      } else if (item.choice === 'update') {
        const id = item.candidate.duplicate!.existingId;
        const before = await ctx.db.selectFrom('activities').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        const partners = await ctx.db.selectFrom('activity_organisations').select('organisation_id').where('activity_id', '=', id).where('role', '=', 'partner').execute();
        // The columns the file gives replace the activity's; the others (founder, partners…) are kept.
        const merged: ActivityValues = {
          ...value,
          place: before.place,
          visitorKind: before.visitor_kind as VisitorKind | null,
          projectFounderId: before.project_founder_id,
          peopleReached: before.people_reached,
          campaign: before.campaign,
          note: before.note,
          partnerOrganisationIds: partners.map((p) => p.organisation_id),
        };
        for (const field of ACTIVITY_OPTIONAL) if (mapped.has(field)) (merged as Record<string, unknown>)[field] = value[field];
        await validateActivity(ctx.db, merged);
        await ctx.db.updateTable('activities').set({ ...activityColumns(merged), updated_at: now }).where('id', '=', id).execute();
        await writeOrganisations(ctx.db, id, merged);
        updated++;
      }
    }
    return { created, updated };
  },
};

// ——— Observatory figures (the observatory's indicators and unit rules) ———

interface IndicatorLine {
  organisationId: number;
  year: number;
  values: { indicatorId: number; value: number }[];
}

const indicators: ImportKind<IndicatorLine> = {
  tables: ['indicators', 'indicator_values'],
  async fields(ctx) {
    return [...IMPORT_FIELDS.indicators, ...(await listIndicators(ctx, true)).map(indicatorField)];
  },
  async prepare(ctx, table) {
    const issues: ImportIssue[] = [];
    const at = issueCollector(table, issues);
    if (!('organisation' in table.columnOf) && !('organisationSiret' in table.columnOf)) {
      issues.push({ line: table.headerLine, column: null, field: 'organisation', key: 'data.import.missingColumn', params: { field: 'data.field.organisation' } });
      return { candidates: [], issues };
    }
    const byCode = new Map((await listIndicators(ctx, true)).map((i) => [`${INDICATOR_FIELD_PREFIX}${i.code}`, i]));
    const given = Object.keys(table.columnOf).filter((f) => byCode.has(f));
    if (given.length === 0) {
      issues.push({ line: table.headerLine, column: null, field: null, key: 'data.import.noIndicatorColumn' });
      return { candidates: [], issues };
    }
    const index = await organisationIndex(ctx);
    const existing = await ctx.db.selectFrom('indicator_values').select(['organisation_id', 'year', 'indicator_id']).execute();
    const filled = new Set(existing.map((v) => `${v.organisation_id}:${v.year}:${v.indicator_id}`));
    const seen = new Map<string, number>();
    const candidates: Candidate<IndicatorLine>[] = [];
    for (const row of table.rows) {
      const c = row.cells;
      const before = issues.length;
      const organisation = resolveOrganisation(index, row, at, true);
      const year = parseDecimal(c.year ?? null);
      if (year === null || !Number.isInteger(year) || year < 1900 || year > 2200) at(row, 'year', 'error.year');
      const values: IndicatorLine['values'] = [];
      for (const field of given) {
        const indicator = byCode.get(field)!;
        const cell = c[field] ?? null;
        if (text(cell) === null) continue;
        let value: number | null;
        if ((indicator.unit as IndicatorUnit) === 'euros') {
          // Euros travel as cents, as in the observatory's form.
          const money = parseCents(cell);
          value = money.ok ? money.cents : null;
        } else value = parseDecimal(cell);
        if (value === null) {
          at(row, field, 'error.number');
          continue;
        }
        const problem = unitProblem(indicator.unit, value);
        if (problem) at(row, field, problem, { indicator: indicator.label });
        else values.push({ indicatorId: indicator.id, value });
      }
      if (issues.length > before || !organisation || year === null) continue;
      const key = `${organisation.id}:${year}`;
      if (seen.has(key)) {
        at(row, 'year', 'data.import.sameInFile', { line: seen.get(key)! });
        continue;
      }
      seen.set(key, row.line);
      if (values.length === 0) continue;
      const twin = values.some((v) => filled.has(`${organisation.id}:${year}:${v.indicatorId}`));
      candidates.push({
        line: row.line,
        value: { organisationId: organisation.id, year, values },
        duplicate: twin ? { line: row.line, reason: 'organisationYear', existingId: organisation.id, existingLabel: `${organisation.name} — ${year}` } : null,
      });
    }
    return { candidates, issues };
  },
  async write(ctx, items) {
    const now = nowIso(ctx);
    let created = 0;
    let updated = 0;
    for (const item of items) {
      if (item.choice === 'skip') continue;
      const { organisationId, year, values } = item.candidate.value;
      // An update replaces the values the file gives; the indicators it leaves empty keep theirs.
      for (const v of values) {
        await ctx.db
          .insertInto('indicator_values')
          .values({ organisation_id: organisationId, year, indicator_id: v.indicatorId, value: v.value, updated_at: now })
          .onConflict((oc) => oc.columns(['organisation_id', 'year', 'indicator_id']).doUpdateSet({ value: v.value, updated_at: now }))
          .execute();
      }
      if (item.choice === 'update') updated++;
      else created++;
    }
    return { created, updated };
  },
};

/** Import types that exist today; the others are reported as not available yet. */
export const IMPORT_KINDS: Partial<Record<ImportType, ImportKind<unknown>>> = {
  organisations: organisations as ImportKind<unknown>,
  people: people as ImportKind<unknown>,
  memberships: memberships as ImportKind<unknown>,
  time: time as ImportKind<unknown>,
  activities: activities as ImportKind<unknown>,
  indicators: indicators as ImportKind<unknown>,
};
