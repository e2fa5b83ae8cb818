import type { IpcMainInvokeEvent } from 'electron';
import { METHOD_NAMES } from '../shared/api/contract';
import { AppError, type Result } from '../shared/api/errors';
import { toApiError, type Dispatch } from './api/dispatch';

/** The part of `ipcMain` this module uses; a plain object stands in for it in unit tests. */
export interface IpcRegistrar<E = IpcMainInvokeEvent> {
  handle(channel: string, listener: (event: E, input: unknown) => Promise<Result<unknown>>): void;
}

/**
 * Registers one `ipcMain.handle` channel per contract method, and nothing else: the preload
 * invokes exactly these names. Every call goes through the sender check, then the dispatcher
 * (input parsed by the contract, errors turned into envelopes), so nothing thrown in main
 * crosses the bridge as a raw Error.
 */
export function registerIpc<E = IpcMainInvokeEvent>(
  ipcMain: IpcRegistrar<E>,
  dispatch: Dispatch,
  isTrusted: (event: E) => boolean,
): void {
  for (const name of METHOD_NAMES) {
    ipcMain.handle(name, async (event, input) => {
      let trusted = false;
      try {
        trusted = isTrusted(event);
      } catch {
        // A sender whose frame is gone (or any surprise while inspecting it) is not trusted.
      }
      if (!trusted) return { ok: false, error: toApiError(new AppError('FORBIDDEN', 'error.forbidden')) };
      try {
        return await dispatch(name, input);
      } catch (error) {
        return { ok: false, error: toApiError(error) };
      }
    });
  }
}
