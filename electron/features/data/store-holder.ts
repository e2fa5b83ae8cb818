import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/api/errors';
import { isPostgresTarget, openStore, sqliteOnly, type Dialect, type OpenOptions, type Store } from '../../store/engine';
import type { DB } from '../../store/schema';
import { DatabaseLock, type ExclusiveReason } from '../../store/sqlite-lock';

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
  /** SQLite: held by the holder, not the store, so that it outlives the store closed for a restore. None on PostgreSQL. */
  readonly #lock: DatabaseLock | null;
  readonly file: string | null;
  readonly target: string;
  readonly dialect: Dialect;

  private constructor(
    store: Store,
    lock: DatabaseLock | null,
    /** How to open the file again (Electron passes its own native binding). */
    readonly openOptions: OpenOptions = {},
  ) {
    this.#store = store;
    this.#lock = lock;
    this.file = store.file;
    this.target = store.target;
    this.dialect = store.dialect;
  }

  /** A SQLite file or a `postgres://` URL (replacing the file applies to SQLite only). */
  static async open(target: string, openOptions: OpenOptions = {}): Promise<StoreHolder> {
    const { lock: _ignored, ...options } = openOptions;
    if (isPostgresTarget(target)) return new StoreHolder(await openStore(target, options), null, options);
    const lock = await DatabaseLock.acquire(target, {
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      ...(options.exclusiveWaitMs !== undefined ? { exclusiveWaitMs: options.exclusiveWaitMs } : {}),
    });
    try {
      return new StoreHolder(await openStore(target, { ...options, lock }), lock, options);
    } catch (error) {
      lock.release();
      throw error;
    }
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

  exclusive<T>(reason: ExclusiveReason, fn: () => Promise<T>): Promise<T> {
    return this.#lock ? this.#lock.exclusive(reason, fn) : this.current.exclusive(reason, fn);
  }

  /** Runs `fn` only if this process alone has the database open right now (no wait); says whether it ran. */
  async ifAlone(fn: () => void): Promise<boolean> {
    // Only files have leftovers to tidy: on PostgreSQL there is nothing to run.
    return this.#lock ? this.#lock.ifAlone(fn) : false;
  }

  async close(): Promise<void> {
    const store = this.#store;
    this.#store = null;
    try {
      await store?.close();
    } finally {
      this.#lock?.release();
    }
  }

  /**
   * Closes the connection, lets `replace` put another file in place, and opens the file again,
   * whatever happened. Calls made meanwhile are refused (CONFLICT) rather than served from a
   * closed connection; a transaction still running when the connection closes is rolled back
   * by SQLite, so it writes nothing. If the new file cannot be opened, `rollback` puts the old
   * one back and that one is opened.
   */
  async replaceFile(replace: (file: string) => Promise<void> | void, rollback?: (file: string) => void): Promise<Store> {
    const lock = this.#lock;
    // Only a SQLite file can be replaced: said plainly on PostgreSQL, as sqliteOnly does.
    if (!lock) throw new AppError('FORBIDDEN', 'pg.error.sqliteOnly', { target: this.target });
    // Refused, naming the file, while another process has it open: it would go on writing to the old one.
    return lock.exclusive('restore', () => this.#replaceFile(lock, replace, rollback));
  }

  async #replaceFile(lock: DatabaseLock, replace: (file: string) => Promise<void> | void, rollback?: (file: string) => void): Promise<Store> {
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
        this.#store = await openStore(file, { ...this.openOptions, lock });
      } catch (error) {
        if (!rollback) throw error;
        rollback(file);
        this.#store = await openStore(file, { ...this.openOptions, lock });
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
