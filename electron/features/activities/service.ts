import { sql, type Kysely } from 'kysely';
import { claimVersion } from '../../store/versions';
import type { z } from 'zod';
import { AppError, fieldError } from '../../../shared/api/errors';
import type {
  Activity,
  ActivityKind,
  ActivityValues,
  Founder,
  FounderStage,
  VisitorKind,
  activityFilterSchema,
  founderInputSchema,
} from '../../../shared/features/activities/schemas';
import { normalizeKey } from '../../../shared/validation/text';
import { recordChange } from '../data/audit';
import { nowIso, type ServiceContext } from '../../app/context';
import type { DB } from '../../store/schema';
import { escapeLike } from '../organisations/service';

type ActivityFilterValues = z.output<typeof activityFilterSchema>;
type FounderValues = z.output<typeof founderInputSchema>;

// ——— Activities ———

async function assertOrganisations(db: Kysely<DB>, ids: readonly number[], path: string): Promise<void> {
  if (ids.length === 0) return;
  const found = await db.selectFrom('organisations').select('id').where('id', 'in', [...new Set(ids)]).execute();
  if (found.length !== new Set(ids).size) throw fieldError(path, 'error.activity.organisationUnknown');
}

async function assertFounder(db: Kysely<DB>, founderId: number | null): Promise<void> {
  if (founderId === null) return;
  const found = await db.selectFrom('project_founders').select('id').where('id', '=', founderId).executeTakeFirst();
  if (!found) throw fieldError('projectFounderId', 'error.notFound');
}

export function activityColumns(v: ActivityValues) {
  return {
    kind: v.kind,
    date: v.date,
    title: v.title,
    place: v.place,
    // Only a visit has a visitor; only support sessions and founders' visits name a founder.
    visitor_kind: v.kind === 'visit' ? v.visitorKind : null,
    project_founder_id: v.kind === 'support' || (v.kind === 'visit' && v.visitorKind === 'project_founder') ? v.projectFounderId : null,
    people_reached: v.peopleReached,
    campaign: v.campaign,
    note: v.note,
  };
}

export async function writeOrganisations(db: Kysely<DB>, activityId: number, v: ActivityValues): Promise<void> {
  await db.deleteFrom('activity_organisations').where('activity_id', '=', activityId).execute();
  const leads = [...new Set(v.leadOrganisationIds)];
  const partners = [...new Set(v.partnerOrganisationIds)].filter((id) => !leads.includes(id));
  const rows = [...leads.map((id) => ({ activity_id: activityId, organisation_id: id, role: 'lead' })), ...partners.map((id) => ({ activity_id: activityId, organisation_id: id, role: 'partner' }))];
  if (rows.length) await db.insertInto('activity_organisations').values(rows).execute();
}

/** Also used by the spreadsheet import, inside its own transaction. */
export async function validateActivity(db: Kysely<DB>, v: ActivityValues): Promise<void> {
  // The contract checks these too; the service keeps the rule for every caller (CLI, demo, imports).
  if (v.leadOrganisationIds.length === 0) throw fieldError('leadOrganisationIds', 'error.activity.leadRequired');
  if (v.kind === 'visit' && !v.visitorKind) throw fieldError('visitorKind', 'error.activity.visitorRequired');
  await assertOrganisations(db, v.leadOrganisationIds, 'leadOrganisationIds');
  await assertOrganisations(db, v.partnerOrganisationIds, 'partnerOrganisationIds');
  await assertFounder(db, v.projectFounderId);
}

