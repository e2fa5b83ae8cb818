/**
 * A process that writes to a database until it is killed (test/unit/data-crash.test.ts):
 *   node --import tsx test/helpers/crash-child.ts import|backup|write DB [FILE]
 * It prints "BEGIN" when the operation starts and "DONE" if it ever finishes.
 */
import { createDispatcher } from '../../electron/api/dispatch';
import { createHandlers } from '../../electron/app/handlers';
import { createBackup } from '../../electron/features/data/backup';
import { commitImport } from '../../electron/features/data/import/service';
import { readSpreadsheetFile } from '../../electron/features/data/sheets/read';
import { openStore } from '../../electron/store/open';
import { FIXED_NOW_ISO } from './clock';

const [mode, dbFile, file] = process.argv.slice(2) as [string, string, string | undefined];

async function main() {
  const store = await openStore(dbFile);
  const now = () => new Date(FIXED_NOW_ISO);
  const ctx = { db: store.db, now, runtime: 'cli' as const };
  if (mode === 'import') {
    const sheet = readSpreadsheetFile(file!);
    process.stdout.write('BEGIN\n');
    await commitImport(ctx, sheet, { type: 'organisations', duplicates: { default: 'skip' } }, 'crash.csv');
  } else if (mode === 'backup') {
    process.stdout.write('BEGIN\n');
    for (let i = 0; i < 1000; i++) await createBackup(store, 'auto', new Date(Date.UTC(2026, 0, 1) + i * 86_400_000));
  } else if (mode === 'write') {
    const dispatch = createDispatcher(createHandlers(store, { runtime: 'cli', now }));
    process.stdout.write('BEGIN\n');
    for (let i = 0; i < 100_000; i++) {
      const org = await dispatch('organisations.create', { name: `Structure écrite ${i}`, kind: 'member' });
      if (!org.ok) throw new Error(org.error.message);
      const id = (org.value as { id: number }).id;
      const m = await dispatch('memberships.save', { organisationId: id, year: 2026, feeDueCents: 5000, amountPaidCents: 0 });
      if (!m.ok) throw new Error(m.error.message);
    }
  }
  process.stdout.write('DONE\n');
  await store.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
