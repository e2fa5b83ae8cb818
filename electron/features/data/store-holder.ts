import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/api/errors';
import { openStore, sqliteOnly, type Dialect, type OpenOptions, type Store } from '../../store/engine';
import type { DB } from '../../store/schema';

/**
 * The open store of a long-running process (Electron main, web mode), behind one object whose
 * `db` always names the current connection. A restore must close the database file, put another
 * in its place and open it again: everything that reads `holder.db` at call time (the service
 * context built by createHandlers does) follows without being rebuilt.
 *
 * It is a Store itself, so it can be passed wherever one is expected.
 */
export class StoreHolder implements Store {
  #store: Store | null;
  #replacing = false;
  readonly file: string | null;
  readonly target: string;
  readonly dialect: Dialect;

  constructor(
    store: Store,
    /** How to open the file again (Electron passes its own native binding). */
    readonly openOptions: OpenOptions = {},
  ) {
    this.#store = store;
    this.file = store.file;
    this.target = store.target;
    this.dialect = store.dialect;
  }

  /** A SQLite file or a `postgres://` URL (replacing the file applies to SQLite only). */
  static async open(target: string, openOptions: OpenOptions = {}): Promise<StoreHolder> {
    return new StoreHolder(await openStore(target, openOptions), openOptions);
  }

  /** The current store; refused while the file is being replaced or after close. */
  get current(): Store {
    if (!this.#store || this.#replacing) throw new AppError('CONFLICT', 'data.restore.busy');
    return this.#store;
  }

  get isReplacing(): boolean {
    return this.#replacing;
  }

  get db(): Kysely<DB> {
    return this.current.db;
  }

  get sqlite(): Database.Database | null {
    return this.current.sqlite;
  }

  get schemaVersion(): number {
    return this.current.schemaVersion;
  }

  get migrationBackup(): string | null {
    return this.current.migrationBackup;
  }

  async close(): Promise<void> {
    const store = this.#store;
    this.#store = null;
    await store?.close();
  }

  /**
   * Closes the connection, lets `replace` put another file in place, and opens the file again,
   * whatever happened. Calls made meanwhile are refused (CONFLICT) rather than served from a
   * closed connection; a transaction still running when the connection closes is rolled back
   * by SQLite, so it writes nothing. If the new file cannot be opened, `rollback` puts the old
   * one back and that one is opened.
   */
  async replaceFile(replace: (file: string) => Promise<void> | void, rollback?: (file: string) => void): Promise<Store> {
    const store = this.current;
    const file = sqliteOnly(store).file;
    this.#replacing = true;
    try {
      await store.close();
      this.#store = null;
      let failure: unknown = null;
      try {
        await replace(file);
      } catch (error) {
        failure = error;
      }
      try {
        this.#store = await openStore(file, this.openOptions);
      } catch (error) {
        if (!rollback) throw error;
        rollback(file);
        this.#store = await openStore(file, this.openOptions);
        failure ??= error;
      }
      if (failure) throw failure;
      return this.#store;
    } finally {
      this.#replacing = false;
    }
  }
}

/** Options to open more connections the way the store was opened (native binding). */
export function openOptionsOf(store: Store): OpenOptions {
  return store instanceof StoreHolder ? store.openOptions : {};
}
