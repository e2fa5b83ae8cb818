import { sql } from 'kysely';
import { AppError } from '../../../shared/api/errors';
import { etpOf, monthsInPeriod, monthsOf } from '../../../shared/features/time/period';
import { NATURES, type CertificateData, type Nature, type NetworkSummaryData, type Pledge } from '../../../shared/features/time/schemas';
import { translate } from '../../../shared/i18n/index';
import { today, type ServiceContext } from '../../app/context';
import { letterhead } from '../meetings/documents';
import { getSettings } from '../settings/service';
import { frenchOrder } from './common';
import { listPledges } from './pledges';
import { monthLabel } from './summary';

const sums = sql<number>`sum(e.minutes)`;
const values = sql<number>`sum(e.value_cents)`;

/** The share of a pledge that falls in [from, to] (pro rata of the months), and the secondment given in that share. */
async function pledgeOverPeriod(ctx: ServiceContext, organisationId: number, pledge: Pledge, from: string, to: string): Promise<NonNullable<CertificateData['pledge']>> {
  const overlapFrom = pledge.from > from ? pledge.from : from;
  const overlapTo = pledge.to < to ? pledge.to : to;
  const months = monthsInPeriod(pledge.from, pledge.to);
  const expectedMinutes = months > 0 ? Math.round((pledge.pledgedMinutes * monthsInPeriod(overlapFrom, overlapTo)) / months) : 0;
  const given = await ctx.db
    .selectFrom('time_entries as e')
    .select(sums.as('minutes'))
    .where('e.organisation_id', '=', organisationId)
    .where('e.nature', '=', 'secondment')
    .where('e.status', '=', 'validated')
    .where('e.date', '>=', overlapFrom)
    .where('e.date', '<=', overlapTo)
    .executeTakeFirst();
  return {
    from: pledge.from,
    to: pledge.to,
    pledgedMinutes: pledge.pledgedMinutes,
    agreementReference: pledge.agreementReference,
    agreementDate: pledge.agreementDate,
    overlapFrom,
    overlapTo,
    expectedMinutes,
    secondedMinutes: Number(given?.minutes ?? 0),
  };
}

/** Hours of the period still « à valider » (an organisation's, or the network's): counted in no total, said beside it. */
async function pendingMinutes(ctx: ServiceContext, from: string, to: string, organisationId?: number): Promise<number> {
  const row = await ctx.db
    .selectFrom('time_entries as e')
    .select(sums.as('minutes'))
    .where('e.status', '=', 'pending')
    .where('e.date', '>=', from)
    .where('e.date', '<=', to)
    .$if(organisationId !== undefined, (q) => q.where('e.organisation_id', '=', organisationId!))
    .executeTakeFirst();
  return Number(row?.minutes ?? 0);
}

