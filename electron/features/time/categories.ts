import { AppError, fieldError } from '../../../shared/api/errors';
import { claimVersion } from '../../store/versions';
import type { Category } from '../../../shared/features/time/schemas';
import { normalizeKey } from '../../../shared/validation/text';
import type { ServiceContext } from '../../app/context';
import { ensureDefaultCategories } from './common';

/** The categories without their use counts, for screens and writes that only need names. */
export async function categoryNames(ctx: ServiceContext): Promise<Omit<Category, 'entryCount'>[]> {
  await ensureDefaultCategories(ctx);
  const rows = await ctx.db.selectFrom('time_categories').select(['id', 'code', 'name', 'position', 'active', 'version']).orderBy('position').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, position: r.position, active: r.active === 1, version: r.version }));
}

/**
 * The categories in their order. Their entry counts read every time entry (250 000 at national
 * scale): only the categories page asks for them; pickers and filters get `entryCount: null`.
 */
export async function listCategories(ctx: ServiceContext, includeInactive = false, withCounts = false): Promise<Category[]> {
  await ensureDefaultCategories(ctx);
  let q = ctx.db.selectFrom('time_categories as c').select(['c.id', 'c.code', 'c.name', 'c.position', 'c.active', 'c.version']).orderBy('c.position').orderBy('c.id');
  if (!includeInactive) q = q.where('c.active', '=', 1);
  const rows = await q.execute();
  const counts = new Map<number, number>();
  if (withCounts) {
    const grouped = await ctx.db.selectFrom('time_entries').select(['category_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('category_id').execute();
    for (const g of grouped) counts.set(g.category_id, Number(g.n));
  }
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, position: r.position, active: r.active === 1, entryCount: withCounts ? (counts.get(r.id) ?? 0) : null, version: r.version }));
}

async function getCategory(ctx: ServiceContext, id: number): Promise<Category> {
  const category = (await listCategories(ctx, true, true)).find((c) => c.id === id);
  if (!category) throw new AppError('NOT_FOUND', 'error.notFound');
  return category;
}

async function assertNameFree(ctx: ServiceContext, name: string, exceptId?: number) {
  const rows = await ctx.db.selectFrom('time_categories').select(['id', 'name']).execute();
  const twin = rows.find((r) => r.id !== exceptId && normalizeKey(r.name) === normalizeKey(name));
  if (twin) throw fieldError('name', 'error.time.categoryDuplicate', { name: twin.name });
}

export async function createCategory(ctx: ServiceContext, name: string): Promise<Category> {
  return ctx.db.transaction().execute(async (trx) => {
    const tctx = { ...ctx, db: trx };
    await ensureDefaultCategories(tctx);
    await assertNameFree(tctx, name);
    const last = await trx.selectFrom('time_categories').select((eb) => eb.fn.max('position').as('p')).executeTakeFirst();
    const row = await trx
      .insertInto('time_categories')
      .values({ code: null, name, position: Number(last?.p ?? 0) + 10, active: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    return getCategory(tctx, row.id);
  });
}

/** Renaming changes every report that shows the category; deactivating only hides it from new entries. */
export async function updateCategory(ctx: ServiceContext, id: number, name: string, active: boolean, version?: number): Promise<Category> {
  return ctx.db.transaction().execute(async (trx) => {
    const tctx = { ...ctx, db: trx };
    await getCategory(tctx, id);
    await claimVersion(tctx, 'time_categories', id, version);
    await assertNameFree(tctx, name, id);
    await trx.updateTable('time_categories').set({ name, active: active ? 1 : 0 }).where('id', '=', id).execute();
    return getCategory(tctx, id);
  });
}

/** A used category is never deleted (the entries and past reports name it): deactivate it instead. */
export async function deleteCategory(ctx: ServiceContext, id: number, version?: number): Promise<{ removed: boolean }> {
  return ctx.db.transaction().execute(async (trx) => {
    const category = await getCategory({ ...ctx, db: trx }, id);
    await claimVersion({ ...ctx, db: trx }, 'time_categories', id, version);
    const used = category.entryCount ?? 0;
    if (used > 0) throw new AppError('CONFLICT', 'error.time.categoryUsed', { name: category.name, count: used });
    if (category.code) throw new AppError('CONFLICT', 'error.time.categoryBuiltIn', { name: category.name });
    await trx.deleteFrom('time_categories').where('id', '=', id).execute();
    return { removed: true };
  });
}
