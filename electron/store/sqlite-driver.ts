import type Database from 'better-sqlite3';
import {
  type CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/api/errors';
import { isSqliteBusy } from './sqlite-lock';

/**
 * Kysely's SQLite dialect, with the two things the stock one gets wrong for several writers:
 *
 * - A write transaction starts as one (`BEGIN IMMEDIATE`). A plain `BEGIN` reads first and asks
 *   for the write lock later, at which point SQLite answers SQLITE_BUSY at once, without waiting
 *   (waiting could deadlock two readers wanting to write). Asking first means waiting is safe;
 *   the wait happens here, asynchronously, so that the event loop (the web server, Electron's
 *   main process) keeps answering meanwhile. Past `writeWaitMs`: AppError BUSY.
 *   Lone write statements (outside a transaction) get the same treatment.
 * - Before a write, the file at the database's path must still be the one opened: a file
 *   renamed over it by another program would otherwise take nothing of what is written, while
 *   every write answered ok. Once replaced, the store refuses every write (DATABASE_REPLACED).
 *
 * `transaction().setAccessMode('read only')` keeps a plain `BEGIN`: a consistent snapshot that
 * does not hold writers off.
 */

export interface SqliteDriverOptions {
  database: Database.Database;
  /** The database's path, to notice a file replaced underneath. */
  file: string;
  /** How long a write waits for another process's write transaction to end (10 s). */
  writeWaitMs?: number;
}

export function busyError(cause?: unknown): AppError {
  return new AppError('BUSY', 'store.busy', undefined, undefined, cause);
}

/** SQLITE_BUSY as the stable BUSY error; anything else unchanged. */
export function toStoreError(error: unknown): unknown {
  return isSqliteBusy(error) ? busyError(error) : error;
}

interface FileIdentity {
  dev: number;
  ino: number;
}

function identityOf(file: string): FileIdentity | null {
  try {
    const { dev, ino } = fs.statSync(file);
    return { dev, ino };
  } catch {
    return null;
  }
}

/** Watches the path of the open database; cheap (one stat) and called before every write. */
export class ReplacementGuard {
  readonly #file: string;
  readonly #opened: FileIdentity | null;
  #replaced = false;

  constructor(file: string) {
    this.#file = path.resolve(file);
    this.#opened = identityOf(this.#file);
  }

  get replaced(): boolean {
    return this.#replaced;
  }

  check(): void {
    if (!this.#replaced && this.#opened && this.#opened.ino !== 0) {
      const now = identityOf(this.#file);
      this.#replaced = !now || now.dev !== this.#opened.dev || now.ino !== this.#opened.ino;
    }
    if (this.#replaced) throw new AppError('DATABASE_REPLACED', 'store.replaced', { file: path.basename(this.#file) });
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const WRITE_STATEMENT = /^\s*(insert|update|delete|replace|with)\b/i;

/** Statements kept prepared per connection (see WriteFirstConnection.#prepare). */
const STATEMENT_CACHE_SIZE = 200;
/** SQLite's own wait, for what does not go through `beginWrite` (raw statements, checkpoints). */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

class WriteFirstConnection implements DatabaseConnection {
  constructor(
    readonly db: Database.Database,
    readonly guard: ReplacementGuard,
    readonly writeWaitMs: number,
  ) {}

  /** `BEGIN IMMEDIATE`, retried without blocking the event loop while another process writes. */
  async beginWrite(): Promise<void> {
    this.guard.check();
    const deadline = performance.now() + this.writeWaitMs;
    for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
      // SQLite's own busy wait would sleep inside the call, freezing the whole process: off for this attempt.
      this.db.pragma('busy_timeout = 0');
      try {
        this.db.exec('BEGIN IMMEDIATE');
      } catch (error) {
        if (!isSqliteBusy(error)) throw error;
        if (performance.now() >= deadline) throw busyError(error);
      } finally {
        this.db.pragma(`busy_timeout = ${DEFAULT_BUSY_TIMEOUT_MS}`);
      }
      if (this.db.inTransaction) break;
      await sleep(delay);
    }
    // Looked at again once the lock is ours: the file may have been swapped while we waited.
    try {
      this.guard.check();
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  raw(sql: string): void {
    try {
      this.db.exec(sql);
    } catch (error) {
      throw toStoreError(error);
    }
  }

  #run<R>(compiledQuery: CompiledQuery, stmt: Database.Statement): QueryResult<R> {
    const { parameters } = compiledQuery;
    if (stmt.reader) return { rows: stmt.all(parameters) as R[] };
    const { changes, lastInsertRowid } = stmt.run(parameters);
    return {
      numAffectedRows: changes !== undefined && changes !== null ? BigInt(changes) : undefined,
      insertId: lastInsertRowid !== undefined && lastInsertRowid !== null ? BigInt(lastInsertRowid) : undefined,
      rows: [],
    };
  }

  /**
   * Prepared statements kept by their text and run again: an import or a grid save repeats the
   * same statement thousands of times, and SQLite's prepare of a multi-row INSERT costs as much as
   * running it. SQLite re-prepares a kept statement by itself after a schema change.
   */
  readonly #statements = new Map<string, Database.Statement>();

  #prepare(sql: string): Database.Statement {
    let stmt = this.#statements.get(sql);
    if (stmt) {
      // Most recently used last: the first key is the one to forget.
      this.#statements.delete(sql);
    } else {
      stmt = this.db.prepare(sql);
      if (this.#statements.size >= STATEMENT_CACHE_SIZE) this.#statements.delete(this.#statements.keys().next().value!);
    }
    this.#statements.set(sql, stmt);
    return stmt;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    try {
      const stmt = this.#prepare(compiledQuery.sql);
      if (stmt.readonly) return this.#run<R>(compiledQuery, stmt);
      if (this.db.inTransaction) {
        // Its BEGIN decided already: IMMEDIATE for a write transaction, plain for a read-only snapshot.
        return this.#run<R>(compiledQuery, stmt);
      }
      if (!WRITE_STATEMENT.test(compiledQuery.sql)) {
        // Schema changes and pragmas run as they are (a pragma may not work inside a transaction).
        this.guard.check();
        return this.#run<R>(compiledQuery, stmt);
      }
      await this.beginWrite();
      try {
        const result = this.#run<R>(compiledQuery, stmt);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    } catch (error) {
      throw toStoreError(error);
    }
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming is not used with SQLite here');
  }
}

class ConnectionMutex {
  #promise: Promise<void> | undefined;
  #resolve: (() => void) | undefined;

  async lock(): Promise<void> {
    while (this.#promise) await this.#promise;
    this.#promise = new Promise((resolve) => (this.#resolve = resolve));
  }

  unlock(): void {
    const resolve = this.#resolve;
    this.#promise = undefined;
    this.#resolve = undefined;
    resolve?.();
  }
}

const quoteName = (name: string) => `"${name.replace(/"/g, '""')}"`;

class WriteFirstDriver implements Driver {
  // One connection for the process, as in Kysely's own SQLite driver: calls take turns.
  readonly #mutex = new ConnectionMutex();
  readonly #connection: WriteFirstConnection;

  constructor(options: SqliteDriverOptions, guard: ReplacementGuard) {
    this.#connection = new WriteFirstConnection(options.database, guard, options.writeWaitMs ?? 10_000);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const c = connection as WriteFirstConnection;
    if (settings.accessMode === 'read only') c.raw('BEGIN');
    else await c.beginWrite();
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    (connection as WriteFirstConnection).raw('COMMIT');
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as WriteFirstConnection;
    // SQLite may have rolled back already (an error that ends the transaction): nothing left to undo.
    if (c.db.inTransaction) c.raw('ROLLBACK');
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    (connection as WriteFirstConnection).raw(`SAVEPOINT ${quoteName(name)}`);
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    (connection as WriteFirstConnection).raw(`ROLLBACK TO ${quoteName(name)}`);
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    (connection as WriteFirstConnection).raw(`RELEASE ${quoteName(name)}`);
  }

  async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }

  async destroy(): Promise<void> {
    if (this.#connection.db.open) this.#connection.db.close();
  }
}

export class WriteFirstSqliteDialect implements Dialect {
  readonly guard: ReplacementGuard;

  constructor(readonly options: SqliteDriverOptions) {
    this.guard = new ReplacementGuard(options.file);
  }

  createDriver(): Driver {
    return new WriteFirstDriver(this.options, this.guard);
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}
