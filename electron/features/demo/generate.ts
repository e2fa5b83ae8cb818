import { localDay } from '../../../shared/format/day';
import type { Office } from '../../../shared/features/people/schemas';
import type { PartnerType } from '../../../shared/features/organisations/schemas';
import type { PaymentMethod } from '../../../shared/features/memberships/schemas';
import { completeSiret } from '../../../shared/validation/identifiers';
import { normalizeKey } from '../../../shared/validation/text';
import type { ApiCall } from '../../cli/api';
import { generateActivityDemo } from '../activities/demo';
import { generateMeetingsDemo } from '../meetings/demo';
import { generateTimeDemo } from '../time/demo';

/**
 * Demonstration data for a regional network of ressourceries, written through the API like a
 * secretary would (every rule of the services applies). Deterministic: a seeded generator, and
 * years relative to the given date (the last five years, the current one included).
 */

export interface DemoOptions {
  now: Date;
  seed?: number;
}

export interface DemoSummary {
  organisations: number;
  people: number;
  memberships: number;
  firstYear: number;
  lastYear: number;
}

/** mulberry32: small, fast, and the same sequence on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Size = 'small' | 'medium' | 'large';

const FEE_CENTS: Record<Size, number> = { small: 5000, medium: 10000, large: 15000 };

interface DemoMember {
  name: string;
  shortName?: string;
  address: string;
  postcode: string;
  city: string;
  size: Size;
  /** Years after the first demo year when it joined (0 or absent: member before the period). */
  joinsAfter?: number;
  joinedOn?: string;
  /** Joins in the current year. */
  joinsThisYear?: boolean;
  leaves?: { date: string; reason: string };
  note?: string;
}

/** Real communes and postcodes of Haute-Vienne (87), Creuse (23) and Corrèze (19); the organisations are fictional. */
const MEMBERS: readonly DemoMember[] = [
  { name: 'Le Monde Allant Vers', shortName: 'LMAV', address: '6 rue de la Collégiale', postcode: '87120', city: 'Eymoutiers', size: 'large', note: 'Structure porteuse de la coordination du réseau.' },
  { name: 'La Ressourcerie du Pays de Saint-Yrieix', address: '12 avenue du Président-Wilson', postcode: '87500', city: 'Saint-Yrieix-la-Perche', size: 'medium' },
  { name: 'Recyclerie de la Vallée de la Vézère', address: 'Zone artisanale du Mazet', postcode: '19260', city: 'Treignac', size: 'medium' },
  { name: 'Le Bazar du Val de Vienne', address: '21 boulevard de la République', postcode: '87200', city: 'Saint-Junien', size: 'large' },
  { name: 'La Trouvaille limougeaude', address: '45 rue de Nexon', postcode: '87100', city: 'Limoges', size: 'large' },
  { name: 'Ressourcerie des Monts d’Ambazac', address: '3 route de Saint-Sylvestre', postcode: '87240', city: 'Ambazac', size: 'small', joinsThisYear: true, joinedOn: '03-14' },
  { name: 'L’Atelier du réemploi de la Basse-Marche', address: '8 place du Palais', postcode: '87300', city: 'Bellac', size: 'small', joinsAfter: 1, joinedOn: '04-12' },
  { name: 'La Recyclerie creusoise', address: '17 avenue d’Auvergne', postcode: '23000', city: 'Guéret', size: 'large' },
  { name: 'Le Grenier d’Aubusson-Felletin', address: '2 rue des Déportés', postcode: '23200', city: 'Aubusson', size: 'medium' },
  { name: 'La Ressourcerie du Plateau de Millevaches', address: 'Le Bourg', postcode: '23340', city: 'Faux-la-Montagne', size: 'small' },
  {
    name: 'Recyclerie du Pays sostranien',
    address: '9 rue de Lavaud',
    postcode: '23300',
    city: 'La Souterraine',
    size: 'small',
    leaves: { date: '09-30', reason: 'Fusion avec La Recyclerie creusoise, qui reprend son activité et ses salariés.' },
  },
  { name: 'Ressourcerie de Haute-Corrèze', address: '4 avenue Pierre-Mendès-France', postcode: '19200', city: 'Ussel', size: 'medium' },
  { name: 'Objets en folie, ressourcerie du Pays de Brive', shortName: 'Objets en folie', address: '31 avenue Édouard-Herriot', postcode: '19100', city: 'Brive-la-Gaillarde', size: 'large' },
  { name: 'La Remise, ressourcerie de Tulle', shortName: 'La Remise', address: '14 quai de Rigny', postcode: '19000', city: 'Tulle', size: 'medium' },
  { name: 'Recyclerie du Pays de Ventadour', address: '5 rue du Champ-de-Foire', postcode: '19300', city: 'Égletons', size: 'small' },
  { name: 'La Boîte à réemploi', address: '10 rue de la Mairie', postcode: '23400', city: 'Bourganeuf', size: 'small', joinsAfter: 2, joinedOn: '02-05' },
];