export async function createActivity(ctx: ServiceContext, v: ActivityValues): Promise<Activity> {
  return ctx.db.transaction().execute(async (trx) => {
    await validateActivity(trx, v);
    const now = nowIso(ctx);
    const { id } = await trx
      .insertInto('activities')
      .values({ ...activityColumns(v), created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeOrganisations(trx, id, v);
    return getActivity({ ...ctx, db: trx }, id);
  });
}

export async function updateActivity(ctx: ServiceContext, id: number, v: ActivityValues, version?: number): Promise<Activity> {
  return ctx.db.transaction().execute(async (trx) => {
    await getActivity({ ...ctx, db: trx }, id);
    await claimVersion({ ...ctx, db: trx }, 'activities', id, version);
    await validateActivity(trx, v);
    await trx.updateTable('activities').set({ ...activityColumns(v), updated_at: nowIso(ctx) }).where('id', '=', id).execute();
    await writeOrganisations(trx, id, v);
    return getActivity({ ...ctx, db: trx }, id);
  });
}

export async function deleteActivity(ctx: ServiceContext, id: number, version?: number): Promise<{ removed: boolean }> {
  return ctx.db.transaction().execute(async (trx) => {
    if (version !== undefined) await claimVersion({ ...ctx, db: trx }, 'activities', id, version);
    await trx.deleteFrom('activity_organisations').where('activity_id', '=', id).execute();
    const r = await trx.deleteFrom('activities').where('id', '=', id).executeTakeFirst();
    return { removed: Number(r.numDeletedRows) > 0 };
  });
}

function activityQuery(db: Kysely<DB>) {
  return db
    .selectFrom('activities as a')
    .leftJoin('project_founders as f', 'f.id', 'a.project_founder_id')
    .selectAll('a')
    .select('f.name as founder_name');
}

type ActivityRow = Awaited<ReturnType<ReturnType<typeof activityQuery>['executeTakeFirstOrThrow']>>;

async function hydrate(db: Kysely<DB>, rows: ActivityRow[]): Promise<Activity[]> {
  const links = new Map<number, { leads: { id: number; name: string }[]; partners: { id: number; name: string }[] }>();
  for (let i = 0; i < rows.length; i += 500) {
    const ids = rows.slice(i, i + 500).map((r) => r.id);
    if (!ids.length) continue;
    const orgs = await db
      .selectFrom('activity_organisations as ao')
      .innerJoin('organisations as o', 'o.id', 'ao.organisation_id')
      .select(['ao.activity_id', 'ao.role', 'o.id', 'o.name', 'o.name_key'])
      .where('ao.activity_id', 'in', ids)
      .orderBy('o.name_key')
      .execute();
    for (const o of orgs) {
      const slot = links.get(o.activity_id) ?? { leads: [], partners: [] };
      (o.role === 'lead' ? slot.leads : slot.partners).push({ id: o.id, name: o.name });
      links.set(o.activity_id, slot);
    }
  }
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as ActivityKind,
    date: r.date,
    title: r.title,
    place: r.place,
    visitorKind: r.visitor_kind as VisitorKind | null,
    projectFounderId: r.project_founder_id,
    projectFounderName: r.founder_name,
    peopleReached: r.people_reached,
    campaign: r.campaign,
    note: r.note,
    leads: links.get(r.id)?.leads ?? [],
    partners: links.get(r.id)?.partners ?? [],
    version: r.version,
  }));
}

