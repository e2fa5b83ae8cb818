import { claimVersion, inWriteTransaction, modifiedMeanwhile, savedBy } from '../../store/versions';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { z } from 'zod';
import { AppError, fieldError } from '../../../shared/api/errors';
import { civilityOf } from '../../../shared/features/people/schemas';
import type {
  Affiliation,
  Office,
  OfficeHolding,
  Person,
  PersonDetail,
  PersonListItem,
  affiliationInputSchema,
  affiliationUpdateSchema,
  officeInputSchema,
  personInputSchema,
  personListQuerySchema,
} from '../../../shared/features/people/schemas';
import { normalizeKey } from '../../../shared/validation/text';
import { nowIso, today, type ServiceContext } from '../../app/context';
import type { PeopleTable } from '../../store/schema';
import { searchIndex } from '../../store/search-index';
import { pageOf } from '../../../shared/api/paging';
import { escapeLike } from '../organisations/service';
import { diffFields, recordChange } from '../data/audit';

type PersonValues = z.output<typeof personInputSchema>;

function toPerson(row: Selectable<PeopleTable>): Person {
  return {
    id: row.id,
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
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    archivedAt: row.archived_at,
    version: row.version,
  };
}

export function columns(values: PersonValues) {
  return {
    civility: values.civility,
    first_name: values.firstName,
    last_name: values.lastName,
    search_key: normalizeKey(`${values.firstName} ${values.lastName} ${values.lastName} ${values.firstName} ${values.email ?? ''}`),
    email: values.email,
    phone: values.phone,
    address: values.address,
    postcode: values.postcode,
    city: values.city,
    note: values.note,
    consent_date: values.consentDate,
    consent_note: values.consentNote,
  };
}

export async function getPerson(ctx: ServiceContext, id: number): Promise<Person> {
  const row = await ctx.db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'error.notFound');
  return toPerson(row);
}

export async function createPerson(ctx: ServiceContext, values: PersonValues): Promise<Person> {
  return ctx.db.transaction().execute((trx) => insertPerson({ ...ctx, db: trx }, values));
}

