import type { ApiError } from '../../../shared/api/errors';
import { feeCallDocument, feeCallFileName, feeCallsDocument } from '../../../shared/documents/memberships/fee-call';
import { receiptDocument, receiptFileName, receiptsDocument } from '../../../shared/documents/memberships/receipt';
import type { Membership } from '../../../shared/features/memberships/schemas';
import { api, toApiError } from '../../api/client';
import type { DocumentFormat } from '../../../shared/features/documents/contract';
import { saveDocument } from '../../api/save';
import { PdfButton } from '../../components/PdfButton';
import { useI18n } from '../../i18n/I18nProvider';

interface Feedback {
  onNotice: (message: string) => void;
  onError: (error: ApiError) => void;
}

/**
 * The fee calls and receipts of a year, from the Adhésions page: one organisation at a time, or all
 * of them in one document (a page each); the CLI writes one file per organisation into a folder.
 */
export function useMembershipDocuments(year: number, { onNotice, onError }: Feedback) {
  const { t } = useI18n();
  const run = async (work: () => Promise<boolean | string>) => {
    try {
      const result = await work();
      if (typeof result === 'string') onNotice(result);
      else if (result) onNotice(t('membershipDocs.ui.saved'));
    } catch (e) {
      onError(toApiError(e));
    }
  };
  return {
    allCalls: (format: DocumentFormat = 'docx') =>
      run(async () => {
        const calls = await api.call('memberships.documents.calls', { year });
        if (!calls.items.length) return t('membershipDocs.ui.noCall', { year });
        return saveDocument(`appels-cotisation-${year}.docx`, feeCallsDocument(calls), format);
      }),
    allReceipts: (format: DocumentFormat = 'docx') =>
      run(async () => {
        const receipts = await api.call('memberships.documents.receipts', { year });
        if (!receipts.items.length) return t('membershipDocs.ui.noReceipt', { year });
        return saveDocument(`recus-cotisation-${year}.docx`, receiptsDocument(year, receipts.items), format);
      }),
    call: (m: Membership, format: DocumentFormat = 'docx') =>
      run(async () => {
        const calls = await api.call('memberships.documents.calls', { year: m.year });
        const item = calls.items.find((i) => i.membershipId === m.id);
        if (!item) return t('membershipDocs.ui.noCall', { year: m.year });
        return saveDocument(feeCallFileName(calls, item), feeCallDocument(calls, item), format);
      }),
    receipt: (m: Membership, format: DocumentFormat = 'docx') =>
      run(async () => {
        const receipt = await api.call('memberships.documents.receipt', { id: m.id });
        return saveDocument(receiptFileName(receipt), receiptDocument(receipt), format);
      }),
  };
}

/** The document button of one row: the call while something is owed, the receipt once paid. */
export function MembershipDocumentButton({ membership, documents }: { membership: Membership; documents: ReturnType<typeof useMembershipDocuments> }) {
  const { t } = useI18n();
  const paid = membership.amountPaidCents >= membership.feeDueCents && membership.amountPaidCents > 0;
  return paid ? (
    <>
      <button type="button" className="btn btn-secondary btn-small" aria-label={t('membershipDocs.ui.receiptOf', { name: membership.organisationName })} onClick={() => void documents.receipt(membership)}>
        {t('membershipDocs.ui.receipt')}
      </button>
      <PdfButton small document={t('membershipDocs.ui.receiptOf', { name: membership.organisationName })} onClick={() => void documents.receipt(membership, 'pdf')} />
    </>
  ) : (
    <>
      <button type="button" className="btn btn-secondary btn-small" aria-label={t('membershipDocs.ui.callOf', { name: membership.organisationName })} onClick={() => void documents.call(membership)}>
        {t('membershipDocs.ui.call')}
      </button>
      <PdfButton small document={t('membershipDocs.ui.callOf', { name: membership.organisationName })} onClick={() => void documents.call(membership, 'pdf')} />
    </>
  );
}
