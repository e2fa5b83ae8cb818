import { ACTIVITY_KINDS, type ActivityKind, type Dashboard } from '../../../shared/features/activities/schemas';
import { addDays } from '../../../shared/features/time/period';
import { today, type ServiceContext } from '../../app/context';
import { openActions } from '../meetings/register';
import { SETTINGS_KEY } from '../settings/service';

/** How far ahead the home page looks for report deadlines. */
const DEADLINE_HORIZON_DAYS = 90;

/** The home page: this year's activity, what is late or due soon. A handful of grouped queries. */
export async function dashboard(ctx: ServiceContext): Promise<Dashboard> {
  const day = today(ctx);
  const year = Number(day.slice(0, 4));
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const returnsYear = year - 1;

  const [kinds, meetingDays, deadlines, expected, returned, fees, actions, settings, organisations, memberships] = await Promise.all([
    ctx.db.selectFrom('activities').select(['kind', (eb) => eb.fn.countAll<number>().as('n')]).where('date', '>=', from).where('date', '<=', to).groupBy('kind').execute(),
    ctx.db
      .selectFrom('meetings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', 'in', ['coordination', 'technical_day'])
      .where('date', '>=', from)
      .where('date', '<=', day)
      .executeTakeFirst(),
    ctx.db
      .selectFrom('grant_reports as r')
      .innerJoin('grants as g', 'g.id', 'r.grant_id')
      .innerJoin('organisations as o', 'o.id', 'g.funder_organisation_id')
      .select(['r.grant_id', 'o.name', 'g.programme', 'r.due_date', 'r.label'])
      .where('r.submitted_on', 'is', null)
      .where('r.due_date', '<=', addDays(day, DEADLINE_HORIZON_DAYS))
      .orderBy('r.due_date')
      .execute(),
    ctx.db
      .selectFrom('memberships as m')
      .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
      .select(['o.id', 'o.name'])
      .where('m.year', '=', returnsYear)
      .where('o.kind', '=', 'member')
      .orderBy('o.name_key')
      .execute(),
    ctx.db.selectFrom('indicator_values').select('organisation_id').distinct().where('year', '=', returnsYear).execute(),
    ctx.db
      .selectFrom('memberships as m')
      .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
      .select(['o.id', 'o.name', 'm.fee_due_cents', 'm.amount_paid_cents'])
      .where('m.year', '=', year)
      .whereRef('m.amount_paid_cents', '<', 'm.fee_due_cents')
      .orderBy('o.name_key')
      .execute(),
    openActions(ctx, {}),
    ctx.db.selectFrom('settings').select('key').where('key', '=', SETTINGS_KEY).executeTakeFirst(),
    ctx.db.selectFrom('organisations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ctx.db.selectFrom('memberships').select((eb) => eb.fn.countAll<number>().as('n')).where('year', '=', year).executeTakeFirstOrThrow(),
  ]);
  const returnedIds = new Set(returned.map((r) => r.organisation_id));
  return {
    year,
    today: day,
    activityCounts: ACTIVITY_KINDS.map((kind: ActivityKind) => ({ kind, count: Number(kinds.find((k) => k.kind === kind)?.n ?? 0) })),
    meetingDays: Number(meetingDays?.n ?? 0),
    overdueActions: actions.items
      .filter((a) => a.overdue)
      .slice(0, 20)
      .map((a) => ({ id: a.id, text: a.text, dueDate: a.currentDueDate, meetingTitle: a.meetingTitle, owner: a.ownerLabel })),
    reportDeadlines: deadlines.map((d) => ({ grantId: d.grant_id, funderName: d.name, programme: d.programme, dueDate: d.due_date, label: d.label, overdue: d.due_date < day })),
    missingReturns: { year: returnsYear, organisations: expected.filter((o) => !returnedIds.has(o.id)) },
    unpaidFees: { year, items: fees.map((f) => ({ organisationId: f.id, name: f.name, outstandingCents: f.fee_due_cents - f.amount_paid_cents })) },
    setup: { settingsSaved: Boolean(settings), organisations: Number(organisations.n), memberships: Number(memberships.n) },
  };
}