/** Inside the caller's transaction. */
async function insertPerson(ctx: ServiceContext, values: PersonValues): Promise<Person> {
  const now = nowIso(ctx);
  const row = await ctx.db
    .insertInto('people')
    .values({ ...columns(values), created_at: now, updated_at: now, archived_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordChange(ctx, { entity: 'person', entityId: row.id, action: 'create' });
  return toPerson(row);
}

/** A new person already working at a structure, from the structure's page: both written or neither. */
export async function createPersonWithAffiliation(
  ctx: ServiceContext,
  values: { person: PersonValues; affiliation: Omit<z.output<typeof affiliationInputSchema>, 'personId'> },
): Promise<Affiliation> {
  return ctx.db.transaction().execute(async (trx) => {
    const tctx = { ...ctx, db: trx };
    const person = await insertPerson(tctx, values.person);
    return insertAffiliation(tctx, { ...values.affiliation, personId: person.id });
  });
}

export async function updatePerson(ctx: ServiceContext, id: number, values: PersonValues, expectedVersion?: number): Promise<Person> {
  await getPerson(ctx, id);
  // One statement: the version check and the write cannot be separated by another writer.
  const row = await ctx.db
    .updateTable('people')
    .set((eb) => ({ ...columns(values), updated_at: nowIso(ctx), updated_by: savedBy(ctx.runtime), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .$if(expectedVersion !== undefined, (q) => q.where('version', '=', expectedVersion!))
    .returningAll()
    .executeTakeFirst();
  if (!row) throw await modifiedMeanwhile(ctx.db, 'people', id);
  return toPerson(row);
}

export async function setPersonArchived(ctx: ServiceContext, id: number, archived: boolean): Promise<Person> {
  await getPerson(ctx, id);
  const now = nowIso(ctx);
  const row = await ctx.db
    .updateTable('people')
    .set({ archived_at: archived ? now : null, updated_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toPerson(row);
}


/** "Current" means started on or before `date` and not ended before it. */
function isCurrent(startDate: string, endDate: string | null, date: string): boolean {
  return startDate <= date && (endDate === null || endDate >= date);
}

/**
 * People sorted by name in French, one page at a time: the names of every match are sorted here (a
 * few thousand short rows), and only the page's rows get their affiliations. A search goes
 * through the full-text index (every word a prefix, accents ignored), or scans where there is none.
 */
export async function listPeople(
  ctx: ServiceContext,
  query: z.output<typeof personListQuerySchema>,
): Promise<{ items: PersonListItem[]; total: number }> {
  let q = ctx.db.selectFrom('people as p').select(['p.id', 'p.first_name', 'p.last_name', 'p.email', 'p.phone', 'p.archived_at']);
  if (!query.includeArchived) q = q.where('p.archived_at', 'is', null);
  const search = query.search ? normalizeKey(query.search) : '';
  if (search) {
    const ids = await searchIndex(ctx.db as unknown as Kysely<unknown>).matching('person', search);
    if (ids) {
      if (ids.length === 0) return { items: [], total: 0 };
      q = q.where('p.id', 'in', ids);
    } else {
      // Every word must match somewhere: "dupont marie" finds Marie Dupont.
      for (const word of search.split(' ')) q = q.where(sql<boolean>`p.search_key like ${`%${escapeLike(word)}%`} escape '\\'`);
    }
  }
  if (query.organisationId) {
    const organisationId = query.organisationId;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('affiliations as a').select('a.id').whereRef('a.person_id', '=', 'p.id').where('a.organisation_id', '=', organisationId)),
    );
  }
  // Sorted in French: accents and case aside, as a collator would ("Élodie" beside "Eloi", not after
  // "Zoé"), through a key computed once per row; a collator compare per pair costs tens of ms here.
  const keyed = (await q.execute()).map((r) => ({ r, key: `${normalizeKey(r.last_name)}\u0000${normalizeKey(r.first_name)}\u0000${r.last_name}\u0000${r.first_name}` }));
  const all = keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((k) => k.r);
  const rows = pageOf(all, query);
  const date = today(ctx);
  const ids = query.namesOnly ? [] : rows.map((r) => r.id);
  const byPerson = new Map<number, { id: number; name: string; role: string }[]>();
  // Fetched in chunks so a very long list stays under SQLite's variable limit.
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = ids.slice(i, i + 5000);
    const affiliations = await ctx.db
      .selectFrom('affiliations as a')
      .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
      .select(['a.person_id', 'a.role', 'a.start_date', 'a.end_date', 'o.id', 'o.name'])
      .where('a.person_id', 'in', chunk)
      .orderBy('a.start_date', 'desc')
      .execute();
    for (const a of affiliations) {
      if (!isCurrent(a.start_date, a.end_date, date)) continue;
      const list = byPerson.get(a.person_id) ?? [];
      list.push({ id: a.id, name: a.name, role: a.role });
      byPerson.set(a.person_id, list);
    }
  }
  return {
    total: all.length,
    items: rows.map((r) => ({
      id: r.id,
      firstName: r.first_name,
      lastName: r.last_name,
      email: r.email,
      phone: r.phone,
      archivedAt: r.archived_at,
      organisations: byPerson.get(r.id) ?? [],
    })),
  };
}

export async function listAffiliations(ctx: ServiceContext, filter: { personId?: number; organisationId?: number }): Promise<Affiliation[]> {
  let q = ctx.db
    .selectFrom('affiliations as a')
    .innerJoin('people as p', 'p.id', 'a.person_id')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select([
      'a.id',
      'a.person_id',
      'a.organisation_id',
      'a.role',
      'a.start_date',
      'a.end_date',
      'a.version',
      'p.first_name',
      'p.last_name',
      'o.name as organisation_name',
    ]);
  if (filter.personId) q = q.where('a.person_id', '=', filter.personId);
  if (filter.organisationId) q = q.where('a.organisation_id', '=', filter.organisationId);
  // Current ones first (no end date), then the most recent.
  const rows = await q.orderBy(sql`a.end_date is not null`).orderBy('a.start_date', 'desc').orderBy('a.id').execute();
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    organisationId: r.organisation_id,
    role: r.role,
    startDate: r.start_date,
    endDate: r.end_date,
    personName: `${r.first_name} ${r.last_name}`,
    organisationName: r.organisation_name,
    version: r.version,
  }));
}

async function getAffiliation(ctx: ServiceContext, id: number): Promise<Affiliation> {
  const row = await ctx.db.selectFrom('affiliations').select(['person_id']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'error.notFound');
  const found = (await listAffiliations(ctx, { personId: row.person_id })).find((a) => a.id === id);
  if (!found) throw new AppError('NOT_FOUND', 'error.notFound');
  return found;
}

export async function addAffiliation(ctx: ServiceContext, values: z.output<typeof affiliationInputSchema>): Promise<Affiliation> {
  return ctx.db.transaction().execute((trx) => insertAffiliation({ ...ctx, db: trx }, values));
}

async function insertAffiliation(ctx: ServiceContext, values: z.output<typeof affiliationInputSchema>): Promise<Affiliation> {
  await getPerson(ctx, values.personId);
  const organisation = await ctx.db.selectFrom('organisations').select('id').where('id', '=', values.organisationId).executeTakeFirst();
  if (!organisation) throw new AppError('VALIDATION', 'error.validation', undefined, [{ path: 'organisationId', key: 'error.notFound' }]);
  const row = await ctx.db
    .insertInto('affiliations')
    .values({
      person_id: values.personId,
      organisation_id: values.organisationId,
      role: values.role,
      start_date: values.startDate,
      end_date: values.endDate,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordChange(ctx, { entity: 'affiliation', entityId: row.id, action: 'create', summary: { organisationId: values.organisationId, role: values.role, startDate: values.startDate }, parent: { entity: 'person', id: values.personId } });
  return getAffiliation(ctx, row.id);
}

/**
 * Corrects a line entered wrongly: role and dates. The structure cannot change while the person is
 * its voting representative (the membership names the person for that structure).
 */
export async function updateAffiliation(ctx: ServiceContext, values: z.output<typeof affiliationUpdateSchema>): Promise<Affiliation> {
  return ctx.db.transaction().execute(async (trx) => {
    const tctx = { ...ctx, db: trx };
    const current = await getAffiliation(tctx, values.id);
    await claimVersion(tctx, 'affiliations', values.id, values.version);
    if (values.organisationId !== current.organisationId) {
      const organisation = await trx.selectFrom('organisations').select('id').where('id', '=', values.organisationId).executeTakeFirst();
      if (!organisation) throw fieldError('organisationId', 'error.notFound');
      const voting = await votingMemberships(tctx, current);
      if (voting > 0) throw fieldError('organisationId', 'error.edit.affiliationVoting', { organisation: current.organisationName, count: voting });
    }
    await trx
      .updateTable('affiliations')
      .set({ organisation_id: values.organisationId, role: values.role, start_date: values.startDate, end_date: values.endDate })
      .where('id', '=', values.id)
      .execute();
    const after = await getAffiliation(tctx, values.id);
    const changes = diffFields(current, after, ['organisationId', 'role', 'startDate', 'endDate']);
    if (Object.keys(changes).length) await recordChange(tctx, { entity: 'affiliation', entityId: values.id, action: 'update', summary: { changes }, parent: { entity: 'person', id: current.personId } });
    return after;
  });
}

/** Ending keeps the history: the role stays on record with its dates. */
export async function endAffiliation(ctx: ServiceContext, id: number, endDate: string, version?: number): Promise<Affiliation> {
  const current = await getAffiliation(ctx, id);
  if (endDate < current.startDate) throw new AppError('VALIDATION', 'error.validation', undefined, [{ path: 'endDate', key: 'error.endBeforeStart' }]);
  return ctx.db.transaction().execute(async (trx) => {
    await claimVersion({ ...ctx, db: trx }, 'affiliations', id, version);
    await trx.updateTable('affiliations').set({ end_date: endDate }).where('id', '=', id).execute();
    await recordChange({ ...ctx, db: trx }, { entity: 'affiliation', entityId: id, action: 'update', summary: { changes: { endDate: [current.endDate, endDate] } }, parent: { entity: 'person', id: current.personId } });
    return getAffiliation({ ...ctx, db: trx }, id);
  });
}

async function votingMemberships(ctx: ServiceContext, a: Affiliation): Promise<number> {
  const voting = await ctx.db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('voting_person_id', '=', a.personId)
    .where('organisation_id', '=', a.organisationId)
    .executeTakeFirstOrThrow();
  return Number(voting.n);
}

/** For a line entered by mistake; refused while the person is a voting representative through it. */
export async function removeAffiliation(ctx: ServiceContext, id: number, version?: number): Promise<{ removed: boolean }> {
  return ctx.db.transaction().execute(async (trx) => {
    const tctx = { ...ctx, db: trx };
    const current = await getAffiliation(tctx, id);
    await claimVersion(tctx, 'affiliations', id, version);
    const voting = await votingMemberships(tctx, current);
    if (voting > 0) throw new AppError('CONFLICT', 'error.inUse', { count: voting });
    const result = await trx.deleteFrom('affiliations').where('id', '=', id).executeTakeFirst();
    await recordChange(tctx, { entity: 'affiliation', entityId: id, action: 'delete', summary: { organisationId: current.organisationId, role: current.role }, parent: { entity: 'person', id: current.personId } });
    return { removed: Number(result.numDeletedRows) > 0 };
  });
}

export async function listOffices(ctx: ServiceContext, filter: { personId?: number; date?: string }): Promise<OfficeHolding[]> {
  let q = ctx.db
    .selectFrom('offices as f')
    .innerJoin('people as p', 'p.id', 'f.person_id')
    .select(['f.id', 'f.person_id', 'f.office', 'f.start_date', 'f.end_date', 'f.version', 'p.first_name', 'p.last_name']);
  if (filter.personId) q = q.where('f.person_id', '=', filter.personId);
  if (filter.date) {
    const date = filter.date;
    q = q.where('f.start_date', '<=', date).where((eb) => eb.or([eb('f.end_date', 'is', null), eb('f.end_date', '>=', date)]));
  }
  const rows = await q.orderBy('f.start_date', 'desc').orderBy('f.id').execute();
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    office: r.office as Office,
    startDate: r.start_date,
    endDate: r.end_date,
    personName: `${r.first_name} ${r.last_name}`,
    version: r.version,
  }));
}

