import { HeadingLevel, Paragraph, type Document } from 'docx';
import { etpOf } from '../../features/time/period';
import type { CertificateData } from '../../features/time/schemas';
import { formatDateLong } from '../../format/fr';
import { percent as wholePercent } from '../../format/french';
import { buildDocument, closing, formatSiret, heading, labelled, paragraph, signatures, table, text, title, type Column } from '../kit';
import { decimalHours, duration, etpText, euros, percent, period, t } from './common';
import { customWording, type Wording } from '../wording';

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
 * a period — the secondment of its staff and its volunteers' hours apart, the secondment against
 * the pledge, ETP and value, how it was valued — signed by both parties, on one page; the hours by
 * month, category, nature and person follow as an annex. Every figure comes from `CertificateData`
 * (one service query).
 */
export function buildCertificate(data: CertificateData, wording?: Wording): Document {
  const org = data.organisation;
  const total = data.total;
  const address = [org.address, [org.postcode, org.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const siret = org.siret ? formatSiret(org.siret) : null;
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

  const nature = (n: 'secondment' | 'volunteering') => data.byNature.find((x) => x.nature === n) ?? { minutes: 0, valueCents: 0 };
  const seconded = nature('secondment');
  const volunteered = nature('volunteering');
  const during = period(data.from, data.to);
  const given =
    seconded.minutes > 0
      ? t('docs.certificate.seconded', { duration: duration(seconded.minutes), period: during }) +
        (volunteered.minutes > 0 ? t('docs.certificate.volunteeringToo', { duration: duration(volunteered.minutes) }) : '')
      : volunteered.minutes > 0
        ? t('docs.certificate.volunteeringOnly', { duration: duration(volunteered.minutes), period: during })
        : t('docs.certificate.nothing', { period: during });

  const addressText = address ? ` (${address}${siret ? `, SIRET ${siret}` : ''})` : siret ? ` (SIRET ${siret})` : '';
  const pledge = data.pledge;
  const pledgeBlocks = pledge
    ? [
        labelled(
          t('docs.certificate.pledge'),
          t('docs.certificate.pledgeRate', {
            given: duration(pledge.secondedMinutes),
            expected: duration(pledge.expectedMinutes),
            rate: pledge.expectedMinutes > 0 ? wholePercent(pledge.secondedMinutes, pledge.expectedMinutes) : '—',
          }),
        ),
        paragraph(
          t(pledge.from === pledge.overlapFrom && pledge.to === pledge.overlapTo ? 'docs.certificate.pledgeSourceSame' : 'docs.certificate.pledgeSource', {
            hours: decimalHours(pledge.pledgedMinutes),
            period: period(pledge.from, pledge.to),
            reference: pledge.agreementReference ? t('time.doc.agreementRef', { reference: pledge.agreementReference }) : '',
            date: pledge.agreementDate ? t('time.doc.agreementDate', { date: formatDateLong(pledge.agreementDate) }) : '',
            expected: duration(pledge.expectedMinutes),
            overlap: period(pledge.overlapFrom, pledge.overlapTo),
          }),
          { spacing: { after: 60 } },
        ),
      ]
    : [];

  const children = [
    ...title(t('time.doc.certificateTitle'), `${org.name} — ${during}`),
    paragraph(
      customWording(wording, 'certificate.intro', {
        signataire: data.association.signatory ?? data.letterhead.name,
        structure: data.letterhead.name,
        adhérente: org.name,
        adresse: addressText,
        apport: given,
        heures: duration(total.minutes),
        période: during,
      }) ??
        t(data.association.signatory ? 'docs.certificate.intro' : 'docs.certificate.introNoSignatory', {
          signatory: data.association.signatory ?? '',
          association: data.letterhead.name,
          organisation: org.name,
          address: addressText,
          given,
        }),
    ),
    heading(t('time.doc.summaryHeading')),
    ...(seconded.minutes > 0
      ? [
          labelled(
            t('docs.certificate.secondment'),
            t('docs.certificate.secondmentValue', { duration: duration(seconded.minutes), etp: etpText(etpOf(seconded.minutes, data.from, data.to, data.etpHours)), base: decimalHours(data.etpHours * 60), value: euros(seconded.valueCents) }),
          ),
        ]
      : []),
    ...pledgeBlocks,
    ...(volunteered.minutes > 0 ? [labelled(t('docs.certificate.volunteering'), t('docs.certificate.amountValue', { duration: duration(volunteered.minutes), value: euros(volunteered.valueCents) }))] : []),
    ...(seconded.minutes > 0 && volunteered.minutes > 0
      ? [labelled(t('docs.certificate.total'), `${t('docs.certificate.amountValue', { duration: duration(total.minutes), value: euros(total.valueCents) })} (${t('docs.certificate.entries', { count: total.count })})`)]
      : []),
    // Hours still « à valider » are counted nowhere above: said once, so that no reader takes them as forgotten.
    ...(data.pendingMinutes ? [paragraph(t('member14.doc.pending', { duration: duration(data.pendingMinutes) }))] : []),
    heading(t('time.doc.method')),
    paragraph(valuationSentence(data)),
    paragraph(t('time.doc.etpMethod', { base: decimalHours(data.etpHours * 60) })),
    closing(
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
    // The annex starts on its own page: the certificate itself stays on one page.
    new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, keepNext: true, children: [text(t('docs.certificate.annex'))] }),
    heading(t('time.doc.byMonth'), 2),
    amountTable(t('time.doc.month'), data.byMonth),
    heading(t('time.doc.byCategory'), 2),
    amountTable(t('time.doc.category'), data.byCategory),
    ...(data.byNature.length > 1 ? [heading(t('time.doc.byNature'), 2), amountTable(t('time.doc.nature'), data.byNature)] : []),
    ...(data.people.length ? [heading(t('time.doc.byPerson'), 2), amountTable(t('time.doc.person'), data.people)] : []),
  ];
  return buildDocument({
    title: `${t('time.doc.certificateTitle')} — ${org.name}`,
    description: during,
    letterhead: data.letterhead,
    footerText: `${t('time.doc.certificateTitle')} – ${org.name}`,
    children,
  });
}
