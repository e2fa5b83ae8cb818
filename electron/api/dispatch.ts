import { z } from 'zod';
import { contract, isMethodName, type Handlers, type MethodName } from '../../shared/api/contract';
import { AppError, type ApiError, type Result } from '../../shared/api/errors';
import { translate } from '../../shared/i18n/index';
import { issuesFromZod } from '../../shared/validation/zod-issues';
import { toStoreError } from '../store/sqlite-driver';
import type { Actor } from '../../shared/api/roles';
import { assertRoleAllows, callerOf } from './access';

export type Dispatch = (method: string, input: unknown) => Promise<Result<unknown>>;

export interface DispatchOptions {
  /** Check outputs against the contract too (tests and development); a mismatch is a bug, reported as INTERNAL. */
  validateOutput?: boolean;
  onInternalError?: (method: string, error: unknown) => void;
  /** The account calling; by default the one the handlers were made for (createHandlers' `caller`). */
  caller?: Actor;
}

export function toApiError(error: unknown): ApiError {
  // SQLITE_BUSY from a raw statement: the same stable BUSY as the store's own, never INTERNAL.
  error = toStoreError(error);
  if (error instanceof AppError) {
    const message = error.issues?.length
      ? error.issues
          .map((i) => translate('fr', 'error.fieldAt', { path: i.path, message: translate('fr', i.key, i.params) }))
          .join(' ; ')
      : translate('fr', error.key, error.params);
    return { code: error.code, key: error.key, params: error.params, message, issues: error.issues };
  }
  if (error instanceof z.ZodError) return toApiError(new AppError('VALIDATION', 'error.validation', undefined, issuesFromZod(error)));
  return { code: 'INTERNAL', key: 'error.internal', message: translate('fr', 'error.internal') };
}

/**
 * The one gate every call goes through, whatever the transport (IPC, HTTP, CLI):
 * known method, allowed to the caller's role (shared/api/access.ts), input parsed by the
 * contract's schema, errors turned into data. The records a call names are checked on the
 * service side (electron/app/access.ts), which knows the base.
 */
export function createDispatcher(handlers: Handlers, options: DispatchOptions = {}): Dispatch {
  const caller = options.caller ?? callerOf(handlers);
  // The records a server account names are checked by its handlers: a dispatcher told of an
  // account over handlers made for someone else would check the role and not the records.
  if (caller?.kind === 'user' && callerOf(handlers) !== caller) {
    throw new Error('createDispatcher: make the handlers for this caller (createHandlers(store, { caller }))');
  }
  return async (name, rawInput) => {
    if (!isMethodName(name)) {
      return { ok: false, error: toApiError(new AppError('UNKNOWN_METHOD', 'error.unknownMethod', { method: String(name).slice(0, 80) })) };
    }
    // Before parsing: a refused role learns nothing about the input's shape.
    try {
      assertRoleAllows(name, caller);
    } catch (error) {
      return { ok: false, error: toApiError(error) };
    }
    const spec = contract[name as MethodName];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) return { ok: false, error: toApiError(parsed.error) };
    try {
      const handler = handlers[name] as (input: unknown) => Promise<unknown>;
      const value = await handler(parsed.data);
      if (options.validateOutput) {
        const checked = spec.output.safeParse(value);
        if (!checked.success) {
          options.onInternalError?.(name, checked.error);
          return { ok: false, error: toApiError(new Error(`output of ${name} breaks the contract`)) };
        }
      }
      return { ok: true, value };
    } catch (error) {
      if (!(error instanceof AppError) && !(error instanceof z.ZodError)) options.onInternalError?.(name, error);
      return { ok: false, error: toApiError(error) };
    }
  };
}
