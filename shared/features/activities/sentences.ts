import { formatDateLong, formatMoney, formatNumber } from '../../format/fr';
import { counted, joinFr, plural } from '../../format/french';
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
export { joinFr, plural };

/** 1,0 ETP: one decimal, as funders read it. */
export function formatEtp(etp: number): string {
  return `${formatNumber(etp, 'fr', 1)} ETP`;
}

export function formatHours(minutes: number): string {
  return counted(Math.round(minutes / 60), 'heure', 'heures');
}

/** "menées par 6 ressourceries": the participle agrees with the actions, the count with the leaders. */
function leadBy(count: number, actions: number): string {
  const led = plural(actions, 'menée', 'menées');
  return count > 0 ? ` ${led} par ${counted(count, 'ressourcerie', 'ressourceries')}` : '';
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

/** A reason typed as a sentence, continued after a colon: "Fusion avec…" → "fusion avec…" (acronyms kept). */
const lowerFirst = (s: string) => (/^\p{Lu}\p{Ll}/u.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);

/** "aucune ressourcerie n’a rejoint le réseau", "1 ressourcerie a rejoint le réseau", "2 ressourceries ont rejoint le réseau". */
export function newMembersSentence(f: ReportFigures): string {
  const count = f.newMembers.length;
  if (count === 0) return 'aucune ressourcerie n’a rejoint le réseau';
  return `${counted(count, 'ressourcerie', 'ressourceries')} ${plural(count, 'a rejoint', 'ont rejoint')} le réseau`;
}

/** The arrivals and departures of the period, names and dates included: "aucune ressourcerie n’a rejoint le réseau et 1 l’a quitté : X (30 septembre 2025 : fusion…)". */
export function membershipChangesSentence(f: ReportFigures): string {
  const joined = f.newMembers.map((m) => `${m.name} (${formatDateLong(m.joinedOn)})`);
  const left = f.departures.map((d) => `${d.name} (${[d.leftOn ? `sortie le ${formatDateLong(d.leftOn)}` : 'adhésion non renouvelée', d.reason ? lowerFirst(d.reason.replace(/\.$/, '')) : null].filter(Boolean).join(' : ')})`);
  const arrivals = `${newMembersSentence(f)}${joined.length ? ` : ${joinFr(joined)}` : ''}`;
  const count = f.departures.length;
  const departures = count === 0 ? 'aucune ne l’a quitté' : `${n(count)} ${plural(count, 'l’a quitté', 'l’ont quitté')} : ${joinFr(left)}`;
  return joined.length ? `${arrivals} ; ${departures}` : `${arrivals} et ${departures}`;
}

/** "au 31 décembre 2025, le réseau compte 14 structures adhérentes": the roll on the period's last day. */
export function membersSentence(f: ReportFigures): string {
  const count = f.members.length;
  return `Au ${formatDateLong(f.to)}, le réseau compte ${counted(count, 'structure adhérente', 'structures adhérentes', 'aucune structure adhérente')}`;
}

/**
 * "2,0 ETP mis à disposition par 15 structures, dont 1 sortie du réseau en cours de période (…)":
 * the time ledger counts every organisation that gave time, which is not the members' roll; the
 * difference is said.
 */
export function etpSentence(f: ReportFigures): string {
  const orgs = f.time.organisations;
  const memberIds = new Set(f.members.map((m) => m.id));
  const departedIds = new Set(f.departures.map((d) => d.id));
  const givers = f.time.byOrganisation.filter((o) => o.organisationId !== null);
  const departed = givers.filter((o) => departedIds.has(o.organisationId!)).length;
  const others = givers.filter((o) => !memberIds.has(o.organisationId!) && !departedIds.has(o.organisationId!)).length;
  let by = '';
  if (orgs && !departed && !others) by = ` par ${counted(orgs, 'structure adhérente', 'structures adhérentes')}`;
  else if (orgs) {
    const notes = [
      departed ? `${n(departed)} ${plural(departed, 'sortie', 'sorties')} du réseau en cours de période` : null,
      others ? `${n(others)} non ${plural(others, 'adhérente', 'adhérentes')} au ${formatDateLong(f.to)}` : null,
    ].filter((x): x is string => x !== null);
    by = ` par ${counted(orgs, 'structure', 'structures')}, dont ${joinFr(notes)}`;
  }
  const hours = Math.round(f.time.minutes / 60);
  return `${formatEtp(f.time.etp)} mis à disposition${by} (${formatHours(f.time.minutes)}, ${plural(hours, 'valorisée', 'valorisées')} ${formatMoney(Math.round(f.time.valueCents / 100) * 100)})`;
}

/** "excédent de 1 200 €", "déficit de 500 €", "équilibre". */
export function resultLabel(cents: number): string {
  if (cents === 0) return 'équilibre';
  return `${cents > 0 ? 'excédent' : 'déficit'} de ${formatMoney(Math.abs(cents), 'fr', { decimals: false })}`;
}

/** "Charges réalisées : 60 000 €, dont 13 000 € de frais annexes (…) ; résultat : déficit de 500 €". */
export function budgetSentence(f: ReportFigures): string {
  const fin = f.finances;
  const actual = fin.totalActualCents > 0;
  const total = actual ? fin.totalActualCents : fin.totalPlannedCents;
  const sideCosts = actual ? fin.sideCostsActualCents : fin.sideCostsPlannedCents;
  const inKind = fin.inKind ? (actual ? fin.inKind.ledgerCents : fin.inKind.plannedCents) : 0;
  const parts = [
    inKind ? `${formatMoney(Math.round(inKind / 100) * 100)} de temps mis à disposition valorisé` : null,
    sideCosts ? `${formatMoney(Math.round(sideCosts / 100) * 100)} de frais annexes (spectacles, impression, graphisme, achats…)` : null,
  ].filter((x): x is string => x !== null);
  const result = actual ? fin.resultActualCents : fin.resultPlannedCents;
  return `${actual ? 'Charges réalisées' : 'Charges prévues au budget prévisionnel'} : ${formatMoney(Math.round(total / 100) * 100)}${parts.length ? `, dont ${joinFr(parts)}` : ''} ; résultat : ${resultLabel(result)}`;
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
