/**
 * A second process on the same database (test/unit/store-busy.test.ts):
 *   node --import tsx test/helpers/store-child.ts import DB FILE.csv
 * Imports the organisations of FILE.csv in one transaction; prints "WRITING" when its first row
 * goes into the database (the write transaction is open) and "DONE" when it has committed.
 */
import type { KyselyPlugin } from 'kysely';
import { commitImport } from '../../electron/features/data/import/service';
import { readSpreadsheetFile } from '../../electron/features/data/sheets/read';
import { openStore } from '../../electron/store/open';

const [mode, dbFile, file] = process.argv.slice(2) as [string, string, string | undefined];

/** Says once when the first INSERT is about to run. */
function announceFirstInsert(): KyselyPlugin {
  let said = false;
  return {
    transformQuery(args) {
      if (!said && args.node.kind === 'InsertQueryNode') {
        said = true;
        process.stdout.write('WRITING\n');
      }
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
}

async function main() {
  const store = await openStore(dbFile);
  if (mode === 'import') {
    const sheet = readSpreadsheetFile(file!);
    const ctx = { db: store.db.withPlugin(announceFirstInsert()), now: () => new Date('2026-03-12T10:00:00Z'), runtime: 'cli' as const };
    const result = await commitImport(ctx, sheet, { type: 'organisations', duplicates: { default: 'skip' } }, 'gros-import.csv');
    process.stdout.write(`DONE ${result.created}\n`);
  }
  await store.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
