import { barChartSvg } from '../../charts/bar';
import { columnChartSvg } from '../../charts/columns';
import { formatNumber } from '../../format/fr';
import { counted } from '../../format/french';
import { translate } from '../../i18n/index';
import { ACTIVITY_KINDS, TONNAGE_CODES, type ReportFigures } from './schemas';

/** The charts of the reports, drawn from the figures (SVG); each side rasterises them its own way. */
export interface ReportChart {
  key: 'activities' | 'hours' | 'tonnes';
  title: string;
  /** Alternative text: what the chart shows, in words, for readers who cannot see it. */
  alt: string;
  svg: string;
  width: number;
  height: number;
}

export interface ChartImage {
  key: ReportChart['key'];
  title: string;
  alt: string;
  png: Uint8Array;
  width: number;
  height: number;
}

const t = (key: string) => translate('fr', key);

/** The words of the alternative text, singular and plural and none: « 1 colloque », « aucune visite ». */
const KIND_WORDS: Record<(typeof ACTIVITY_KINDS)[number], [string, string, string]> = {
  awareness: ['action de sensibilisation', 'actions de sensibilisation', 'aucune action de sensibilisation'],
  outreach: ['animation', 'animations', 'aucune animation'],
  visit: ['visite', 'visites', 'aucune visite'],
  conference: ['colloque', 'colloques', 'aucun colloque'],
  support: ['accompagnement', 'accompagnements', 'aucun accompagnement'],
  communication: ['outil de communication', 'outils de communication', 'aucun outil de communication'],
  other: ['autre action', 'autres actions', 'aucune autre action'],
};

export function reportCharts(f: ReportFigures): ReportChart[] {
  const charts: ReportChart[] = [];
  const years = [...new Set(f.byKindYear.map((r) => r.year))].sort();
  const kinds = ACTIVITY_KINDS.filter((k) => f.byKindYear.some((r) => r.kind === k && r.count > 0));
  if (years.length && kinds.length) {
    const title = 'Actions du réseau par type et par année';
    const alt = `${title}. ${years
      .map((y) => `${y} : ${kinds.map((k) => counted(f.byKindYear.find((r) => r.year === y && r.kind === k)?.count ?? 0, ...KIND_WORDS[k])).join(', ')}`)
      .join(' ; ')}.`;
    const chart = columnChartSvg({
      title,
      description: alt,
      groups: years.map(String),
      series: kinds.map((k) => ({ name: t(`activity.kindShort.${k}`), values: years.map((y) => f.byKindYear.find((r) => r.year === y && r.kind === k)?.count ?? 0) })),
      unit: 'nombre d’actions',
    });
    charts.push({ key: 'activities', title, alt, ...chart });
  }
  const orgs = f.time.byOrganisation.filter((o) => o.minutes > 0).sort((a, b) => b.minutes - a.minutes).slice(0, 15);
  if (orgs.length) {
    const title = 'Heures mises à disposition par structure';
    const alt = `${title} : ${orgs.map((o) => `${o.name}, ${counted(Math.round(o.minutes / 60), 'heure', 'heures')}`).join(' ; ')}.`;
    const chart = barChartSvg({ title, description: alt, labels: orgs.map((o) => o.name), values: orgs.map((o) => Math.round(o.minutes / 60)), unit: 'heures' });
    charts.push({ key: 'hours', title, alt, ...chart });
  }
  const tonnage = f.observatory.indicators.filter((i) => (TONNAGE_CODES as readonly string[]).includes(i.code));
  const obsYears = f.observatory.years.filter((y) => tonnage.some((i) => i.totals[String(y)] !== undefined));
  if (obsYears.length && tonnage.length) {
    const title = 'Tonnages des ressourceries du réseau (observatoire)';
    const alt = `${title}. ${obsYears
      .map((y) => `${y} : ${tonnage.map((i) => `${i.label.toLowerCase()} ${formatNumber(i.totals[String(y)] ?? 0, 'fr', 1)}`).join(', ')}`)
      .join(' ; ')}.`;
    const chart = columnChartSvg({
      title,
      description: alt,
      groups: obsYears.map(String),
      series: tonnage.map((i) => ({ name: i.label, values: obsYears.map((y) => i.totals[String(y)] ?? 0) })),
      unit: 'tonnes',
    });
    charts.push({ key: 'tonnes', title, alt, ...chart });
  }
  return charts;
}
