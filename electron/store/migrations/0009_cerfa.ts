import type { Kysely } from 'kysely';
import type { Migration } from './index';

/**
 * The Cerfa 15059 financial report of a grant: each budget line carries its account of the
 * associations' chart of accounts (null = « à classer »: existing lines are mapped once by the
 * user, the report refuses to be written before), and the explanation typed for each gap over
 * 20 % is kept per grant and account.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'cerfa',
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('budget_lines').addColumn('account', 'text').execute();

    await db.schema
      .createTable('grant_gap_explanations')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('grant_id', 'integer', (c) => c.notNull().references('grants.id').onDelete('cascade'))
      .addColumn('account', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('grant_gap_explanations_unique', ['grant_id', 'account'])
      .execute();
  },
};
