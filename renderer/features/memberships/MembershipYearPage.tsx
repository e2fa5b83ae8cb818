import { useState } from 'react';
import { useSearchParams } from '../../app/routing';
import type { ApiError } from '../../../shared/api/errors';
import type { Membership } from '../../../shared/features/memberships/schemas';
import { api, toApiError } from '../../api/client';
import { useQuery } from '../../api/useQuery';
import { ConfirmDialog } from '../../components/Dialog';
import { ErrorBanner, SuccessBanner } from '../../components/ErrorBanner';
import { EmptyState, Loading, PageHeader } from '../../components/Page';
import { useI18n } from '../../i18n/I18nProvider';
import { ExportButton } from '../data/ExportButton';
import { MembershipDialog } from './MembershipDialog';
import { MembershipDocumentButton, useMembershipDocuments } from './MembershipDocuments';
import { PdfButton } from '../../components/PdfButton';
import { MembershipTable } from './MembershipTable';
import { useMembershipYears } from './status';
import { currentYear as thisYear } from '../../i18n/format';

/** Adhésions: one year at a time, who has paid, the totals, and the yearly renewal. */
export function MembershipYearPage() {
  const { t, money, number } = useI18n();
  const [params, setParams] = useSearchParams();
  const currentYear = thisYear();
  const year = Number(params.get('annee')) || currentYear;
  const years = useMembershipYears();
  const query = useQuery('memberships.year', { year });
  const [dialog, setDialog] = useState<{ membership: Membership | null } | null>(null);
  const [confirmRenew, setConfirmRenew] = useState(false);
  const [renewing, setRenewing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [renewedYear, setRenewedYear] = useState<number | null>(null);
  const [actionError, setActionError] = useState<ApiError | null>(null);

  const documents = useMembershipDocuments(year, {
    onNotice: (message) => {
      setActionError(null);
      setRenewedYear(null);
      setNotice(message);
    },
    onError: setActionError,
  });

  const yearOptions = years.includes(year) ? years : [...years, year].sort((a, b) => b - a);
  const setYear = (y: number) => {
    setNotice(null);
    setRenewedYear(null);
    setParams(y === currentYear ? {} : { annee: String(y) }, { replace: true });
  };

  const renew = async () => {
    setRenewing(true);
    setActionError(null);
    try {
      const result = await api.call('memberships.renew', { fromYear: year });
      setNotice(t('membership.renewDone', { created: number(result.created), skipped: number(result.skipped), year: result.year }));
      setRenewedYear(result.year);
      query.reload();
    } catch (e) {
      setActionError(toApiError(e));
    } finally {
      setRenewing(false);
      setConfirmRenew(false);
    }
  };

  const data = query.data;
  const items = data?.items ?? [];
  // The exit column only earns its width in a year when someone left.

  return (
    <>
      <PageHeader
        title={t('membership.listTitle')}
        actions={
          <>
            <button type="button" className="btn btn-primary" onClick={() => setDialog({ membership: null })}>
              {t('membership.record')}
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setConfirmRenew(true)} disabled={!items.length}>
              {t('membership.renew', { year: year + 1 })}
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => void documents.allCalls()} disabled={!items.length}>
              {t('membershipDocs.ui.calls')}
            </button>
            <PdfButton document={t('membershipDocs.ui.calls')} onClick={() => void documents.allCalls('pdf')} disabled={!items.length} />
            <button type="button" className="btn btn-secondary" onClick={() => void documents.allReceipts()} disabled={!items.length}>
              {t('membershipDocs.ui.receipts')}
            </button>
            <PdfButton document={t('membershipDocs.ui.receipts')} onClick={() => void documents.allReceipts('pdf')} disabled={!items.length} />
            <ExportButton list="memberships" filter={{ year }} />
          </>
        }
      />
      <div className="filters">
        <div className="field">
          <label htmlFor="membership-year">{t('membership.year')}</label>
          <select id="membership-year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {yearOptions.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        {data ? (
          <dl className="summary" aria-live="polite">
            <div>
              <dt>{t('membership.countMembers')}</dt>
              <dd>{number(data.totals.count)}</dd>
            </div>
            <div>
              <dt>{t('membership.countPaid')}</dt>
              <dd className="text-ok">{number(data.totals.paidCount)}</dd>
            </div>
            <div>
              <dt>{t('membership.countUnpaid')}</dt>
              <dd className={data.totals.unpaidCount ? 'text-danger' : undefined}>{number(data.totals.unpaidCount)}</dd>
            </div>
            <div>
              <dt>{t('membership.outstanding')}</dt>
              <dd>{money(data.totals.outstandingCents)}</dd>
            </div>
          </dl>
        ) : null}
      </div>
      <ErrorBanner error={query.error ?? actionError} />
      <SuccessBanner
        message={notice}
        action={
          renewedYear ? (
            <button type="button" className="btn btn-secondary btn-small" onClick={() => setYear(renewedYear)}>
              {t('membership.showYear', { year: renewedYear })}
            </button>
          ) : undefined
        }
      />
      {query.loading && !data ? <Loading /> : null}
      {data && items.length === 0 ? (
        <EmptyState title={t('membership.empty', { year })}>
          <p>{t('membership.emptyHint', { previous: year - 1 })}</p>
        </EmptyState>
      ) : null}
      {items.length > 0 && data ? (
        <MembershipTable
          memberships={items}
          by="organisation"
          caption={t('membership.tableCaption', { year })}
          onEdit={(m) => setDialog({ membership: m })}
          rowActions={(m) => <MembershipDocumentButton membership={m} documents={documents} />}
          footer={(restColumns) => (
            <tr>
              <th scope="row">{t('membership.totals', { count: number(data.totals.count) })}</th>
              <td className="num">{money(data.totals.feeDueCents)}</td>
              <td className="num">{money(data.totals.amountPaidCents)}</td>
              <td colSpan={restColumns}>
                {t('membership.totalsDetail', { paid: number(data.totals.paidCount), unpaid: number(data.totals.unpaidCount) })}
              </td>
            </tr>
          )}
        />
      ) : null}

      {dialog ? (
        <MembershipDialog
          membership={dialog.membership}
          year={year}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            setNotice(t('membership.saved'));
            setRenewedYear(null);
            query.reload();
          }}
        />
      ) : null}
      {confirmRenew ? (
        <ConfirmDialog
          title={t('membership.renewTitle', { year: year + 1 })}
          message={<p>{t('membership.renewMessage', { from: year, year: year + 1 })}</p>}
          confirmLabel={t('membership.renewConfirm')}
          busy={renewing}
          onConfirm={() => void renew()}
          onCancel={() => setConfirmRenew(false)}
        />
      ) : null}
    </>
  );
}
