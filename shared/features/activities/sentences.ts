import { formatMoney, formatNumber } from '../../format/fr';
import type { ReportFigures, ReportMetric } from './schemas';

/**
 * The quantitative results of a report as sentences a person would write, French plural agreement
 * included ("19 actions de sensibilisation menées par 6 ressourceries"). Each sentence keeps the
 * metric it comes from, so the UI can open the records behind it.
 */

export interface FigureSentence {
  metric: ReportMetric | 'budget';
  value: number;
  text: string;
}

const n = (value: number) => formatNumber(value, 'fr');
/** "1 visite" / "20 visites": French takes the singular for 0 and 1. */
export const plural = (count: number, one: string, many: string) => (Math.abs(count) < 2 ? one : many);
const counted = (count: number, one: string, many: string) => `${n(count)} ${plural(count, one, many)}`;

/** 1,0 ETP: one decimal, as funders read it. */
export function formatEtp(etp: number): string {
  return `${formatNumber(etp, 'fr', 1)} ETP`;
}

export function formatHours(minutes: number): string {
  return `${formatNumber(Math.round(minutes / 60), 'fr')} ${plural(Math.round(minutes / 60), 'heure', 'heures')}`;
}

/** "menées par 6 ressourceries": the participle agrees with the actions, the count with the leaders. */
function leadBy(count: number, actions: number): string {
  const led = plural(actions, 'menée', 'menées');
  return count > 0 ? ` ${led} par ${counted(count, 'ressourcerie', 'ressourceries')}` : '';
}

/** Joins "a", "a et b", "a, b et c". */
export function joinFr(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} et ${parts[parts.length - 1]}`;
}

export function metricValue(f: ReportFigures, metric: ReportMetric): number {
  switch (metric) {
    case 'meeting_days':
      return f.meetings.days;
    case 'awareness_actions':
      return f.awareness.count;
    case 'outreach_events':
      return f.outreach.count;
    case 'visits':
      return f.visits.count;
    case 'visits_local_authority':
      return f.visits.localAuthority;
    case 'visits_project_founder':
      return f.visits.projectFounder;
    case 'conferences':
      return f.conferences;
    case 'support_sessions':
      return f.support.sessions;
    case 'founders_supported':
      return f.support.founders;
    case 'communication_tools':
      return f.communication;
    case 'people_reached':
      return f.peopleReached;
    case 'new_members':
      return f.newMembers.length;
    case 'etp':
      return Math.round(f.time.etp * 10) / 10;
    case 'hours':
      return Math.round(f.time.minutes / 60);
  }
}

export function meetingDaysSentence(f: ReportFigures): string {
  const parts: string[] = [];
  if (f.meetings.coordination) parts.push(counted(f.meetings.coordination, 'réunion de coordination', 'réunions de coordination'));
  if (f.meetings.technicalDays) parts.push(counted(f.meetings.technicalDays, 'journée technique', 'journées techniques'));
  return `${counted(f.meetings.days, 'journée de rencontre', 'journées de rencontre')} entre les ressourceries${parts.length ? ` (${joinFr(parts)})` : ''}`;
}

export function awarenessSentence(f: ReportFigures): string {
  const a = f.awareness;
  let text = `${counted(a.count, 'action de sensibilisation', 'actions de sensibilisation')}${leadBy(a.leaders, a.count)}`;
  const main = a.campaigns[0];
  if (main && main.count === a.count) text += ` à l’occasion de « ${main.name} »`;
  else if (main) text += `, dont ${n(main.count)} à l’occasion de « ${main.name} »`;
  return text;
}

export function visitsSentence(f: ReportFigures): string {
  const v = f.visits;
  const parts: string[] = [];
  if (v.localAuthority) parts.push(`${n(v.localAuthority)} par ${plural(v.localAuthority, 'une collectivité territoriale', 'des collectivités territoriales')}`);
  if (v.projectFounder) parts.push(`${n(v.projectFounder)} par ${plural(v.projectFounder, 'un porteur de projet', 'des porteurs de projets')}`);
  if (v.other) parts.push(`${n(v.other)} par ${plural(v.other, 'un autre visiteur', 'd’autres visiteurs')}`);
  const head = `${counted(v.count, 'visite de ressourcerie réalisée', 'visites de ressourceries réalisées')}`;
  // "dont" only when the visits split: a single kind of visitor reads "6 visites … par des collectivités".
  if (parts.length > 1) return `${head}, dont ${joinFr(parts)}`;
  return parts.length === 1 ? `${head} ${parts[0]!.replace(/^[\d\u202F\u00A0]+ /, '')}` : head;
}

export function newMembersSentence(f: ReportFigures): string {
  const count = f.newMembers.length;
  return `${counted(count, 'ressourcerie', 'ressourceries')} ${plural(count, 'a rejoint', 'ont rejoint')} le réseau`;
}

export function etpSentence(f: ReportFigures): string {
  const orgs = f.time.organisations;
  const by = orgs ? ` par ${counted(orgs, 'structure adhérente', 'structures adhérentes')}` : '';
  return `${formatEtp(f.time.etp)} mis à disposition${by} (${formatHours(f.time.minutes)}, ${plural(f.time.minutes, 'valorisée', 'valorisées')} ${formatMoney(Math.round(f.time.valueCents / 100) * 100)})`;
}

export function budgetSentence(f: ReportFigures): string {
  const fin = f.finances;
  const actual = fin.totalActualCents > 0;
  const total = actual ? fin.totalActualCents : fin.totalPlannedCents;
  const sideCosts = actual ? fin.sideCostsActualCents : fin.sideCostsPlannedCents;
  return `${formatMoney(Math.round(total / 100) * 100)} dont ${formatMoney(Math.round(sideCosts / 100) * 100)} de frais annexes (spectacles, impression, graphisme, achats…)${actual ? '' : ' au budget prévisionnel'}`;
}

/** The list of quantitative results, figures that are zero left out. */
export function quantitativeSentences(f: ReportFigures): FigureSentence[] {
  const out: FigureSentence[] = [];
  const add = (metric: FigureSentence['metric'], value: number, text: string) => {
    if (value > 0) out.push({ metric, value, text });
  };
  add('meeting_days', f.meetings.days, meetingDaysSentence(f));
  add('awareness_actions', f.awareness.count, awarenessSentence(f));
  add('outreach_events', f.outreach.count, `${counted(f.outreach.count, 'animation', 'animations')}${leadBy(f.outreach.leaders, f.outreach.count)}`);
  add('visits', f.visits.count, visitsSentence(f));
  add('conferences', f.conferences, `${counted(f.conferences, 'participation à un colloque ou à une réunion organisés par les partenaires', 'participations à des colloques ou réunions organisés par les partenaires')}`);
  add(
    'support_sessions',
    f.support.sessions,
    `${counted(f.support.sessions, 'séance', 'séances')} d’accompagnement${f.support.founders ? ` de ${counted(f.support.founders, 'porteur de projet', 'porteurs de projets')}` : ''}`,
  );
  add('communication_tools', f.communication, `${counted(f.communication, 'outil de communication réalisé', 'outils de communication réalisés')}`);
  add('people_reached', f.peopleReached, `${counted(f.peopleReached, 'personne sensibilisée', 'personnes sensibilisées')} lors des actions du réseau`);
  add('new_members', f.newMembers.length, newMembersSentence(f));
  return out;
}