interface DemoPartner {
  name: string;
  shortName: string;
  partnerType: PartnerType;
  address: string;
  postcode: string;
  city: string;
  contactRole: { female: string; male: string };
  note?: string;
}

const PARTNERS: readonly DemoPartner[] = [
  {
    name: 'ADEME Nouvelle-Aquitaine',
    shortName: 'ADEME',
    partnerType: 'environment_agency',
    address: '38 ter avenue de la Libération',
    postcode: '87000',
    city: 'Limoges',
    contactRole: { female: 'Chargée de mission économie circulaire', male: 'Chargé de mission économie circulaire' },
    note: 'Financeur du poste de coordination ; membre du comité de pilotage.',
  },
  {
    name: 'Région Nouvelle-Aquitaine',
    shortName: 'Région',
    partnerType: 'region',
    address: '27 boulevard de la Corderie',
    postcode: '87000',
    city: 'Limoges',
    contactRole: { female: 'Chargée de mission économie sociale et solidaire', male: 'Chargé de mission économie sociale et solidaire' },
  },
  {
    name: 'DREAL Nouvelle-Aquitaine',
    shortName: 'DREAL',
    partnerType: 'state_office',
    address: '22 rue des Pénitents-Blancs',
    postcode: '87000',
    city: 'Limoges',
    contactRole: { female: 'Inspectrice des installations classées, pôle déchets', male: 'Inspecteur des installations classées, pôle déchets' },
  },
  {
    name: 'Conseil départemental de la Creuse',
    shortName: 'CD23',
    partnerType: 'department_council',
    address: '4 place Louis-Lacrocq',
    postcode: '23000',
    city: 'Guéret',
    contactRole: { female: 'Chargée de mission environnement', male: 'Chargé de mission environnement' },
  },
  {
    name: 'SYDED de la Haute-Vienne',
    shortName: 'SYDED 87',
    partnerType: 'waste_syndicate',
    address: '1 avenue d’Ester',
    postcode: '87000',
    city: 'Limoges',
    contactRole: { female: 'Animatrice prévention des déchets', male: 'Animateur prévention des déchets' },
  },
  {
    name: 'France Active Limousin',
    shortName: 'Limousin Actif',
    partnerType: 'ess_funder',
    address: '14 rue Jean-Jaurès',
    postcode: '87000',
    city: 'Limoges',
    contactRole: { female: 'Chargée d’accompagnement et de financement', male: 'Chargé d’accompagnement et de financement' },
  },
];

const FEMALE = ['Marie', 'Claire', 'Sophie', 'Julie', 'Camille', 'Élodie', 'Nathalie', 'Isabelle', 'Aurélie', 'Léa', 'Hélène', 'Céline', 'Anne', 'Mathilde', 'Sandrine', 'Laure', 'Agnès', 'Émilie', 'Valérie', 'Chloé'];
const MALE = ['Jean', 'Pierre', 'Nicolas', 'Julien', 'Thomas', 'François', 'Sébastien', 'Olivier', 'Mathieu', 'Antoine', 'Benoît', 'Cédric', 'Damien', 'Guillaume', 'Laurent', 'Rémi', 'Yannick', 'Étienne', 'Hugo', 'Bruno'];
const LAST = [
  'Lagarde', 'Faure', 'Chastang', 'Mazaud', 'Peyrat', 'Delage', 'Bourdarias', 'Lachaud', 'Vergne', 'Roudier',
  'Boutaud', 'Dumas', 'Marcheix', 'Couty', 'Bonnaud', 'Pradeau', 'Magnaud', 'Lavergne', 'Chabrol', 'Nouhaud',
  'Tarrade', 'Villard', 'Jouhaud', 'Peyronnet', 'Gaillard', 'Laplaud', 'Coudert', 'Desbordes', 'Brousse', 'Aubrun',
  'Mérigot', 'Chazelas', 'Texier', 'Roche', 'Dupuy', 'Lamy', 'Bouchaud', 'Ribière', 'Soulier', 'Vialle',
];

