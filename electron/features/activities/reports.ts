import { sql } from 'kysely';
import { claimVersion, inWriteTransaction, modifiedMeanwhile, savedBy } from '../../store/versions';
import { AppError } from '../../../shared/api/errors';
import {
  ACTIVITY_KINDS,
  FOUNDER_STAGES,
  REPORT_METRICS,
  SIDE_COST_CATEGORIES,
  type EvidenceGroup,
  type ActivityKind,
  type AnnualReport,
  type IndicatorUnit,
  type PartnerReport,
  type ReportFigures,
  type ReportType,
} from '../../../shared/features/activities/schemas';
import { metricValue } from '../../../shared/features/activities/sentences';
import { formatMoney, formatNumber } from '../../../shared/format/fr';
import { translate } from '../../../shared/i18n/index';
import { today, type ServiceContext } from '../../app/context';
import { groupConcat } from '../../store/dialect';
import { letterhead } from '../meetings/documents';
import { memberRoll, membersOn } from '../memberships/roll';
import { summarize } from '../time/summary';
import { listBudgets, listGrants } from './funding';
import { listIndicators } from './observatory';

const MEETING_DAY_KINDS = ['coordination', 'technical_day'] as const;

const yearOf = (iso: string) => Number(iso.slice(0, 4));
const minDate = (a: string, b: string) => (a < b ? a : b);

const isFinancialYear = (from: string, to: string) => from.endsWith('-01-01') && to === `${from.slice(0, 4)}-12-31`;

/**
 * The budget a report shows. A funder report shows the budgets of its grant (none when none was
 * entered); an annual report the budgets of that financial year, a multi-year programme being named
 * but not counted; a free period every budget that overlaps it. The donated-time line is the time
 * ledger's valuation over the budgets' period, balanced by the same contributions in kind as income,
 * and the result (income − charges) ends the table.
 */
async function financesOf(ctx: ServiceContext, from: string, to: string, scope: ReportFigures['finances']['scope'], grantId?: number): Promise<ReportFigures['finances']> {
  const allBudgets = await listBudgets(ctx);
  const overlapping = allBudgets.filter((b) => b.startDate <= to && b.endDate >= from);
  const budgets =
    scope === 'grant' ? allBudgets.filter((b) => b.grantId === grantId) : scope === 'financialYear' ? overlapping.filter((b) => b.startDate >= from && b.endDate <= to) : overlapping;
  const counted = new Set(budgets.map((b) => b.id));
  const otherBudgets = scope === 'grant' ? [] : overlapping.filter((b) => !counted.has(b.id));

  const expenses = new Map<string, { plannedCents: number; actualCents: number }>();
  const income = new Map<string, { plannedCents: number; actualCents: number }>();
  let inKind: ReportFigures['finances']['inKind'] = null;
  for (const b of budgets) {
    for (const l of b.lines) {
      // A typed 87 line (contributions in kind received) is the counterpart of the donated time:
      // it is shown once, below, valued from the ledger like its 86 twin, never twice.
      if (l.direction === 'income' && l.account === '87') continue;
      const map = l.direction === 'expense' ? expenses : income;
      const key = l.direction === 'expense' ? l.category : (l.funderName ?? '—');
      const slot = map.get(key) ?? { plannedCents: 0, actualCents: 0 };
      slot.plannedCents += l.plannedCents;
      slot.actualCents += l.actualCents;
      map.set(key, slot);
    }
  }
  const donated = expenses.get('donated_time');
  if (donated) {
    const inKindFrom = budgets.reduce((d, b) => minDate(d, b.startDate), budgets[0]!.startDate);
    const inKindTo = budgets.reduce((d, b) => (b.endDate > d ? b.endDate : d), budgets[0]!.endDate);
    const ledger = await summarize(ctx, { from: inKindFrom, to: inKindTo, by: 'organisation' });
    inKind = { from: inKindFrom, to: inKindTo, ledgerCents: ledger.total.valueCents, enteredActualCents: donated.actualCents, plannedCents: donated.plannedCents };
    donated.actualCents = ledger.total.valueCents;
  }
  const expenseList = [...expenses.entries()].map(([category, v]) => ({ category, ...v }));
  const incomeList = [...income.entries()].map(([funderName, v]) => ({ funderName, ...v, inKind: false }));
  if (donated) incomeList.push({ funderName: 'Contributions volontaires en nature', plannedCents: donated.plannedCents, actualCents: donated.actualCents, inKind: true });
  const side = expenseList.filter((e) => (SIDE_COST_CATEGORIES as readonly string[]).includes(e.category));
  const sum = (rows: { plannedCents: number; actualCents: number }[], k: 'plannedCents' | 'actualCents') => rows.reduce((s, r) => s + r[k], 0);
  const grants = (await listGrants(ctx)).filter((g) => (grantId !== undefined ? g.id === grantId : g.startDate <= to && g.endDate >= from));
  const period = (b: { id: number; label: string; startDate: string; endDate: string }) => ({ id: b.id, label: b.label, startDate: b.startDate, endDate: b.endDate });
  return {
    scope,
    budgets: budgets.map(period),
    otherBudgets: otherBudgets.map(period),
    expenses: expenseList,
    income: incomeList,
    totalPlannedCents: sum(expenseList, 'plannedCents'),
    totalActualCents: sum(expenseList, 'actualCents'),
    sideCostsPlannedCents: sum(side, 'plannedCents'),
    sideCostsActualCents: sum(side, 'actualCents'),
    incomePlannedCents: sum(incomeList, 'plannedCents'),
    incomeActualCents: sum(incomeList, 'actualCents'),
    resultPlannedCents: sum(incomeList, 'plannedCents') - sum(expenseList, 'plannedCents'),
    resultActualCents: sum(incomeList, 'actualCents') - sum(expenseList, 'actualCents'),
    inKind,
    grants: grants.map((g) => ({ id: g.id, funderName: g.funderName, programme: g.programme, startDate: g.startDate, endDate: g.endDate, amountCents: g.amountCents, paidCents: g.paidCents })),
  };
}

