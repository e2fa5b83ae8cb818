import { AppError, fieldError, type FieldIssue } from '../../../shared/api/errors';
import { formatDuration, MAX_MINUTES_PER_DAY } from '../../../shared/features/time/duration';
import type { Nature, TimeWarning } from '../../../shared/features/time/schemas';
import { entryValueCents, rateResolver } from '../../../shared/features/time/valuation';
import { formatDate } from '../../../shared/format/fr';
import { nowIso, today, type ServiceContext } from '../../app/context';
import { getSettings } from '../settings/service';
import { assertDatesOpen, ensureDefaultCategories, loadRates } from './common';
import { entryWarnings } from './entries';

const toMinutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

/**
 * From a held meeting, one entry per person present: in the organisation they attended for
 * (else their affiliation in force on the meeting's date), dated the meeting's day, for its
 * duration plus the travel time, in the "network meeting" category ("technical day" for a
 * technical day). A person already counted for this meeting is skipped — the unique key
 * (meeting, person) makes sure nobody is ever counted twice.
 */
export async function entriesFromMeeting(
  ctx: ServiceContext,
  input: { meetingId: number; travelMinutes?: number; nature?: Nature },
): Promise<{ created: number; alreadyCounted: number; withoutOrganisation: string[]; minutesEach: number; warnings: TimeWarning[] }> {
  return ctx.db.transaction().execute(async (trx) => {
    const tctx = { ...ctx, db: trx };
    const meeting = await trx.selectFrom('meetings').select(['id', 'kind', 'title', 'date', 'start_time', 'end_time']).where('id', '=', input.meetingId).executeTakeFirst();
    if (!meeting) throw new AppError('NOT_FOUND', 'error.notFound');
    if (meeting.date > today(ctx)) throw fieldError('meetingId', 'error.time.meetingNotHeld', { date: formatDate(meeting.date) });
    if (!meeting.start_time || !meeting.end_time) throw fieldError('meetingId', 'error.time.meetingNoTimes');
    const minutesEach = toMinutes(meeting.end_time) - toMinutes(meeting.start_time) + (input.travelMinutes ?? 0);
    if (minutesEach <= 0) throw fieldError('meetingId', 'error.time.meetingNoTimes');
    if (minutesEach > MAX_MINUTES_PER_DAY) throw fieldError('travelMinutes', 'error.time.durationTooLong');
    await assertDatesOpen(tctx, [meeting.date]);

    await ensureDefaultCategories(tctx);
    const code = meeting.kind === 'technical_day' ? 'technical_day' : 'network_meeting';
    const category =
      (await trx.selectFrom('time_categories').select('id').where('code', '=', code).executeTakeFirst()) ??
      (await trx.selectFrom('time_categories').select('id').where('code', '=', 'other').executeTakeFirstOrThrow());

    const present = await trx
      .selectFrom('attendances as a')
      .innerJoin('people as p', 'p.id', 'a.person_id')
      .select(['a.person_id', 'a.organisation_id', 'p.first_name', 'p.last_name'])
      .where('a.meeting_id', '=', meeting.id)
      .where('a.status', '=', 'present')
      .orderBy('p.last_name')
      .execute();
    const counted = new Set(
      (await trx.selectFrom('time_entries').select('person_id').where('meeting_id', '=', meeting.id).execute()).map((e) => e.person_id),
    );
    const affiliations = present.length
      ? await trx
          .selectFrom('affiliations as f')
          .innerJoin('organisations as o', 'o.id', 'f.organisation_id')
          .select(['f.person_id', 'f.organisation_id', 'o.kind', 'f.start_date'])
          .where('f.person_id', 'in', present.map((p) => p.person_id))
          .where('f.start_date', '<=', meeting.date)
          .where((eb) => eb.or([eb('f.end_date', 'is', null), eb('f.end_date', '>=', meeting.date)]))
          .orderBy('f.start_date')
          .execute()
      : [];

    const withoutOrganisation: string[] = [];
    const toCreate: { personId: number; organisationId: number; name: string }[] = [];
    let alreadyCounted = 0;
    for (const p of present) {
      const name = `${p.first_name} ${p.last_name}`;
      if (counted.has(p.person_id)) {
        alreadyCounted++;
        continue;
      }
      const mine = affiliations.filter((a) => a.person_id === p.person_id);
      // Members first: the time is what a member organisation lends to the network.
      const organisationId = p.organisation_id ?? (mine.find((a) => a.kind === 'member') ?? mine[0])?.organisation_id ?? null;
      if (organisationId === null) withoutOrganisation.push(name);
      else toCreate.push({ personId: p.person_id, organisationId, name });
    }

    const issues: FieldIssue[] = [];
    for (const [i, c] of toCreate.entries()) {
      const row = await trx
        .selectFrom('time_entries')
        .select((eb) => eb.fn.sum<number>('minutes').as('m'))
        .where('person_id', '=', c.personId)
        .where('date', '=', meeting.date)
        .executeTakeFirst();
      const already = Number(row?.m ?? 0);
      if (already + minutesEach > MAX_MINUTES_PER_DAY)
        issues.push({ path: `present[${i}]`, key: 'error.time.dayOverflow', params: { person: c.name, date: formatDate(meeting.date), already: formatDuration(already) } });
    }
    if (issues.length) throw new AppError('VALIDATION', 'error.validation', undefined, issues);

    const rateOf = rateResolver(await loadRates(tctx), (await getSettings(tctx)).defaultHourlyValueCents);
    const now = nowIso(ctx);
    let created = 0;
    if (toCreate.length) {
      const result = await trx
        .insertInto('time_entries')
        .values(
          toCreate.map((c) => {
            const rate = rateOf({ date: meeting.date, personId: c.personId, organisationId: c.organisationId });
            return {
              organisation_id: c.organisationId,
              person_id: c.personId,
              date: meeting.date,
              minutes: minutesEach,
              category_id: category.id,
              nature: input.nature ?? 'secondment',
              meeting_id: meeting.id,
              activity_id: null,
              note: meeting.title,
              rate_id: rate.rateId,
              hourly_rate_cents: rate.hourlyCents,
              value_cents: entryValueCents(minutesEach, rate.hourlyCents),
              created_at: now,
              updated_at: now,
            };
          }),
        )
        .onConflict((oc) => oc.columns(['meeting_id', 'person_id']).where('meeting_id', 'is not', null).doNothing())
        .executeTakeFirst();
      created = Number(result.numInsertedOrUpdatedRows ?? toCreate.length);
    }
    const warnings: TimeWarning[] = [];
    for (const organisationId of [...new Set(toCreate.map((c) => c.organisationId))]) {
      warnings.push(...(await entryWarnings(tctx, organisationId, null, [meeting.date])));
    }
    return { created, alreadyCounted, withoutOrganisation, minutesEach, warnings };
  });
}
