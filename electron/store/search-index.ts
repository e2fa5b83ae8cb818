import { SqliteAdapter, sql, type Kysely } from 'kysely';
import { SEARCH_KINDS, type SearchKind } from '../../shared/features/search/schemas';
import { PostgresSearchIndex } from './search-index-postgres';
import { SEARCH_SOURCES as SOURCES, type SearchSource as Source } from './search-sources';

/**
 * The one place that knows how full-text search is stored. Everything else asks `searchIndex(db)`
 * for hits and knows neither FTS5 nor its syntax; PostgreSQL brings its own implementation (a
 * tsvector table kept by its own triggers, search-index-postgres.ts) behind the same interface.
 *
 * SQLite: one FTS5 table, `search_index`, with the `unicode61 remove_diacritics 2` tokenizer (case
 * and accents ignored: « reemploi » finds « Réemploi ») and prefix indexes for search-as-you-type.
 * It is kept in step by triggers on the indexed tables rather than by calls in the repositories:
 * a trigger runs inside the statement that writes the record, hence inside its transaction (a
 * rolled-back write leaves no hit behind), and no write path can forget it — services, spreadsheet
 * import, archive restore, GDPR erasure, the demo and the bench dataset all write with plain SQL.
 */

export interface SearchHit {
  kind: SearchKind;
  id: number;
}

export interface SearchIndex {
  /** The best hits of each kind for `text` (every word must match, as a prefix), best first. */
  search(text: string, perKind: number): Promise<SearchHit[]>;
  /** Every record of one kind that matches `text` (for list screens that filter by it). */
  matching(kind: SearchKind, text: string): Promise<number[] | null>;
  /** Rebuilds the whole index from the records (after a migration, or to repair it). */
  rebuild(): Promise<void>;
}

/** FTS5 keeps its data in these tables beside the index: derived data, never archived. */
export function isSearchIndexTable(name: string): boolean {
  return name === 'search_index' || name.startsWith('search_index_');
}

/**
 * The rowid packs kind and record id: a trigger finds the row to replace without a scan, and the
 * hits of one kind are one range of rowids, which FTS5 seeks to directly.
 */
const KIND_CODES: Record<SearchKind, number> = {
  organisation: 1,
  person: 2,
  meeting: 3,
  agendaItem: 4,
  minutes: 5,
  decision: 6,
  action: 7,
  activity: 8,
};
const KIND_SPAN = 2 ** 40;

function rowid(kind: SearchKind, ref: string): string {
  return `${KIND_CODES[kind] * KIND_SPAN} + ${ref}.id`;
}

function insertFrom(kind: SearchKind, text: string, when: string | undefined, ref: 'new' | 'r', from: string): string {
  const expr = text.replaceAll('r.', `${ref}.`);
  const condition = when ? ` WHERE ${when.replaceAll('r.', `${ref}.`)}` : '';
  return `INSERT INTO search_index (rowid, kind, record_id, body) SELECT ${rowid(kind, ref)}, '${kind}', ${ref}.id, ${expr}${from}${condition}`;
}

function triggerStatements(source: Source): string[] {
  const { table, kinds } = source;
  const deletes = (ref: 'old') => kinds.map((k) => `DELETE FROM search_index WHERE rowid = ${rowid(k.kind, ref)};`).join(' ');
  const inserts = kinds.map((k) => `${insertFrom(k.kind, k.text, k.when, 'new', '')};`).join(' ');
  return [
    `CREATE TRIGGER search_index_${table}_insert AFTER INSERT ON ${table} BEGIN ${inserts} END`,
    `CREATE TRIGGER search_index_${table}_update AFTER UPDATE ON ${table} BEGIN ${deletes('old')} ${inserts} END`,
    `CREATE TRIGGER search_index_${table}_delete AFTER DELETE ON ${table} BEGIN ${deletes('old')} END`,
  ];
}

function backfillStatements(): string[] {
  return SOURCES.flatMap((s) => s.kinds.map((k) => insertFrom(k.kind, k.text, k.when, 'r', ` FROM ${s.table} AS r`)));
}

export function isSqlite(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

/** Creates the SQLite index, its triggers, and fills it from the records already there (migration 0008). */
export async function installSqliteSearchIndex(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      "CREATE VIRTUAL TABLE search_index USING fts5(kind UNINDEXED, record_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')",
    )
    .execute(db);
  for (const source of SOURCES) for (const statement of triggerStatements(source)) await sql.raw(statement).execute(db);
  for (const statement of backfillStatements()) await sql.raw(statement).execute(db);
}

/**
 * The words of a query as an FTS5 expression: each word quoted (so nothing typed is syntax), all
 * required, each a prefix as she types (« reem » → `"reem"*`, « dur hel » finds Hélène Durand).
 * Empty when nothing is left.
 */
export function matchExpression(text: string): string {
  const words = text
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
  return words.map((w) => `"${w}"*`).join(' ');
}

/** How many of the newest matches of a kind are ranked to pick the best few. */
const CANDIDATES = 40;

class SqliteSearchIndex implements SearchIndex {
  constructor(private readonly db: Kysely<unknown>) {}

  async search(text: string, perKind: number): Promise<SearchHit[]> {
    const match = matchExpression(text);
    if (!match) return [];
    // One query per kind: each kind gets its own best hits, and a common word in a big table
    // (activities) cannot crowd out the one organisation that matches. Ranking every match
    // (ORDER BY rank) costs a whole scan of a short prefix's postings; instead the newest
    // candidates of the kind are taken, straight from the index, and ranked among themselves.
    const hits: SearchHit[] = [];
    for (const kind of SEARCH_KINDS) {
      const base = KIND_CODES[kind] * KIND_SPAN;
      const rows = await sql<{ record_id: number; rank: number }>`
        select record_id, rank from search_index
        where search_index match ${match} and rowid between ${base} and ${base + KIND_SPAN - 1}
        order by rowid desc limit ${CANDIDATES}`.execute(this.db);
      const best = [...rows.rows].sort((a, b) => a.rank - b.rank).slice(0, perKind);
      for (const r of best) hits.push({ kind, id: Number(r.record_id) });
    }
    return hits;
  }

  async matching(kind: SearchKind, text: string): Promise<number[]> {
    const match = matchExpression(text);
    if (!match) return [];
    const base = KIND_CODES[kind] * KIND_SPAN;
    const rows = await sql<{ record_id: number }>`
      select record_id from search_index where search_index match ${match} and rowid between ${base} and ${base + KIND_SPAN - 1}`.execute(this.db);
    return rows.rows.map((r) => Number(r.record_id));
  }

  async rebuild(): Promise<void> {
    await sql.raw('DELETE FROM search_index').execute(this.db);
    for (const statement of backfillStatements()) await sql.raw(statement).execute(this.db);
  }
}

/** The engine's index: FTS5 on SQLite, a tsvector table on PostgreSQL (search-index-postgres.ts). */
export function searchIndex(db: Kysely<unknown>): SearchIndex {
  return isSqlite(db) ? new SqliteSearchIndex(db) : new PostgresSearchIndex(db);
}
