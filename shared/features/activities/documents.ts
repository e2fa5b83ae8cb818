import { AlignmentType, HeadingLevel, ImageRun, LineRuleType, Paragraph, TableOfContents, type Document, type Table } from 'docx';
import { bullet, buildDocument, formatSiret, heading, labelled, paragraph, table, text, title, type Column } from '../../documents/kit';
import { formatDate, formatDateLong, formatMoney, formatNumber } from '../../format/fr';
import { translate } from '../../i18n/index';
import { formatDuration } from '../time/duration';
import type { ChartImage } from './charts';
import type { AnnualReport, EvidenceGroup, PartnerReport, ReportFigures, ReportSection } from './schemas';
import { joinFr } from '../../format/french';
import { budgetSentence, etpSentence, meetingDaysSentence, membersSentence, membershipChangesSentence, plural, quantitativeSentences, resultLabel } from './sentences';
import { fillWording, WORDINGS, type Wording } from '../../documents/wording';

/**
 * The annual activity report and the funder report, as Word documents: pure functions of the
 * report data (one service query each) and the charts already rasterised by the caller.
 */

type Block = Paragraph | Table | TableOfContents;
const t = (key: string, params?: Record<string, string | number>) => translate('fr', key, params);
const n = (v: number) => formatNumber(v, 'fr');
const hours = (minutes: number) => formatNumber(Math.round(minutes / 60), 'fr');

export function periodLabel(from: string, to: string): string {
  if (from.endsWith('-01-01') && to.endsWith('-12-31') && from.slice(0, 4) === to.slice(0, 4)) return `année ${from.slice(0, 4)}`;
  return `du ${formatDateLong(from)} au ${formatDateLong(to)}`;
}

const dayBefore = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
};

/** A free text typed in the app: blank lines separate paragraphs, "- " starts a bullet. */
function freeText(body: string | undefined): Block[] {
  if (!body?.trim()) return [];
  const out: Block[] = [];
  for (const block of body.trim().split(/\n\s*\n/)) {
    const lines = block.split('\n').map((l) => l.trim()).filter(Boolean);
    if (lines.every((l) => /^[-•*]\s+/.test(l))) lines.forEach((l) => out.push(bullet(l.replace(/^[-•*]\s+/, ''))));
    else out.push(paragraph(lines.join(' ')));
  }
  return out;
}

function textSection(texts: Record<string, string>, section: ReportSection, level: 1 | 2 = 1): Block[] {
  const body = freeText(texts[section]);
  return body.length ? [heading(t(`activity.section.${section}`), level), ...body] : [];
}

function chartBlock(charts: ChartImage[], key: ChartImage['key']): Block[] {
  const chart = charts.find((c) => c.key === key);
  if (!chart) return [];
  const width = 600;
  const height = Math.round((chart.height / chart.width) * width);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      // An explicit "auto" line rule: without it LibreOffice reads the line height as exact and clips the picture.
      spacing: { before: 160, line: 240, lineRule: LineRuleType.AUTO },
      children: [new ImageRun({ type: 'png', data: chart.png, transformation: { width, height }, altText: { name: chart.key, title: chart.title, description: chart.alt } })],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [text(chart.title, { italics: true, size: 18, color: '555555' })] }),
  ];
}

function toc(): Block[] {
  return [
    new Paragraph({ children: [text('Sommaire', { bold: true, size: 26, color: '1F5F4A' })], spacing: { before: 240, after: 120 } }),
    new TableOfContents('Sommaire', { hyperlink: true, headingStyleRange: '1-2' }),
  ];
}

function activitiesTable(f: ReportFigures): Block[] {
  const rows = f.byKind.filter((k) => k.count > 0);
  if (!rows.length) return [paragraph('Aucune action enregistrée sur la période.')];
  const cols: Column[] = [
    { header: 'Type d’action', width: 75 },
    { header: 'Nombre', width: 25, align: 'right' },
  ];
  return [table(cols, rows.map((r) => [t(`activity.kind.${r.kind}`), n(r.count)]), { totals: ['Total', n(rows.reduce((s, r) => s + r.count, 0))] })];
}

