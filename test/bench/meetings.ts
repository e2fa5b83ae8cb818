import type Database from 'better-sqlite3';
import type { CompiledQuery } from 'kysely';
import { Packer } from 'docx';
import { buildMinutes } from '../../shared/documents/meetings/minutes';
import type { MinutesData } from '../../shared/features/meetings/documents';
import { MEETING_KINDS } from '../../shared/features/meetings/kinds';
import { normalizeKey } from '../../shared/validation/text';
import { seededRandom } from '../../electron/features/demo/generate';
import type { BenchCase, BenchEnv, BenchRow } from './run';
import { percentile, timed } from './measure';

/**
 * Meetings at national scale: 5 000 meetings over the dataset's years with their agendas and
 * 20 000 decisions, written with direct batched inserts; then the decisions register searched,
 * beside its floor, and the minutes of one big meeting (60 attendees, 20 points, 40 decisions,
 * 60 actions) queried, built and packed. Cases of `npm run bench` (test/bench/run.ts).
 */

export const MEETINGS = 5_000;
const DECISIONS_PER_MEETING = 4;

// The measuring helpers of run.ts, repeated: importing them would make run.ts (which runs on import) a cycle.

/** CPU time of this process, in ms: what the work costs when the machine is not shared. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function replay(sqlite: Database.Database, queries: CompiledQuery[]): void {
  for (const q of queries) {
    const statement = sqlite.prepare(q.sql);
    if (statement.reader) statement.all(...(q.parameters as unknown[]));
    else statement.run(...(q.parameters as unknown[]));
  }
}

type Row = (string | number | null)[];

function insertMany(sqlite: Database.Database, table: string, columns: readonly string[], rows: Row[]): void {
  const statement = sqlite.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  for (const row of rows) statement.run(row);
}

const SUBJECTS = [
  'l’adhésion à la fédération régionale',
  'le budget prévisionnel',
  'la filière textile mutualisée',
  'la convention de mise à disposition du poste de coordination',
  'le calendrier des journées techniques',
  'l’élection du bureau',
  'le rapport d’activité',
  'la demande de subvention à l’ADEME',
  'la charte du réemploi solidaire',
  'le montant des cotisations',
  'la semaine européenne de la réduction des déchets',
  'l’accueil d’un porteur de projet à Égletons',
];
const VERBS = ['approuve', 'adopte', 'valide', 'reporte', 'rejette', 'confie au bureau'];

/** 5 000 meetings, 3 agenda points each, 4 decisions each; and one big meeting for the minutes. */
export function insertMeetings(sqlite: Database.Database, env: Pick<BenchEnv, 'dataset' | 'now'>): { bigMeetingId: number; decisions: number } {
  const random = seededRandom(5_000);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]) => items[int(0, items.length - 1)]!;
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = env.now().toISOString();
  const { firstYear, lastYear, people, organisations } = env.dataset;
  const meetings: Row[] = [];
  const items: Row[] = [];
  const decisions: Row[] = [];
  // Other cases may have written meetings already: continue after their ids and numbers.
  const max = (table: string) => (sqlite.prepare(`SELECT COALESCE(MAX(id), 0) AS n FROM ${table}`).get() as { n: number }).n;
  const base = { meeting: max('meetings'), item: max('agenda_items'), decision: max('decisions'), attendance: max('attendances'), action: max('action_items') };
  const counters = new Map<number, number>((sqlite.prepare('SELECT year, last_number FROM decision_counters').all() as { year: number; last_number: number }[]).map((r) => [r.year, r.last_number]));
  const byDate: { id: number; date: string }[] = [];
  for (let id = base.meeting + 1; id <= base.meeting + MEETINGS; id++) {
    const year = int(firstYear, lastYear);
    byDate.push({ id, date: `${year}-${pad(int(1, 12))}-${pad(int(1, 28))}` });
  }
  byDate.sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id);
  let itemId = base.item;
  let decisionId = base.decision;
  for (const { id, date } of byDate) {
    const kind = pick(MEETING_KINDS);
    meetings.push([id, kind, `Réunion n° ${id}`, date, '14:00', '17:00', int(1, organisations), null, null, int(1, people), 'email', int(1, people), int(1, people), 'approved', stamp, null, stamp, stamp]);
    const year = Number(date.slice(0, 4));
    for (let i = 1; i <= 3; i++) items.push([++itemId, id, i, `Point ${i} : ${pick(SUBJECTS)}`, null, 30, null, null]);
    for (let d = 0; d < DECISIONS_PER_MEETING; d++) {
      const number = (counters.get(year) ?? 0) + 1;
      counters.set(year, number);
      const text = `L’assemblée ${pick(VERBS)} ${pick(SUBJECTS)}.`;
      const reference = `${year}-${pad(number)}`;
      const consensus = random() < 0.4;
      decisions.push([++decisionId, id, itemId - 2 + (d % 3), year, number, text, normalizeKey(`${text} ${reference}`), consensus ? 'consensus' : 'vote', consensus ? null : int(5, 15), consensus ? null : int(0, 3), consensus ? null : int(0, 3), stamp]);
    }
  }

  // The big meeting: 60 attendees, 20 points, 40 decisions, 60 actions, a draft.
  const bigId = base.meeting + MEETINGS + 1;
  const bigDate = `${lastYear}-11-12`;
  meetings.push([bigId, 'general_assembly', 'Assemblée générale nationale', bigDate, '09:30', '17:30', 1, null, `${lastYear}-10-20`, 1, 'email_and_post', 2, 3, 'draft', null, null, stamp, stamp]);
  const attendances: Row[] = [];
  for (let a = 0; a < 60; a++) {
    const status = a < 45 ? 'present' : a < 52 ? 'represented' : a < 57 ? 'excused' : 'absent';
    attendances.push([base.attendance + a + 1, bigId, 100 + a, (a % organisations) + 1, 'Représentant·e de la structure', 1, 1, status, status === 'represented' ? 100 + (a - 45) : null]);
  }
  const actions: Row[] = [];
  let actionId = base.action;
  for (let i = 1; i <= 20; i++) {
    items.push([++itemId, bigId, i, `Point ${i} : ${pick(SUBJECTS)}`, 100 + i, 20, `Présentation du point par **la coordination**.\n\n- premier constat\n- second constat, *à confirmer*\n\nLe débat porte sur ${pick(SUBJECTS)}.`, null]);
    for (let d = 0; d < 2; d++) {
      const number = (counters.get(lastYear) ?? 0) + 1;
      counters.set(lastYear, number);
      const text = `L’assemblée générale ${pick(VERBS)} ${pick(SUBJECTS)}.`;
      decisions.push([++decisionId, bigId, itemId, lastYear, number, text, normalizeKey(text), 'vote', 40, 5, 7, stamp]);
    }
    for (let k = 0; k < 3; k++) actions.push([++actionId, bigId, itemId, `Préparer ${pick(SUBJECTS)}`, 100 + ((i * 3 + k) % 60), null, `${lastYear}-12-${pad(1 + ((i + k) % 28))}`, 'open', stamp]);
  }

  sqlite.transaction(() => {
    insertMany(sqlite, 'meetings', ['id', 'kind', 'title', 'date', 'start_time', 'end_time', 'host_organisation_id', 'address', 'convened_on', 'convened_by_person_id', 'convened_how', 'chair_person_id', 'secretary_person_id', 'status', 'finalized_at', 'note', 'created_at', 'updated_at'], meetings);
    insertMany(sqlite, 'agenda_items', ['id', 'meeting_id', 'position', 'title', 'presenter_person_id', 'planned_minutes', 'discussion', 'approves_meeting_id'], items);
    insertMany(sqlite, 'decisions', ['id', 'meeting_id', 'agenda_item_id', 'year', 'number', 'text', 'search_key', 'vote_mode', 'votes_for', 'votes_against', 'votes_abstain', 'created_at'], decisions);
    sqlite.prepare('DELETE FROM decision_counters').run();
    insertMany(sqlite, 'decision_counters', ['year', 'last_number'], [...counters].map(([y, n]) => [y, n]));
    insertMany(sqlite, 'attendances', ['id', 'meeting_id', 'person_id', 'organisation_id', 'capacity', 'invited', 'voting', 'status', 'proxy_holder_person_id'], attendances);
    insertMany(sqlite, 'action_items', ['id', 'meeting_id', 'agenda_item_id', 'text', 'owner_person_id', 'owner_organisation_id', 'due_date', 'status', 'created_at'], actions);
  })();
  return { bigMeetingId: bigId, decisions: decisions.length };
}

