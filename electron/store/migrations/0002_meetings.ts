import { sql, type Kysely } from 'kysely';
import type { Migration } from './index';

/**
 * Meetings and their minutes: per-kind settings (quorum, proxies), meetings, attendance, agenda,
 * decisions numbered per year, action items and their follow-up at later meetings, approvals and errata.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'meetings',
  async up(db: Kysely<unknown>) {
    // Only the kinds whose settings differ from the defaults have a row (an empty database stays empty).
    await db.schema
      .createTable('meeting_kinds')
      .addColumn('kind', 'text', (c) => c.primaryKey())
      .addColumn('quorum_base', 'text', (c) => c.notNull().check(sql`quorum_base in ('none', 'member_organisations', 'voting_invitees')`))
      .addColumn('quorum_percent', 'integer', (c) => c.notNull())
      .addColumn('proxies_per_holder', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('meetings')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('start_time', 'text')
      .addColumn('end_time', 'text')
      .addColumn('host_organisation_id', 'integer', (c) => c.references('organisations.id'))
      .addColumn('address', 'text')
      .addColumn('convened_on', 'text')
      .addColumn('convened_by_person_id', 'integer', (c) => c.references('people.id'))
      .addColumn('convened_how', 'text')
      .addColumn('chair_person_id', 'integer', (c) => c.references('people.id'))
      .addColumn('secretary_person_id', 'integer', (c) => c.references('people.id'))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'finalized', 'approved')`))
      .addColumn('finalized_at', 'text')
      .addColumn('note', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('meetings_kind_date').on('meetings').columns(['kind', 'date']).execute();
    await db.schema.createIndex('meetings_date').on('meetings').column('date').execute();

    // Kept apart from `meetings` so that no meeting row points at another (archive rows load in any order).
    await db.schema
      .createTable('minutes_approvals')
      .addColumn('meeting_id', 'integer', (c) => c.primaryKey().references('meetings.id'))
      .addColumn('approved_by_meeting_id', 'integer', (c) => c.notNull().references('meetings.id'))
      .addColumn('approved_on', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('minutes_approvals_by').on('minutes_approvals').column('approved_by_meeting_id').execute();

    await db.schema
      .createTable('attendances')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id'))
      .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
      .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id'))
      .addColumn('capacity', 'text')
      .addColumn('invited', 'integer', (c) => c.notNull())
      .addColumn('voting', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'present', 'excused', 'absent', 'represented')`))
      .addColumn('proxy_holder_person_id', 'integer', (c) => c.references('people.id'))
      .addUniqueConstraint('attendances_meeting_person', ['meeting_id', 'person_id'])
      .execute();
    await db.schema.createIndex('attendances_person').on('attendances').column('person_id').execute();

    await db.schema
      .createTable('agenda_items')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('presenter_person_id', 'integer', (c) => c.references('people.id'))
      .addColumn('planned_minutes', 'integer')
      .addColumn('discussion', 'text')
      .addColumn('approves_meeting_id', 'integer', (c) => c.references('meetings.id'))
      .execute();
    await db.schema.createIndex('agenda_items_meeting').on('agenda_items').columns(['meeting_id', 'position']).execute();

    // The last number given each year: a deleted decision's number is never given again.
    await db.schema
      .createTable('decision_counters')
      .addColumn('year', 'integer', (c) => c.primaryKey())
      .addColumn('last_number', 'integer', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('decisions')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id'))
      .addColumn('agenda_item_id', 'integer', (c) => c.notNull().references('agenda_items.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('search_key', 'text', (c) => c.notNull())
      .addColumn('vote_mode', 'text', (c) => c.notNull().check(sql`vote_mode in ('vote', 'consensus')`))
      .addColumn('votes_for', 'integer')
      .addColumn('votes_against', 'integer')
      .addColumn('votes_abstain', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('decisions_year_number', ['year', 'number'])
      .execute();
    await db.schema.createIndex('decisions_meeting').on('decisions').column('meeting_id').execute();
    await db.schema.createIndex('decisions_item').on('decisions').column('agenda_item_id').execute();

    await db.schema
      .createTable('action_items')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id'))
      .addColumn('agenda_item_id', 'integer', (c) => c.references('agenda_items.id'))
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('owner_person_id', 'integer', (c) => c.references('people.id'))
      .addColumn('owner_organisation_id', 'integer', (c) => c.references('organisations.id'))
      .addColumn('due_date', 'text')
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'done', 'dropped')`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('action_items_meeting').on('action_items').column('meeting_id').execute();

    // What a later meeting said about an earlier meeting's action: the action's own row never changes.
    await db.schema
      .createTable('action_follow_ups')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id'))
      .addColumn('action_id', 'integer', (c) => c.notNull().references('action_items.id'))
      .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('done', 'carried_over', 'dropped')`))
      .addColumn('new_due_date', 'text')
      .addColumn('note', 'text')
      .addUniqueConstraint('action_follow_ups_meeting_action', ['meeting_id', 'action_id'])
      .execute();
    await db.schema.createIndex('action_follow_ups_action').on('action_follow_ups').column('action_id').execute();

    await db.schema
      .createTable('minutes_errata')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('minutes_errata_meeting').on('minutes_errata').column('meeting_id').execute();
  },
};
