import type { Kysely } from 'kysely';
import { ACCESS_RULES, PERSON_PRIVATE_FIELDS, type RecordKind, type ScopedField } from '../../shared/api/access';
import { METHOD_NAMES, type Handlers, type MethodName } from '../../shared/api/contract';
import { AppError } from '../../shared/api/errors';
import type { Actor } from '../../shared/api/roles';
import { assertRoleAllows, roleLabel } from '../api/access';
import type { DB } from '../store/schema';
import type { ServiceContext } from './context';

/**
 * The service side of the roles: the records a call names, and what its answer shows.
 * The dispatcher has already checked the role; this checks it again (a handler may be called
 * without the dispatcher), then ties a `structure` account's ids to its organisation and strips
 * personal data from what `lecture` sees. The local person (desktop, web mode, CLI) passes untouched.
 */

type Caller = Extract<Actor, { kind: 'user' }>;

/** The organisation a structure account speaks for, or null when the caller is not one. */
export function structureOf(ctx: Pick<ServiceContext, 'caller'>): number | null | undefined {
  const caller = ctx.caller;
  if (caller?.kind !== 'user' || caller.role !== 'structure') return undefined;
  return caller.organisationId;
}

/**
 * Meetings an organisation was invited to: one of its people, or the organisation itself, on
 * the attendance list. For a `where` on `meetings as m`.
 */
export function invitedMeetingIds(db: Kysely<DB>, organisationId: number) {
  return db
    .selectFrom('attendances as a')
    .select('a.meeting_id')
    .where((eb) =>
      eb.or([
        eb('a.organisation_id', '=', organisationId),
        eb('a.person_id', 'in', eb.selectFrom('affiliations as f').select('f.person_id').where('f.organisation_id', '=', organisationId)),
      ]),
    );
}

/** Whether the record `id` of this kind is the organisation's. A record that does not exist is nobody's. */
async function belongs(db: Kysely<DB>, kind: RecordKind, id: number, organisationId: number): Promise<boolean> {
  const found = async (query: { executeTakeFirst(): Promise<unknown> }) => (await query.executeTakeFirst()) !== undefined;
  switch (kind) {
    case 'organisation':
      return id === organisationId;
    case 'person':
      return found(db.selectFrom('affiliations').select('id').where('person_id', '=', id).where('organisation_id', '=', organisationId).limit(1));
    case 'affiliation':
      return found(db.selectFrom('affiliations').select('id').where('id', '=', id).where('organisation_id', '=', organisationId));
    case 'meeting':
    case 'approvedMinutes': {
      let q = db.selectFrom('meetings as m').select('m.id').where('m.id', '=', id).where('m.id', 'in', invitedMeetingIds(db, organisationId));
      if (kind === 'approvedMinutes') q = q.where('m.status', '=', 'approved');
      return found(q);
    }
    case 'timeEntry':
      return found(db.selectFrom('time_entries').select('id').where('id', '=', id).where('organisation_id', '=', organisationId));
  }
}

/** The values at a path (`rows[].personId` gives one per row); absent and null values are left out. */
function valuesAt(input: unknown, path: string): unknown[] {
  let values: unknown[] = [input];
  for (const part of path.split('.')) {
    const many = part.endsWith('[]');
    const key = many ? part.slice(0, -2) : part;
    values = values.flatMap((v) => {
      const next = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
      return many ? (Array.isArray(next) ? next : []) : [next];
    });
  }
  return values.filter((v) => v !== undefined && v !== null);
}

function forbiddenRecord(caller: Caller, field: string): AppError {
  return new AppError('FORBIDDEN', 'error.access.record', { role: roleLabel(caller.role), field });
}

