import { modifiedMeanwhile, savedBy } from '../../store/versions';
import { sql } from 'kysely';
import { AppError, fieldError } from '../../../shared/api/errors';
import type { OrganisationDetail } from '../../../shared/features/organisations/contract';
import type {
  Organisation,
  OrganisationListItem,
  OrganisationListQuery,
  organisationInputSchema,
} from '../../../shared/features/organisations/schemas';
import { departmentFromPostcode } from '../../../shared/validation/identifiers';
import { normalizeKey } from '../../../shared/validation/text';
import type { z } from 'zod';
import { recordChange } from '../data/audit';
import { currentYear, nowIso, type ServiceContext } from '../../app/context';
import { pageOf } from '../../../shared/api/paging';
import { listMembershipsOfOrganisation } from '../memberships/service';
import { listAffiliations } from '../people/service';
import { findOrganisation, toOrganisation } from './repository';

type OrganisationValues = z.output<typeof organisationInputSchema>;

export async function getOrganisation(ctx: ServiceContext, id: number): Promise<Organisation> {
  const organisation = await findOrganisation(ctx.db, id);
  if (!organisation) throw new AppError('NOT_FOUND', 'error.notFound');
  return organisation;
}

/** Same SIRET, or same name ignoring case and accents, is the same organisation. */
async function assertNotDuplicate(ctx: ServiceContext, values: OrganisationValues, exceptId?: number) {
  if (values.siret) {
    const q = ctx.db.selectFrom('organisations').select(['id', 'name']).where('siret', '=', values.siret);
    const twin = await (exceptId ? q.where('id', '<>', exceptId) : q).executeTakeFirst();
    if (twin) throw fieldError('siret', 'error.duplicateSiret', { name: twin.name });
  }
  const q = ctx.db.selectFrom('organisations').select(['id', 'name']).where('name_key', '=', normalizeKey(values.name));
  const twin = await (exceptId ? q.where('id', '<>', exceptId) : q).executeTakeFirst();
  if (twin) throw fieldError('name', 'error.duplicateName', { name: twin.name });
}

export function columns(values: OrganisationValues) {
  return {
    name: values.name,
    name_key: normalizeKey(values.name),
    short_name: values.shortName,
    kind: values.kind,
    partner_type: values.kind === 'member' ? null : values.partnerType,
    siret: values.siret,
    address: values.address,
    postcode: values.postcode,
    city: values.city,
    department: departmentFromPostcode(values.postcode),
    email: values.email,
    phone: values.phone,
    website: values.website,
    note: values.note,
  };
}

export async function createOrganisation(ctx: ServiceContext, values: OrganisationValues): Promise<Organisation> {
  return ctx.db.transaction().execute(async (trx) => {
    const tctx = { ...ctx, db: trx };
    await assertNotDuplicate(tctx, values);
    const now = nowIso(ctx);
    const row = await trx
      .insertInto('organisations')
      .values({ ...columns(values), created_at: now, updated_at: now, archived_at: null })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordChange(tctx, { entity: 'organisation', entityId: row.id, action: 'create' });
    return toOrganisation(row);
  });
}

