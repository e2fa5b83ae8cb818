import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/api/errors';
import { openStore, type OpenOptions, type Store } from '../../store/open';
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
  /** Held by the holder, not the store: the exclusive lock must outlive the store closed for a restore. */
  readonly #lock: DatabaseLock;
  readonly file: string;

  private constructor(
    store: Store,
    lock: DatabaseLock,
    /** How to open the file again (Electron passes its own native binding). */
    readonly openOptions: OpenOptions = {},
  ) {
    this.#store = store;
    this.#lock = lock;
    this.file = store.file;
  }

  static async open(file: string, openOptions: OpenOptions = {}): Promise<StoreHolder> {
    const { lock: _ignored, ...options } = openOptions;
    const lock = await DatabaseLock.acquire(file, {
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      ...(options.exclusiveWaitMs !== undefined ? { exclusiveWaitMs: options.exclusiveWaitMs } : {}),
    });
    try {
      return new StoreHolder(await openStore(file, { ...options, lock }), lock, options);
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

  get sqlite(): Database.Database {
    return this.current.sqlite;
  }

  get schemaVersion(): number {
    return this.current.schemaVersion;
  }

  get migrationBackup(): string | null {
    return this.current.migrationBackup;
  }

  exclusive<T>(reason: ExclusiveReason, fn: () => Promise<T>): Promise<T> {
    return this.#lock.exclusive(reason, fn);
  }

  /** Runs `fn` only if this process alone has the database open right now (no wait); says whether it ran. */
  async ifAlone(fn: () => void): Promise<boolean> {
    return this.#lock.ifAlone(fn);
  }

  async close(): Promise<void> {
    const store = this.#store;
    this.#store = null;
    try {
      await store?.close();
    } finally {
      this.#lock.release();
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
    // Refused, naming the file, while another process has it open: it would go on writing to the old one.
    return this.#lock.exclusive('restore', () => this.#replaceFile(replace, rollback));
  }

  async #replaceFile(replace: (file: string) => Promise<void> | void, rollback?: (file: string) => void): Promise<Store> {
    const store = this.current;
    this.#replacing = true;
    try {
      await store.close();
      this.#store = null;
      let failure: unknown = null;
      try {
        await replace(this.file);
      } catch (error) {
        failure = error;
      }
      try {
        this.#store = await openStore(this.file, { ...this.openOptions, lock: this.#lock });
      } catch (error) {
        if (!rollback) throw error;
        rollback(this.file);
        this.#store = await openStore(this.file, { ...this.openOptions, lock: this.#lock });
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
