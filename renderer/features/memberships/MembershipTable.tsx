import type { ReactNode } from 'react';
import { Link } from '../../app/routing';
import type { Membership } from '../../../shared/features/memberships/schemas';
import { useI18n } from '../../i18n/I18nProvider';
import { ExitCell, PaidCell } from './status';

interface MembershipTableProps {
  memberships: Membership[];
  /** The first column: the organisation (a year's view) or the year (an organisation's history). */
  by: 'organisation' | 'year';
  caption?: string;
  onEdit: (membership: Membership) => void;
  /** A totals row, given the number of columns after the first three. */
  footer?: (restColumns: number) => ReactNode;
  /** More buttons in a row's actions cell (the fee call or receipt on the year's page). */
  rowActions?: (membership: Membership) => ReactNode;
}

/** The memberships table, the same in the year view and on an organisation's page. */
export function MembershipTable({ memberships, by, caption, onEdit, footer, rowActions }: MembershipTableProps) {
  const { t, money, date } = useI18n();
  const anyExit = memberships.some((m) => m.exitDate);
  return (
    <div className="table-wrap">
      <table className="table table-compact">
        {caption ? <caption className="visually-hidden">{caption}</caption> : null}
        <thead>
          <tr>
            <th scope="col">{by === 'organisation' ? t('membership.organisation') : t('membership.year')}</th>
            <th scope="col" className="num">
              {t('membership.feeDue')}
            </th>
            <th scope="col" className="num">
              {t('membership.amountPaid')}
            </th>
            <th scope="col">{t('membership.paidOn')}</th>
            <th scope="col">{t('membership.paymentMethod')}</th>
            <th scope="col">{t('membership.votingPerson')}</th>
            {anyExit ? <th scope="col">{t('membership.exit')}</th> : null}
            <th scope="col">
              <span className="visually-hidden">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {memberships.map((m) => (
            <tr key={m.id}>
              {by === 'organisation' ? (
                <th scope="row" className="col-organisation">
                  <Link to={`/structures/${m.organisationId}`}>{m.organisationName}</Link>
                </th>
              ) : (
                <th scope="row">{m.year}</th>
              )}
              <td className="num">{money(m.feeDueCents)}</td>
              <td className="num">
                <PaidCell membership={m} />
              </td>
              <td className="nowrap">{date(m.paidOn)}</td>
              <td>{m.paymentMethod ? t(`payment.${m.paymentMethod}`) : ''}</td>
              <td>{m.votingPersonId ? <Link to={`/personnes/${m.votingPersonId}`}>{m.votingPersonName}</Link> : <span className="muted">—</span>}</td>
              {anyExit ? (
                <td>
                  <ExitCell exitDate={m.exitDate} exitReason={m.exitReason} />
                </td>
              ) : null}
              <td className="actions-cell">
                <button
                  type="button"
                  className="btn btn-secondary btn-small"
                  onClick={() => onEdit(m)}
                  aria-label={by === 'organisation' ? t('membership.editOf', { name: m.organisationName }) : t('membership.editYear', { year: m.year })}
                >
                  {t('action.edit')}
                </button>
                {rowActions?.(m)}
              </td>
            </tr>
          ))}
        </tbody>
        {footer ? <tfoot>{footer(anyExit ? 5 : 4)}</tfoot> : null}
      </table>
    </div>
  );
}
