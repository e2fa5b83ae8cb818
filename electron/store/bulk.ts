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
  if (rows.length === 0) return;
  const postgres = dialectOf(db) === 'postgres';
  const per = rowsPerInsert(db, columns.length);
  for (let start = 0; start < rows.length; start += per) {
    const batch = rows.slice(start, start + per);
    const parameters: unknown[] = new Array(batch.length * columns.length);
    let i = 0;
    for (const row of batch) for (let c = 0; c < columns.length; c++) parameters[i++] = row[c] ?? null;
    await db.executeQuery(CompiledQuery.raw(insertText(postgres, table, columns, batch.length), parameters));
  }
}
