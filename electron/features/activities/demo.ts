import { localDay } from '../../../shared/format/day';
import type { ActivityKind, VisitorKind } from '../../../shared/features/activities/schemas';
import type { ApiCall } from '../../cli/api';
import { seededRandom } from '../demo/generate';

/**
 * Several years of network activity for the demo, written through the API: the yearly "Faïte de la
 * récup", outreach events, visits by local authorities and project founders, conferences, support
 * sessions, project founders at every stage (one became a member), two grants with payments and
 * report due dates, budgets, and observatory returns with some missing.
 */
export async function generateActivityDemo(api: ApiCall, options: { now: Date; seed?: number }): Promise<void> {
  const random = seededRandom(options.seed ?? 2012);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]) => items[int(0, items.length - 1)]!;
  const pad = (v: number) => String(v).padStart(2, '0');
  const today = localDay(options.now);
  const lastYear = Number(today.slice(0, 4));
  const firstYear = lastYear - 4;

  const { items } = await api('organisations.list', { includeArchived: true });
  const members = items.filter((o) => o.kind === 'member');
  const partner = (short: string) => items.find((o) => o.name.includes(short))!;
  const ademe = partner('ADEME');
  const region = partner('Région');
  const joined = members.find((m) => m.name === 'La Boîte à réemploi') ?? members[members.length - 1]!;

  const founders = [
    await api('activities.founders.create', { name: 'La Boîte à réemploi (projet)', territory: 'Bourganeuf (23)', contact: 'Collectif d’habitants', stage: 'open', organisationId: joined.id, note: 'Ressourcerie ouverte, adhérente du réseau.' }),
    await api('activities.founders.create', { name: 'Projet de recyclerie du Pays d’Argentat', territory: 'Argentat-sur-Dordogne (19)', contact: 'Association Dordogne Réemploi', stage: 'creation' }),
    await api('activities.founders.create', { name: 'Ressourcerie du Pays de Nexon', territory: 'Nexon (87)', contact: 'Communauté de communes', stage: 'study' }),
    await api('activities.founders.create', { name: 'Atelier vélo et réemploi de Boussac', territory: 'Boussac (23)', stage: 'idea' }),
  ];
  const towns = ['Eymoutiers', 'Saint-Junien', 'Guéret', 'Tulle', 'Ussel', 'Aubusson', 'Bellac', 'Brive-la-Gaillarde'];

  const add = async (kind: ActivityKind, date: string, title: string, extra: { visitorKind?: VisitorKind; projectFounderId?: number; campaign?: string; peopleReached?: number; partners?: number[]; leads?: number } = {}) => {
    if (date > today) return;
    const leads = new Set<number>();
    while (leads.size < (extra.leads ?? 1)) leads.add(pick(members).id);
    await api('activities.create', {
      kind,
      date,
      title,
      place: pick(towns),
      visitorKind: extra.visitorKind ?? null,
      projectFounderId: extra.projectFounderId ?? null,
      campaign: extra.campaign ?? null,
      peopleReached: extra.peopleReached ?? null,
      leadOrganisationIds: [...leads],
      partnerOrganisationIds: extra.partners ?? [],
    });
  };

  for (let year = firstYear; year <= lastYear; year++) {
    for (let i = 0; i < int(5, 8); i++)
      await add('awareness', `${year}-05-${pad(int(10, 25))}`, pick(['Stand de sensibilisation au réemploi', 'Atelier de réparation ouvert au public', 'Défilé de mode en vêtements de réemploi', 'Spectacle sur le gaspillage']), { campaign: 'Faïte de la récup', peopleReached: int(40, 220), leads: int(1, 2) });
    for (let i = 0; i < int(1, 3); i++) await add('awareness', `${year}-${pad(int(9, 11))}-${pad(int(1, 28))}`, 'Intervention en milieu scolaire', { peopleReached: int(20, 60) });
    for (let i = 0; i < int(4, 6); i++) await add('outreach', `${year}-${pad(int(1, 12))}-${pad(int(1, 28))}`, pick(['Animation au marché', 'Vide-grenier solidaire', 'Repair café', 'Fête de quartier']), { peopleReached: int(30, 150) });
    for (let i = 0; i < int(2, 3); i++) await add('visit', `${year}-${pad(int(2, 11))}-${pad(int(1, 28))}`, 'Visite d’élus du territoire', { visitorKind: 'local_authority', partners: [pick([ademe.id, region.id])] });
    for (let i = 0; i < int(3, 5); i++) {
      const founder = pick(founders.slice(0, year < lastYear - 1 ? 1 : 3));
      await add('visit', `${year}-${pad(int(1, 12))}-${pad(int(1, 28))}`, `Visite de ${founder.name}`, { visitorKind: 'project_founder', projectFounderId: founder.id });
    }
    if (random() < 0.6) await add('visit', `${year}-${pad(int(3, 10))}-${pad(int(1, 28))}`, 'Visite d’étudiants en économie sociale et solidaire', { visitorKind: 'other' });
    for (let i = 0; i < int(1, 3); i++) await add('conference', `${year}-${pad(int(2, 11))}-${pad(int(1, 28))}`, pick(['Rencontres nationales des ressourceries', 'Journée régionale de l’économie circulaire', 'Comité départemental des déchets']), { partners: [pick([ademe.id, region.id])] });
    for (let i = 0; i < int(3, 5); i++) {
      const founder = pick(founders.slice(0, year < lastYear - 1 ? 2 : 4));
      await add('support', `${year}-${pad(int(1, 12))}-${pad(int(1, 28))}`, `Accompagnement : ${founder.name}`, { projectFounderId: founder.id });
    }
    await add('communication', `${year}-04-${pad(int(1, 28))}`, pick(['Plaquette du réseau', 'Affiches de la Faïte de la récup', 'Carte des ressourceries']));
  }

  // Two grants: a multi-year ADEME agreement from September to February, and a yearly regional grant.
  const g1From = `${lastYear - 2}-09-01`;
  const g1To = `${lastYear}-02-28`;
  const ademeGrant = await api('funding.grants.create', {
    funderOrganisationId: ademe.id,
    programme: 'Animation du réseau régional des ressourceries',
    reference: `ADEME-${lastYear - 2}-087`,
    startDate: g1From,
    endDate: g1To,
    amountCents: 4_000_000,
    reports: [
      { dueDate: `${lastYear - 1}-09-30`, label: 'Rapport intermédiaire', submittedOn: `${lastYear - 1}-09-26` },
      { dueDate: `${lastYear}-05-31`, label: 'Bilan final pour le comité de pilotage', submittedOn: null },
    ],
    targets: [
      { metric: 'meeting_days', value: 10 },
      { metric: 'awareness_actions', value: 15 },
      { metric: 'visits', value: 15 },
      { metric: 'new_members', value: 2 },
    ],
  });
  for (const [date, amount] of [[`${lastYear - 2}-10-15`, 2_000_000], [`${lastYear - 1}-10-20`, 1_200_000]] as const) {
    if (date <= today) await api('funding.payments.add', { grantId: ademeGrant.id, date, amountCents: amount });
  }
  const regionGrant = await api('funding.grants.create', {
    funderOrganisationId: region.id,
    programme: 'Économie sociale et solidaire — structuration des réseaux',
    startDate: `${lastYear - 1}-01-01`,
    endDate: `${lastYear - 1}-12-31`,
    amountCents: 2_200_000,
    reports: [{ dueDate: `${lastYear}-06-30`, label: 'Compte rendu financier', submittedOn: null }],
    targets: [{ metric: 'support_sessions', value: 4 }],
  });
  await api('funding.payments.add', { grantId: regionGrant.id, date: `${lastYear - 1}-04-10`, amountCents: 1_100_000 });

  // Each line carries its account, so the demo's Cerfa 15059 can be written as it is.
  await api('funding.budgets.save', {
    label: 'Programme ADEME (2 ans et demi)',
    startDate: g1From,
    endDate: g1To,
    grantId: ademeGrant.id,
    note: null,
    lines: [
      { direction: 'expense', category: 'staff', account: '64', label: 'Coordination (mise à disposition)', plannedCents: 3_200_000, actualCents: 3_050_000, funderOrganisationId: null },
      { direction: 'expense', category: 'donated_time', account: '86', label: 'Temps des structures adhérentes', plannedCents: 1_600_000, actualCents: 1_650_000, funderOrganisationId: null },
      { direction: 'expense', category: 'shows', account: '62', label: 'Spectacles de la Faïte de la récup', plannedCents: 450_000, actualCents: 480_000, funderOrganisationId: null },
      { direction: 'expense', category: 'printing', account: '62', label: 'Affiches, plaquettes', plannedCents: 300_000, actualCents: 310_000, funderOrganisationId: null },
      { direction: 'expense', category: 'graphic_design', account: '62', label: 'Charte graphique', plannedCents: 250_000, actualCents: 240_000, funderOrganisationId: null },
      { direction: 'expense', category: 'purchases', account: '60', label: 'Petit matériel', plannedCents: 150_000, actualCents: 120_000, funderOrganisationId: null },
      { direction: 'expense', category: 'travel', account: '62', label: 'Déplacements', plannedCents: 150_000, actualCents: 150_000, funderOrganisationId: null },
      { direction: 'income', category: 'funding', account: '74', label: null, plannedCents: 4_000_000, actualCents: 3_200_000, funderOrganisationId: ademe.id },
      { direction: 'income', category: 'funding', account: '74', label: null, plannedCents: 2_200_000, actualCents: 1_100_000, funderOrganisationId: region.id },
    ],
  });

  // The financial year just closed, funded by the regional grant: the budget its report shows.
  const departement = partner('Creuse');
  await api('funding.budgets.save', {
    label: `Exercice ${lastYear - 1}`,
    startDate: `${lastYear - 1}-01-01`,
    endDate: `${lastYear - 1}-12-31`,
    grantId: regionGrant.id,
    note: null,
    lines: [
      { direction: 'expense', category: 'staff', label: 'Animation du réseau (part salariale)', plannedCents: 1_800_000, actualCents: 1_840_000, funderOrganisationId: null },
      { direction: 'expense', category: 'donated_time', label: 'Temps des structures adhérentes', plannedCents: 7_000_000, actualCents: 7_000_000, funderOrganisationId: null },
      { direction: 'expense', category: 'shows', label: 'Spectacle de la Faïte de la récup', plannedCents: 200_000, actualCents: 210_000, funderOrganisationId: null },
      { direction: 'expense', category: 'printing', label: 'Plaquettes et affiches', plannedCents: 150_000, actualCents: 140_000, funderOrganisationId: null },
      { direction: 'expense', category: 'travel', label: 'Déplacements', plannedCents: 100_000, actualCents: 95_000, funderOrganisationId: null },
      { direction: 'expense', category: 'services', label: 'Formation des bénévoles', plannedCents: 250_000, actualCents: 230_000, funderOrganisationId: null },
      { direction: 'income', category: 'funding', label: null, plannedCents: 2_200_000, actualCents: 2_200_000, funderOrganisationId: region.id },
      { direction: 'income', category: 'funding', label: null, plannedCents: 300_000, actualCents: 300_000, funderOrganisationId: departement.id },
    ],
  });

  // Observatory returns of the last three years, some missing (the latest year is still coming in).
  const indicators = (await api('observatory.indicators.list', {})).items;
  const code = (c: string) => indicators.find((i) => i.code === c)!.id;
  for (let year = lastYear - 3; year < lastYear; year++) {
    const { organisations } = await api('observatory.year', { year });
    for (const o of organisations) {
      if (random() < (year === lastYear - 1 ? 0.35 : 0.15)) continue;
      const collected = Math.round((80 + random() * 300) * 10) / 10;
      const reused = Math.round(collected * (0.45 + random() * 0.15) * 10) / 10;
      const recycled = Math.round(collected * (0.2 + random() * 0.1) * 10) / 10;
      const disposed = Math.round((collected - reused - recycled) * 10) / 10;
      const employees = int(3, 18);
      await api('observatory.save', {
        organisationId: o.id,
        year,
        values: [
          { indicatorId: code('tonnes_collected'), value: collected },
          { indicatorId: code('tonnes_reused'), value: reused },
          { indicatorId: code('tonnes_recycled'), value: recycled },
          { indicatorId: code('tonnes_disposed'), value: Math.max(0, disposed) },
          { indicatorId: code('sales_revenue'), value: int(40, 400) * 100_000 },
          { indicatorId: code('employees'), value: employees },
          { indicatorId: code('etp'), value: Math.round(employees * 0.8 * 10) / 10 },
          { indicatorId: code('integration_contracts'), value: int(0, Math.floor(employees / 2)) },
          { indicatorId: code('volunteers'), value: int(5, 40) },
          { indicatorId: code('visitors'), value: int(3000, 25000) },
        ],
      });
    }
  }
}
