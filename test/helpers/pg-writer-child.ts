/**
 * One of several processes writing time entries at once into the same base
 * (test/unit/store-concurrency.test.ts):
 *   node --import tsx test/helpers/pg-writer-child.ts TARGET WORKER COUNT ORGANISATION PERSON CATEGORY
 * Prints one line per refused write ("FAIL code message") and "DONE n" at the end.
 */
import { createDispatcher } from '../../electron/api/dispatch';
import { createHandlers } from '../../electron/app/handlers';
import { openStore } from '../../electron/store/engine';

const [target, worker, count, organisationId, personId, categoryId] = process.argv.slice(2) as [string, string, string, string, string, string];

async function main() {
  const store = await openStore(target);
  const now = new Date('2026-12-31T12:00:00Z');
  const dispatch = createDispatcher(createHandlers(store, { runtime: 'cli', now: () => now }));
  let done = 0;
  try {
    for (let i = 0; i < Number(count); i++) {
      // Every worker writes the same person's days: the day totals are read and written concurrently.
      const day = new Date(Date.UTC(2026, 0, 1) + ((i * 7 + Number(worker)) % 365) * 86_400_000).toISOString().slice(0, 10);
      const result = await dispatch('time.entries.create', {
        organisationId: Number(organisationId),
        personId: Number(personId),
        date: day,
        minutes: 30,
        categoryId: Number(categoryId),
        nature: 'volunteering',
        meetingId: null,
        activityId: null,
        note: `processus ${worker}, saisie ${i}`,
      });
      if (result.ok) done++;
      else process.stdout.write(`FAIL ${result.error.code} ${result.error.message}\n`);
    }
  } finally {
    await store.close();
  }
  process.stdout.write(`DONE ${done}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