const OFFICE_ORDER: readonly Office[] = ['president', 'vice_president', 'treasurer', 'deputy_treasurer', 'secretary', 'deputy_secretary', 'board_member'];

export async function listOfficers(ctx: ServiceContext, date?: string): Promise<OfficeHolding[]> {
  const items = await listOffices(ctx, { date: date ?? today(ctx) });
  return items.sort((a, b) => OFFICE_ORDER.indexOf(a.office) - OFFICE_ORDER.indexOf(b.office) || a.personName.localeCompare(b.personName, 'fr'));
}

async function getOffice(ctx: ServiceContext, id: number): Promise<OfficeHolding> {
  const row = await ctx.db.selectFrom('offices').select('person_id').where('id', '=', id).executeTakeFirst();
  const found = row && (await listOffices(ctx, { personId: row.person_id })).find((o) => o.id === id);
  if (!found) throw new AppError('NOT_FOUND', 'error.notFound');
  return found;
}

export async function addOffice(ctx: ServiceContext, values: z.output<typeof officeInputSchema>): Promise<OfficeHolding> {
  await getPerson(ctx, values.personId);
  const row = await ctx.db
    .insertInto('offices')
    .values({ person_id: values.personId, office: values.office, start_date: values.startDate, end_date: values.endDate })
    .returning('id')
    .executeTakeFirstOrThrow();
  return getOffice(ctx, row.id);
}

