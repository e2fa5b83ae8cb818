import { officeTitle } from '../signers';
import { Paragraph, type Document, type Table } from 'docx';
import type { FeeCall, FeeCalls } from '../../features/memberships/documents';
import { formatDateLong, formatMoney } from '../../format/fr';
import { translate } from '../../i18n/index';
import { buildDocument, paragraph, signatures, table, text, title } from '../kit';
import { addressBlock, slug } from './common';

/** The « appel de cotisation » of one member organisation for one year, or of all of them at once. */

const t = (key: string, params?: Record<string, string | number>) => translate('fr', key, params);

function callBlocks(calls: FeeCalls, item: FeeCall, first: boolean): (Paragraph | Table)[] {
  const name = calls.letterhead.name;
  const [head, ...rest] = title(t('membershipDocs.call.title', { year: calls.year }));
  return [
    // Each organisation starts on its own page when they are all in one document.
    new Paragraph({ ...(first ? {} : { pageBreakBefore: true }), children: [] }),
    ...addressBlock(item.organisation),
    head!,
    ...rest,
    paragraph(t('membershipDocs.call.date', { city: calls.letterhead.city ?? '', date: formatDateLong(calls.issuedOn) })),
    paragraph([text(t('membershipDocs.call.subject', { year: calls.year }), { bold: true })]),
    paragraph(t('membershipDocs.call.body', { association: name, year: calls.year })),
    table(
      [
        { header: t('membershipDocs.call.item'), width: 65 },
        { header: t('membershipDocs.call.amount'), width: 35, align: 'right' },
      ],
      [
        [t('membershipDocs.call.fee', { year: calls.year }), formatMoney(item.feeDueCents)],
        [t('membershipDocs.call.paid'), formatMoney(item.amountPaidCents)],
      ],
      { totals: [t('membershipDocs.call.outstanding'), formatMoney(item.outstandingCents)] },
    ),
    paragraph(t('membershipDocs.call.howToPay', { association: name }), { spacing: { before: 200 } }),
    paragraph(t('membershipDocs.call.thanks'), { keepNext: true, spacing: { after: 240 } }),
    signatures([{ role: calls.signer ? officeTitle(calls.signer.office, calls.signer.civility, t) : t('membershipDocs.role.none'), name: calls.signer?.name ?? null }]),
  ];
}

export function feeCallFileName(calls: FeeCalls, item: FeeCall): string {
  return `appel-cotisation-${calls.year}-${slug(item.organisation.name)}.docx`;
}

export function feeCallDocument(calls: FeeCalls, item: FeeCall): Document {
  return buildDocument({
    title: t('membershipDocs.call.title', { year: calls.year }),
    description: item.organisation.name,
    letterhead: calls.letterhead,
    footerText: t('membershipDocs.call.footer', { year: calls.year, organisation: item.organisation.name }),
    children: callBlocks(calls, item, true),
  });
}

/** All the calls of the year in one document, one page (or more) per organisation. */
export function feeCallsDocument(calls: FeeCalls): Document {
  return buildDocument({
    title: t('membershipDocs.call.title', { year: calls.year }),
    letterhead: calls.letterhead,
    footerText: t('membershipDocs.call.footerAll', { year: calls.year }),
    children: calls.items.flatMap((item, i) => callBlocks(calls, item, i === 0)),
  });
}