/** Roles inside a member organisation, by position in its team; gendered forms as written on minutes. */
const MEMBER_ROLES: readonly { female: string; male: string }[] = [
  { female: 'Présidente de la structure', male: 'Président de la structure' },
  { female: 'Directrice', male: 'Directeur' },
  { female: 'Salariée, valoriste', male: 'Salarié, valoriste' },
  { female: 'Bénévole', male: 'Bénévole' },
];
const COORDINATOR_ROLE = { female: 'Coordinatrice', male: 'Coordinateur' };

interface Gendered {
  female: boolean;
}

class Generator {
  private readonly random: () => number;
  private readonly usedNames = new Set<string>();
  private readonly usedSirens = new Set<string>();
  private phoneCounter = 0;

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  person(): { firstName: string; lastName: string } & Gendered {
    for (;;) {
      const female = this.chance(0.55);
      const firstName = this.pick(female ? FEMALE : MALE);
      const lastName = this.pick(LAST);
      const key = `${firstName} ${lastName}`;
      if (this.usedNames.has(key)) continue;
      this.usedNames.add(key);
      return { firstName, lastName, female };
    }
  }

  /** A valid SIRET (Luhn) on a made-up SIREN, head office NIC 0001x. */
  siret(): string {
    for (;;) {
      const siren = String(this.int(3, 9)) + String(this.int(0, 99_999_999)).padStart(8, '0');
      if (this.usedSirens.has(siren)) continue;
      this.usedSirens.add(siren);
      return completeSiret(`${siren}0001`);
    }
  }

  /** Numbers from the ranges ARCEP reserves for fiction (05 36 49…, 06 39 98…): no real line is dialled by mistake. */
  phone(mobile: boolean): string {
    this.phoneCounter++;
    const tail = String((this.phoneCounter * 7919 + this.int(0, 50)) % 10000).padStart(4, '0');
    return `${mobile ? '06 39 98' : '05 36 49'} ${tail.slice(0, 2)} ${tail.slice(2)}`;
  }

  date(year: number, fromMonth: number, toMonth: number): string {
    const month = this.int(fromMonth, toMonth);
    const day = this.int(1, 28);
    return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }
}

/** `.example` is reserved (RFC 2606): the demo never holds a deliverable address. */
function domainFor(name: string): string {
  const slug = normalizeKey(name)
    .replace(/^(la|le|les|l) /, '')
    .replace(/[^a-z0-9 ]/g, '')
    .split(' ')
    .filter((w) => !['de', 'du', 'des', 'la', 'le', 'les', 'l', 'd', 'a'].includes(w))
    .slice(0, 4)
    .join('-');
  return `${slug}.example`;
}

function emailFor(person: { firstName: string; lastName: string }, domain: string): string {
  const local = normalizeKey(`${person.firstName} ${person.lastName}`).replace(/[^a-z ]/g, '').replace(/ /g, '.');
  return `${local}@${domain}`;
}