export const meetingsCase: BenchCase = {
  name: 'meetings',
  async run(env) {
    const [loadMs, { bigMeetingId, decisions }] = await timed(() => insertMeetings(env.store.sqlite, env));
    const rows: BenchRow[] = [];

    // The register: a few searches that hit, one that does not, with year and kind filters.
    const queries = [
      { search: 'filiere textile' },
      { search: 'BUDGET previsionnel' },
      { search: 'cotisations', year: env.dataset.lastYear },
      { search: 'election du bureau', kind: 'general_assembly' as const },
      { search: `${env.dataset.lastYear}-07` },
      { search: 'introuvable' },
    ];
    const captured: CompiledQuery[][] = [];
    for (const q of queries) captured.push(await env.capture('meetings.decisions', q));
    const samples: number[] = [];
    const floors: number[] = [];
    const cpu: number[] = [];
    let results = 0;
    for (const q of queries) await env.dispatch('meetings.decisions', q);
    for (let i = 0; i < 200; i++) {
      const q = queries[i % queries.length]!;
      const before = cpuMs();
      const [ms, result] = await timed(() => env.dispatch('meetings.decisions', q));
      cpu.push(cpuMs() - before);
      if (!result.ok) throw new Error(`meetings.decisions failed: ${result.error.message}`);
      results += (result.value as { total: number }).total;
      samples.push(ms);
      const [floor] = await timed(() => replay(env.store.sqlite, captured[i % queries.length]!));
      floors.push(floor);
    }
    const p95 = percentile(samples, 95);
    const floorP95 = percentile(floors, 95);
    rows.push({
      measurement: `decisions register search (\`meetings.decisions\`, ${MEETINGS.toLocaleString('fr-FR')} meetings, ${decisions.toLocaleString('fr-FR')} decisions, 200 runs over ${queries.length} queries, ${Math.round(results / 200)} matches on average)`,
      p50: percentile(samples, 50),
      p95,
      floorP50: percentile(floors, 50),
      floorP95,
      target: '< 30 ms p95, ≤ 2× floor',
      met: p95 < 30 && p95 <= 2 * floorP95,
      note: `CPU time p50 ${percentile(cpu, 50).toFixed(1)} ms; meetings written in ${Math.round(loadMs)} ms`,
    });

    // The big meeting's minutes: the service query, then the document built and packed.
    const querySamples: number[] = [];
    const buildSamples: number[] = [];
    const buildCpu: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 23; i++) {
      const [queryMs, result] = await timed(() => env.dispatch('meetings.minutesData', { id: bigMeetingId }));
      if (!result.ok) throw new Error(`meetings.minutesData failed: ${result.error.message}`);
      const data = result.value as MinutesData;
      const before = cpuMs();
      const [buildMs, buffer] = await timed(() => Packer.toBuffer(buildMinutes(data)));
      // The first three runs warm the JIT up, as the first document of a session does.
      if (i < 3) continue;
      buildCpu.push(cpuMs() - before);
      bytes = buffer.length;
      querySamples.push(queryMs);
      buildSamples.push(buildMs);
    }
    const buildP95 = percentile(buildSamples, 95);
    rows.push({
      measurement: 'minutes data of a meeting with 60 attendees, 20 points, 40 decisions, 60 actions (`meetings.minutesData`)',
      p50: percentile(querySamples, 50),
      p95: percentile(querySamples, 95),
      target: '—',
    });
    rows.push({
      measurement: `the same minutes built and packed as .docx (${Math.round(bytes / 1024)} KB)`,
      p50: percentile(buildSamples, 50),
      p95: buildP95,
      target: '< 300 ms',
      met: buildP95 < 300,
      note: `CPU time p50 ${percentile(buildCpu, 50).toFixed(0)} ms, p95 ${percentile(buildCpu, 95).toFixed(0)} ms`,
    });
    return rows;
  },
};