export async function updateOrganisation(ctx: ServiceContext, id: number, values: OrganisationValues, expectedVersion?: number): Promise<Organisation> {
  return ctx.db.transaction().execute(async (trx) => {
    const tctx = { ...ctx, db: trx };
    await getOrganisation(tctx, id);
    await assertNotDuplicate(tctx, values, id);
    // One statement: the version check and the write cannot be separated by another writer.
    const row = await trx
      .updateTable('organisations')
      .set((eb) => ({ ...columns(values), updated_at: nowIso(ctx), updated_by: savedBy(ctx.runtime), version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .$if(expectedVersion !== undefined, (q) => q.where('version', '=', expectedVersion!))
      .returningAll()
      .executeTakeFirst();
    if (!row) throw await modifiedMeanwhile(trx, 'organisations', id);
    return toOrganisation(row);
  });
}

/** Archiving hides an organisation from lists and pickers; its history stays. Nothing is deleted. */
export async function setOrganisationArchived(ctx: ServiceContext, id: number, archived: boolean): Promise<Organisation> {
  await getOrganisation(ctx, id);
  const now = nowIso(ctx);
  const row = await ctx.db
    .updateTable('organisations')
    .set({ archived_at: archived ? now : null, updated_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toOrganisation(row);
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listOrganisations(
  ctx: ServiceContext,
  query: OrganisationListQuery,
): Promise<{ items: OrganisationListItem[]; total: number; departments: string[]; year: number }> {
  const year = query.year ?? currentYear(ctx);
  let q = ctx.db
    .selectFrom('organisations as o')
    .leftJoin('memberships as m', (join) => join.onRef('m.organisation_id', '=', 'o.id').on('m.year', '=', year))
    .select([
      'o.id',
      'o.name',
      'o.short_name',
      'o.kind',
      'o.city',
      'o.postcode',
      'o.department',
      'o.siret',
      'o.archived_at',
      'm.year as m_year',
      'm.fee_due_cents',
      'm.amount_paid_cents',
      'm.exit_date',
    ]);
  if (!query.includeArchived) q = q.where('o.archived_at', 'is', null);
  if (query.kind) q = q.where('o.kind', '=', query.kind);
  if (query.department) q = q.where('o.department', '=', query.department);
  const search = query.search ? normalizeKey(query.search) : '';
  if (search) {
    const pattern = `%${escapeLike(search)}%`;
    const digits = search.replace(/\s/g, '');
    q = q.where((eb) =>
      eb.or([
        sql<boolean>`${eb.ref('o.name_key')} like ${pattern} escape '\\'`,
        sql<boolean>`lower(coalesce(${eb.ref('o.short_name')}, '')) like ${pattern} escape '\\'`,
        sql<boolean>`lower(coalesce(${eb.ref('o.city')}, '')) like ${pattern} escape '\\'`,
        ...(/^\d{3,}$/.test(digits) ? [eb('o.siret', 'like', `${digits}%`)] : []),
      ]),
    );
  }
  switch (query.membershipStatus) {
    case 'member':
      q = q.where('m.id', 'is not', null);
      break;
    case 'paid':
      q = q.where('m.id', 'is not', null).whereRef('m.amount_paid_cents', '>=', 'm.fee_due_cents');
      break;
    case 'unpaid':
      q = q.where('m.id', 'is not', null).whereRef('m.amount_paid_cents', '<', 'm.fee_due_cents');
      break;
    case 'none':
      q = q.where('m.id', 'is', null);
      break;
  }
  const direction = query.direction ?? 'asc';
  const sortColumn = { name: 'o.name_key', city: 'o.city', department: 'o.department', kind: 'o.kind' } as const;
  q = q.orderBy(sortColumn[query.sort ?? 'name'], direction);
  if (query.sort && query.sort !== 'name') q = q.orderBy('o.name_key', 'asc');
  // A network has hundreds of organisations at most: sorted by SQL, counted and cut into a page here.
  const all = await q.execute();
  const rows = pageOf(all, query);

  const departments = await ctx.db
    .selectFrom('organisations')
    .select('department')
    .distinct()
    .where('department', 'is not', null)
    .orderBy('department')
    .execute();

  return {
    year,
    total: all.length,
    departments: departments.map((d) => d.department as string),
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      shortName: r.short_name,
      kind: r.kind as OrganisationListItem['kind'],
      city: r.city,
      postcode: r.postcode,
      department: r.department,
      siret: r.siret,
      archivedAt: r.archived_at,
      membership:
        r.m_year == null
          ? null
          : { year: r.m_year, feeDueCents: r.fee_due_cents ?? 0, amountPaidCents: r.amount_paid_cents ?? 0, exitDate: r.exit_date ?? null },
    })),
  };
}

export async function getOrganisationDetail(ctx: ServiceContext, id: number): Promise<OrganisationDetail> {
  const organisation = await getOrganisation(ctx, id);
  const [affiliations, memberships] = await Promise.all([
    listAffiliations(ctx, { organisationId: id }),
    listMembershipsOfOrganisation(ctx, id),
  ]);
  return { organisation, affiliations, memberships };
}