/** Fills a list's organisation filter, then checks every id the input names against the caller's organisation. */
async function tieToOrganisation(db: Kysely<DB>, caller: Caller, scope: readonly ScopedField[], input: unknown): Promise<unknown> {
  const organisationId = caller.organisationId;
  if (organisationId === null) {
    if (scope.length === 0) return input;
    throw new AppError('FORBIDDEN', 'error.access.noOrganisation');
  }
  let tied = input;
  for (const field of scope) {
    if (field.fill && !field.path.includes('.') && valuesAt(tied, field.path).length === 0) {
      tied = { ...(tied as Record<string, unknown>), [field.path]: organisationId };
    }
    // Once per id: a month grid names the same person on several rows.
    for (const value of new Set(valuesAt(tied, field.path))) {
      if (typeof value !== 'number' || !(await belongs(db, field.kind, value, organisationId))) throw forbiddenRecord(caller, field.path);
    }
  }
  return tied;
}

/**
 * What `lecture` never sees, one entry per kind of output that carries personal data: the
 * value becomes null wherever such an object appears in an answer, however deep.
 */
const PRIVATE_BY_KIND: ReadonlyArray<{ kind: string; is: (o: Record<string, unknown>) => boolean; fields: readonly string[] }> = [
  { kind: 'person', is: (o) => 'firstName' in o && 'lastName' in o, fields: PERSON_PRIVATE_FIELDS },
  { kind: 'meeting (the convener)', is: (o) => 'convenedByEmail' in o, fields: ['convenedByEmail'] },
  { kind: 'project founder', is: (o) => 'stage' in o && 'contact' in o, fields: ['contact'] },
  // The search box shows a person's e-mail beside the name.
  { kind: 'search hit on a person', is: (o) => o.kind === 'person' && 'context' in o, fields: ['context'] },
];

export function withoutPersonalData<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => withoutPersonalData(v)) as T;
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) copy[key] = withoutPersonalData(v);
  for (const kind of PRIVATE_BY_KIND) {
    if (!kind.is(copy)) continue;
    for (const field of kind.fields) if (field in copy) copy[field] = null;
  }
  return copy as T;
}

/**
 * What a structure account never sees of another organisation in an answer about its own
 * records: a person of its staff may also work elsewhere. One entry per kind of output.
 */
const isAffiliation = (o: Record<string, unknown>) => 'personId' in o && 'organisationId' in o && 'organisationName' in o && 'role' in o;

export function withinOrganisation<T>(value: T, organisationId: number): T {
  if (Array.isArray(value)) {
    return value
      .filter((v: unknown) => !(v !== null && typeof v === 'object' && isAffiliation(v as Record<string, unknown>) && (v as { organisationId: unknown }).organisationId !== organisationId))
      .map((v: unknown) => withinOrganisation(v, organisationId)) as T;
  }
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) copy[key] = withinOrganisation(v, organisationId);
  // A person in a list, with the structures they currently work for.
  if ('firstName' in copy && 'lastName' in copy && Array.isArray(copy.organisations)) {
    copy.organisations = (copy.organisations as { id?: unknown }[]).filter((o) => o.id === organisationId);
  }
  return copy as T;
}

/** Every handler behind the caller's rules; the same object when the caller is the local person. */
export function guardHandlers(ctx: ServiceContext, handlers: Handlers): Handlers {
  const caller = ctx.caller;
  if (!caller || caller.kind === 'local') return handlers;
  const guarded: Partial<Record<MethodName, (input: unknown) => Promise<unknown>>> = {};
  for (const name of METHOD_NAMES) {
    const inner = handlers[name] as (input: unknown) => Promise<unknown>;
    const rule = ACCESS_RULES[name];
    guarded[name] = async (input) => {
      assertRoleAllows(name, caller);
      if (caller.role === 'structure') {
        const output = await inner(await tieToOrganisation(ctx.db, caller, rule.scope ?? [], input));
        return caller.organisationId === null ? output : withinOrganisation(output, caller.organisationId);
      }
      if (caller.role === 'lecture') {
        if (rule.personal?.(input as Record<string, unknown>)) throw new AppError('FORBIDDEN', 'error.access.personal', { role: roleLabel(caller.role) });
        return withoutPersonalData(await inner(input));
      }
      return inner(input);
    };
  }
  return guarded as Handlers;
}
