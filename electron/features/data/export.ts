import type { z } from 'zod';
import { AppError } from '../../../shared/api/errors';
import { safeFileName } from '../../../shared/api/files';
import { EXPORT_COLUMNS, type ExportColumn, type ExportList } from '../../../shared/features/data/export-columns';
import type { exportInputSchema } from '../../../shared/features/data/schemas';
import { translate, type Language } from '../../../shared/i18n/index';
import { currentYear, dayOfTimestamp, today, type ServiceContext } from '../../app/context';
import { membershipYear } from '../memberships/service';
import { listOrganisations } from '../organisations/service';
import { listPeople } from '../people/service';
import { listEntries } from '../time/entries';
import { UTF8_BOM, writeCsv, type CsvCell } from '../../../shared/format/csv';
import { frenchDate } from './sheets/values';
import { writeXlsx, type WriteCell } from './sheets/xlsx';

type ExportOptions = z.output<typeof exportInputSchema>;
type Value = string | number | null;
type Row = Record<string, Value>;

const LIST_FILE_NAMES: Record<ExportList, string> = { organisations: 'structures', people: 'personnes', memberships: 'adhesions', time: 'temps' };

/** The ids of a list as the screen shows it (same search and filters), in its order. */
async function organisationRows(ctx: ServiceContext, options: ExportOptions, language: Language): Promise<Row[]> {
  const f = options.filter ?? {};
  const list = await listOrganisations(ctx, {
    search: f.search,
    year: f.year,
    includeArchived: f.includeArchived,
    kind: f.kind,
    department: f.department,
    membershipStatus: f.membershipStatus,
  });
  const byId = new Map<number, Row>();
  const ids = list.items.map((i) => i.id);
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await ctx.db.selectFrom('organisations').selectAll().where('id', 'in', ids.slice(i, i + 5000)).execute();
    for (const r of rows) {
      byId.set(r.id, {
        name: r.name,
        shortName: r.short_name,
        kind: translate(language, `kind.${r.kind}`),
        siret: r.siret,
        address: r.address,
        postcode: r.postcode,
        city: r.city,
        department: r.department,
        email: r.email,
        phone: r.phone,
        website: r.website,
        note: r.note,
        createdAt: dayOfTimestamp(ctx, r.created_at),
        archivedAt: r.archived_at ? dayOfTimestamp(ctx, r.archived_at) : null,
      });
    }
  }
  return list.items.map((item) => ({
    ...byId.get(item.id)!,
    membershipYear: item.membership ? item.membership.year : null,
    feeDue: item.membership ? item.membership.feeDueCents : null,
    amountPaid: item.membership ? item.membership.amountPaidCents : null,
  }));
}

async function peopleRows(ctx: ServiceContext, options: ExportOptions): Promise<Row[]> {
  const list = await listPeople(ctx, { search: options.filter?.search, includeArchived: options.filter?.includeArchived });
  const byId = new Map<number, Row>();
  const ids = list.items.map((i) => i.id);
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await ctx.db.selectFrom('people').selectAll().where('id', 'in', ids.slice(i, i + 5000)).execute();
    for (const r of rows) {
      byId.set(r.id, {
        lastName: r.last_name,
        firstName: r.first_name,
        email: r.email,
        phone: r.phone,
        address: r.address,
        postcode: r.postcode,
        city: r.city,
        consentDate: r.consent_date,
        note: r.note,
        createdAt: dayOfTimestamp(ctx, r.created_at),
        archivedAt: r.archived_at ? dayOfTimestamp(ctx, r.archived_at) : null,
      });
    }
  }
  return list.items.map((item) => ({
    ...byId.get(item.id)!,
    organisations: item.organisations.map((o) => `${o.name} (${o.role})`).join(', ') || null,
  }));
}

async function membershipRows(ctx: ServiceContext, options: ExportOptions, language: Language): Promise<Row[]> {
  const year = options.filter?.year ?? currentYear(ctx);
  const data = await membershipYear(ctx, year);
  const sirets = new Map(
    (await ctx.db.selectFrom('organisations').select(['id', 'siret']).execute()).map((o) => [o.id, o.siret] as const),
  );
  return data.items.map((m) => ({
    year: m.year,
    organisation: m.organisationName,
    organisationSiret: sirets.get(m.organisationId) ?? null,
    feeDue: m.feeDueCents,
    amountPaid: m.amountPaidCents,
    outstanding: Math.max(0, m.feeDueCents - m.amountPaidCents),
    paidOn: m.paidOn,
    paymentMethod: m.paymentMethod ? translate(language, `payment.${m.paymentMethod}`) : null,
    votingPerson: m.votingPersonName,
    startDate: m.startDate,
    exitDate: m.exitDate,
    exitReason: m.exitReason,
    note: m.note,
  }));
}