const gendered = (label: { female: string; male: string }, who: Gendered) => (who.female ? label.female : label.male);

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export async function generateDemo(api: ApiCall, options: DemoOptions): Promise<DemoSummary> {
  const g = new Generator(options.seed ?? 2012);
  const today = localDay(options.now);
  const lastYear = Number(today.slice(0, 4));
  const firstYear = lastYear - 4;
  let peopleCount = 0;
  let membershipCount = 0;

  await api('settings.update', {
    associationName: 'Réseau des ressourceries du Limousin',
    address: '2 avenue Foch',
    postcode: '87120',
    city: 'Eymoutiers',
    siret: completeSiret('8120456780001'),
    rna: 'W872004518',
    email: 'contact@ressourceries-limousin.example',
    phone: '05 36 49 12 87',
    website: 'https://ressourceries-limousin.example',
    logoDataUrl: null,
    etpHours: 1607,
    defaultHourlyValueCents: 2200,
    financialYearStartMonth: 1,
    defaultFeeCents: 10000,
  });

  async function createPerson(domain: string, mobile: boolean, consentDate: string | null) {
    const who = g.person();
    const person = await api('people.create', {
      civility: who.female ? 'madame' : 'monsieur',
      firstName: who.firstName,
      lastName: who.lastName,
      email: emailFor(who, domain),
      phone: g.phone(mobile),
      consentDate,
      consentNote: consentDate ? 'Accord écrit sur le bulletin d’adhésion' : null,
    });
    peopleCount++;
    return { ...who, id: person.id };
  }

  type TeamMember = Awaited<ReturnType<typeof createPerson>> & { role: number };
  const teams = new Map<number, TeamMember[]>();
  const memberIds: { member: DemoMember; id: number }[] = [];

  for (const member of MEMBERS) {
    const domain = domainFor(member.shortName ?? member.name);
    const organisation = await api('organisations.create', {
      name: member.name,
      shortName: member.shortName ?? null,
      kind: 'member',
      siret: g.siret(),
      address: member.address,
      postcode: member.postcode,
      city: member.city,
      email: `contact@${domain}`,
      phone: g.phone(false),
      website: `https://${domain}`,
      note: member.note ?? null,
    });
    memberIds.push({ member, id: organisation.id });

    const size = { small: 2, medium: 3, large: 4 }[member.size];
    const team: TeamMember[] = [];
    for (let role = 0; role < size; role++) {
      // Presidents and directors were there before the period; staff and volunteers came later.
      const startDate = role < 2 ? g.date(firstYear - g.int(2, 8), 1, 12) : g.date(firstYear + g.int(0, 2), 1, 12);
      const person = await createPerson(domain, role >= 2, g.chance(0.8) ? startDate : null);
      await api('people.addAffiliation', {
        personId: person.id,
        organisationId: organisation.id,
        role: gendered(MEMBER_ROLES[role]!, person),
        startDate,
        endDate: member.leaves && role < 2 ? `${lastYear - 1}-${member.leaves.date}` : null,
      });
      team.push({ ...person, role });
    }
    teams.set(organisation.id, team);

    // History: in some large teams the director changed halfway through the period.
    if (member.size === 'large' && g.chance(0.6)) {
      const director = team.find((t) => t.role === 1)!;
      const detail = await api('people.get', { id: director.id });
      const current = detail.affiliations.find((a) => a.organisationId === organisation.id)!;
      const handover = `${firstYear + 1}-08-31`;
      if (current.startDate < handover) {
        await api('people.endAffiliation', { id: current.id, endDate: handover });
        const successor = await createPerson(domain, false, `${firstYear + 1}-09-01`);
        await api('people.addAffiliation', {
          personId: successor.id,
          organisationId: organisation.id,
          role: gendered(MEMBER_ROLES[1]!, successor),
          startDate: `${firstYear + 1}-09-01`,
          endDate: null,
        });
        team[team.indexOf(director)] = { ...successor, role: 1 };
      }
    }
  }

  // The network's coordination is a post lent by the carrying member.
  const carrier = memberIds[0]!;
  const coordinator = await createPerson(domainFor(carrier.member.shortName ?? carrier.member.name), true, `${firstYear}-01-03`);
  await api('people.addAffiliation', {
    personId: coordinator.id,
    organisationId: carrier.id,
    role: `${gendered(COORDINATOR_ROLE, coordinator)} du réseau (mise à disposition)`,
    startDate: `${firstYear}-01-03`,
    endDate: null,
  });

  // After the merger, the departing member's director carries on at the member that took it over.
  const leaver = memberIds.find((m) => m.member.leaves)!;
  const taker = memberIds.find((m) => m.member.name === 'La Recyclerie creusoise')!;
  const moved = teams.get(leaver.id)!.find((t) => t.role === 1)!;
  const mergedOn = `${lastYear - 1}-${leaver.member.leaves!.date}`;
  const dayAfter = new Date(Date.parse(`${mergedOn}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  await api('people.addAffiliation', {
    personId: moved.id,
    organisationId: taker.id,
    role: 'Responsable d’atelier',
    startDate: dayAfter,
    endDate: null,
  });

  for (const partner of PARTNERS) {
    const domain = domainFor(partner.shortName);
    const organisation = await api('organisations.create', {
      name: partner.name,
      shortName: partner.shortName,
      kind: 'partner',
      partnerType: partner.partnerType,
      address: partner.address,
      postcode: partner.postcode,
      city: partner.city,
      email: `accueil@${domain}`,
      phone: g.phone(false),
      website: `https://${domain}`,
      note: partner.note ?? null,
    });
    const contacts = partner.partnerType === 'environment_agency' ? 2 : 1;
    for (let c = 0; c < contacts; c++) {
      const contact = await createPerson(domain, false, null);
      const past = contacts === 2 && c === 0;
      await api('people.addAffiliation', {
        personId: contact.id,
        organisationId: organisation.id,
        role: gendered(partner.contactRole, contact),
        startDate: past ? `${firstYear - 3}-03-01` : contacts === 2 ? `${firstYear + 2}-01-01` : g.date(firstYear - g.int(1, 4), 1, 12),
        endDate: past ? `${firstYear + 1}-12-31` : null,
      });
    }
  }

  // The association's board: officers come from the member organisations.
  const leaders = memberIds.filter((m) => !m.member.leaves && !m.member.joinsThisYear).map((m) => teams.get(m.id)!);
  const director = (i: number) => leaders[i]!.find((t) => t.role === 1)!;
  const president = (i: number) => leaders[i]!.find((t) => t.role === 0)!;
  const generalAssembly = (year: number) => `${year}-06-${pad(14 + ((year * 3) % 7))}`;
  const previousTerm = generalAssembly(firstYear + 1);
  const currentTerm = generalAssembly(firstYear + 2);
  const offices: { person: { id: number }; office: Office; startDate: string; endDate: string | null }[] = [
    { person: president(1), office: 'president', startDate: generalAssembly(firstYear - 2), endDate: currentTerm },
    { person: director(0), office: 'president', startDate: currentTerm, endDate: null },
    { person: president(3), office: 'vice_president', startDate: currentTerm, endDate: null },
    { person: director(7), office: 'treasurer', startDate: previousTerm, endDate: null },
    { person: president(10), office: 'deputy_treasurer', startDate: currentTerm, endDate: null },
    { person: director(4), office: 'secretary', startDate: currentTerm, endDate: null },
    { person: president(1), office: 'board_member', startDate: currentTerm, endDate: null },
    { person: director(11), office: 'board_member', startDate: previousTerm, endDate: null },
    { person: president(8), office: 'board_member', startDate: currentTerm, endDate: null },
  ];
  for (const o of offices) {
    await api('people.addOffice', { personId: o.person.id, office: o.office, startDate: o.startDate, endDate: o.endDate });
  }

  // Memberships: a fee by size, paid early in the year by transfer or cheque; a few late this year.
  const methods: readonly PaymentMethod[] = ['transfer', 'transfer', 'transfer', 'cheque', 'cheque', 'direct_debit', 'cash'];
  const activeThisYear = memberIds.filter((m) => !m.member.leaves);
  const lateIds = new Set<number>();
  while (lateIds.size < 3) lateIds.add(g.pick(activeThisYear).id);
  const partialId = activeThisYear.find((m) => !lateIds.has(m.id) && m.member.size !== 'small')!.id;

  for (const { member, id } of memberIds) {
    const joinYear = member.joinsThisYear ? lastYear : firstYear + (member.joinsAfter ?? 0);
    const lastMemberYear = member.leaves ? lastYear - 1 : lastYear;
    const voting = teams.get(id)!.find((t) => t.role === 0)!;
    for (let year = joinYear; year <= lastMemberYear; year++) {
      const fee = FEE_CENTS[member.size];
      const joinedOn = member.joinedOn && year === joinYear ? `${year}-${member.joinedOn}` : null;
      const joined = joinedOn && joinedOn > today ? today : joinedOn;
      let paidOn: string | null = joined ?? g.date(year, 1, 4);
      let amount = fee;
      let note: string | null = null;
      if (year === lastYear && lateIds.has(id)) {
        paidOn = null;
        amount = 0;
        note = 'Relance envoyée par courriel.';
      } else if (year === lastYear && id === partialId) {
        amount = fee / 2;
        note = 'Acompte ; le solde sera réglé avant l’assemblée générale.';
      }
      if (paidOn && paidOn > today) {
        paidOn = null;
        amount = 0;
      }
      const leaving = member.leaves && year === lastMemberYear;
      await api('memberships.save', {
        organisationId: id,
        year,
        feeDueCents: fee,
        amountPaidCents: amount,
        paidOn: amount > 0 ? paidOn : null,
        paymentMethod: amount > 0 ? g.pick(methods) : null,
        votingPersonId: voting.id,
        startDate: joined,
        exitDate: leaving ? `${year}-${member.leaves!.date}` : null,
        exitReason: leaving ? member.leaves!.reason : null,
        note,
      });
      membershipCount++;
    }
  }

  await generateMeetingsDemo(api, { now: options.now });
  await generateTimeDemo(api, { now: options.now });
  await generateActivityDemo(api, { now: options.now });

  return {
    organisations: MEMBERS.length + PARTNERS.length,
    people: peopleCount,
    memberships: membershipCount,
    firstYear,
    lastYear,
  };
}