function timeBlocks(f: ReportFigures, charts: ChartImage[]): Block[] {
  // Validated hours only (issue 14); those still waiting are said, never counted.
  const pending = f.time.pendingMinutes ? [paragraph(translate('fr', 'member14.doc.pendingNetwork', { duration: formatDuration(f.time.pendingMinutes) }))] : [];
  if (f.time.minutes === 0) return [paragraph('Aucun temps mis à disposition n’a été enregistré sur la période.'), ...pending];
  const cols: Column[] = [
    { header: 'Structure', width: 46 },
    { header: 'Heures', width: 16, align: 'right' },
    { header: 'ETP', width: 14, align: 'right' },
    { header: 'Valorisation', width: 24, align: 'right' },
  ];
  const rows = f.time.byOrganisation.map((o) => [o.name, hours(o.minutes), formatNumber(o.etp, 'fr', 2), formatMoney(o.valueCents, 'fr', { decimals: false })]);
  return [
    paragraph(`${etpSentence(f)}.`),
    paragraph(`Base de calcul : 1 ETP = ${n(f.time.etpHours)} heures par an. Ce temps est valorisé en contributions volontaires en nature.`),
    table(cols, rows, { totals: ['Total', hours(f.time.minutes), formatNumber(f.time.etp, 'fr', 2), formatMoney(f.time.valueCents, 'fr', { decimals: false })] }),
    ...pending,
    ...chartBlock(charts, 'hours'),
  ];
}

function observatoryBlocks(f: ReportFigures, charts: ChartImage[]): Block[] {
  // Only the years some organisation has returned figures for (the current year's come in later).
  const years = f.observatory.years.filter((y) => (f.observatory.returned[String(y)] ?? 0) > 0);
  const withValues = f.observatory.indicators.filter((i) => years.some((y) => i.totals[String(y)] !== undefined));
  if (!years.length || !withValues.length) return [paragraph('Aucun chiffre de l’observatoire n’a été transmis pour la période.')];
  const last = years[years.length - 1]!;
  const returned = f.observatory.returned[String(last)] ?? 0;
  const expected = f.observatory.expected[String(last)] ?? 0;
  const asOf = `${last}-12-31` < f.to ? `${last}-12-31` : f.to;
  const unit = (u: string) => (u === 'euros' ? '€' : u === 'tonnes' ? 't' : u === 'etp' ? 'ETP' : u === 'hours' ? 'h' : '');
  const value = (code: string, u: string, v: number | undefined) => {
    if (v === undefined) return '—';
    if (u === 'euros') return formatMoney(v, 'fr', { decimals: false });
    return `${formatNumber(v, 'fr', u === 'tonnes' || u === 'etp' ? 1 : 0)}${unit(u) ? ` ${unit(u)}` : ''}`;
  };
  const shown = years.slice(-3);
  const cols: Column[] = [{ header: 'Indicateur', width: 40 }, ...shown.map((y) => ({ header: String(y), width: 60 / shown.length, align: 'right' as const }))];
  return [
    paragraph(
      `Pour ${last}, ${n(returned)} ${plural(returned, 'structure a', 'structures ont')} transmis ${plural(returned, 'ses', 'leurs')} chiffres, sur ${n(expected)} ${plural(expected, 'structure adhérente', 'structures adhérentes')} au ${formatDateLong(asOf)}. Les totaux régionaux ci-dessous additionnent les chiffres transmis.`,
    ),
    table(
      cols,
      withValues.map((i) => [i.label, ...shown.map((y) => value(i.code, i.unit, i.totals[String(y)]))]),
    ),
    ...chartBlock(charts, 'tonnes'),
  ];
}

const money = (cents: number) => formatMoney(cents, 'fr', { decimals: false });
const budgetPeriod = (b: { label: string; startDate: string; endDate: string }) => `« ${b.label} » (${periodLabel(b.startDate, b.endDate)})`;

/** What the budget table covers, said before it: the grant's budget, the financial year's, or the period's. */
function budgetScopeSentence(f: ReportFigures): string {
  const fin = f.finances;
  const names = joinFr(fin.budgets.map(budgetPeriod));
  if (fin.scope === 'grant') return `${plural(fin.budgets.length, 'Budget de la subvention', 'Budgets de la subvention')} : ${names}.`;
  if (fin.scope === 'financialYear') return `${plural(fin.budgets.length, 'Budget de l’exercice', 'Budgets de l’exercice')} ${f.from.slice(0, 4)} : ${names}.`;
  return `${plural(fin.budgets.length, 'Budget couvrant', 'Budgets couvrant')} la période du ${formatDateLong(f.from)} au ${formatDateLong(f.to)} : ${names}.`;
}


