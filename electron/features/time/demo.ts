import { localDay } from '../../../shared/format/day';
import type { OrganisationDetail } from '../../../shared/features/organisations/contract';
import type { GridSave, Nature } from '../../../shared/features/time/schemas';
import { daysOfMonth, isoWeekday, monthRange, shiftMonth } from '../../../shared/features/time/period';
import type { ApiCall } from '../../cli/api';
import { seededRandom } from '../demo/generate';

/**
 * Demonstration of the time ledger, written through the API as a secretary would: dated rates,
 * one month grid per member and month, the entries of the network meetings taken from their
 * attendance, a pledge per member and year (the coordination post as 1 ETP over 30 months), and
 * one closed financial year. Deterministic for a given date and seed.
 */

export interface TimeDemoSummary {
  entries: number;
  pledges: number;
  firstYear: number;
  lastYear: number;
}

type Row = GridSave['rows'][number];

export async function generateTimeDemo(api: ApiCall, options: { now: Date; seed?: number }): Promise<TimeDemoSummary> {
  const random = seededRandom(options.seed ?? 1607);
  const chance = (p: number) => random() < p;
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const today = localDay(options.now);
  const lastYear = Number(today.slice(0, 4));
  const firstYear = lastYear - 3;
  const thisMonth = today.slice(0, 7);

  const categories = (await api('time.categories.list', {})).items;
  const cat = (code: string) => categories.find((c) => c.code === code)!.id;

  const members = (await api('organisations.list', { kind: 'member', includeArchived: true })).items;
  const details: OrganisationDetail[] = [];
  for (const m of members) details.push(await api('organisations.get', { id: m.id }));
  const carrier = details.find((d) => d.organisation.note?.includes('coordination')) ?? details[0]!;
  const coordinator = carrier.affiliations.find((a) => /coordinat/i.test(a.role) && /réseau/i.test(a.role));

  // Rates: a dated network default, the carrying member's cost of the post, the coordinator's own.
  await api('time.rates.save', { scope: 'default', validFrom: `${firstYear}-01-01`, hourlyCents: 2000, note: 'Coût horaire moyen (SMIC chargé)' });
  await api('time.rates.save', { scope: 'default', validFrom: `${lastYear}-01-01`, hourlyCents: 2200, note: 'Revalorisation votée en assemblée générale' });
  await api('time.rates.save', { scope: 'organisation', organisationId: carrier.organisation.id, validFrom: `${firstYear}-01-01`, hourlyCents: 2600, note: 'Coût réel du poste porté' });
  if (coordinator) {
    await api('time.rates.save', { scope: 'person', personId: coordinator.personId, validFrom: `${lastYear - 1}-01-01`, hourlyCents: 2850, note: 'Salaire chargé de la coordination' });
  }

  // Held meetings of the network count from their attendance; without them, the grids carry them.
  const meetings = (await api('meetings.list', {})).items.filter(
    (m) => (m.kind === 'coordination' || m.kind === 'technical_day') && m.date <= today && m.date >= `${firstYear}-01-01` && m.startTime && m.endTime,
  );

  const memberIn = (d: OrganisationDetail, month: string) => {
    const { from, to } = monthRange(month);
    return d.memberships.some((m) => m.year === Number(month.slice(0, 4)) && (!m.startDate || m.startDate <= to) && (!m.exitDate || m.exitDate >= from));
  };
  const peopleIn = (d: OrganisationDetail, month: string) => {
    const { from, to } = monthRange(month);
    return [...new Map(d.affiliations.filter((a) => a.startDate <= to && (!a.endDate || a.endDate >= from)).map((a) => [a.personId, a])).values()];
  };
  const workdays = (month: string) => daysOfMonth(month).filter((d) => isoWeekday(d) <= 5 && d <= today);
  const saturdays = (month: string) => daysOfMonth(month).filter((d) => isoWeekday(d) === 6 && d <= today);
  const pick = <T>(list: readonly T[]): T | undefined => (list.length ? list[Math.floor(random() * list.length)] : undefined);

  let entries = 0;
  const save = async (organisationId: number, month: string, nature: Nature, rows: Map<string, Row>) => {
    const list = [...rows.values()].filter((r) => r.cells.length > 0);
    if (!list.length) return;
    await api('time.grid.save', { organisationId, month, nature, rows: list });
    entries += list.reduce((n, r) => n + r.cells.length, 0);
  };
  const add = (rows: Map<string, Row>, personId: number | null, code: string, date: string | undefined, minutes: number) => {
    if (!date) return;
    const key = `${personId}|${code}`;
    const row = rows.get(key) ?? { personId, categoryId: cat(code), cells: [] };
    const cell = row.cells.find((c) => c.from === date);
    if (cell) cell.minutes += minutes;
    else row.cells.push({ from: date, to: date, minutes });
    rows.set(key, row);
  };

  for (let month = `${firstYear}-01`; month <= thisMonth; month = shiftMonth(month, 1)) {
    const m = Number(month.slice(5, 7));
    const days = workdays(month);
    if (!days.length) continue;
    const meetingMonth = [3, 6, 10, 12].includes(m);
    const technicalMonth = [5, 11].includes(m);
    for (const d of details) {
      if (!memberIn(d, month)) continue;
      const people = peopleIn(d, month).filter((a) => a.personId !== coordinator?.personId);
      if (!people.length) continue;
      const lent = new Map<string, Row>();
      const volunteered = new Map<string, Row>();
      const [first, second] = [people[0]!, people[1] ?? people[0]!];

      // The coordination post: most working days, more once the 1 ETP agreement runs.
      if (d === carrier && coordinator && peopleIn(d, month).some((a) => a.personId === coordinator.personId)) {
        const share = month >= `${lastYear - 2}-07` ? 0.88 : 0.45;
        for (const day of days) {
          if (!chance(share)) continue;
          add(lent, coordinator.personId, 'coordination', day, int(8, 14) * 30);
          if (chance(0.25)) add(lent, coordinator.personId, pick(['communication', 'observatory', 'project_support', 'representation'])!, day, int(2, 5) * 30);
        }
      }
      // Members' staff: a weekly hand, the observatory in winter, meetings and technical days.
      for (let week = 0; week < 4; week++) {
        if (chance(0.7)) add(lent, first.personId, 'coordination', pick(days), int(2, 6) * 30);
        if (chance(0.25)) add(lent, second.personId, 'coordination', pick(days), int(2, 4) * 30);
      }
      if (chance(0.6)) add(lent, second.personId, 'administration', pick(days), int(2, 4) * 30);
      if (m <= 2 && chance(0.7)) add(lent, first.personId, 'observatory', pick(days), int(4, 10) * 30);
      if (chance(0.2)) add(lent, second.personId, 'project_support', pick(days), int(3, 8) * 30);
      if (chance(0.12)) add(lent, first.personId, 'representation', pick(days), int(4, 8) * 30);
      if (chance(0.15)) add(lent, null, 'communication', pick(days), int(2, 6) * 30);
      if (!meetings.length) {
        if (meetingMonth && chance(0.8)) add(lent, first.personId, 'network_meeting', days[Math.min(days.length - 1, 8)], int(7, 9) * 30);
        if (technicalMonth && chance(0.7)) for (const p of [first, second]) add(lent, p.personId, 'technical_day', days[Math.min(days.length - 1, 12)], int(13, 15) * 30);
      }
      // Awareness events on Saturdays, given by volunteers of the member.
      if (m >= 4 && m <= 10 && chance(0.35)) {
        const day = pick(saturdays(month));
        for (const p of people.slice(0, int(1, 3))) add(volunteered, p.personId, 'awareness', day, int(6, 10) * 30);
      }
      await save(d.organisation.id, month, 'secondment', lent);
      await save(d.organisation.id, month, 'volunteering', volunteered);
    }
  }

  for (const meeting of meetings) {
    const result = await api('time.fromMeeting', { meetingId: meeting.id, travelMinutes: 60 });
    entries += result.created;
  }

  // Pledges: the coordination post as 1 ETP over 30 months; the others a number of hours a year.
  let pledges = 0;
  for (const d of details) {
    const years = d.memberships.map((m) => m.year).filter((y) => y >= firstYear && y <= lastYear);
    if (d === carrier) {
      await api('time.pledges.save', {
        organisationId: d.organisation.id,
        from: `${lastYear - 2}-07-01`,
        to: `${lastYear}-12-31`,
        unit: 'etp',
        amount: 1,
        agreementReference: `CMD-${lastYear - 2}-COORD`,
        agreementDate: `${lastYear - 2}-06-20`,
        note: 'Convention de mise à disposition du poste de coordination du réseau (1 ETP sur 2 ans et demi).',
      });
      pledges++;
      continue;
    }
    const size = peopleIn(d, `${lastYear}-01`).length;
    for (const year of years) {
      await api('time.pledges.save', {
        organisationId: d.organisation.id,
        from: `${year}-01-01`,
        to: `${year}-12-31`,
        unit: 'hours',
        amount: size >= 4 ? 180 : size === 3 ? 160 : 150,
        agreementReference: `CMD-${year}-${String(d.organisation.id).padStart(2, '0')}`,
        agreementDate: `${year - 1}-12-${String(int(1, 20)).padStart(2, '0')}`,
        note: null,
      });
      pledges++;
    }
  }

  // The year reported to the steering committee is closed.
  const closed = lastYear - 2;
  await api('time.periods.close', { from: `${closed}-01-01`, to: `${closed}-12-31`, label: `Exercice ${closed} (bilan présenté au comité de pilotage)` });

  return { entries, pledges, firstYear, lastYear };
}