/** Time entries of a period (the year by default), with the time feature's own query. */
async function timeRows(ctx: ServiceContext, options: ExportOptions, language: Language): Promise<Row[]> {
  const year = options.filter?.year ?? currentYear(ctx);
  const from = options.filter?.from ?? `${year}-01-01`;
  const to = options.filter?.to ?? `${year}-12-31`;
  const { items } = await listEntries(ctx, { from, to, limit: 500_000 });
  return items.map((e) => ({
    date: e.date,
    organisation: e.organisationName,
    person: e.personName,
    hours: Math.round((e.minutes / 60) * 100) / 100,
    category: e.categoryName,
    nature: translate(language, `time.nature.${e.nature}`),
    value: e.valueCents,
    note: e.note,
  }));
}

/** Numbers stay numbers (a negative amount is not a formula); text goes through the writer's formula guard. */
function csvCell(column: ExportColumn, value: Value): CsvCell {
  if (value === null) return null;
  switch (column.kind) {
    case 'date':
      return frenchDate(String(value));
    case 'money':
      return { number: Number(value) / 100, digits: 2 };
    case 'decimal':
      return { number: Number(value), digits: 2 };
    case 'integer':
      return typeof value === 'number' ? { number: value } : String(value);
    default:
      return String(value);
  }
}

function xlsxCell(column: ExportColumn, value: Value): WriteCell {
  if (value === null) return null;
  switch (column.kind) {
    case 'date':
      return { date: String(value) };
    case 'money':
      return { cents: Number(value) };
    case 'decimal':
      return { decimal: Number(value) };
    case 'integer':
      return Number(value);
    default:
      return String(value);
  }
}

/**
 * A list as a file, with the columns the user picked, in their order: CSV for French Excel
 * (UTF-8 with BOM, ";", decimal commas, dd/mm/yyyy) or XLSX (real numbers and dates).
 */
export async function exportList(ctx: ServiceContext, options: ExportOptions): Promise<{ fileName: string; bytes: Uint8Array; rows: number }> {
  const language = options.language ?? 'fr';
  const available = EXPORT_COLUMNS[options.list];
  if (available.length === 0) throw new AppError('VALIDATION', 'data.export.unavailable');
  const columns = options.columns.map((key) => {
    const column = available.find((c) => c.key === key);
    if (!column) throw new AppError('VALIDATION', 'data.export.unknownColumn', { column: key });
    return column;
  });
  const rows =
    options.list === 'organisations'
      ? await organisationRows(ctx, options, language)
      : options.list === 'people'
        ? await peopleRows(ctx, options)
        : options.list === 'memberships'
          ? await membershipRows(ctx, options, language)
          : await timeRows(ctx, options, language);
  const headers = columns.map((c) => translate(language, c.label));
  const suffix = options.list === 'memberships' || options.list === 'time' ? `${options.filter?.year ?? currentYear(ctx)}-` : '';
  const base = `${LIST_FILE_NAMES[options.list]}-${suffix}${today(ctx)}`;
  if (options.format === 'csv') {
    const text = UTF8_BOM + writeCsv([headers, ...rows.map((r) => columns.map((c) => csvCell(c, r[c.key] ?? null)))]);
    return { fileName: safeFileName(`${base}.csv`), bytes: new TextEncoder().encode(text), rows: rows.length };
  }
  const bytes = writeXlsx({
    name: translate(language, options.list === 'time' ? 'data.field.hours' : `nav.${options.list}`),
    header: true,
    rows: [headers, ...rows.map((r) => columns.map((c) => xlsxCell(c, r[c.key] ?? null)))],
    widths: columns.map((c, i) => Math.min(60, Math.max(10, headers[i]!.length + 2, ...rows.slice(0, 200).map((r) => String(r[c.key] ?? '').length + 2)))),
  });
  return { fileName: safeFileName(`${base}.xlsx`), bytes, rows: rows.length };
}
