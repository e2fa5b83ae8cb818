import type { Kysely } from 'kysely';
import { AppError } from '../../shared/api/errors';

/**
 * Several writers on one PostgreSQL base: a transaction may lose a race and be cancelled by the
 * server — a serialisation failure (40001) or a deadlock (40P01). Neither means the work was
 * wrong: run again a moment later, it goes through. So the store's `db` on PostgreSQL runs every
 * `db.transaction().execute(…)` again, a bounded number of times, after a short random wait
 * (jitter: two writers that collided do not collide again in step). Services write their
 * transactions as usual and never see it. Past the last attempt the caller gets the same stable
 * BUSY as SQLite's (« occupé, réessayez »), never INTERNAL.
 *
 * On SQLite nothing of this applies: one writer at a time, a writer waits for the lock
 * (sqlite-driver.ts) and answers BUSY past its wait.
 */

export interface RetryPolicy {
  /** Runs in all, the first included. */
  attempts: number;
  /** The wait before the 2nd run; doubled each time, capped by maxDelayMs, then jittered (× 0.5 to 1.5). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Tests pin these. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 5, baseDelayMs: 20, maxDelayMs: 500 };

/** PostgreSQL errors worth running the whole transaction again for: serialisation failure, deadlock. */
export function isRetryableError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40001' || code === '40P01';
}

/** The wait before run `attempt + 1` (attempt ≥ 1). */
export function retryDelayMs(attempt: number, policy: RetryPolicy): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(exponential * (0.5 + (policy.random ?? Math.random)()));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `work`, again after a jittered wait while it fails with a retryable error, at most `policy.attempts` times. */
export async function runWithRetry<T>(work: (attempt: number) => Promise<T>, policy: RetryPolicy = DEFAULT_RETRY_POLICY): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work(attempt);
    } catch (error) {
      if (!isRetryableError(error)) throw error;
      if (attempt >= policy.attempts) throw new AppError('BUSY', 'store.busy', undefined, undefined, error);
      await (policy.sleep ?? sleep)(retryDelayMs(attempt, policy));
    }
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any database type: only transactions are wrapped
type AnyKysely = Kysely<any>;

/** What returns another Kysely (a plugin, a schema) or another transaction builder: wrapped in turn. */
const DERIVING = new Set(['withPlugin', 'withoutPlugins', 'withSchema', 'withTables', 'setIsolationLevel', 'setAccessMode']);

/** A transaction builder whose `execute` runs the callback again on a retryable failure. */
function retryingBuilder<T extends object>(builder: T, policy: RetryPolicy): T {
  return new Proxy(builder, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      if (prop === 'execute') {
        return (callback: unknown) => runWithRetry(() => (value as (cb: unknown) => Promise<unknown>).call(target, callback), policy);
      }
      if (typeof prop === 'string' && DERIVING.has(prop)) return (...args: unknown[]) => retryingBuilder((value as (...a: unknown[]) => object).apply(target, args), policy);
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}

/**
 * The same Kysely, whose `transaction()` (and that of every Kysely derived from it) retries. A
 * Proxy rather than a subclass: `withPlugin` and the like build plain Kysely objects, which a
 * subclass would lose. Methods are called on the real object (Kysely keeps its state in private fields).
 */
export function retryingTransactions<DB extends AnyKysely>(db: DB, policy: RetryPolicy = DEFAULT_RETRY_POLICY): DB {
  return new Proxy(db, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      if (prop === 'transaction') return () => retryingBuilder(target.transaction(), policy);
      if (typeof prop === 'string' && DERIVING.has(prop)) return (...args: unknown[]) => retryingTransactions((value as (...a: unknown[]) => AnyKysely).apply(target, args), policy);
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}