/** Everything a certificate shows (validated hours only), from one read of the organisation's entries over the period. */
export async function certificateData(ctx: ServiceContext, query: { organisationId: number; from: string; to: string }): Promise<CertificateData> {
  const { organisationId, from, to } = query;
  const org = await ctx.db
    .selectFrom('organisations')
    .select(['id', 'name', 'address', 'postcode', 'city', 'siret'])
    .where('id', '=', organisationId)
    .executeTakeFirst();
  if (!org) throw new AppError('NOT_FOUND', 'error.notFound');
  const settings = await getSettings(ctx);
  const rows = await ctx.db
    .selectFrom('time_entries as e')
    .innerJoin('time_categories as c', 'c.id', 'e.category_id')
    .leftJoin('people as p', 'p.id', 'e.person_id')
    .select([
      sql<string>`substr(e.date, 1, 7)`.as('month'),
      'e.category_id',
      'c.name as category_name',
      'c.position',
      'e.nature',
      'e.person_id',
      'p.first_name',
      'p.last_name',
      'e.hourly_rate_cents',
      sums.as('minutes'),
      values.as('value'),
      sql<number>`count(*)`.as('count'),
    ])
    .where('e.organisation_id', '=', organisationId)
    .where('e.date', '>=', from)
    .where('e.date', '<=', to)
    .where('e.status', '=', 'validated')
    .groupBy([sql`substr(e.date, 1, 7)`, 'e.category_id', 'c.name', 'c.position', 'e.nature', 'e.person_id', 'p.first_name', 'p.last_name', 'e.hourly_rate_cents'])
    .execute();

  const add = <K>(map: Map<K, { minutes: number; valueCents: number }>, key: K, r: { minutes: number; value: number }) => {
    const slot = map.get(key) ?? { minutes: 0, valueCents: 0 };
    slot.minutes += Number(r.minutes);
    slot.valueCents += Number(r.value);
    map.set(key, slot);
  };
  const byMonth = new Map<string, { minutes: number; valueCents: number }>();
  const byCategory = new Map<number, { minutes: number; valueCents: number }>();
  const byNature = new Map<Nature, { minutes: number; valueCents: number }>();
  const byPerson = new Map<string, { minutes: number; valueCents: number }>();
  const byRate = new Map<number, { minutes: number; valueCents: number }>();
  const categories = new Map<number, { name: string; position: number }>();
  let count = 0;
  for (const r of rows) {
    add(byMonth, r.month, r);
    add(byCategory, r.category_id, r);
    add(byNature, r.nature as Nature, r);
    add(byPerson, r.person_id === null ? '' : `${r.last_name} ${r.first_name}\u0000${r.first_name} ${r.last_name}`, r);
    add(byRate, r.hourly_rate_cents, r);
    categories.set(r.category_id, { name: r.category_name, position: r.position });
    count += Number(r.count);
  }
  const total = [...byMonth.values()].reduce((t, m) => ({ minutes: t.minutes + m.minutes, valueCents: t.valueCents + m.valueCents }), { minutes: 0, valueCents: 0 });

  const pledge = (await listPledges(ctx, organisationId)).filter((p) => p.from <= to && p.to >= from).sort((a, b) => a.from.localeCompare(b.from))[0];
  const issuedOn = today(ctx);
  const president = await ctx.db
    .selectFrom('offices as f')
    .innerJoin('people as p', 'p.id', 'f.person_id')
    .select(['p.first_name', 'p.last_name', 'f.office'])
    .where('f.office', 'in', ['president', 'vice_president'])
    .where('f.start_date', '<=', issuedOn)
    .where((eb) => eb.or([eb('f.end_date', 'is', null), eb('f.end_date', '>=', issuedOn)]))
    .orderBy('f.office')
    .executeTakeFirst();
  const representative = await ctx.db
    .selectFrom('memberships as m')
    .innerJoin('people as p', 'p.id', 'm.voting_person_id')
    .select(['p.first_name', 'p.last_name'])
    .where('m.organisation_id', '=', organisationId)
    .where('m.year', '<=', Number(to.slice(0, 4)))
    .orderBy('m.year', 'desc')
    .executeTakeFirst();

  return {
    letterhead: await letterhead(ctx),
    organisation: { id: org.id, name: org.name, address: org.address, postcode: org.postcode, city: org.city, siret: org.siret },
    from,
    to,
    issuedOn,
    etpHours: settings.etpHours,
    byMonth: monthsOf(from, to).map((month) => ({ month, label: monthLabel(month), ...(byMonth.get(month) ?? { minutes: 0, valueCents: 0 }) })),
    byCategory: [...byCategory.entries()]
      .sort((a, b) => categories.get(a[0])!.position - categories.get(b[0])!.position)
      .map(([id, s]) => ({ label: categories.get(id)!.name, ...s })),
    byNature: NATURES.filter((n) => byNature.has(n)).map((nature) => ({ nature, label: translate('fr', `time.nature.${nature}`), ...byNature.get(nature)! })),
    people: [...byPerson.entries()]
      .sort((a, b) => (a[0] === '' ? 1 : b[0] === '' ? -1 : frenchOrder(a[0], b[0])))
      .map(([key, s]) => ({ label: key === '' ? translate('fr', 'time.summary.noPerson') : key.split('\u0000')[1]!, ...s })),
    total: { ...total, count, etp: etpOf(total.minutes, from, to, settings.etpHours) },
    rates: [...byRate.entries()].sort((a, b) => a[0] - b[0]).map(([hourlyCents, s]) => ({ hourlyCents, minutes: s.minutes })),
    pledge: pledge ? await pledgeOverPeriod(ctx, organisationId, pledge, from, to) : null,
    association: {
      signatory: president ? `${president.first_name} ${president.last_name}` : null,
      signatoryRole: president ? translate('fr', president.office === 'president' ? 'time.certificate.president' : 'time.certificate.vicePresident') : null,
    },
    organisationSignatory: representative ? `${representative.first_name} ${representative.last_name}` : null,
    pendingMinutes: await pendingMinutes(ctx, from, to, organisationId),
  };
}

/** The network's time over a period: organisation × category, for the summary document and its chart. */
export async function networkSummaryData(ctx: ServiceContext, query: { from: string; to: string }): Promise<NetworkSummaryData> {
  const settings = await getSettings(ctx);
  const rows = await ctx.db
    .selectFrom('time_entries as e')
    .select(['e.organisation_id', 'e.category_id', sums.as('minutes'), values.as('value')])
    .where('e.date', '>=', query.from)
    .where('e.date', '<=', query.to)
    .where('e.status', '=', 'validated')
    .groupBy(['e.organisation_id', 'e.category_id'])
    .execute();
  const categoryIds = [...new Set(rows.map((r) => r.category_id))];
  const organisationIds = [...new Set(rows.map((r) => r.organisation_id))];
  const categories = categoryIds.length
    ? await ctx.db.selectFrom('time_categories').select(['id', 'name']).where('id', 'in', categoryIds).orderBy('position').orderBy('id').execute()
    : [];
  const organisations = organisationIds.length
    ? await ctx.db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', organisationIds).orderBy('name_key').execute()
    : [];
  const etp = (minutes: number) => etpOf(minutes, query.from, query.to, settings.etpHours);
  const lines = organisations.map((o) => {
    const mine = rows.filter((r) => r.organisation_id === o.id);
    const minutes = mine.reduce((s, r) => s + Number(r.minutes), 0);
    return {
      id: o.id,
      name: o.name,
      minutesByCategory: categories.map((c) => mine.filter((r) => r.category_id === c.id).reduce((s, r) => s + Number(r.minutes), 0)),
      minutes,
      valueCents: mine.reduce((s, r) => s + Number(r.value), 0),
      etp: etp(minutes),
    };
  });
  const minutes = lines.reduce((s, l) => s + l.minutes, 0);
  return {
    letterhead: await letterhead(ctx),
    from: query.from,
    to: query.to,
    etpHours: settings.etpHours,
    categories: categories.map((c) => ({ id: c.id, name: c.name })),
    organisations: lines,
    total: {
      minutes,
      valueCents: lines.reduce((s, l) => s + l.valueCents, 0),
      etp: etp(minutes),
      minutesByCategory: categories.map((_, i) => lines.reduce((s, l) => s + l.minutesByCategory[i]!, 0)),
    },
    pendingMinutes: await pendingMinutes(ctx, query.from, query.to),
  };
}
