import { sql, type Kysely } from 'kysely';
import type { Migration } from './index';

/**
 * Mail sent from the application. Every message is one row per recipient and document: what was
 * sent (the document key says which document: `notice:12`), to whom, when, and what the server
 * answered. A row is written before the message leaves (status `sending`) and updated after, so a
 * batch cut short resumes with the people not yet served. And the per-person « refuse le
 * courrier » flag: such a person only gets legal notices. The SMTP settings and the edited
 * wordings live in `settings` (keys `mail` and `mail.wordings`); the password is never stored in
 * clear (Electron's safeStorage, or an environment variable / owner-only file on a server).
 */
export const migration0013: Migration = {
  version: 13,
  name: 'mail',
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('people').addColumn('refuses_mail', 'integer', (c) => c.notNull().defaultTo(0).check(sql`refuses_mail in (0, 1)`)).execute();

    await db.schema
      .createTable('mail_messages')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('kind', 'text', (c) => c.notNull())
      // Which document: the same key and address never get a second message unless asked.
      .addColumn('document_key', 'text', (c) => c.notNull())
      // No foreign key to the meeting: the record outlives a deleted draft. People and organisations
      // are never deleted (an erased person is anonymised, and so is her line here).
      .addColumn('meeting_id', 'integer')
      .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id'))
      .addColumn('person_id', 'integer', (c) => c.references('people.id'))
      .addColumn('recipient_name', 'text', (c) => c.notNull())
      .addColumn('recipient_email', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      // JSON array of the attachments' file names.
      .addColumn('attachments', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('sending', 'sent', 'written', 'refused', 'failed', 'bounced')`))
      .addColumn('server_answer', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text')
      .execute();
    await db.schema.createIndex('mail_messages_document').on('mail_messages').columns(['document_key', 'recipient_email']).execute();
    await db.schema.createIndex('mail_messages_person').on('mail_messages').column('person_id').execute();
    await db.schema.createIndex('mail_messages_organisation').on('mail_messages').column('organisation_id').execute();
    await db.schema.createIndex('mail_messages_meeting').on('mail_messages').column('meeting_id').execute();
  },
};