export async function endOffice(ctx: ServiceContext, id: number, endDate: string, version?: number): Promise<OfficeHolding> {
  const current = await getOffice(ctx, id);
  if (endDate < current.startDate) throw new AppError('VALIDATION', 'error.validation', undefined, [{ path: 'endDate', key: 'error.endBeforeStart' }]);
  return inWriteTransaction(ctx, async (tctx) => {
    await claimVersion(tctx, 'offices', id, version);
    await tctx.db.updateTable('offices').set({ end_date: endDate }).where('id', '=', id).execute();
    return getOffice(tctx, id);
  });
}

export async function removeOffice(ctx: ServiceContext, id: number, version?: number): Promise<{ removed: boolean }> {
  await getOffice(ctx, id);
  return inWriteTransaction(ctx, async (tctx) => {
    await claimVersion(tctx, 'offices', id, version);
    const result = await tctx.db.deleteFrom('offices').where('id', '=', id).executeTakeFirst();
    return { removed: Number(result.numDeletedRows) > 0 };
  });
}

export async function getPersonDetail(ctx: ServiceContext, id: number): Promise<PersonDetail> {
  const person = await getPerson(ctx, id);
  const [affiliations, offices] = await Promise.all([listAffiliations(ctx, { personId: id }), listOffices(ctx, { personId: id })]);
  return { person, affiliations, offices };
}
