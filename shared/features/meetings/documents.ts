import { CIVILITIES, OFFICES } from '../people/schemas';
import { z } from 'zod';
import {
  agendaItemSchema,
  attendanceSchema,
  erratumSchema,
  followUpItemSchema,
  kindSettingsRecordSchema,
  meetingRefSchema,
  meetingSchema,
  quorumSchema,
} from './schemas';

/** The association's identity as the documents print it (shared/documents/kit.ts `Letterhead`). */
export const letterheadSchema = z.object({
  name: z.string(),
  address: z.string().nullable(),
  postcode: z.string().nullable(),
  city: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  siret: z.string().nullable(),
  rna: z.string().nullable(),
  website: z.string().nullable().optional(),
  logoDataUrl: z.string().nullable(),
});
export type LetterheadData = z.infer<typeof letterheadSchema>;

/** Everything the minutes print, from one service query. */
export const minutesDataSchema = z.object({
  letterhead: letterheadSchema,
  meeting: meetingSchema,
  kindSettings: kindSettingsRecordSchema,
  attendances: z.array(attendanceSchema),
  quorum: quorumSchema,
  voters: z.number().int(),
  agenda: z.array(agendaItemSchema),
  followUps: z.array(followUpItemSchema),
  approvals: z.array(meetingRefSchema),
  errata: z.array(erratumSchema),
  next: meetingRefSchema.nullable(),
  /** The officers whose mandate starts on the meeting's day: those it elected, named in the minutes. */
  electedOfficers: z.array(z.object({ office: z.enum(OFFICES), name: z.string(), civility: z.enum(CIVILITIES).nullable().default(null) })).default([]),
});
export type MinutesData = z.infer<typeof minutesDataSchema>;

export const attendanceSheetDataSchema = z.object({
  letterhead: letterheadSchema,
  meeting: meetingSchema,
  kindSettings: kindSettingsRecordSchema,
  /** Invitees first, then the people added on the day, by name. */
  attendances: z.array(attendanceSchema),
});
export type AttendanceSheetData = z.infer<typeof attendanceSheetDataSchema>;

export const noticeDataSchema = z.object({
  letterhead: letterheadSchema,
  meeting: meetingSchema,
  kindSettings: kindSettingsRecordSchema,
  agenda: z.array(agendaItemSchema.pick({ id: true, position: true, title: true, presenterName: true, plannedMinutes: true })),
  invitees: z.number().int(),
});
export type NoticeData = z.infer<typeof noticeDataSchema>;