function financeBlocks(f: ReportFigures, level: 1 | 2): Block[] {
  const fin = f.finances;
  const out: Block[] = [];
  if (fin.budgets.length) {
    // The two sentences that say what the table is stay on its page.
    out.push(paragraph(budgetScopeSentence(f), { keepNext: true }));
    out.push(paragraph(`${budgetSentence(f)}.`, { keepNext: true }));
    const cols: Column[] = [
      { header: 'Poste', width: 50 },
      { header: 'Prévu', width: 25, align: 'right' },
      { header: 'Réalisé', width: 25, align: 'right' },
    ];
    // One table, charges then income, ending with the result: a funder reads the gap at the bottom.
    const rows: string[][] = [
      ['Charges', '', ''],
      ...fin.expenses.map((e) => [t(`activity.expense.${e.category}`), money(e.plannedCents), money(e.actualCents)]),
      ['Total des charges', money(fin.totalPlannedCents), money(fin.totalActualCents)],
      ['Produits', '', ''],
      ...fin.income.map((i) => [i.inKind ? 'Contributions volontaires en nature (temps mis à disposition)' : i.funderName, money(i.plannedCents), money(i.actualCents)]),
      ['Total des produits', money(fin.incomePlannedCents), money(fin.incomeActualCents)],
    ];
    out.push(
      table(cols, rows, {
        emphasis: [0, fin.expenses.length + 1, fin.expenses.length + 2, rows.length - 1],
        keepTogether: rows.length < 25,
        totals: [`Résultat (produits − charges)`, resultLabel(fin.resultPlannedCents), resultLabel(fin.resultActualCents)],
      }),
    );
    if (fin.inKind) {
      const k = fin.inKind;
      const same = k.enteredActualCents === k.ledgerCents;
      out.push(
        paragraph(
          `Le temps mis à disposition réalisé est la valorisation des heures enregistrées du ${formatDateLong(k.from)} au ${formatDateLong(k.to)} (${money(k.ledgerCents)}), ` +
            `équilibrée par le même montant de contributions volontaires en nature en produits${same ? '' : ` ; le budget saisi indiquait ${money(k.enteredActualCents)} réalisés, chiffre remplacé par celui des heures enregistrées`}.`,
          { spacing: { before: 120 } },
        ),
      );
    }
  } else if (fin.scope === 'grant') out.push(paragraph('Aucun budget n’a été saisi pour cette subvention : seuls son montant et ses versements figurent ci-dessous.'));
  else if (fin.scope === 'financialYear') out.push(paragraph(`Aucun budget n’a été saisi pour l’exercice ${f.from.slice(0, 4)}.`));
  else out.push(paragraph('Aucun budget n’a été saisi pour la période.'));
  if (fin.otherBudgets.length) {
    out.push(
      paragraph(
        `${plural(fin.otherBudgets.length, 'Le budget pluriannuel', 'Les budgets pluriannuels')} ${joinFr(fin.otherBudgets.map(budgetPeriod))} ${plural(fin.otherBudgets.length, 'couvre', 'couvrent')} plusieurs exercices : ${plural(fin.otherBudgets.length, 'il n’est pas compté', 'ils ne sont pas comptés')} ici et ${plural(fin.otherBudgets.length, 'figure', 'figurent')} dans le bilan de ${plural(fin.otherBudgets.length, 'sa convention', 'leurs conventions')}.`,
      ),
    );
  }
  if (fin.grants.length) {
    out.push(heading(plural(fin.grants.length, 'Subvention', 'Subventions et conventions'), (level + 1) as 2 | 3));
    const cols: Column[] = [
      { header: 'Financeur et programme', width: 44 },
      { header: 'Période', width: 22 },
      { header: 'Accordé', width: 17, align: 'right' },
      { header: 'Versé', width: 17, align: 'right' },
    ];
    out.push(
      table(
        cols,
        fin.grants.map((g) => [`${g.funderName} — ${g.programme}`, `${formatDate(g.startDate, 'fr', 'short')} – ${formatDate(g.endDate, 'fr', 'short')}`, money(g.amountCents), money(g.paidCents)]),
      ),
    );
  }
  if (f.time.valueCents > 0) {
    out.push(
      paragraph(
        `Contributions volontaires en nature du ${formatDateLong(f.from)} au ${formatDateLong(f.to)} (temps mis à disposition par les structures, valorisé) : ${money(f.time.valueCents)}` +
          (fin.inKind && (fin.inKind.from !== f.from || fin.inKind.to !== f.to) ? ` ; le budget ci-dessus compte celles de sa propre période, du ${formatDateLong(fin.inKind.from)} au ${formatDateLong(fin.inKind.to)}.` : '.'),
        { spacing: { before: 160 } },
      ),
    );
  }
  return out;
}

