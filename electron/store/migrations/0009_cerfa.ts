import { sql, type Kysely } from 'kysely';
import type { Migration } from './index';

/**
 * The Cerfa 15059 financial report of a grant: each budget line carries its account of the
 * associations' chart of accounts (null = « à classer »: existing lines are mapped once by the
 * user, the report refuses to be written before), and the explanation typed for each gap over
 * 20 % is kept per grant and account. And the membership fee receipts: numbered without gaps per
 * year (the number is given in the transaction that writes the row), what they certify frozen.
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

    await db.schema
      .createTable('membership_receipts')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('membership_id', 'integer', (c) => c.notNull().unique().references('memberships.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('number', 'integer', (c) => c.notNull().check(sql`number > 0`))
      .addColumn('issued_on', 'text', (c) => c.notNull())
      .addColumn('amount_cents', 'integer', (c) => c.notNull().check(sql`amount_cents > 0`))
      .addColumn('paid_on', 'text', (c) => c.notNull())
      .addColumn('payment_method', 'text')
      .addUniqueConstraint('membership_receipts_number', ['year', 'number'])
      .execute();
  },
};
