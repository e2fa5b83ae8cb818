import { officeTitle } from '../signers';
import { AlignmentType, Paragraph, type Document, type Table } from 'docx';
import type { CerfaReport, CerfaRow } from '../../features/activities/cerfa';
import { REPORT_SECTIONS } from '../../features/activities/schemas';
import { formatDate, formatDateLong, formatMoney, formatNumber } from '../../format/fr';
import { translate } from '../../i18n/index';
import { bullet, buildDocument, heading, labelled, paragraph, signatures, table, text, title, type Column } from '../kit';

/**
 * The « compte rendu financier de subvention » (Cerfa n° 15059*02) of one grant, in the Cerfa's
 * order: identification, qualitative account, costs and income by account, voluntary contributions
 * in kind, explanation of the gaps over 20 %, attestation and signature. A pure function of the
 * service's data: every amount is one the grant's page and the partner report show.
 */

type Block = Paragraph | Table;
const t = (key: string, params?: Record<string, string | number>) => translate('fr', key, params);
const money = (cents: number) => formatMoney(cents);
const signed = (cents: number) => (cents > 0 ? `+${money(cents)}` : money(cents));
const percent = (p: number | null) => (p === null ? '—' : `${p > 0 ? '+' : ''}${formatNumber(p, 'fr', 1)} %`);

/** A free text typed in the app: blank lines separate paragraphs, "- " starts a bullet. */
function freeText(body: string | undefined): Block[] {
  if (!body?.trim()) return [];
  const out: Block[] = [];
  for (const block of body.trim().split(/\n\s*\n/)) {
    const lines = block
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    if (lines.every((l) => /^[-•*]\s+/.test(l))) lines.forEach((l) => out.push(bullet(l.replace(/^[-•*]\s+/, ''))));
    else out.push(paragraph(lines.join(' ')));
  }
  return out;
}

const columns: Column[] = [
  { header: t('cerfa.account'), width: 12, align: 'center' },
  { header: t('cerfa.doc.label'), width: 30 },
  { header: t('cerfa.doc.planned'), width: 15, align: 'right' },
  { header: t('cerfa.doc.actual'), width: 15, align: 'right' },
  { header: t('cerfa.doc.gap'), width: 16, align: 'right' },
  { header: t('cerfa.doc.gapPercent'), width: 12, align: 'right' },
];

const ALIGN = { left: AlignmentType.LEFT, right: AlignmentType.RIGHT, center: AlignmentType.CENTER } as const;

/** Cells whose paragraphs keep with the next row: a table of a dozen accounts is not split over two pages. */
function keptRows(rows: string[][]): Paragraph[][][] {
  return rows.map((row) => row.map((value, i) => [new Paragraph({ keepNext: true, alignment: ALIGN[columns[i]!.align ?? 'left'], children: [text(value)] })]));
}

function accountRows(rows: CerfaRow[]): string[][] {
  return rows.map((r) => [r.account, t(`cerfa.account.${r.account}`), money(r.plannedCents), money(r.actualCents), signed(r.gapCents), percent(r.gapPercent)]);
}

function accountTable(rows: CerfaRow[], totalLabel: string, totals: { plannedCents: number; actualCents: number; gapCents: number }): Table {
  const totalPercent = totals.plannedCents === 0 ? null : Math.round((totals.gapCents / totals.plannedCents) * 1000) / 10;
  return table(columns, keptRows(accountRows(rows)), {
    totals: ['', totalLabel, money(totals.plannedCents), money(totals.actualCents), signed(totals.gapCents), percent(totalPercent)],
  });
}

export function cerfaFileName(report: CerfaReport): string {
  const slug = report.grant.programme
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()
    .slice(0, 50);
  return `compte-rendu-financier-${slug || report.grant.id}.docx`;
}

