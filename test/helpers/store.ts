import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDispatcher } from '../../electron/api/dispatch';
import { createHandlers } from '../../electron/app/handlers';
import { openStore, type Store } from '../../electron/store/open';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract';
import type { ApiError } from '../../shared/api/errors';
import { FIXED_NOW_ISO } from './clock';

export function tempDir(prefix = 'maillage-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export const FIXED_NOW = new Date(FIXED_NOW_ISO);

export interface TestApp {
  store: Store;
  file: string;
  /** Calls a method through the real dispatcher (input parsing included) and returns its value or throws. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Calls a method expecting a failure, and returns the error envelope. */
  fail<M extends MethodName>(method: M, input: MethodInput<M> | Record<string, unknown>): Promise<ApiError>;
  count(table: string): number;
  close(): Promise<void>;
}

/** A real SQLite file in a temp folder, migrated, behind the real dispatcher. */
export async function openTestApp(file = path.join(tempDir(), 'maillage.sqlite'), now = FIXED_NOW): Promise<TestApp> {
  const store = await openStore(file);
  const dispatch = createDispatcher(createHandlers(store, { runtime: 'test', now: () => now }), {
    validateOutput: true,
    onInternalError: (method, error) => console.error(method, error),
  });
  return {
    store,
    file,
    async call(method, input) {
      const result = await dispatch(method, input);
      if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
      return result.value as never;
    },
    async fail(method, input) {
      const result = await dispatch(method, input);
      if (result.ok) throw new Error(`${method} was expected to fail`);
      return result.error;
    },
    count(table) {
      return (store.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    },
    close: () => store.close(),
  };
}
