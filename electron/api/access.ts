import { roleAllows } from '../../shared/api/access';
import type { Handlers, MethodName } from '../../shared/api/contract';
import { AppError } from '../../shared/api/errors';
import type { Actor, Role } from '../../shared/api/roles';
import { translate, type MessageKey } from '../../shared/i18n/index';

/**
 * The caller a set of handlers was made for (createHandlers), so that the dispatcher in front of
 * them checks the same account without being told twice.
 */
const callers = new WeakMap<object, Actor>();

export function bindCaller(handlers: Handlers, caller: Actor | undefined): Handlers {
  if (caller) callers.set(handlers, caller);
  return handlers;
}

export function callerOf(handlers: Handlers): Actor | undefined {
  return callers.get(handlers);
}

/** The role as the message names it (« secrétariat »). */
export function roleLabel(role: Role): string {
  return translate('fr', `role.${role}` as MessageKey);
}

/** Refused by role: FORBIDDEN, with the role and the method named. */
export function assertRoleAllows(method: MethodName, caller: Actor | undefined): void {
  if (roleAllows(method, caller)) return;
  const role = caller?.kind === 'user' ? caller.role : 'lecture';
  throw new AppError('FORBIDDEN', 'error.access.role', { role: roleLabel(role), method });
}
