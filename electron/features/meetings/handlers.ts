import type { Handlers } from '../../../shared/api/contract';
import type { ServiceContext } from '../../app/context';
import { attendanceSheetData, minutesData, noticeData } from './documents';
import { getMeetingDetail, listKindSettings } from './queries';
import { decisionRegister, listMeetings, openActions } from './register';
import {
  addAction,
  addAgendaItem,
  addApprovalItem,
  addAttendee,
  addDecision,
  addErratum,
  approveMinutes,
  clearFollowUp,
  createMeeting,
  deleteMeeting,
  finalizeMinutes,
  inviteVotingRepresentatives,
  recordFollowUp,
  removeAction,
  removeAgendaItem,
  removeAttendee,
  removeDecision,
  reopenMinutes,
  reorderAgenda,
  saveDiscussion,
  saveKindSettings,
  updateAction,
  updateAgendaItem,
  updateAttendance,
  updateDecision,
  updateMeeting,
} from './service';

type MeetingsHandlers = Pick<Handlers, `meetings.${string}` & keyof Handlers>;

export function meetingsHandlers(ctx: ServiceContext): MeetingsHandlers {
  return {
    'meetings.kinds': async () => ({ items: await listKindSettings(ctx.db) }),
    'meetings.saveKindSettings': (values) => saveKindSettings(ctx, values),
    'meetings.list': (query) => listMeetings(ctx, query),
    'meetings.get': ({ id }) => getMeetingDetail(ctx.db, id),
    'meetings.create': (values) => createMeeting(ctx, values),
    'meetings.update': ({ id, version, ...values }) => updateMeeting(ctx, id, values, version),
    'meetings.delete': ({ id, version }) => deleteMeeting(ctx, id, version),
    'meetings.inviteVotingRepresentatives': ({ meetingId }) => inviteVotingRepresentatives(ctx, meetingId),
    'meetings.addAttendee': (values) => addAttendee(ctx, values),
    'meetings.updateAttendance': (values) => updateAttendance(ctx, values),
    'meetings.removeAttendee': ({ id, version }) => removeAttendee(ctx, id, version),
    'meetings.addAgendaItem': (values) => addAgendaItem(ctx, values),
    'meetings.addApprovalItem': ({ meetingId, approvesMeetingId }) => addApprovalItem(ctx, meetingId, approvesMeetingId),
    'meetings.updateAgendaItem': (values) => updateAgendaItem(ctx, values),
    'meetings.saveDiscussion': ({ id, discussion, version }) => saveDiscussion(ctx, id, discussion, version),
    'meetings.removeAgendaItem': ({ id, version }) => removeAgendaItem(ctx, id, version),
    'meetings.reorderAgenda': ({ meetingId, itemIds }) => reorderAgenda(ctx, meetingId, itemIds),
    'meetings.addDecision': (values) => addDecision(ctx, values),
    'meetings.updateDecision': (values) => updateDecision(ctx, values),
    'meetings.removeDecision': ({ id, version }) => removeDecision(ctx, id, version),
    'meetings.addAction': (values) => addAction(ctx, values),
    'meetings.updateAction': (values) => updateAction(ctx, values),
    'meetings.removeAction': ({ id, version }) => removeAction(ctx, id, version),
    'meetings.recordFollowUp': (values) => recordFollowUp(ctx, values),
    'meetings.clearFollowUp': ({ meetingId, actionId }) => clearFollowUp(ctx, meetingId, actionId),
    'meetings.finalize': ({ id }) => finalizeMinutes(ctx, id),
    'meetings.reopen': ({ id }) => reopenMinutes(ctx, id),
    'meetings.approveMinutes': (values) => approveMinutes(ctx, values),
    'meetings.addErratum': (values) => addErratum(ctx, values),
    'meetings.decisions': (query) => decisionRegister(ctx, query),
    'meetings.openActions': (query) => openActions(ctx, query),
    'meetings.minutesData': ({ id }) => minutesData(ctx, id),
    'meetings.attendanceSheetData': ({ id }) => attendanceSheetData(ctx, id),
    'meetings.noticeData': ({ id }) => noticeData(ctx, id),
  };
}
