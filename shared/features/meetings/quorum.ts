import type { KindSettings, QuorumBase } from './kinds';

export const COUNTED_STATUSES = ['present', 'represented'] as const;

export interface QuorumAttendance {
  organisationId: number | null;
  status: string;
  invited: boolean;
  voting: boolean;
}

export interface Quorum {
  base: QuorumBase;
  percent: number;
  /** Member organisations of the year, or voting invitees. */
  total: number;
  /** Of those, present or represented. */
  counted: number;
  /** How many are needed: the share rounded up. */
  needed: number;
  /** Null when the kind of meeting has no quorum. */
  reached: boolean | null;
}

const counts = (status: string) => (COUNTED_STATUSES as readonly string[]).includes(status);

/** The quorum as recorded so far; the same function serves the meeting page, the minutes and the tests. */
export function computeQuorum(
  settings: Pick<KindSettings, 'quorumBase' | 'quorumPercent'>,
  memberOrganisationIds: readonly number[],
  attendances: readonly QuorumAttendance[],
): Quorum {
  const base = settings.quorumBase;
  const percent = settings.quorumPercent;
  if (base === 'none') return { base, percent, total: 0, counted: 0, needed: 0, reached: null };
  let total: number;
  let counted: number;
  if (base === 'member_organisations') {
    const members = new Set(memberOrganisationIds);
    total = members.size;
    counted = new Set(attendances.filter((a) => counts(a.status) && a.organisationId !== null && members.has(a.organisationId)).map((a) => a.organisationId)).size;
  } else {
    const voters = attendances.filter((a) => a.invited && a.voting);
    total = voters.length;
    counted = voters.filter((a) => counts(a.status)).length;
  }
  const needed = total === 0 ? 0 : Math.max(1, Math.ceil((percent * total) / 100));
  return { base, percent, total, counted, needed, reached: total > 0 && counted >= needed };
}

/** People who may vote: voting attendees present or represented. */
export function countVoters(attendances: readonly { status: string; voting: boolean }[]): number {
  return attendances.filter((a) => a.voting && counts(a.status)).length;
}
