import { z } from 'zod';
import { method } from '../../api/method';
import { byIdAt, id } from '../../validation/fields';
import { attendanceSheetDataSchema, minutesDataSchema, noticeDataSchema } from './documents';
import {
  actionInputSchema,
  actionSchema,
  actionUpdateSchema,
  agendaItemInputSchema,
  agendaItemSchema,
  agendaItemUpdateSchema,
  approveInputSchema,
  attendanceSchema,
  attendanceUpdateSchema,
  attendeeInputSchema,
  decisionInputSchema,
  decisionRegisterQuerySchema,
  decisionRegisterSchema,
  decisionSchema,
  decisionUpdateSchema,
  discussionInputSchema,
  erratumInputSchema,
  erratumSchema,
  followUpClearSchema,
  followUpInputSchema,
  kindSettingsRecordSchema,
  kindSettingsSchema,
  meetingDetailSchema,
  meetingInputSchema,
  meetingListQuerySchema,
  meetingListSchema,
  meetingSchema,
  meetingUpdateSchema,
  openActionsQuerySchema,
  openActionsSchema,
  reorderInputSchema,
} from './schemas';

const byId = z.object({ id });
const removed = z.object({ removed: z.boolean() });

/** The meetings methods of the API (see shared/api/contract.ts). */
export const meetingsContract = {
  'meetings.kinds': method(z.object({}), z.object({ items: z.array(kindSettingsRecordSchema) })),
  'meetings.saveKindSettings': method(kindSettingsSchema, kindSettingsRecordSchema),

  'meetings.list': method(meetingListQuerySchema, meetingListSchema),
  'meetings.get': method(byId, meetingDetailSchema),
  /** Also puts the approval of the series' previous unapproved minutes on the new agenda. */
  'meetings.create': method(meetingInputSchema, meetingSchema),
  'meetings.update': method(meetingUpdateSchema, meetingSchema),
  /** A draft only, and only when no other meeting refers to it. */
  'meetings.delete': method(byIdAt, removed),

  /** Invites every member organisation's voting representative of the meeting's year. */
  'meetings.inviteVotingRepresentatives': method(z.object({ meetingId: id }), z.object({ added: z.number().int(), skipped: z.number().int() })),
  'meetings.addAttendee': method(attendeeInputSchema, attendanceSchema),
  'meetings.updateAttendance': method(attendanceUpdateSchema, attendanceSchema),
  'meetings.removeAttendee': method(byIdAt, removed),

  'meetings.addAgendaItem': method(agendaItemInputSchema, agendaItemSchema),
  /** Puts the approval of an earlier meeting's minutes of the series on this agenda. */
  'meetings.addApprovalItem': method(z.object({ meetingId: id, approvesMeetingId: id }), agendaItemSchema),
  'meetings.updateAgendaItem': method(agendaItemUpdateSchema, agendaItemSchema),
  'meetings.saveDiscussion': method(discussionInputSchema, agendaItemSchema),
  'meetings.removeAgendaItem': method(byIdAt, removed),
  /** The whole new order, item ids first to last (keyboard moves and drag and drop alike). */
  'meetings.reorderAgenda': method(reorderInputSchema, z.object({ items: z.array(agendaItemSchema) })),

  /** Numbered on creation, per year of the meeting: `2026-07`. A number is never given twice. */
  'meetings.addDecision': method(decisionInputSchema, decisionSchema),
  'meetings.updateDecision': method(decisionUpdateSchema, decisionSchema),
  'meetings.removeDecision': method(byIdAt, removed),

  'meetings.addAction': method(actionInputSchema, actionSchema),
  'meetings.updateAction': method(actionUpdateSchema, actionSchema),
  'meetings.removeAction': method(byIdAt, removed),
  /** What this meeting says about an earlier meeting's open action: done, carried over, dropped. */
  'meetings.recordFollowUp': method(followUpInputSchema, z.object({ recorded: z.boolean() })),
  'meetings.clearFollowUp': method(followUpClearSchema, removed),

  'meetings.finalize': method(byId, meetingSchema),
  /** Back to draft, for a correction before approval. */
  'meetings.reopen': method(byId, meetingSchema),
  /** Records that `approvedByMeetingId` approved the minutes of `meetingId`; they are locked from then on. */
  'meetings.approveMinutes': method(approveInputSchema, meetingSchema),
  /** The only change an approved meeting accepts. */
  'meetings.addErratum': method(erratumInputSchema, erratumSchema),

  'meetings.decisions': method(decisionRegisterQuerySchema, decisionRegisterSchema),
  'meetings.openActions': method(openActionsQuerySchema, openActionsSchema),

  'meetings.minutesData': method(byId, minutesDataSchema),
  'meetings.attendanceSheetData': method(byId, attendanceSheetDataSchema),
  'meetings.noticeData': method(byId, noticeDataSchema),
};
