import { AppError } from '../../../shared/api/errors';
import type { Actor } from '../../../shared/api/roles';
import type { EntryStatus } from '../../../shared/features/time/schemas';
import { formatMonth } from '../../../shared/format/fr';
import { nowIso, type ServiceContext } from '../../app/context';
import { actorOf } from '../data/audit';

/**
 * The rules of validation (issue 14) that every writer of time entries applies: hours entered by
 * a member organisation's account wait « à valider »; anyone else's are validated as written; a
 * structure may not change what the secretariat validated without asking.
 */

type StructureActor = Extract<Actor, { kind: 'user' }> & { role: 'structure' };

export function structureCaller(ctx: Pick<ServiceContext, 'caller'>): StructureActor | null {
  const caller = ctx.caller;
  return caller?.kind === 'user' && caller.role === 'structure' ? (caller as StructureActor) : null;
}

/** The secretariat, coordination, or the person at the machine (every right). */
export function mayReview(ctx: Pick<ServiceContext, 'caller'>): boolean {
  const caller = ctx.caller;
  return !caller || caller.kind === 'local' || caller.role === 'secretariat' || caller.role === 'coordination';
}

export function assertMayReview(ctx: Pick<ServiceContext, 'caller'>): void {
  if (!mayReview(ctx)) throw new AppError('FORBIDDEN', 'error.timeValidation.forbidden');
}

/**
 * The organisation a query is about: a structure account always reads its own (asking for another
 * one is refused, not silently answered with its own); the others read what they ask.
 */
export function scopedOrganisation(ctx: Pick<ServiceContext, 'caller'>, requested: number | undefined): number | undefined {
  const structure = structureCaller(ctx);
  if (!structure) return requested;
  if (structure.organisationId === null || (requested !== undefined && requested !== structure.organisationId))
    throw new AppError('FORBIDDEN', 'error.timeValidation.otherOrganisation');
  return structure.organisationId;
}

/** The review columns of an entry as its writer leaves it. */
export function reviewColumnsFor(ctx: ServiceContext): { status: EntryStatus; review_reason: null; reviewed_at: string | null; reviewed_by: string | null } {
  if (structureCaller(ctx)) return { status: 'pending', review_reason: null, reviewed_at: null, reviewed_by: null };
  return { status: 'validated', review_reason: null, reviewed_at: nowIso(ctx), reviewed_by: actorOf(ctx) };
}

/**
 * Refuses (LOCKED) a structure's write that touches a validated month of its organisation or a
 * validated line: it asks for a change instead (`time.validation.requestChange`). Other callers
 * pass; a structure writing for another organisation is FORBIDDEN.
 */
export async function assertStructureMayWrite(
  ctx: ServiceContext,
  organisationId: number,
  touched: readonly { date: string; status?: string }[],
): Promise<void> {
  const structure = structureCaller(ctx);
  if (!structure) return;
  if (structure.organisationId !== organisationId) throw new AppError('FORBIDDEN', 'error.timeValidation.otherOrganisation');
  if (touched.length === 0) return;
  const months = [...new Set(touched.map((t) => t.date.slice(0, 7)))];
  const validated = await ctx.db
    .selectFrom('time_month_validations')
    .select('month')
    .where('organisation_id', '=', organisationId)
    .where('month', 'in', months)
    .orderBy('month')
    .executeTakeFirst();
  const month = validated?.month ?? touched.find((t) => t.status === 'validated')?.date.slice(0, 7);
  if (month) throw new AppError('LOCKED', 'error.timeValidation.monthValidated', { month: formatMonth(month) });
}

/**
 * A structure enters the time of its own staff only: each person must be affiliated to the
 * organisation at some point of [from, to] (FORBIDDEN otherwise, naming the person). Others pass.
 */
export async function assertStructureStaff(ctx: ServiceContext, organisationId: number, personIds: readonly (number | null)[], from: string, to: string): Promise<void> {
  if (!structureCaller(ctx)) return;
  const ids = [...new Set(personIds.filter((id): id is number => id !== null))];
  if (ids.length === 0) return;
  const staff = await ctx.db
    .selectFrom('affiliations')
    .select('person_id')
    .where('organisation_id', '=', organisationId)
    .where('person_id', 'in', ids)
    .where('start_date', '<=', to)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', from)]))
    .execute();
  const outsider = ids.find((id) => !staff.some((s) => s.person_id === id));
  if (outsider === undefined) return;
  const person = await ctx.db.selectFrom('people').select(['first_name', 'last_name']).where('id', '=', outsider).executeTakeFirst();
  throw new AppError('FORBIDDEN', 'error.timeValidation.notStaff', { person: person ? `${person.first_name} ${person.last_name}` : String(outsider) });
}
