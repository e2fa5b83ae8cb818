import { useMemo } from 'react';
import { Badge } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { useQuery } from '../../api/useQuery';
import { currentYear } from '../../i18n/format';

interface MembershipFigures {
  feeDueCents: number;
  amountPaidCents: number;
  exitDate: string | null;
}

export function isPaid(m: MembershipFigures): boolean {
  return m.amountPaidCents >= m.feeDueCents;
}

/** "À jour", "Impayée", "Reste 20 €", "Sortie le …" or "Non adhérente" for one year. */
export function MembershipStatusBadge({ membership }: { membership: MembershipFigures | null }) {
  const { t, money, date } = useI18n();
  if (!membership) return <Badge>{t('membershipStatus.none')}</Badge>;
  if (membership.exitDate) return <Badge tone="info">{t('membershipStatus.exited', { date: date(membership.exitDate) })}</Badge>;
  if (isPaid(membership)) return <Badge tone="ok">{t('membershipStatus.paid')}</Badge>;
  if (membership.amountPaidCents === 0) return <Badge tone="danger">{t('membershipStatus.unpaid')}</Badge>;
  return <Badge tone="warn">{t('membershipStatus.partial', { amount: money(membership.feeDueCents - membership.amountPaidCents) })}</Badge>;
}

/** Years to offer in pickers: next year, this year, and every year that holds memberships, newest first. */
export function useMembershipYears(): number[] {
  const current = currentYear();
  const { data } = useQuery('memberships.year', { year: current });
  return useMemo(() => {
    const years = new Set<number>([current + 1, current, ...(data?.years ?? [])]);
    return [...years].sort((a, b) => b - a);
  }, [current, data]);
}

/** The exit date, and its reason kept to two lines in a table (the whole text on hover). */
export function ExitCell({ exitDate, exitReason }: { exitDate: string | null; exitReason: string | null }) {
  const { date } = useI18n();
  if (!exitDate) return null;
  return (
    <>
      <span className="nowrap">{date(exitDate)}</span>
      {exitReason ? (
        <span className="clamp-2 muted" title={exitReason}>
          {exitReason}
        </span>
      ) : null}
    </>
  );
}

/** The amount paid, with how the fee stands right under it. */
export function PaidCell({ membership }: { membership: MembershipFigures }) {
  const { money } = useI18n();
  return (
    <>
      <span className="cell-amount">{money(membership.amountPaidCents)}</span>
      <MembershipStatusBadge membership={{ ...membership, exitDate: null }} />
    </>
  );
}
