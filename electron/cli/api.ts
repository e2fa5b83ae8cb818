import type { Handlers, MethodInput, MethodName, MethodOutput } from '../../shared/api/contract';
import { AppError } from '../../shared/api/errors';
import { createDispatcher } from '../api/dispatch';

/** Calls one API method like the UI does (input parsed by the contract) and throws its error back as an AppError. */
export type ApiCall = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>;

export function createApiCall(handlers: Handlers): ApiCall {
  let internal: unknown;
  const dispatch = createDispatcher(handlers, {
    onInternalError: (_method, error) => {
      internal = error;
    },
  });
  return async (method, input) => {
    internal = undefined;
    const result = await dispatch(method, input);
    if (!result.ok) {
      const { code, key, params, issues } = result.error;
      // The envelope hides internal errors from the UI; the CLI keeps the cause for --verbose.
      throw new AppError(code, key, params, issues, internal);
    }
    return result.value as MethodOutput<typeof method>;
  };
}
