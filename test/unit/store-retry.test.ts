import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/api/errors';
import { toApiError } from '../../electron/api/dispatch';
import { openStore, type Store } from '../../electron/store/engine';
import { retryDelayMs, runWithRetry, type RetryPolicy } from '../../electron/store/retry';
import { dropTestTarget, onSqlite, testTarget } from '../helpers/store';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const serializationFailure = () => Object.assign(new Error('could not serialize access due to read/write dependencies among transactions'), { code: '40001' });

describe('retry policy (either engine: pure)', () => {
  it('runs again after 40001 and 40P01, with growing jittered waits, at most `attempts` times, then answers BUSY', async () => {
    const waits: number[] = [];
    const policy: RetryPolicy = { attempts: 4, baseDelayMs: 10, maxDelayMs: 25, random: () => 0.75, sleep: async (ms) => void waits.push(ms) };
    let runs = 0;
    const error = await runWithRetry(async () => {
      runs++;
      throw Object.assign(new Error('deadlock detected'), { code: runs % 2 ? '40001' : '40P01' });
    }, policy).catch((e: unknown) => e);
    expect(runs).toBe(4);
    expect(waits).toEqual([13, 25, 31]); // 10, 20, then capped at 25; each × (0.5 + 0.75)
    expect(error).toBeInstanceOf(AppError);
    expect(toApiError(error)).toMatchObject({ code: 'BUSY', key: 'store.busy' });
    expect(toApiError(error).message).toMatch(/réessayez/);
  });

  it('keeps the jitter within half and one and a half times the wait', () => {
    const policy: RetryPolicy = { attempts: 5, baseDelayMs: 20, maxDelayMs: 500 };
    for (const random of [0, 0.5, 0.999]) expect(retryDelayMs(3, { ...policy, random: () => random })).toBe(Math.round(80 * (0.5 + random)));
  });

  it('does not run again after any other error', async () => {
    let runs = 0;
    await expect(
      runWithRetry(async () => {
        runs++;
        throw Object.assign(new Error('duplicate key'), { code: '23505' });
      }),
    ).rejects.toThrow('duplicate key');
    expect(runs).toBe(1);
  });
});

/**
 * Two writers at once on the same PostgreSQL base, through the store's own `db` as every service
 * uses it: each reads what the other writes, then writes (a write skew). Serialisable isolation
 * lets only one commit; PostgreSQL cancels the other with 40001, and the store runs it again.
 */
describe.runIf(!onSqlite)('serialisation failures between two real connections (PostgreSQL)', () => {
  async function open(): Promise<Store> {
    const target = testTarget();
    const store = await openStore(target, { retry: { attempts: 5, baseDelayMs: 5, maxDelayMs: 50 } });
    cleanup.push(() => dropTestTarget(target), () => store.close());
    await sql`create table duty (doctor text primary key, on_call boolean not null)`.execute(store.db);
    await sql`insert into duty values ('alice', true), ('bob', true)`.execute(store.db);
    return store;
  }

  it('cancels one of two conflicting transactions, runs it again, and both end up applied in some order', async () => {
    const store = await open();
    const runs = { alice: 0, bob: 0 };
    // Both must have read before either writes, on their first run only: then a conflict is certain.
    let arrived = 0;
    let release!: () => void;
    const bothRead = new Promise<void>((resolve) => (release = resolve));
    const goOffCall = (doctor: 'alice' | 'bob') =>
      store.db
        .transaction()
        .setIsolationLevel('serializable')
        .execute(async (trx) => {
          runs[doctor]++;
          const onCall = await sql<{ n: number }>`select count(*) as n from duty where on_call`.execute(trx);
          if (runs[doctor] === 1) {
            if (++arrived === 2) release();
            await bothRead;
          }
          // The rule both read: someone stays on call. Written after the read, as a service would.
          if (Number(onCall.rows[0]!.n) < 2) return 'refusé';
          await sql`update duty set on_call = false where doctor = ${doctor}`.execute(trx);
          return 'fait';
        });

    const results = await Promise.all([goOffCall('alice'), goOffCall('bob')]);
    // One went off call; the other was cancelled (40001), ran again, and saw the first one's write.
    expect(results.sort()).toEqual(['fait', 'refusé']);
    expect(runs.alice + runs.bob).toBe(3);
    const rows = await sql<{ n: number }>`select count(*) as n from duty where on_call`.execute(store.db);
    expect(Number(rows.rows[0]!.n)).toBe(1);
  });

  it('answers BUSY, never INTERNAL, when the conflict outlasts the attempts', async () => {
    const store = await open();
    let runs = 0;
    const error = await store.db
      .transaction()
      .execute(async (trx) => {
        runs++;
        await sql`update duty set on_call = false where doctor = 'alice'`.execute(trx);
        throw serializationFailure();
      })
      .catch((e: unknown) => e);
    expect(runs).toBe(5);
    expect(toApiError(error)).toMatchObject({ code: 'BUSY', key: 'store.busy' });
    // Every run was rolled back.
    expect(Number((await sql<{ n: number }>`select count(*) as n from duty where on_call`.execute(store.db)).rows[0]!.n)).toBe(2);
  });
});
