import { z } from 'zod';
import { column, rowSchema, updatedAtColumn, versionColumns } from '../archive/schemas';
import { MEETING_KINDS, QUORUM_BASES } from './kinds';
import { ACTION_STATUSES, ATTENDANCE_STATUSES, CONVENING_MEANS, FOLLOW_UP_OUTCOMES, MEETING_STATUSES, VOTE_MODES } from './schemas';

/** Archive rows of the meetings tables: stored names and values exactly, strict, so a round trip is exact. */

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'error.meetings.time').nullable();
const flag = column.bool;
const nullableCount = column.integer.min(0, 'error.meetings.negative').nullable();

export const meetingKindRowSchema = rowSchema({
  kind: z.enum(MEETING_KINDS),
  quorum_base: z.enum(QUORUM_BASES),
  quorum_percent: column.integer.min(1, 'error.meetings.percent').max(100, 'error.meetings.percent'),
  proxies_per_holder: column.integer.min(0, 'error.meetings.negative'),
  updated_at: column.timestamp,
  // Since schema 12; archives written before it have none.
  ...versionColumns,
});

export const meetingRowSchema = rowSchema({
  id: column.id,
  kind: z.enum(MEETING_KINDS),
  title: column.requiredText,
  date: column.date,
  start_time: time,
  end_time: time,
  host_organisation_id: column.nullableRef,
  address: column.nullableText,
  convened_on: column.nullableDate,
  convened_by_person_id: column.nullableRef,
  convened_how: z.enum(CONVENING_MEANS).nullable(),
  chair_person_id: column.nullableRef,
  secretary_person_id: column.nullableRef,
  status: z.enum(MEETING_STATUSES),
  finalized_at: column.nullableTimestamp,
  note: column.nullableText,
  created_at: column.timestamp,
  updated_at: column.timestamp,
  // Since schema 12; archives written before it have none.
  ...versionColumns,
}).refine((r) => !r.start_time || !r.end_time || r.end_time > r.start_time, { path: ['end_time'], message: 'error.meetings.endBeforeStart' });

export const minutesApprovalRowSchema = rowSchema({
  meeting_id: column.ref,
  approved_by_meeting_id: column.ref,
  approved_on: column.date,
  recorded_at: column.timestamp,
  // Added by migration 0015: older archives kept no vote, their approvals stay plain.
  vote_mode: z.enum(['consensus', 'vote']).nullable().default(null),
  votes_for: z.number().int().min(0).nullable().default(null),
  votes_against: z.number().int().min(0).nullable().default(null),
  votes_abstain: z.number().int().min(0).nullable().default(null),
});

export const attendanceRowSchema = rowSchema({
  id: column.id,
  meeting_id: column.ref,
  person_id: column.ref,
  organisation_id: column.nullableRef,
  capacity: column.nullableText,
  invited: flag,
  voting: flag,
  status: z.enum(ATTENDANCE_STATUSES),
  proxy_holder_person_id: column.nullableRef,
  // Since schema 12; archives written before it have none.
  ...versionColumns, ...updatedAtColumn,
});

export const agendaItemRowSchema = rowSchema({
  id: column.id,
  meeting_id: column.ref,
  position: column.integer,
  title: column.requiredText,
  presenter_person_id: column.nullableRef,
  planned_minutes: column.integer.min(1, 'error.meetings.minutes').nullable(),
  discussion: column.nullableText,
  approves_meeting_id: column.nullableRef,
  // Since schema 12; archives written before it have none.
  ...versionColumns, ...updatedAtColumn,
});

export const decisionCounterRowSchema = rowSchema({ year: column.year, last_number: column.integer.min(0, 'error.meetings.negative') });

export const decisionRowSchema = rowSchema({
  id: column.id,
  meeting_id: column.ref,
  agenda_item_id: column.ref,
  year: column.year,
  number: column.integer.min(1, 'error.integer'),
  text: column.requiredText,
  search_key: column.text,
  vote_mode: z.enum(VOTE_MODES),
  votes_for: nullableCount,
  votes_against: nullableCount,
  votes_abstain: nullableCount,
  created_at: column.timestamp,
  // Since schema 12; archives written before it have none.
  ...versionColumns, ...updatedAtColumn,
});

export const actionItemRowSchema = rowSchema({
  id: column.id,
  meeting_id: column.ref,
  agenda_item_id: column.nullableRef,
  text: column.requiredText,
  owner_person_id: column.nullableRef,
  owner_organisation_id: column.nullableRef,
  due_date: column.nullableDate,
  status: z.enum(ACTION_STATUSES),
  created_at: column.timestamp,
  // Since schema 12; archives written before it have none.
  ...versionColumns, ...updatedAtColumn,
});

export const actionFollowUpRowSchema = rowSchema({
  id: column.id,
  meeting_id: column.ref,
  action_id: column.ref,
  outcome: z.enum(FOLLOW_UP_OUTCOMES),
  new_due_date: column.nullableDate,
  note: column.nullableText,
});

export const minutesErratumRowSchema = rowSchema({
  id: column.id,
  meeting_id: column.ref,
  date: column.date,
  text: column.requiredText,
  created_at: column.timestamp,
});
