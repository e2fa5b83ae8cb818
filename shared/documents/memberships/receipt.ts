import { officeTitle } from '../signers';
import { Paragraph, type Document, type Table } from 'docx';
import type { Receipt } from '../../features/memberships/documents';
import { formatDateLong, formatMoney } from '../../format/fr';
import { translate } from '../../i18n/index';
import { buildDocument, labelled, paragraph, signatures, text, title } from '../kit';
import { addressBlock, slug } from './common';

/** The « reçu de cotisation » of a paid fee: its number, amount, date and method of payment. */

const t = (key: string, params?: Record<string, string | number>) => translate('fr', key, params);

function receiptBlocks(r: Receipt, first: boolean): (Paragraph | Table)[] {
  const method = r.paymentMethod ? t(`payment.${r.paymentMethod}`).toLowerCase() : t('membershipDocs.receipt.noMethod');
  return [
    new Paragraph({ ...(first ? {} : { pageBreakBefore: true }), children: [] }),
    ...addressBlock(r.organisation),
    ...title(t('membershipDocs.receipt.title', { reference: r.reference })),
    paragraph(
      t('membershipDocs.receipt.body', {
        association: r.letterhead.name,
        organisation: r.organisation.name,
        amount: formatMoney(r.amountCents, 'fr', { decimals: true }),
        year: r.year,
      }),
    ),
    labelled(t('membershipDocs.receipt.number'), r.reference),
    labelled(t('membershipDocs.receipt.amount'), formatMoney(r.amountCents, 'fr', { decimals: true })),
    labelled(t('membershipDocs.receipt.paidOn'), formatDateLong(r.paidOn)),
    labelled(t('membershipDocs.receipt.method'), method),
    paragraph([text(t('membershipDocs.receipt.notFiscal'), { italics: true, size: 18, color: '555555' })], { spacing: { before: 200 } }),
    paragraph(t('membershipDocs.receipt.madeAt', { city: r.letterhead.city ?? '……………', date: formatDateLong(r.issuedOn) }), { keepNext: true, spacing: { after: 240 } }),
    signatures([{ role: r.signer ? officeTitle(r.signer.office, r.signer.civility, t) : t('membershipDocs.role.none'), name: r.signer?.name ?? null }]),
  ];
}

export function receiptFileName(r: Receipt): string {
  return `recu-cotisation-${r.reference}-${slug(r.organisation.name)}.docx`;
}

export function receiptDocument(r: Receipt): Document {
  return buildDocument({
    title: t('membershipDocs.receipt.title', { reference: r.reference }),
    description: r.organisation.name,
    letterhead: r.letterhead,
    footerText: t('membershipDocs.receipt.footer', { reference: r.reference }),
    children: receiptBlocks(r, true),
  });
}

/** Every receipt of a year in one document, one page per receipt. */
export function receiptsDocument(year: number, receipts: Receipt[]): Document {
  return buildDocument({
    title: t('membershipDocs.receipt.titleAll', { year }),
    letterhead: receipts[0]!.letterhead,
    footerText: t('membershipDocs.receipt.titleAll', { year }),
    children: receipts.flatMap((r, i) => receiptBlocks(r, i === 0)),
  });
}
