import { z } from 'zod';
import { column, rowSchema } from '../archive/schemas';
import { MAIL_STATUSES } from './schemas';

/** The record of the messages sent, as the archive carries it (no foreign keys: it outlives what it names). */
export const mailMessageRowSchema = rowSchema({
  id: column.id,
  kind: column.requiredText,
  document_key: column.requiredText,
  meeting_id: column.nullableRef,
  organisation_id: column.nullableRef,
  person_id: column.nullableRef,
  recipient_name: column.text,
  recipient_email: column.requiredText,
  subject: column.text,
  attachments: column.text,
  status: z.enum(MAIL_STATUSES),
  server_answer: column.nullableText,
  created_at: column.timestamp,
  sent_at: column.nullableTimestamp,
});
