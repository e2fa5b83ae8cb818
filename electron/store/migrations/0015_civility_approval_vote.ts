import type { Kysely } from 'kysely';
import type { Migration } from './index';

/**
 * A person's civility (« Madame », « Monsieur », or not said: null), so that documents sign
 * « La présidente » rather than « Le président ou la présidente »; and the vote by which a meeting
 * approved earlier minutes (null on approvals recorded before: printed as a plain approval).
 */
export const migration0015: Migration = {
  version: 15,
  name: 'civility_approval_vote',
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('people').addColumn('civility', 'text').execute();
    await db.schema.alterTable('minutes_approvals').addColumn('vote_mode', 'text').execute();
    await db.schema.alterTable('minutes_approvals').addColumn('votes_for', 'integer').execute();
    await db.schema.alterTable('minutes_approvals').addColumn('votes_against', 'integer').execute();
    await db.schema.alterTable('minutes_approvals').addColumn('votes_abstain', 'integer').execute();
  },
};
