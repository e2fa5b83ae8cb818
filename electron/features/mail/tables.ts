import type { Generated } from 'kysely';

/** Tables of the mail feature, merged into the DB interface (electron/store/schema.ts). */
export interface MailMessagesTable {
  id: Generated<number>;
  kind: string;
  document_key: string;
  meeting_id: number | null;
  organisation_id: number | null;
  person_id: number | null;
  recipient_name: string;
  recipient_email: string;
  subject: string;
  /** JSON array of file names. */
  attachments: string;
  /** sending, sent, written (.eml), refused, failed, bounced. */
  status: string;
  server_answer: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface MailTables {
  mail_messages: MailMessagesTable;
}
