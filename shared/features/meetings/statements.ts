import type { MeetingKind } from './kinds';
import type { Quorum } from './quorum';
import type { Decision } from './schemas';

type Translate = (key: string, params?: Record<string, string | number>) => string;

/** The quorum sentence, the same on the meeting page and in the minutes. */
export function quorumStatement(quorum: Quorum, kind: MeetingKind, t: Translate): string {
  if (quorum.base === 'none') return t('meetings.quorum.none', { kind: t(`meetings.kindArticle.${kind}`) });
  const params = { counted: quorum.counted, total: quorum.total, needed: quorum.needed, percent: quorum.percent };
  if (quorum.total === 0) return t(`meetings.quorum.${quorum.base}.empty`);
  return t(`meetings.quorum.${quorum.base}.${quorum.reached ? 'reached' : 'notReached'}`, params);
}

/** "Adoptée à l'unanimité des 12 voix exprimées." / "Pour : 10, contre : 1, abstentions : 1. Adoptée." */
export function voteStatement(d: Pick<Decision, 'voteMode' | 'votesFor' | 'votesAgainst' | 'votesAbstain' | 'adopted'>, t: Translate): string {
  if (d.voteMode === 'consensus') return t('meetings.vote.consensus');
  const votesFor = d.votesFor ?? 0;
  const against = d.votesAgainst ?? 0;
  const abstain = d.votesAbstain ?? 0;
  if (against === 0 && abstain === 0 && votesFor > 0) return t('meetings.vote.unanimous', { for: votesFor });
  return t(d.adopted ? 'meetings.vote.adopted' : 'meetings.vote.rejected', { for: votesFor, against, abstain });
}
