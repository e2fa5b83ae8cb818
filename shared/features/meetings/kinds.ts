/** Kinds of meeting: each kind is a series (actions carry over and minutes are approved within it). */
export const MEETING_KINDS = ['coordination', 'technical_day', 'steering_committee', 'bureau', 'board', 'general_assembly', 'other'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/**
 * What the quorum counts: nothing (no quorum), the member organisations of the meeting's year
 * present or represented, or the voting invitees present or represented (a board counts its members).
 */
export const QUORUM_BASES = ['none', 'member_organisations', 'voting_invitees'] as const;
export type QuorumBase = (typeof QUORUM_BASES)[number];

export interface KindSettings {
  kind: MeetingKind;
  quorumBase: QuorumBase;
  /** Share needed, in percent: 50 means "at least half". */
  quorumPercent: number;
  /** Proxies one person present may hold. */
  proxiesPerHolder: number;
}

/** Usual statutes: the general assembly and the board deliberate with half present or represented; working meetings have no quorum. */
export const DEFAULT_KIND_SETTINGS: Readonly<Record<MeetingKind, KindSettings>> = {
  coordination: { kind: 'coordination', quorumBase: 'none', quorumPercent: 50, proxiesPerHolder: 1 },
  technical_day: { kind: 'technical_day', quorumBase: 'none', quorumPercent: 50, proxiesPerHolder: 1 },
  steering_committee: { kind: 'steering_committee', quorumBase: 'none', quorumPercent: 50, proxiesPerHolder: 1 },
  bureau: { kind: 'bureau', quorumBase: 'none', quorumPercent: 50, proxiesPerHolder: 1 },
  board: { kind: 'board', quorumBase: 'voting_invitees', quorumPercent: 50, proxiesPerHolder: 1 },
  general_assembly: { kind: 'general_assembly', quorumBase: 'member_organisations', quorumPercent: 50, proxiesPerHolder: 1 },
  other: { kind: 'other', quorumBase: 'none', quorumPercent: 50, proxiesPerHolder: 1 },
};
