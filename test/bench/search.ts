import type Database from 'better-sqlite3';
import type { CompiledQuery } from 'kysely';
import { performance } from 'node:perf_hooks';
import type { BenchCase, BenchRow } from './run';
import { percentile } from './measure';

/**
 * `search.all` (Ctrl+K) over the whole national base: organisations, people, 5 000 meetings with
 * their agendas and decisions, 25 000 activities. Runs after the meetings and activity cases have
 * inserted theirs (the index fills itself through its triggers). The floor is the same statements
 * (the FTS5 queries and the look-ups of the hits) through better-sqlite3.
 */

function replay(sqlite: Database.Database, queries: CompiledQuery[]): void {
  for (const q of queries) sqlite.prepare(q.sql).all(...(q.parameters as unknown[]));
}

/** What she types, keystroke by keystroke: every prefix is a search. */
const WORDS = ['reemploi', 'durand', 'budget previsionnel', 'textile', 'Limoges', 'cotisations', 'zzz'];

export const searchAllCase: BenchCase = {
  name: 'search everything',
  async run(env) {
    const texts = WORDS.flatMap((w) => [...w].map((_, i) => w.slice(0, i + 1))).filter((t) => t.trim().length > 0);
    const captured = new Map<string, CompiledQuery[]>();
    for (const text of texts) captured.set(text, await env.capture('search.all', { text }));
    const samples: number[] = [];
    const floors: number[] = [];
    let hits = 0;
    for (let i = 0; i < 2 * texts.length; i++) {
      const text = texts[i % texts.length]!;
      const start = performance.now();
      const result = await env.dispatch('search.all', { text });
      samples.push(performance.now() - start);
      if (!result.ok) throw new Error(`search.all failed: ${result.error.message}`);
      hits += (result.value as { groups: { items: unknown[] }[] }).groups.reduce((n, g) => n + g.items.length, 0);
      const floorStart = performance.now();
      replay(env.store.sqlite, captured.get(text)!);
      floors.push(performance.now() - floorStart);
    }
    const indexed = (env.store.sqlite.prepare('SELECT COUNT(*) AS n FROM search_index').get() as { n: number }).n;
    const p95 = percentile(samples, 95);
    const row: BenchRow = {
      measurement: `search everything (\`search.all\`, ${indexed.toLocaleString('fr-FR')} indexed records, every prefix of ${WORDS.length} words as typed, ${samples.length} runs, ${Math.round(hits / samples.length)} hits on average)`,
      p50: percentile(samples, 50),
      p95,
      floorP50: percentile(floors, 50),
      floorP95: percentile(floors, 95),
      target: '< 50 ms p95',
      met: p95 < 50,
    };
    return [row];
  },
};
