import type { Document } from 'docx';
import type { CertificateData } from '../../features/time/schemas';
import { formatDateLong } from '../../format/fr';
import { buildDocument, heading, labelled, paragraph, signatures, table, title, type Column } from '../kit';
import { decimalHours, duration, etpText, euros, percent, period, t } from './common';

/** "attestation-temps-ressourcerie-alpha-2025-01-01-2025-12-31.docx" */
export function certificateFileName(data: Pick<CertificateData, 'organisation' | 'from' | 'to'>): string {
  const slug = data.organisation.name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `attestation-temps-${slug}-${data.from}-${data.to}.docx`;
}

/** The valuation method in one sentence, with the rate or the range of rates actually applied. */
export function valuationSentence(data: Pick<CertificateData, 'rates'>): string {
  const rates = data.rates.map((r) => r.hourlyCents);
  if (rates.length === 0) return t('time.doc.valuationNone');
  const min = Math.min(...rates);
  const max = Math.max(...rates);
  return min === max ? t('time.doc.valuationOne', { rate: euros(min) }) : t('time.doc.valuationRange', { min: euros(min), max: euros(max) });
}

/**
 * Attestation de mise à disposition: the association certifies the time an organisation gave over
 * a period — hours by month and by category, total, ETP, value, how it was valued — signed by
 * both parties. Every figure comes from `CertificateData` (one service query).
 */
export function buildCertificate(data: CertificateData): Document {
  const org = data.organisation;
  const total = data.total;
  const address = [org.address, [org.postcode, org.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const amountColumns: Column[] = [
    { header: '', width: 46 },
    { header: t('time.doc.hours'), width: 18, align: 'right' },
    { header: t('time.doc.share'), width: 14, align: 'right' },
    { header: t('time.doc.value'), width: 22, align: 'right' },
  ];
  const amountTable = (firstHeader: string, lines: { label: string; minutes: number; valueCents: number }[]) =>
    table(
      amountColumns.map((c, i) => (i === 0 ? { ...c, header: firstHeader } : c)),
      lines.map((l) => [l.label, duration(l.minutes), percent(l.minutes, total.minutes), euros(l.valueCents)]),
      { totals: [t('time.doc.total'), duration(total.minutes), total.minutes > 0 ? '100 %' : '—', euros(total.valueCents)] },
    );

  const natures = data.byNature.map((n) => n.label.toLowerCase()).join(t('time.doc.and'));
  const children = [
    ...title(t('time.doc.certificateTitle'), `${org.name} — ${period(data.from, data.to)}`),
    paragraph(
      t(data.association.signatory ? 'time.doc.certificateIntro' : 'time.doc.certificateIntroNoSignatory', {
        signatory: data.association.signatory ?? '',
        association: data.letterhead.name,
        organisation: org.name,
        address: address ? ` (${address}${org.siret ? `, SIRET ${org.siret}` : ''})` : org.siret ? ` (SIRET ${org.siret})` : '',
        period: period(data.from, data.to),
        hours: decimalHours(total.minutes),
        duration: duration(total.minutes),
        natures: natures || t('time.nature.secondment').toLowerCase(),
      }),
    ),
    heading(t('time.doc.summaryHeading')),
    labelled(t('time.doc.totalHours'), `${duration(total.minutes)} (${decimalHours(total.minutes)} h)`),
    labelled(t('time.doc.etp'), t('time.doc.etpValue', { etp: etpText(total.etp), base: decimalHours(data.etpHours * 60) })),
    labelled(t('time.doc.totalValue'), euros(total.valueCents)),
    labelled(t('time.doc.entryCount'), String(total.count)),
    ...(data.pledge
      ? [
          labelled(
            t('time.doc.pledge'),
            t('time.doc.pledgeValue', {
              hours: decimalHours(data.pledge.pledgedMinutes),
              period: period(data.pledge.from, data.pledge.to),
              reference: data.pledge.agreementReference ? t('time.doc.agreementRef', { reference: data.pledge.agreementReference }) : '',
              date: data.pledge.agreementDate ? t('time.doc.agreementDate', { date: formatDateLong(data.pledge.agreementDate) }) : '',
            }),
          ),
        ]
      : []),
    heading(t('time.doc.byMonth')),
    amountTable(t('time.doc.month'), data.byMonth),
    heading(t('time.doc.byCategory')),
    amountTable(t('time.doc.category'), data.byCategory),
    ...(data.byNature.length > 1 ? [heading(t('time.doc.byNature')), amountTable(t('time.doc.nature'), data.byNature)] : []),
    ...(data.people.length ? [heading(t('time.doc.byPerson')), amountTable(t('time.doc.person'), data.people)] : []),
    heading(t('time.doc.method')),
    paragraph(valuationSentence(data)),
    paragraph(t('time.doc.etpMethod', { base: decimalHours(data.etpHours * 60) })),
    paragraph(
      data.letterhead.city
        ? t('time.doc.doneAt', { city: data.letterhead.city, date: formatDateLong(data.issuedOn) })
        : t('time.doc.doneOn', { date: formatDateLong(data.issuedOn) }),
      { spacing: { before: 240, after: 240 } },
    ),
    signatures([
      {
        role: t('time.doc.forAssociation', { association: data.letterhead.name }),
        name: data.association.signatory ? `${data.association.signatory}${data.association.signatoryRole ? ` (${data.association.signatoryRole})` : ''}` : null,
      },
      { role: t('time.doc.forOrganisation', { organisation: org.name }), name: data.organisationSignatory },
    ]),
  ];
  return buildDocument({
    title: `${t('time.doc.certificateTitle')} — ${org.name}`,
    description: period(data.from, data.to),
    letterhead: data.letterhead,
    footerText: `${t('time.doc.certificateTitle')} – ${org.name}`,
    children,
  });
}
