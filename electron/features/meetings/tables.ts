import type { Generated } from 'kysely';

/** Tables of the meetings feature, merged into the DB interface (electron/store/schema.ts). */

/** Settings of one kind of meeting, only when they differ from the defaults (shared/features/meetings/kinds.ts). */
export interface MeetingKindsTable {
  kind: string;
  quorum_base: string;
  /** Share needed, in percent (50 = half). */
  quorum_percent: number;
  proxies_per_holder: number;
  updated_at: string;
  /** Since 0012: raised by each save; a save or delete naming an older one is refused. */
  version: Generated<number>;
  updated_by: string | null;
}

export interface MeetingsTable {
  id: Generated<number>;
  kind: string;
  title: string;
  date: string;
  /** 'HH:MM'. */
  start_time: string | null;
  end_time: string | null;
  host_organisation_id: number | null;
  address: string | null;
  convened_on: string | null;
  convened_by_person_id: number | null;
  convened_how: string | null;
  chair_person_id: number | null;
  secretary_person_id: number | null;
  /** draft → finalized → approved (locked). */
  status: string;
  finalized_at: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
  /** Since 0012: raised by each save; a save or delete naming an older one is refused. */
  version: Generated<number>;
  updated_by: string | null;
}

export interface MinutesApprovalsTable {
  meeting_id: number;
  approved_by_meeting_id: number;
  approved_on: string;
  recorded_at: string;
  /** consensus or vote; null on approvals recorded before the vote was kept (migration 0015). */
  vote_mode: string | null;
  votes_for: number | null;
  votes_against: number | null;
  votes_abstain: number | null;
}

export interface AttendancesTable {
  id: Generated<number>;
  meeting_id: number;
  person_id: number;
  /** The organisation the person attends for. */
  organisation_id: number | null;
  capacity: string | null;
  invited: number;
  voting: number;
  /** pending, present, excused, absent, represented. */
  status: string;
  proxy_holder_person_id: number | null;
  /** Since 0012: raised by each save; a save or delete naming an older one is refused. */
  version: Generated<number>;
  updated_by: string | null;
  /** Since 0012; empty until the first save. */
  updated_at: string | null;
}

export interface AgendaItemsTable {
  id: Generated<number>;
  meeting_id: number;
  position: number;
  title: string;
  presenter_person_id: number | null;
  planned_minutes: number | null;
  /** Minutes of the discussion, in the small markup of shared/features/meetings/markup.ts. */
  discussion: string | null;
  /** Set on the item that approves an earlier meeting's minutes. */
  approves_meeting_id: number | null;
  /** Since 0012: raised by each save; a save or delete naming an older one is refused. */
  version: Generated<number>;
  updated_by: string | null;
  /** Since 0012; empty until the first save. */
  updated_at: string | null;
}

export interface DecisionCountersTable {
  year: number;
  last_number: number;
}

export interface DecisionsTable {
  id: Generated<number>;
  meeting_id: number;
  agenda_item_id: number;
  year: number;
  number: number;
  text: string;
  search_key: string;
  vote_mode: string;
  votes_for: number | null;
  votes_against: number | null;
  votes_abstain: number | null;
  created_at: string;
  /** Since 0012: raised by each save; a save or delete naming an older one is refused. */
  version: Generated<number>;
  updated_by: string | null;
  /** Since 0012; empty until the first save. */
  updated_at: string | null;
}

export interface ActionItemsTable {
  id: Generated<number>;
  meeting_id: number;
  agenda_item_id: number | null;
  text: string;
  owner_person_id: number | null;
  owner_organisation_id: number | null;
  due_date: string | null;
  /** As recorded in this meeting's minutes; later meetings record their follow-up apart. */
  status: string;
  created_at: string;
  /** Since 0012: raised by each save; a save or delete naming an older one is refused. */
  version: Generated<number>;
  updated_by: string | null;
  /** Since 0012; empty until the first save. */
  updated_at: string | null;
}

export interface ActionFollowUpsTable {
  id: Generated<number>;
  meeting_id: number;
  action_id: number;
  outcome: string;
  new_due_date: string | null;
  note: string | null;
}

export interface MinutesErrataTable {
  id: Generated<number>;
  meeting_id: number;
  date: string;
  text: string;
  created_at: string;
}

export interface MeetingsTables {
  meeting_kinds: MeetingKindsTable;
  meetings: MeetingsTable;
  minutes_approvals: MinutesApprovalsTable;
  attendances: AttendancesTable;
  agenda_items: AgendaItemsTable;
  decision_counters: DecisionCountersTable;
  decisions: DecisionsTable;
  action_items: ActionItemsTable;
  action_follow_ups: ActionFollowUpsTable;
  minutes_errata: MinutesErrataTable;
}
