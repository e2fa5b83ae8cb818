import { CompiledQuery, type Kysely } from 'kysely';
import { dialectOf, quoteIdent, rowsPerInsert } from './dialect';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any database type: the table is named by the caller
type AnyKysely = Kysely<any>;

/** SQL text per table, columns, batch size and engine: built once, so the engine's prepared statement is reused too. */
const TEXTS = new Map<string, string>();

function insertText(postgres: boolean, table: string, columns: readonly string[], rows: number): string {
  const key = `${postgres ? 'pg' : 'sqlite'}|${table}|${columns.join(',')}|${rows}`;
  let text = TEXTS.get(key);
  if (text === undefined) {
    let n = 0;
    const tuple = () => `(${columns.map(() => (postgres ? `$${++n}` : '?')).join(', ')})`;
    text = `insert into ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) values ${Array.from({ length: rows }, tuple).join(', ')}`;
    if (TEXTS.size > 100) TEXTS.clear();
    TEXTS.set(key, text);
  }
  return text;
}

/**
 * Writes many rows (each its values in the order of `columns`, already checked) with multi-row
 * INSERTs as large as the engine binds: SQLite's 32 766 values a statement, PostgreSQL's 65 535.
 * The statement's text is the same for every full batch, so it is prepared once. For imports and
 * archives: tens of thousands of rows, where building each statement through the query builder
 * would cost more than running it. Run it inside the caller's transaction.
 */
export async function insertMany(db: AnyKysely, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void> {
  await insertEach(db, table, columns, rows, (row, out, at) => {
    for (let c = 0; c < columns.length; c++) out[at + c] = row[c] ?? null;
  });
}

/**
 * The same, for items that are not yet rows: `put` writes an item's values (in the order of
 * `columns`, null for none) straight into the statement's parameters from index `at`, so that
 * no intermediate row is built for each of tens of thousands of items.
 */
export async function insertEach<T>(
  db: AnyKysely,
  table: string,
  columns: readonly string[],
  items: readonly T[],
  put: (item: T, out: unknown[], at: number) => void,
): Promise<void> {
  if (items.length === 0) return;
  const postgres = dialectOf(db) === 'postgres';
  const per = rowsPerInsert(db, columns.length);
  const width = columns.length;
  for (let start = 0; start < items.length; start += per) {
    const end = Math.min(items.length, start + per);
    const parameters: unknown[] = new Array((end - start) * width);
    for (let i = start, at = 0; i < end; i++, at += width) put(items[i]!, parameters, at);
    await db.executeQuery(CompiledQuery.raw(insertText(postgres, table, columns, end - start), parameters));
  }
}