/**
 * Every figure of both reports over one period, from the records: activities, meetings held,
 * memberships, the time ledger (through the time feature's summary), budgets, grants and the
 * observatory. `chartFrom` widens the "activities by kind and year" series (the annual report shows
 * the two years before too).
 */
export async function computeFigures(ctx: ServiceContext, from: string, to: string, options: { chartFrom?: string; grantId?: number } = {}): Promise<ReportFigures> {
  const day = today(ctx);
  const heldUntil = minDate(to, day);
  const inPeriod = ctx.db.selectFrom('activities as a').where('a.date', '>=', from).where('a.date', '<=', to);

  const [kindRows, visitorRows, leaderRows, campaignRows, founderRows, reachedRow, meetingRows] = await Promise.all([
    inPeriod.select(['a.kind', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('a.kind').execute(),
    inPeriod.select(['a.visitor_kind', (eb) => eb.fn.countAll<number>().as('n')]).where('a.kind', '=', 'visit').groupBy('a.visitor_kind').execute(),
    inPeriod
      .innerJoin('activity_organisations as ao', 'ao.activity_id', 'a.id')
      .where('ao.role', '=', 'lead')
      .select(['a.kind', (eb) => eb.fn.count<number>('ao.organisation_id').distinct().as('n')])
      .groupBy('a.kind')
      .execute(),
    inPeriod
      .innerJoin('activity_organisations as ao', 'ao.activity_id', 'a.id')
      .where('ao.role', '=', 'lead')
      .where('a.kind', '=', 'awareness')
      .where('a.campaign', 'is not', null)
      .select(['a.campaign', (eb) => eb.fn.count<number>('a.id').distinct().as('n'), (eb) => eb.fn.count<number>('ao.organisation_id').distinct().as('leaders')])
      .groupBy('a.campaign')
      .orderBy('n', 'desc')
      .execute(),
    inPeriod.select((eb) => eb.fn.count<number>('a.project_founder_id').distinct().as('n')).where('a.kind', '=', 'support').executeTakeFirst(),
    inPeriod.select((eb) => eb.fn.sum<number>('a.people_reached').as('n')).executeTakeFirst(),
    ctx.db
      .selectFrom('meetings')
      .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
      .where('date', '>=', from)
      .where('date', '<=', heldUntil)
      .groupBy('kind')
      .execute(),
  ]);
  const kindCount = (k: ActivityKind) => Number(kindRows.find((r) => r.kind === k)?.n ?? 0);
  const leaders = (k: ActivityKind) => Number(leaderRows.find((r) => r.kind === k)?.n ?? 0);
  const visitors = (v: string) => Number(visitorRows.find((r) => r.visitor_kind === v)?.n ?? 0);
  const meetingsByKind = Object.fromEntries(meetingRows.map((r) => [r.kind, Number(r.n)]));
  const coordination = meetingsByKind.coordination ?? 0;
  const technicalDays = meetingsByKind.technical_day ?? 0;

  const chartFrom = options.chartFrom ?? from;
  const byKindYearRows = await ctx.db
    .selectFrom('activities')
    .select([sql<string>`substr(date, 1, 4)`.as('y'), 'kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('date', '>=', chartFrom)
    .where('date', '<=', to)
    .groupBy([sql`substr(date, 1, 4)`, 'kind'])
    .execute();

  // Members at the end of the period with the arrivals and departures, and the project founders' stages today.
  const endYear = yearOf(to);
  const roll = await memberRoll(ctx, from, to);
  const founders = await ctx.db
    .selectFrom('project_founders as f')
    .leftJoin('organisations as o', 'o.id', 'f.organisation_id')
    .select(['f.stage', 'o.name as organisation_name'])
    .execute();

  // Donated time: the time feature's own summary, grouped by organisation.
  const summary = await summarize(ctx, { from, to, by: 'organisation' });

  const finances = await financesOf(ctx, from, to, options.grantId === undefined ? (isFinancialYear(from, to) ? 'financialYear' : 'period') : 'grant', options.grantId);

  // Observatory: regional totals for each year of the period.
  const years: number[] = [];
  for (let y = yearOf(from); y <= endYear; y++) years.push(y);
  const observatoryYears = years.slice(-4);
  const indicators = await listIndicators(ctx);
  const valueRows = observatoryYears.length
    ? await ctx.db
        .selectFrom('indicator_values')
        .select(['indicator_id', 'year', (eb) => eb.fn.sum<number>('value').as('total'), (eb) => eb.fn.count<number>('organisation_id').distinct().as('n')])
        .where('year', 'in', observatoryYears)
        .groupBy(['indicator_id', 'year'])
        .execute()
    : [];
  // The members expected to return figures: the same roll, on the last day of each year shown.
  const expected = Object.fromEntries(await Promise.all(observatoryYears.map(async (y) => [String(y), (await membersOn(ctx, minDate(`${y}-12-31`, to))).length] as const)));
  const returnedRows = observatoryYears.length
    ? await ctx.db
        .selectFrom('indicator_values')
        .select(['year', (eb) => eb.fn.count<number>('organisation_id').distinct().as('n')])
        .where('year', 'in', observatoryYears)
        .groupBy('year')
        .execute()
    : [];

  return {
    from,
    to,
    meetings: { days: coordination + technicalDays, coordination, technicalDays, byKind: meetingsByKind },
    awareness: {
      count: kindCount('awareness'),
      leaders: leaders('awareness'),
      campaigns: campaignRows.map((c) => ({ name: c.campaign as string, count: Number(c.n), leaders: Number(c.leaders) })),
    },
    outreach: { count: kindCount('outreach'), leaders: leaders('outreach') },
    visits: { count: kindCount('visit'), localAuthority: visitors('local_authority'), projectFounder: visitors('project_founder'), other: visitors('other') },
    conferences: kindCount('conference'),
    support: { sessions: kindCount('support'), founders: Number(founderRows?.n ?? 0) },
    communication: kindCount('communication'),
    otherActivities: kindCount('other'),
    peopleReached: Number(reachedRow?.n ?? 0),
    byKind: ACTIVITY_KINDS.map((kind) => ({ kind, count: kindCount(kind) })),
    byKindYear: byKindYearRows.map((r) => ({ year: Number(r.y), kind: r.kind as ActivityKind, count: Number(r.n) })).sort((a, b) => a.year - b.year),
    newMembers: roll.arrivals,
    departures: roll.departures,
    membersBefore: roll.before,
    members: roll.members,
    founders: {
      total: founders.length,
      byStage: Object.fromEntries(FOUNDER_STAGES.map((s) => [s, founders.filter((f) => f.stage === s).length])),
      becameMembers: founders.flatMap((f) => (f.organisation_name ? [f.organisation_name] : [])),
    },
    time: {
      minutes: summary.total.minutes,
      etp: summary.total.etp,
      valueCents: summary.total.valueCents,
      etpHours: summary.etpHours,
      organisations: summary.groups.filter((g) => g.filter.organisationId !== undefined).length,
      byOrganisation: summary.groups.map((g) => ({ organisationId: g.filter.organisationId ?? null, name: g.label, minutes: g.minutes, etp: g.etp, valueCents: g.valueCents })),
      pendingMinutes: summary.pendingMinutes,
    },
    finances,
    observatory: {
      years: observatoryYears,
      expected,
      returned: Object.fromEntries(returnedRows.map((r) => [String(r.year), Number(r.n)])),
      indicators: indicators.map((i) => ({
        code: i.code,
        label: i.label,
        unit: i.unit as IndicatorUnit,
        totals: Object.fromEntries(valueRows.filter((v) => v.indicator_id === i.id).map((v) => [String(v.year), Math.round(Number(v.total) * 1000) / 1000])),
      })),
    },
  };
}

export function periodKeyOf(type: ReportType, q: { year?: number; from?: string; to?: string; grantId?: number }): string {
  if (type === 'annual') return String(q.year);
  return q.grantId !== undefined ? `grant-${q.grantId}` : `${q.from}_${q.to}`;
}

export async function reportTexts(ctx: ServiceContext, type: ReportType, periodKey: string): Promise<Record<string, string>> {
  const rows = await ctx.db.selectFrom('report_texts').select(['section', 'body']).where('report_type', '=', type).where('period_key', '=', periodKey).execute();
  return Object.fromEntries(rows.map((r) => [r.section, r.body]));
}

/** Each section's version (absent: no text yet, version 0 for the next save). */
export async function reportTextVersions(ctx: ServiceContext, type: ReportType, periodKey: string): Promise<Record<string, number>> {
  const rows = await ctx.db.selectFrom('report_texts').select(['section', 'version']).where('report_type', '=', type).where('period_key', '=', periodKey).execute();
  return Object.fromEntries(rows.map((r) => [r.section, r.version]));
}

/**
 * Saves one section's text (an empty one removes it). With `version` (the one the page showed, 0
 * for no text), a text saved by someone else since is not overwritten: refused, « modifié entre-temps ».
 */
export async function saveReportText(ctx: ServiceContext, v: { type: ReportType; periodKey: string; section: string; body: string; version?: number }): Promise<Record<string, string>> {
  const now = new Date(ctx.now()).toISOString();
  return inWriteTransaction(ctx, async (tctx) => {
    const db = tctx.db;
    const row = await db.selectFrom('report_texts').select(['id']).where('report_type', '=', v.type).where('period_key', '=', v.periodKey).where('section', '=', v.section).executeTakeFirst();
    if (row) {
      if (v.version === 0) throw await modifiedMeanwhile(db, 'report_texts', row.id);
      await claimVersion(tctx, 'report_texts', row.id, v.version);
      if (v.body.trim() === '') await db.deleteFrom('report_texts').where('id', '=', row.id).execute();
      else await db.updateTable('report_texts').set({ body: v.body, updated_at: now }).where('id', '=', row.id).execute();
    } else if (v.version !== undefined && v.version > 0) {
      // The text the page showed was removed meanwhile.
      throw new AppError('NOT_FOUND', 'error.notFound');
    } else if (v.body.trim() !== '') {
      const inserted = await db
        .insertInto('report_texts')
        .values({ report_type: v.type, period_key: v.periodKey, section: v.section, body: v.body, updated_at: now, updated_by: savedBy(ctx.runtime) })
        .onConflict((oc) => (v.version === 0 ? oc.columns(['report_type', 'period_key', 'section']).doNothing() : oc.columns(['report_type', 'period_key', 'section']).doUpdateSet({ body: v.body, updated_at: now })))
        .returning('id')
        .executeTakeFirst();
      // Another first text of the same section got in between.
      if (!inserted) {
        const other = await db.selectFrom('report_texts').select('id').where('report_type', '=', v.type).where('period_key', '=', v.periodKey).where('section', '=', v.section).executeTakeFirstOrThrow();
        throw await modifiedMeanwhile(db, 'report_texts', other.id);
      }
    }
    return reportTexts(tctx, v.type, v.periodKey);
  });
}

/** The annual activity report of one calendar year: one query, everything it prints. */
export async function annualReport(ctx: ServiceContext, year: number, options: { evidence?: boolean } = {}): Promise<AnnualReport> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const periodKey = periodKeyOf('annual', { year });
  const [figures, head, texts, textVersions, meetings] = await Promise.all([
    computeFigures(ctx, from, to, { chartFrom: `${year - 2}-01-01` }),
    letterhead(ctx),
    reportTexts(ctx, 'annual', periodKey),
    reportTextVersions(ctx, 'annual', periodKey),
    ctx.db.selectFrom('meetings').select(['id', 'date', 'kind', 'title']).where('date', '>=', from).where('date', '<=', minDate(to, today(ctx))).orderBy('date').execute(),
  ]);
  const evidence = options.evidence ? await evidenceOf(ctx, figures) : [];
  return { type: 'annual', year, periodKey, generatedOn: today(ctx), letterhead: head, figures, meetingsHeld: meetings, texts, textVersions, evidence };
}

/** The funder report (bilan) for a steering committee over any period, or for one grant over its period. */
export async function partnerReport(ctx: ServiceContext, q: { from?: string; to?: string; grantId?: number; evidence?: boolean }): Promise<PartnerReport> {
  const grant = q.grantId !== undefined ? (await listGrants(ctx, [q.grantId]))[0] : undefined;
  if (q.grantId !== undefined && !grant) throw new AppError('NOT_FOUND', 'error.notFound');
  const from = q.from ?? grant!.startDate;
  const to = q.to ?? grant!.endDate;
  const periodKey = periodKeyOf('partner', { from, to, grantId: q.grantId });
  const [figures, head, texts, textVersions] = await Promise.all([
    computeFigures(ctx, from, to, { grantId: q.grantId }),
    letterhead(ctx),
    reportTexts(ctx, 'partner', periodKey),
    reportTextVersions(ctx, 'partner', periodKey),
  ]);

  const partners = new Map<string, string>();
  for (const g of figures.finances.grants) partners.set(g.funderName, 'funder');
  for (const i of figures.finances.income) if (!i.inKind) partners.set(i.funderName, 'funder');
  const involved = await ctx.db
    .selectFrom('activity_organisations as ao')
    .innerJoin('activities as a', 'a.id', 'ao.activity_id')
    .innerJoin('organisations as o', 'o.id', 'ao.organisation_id')
    .select('o.name')
    .distinct()
    .where('o.kind', '=', 'partner')
    .where('a.date', '>=', from)
    .where('a.date', '<=', to)
    .orderBy('o.name')
    .execute();
  for (const p of involved) if (!partners.has(p.name)) partners.set(p.name, 'partner');

  return {
    type: 'partner',
    periodKey,
    generatedOn: today(ctx),
    letterhead: head,
    grant: grant ?? null,
    figures,
    partners: [...partners.entries()].map(([name, role]) => ({ name, role })).sort((a, b) => a.role.localeCompare(b.role) || a.name.localeCompare(b.name, 'fr')),
    targets: (grant?.targets ?? []).map((t) => ({ metric: t.metric, target: t.value, actual: metricValue(figures, t.metric) })),
    texts,
    evidence: q.evidence ? await evidenceOf(ctx, figures) : [],
    textVersions,
  };
}

/**
 * The annex « Détail des résultats »: for each figure the report prints, the records behind it,
 * so that a funder can check any number. A figure whose records are those of another already
 * listed (ETP and hours; founders and support sessions) is not listed twice.
 */
async function evidenceOf(ctx: ServiceContext, figures: ReportFigures): Promise<EvidenceGroup[]> {
  const groups: EvidenceGroup[] = [];
  const seen = new Set<string>();
  for (const metric of REPORT_METRICS) {
    const value = metricValue(figures, metric);
    if (!value) continue;
    const records = await figureRecords(ctx, metric, figures.from, figures.to);
    const key = JSON.stringify(records.items);
    if (seen.has(key)) continue;
    seen.add(key);
    groups.push({ metric, value, ...records });
  }
  return groups;
}

/** The records behind one figure, as a list a person can check. */
export async function figureRecords(ctx: ServiceContext, metric: string, from: string, to: string) {
  const t = (key: string, params?: Record<string, string | number>) => translate('fr', key, params);
  const activityMetric: Partial<Record<string, { kind: ActivityKind; visitor?: string }>> = {
    awareness_actions: { kind: 'awareness' },
    outreach_events: { kind: 'outreach' },
    visits: { kind: 'visit' },
    visits_local_authority: { kind: 'visit', visitor: 'local_authority' },
    visits_project_founder: { kind: 'visit', visitor: 'project_founder' },
    conferences: { kind: 'conference' },
    support_sessions: { kind: 'support' },
    founders_supported: { kind: 'support' },
    communication_tools: { kind: 'communication' },
    people_reached: { kind: 'awareness' },
  };
  const spec = activityMetric[metric];
  if (spec) {
    let q = ctx.db
      .selectFrom('activities as a')
      .leftJoin('project_founders as f', 'f.id', 'a.project_founder_id')
      .select(['a.id', 'a.date', 'a.title', 'a.place', 'a.people_reached', 'f.name as founder'])
      .select((eb) =>
        eb
          .selectFrom('activity_organisations as ao')
          .innerJoin('organisations as o', 'o.id', 'ao.organisation_id')
          .select((eb) => groupConcat(ctx.db, eb.ref('o.name'), ', ').as('x'))
          .whereRef('ao.activity_id', '=', 'a.id')
          .where('ao.role', '=', 'lead')
          .as('leads'),
      )
      .where('a.date', '>=', from)
      .where('a.date', '<=', to)
      .where('a.kind', '=', spec.kind);
    if (metric === 'people_reached') q = ctx.db.selectFrom('activities as a').leftJoin('project_founders as f', 'f.id', 'a.project_founder_id').select(['a.id', 'a.date', 'a.title', 'a.place', 'a.people_reached', 'f.name as founder', sql<string>`null`.as('leads')]).where('a.date', '>=', from).where('a.date', '<=', to).where('a.people_reached', '>', 0);
    if (spec.visitor) q = q.where('a.visitor_kind', '=', spec.visitor);
    const rows = await q.orderBy('a.date').limit(5000).execute();
    return {
      title: t(`activity.metric.${metric}`),
      items: rows.map((r) => ({
        date: r.date,
        label: r.title,
        detail: [r.leads, r.founder, r.place, r.people_reached ? t('activity.records.reached', { n: formatNumber(r.people_reached) }) : null].filter(Boolean).join(' · ') || null,
      })),
    };
  }
  switch (metric) {
    case 'meeting_days': {
      const rows = await ctx.db
        .selectFrom('meetings')
        .select(['date', 'title', 'kind'])
        .where('kind', 'in', [...MEETING_DAY_KINDS])
        .where('date', '>=', from)
        .where('date', '<=', minDate(to, today(ctx)))
        .orderBy('date')
        .execute();
      return { title: t('activity.metric.meeting_days'), items: rows.map((r) => ({ date: r.date, label: r.title, detail: t(`activity.meetingKind.${r.kind}`) })) };
    }
    case 'new_members': {
      const rows = (await memberRoll(ctx, from, to)).arrivals.sort((a, b) => a.joinedOn.localeCompare(b.joinedOn));
      return { title: t('activity.metric.new_members'), items: rows.map((r) => ({ date: r.joinedOn, label: r.name, detail: null })) };
    }
    case 'etp':
    case 'hours': {
      const s = await summarize(ctx, { from, to, by: 'organisation' });
      return {
        title: t('activity.metric.hours'),
        items: s.groups.map((g) => ({ date: null, label: g.label, detail: `${formatNumber(g.minutes / 60, 'fr', 0)} h · ${formatNumber(g.etp, 'fr', 2)} ETP · ${formatMoney(g.valueCents)}` })),
      };
    }
    case 'budget': {
      const budgets = (await listBudgets(ctx)).filter((b) => b.startDate <= to && b.endDate >= from);
      return {
        title: t('activity.metric.budget'),
        items: budgets.flatMap((b) =>
          b.lines.map((l) => ({
            date: null,
            label: `${b.label} — ${l.direction === 'expense' ? t(`activity.expense.${l.category}`) : (l.funderName ?? '')}`,
            detail: `${t('activity.budget.planned')} ${formatMoney(l.plannedCents)} · ${t('activity.budget.actual')} ${formatMoney(l.actualCents)}`,
          })),
        ),
      };
    }
    default:
      throw new AppError('NOT_FOUND', 'error.notFound');
  }
}