function quantitativeBlocks(f: ReportFigures): Block[] {
  const sentences = quantitativeSentences(f);
  if (!sentences.length) return [paragraph('Aucune action n’a été enregistrée sur la période.')];
  return sentences.map((s) => bullet(`${s.text}.`));
}

export function annualReportDocument(r: AnnualReport, charts: ChartImage[], wording?: Wording): Document {
  const f = r.figures;
  const lh = r.letterhead;
  const address = [lh.address, [lh.postcode, lh.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const byKind = Object.entries(f.meetings.byKind).filter(([, c]) => c > 0);
  const children: Block[] = [
    ...title(`Rapport d’activité ${r.year}`, lh.name),
    ...toc(),
    paragraph(fillWording(wording?.['report.annualIntro'] ?? WORDINGS['report.annualIntro'].defaultText, { structure: lh.name, année: String(r.year) })),
    heading('Identité de l’association'),
    labelled('Nom', lh.name),
    ...(address ? [labelled('Siège', address)] : []),
    ...(lh.email ? [labelled('Contact', [lh.email, lh.phone].filter(Boolean).join(' – '))] : []),
    ...(lh.siret ? [labelled('SIRET', formatSiret(lh.siret))] : []),
    ...(lh.rna ? [labelled('RNA', lh.rna)] : []),
    ...textSection(r.texts, 'context', 2),
    heading('Les adhérents'),
    paragraph(`${membersSentence(f)}, contre ${n(f.membersBefore)} un an plus tôt. En ${r.year}, ${membershipChangesSentence(f)}.`),
    ...(f.members.length
      ? [
          table(
            [
              { header: 'Structure adhérente', width: 65 },
              { header: 'Commune', width: 35 },
            ],
            f.members.map((m) => [m.name, m.city ?? '']),
          ),
        ]
      : []),
    heading('Gouvernance et réunions'),
    paragraph(f.meetings.days ? `En ${r.year}, ${meetingDaysSentence(f)} ${plural(f.meetings.days, 'a été tenue', 'ont été tenues')}.` : `Aucune journée de rencontre n’a été tenue en ${r.year}.`),
    ...(byKind.length
      ? [
          table(
            [
              { header: 'Instance', width: 75 },
              { header: 'Réunions tenues', width: 25, align: 'right' },
            ],
            byKind.map(([kind, count]) => [t(`activity.meetingKind.${kind}`), n(count)]),
          ),
        ]
      : []),
    heading('Résultats quantitatifs'),
    ...quantitativeBlocks(f),
    ...textSection(r.texts, 'qualitative', 2),
    heading('Les actions par type'),
    ...activitiesTable(f),
    ...chartBlock(charts, 'activities'),
    heading('Le temps mis à disposition'),
    ...timeBlocks(f, charts),
    heading('L’observatoire des ressourceries'),
    ...observatoryBlocks(f, charts),
    heading('Finances'),
    ...financeBlocks(f, 1),
    ...textSection(r.texts, 'outlook'),
    ...evidenceAnnex(r.evidence),
  ];
  return buildDocument({
    title: `Rapport d’activité ${r.year}`,
    description: `Rapport d’activité ${r.year} de ${lh.name}`,
    letterhead: { ...lh },
    footerText: `Rapport d’activité ${r.year}`,
    updateFields: true,
    children,
  });
}

export function partnerReportDocument(r: PartnerReport, charts: ChartImage[], wording?: Wording): Document {
  const f = r.figures;
  const lh = r.letterhead;
  const heading1 = r.grant ? `Bilan — ${r.grant.programme}` : 'Bilan pour le comité de pilotage';
  const subtitle = `${lh.name} · ${periodLabel(f.from, f.to)}${r.grant ? ` · ${r.grant.funderName}` : ''}`;
  const children: Block[] = [
    ...title(heading1, subtitle),
    ...toc(),
    ...textSection(r.texts, 'context'),
    ...textSection(r.texts, 'objectives'),
    heading('Résultats quantitatifs'),
    paragraph(fillWording(wording?.['report.partnerIntro'] ?? WORDINGS['report.partnerIntro'].defaultText, { période: periodLabel(f.from, f.to), structure: lh.name, financeur: r.grant?.funderName ?? '' })),
    ...quantitativeBlocks(f),
    paragraph(`${membersSentence(f)}, contre ${n(f.membersBefore)} au ${formatDateLong(dayBefore(f.from))}. Sur la période, ${membershipChangesSentence(f)}.`),
    ...(r.targets.length
      ? [
          heading('Objectifs de la convention', 2),
          table(
            [
              { header: 'Indicateur', width: 50 },
              { header: 'Objectif', width: 16, align: 'right' },
              { header: 'Réalisé', width: 16, align: 'right' },
              { header: 'Taux', width: 18, align: 'right' },
            ],
            r.targets.map((x) => [t(`activity.metric.${x.metric}`), formatNumber(x.target, 'fr'), formatNumber(x.actual, 'fr'), x.target > 0 ? `${formatNumber(Math.round((x.actual / x.target) * 100))} %` : '—']),
          ),
        ]
      : []),
    heading('Les actions par type', 2),
    ...activitiesTable(f),
    ...chartBlock(charts, 'activities'),
    heading('L’observatoire', 2),
    ...observatoryBlocks(f, charts),
    ...textSection(r.texts, 'qualitative'),
    heading('Mise en œuvre'),
    heading('Planning', 2),
    paragraph(f.meetings.days ? `${meetingDaysSentence(f)} ${plural(f.meetings.days, 'a été tenue', 'ont été tenues')} sur la période.` : 'Aucune journée de rencontre n’a été tenue sur la période.'),
    heading('Moyens humains', 2),
    ...timeBlocks(f, charts),
    heading('Moyens financiers', 2),
    ...financeBlocks(f, 2),
    heading('Partenaires mobilisés', 2),
    // A short list kept on one page: never its last line alone at the top of the next.
    ...(r.partners.length
      ? r.partners.map((p, i) => new Paragraph({ numbering: { reference: 'bullets', level: 0 }, keepNext: i < r.partners.length - 1, keepLines: true, children: [text(`${p.name}${p.role === 'funder' ? ' (financeur)' : ''}`)] }))
      : [paragraph('Aucun partenaire enregistré sur la période.')]),
    ...(r.texts.success || r.texts.recommendations ? [heading('Valorisation de l’expérience')] : []),
    ...textSection(r.texts, 'success', 2),
    ...textSection(r.texts, 'recommendations', 2),
    ...textSection(r.texts, 'outlook'),
    ...evidenceAnnex(r.evidence),
  ];
  return buildDocument({
    title: heading1,
    description: subtitle,
    letterhead: { ...lh },
    footerText: `${heading1} – ${periodLabel(f.from, f.to)}`,
    updateFields: true,
    children,
  });
}

/**
 * « Annexe — Détail des résultats »: on its own pages, for each figure, the records it counts
 * (date, what, who and where), so that a funder can check any number of the report.
 */
function evidenceAnnex(groups: EvidenceGroup[]): Block[] {
  if (!groups.length) return [];
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, keepNext: true, children: [text(t('evidence.title'))] }),
    paragraph(t('evidence.intro')),
    ...groups.flatMap((g) => [
      heading(t('evidence.group', { title: g.title, value: formatNumber(g.value, 'fr', g.metric === 'etp' ? 1 : 0) }), 2),
      g.items.length
        ? table(
            [
              { header: t('evidence.date'), width: 16 },
              { header: t('evidence.record'), width: 42 },
              { header: t('evidence.detail'), width: 42 },
            ],
            g.items.map((i) => [i.date ? formatDate(i.date, 'fr', 'short') : '—', i.label, i.detail ?? '']),
          )
        : paragraph(t('evidence.none')),
    ]),
  ];
}

export function reportFileName(r: AnnualReport | PartnerReport): string {
  if (r.type === 'annual') return `rapport-activite-${r.year}.docx`;
  return `bilan-${r.figures.from}-${r.figures.to}.docx`;
}
