import os from 'node:os';
import type { AuditEntry } from '../../../shared/features/data/schemas';
import { nowIso, type Runtime, type ServiceContext } from '../../app/context';

const RUNTIME_LABEL: Record<Runtime, string> = { electron: 'application', web: 'mode web', cli: 'ligne de commande', test: 'test', server: 'serveur' };

let osUser: string | null | undefined;
function operatingSystemUser(): string | null {
  if (osUser === undefined) {
    try {
      osUser = os.userInfo().username || null;
    } catch {
      // Some containers have no passwd entry for the current uid.
      osUser = null;
    }
  }
  return osUser;
}

/**
 * Who made a change: the account on the network's server; elsewhere (no accounts) the
 * operating-system user and the way in.
 */
export function actorOf(ctx: Pick<ServiceContext, 'runtime' | 'caller'> & { actor?: string }): string {
  if (ctx.actor) return ctx.actor;
  if (ctx.caller?.kind === 'user') return `${ctx.caller.displayName} <${ctx.caller.email}>`;
  const user = operatingSystemUser();
  return user ? `${user} (${RUNTIME_LABEL[ctx.runtime]})` : RUNTIME_LABEL[ctx.runtime];
}

export interface Change {
  /** membership, minutes, period, grant, payment, person, import, database… */
  entity: string;
  entityId: number | null;
  /** create, update, delete, renew, finalize, approve, close, reopen, erase, import, restore… */
  action: string;
  /** What changed: `{ changes: { field: [before, after] } }`, or a short account. No personal data beyond ids. */
  summary?: Record<string, unknown>;
  /** The record whose history shows this change too (a membership's organisation). */
  parent?: { entity: string; id: number };
}

/**
 * Writes one line of the change log. Call it with the transaction's context (`{ ...ctx, db: trx }`)
 * inside the transaction that makes the change: the line and the change stand or fall together.
 */
export async function recordChange(ctx: ServiceContext & { actor?: string }, change: Change): Promise<void> {
  await ctx.db
    .insertInto('audit_log')
    .values({
      at: nowIso(ctx),
      actor: actorOf(ctx),
      entity: change.entity,
      entity_id: change.entityId,
      parent_entity: change.parent?.entity ?? null,
      parent_id: change.parent?.id ?? null,
      action: change.action,
      summary: JSON.stringify(change.summary ?? {}),
    })
    .execute();
}

/** The fields that differ between two versions of a record, as `{ field: [before, after] }`. */
export function diffFields(before: object | null, after: object | null, fields: readonly string[]): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const field of fields) {
    const a = before ? ((before as Record<string, unknown>)[field] ?? null) : null;
    const b = after ? ((after as Record<string, unknown>)[field] ?? null) : null;
    if (a !== b) out[field] = [a, b];
  }
  return out;
}

/** A record's history, newest first: its own changes and those of the records it holds (an organisation's memberships). */
export async function listChanges(ctx: ServiceContext, entity: string, entityId: number, limit = 200): Promise<AuditEntry[]> {
  const rows = await ctx.db
    .selectFrom('audit_log')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('entity', '=', entity), eb('entity_id', '=', entityId)]),
        eb.and([eb('parent_entity', '=', entity), eb('parent_id', '=', entityId)]),
      ]),
    )
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => {
    let summary: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(r.summary);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) summary = parsed as Record<string, unknown>;
    } catch {
      // `check` reports an unreadable summary; the history still shows the line.
    }
    return { id: r.id, at: r.at, actor: r.actor, entity: r.entity, entityId: r.entity_id, action: r.action, summary };
  });
}
