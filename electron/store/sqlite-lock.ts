import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/api/errors';

/**
 * Who has a database open, known through the operating system's own locks rather than guessed
 * from file sizes. Every process that opens `maillage.sqlite` holds, for as long as it has it
 * open, a read lock on the side file `maillage.sqlite-lock` (an SQLite file in rollback-journal
 * mode, whose readers take an fcntl shared lock). Replacing the database (restore, import
 * --replace, demo --force, a migration) needs the write lock on that side file, which the
 * operating system grants only when nobody else, in this process or another, holds a read
 * lock. A process that dies, even by SIGKILL, loses its locks with it.
 *
 * The side file is never deleted: removing it while another process opens it would give the two
 * processes two different files to lock.
 */

export type ExclusiveReason = 'restore' | 'replace' | 'migrate';

export interface LockOptions {
  nativeBinding?: string;
  /** How long to wait for a process replacing the database to finish before giving up. */
  sharedWaitMs?: number;
  /** How long to wait for the others to close the database before refusing. */
  exclusiveWaitMs?: number;
}

export function lockFileFor(dbFile: string): string {
  return `${path.resolve(dbFile)}-lock`;
}

export function isSqliteBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Retries `attempt` while it meets SQLITE_BUSY, yielding to the event loop, until `waitMs` has passed. */
async function retryWhileBusy(attempt: () => void, waitMs: number): Promise<boolean> {
  // A monotonic clock: this measures a wait, it does not read the date.
  const deadline = performance.now() + waitMs;
  for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
    try {
      attempt();
      return true;
    } catch (error) {
      if (!isSqliteBusy(error)) throw error;
    }
    if (performance.now() >= deadline) return false;
    await sleep(delay);
  }
}

export class DatabaseLock {
  readonly #connection: Database.Database;
  readonly #dbFile: string;
  readonly #options: LockOptions;
  #exclusiveDepth = 0;

  private constructor(dbFile: string, connection: Database.Database, options: LockOptions) {
    this.#dbFile = dbFile;
    this.#connection = connection;
    this.#options = options;
  }

  /** Takes the read lock held for the life of the store; waits while another process replaces the database. */
  static async acquire(dbFile: string, options: LockOptions = {}): Promise<DatabaseLock> {
    // The lock is taken before the base is created: on a first start its folder may not exist yet.
    fs.mkdirSync(path.dirname(path.resolve(dbFile)), { recursive: true });
    const connection = new Database(lockFileFor(dbFile), {
      // No busy wait inside SQLite: it would block the event loop; waits are done here, asynchronously.
      timeout: 0,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    const lock = new DatabaseLock(dbFile, connection, options);
    try {
      if (!(await lock.#takeShared())) throw new AppError('BUSY', 'store.beingReplaced', { file: path.basename(dbFile) });
    } catch (error) {
      connection.close();
      throw error;
    }
    return lock;
  }

  get isExclusive(): boolean {
    return this.#exclusiveDepth > 0;
  }

  get isHeld(): boolean {
    return this.#connection.open;
  }

  #takeShared(): Promise<boolean> {
    return retryWhileBusy(() => {
      this.#connection.exec('BEGIN');
      try {
        // The read lock is taken at the first read and kept until the transaction ends.
        this.#connection.prepare('SELECT count(*) FROM sqlite_master').get();
      } catch (error) {
        this.#connection.exec('ROLLBACK');
        throw error;
      }
    }, this.#options.sharedWaitMs ?? 10_000);
  }

  /**
   * Runs `fn` while this process alone has the database open; refuses (CONFLICT, naming the file
   * and what was asked) when another process, or another store of this one, has it open.
   * Re-entrant: a migration run while a restore holds the lock goes on under it.
   */
  async exclusive<T>(reason: ExclusiveReason, fn: () => Promise<T> | T): Promise<T> {
    if (!this.isHeld) throw new AppError('CONFLICT', 'store.closed', { file: path.basename(this.#dbFile) });
    if (this.#exclusiveDepth > 0) {
      this.#exclusiveDepth++;
      try {
        return await fn();
      } finally {
        this.#exclusiveDepth--;
      }
    }
    // One connection cannot hold both locks: the read lock is let go for the upgrade and taken back after.
    this.#connection.exec('COMMIT');
    const got = await retryWhileBusy(() => this.#connection.exec('BEGIN EXCLUSIVE'), this.#options.exclusiveWaitMs ?? 1500);
    if (!got) {
      await this.#retakeShared();
      throw new AppError('CONFLICT', `store.inUse.${reason}`, { file: this.#dbFile });
    }
    this.#exclusiveDepth = 1;
    try {
      return await fn();
    } finally {
      this.#exclusiveDepth = 0;
      this.#connection.exec('COMMIT');
      await this.#retakeShared();
    }
  }

  /** Runs `fn` only if nobody else has the database open at this instant (no wait); says whether it ran. */
  async ifAlone(fn: () => void): Promise<boolean> {
    if (!this.isHeld) return false;
    if (this.#exclusiveDepth > 0) {
      fn();
      return true;
    }
    this.#connection.exec('COMMIT');
    const got = await retryWhileBusy(() => this.#connection.exec('BEGIN EXCLUSIVE'), 0);
    try {
      if (got) fn();
      return got;
    } finally {
      if (got) this.#connection.exec('COMMIT');
      await this.#retakeShared();
    }
  }

  async #retakeShared(): Promise<void> {
    if (!(await this.#takeShared())) throw new AppError('BUSY', 'store.beingReplaced', { file: path.basename(this.#dbFile) });
  }

  /** Lets the others replace the database; called when the store closes. */
  release(): void {
    if (this.#connection.open) this.#connection.close();
  }
}