export async function getActivity(ctx: ServiceContext, id: number): Promise<Activity> {
  const row = await activityQuery(ctx.db).where('a.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'error.notFound');
  return (await hydrate(ctx.db, [row]))[0]!;
}

export async function listActivities(ctx: ServiceContext, filter: ActivityFilterValues): Promise<{ items: Activity[]; total: number; campaigns: string[] }> {
  let q = activityQuery(ctx.db);
  if (filter.from) q = q.where('a.date', '>=', filter.from);
  if (filter.to) q = q.where('a.date', '<=', filter.to);
  if (filter.kind) q = q.where('a.kind', '=', filter.kind);
  if (filter.visitorKind) q = q.where('a.visitor_kind', '=', filter.visitorKind);
  if (filter.projectFounderId) q = q.where('a.project_founder_id', '=', filter.projectFounderId);
  if (filter.campaign) q = q.where('a.campaign', '=', filter.campaign);
  if (filter.organisationId) {
    const orgId = filter.organisationId;
    q = q.where('a.id', 'in', (eb) => {
      const linked = eb.selectFrom('activity_organisations').select('activity_id').where('organisation_id', '=', orgId);
      return filter.leadOnly ? linked.where('role', '=', 'lead') : linked;
    });
  }
  if (filter.search) {
    const pattern = `%${escapeLike(normalizeKey(filter.search))}%`;
    q = q.where(sql<boolean>`lower(a.title || ' ' || coalesce(a.place, '') || ' ' || coalesce(a.campaign, '')) like ${pattern} escape '\\'`);
  }
  const total = Number((await q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = await q.orderBy('a.date', 'desc').orderBy('a.id', 'desc').limit(filter.limit ?? 500).offset(filter.offset ?? 0).execute();
  const campaigns = await ctx.db.selectFrom('activities').select('campaign').distinct().where('campaign', 'is not', null).orderBy('campaign').execute();
  return { items: await hydrate(ctx.db, rows), total, campaigns: campaigns.map((c) => c.campaign as string) };
}

// ——— Project founders ———

export async function listFounders(ctx: ServiceContext): Promise<Founder[]> {
  const rows = await ctx.db
    .selectFrom('project_founders as f')
    .leftJoin('organisations as o', 'o.id', 'f.organisation_id')
    .selectAll('f')
    .select('o.name as organisation_name')
    .select((eb) => [
      eb.selectFrom('activities').select(eb.fn.countAll<number>().as('n')).whereRef('project_founder_id', '=', 'f.id').where('kind', '=', 'support').as('sessions'),
      eb.selectFrom('activities').select(eb.fn.countAll<number>().as('n')).whereRef('project_founder_id', '=', 'f.id').where('kind', '=', 'visit').as('visits'),
    ])
    .orderBy('f.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    territory: r.territory,
    contact: r.contact,
    stage: r.stage as FounderStage,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    note: r.note,
    sessions: Number(r.sessions ?? 0),
    visits: Number(r.visits ?? 0),
    version: r.version,
  }));
}

export async function getFounder(ctx: ServiceContext, id: number): Promise<{ founder: Founder; activities: Activity[] }> {
  const founder = (await listFounders(ctx)).find((f) => f.id === id);
  if (!founder) throw new AppError('NOT_FOUND', 'error.notFound');
  const { items } = await listActivities(ctx, { from: null, to: null, projectFounderId: id });
  return { founder, activities: items };
}

function founderColumns(v: FounderValues) {
  return { name: v.name, territory: v.territory, contact: v.contact, stage: v.stage, organisation_id: v.organisationId, note: v.note };
}

export async function saveFounder(ctx: ServiceContext, v: FounderValues, id?: number, version?: number): Promise<Founder> {
  return ctx.db.transaction().execute(async (trx) => {
    if (v.organisationId !== null) await assertOrganisations(trx, [v.organisationId], 'organisationId');
    const now = nowIso(ctx);
    let founderId = id;
    if (founderId) {
      await claimVersion({ ...ctx, db: trx }, 'project_founders', founderId, version);
      const r = await trx.updateTable('project_founders').set({ ...founderColumns(v), updated_at: now }).where('id', '=', founderId).executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw new AppError('NOT_FOUND', 'error.notFound');
    } else {
      founderId = (await trx.insertInto('project_founders').values({ ...founderColumns(v), created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow()).id;
    }
    await recordChange({ ...ctx, db: trx }, { entity: 'founder', entityId: founderId, action: id ? 'update' : 'create', summary: { stage: v.stage } });
    return (await listFounders({ ...ctx, db: trx })).find((f) => f.id === founderId)!;
  });
}

/** A project founder entered by mistake; refused while an activity refers to it. */
export async function deleteFounder(ctx: ServiceContext, id: number, version?: number): Promise<{ removed: boolean }> {
  return ctx.db.transaction().execute(async (trx) => {
    const founder = await trx.selectFrom('project_founders').select('name').where('id', '=', id).executeTakeFirst();
    if (!founder) throw new AppError('NOT_FOUND', 'error.notFound');
    await claimVersion({ ...ctx, db: trx }, 'project_founders', id, version);
    const used = await trx.selectFrom('activities').select((eb) => eb.fn.countAll<number>().as('n')).where('project_founder_id', '=', id).executeTakeFirstOrThrow();
    const count = Number(used.n);
    if (count > 0) throw new AppError('CONFLICT', count === 1 ? 'error.edit.founderHasActivity' : 'error.edit.founderHasActivities', { name: founder.name, count });
    await trx.deleteFrom('project_founders').where('id', '=', id).execute();
    await recordChange({ ...ctx, db: trx }, { entity: 'founder', entityId: id, action: 'delete' });
    return { removed: true };
  });
}
