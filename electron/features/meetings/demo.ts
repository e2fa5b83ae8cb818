import { localDay } from '../../../shared/format/day';
import type { MeetingKind } from '../../../shared/features/meetings/kinds';
import { countVoters } from '../../../shared/features/meetings/quorum';
import type { Attendance, AttendanceStatus, FollowUpOutcome } from '../../../shared/features/meetings/schemas';
import type { ApiCall } from '../../cli/api';

/**
 * A year of the network's meetings, written through the API like a secretary would: two
 * coordination meetings (and the next one, scheduled), two technical days, the steering committee
 * with the funders, the bureau and the board, the general assembly. Agendas, attendance with
 * proxies, decisions with votes, actions carried from one meeting to the next; earlier minutes
 * approved at the following meeting of their series, the last ones still in draft.
 */

export interface MeetingsDemoSummary {
  meetings: number;
  decisions: number;
  actions: number;
}

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

const HOLIDAYS = ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'];

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** "de mars", "d’avril": the month a meeting is named after. */
function ofMonth(date: string): string {
  const month = MONTHS[Number(date.slice(5, 7)) - 1]!;
  return /^[aeiouéèo]/.test(month) ? `d’${month}` : `de ${month}`;
}

/** The first given weekday (0 = Sunday) of the month `offset` months from `today` (a local day). */
function weekdayOfMonth(today: string, offset: number, weekday: number, nth = 1): string {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(year, month - 1 + offset, 1));
  const shift = (weekday - first.getUTCDay() + 7) % 7;
  let day = 1 + shift + (nth - 1) * 7;
  // Not on a public holiday: the next day instead.
  while (HOLIDAYS.includes(`${pad(first.getUTCMonth() + 1)}-${pad(day)}`)) day++;
  return `${first.getUTCFullYear()}-${pad(first.getUTCMonth() + 1)}-${pad(day)}`;
}

function daysBefore(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - days)).toISOString().slice(0, 10);
}

interface Invitee {
  personId: number;
  organisationId: number | null;
  voting: boolean;
  capacity?: string;
}

interface DecisionSpec {
  text: string;
  consensus?: boolean;
  against?: number;
  abstain?: number;
}

interface ActionSpec {
  text: string;
  ownerPersonId?: number | null;
  ownerOrganisationId?: number | null;
  dueInDays: number;
}

interface ItemSpec {
  title: string;
  presenterPersonId?: number | null;
  minutes?: number;
  discussion?: string;
  decisions?: DecisionSpec[];
  actions?: ActionSpec[];
}

interface MeetingSpec {
  kind: MeetingKind;
  title: string;
  date: string;
  start: string;
  end: string;
  hostOrganisationId?: number;
  address?: string;
  chairPersonId: number | null;
  secretaryPersonId: number | null;
  convenedByPersonId: number;
  convenedHow: 'email' | 'post' | 'email_and_post';
  inviteVotingRepresentatives?: boolean;
  invitees?: Invitee[];
  /** Share of invitees present; some of the others give a proxy, some are excused. */
  presence?: number;
  proxies?: number;
  uninvited?: Invitee[];
  /** A discussion for the automatic "approval of the previous minutes" item. */
  items: ItemSpec[];
  followUp?: (index: number) => { outcome: FollowUpOutcome; newDueInDays?: number; note?: string } | null;
  /** Held: attendance, minutes. Not held: a scheduled meeting with its agenda only. */
  held: boolean;
  finalize: boolean;
}