export function cerfaDocument(report: CerfaReport): Document {
  const { grant, letterhead } = report;
  const blocks: Block[] = [...title(t('cerfa.doc.title'), t('cerfa.doc.subtitle', { programme: grant.programme }))];

  // 1. Identification of the association and of the action.
  blocks.push(heading(t('cerfa.doc.identification')), heading(t('cerfa.doc.association'), 2), labelled(t('cerfa.doc.name'), letterhead.name));
  const address = [letterhead.address, [letterhead.postcode, letterhead.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  if (address) blocks.push(labelled(t('cerfa.doc.address'), address));
  if (letterhead.siret) blocks.push(labelled(t('cerfa.doc.siret'), letterhead.siret));
  if (letterhead.rna) blocks.push(labelled(t('cerfa.doc.rna'), letterhead.rna));
  blocks.push(
    heading(t('cerfa.doc.action'), 2),
    labelled(t('cerfa.doc.funder'), grant.funderName),
    labelled(t('cerfa.doc.programme'), grant.programme),
  );
  if (grant.reference) blocks.push(labelled(t('cerfa.doc.reference'), grant.reference));
  blocks.push(
    labelled(t('cerfa.doc.period'), t('cerfa.doc.periodValue', { from: formatDateLong(grant.startDate), to: formatDateLong(grant.endDate) })),
    labelled(t('cerfa.doc.granted'), money(grant.amountCents)),
    labelled(t('cerfa.doc.paid'), money(grant.paidCents)),
  );
  if (grant.payments.length) {
    blocks.push(
      paragraph([text(t('cerfa.doc.payments'), { bold: true })], { keepNext: true }),
      table(
        [
          { header: t('cerfa.doc.date'), width: 50 },
          { header: t('cerfa.doc.amount'), width: 50, align: 'right' },
        ],
        grant.payments.map((p) => [formatDate(p.date, 'fr', 'short'), money(p.amountCents)]),
      ),
    );
  } else {
    blocks.push(paragraph(t('cerfa.doc.noPayment')));
  }

  // 2. Qualitative account: the texts kept with the grant, in the partner report's order.
  blocks.push(heading(t('cerfa.doc.qualitative')));
  const written = REPORT_SECTIONS.filter((s) => report.texts[s]?.trim());
  if (written.length) for (const s of written) blocks.push(heading(t(`activity.section.${s}`), 2), ...freeText(report.texts[s]));
  else blocks.push(paragraph([text(t('cerfa.doc.noText'), { italics: true, color: '666666' })]));

  // 3. Costs and income by account.
  blocks.push(
    heading(t('cerfa.doc.table')),
    paragraph(t('cerfa.doc.tableIntro'), { keepNext: true }),
    heading(t('cerfa.doc.expenses'), 2),
    accountTable(report.expenses, t('cerfa.doc.totalExpenses'), report.expenseTotals),
    heading(t('cerfa.doc.incomeTitle'), 2),
    accountTable(report.income, t('cerfa.doc.totalIncome'), report.incomeTotals),
  );

  // 4. Voluntary contributions in kind (86 / 87).
  blocks.push(
    heading(t('cerfa.doc.contributions')),
    paragraph(t('cerfa.doc.contributionsIntro', { hours: formatNumber(Math.round(report.donatedMinutes / 60), 'fr') }), { keepNext: true }),
    table(columns, [...keptRows(accountRows(report.contributions.slice(0, -1))), ...accountRows(report.contributions.slice(-1))]),
  );

  // 5. The gaps over 20 %, each with the explanation typed in the app.
  blocks.push(heading(t('cerfa.doc.gaps')));
  const gaps = [...report.expenses, ...report.income, ...report.contributions].filter((r) => r.needsExplanation);
  if (!gaps.length) blocks.push(paragraph(t('cerfa.doc.noGap')));
  else {
    blocks.push(paragraph(t('cerfa.doc.gapsIntro')));
    for (const r of gaps) {
      const line = t('cerfa.doc.gapLine', {
        account: r.account,
        label: t(`cerfa.account.${r.account}`),
        planned: money(r.plannedCents),
        actual: money(r.actualCents),
        gap: signed(r.gapCents),
        percent: r.gapPercent === null ? '' : ` (${percent(r.gapPercent)})`,
      });
      blocks.push(paragraph([text(line, { bold: true })], { keepNext: true }));
      const body = report.explanations[r.account];
      if (body?.trim()) blocks.push(...freeText(body));
      else blocks.push(paragraph([text(t('cerfa.doc.noExplanation'), { italics: true, color: 'B00020' })]));
    }
  }

  // 6. Attestation and signature of the president (or the treasurer).
  blocks.push(
    heading(t('cerfa.doc.attestation')),
    paragraph(
      report.signer
        ? t('cerfa.doc.attestationText', { name: report.signer.name, office: t(`cerfa.doc.office.${report.signer.office}`) })
        : t('cerfa.doc.attestationNoSigner'),
      { keepNext: true },
    ),
    paragraph(t('cerfa.doc.madeAt', { city: letterhead.city ?? '……………………', date: formatDateLong(report.generatedOn) }), { keepNext: true }),
    signatures([{ role: report.signer ? officeTitle(report.signer.office, report.signer.civility, t) : t('cerfa.doc.role.none'), name: report.signer?.name ?? null }]),
  );

  return buildDocument({
    title: t('cerfa.doc.title'),
    description: t('cerfa.doc.subtitle', { programme: grant.programme }),
    letterhead,
    footerText: t('cerfa.doc.footer', { programme: grant.programme }),
    children: blocks,
  });
}