export async function generateMeetingsDemo(api: ApiCall, options: { now: Date; seed?: number }): Promise<MeetingsDemoSummary> {
  const rnd = random(options.seed ?? 2026);
  // The user's day, not the UTC one: the demo's « last month » is the calendar's.
  const now = localDay(options.now);
  const summary: MeetingsDemoSummary = { meetings: 0, decisions: 0, actions: 0 };

  const organisations = (await api('organisations.list', {})).items;
  const members = organisations.filter((o) => o.kind === 'member');
  const partners = organisations.filter((o) => o.kind === 'partner');
  const people = (await api('people.list', {})).items;
  const officers = (await api('people.officers', {})).items;
  const officer = (office: string) => officers.find((o) => o.office === office)?.personId ?? null;
  const president = officer('president');
  const secretary = officer('secretary');
  const treasurer = officer('treasurer');
  const carrier = members.find((o) => o.shortName === 'LMAV') ?? members[0]!;
  const coordinator = people.find((p) => p.organisations.some((o) => /Coordinat/.test(o.role)))?.id ?? people[0]!.id;
  const organisationOf = (personId: number) => people.find((p) => p.id === personId)?.organisations[0]?.id ?? null;
  const byRole = (pattern: RegExp, organisationIds: number[]) =>
    people.filter((p) => p.organisations.some((o) => organisationIds.includes(o.id) && pattern.test(o.role)));
  const memberIds = members.map((o) => o.id);

  const staffOfMembers = byRole(/Valoris|Encadrant|Chargé|Chargée|Responsable|Agent|Salari/i, memberIds);
  const directors = byRole(/Direct|Coordinat|Gérant/i, memberIds);
  const funders = people.filter((p) => p.organisations.some((o) => partners.some((x) => x.id === o.id)));
  const boardMembers = [...new Set(officers.map((o) => o.personId))];

  const invitee = (personId: number, voting: boolean, capacity?: string): Invitee => ({ personId, organisationId: organisationOf(personId), voting, capacity });
  const due = (date: string, days: number) => daysBefore(date, -days);

  let previousOfKind = new Map<MeetingKind, { id: number; finalized: boolean }>();

  async function hold(spec: MeetingSpec): Promise<number> {
    const meeting = await api('meetings.create', {
      kind: spec.kind,
      title: spec.title,
      date: spec.date,
      startTime: spec.start,
      endTime: spec.end,
      hostOrganisationId: spec.hostOrganisationId ?? null,
      address: spec.address ?? null,
      convenedOn: daysBefore(spec.date, spec.kind === 'general_assembly' ? 21 : 15),
      convenedByPersonId: spec.convenedByPersonId,
      convenedHow: spec.convenedHow,
      chairPersonId: spec.chairPersonId,
      secretaryPersonId: spec.secretaryPersonId,
    });
    summary.meetings++;
    const id = meeting.id;
    if (spec.inviteVotingRepresentatives) await api('meetings.inviteVotingRepresentatives', { meetingId: id });
    for (const i of spec.invitees ?? []) {
      await api('meetings.addAttendee', { meetingId: id, personId: i.personId, organisationId: i.organisationId, capacity: i.capacity ?? null, invited: true, voting: i.voting }).catch(
        () => undefined,
      );
    }
    for (const item of spec.items) {
      await api('meetings.addAgendaItem', { meetingId: id, title: item.title, presenterPersonId: item.presenterPersonId ?? null, plannedMinutes: item.minutes ?? null });
    }
    if (!spec.held) {
      previousOfKind.set(spec.kind, { id, finalized: false });
      return id;
    }

    // Attendance: most invitees came, a few gave a proxy to someone present, others excused themselves.
    let detail = await api('meetings.get', { id });
    const invited = detail.attendances.filter((a) => a.invited);
    const statuses = new Map<number, AttendanceStatus>();
    for (const a of invited) statuses.set(a.id, rnd() < (spec.presence ?? 0.8) ? 'present' : rnd() < 0.6 ? 'excused' : 'absent');
    // The chair and the secretary were there.
    const mustAttend = new Set([spec.chairPersonId, spec.secretaryPersonId, coordinator, ...spec.items.map((i) => i.presenterPersonId)]);
    for (const a of invited) if (mustAttend.has(a.personId)) statuses.set(a.id, 'present');
    for (const a of invited) {
      const status = statuses.get(a.id)!;
      if (status !== 'pending') await api('meetings.updateAttendance', { id: a.id, status, proxyHolderPersonId: null, organisationId: a.organisationId, capacity: a.capacity, voting: a.voting });
    }
    const present = invited.filter((a) => statuses.get(a.id) === 'present' && a.voting);
    const away = invited.filter((a) => statuses.get(a.id) !== 'present' && a.voting);
    for (let p = 0; p < (spec.proxies ?? 0) && p < away.length && p < present.length; p++) {
      const a = away[p]!;
      await api('meetings.updateAttendance', {
        id: a.id,
        status: 'represented',
        proxyHolderPersonId: present[present.length - 1 - p]!.personId,
        organisationId: a.organisationId,
        capacity: a.capacity,
        voting: a.voting,
      });
    }
    for (const u of spec.uninvited ?? []) {
      await api('meetings.addAttendee', { meetingId: id, personId: u.personId, organisationId: u.organisationId, capacity: u.capacity ?? null, invited: false, voting: u.voting }).catch(
        () => undefined,
      );
    }

    detail = await api('meetings.get', { id });
    const voters = countVoters(detail.attendances as Attendance[]);

    // The previous minutes of the series, approved first thing.
    const previous = previousOfKind.get(spec.kind);
    const approvalItem = detail.agenda.find((i) => i.approvesMeeting);
    if (approvalItem && previous?.finalized) {
      await api('meetings.saveDiscussion', {
        id: approvalItem.id,
        discussion: 'Le compte rendu, envoyé avec la convocation, n’appelle **aucune remarque**.',
      });
      await api('meetings.approveMinutes', { meetingId: previous.id, approvedByMeetingId: id });
    }

    // Earlier actions of the series.
    for (const [index, f] of detail.followUps.entries()) {
      const outcome = spec.followUp?.(index) ?? { outcome: 'done' as const };
      if (!outcome) continue;
      await api('meetings.recordFollowUp', {
        meetingId: id,
        actionId: f.action.id,
        outcome: outcome.outcome,
        newDueDate: outcome.outcome === 'carried_over' ? due(spec.date, outcome.newDueInDays ?? 60) : null,
        note: outcome.note ?? null,
      });
    }

    // Minutes of each point.
    const items = detail.agenda.filter((i) => !i.approvesMeeting);
    for (const [index, item] of items.entries()) {
      const itemSpec = spec.items[index]!;
      if (itemSpec.discussion) await api('meetings.saveDiscussion', { id: item.id, discussion: itemSpec.discussion });
      for (const d of itemSpec.decisions ?? []) {
        const against = d.against ?? 0;
        const abstain = d.abstain ?? 0;
        await api('meetings.addDecision', {
          agendaItemId: item.id,
          text: d.text,
          voteMode: d.consensus ? 'consensus' : 'vote',
          votesFor: d.consensus ? null : Math.max(0, voters - against - abstain),
          votesAgainst: d.consensus ? null : against,
          votesAbstain: d.consensus ? null : abstain,
        });
        summary.decisions++;
      }
      for (const a of itemSpec.actions ?? []) {
        await api('meetings.addAction', {
          meetingId: id,
          agendaItemId: item.id,
          text: a.text,
          ownerPersonId: a.ownerPersonId ?? null,
          ownerOrganisationId: a.ownerOrganisationId ?? null,
          dueDate: due(spec.date, a.dueInDays),
        });
        summary.actions++;
      }
    }
    if (spec.finalize) await api('meetings.finalize', { id });
    previousOfKind.set(spec.kind, { id, finalized: spec.finalize });
    return id;
  }

  const host = (i: number) => members[i % members.length]!;
  const place = { hostOrganisationId: carrier.id };
  const pick = <T>(items: readonly T[], i: number) => items[i % Math.max(1, items.length)]!;
  const staff = (n: number) => staffOfMembers.slice(0, n).map((p) => invitee(p.id, false, undefined));
  const someDirector = (i: number) => pick(directors, i).id;

  // ——— The year, oldest first ———

  await hold({
    kind: 'bureau',
    title: `Bureau ${ofMonth(weekdayOfMonth(now, -11, 2, 2))}`,
    date: weekdayOfMonth(now, -11, 2, 2),
    start: '18:00',
    end: '20:00',
    address: 'Visioconférence',
    chairPersonId: president,
    secretaryPersonId: secretary,
    convenedByPersonId: president ?? coordinator,
    convenedHow: 'email',
    invitees: [...boardMembers.slice(0, 5).map((id) => invitee(id, true)), invitee(coordinator, false)],
    presence: 0.9,
    items: [
      {
        title: 'Préparation de l’assemblée générale',
        presenterPersonId: president,
        minutes: 45,
        discussion:
          'Le bureau arrête la date et le lieu de l’assemblée générale.\n\nPoints à préparer :\n- le **rapport moral** (présidence) ;\n- le **rapport financier** (trésorerie) ;\n- le rapport d’activité, à partir des chiffres de l’observatoire.',
        decisions: [{ text: 'Le bureau propose de tenir l’assemblée générale en juin, à Eymoutiers.', consensus: true }],
        actions: [
          { text: 'Réserver la salle et organiser le repas partagé', ownerPersonId: coordinator, dueInDays: 30 },
          { text: 'Préparer le rapport financier et le faire viser par l’expert-comptable', ownerPersonId: treasurer, dueInDays: 45 },
        ],
      },
      {
        title: 'Point sur la trésorerie',
        presenterPersonId: treasurer,
        minutes: 20,
        discussion: 'La trésorerie est saine : le solde de la subvention de l’ADEME est attendu *avant l’été*.',
      },
    ],
    held: true,
    finalize: true,
  });

  await hold({
    kind: 'coordination',
    title: `Réunion de coordination ${ofMonth(weekdayOfMonth(now, -10, 4, 2))}`,
    date: weekdayOfMonth(now, -10, 4, 2),
    start: '09:30',
    end: '16:30',
    ...place,
    chairPersonId: president,
    secretaryPersonId: coordinator,
    convenedByPersonId: coordinator,
    convenedHow: 'email',
    inviteVotingRepresentatives: true,
    invitees: [invitee(coordinator, false)],
    presence: 0.75,
    uninvited: staff(2),
    items: [
      {
        title: 'Tour de table des structures',
        minutes: 60,
        discussion:
          'Chaque structure présente son actualité.\n\n- La Trouvaille limougeaude ouvre un **second point de vente** en centre-ville.\n- La Recyclerie creusoise recrute deux valoristes en contrat aidé.\n- Plusieurs structures signalent une hausse des apports de *textiles* depuis la fermeture d’un point de collecte.',
      },
      {
        title: 'Collecte et valorisation du textile',
        presenterPersonId: someDirector(1),
        minutes: 45,
        discussion:
          'Le réseau étudie une filière commune pour les textiles non revendables.\nDeux pistes : un partenariat avec un opérateur régional de tri, ou un atelier de surcyclage mutualisé.',
        decisions: [{ text: 'Le réseau lance une étude d’opportunité sur une filière textile mutualisée, pilotée par un groupe de trois structures.', consensus: true }],
        actions: [
          { text: 'Réunir le groupe de travail textile et rédiger le cahier des charges de l’étude', ownerOrganisationId: host(3).id, dueInDays: 60 },
          { text: 'Recenser les volumes de textiles non revendables de chaque structure', ownerPersonId: coordinator, dueInDays: 45 },
          { text: 'Contacter l’opérateur régional de tri pour une visite', ownerPersonId: someDirector(2), dueInDays: 30 },
        ],
      },
      {
        title: 'Semaine européenne de la réduction des déchets',
        presenterPersonId: coordinator,
        minutes: 30,
        discussion: 'Le réseau coordonnera un programme commun d’animations en novembre : ateliers de réparation, **« Faites de la récup’ »**, visites.',
        actions: [{ text: 'Proposer un calendrier commun d’animations', ownerPersonId: coordinator, dueInDays: 120 }],
      },
    ],
    held: true,
    finalize: true,
  });

  await hold({
    kind: 'general_assembly',
    title: `Assemblée générale ordinaire ${weekdayOfMonth(now, -9, 6).slice(0, 4)}`,
    date: weekdayOfMonth(now, -9, 6, 2),
    start: '10:00',
    end: '16:00',
    ...place,
    chairPersonId: president,
    secretaryPersonId: secretary,
    convenedByPersonId: president ?? coordinator,
    convenedHow: 'email_and_post',
    inviteVotingRepresentatives: true,
    invitees: [invitee(coordinator, false)],
    presence: 0.7,
    proxies: 2,
    uninvited: funders.slice(0, 2).map((p) => invitee(p.id, false, 'Partenaire invité')),
    items: [
      {
        title: 'Rapport moral',
        presenterPersonId: president,
        minutes: 30,
        discussion: 'La présidence retrace l’année : **quinze structures adhérentes**, deux journées techniques, l’arrivée de nouveaux membres en Creuse.',
        decisions: [{ text: 'L’assemblée générale approuve le rapport moral.', abstain: 1 }],
      },
      {
        title: 'Rapport d’activité',
        presenterPersonId: coordinator,
        minutes: 40,
        discussion: 'La coordination présente les chiffres de l’observatoire :\n- tonnages collectés et réemployés ;\n- emplois et bénévoles ;\n- actions de sensibilisation.',
      },
      {
        title: 'Rapport financier et affectation du résultat',
        presenterPersonId: treasurer,
        minutes: 30,
        discussion: 'Le compte de résultat fait apparaître un *léger excédent*, affecté au fonds associatif.',
        decisions: [
          { text: 'L’assemblée générale approuve les comptes de l’exercice et donne quitus au conseil d’administration.', abstain: 1 },
          { text: 'L’assemblée générale affecte l’excédent de l’exercice au fonds associatif.' },
        ],
      },
      {
        title: 'Montant des cotisations',
        presenterPersonId: treasurer,
        minutes: 15,
        discussion: 'Le conseil propose de maintenir le barème par taille de structure (50, 100 et 150 €).',
        decisions: [{ text: 'Les cotisations de l’année suivante sont maintenues à 50, 100 et 150 € selon la taille de la structure.', against: 1, abstain: 2 }],
      },
      {
        title: 'Renouvellement du conseil d’administration',
        presenterPersonId: president,
        minutes: 20,
        decisions: [{ text: 'Sont élus au conseil d’administration les candidats présentés en séance.' }],
        actions: [{ text: 'Déclarer le changement de dirigeants en préfecture', ownerPersonId: secretary, dueInDays: 30 }],
      },
    ],
    held: true,
    finalize: true,
  });

  await hold({
    kind: 'board',
    title: 'Conseil d’administration d’installation',
    date: weekdayOfMonth(now, -9, 6, 2),
    start: '16:30',
    end: '17:30',
    ...place,
    chairPersonId: president,
    secretaryPersonId: secretary,
    convenedByPersonId: president ?? coordinator,
    convenedHow: 'email',
    invitees: boardMembers.map((id) => invitee(id, true)),
    presence: 0.85,
    proxies: 1,
    items: [
      {
        title: 'Élection du bureau',
        presenterPersonId: president,
        minutes: 30,
        discussion: 'Les candidats aux fonctions du bureau se présentent.',
        decisions: [{ text: 'Le conseil d’administration élit le bureau : présidence, vice-présidence, trésorerie, secrétariat.' }],
      },
      {
        title: 'Calendrier des réunions',
        presenterPersonId: coordinator,
        minutes: 15,
        decisions: [{ text: 'Le conseil adopte le calendrier : deux réunions de coordination, deux journées techniques et un comité de pilotage par an.', consensus: true }],
        actions: [{ text: 'Diffuser le calendrier aux structures adhérentes', ownerPersonId: coordinator, dueInDays: 15 }],
      },
    ],
    held: true,
    finalize: true,
  });

  await hold({
    kind: 'technical_day',
    title: 'Journée technique : réparer l’électroménager',
    date: weekdayOfMonth(now, -7, 2, 2),
    start: '09:00',
    end: '17:00',
    hostOrganisationId: host(4).id,
    chairPersonId: coordinator,
    secretaryPersonId: coordinator,
    convenedByPersonId: coordinator,
    convenedHow: 'email',
    invitees: [...staff(8), invitee(coordinator, false)],
    presence: 0.8,
    items: [
      {
        title: 'Atelier : diagnostic du petit électroménager',
        minutes: 180,
        discussion: 'Atelier animé par un réparateur de la structure d’accueil.\n\n**Retenu :** un protocole de test commun avant mise en vente, et une fiche de traçabilité par appareil.',
        actions: [{ text: 'Rédiger la fiche de test commune et la partager', ownerOrganisationId: host(4).id, dueInDays: 45 }],
      },
      {
        title: 'Sécurité électrique et assurance',
        minutes: 60,
        discussion: 'Rappel des obligations : pas de vente sans test, étiquetage *« appareil testé »*, registre.',
        actions: [{ text: 'Interroger l’assureur du réseau sur la garantie des appareils réparés', ownerPersonId: coordinator, dueInDays: 60 }],
      },
    ],
    held: true,
    finalize: true,
  });

  await hold({
    kind: 'steering_committee',
    title: `Comité de pilotage ${weekdayOfMonth(now, -5, 4, 2).slice(0, 4)}`,
    date: weekdayOfMonth(now, -5, 4, 2),
    start: '14:00',
    end: '17:00',
    address: 'Hôtel de Région, 27 boulevard de la Corderie, 87000 Limoges',
    chairPersonId: president,
    secretaryPersonId: coordinator,
    convenedByPersonId: president ?? coordinator,
    convenedHow: 'email',
    invitees: [
      ...(president ? [invitee(president, true, 'Présidence du réseau')] : []),
      ...(treasurer ? [invitee(treasurer, true, 'Trésorerie du réseau')] : []),
      invitee(coordinator, false),
      ...funders.map((p) => invitee(p.id, false, 'Financeur')),
    ],
    presence: 0.85,
    items: [
      {
        title: 'Bilan de l’action du réseau',
        presenterPersonId: coordinator,
        minutes: 45,
        discussion: 'Présentation du bilan : accompagnement de **trois porteurs de projet**, journées techniques, sensibilisation.',
      },
      {
        title: 'Financement du poste de coordination',
        presenterPersonId: president,
        minutes: 45,
        discussion: 'Les financeurs confirment leur soutien pour l’année suivante, sous réserve du dépôt des demandes avant la fin de l’année.',
        decisions: [{ text: 'Le comité de pilotage valide les orientations de l’année suivante et le plan de financement présenté.', consensus: true }],
        actions: [
          { text: 'Déposer la demande de subvention ADEME', ownerPersonId: coordinator, dueInDays: 40 },
          { text: 'Transmettre le bilan quantitatif aux financeurs', ownerOrganisationId: carrier.id, dueInDays: 20 },
        ],
      },
    ],
    held: true,
    finalize: true,
  });

  await hold({
    kind: 'bureau',
    title: `Bureau ${ofMonth(weekdayOfMonth(now, -4, 2, 2))}`,
    date: weekdayOfMonth(now, -4, 2, 2),
    start: '18:00',
    end: '20:00',
    address: 'Visioconférence',
    chairPersonId: president,
    secretaryPersonId: secretary,
    convenedByPersonId: president ?? coordinator,
    convenedHow: 'email',
    invitees: [...boardMembers.slice(0, 5).map((id) => invitee(id, true)), invitee(coordinator, false)],
    presence: 0.9,
    items: [
      {
        title: 'Suivi budgétaire',
        presenterPersonId: treasurer,
        minutes: 30,
        discussion: 'Le budget est tenu. Une dépense imprévue (réparation du véhicule) est absorbée par la réserve.',
        decisions: [{ text: 'Le bureau autorise la dépense de réparation du véhicule du réseau.', consensus: true }],
      },
    ],
    followUp: (i) => (i === 0 ? { outcome: 'done' } : { outcome: 'done', note: 'Comptes visés le mois dernier.' }),
    held: true,
    finalize: true,
  });

  await hold({
    kind: 'coordination',
    title: `Réunion de coordination ${ofMonth(weekdayOfMonth(now, -3, 4, 2))}`,
    date: weekdayOfMonth(now, -3, 4, 2),
    start: '09:30',
    end: '16:30',
    hostOrganisationId: host(7).id,
    chairPersonId: president,
    secretaryPersonId: coordinator,
    convenedByPersonId: coordinator,
    convenedHow: 'email',
    inviteVotingRepresentatives: true,
    invitees: [invitee(coordinator, false)],
    presence: 0.8,
    uninvited: staff(1),
    items: [
      {
        title: 'Étude textile : restitution du groupe de travail',
        presenterPersonId: someDirector(1),
        minutes: 60,
        discussion:
          'Le groupe présente le cahier des charges.\n\n- Volumes estimés : à consolider.\n- Budget de l’étude : à financer en partie par la Région.\n\nLe réseau retient **l’atelier mutualisé** comme piste principale.',
        decisions: [{ text: 'Le réseau retient la piste d’un atelier de surcyclage textile mutualisé et sollicite la Région pour financer l’étude.', consensus: true }],
        actions: [{ text: 'Déposer une demande de financement de l’étude textile auprès de la Région', ownerPersonId: coordinator, dueInDays: 150 }],
      },
      {
        title: 'Programme de la Semaine européenne de la réduction des déchets',
        presenterPersonId: coordinator,
        minutes: 30,
        discussion: 'Douze animations sont programmées dans neuf structures.',
      },
      {
        title: 'Questions diverses',
        minutes: 15,
        discussion: 'Une structure demande un modèle commun de *convention de bénévolat*.',
        actions: [{ text: 'Proposer un modèle de convention de bénévolat', ownerOrganisationId: host(2).id, dueInDays: 120 }],
      },
    ],
    // The three spring actions: the volumes still missing (carried over), the visit done, the tender replaced by the new plan.
    followUp: (i) =>
      [
        { outcome: 'dropped' as const, note: 'Remplacé par la demande de financement décidée ce jour.' },
        { outcome: 'carried_over' as const, newDueInDays: 60, note: 'Il manque les chiffres de quatre structures.' },
        { outcome: 'done' as const },
        { outcome: 'done' as const },
      ][i] ?? { outcome: 'done' },
    held: true,
    finalize: false,
  });

  await hold({
    kind: 'technical_day',
    title: 'Journée technique : accueil et encadrement des bénévoles',
    date: weekdayOfMonth(now, -2, 2, 2),
    start: '09:00',
    end: '17:00',
    hostOrganisationId: host(9).id,
    chairPersonId: coordinator,
    secretaryPersonId: coordinator,
    convenedByPersonId: coordinator,
    convenedHow: 'email',
    invitees: [...staff(8), invitee(coordinator, false)],
    presence: 0.75,
    items: [
      {
        title: 'Témoignages : accueillir des bénévoles',
        minutes: 120,
        discussion: 'Trois structures présentent leur organisation : **référent bénévoles**, livret d’accueil, réunions mensuelles.',
        actions: [{ text: 'Compiler les livrets d’accueil existants en un modèle commun', ownerPersonId: coordinator, dueInDays: 120 }],
      },
    ],
    followUp: (i) => (i === 0 ? { outcome: 'done' } : { outcome: 'carried_over', newDueInDays: 30, note: 'Réponse de l’assureur attendue.' }),
    held: true,
    finalize: false,
  });

  await hold({
    kind: 'board',
    title: `Conseil d’administration ${ofMonth(weekdayOfMonth(now, -1, 2, 2))}`,
    date: weekdayOfMonth(now, -1, 2, 2),
    start: '18:00',
    end: '20:30',
    ...place,
    chairPersonId: president,
    secretaryPersonId: secretary,
    convenedByPersonId: president ?? coordinator,
    convenedHow: 'email',
    invitees: boardMembers.map((id) => invitee(id, true)),
    presence: 0.8,
    proxies: 1,
    items: [
      {
        title: 'Budget prévisionnel',
        presenterPersonId: treasurer,
        minutes: 45,
        discussion: 'Le budget prévisionnel intègre la **hausse du temps de coordination** mis à disposition.',
        decisions: [{ text: 'Le conseil d’administration adopte le budget prévisionnel de l’année.', abstain: 1 }],
        actions: [{ text: 'Présenter le budget prévisionnel aux financeurs', ownerPersonId: treasurer, dueInDays: 75 }],
      },
    ],
    held: true,
    finalize: false,
  });

  // The next coordination meeting: scheduled, convened, its agenda ready.
  await hold({
    kind: 'coordination',
    title: `Réunion de coordination ${ofMonth(weekdayOfMonth(now, 1, 4, 2))}`,
    date: weekdayOfMonth(now, 1, 4, 2),
    start: '09:30',
    end: '16:30',
    hostOrganisationId: host(12).id,
    chairPersonId: president,
    secretaryPersonId: coordinator,
    convenedByPersonId: coordinator,
    convenedHow: 'email',
    inviteVotingRepresentatives: true,
    invitees: [invitee(coordinator, false)],
    items: [
      { title: 'Tour de table des structures', minutes: 60 },
      { title: 'Atelier textile : suite de la demande à la Région', presenterPersonId: coordinator, minutes: 45 },
      { title: 'Préparation de l’assemblée générale', presenterPersonId: president, minutes: 30 },
    ],
    held: false,
    finalize: false,
  });
  previousOfKind = new Map();
  return summary;
}
