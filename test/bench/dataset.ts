import type Database from 'better-sqlite3';
import { completeSiret, departmentFromPostcode } from '../../shared/validation/identifiers';
import { normalizeKey } from '../../shared/validation/text';
import { seededRandom } from '../../electron/features/demo/generate';

/**
 * The national-scale dataset of the guide, as far as the features that exist go: 500 organisations,
 * 5 000 people with their affiliations (history included), 10 years of memberships. Written with
 * direct multi-row inserts in one transaction (seconds matter here; the services are measured
 * elsewhere). Deterministic for a given seed and date.
 */
export interface DatasetOptions {
  organisations?: number;
  people?: number;
  years?: number;
  seed?: number;
  now?: Date;
}

export interface DatasetSummary {
  organisations: number;
  people: number;
  affiliations: number;
  offices: number;
  memberships: number;
  firstYear: number;
  lastYear: number;
  /** Search terms that hit the data, for the search benchmarks. */
  organisationTerms: string[];
  personTerms: string[];
}

/** Communes across France with their postcodes: departments vary, as in a national network. */
const COMMUNES: readonly [string, string][] = [
  ['Eymoutiers', '87120'], ['Limoges', '87000'], ['Saint-Junien', '87200'], ['Guéret', '23000'], ['Aubusson', '23200'],
  ['Tulle', '19000'], ['Brive-la-Gaillarde', '19100'], ['Ussel', '19200'], ['Bordeaux', '33000'], ['Libourne', '33500'],
  ['Périgueux', '24000'], ['Bergerac', '24100'], ['Poitiers', '86000'], ['Niort', '79000'], ['La Rochelle', '17000'],
  ['Angoulême', '16000'], ['Pau', '64000'], ['Bayonne', '64100'], ['Mont-de-Marsan', '40000'], ['Agen', '47000'],
  ['Toulouse', '31000'], ['Albi', '81000'], ['Cahors', '46000'], ['Rodez', '12000'], ['Montpellier', '34000'],
  ['Nîmes', '30000'], ['Perpignan', '66000'], ['Marseille', '13001'], ['Avignon', '84000'], ['Gap', '05000'],
  ['Grenoble', '38000'], ['Chambéry', '73000'], ['Annecy', '74000'], ['Lyon', '69001'], ['Villeurbanne', '69100'],
  ['Saint-Étienne', '42000'], ['Clermont-Ferrand', '63000'], ['Aurillac', '15000'], ['Le Puy-en-Velay', '43000'], ['Moulins', '03000'],
  ['Dijon', '21000'], ['Besançon', '25000'], ['Mâcon', '71000'], ['Nevers', '58000'], ['Auxerre', '89000'],
  ['Strasbourg', '67000'], ['Colmar', '68000'], ['Nancy', '54000'], ['Metz', '57000'], ['Épinal', '88000'],
  ['Reims', '51100'], ['Troyes', '10000'], ['Lille', '59000'], ['Roubaix', '59100'], ['Amiens', '80000'],
  ['Arras', '62000'], ['Rouen', '76000'], ['Caen', '14000'], ['Cherbourg-en-Cotentin', '50100'], ['Alençon', '61000'],
  ['Rennes', '35000'], ['Brest', '29200'], ['Quimper', '29000'], ['Lorient', '56100'], ['Saint-Brieuc', '22000'],
  ['Nantes', '44000'], ['Angers', '49000'], ['Le Mans', '72000'], ['Laval', '53000'], ['La Roche-sur-Yon', '85000'],
  ['Tours', '37000'], ['Orléans', '45000'], ['Blois', '41000'], ['Bourges', '18000'], ['Châteauroux', '36000'],
  ['Chartres', '28000'], ['Versailles', '78000'], ['Montreuil', '93100'], ['Créteil', '94000'], ['Nanterre', '92000'],
  ['Paris', '75011'], ['Paris', '75020'], ['Évry-Courcouronnes', '91000'], ['Cergy', '95000'], ['Melun', '77000'],
  ['Ajaccio', '20000'], ['Bastia', '20200'], ['Nice', '06000'], ['Toulon', '83000'], ['Digne-les-Bains', '04000'],
  ['Valence', '26000'], ['Privas', '07000'], ['Mende', '48000'], ['Foix', '09000'], ['Tarbes', '65000'],
  ['Auch', '32000'], ['Montauban', '82000'], ['Carcassonne', '11000'], ['Bourg-en-Bresse', '01000'], ['Vesoul', '70000'],
];

const PATTERNS: readonly ((town: string) => string)[] = [
  (t) => `Ressourcerie de ${t}`,
  (t) => `Recyclerie de ${t}`,
  (t) => `La Ressourcerie solidaire de ${t}`,
  (t) => `Atelier du réemploi de ${t}`,
  (t) => `Emmaüs ${t}`,
  (t) => `Le Grenier de ${t}`,
  (t) => `La Trouvaille de ${t}`,
  (t) => `Communauté de communes de ${t}`,
];

const FIRST = ['Marie', 'Claire', 'Sophie', 'Julie', 'Camille', 'Élodie', 'Nathalie', 'Isabelle', 'Léa', 'Hélène', 'Jean', 'Pierre', 'Nicolas', 'Julien', 'Thomas', 'François', 'Sébastien', 'Olivier', 'Mathieu', 'Antoine', 'Chloé', 'Inès', 'Karim', 'Yasmine', 'Loïc', 'Gaëlle', 'Noémie', 'Timothée', 'Anaïs', 'Rémi'];
const LAST = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefèbvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez', 'Legrand', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Henry', 'Roussel', 'Nicolas', 'Perrin', 'Morin', 'Chastang', 'Lagarde', 'Peyrat', 'Nouhaud', 'Le Gall', 'Kervella', 'N’Diaye', 'Benali', 'Da Silva', 'Nguyen'];
const ROLES = ['Directrice', 'Directeur', 'Coordinatrice', 'Coordinateur', 'Salariée', 'Salarié', 'Bénévole', 'Présidente de la structure', 'Président de la structure', 'Valoriste'];
const METHODS = ['transfer', 'cheque', 'cash', 'card', 'direct_debit', 'other'] as const;
const OFFICES = ['president', 'vice_president', 'treasurer', 'deputy_treasurer', 'secretary', 'deputy_secretary', 'board_member'] as const;

type Row = (string | number | null)[];

/** SQLite binds at most 32 766 values per statement: chunk the rows under that. */
function insertMany(sqlite: Database.Database, table: string, columns: readonly string[], rows: Row[]): void {
  if (rows.length === 0) return;
  const perStatement = Math.floor(32_000 / columns.length);
  const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const statements = new Map<number, Database.Statement>();
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    let statement = statements.get(chunk.length);
    if (!statement) {
      statement = sqlite.prepare(head + Array.from({ length: chunk.length }, () => tuple).join(', '));
      statements.set(chunk.length, statement);
    }
    statement.run(chunk.flat());
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

export function insertDataset(sqlite: Database.Database, options: DatasetOptions = {}): DatasetSummary {
  const organisationCount = options.organisations ?? 500;
  const peopleCount = options.people ?? 5000;
  const years = options.years ?? 10;
  const now = options.now ?? new Date(Date.UTC(2026, 10, 15, 9, 0, 0));
  const random = seededRandom(options.seed ?? 500);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]) => items[int(0, items.length - 1)]!;
  const date = (year: number) => `${year}-${pad(int(1, 12))}-${pad(int(1, 28))}`;
  const stamp = now.toISOString();
  const lastYear = now.getUTCFullYear();
  const firstYear = lastYear - years + 1;

  const organisations: Row[] = [];
  const names = new Set<string>();
  const sirens = new Set<string>();
  const memberIds: number[] = [];
  for (let id = 1; organisations.length < organisationCount; ) {
    const [town, postcode] = pick(COMMUNES);
    const pattern = pick(PATTERNS);
    let name = pattern(town);
    for (let n = 2; names.has(normalizeKey(name)); n++) name = `${pattern(town)} ${n}`;
    names.add(normalizeKey(name));
    const partner = pattern === PATTERNS[7] || id % 6 === 0;
    let siren: string;
    do siren = String(int(100_000_000, 999_999_999));
    while (sirens.has(siren));
    sirens.add(siren);
    const domain = `${normalizeKey(name).replace(/[^a-z0-9]+/g, '-')}.example`;
    organisations.push([
      id, name, normalizeKey(name), null, partner ? 'partner' : 'member', partner ? pick(['local_authority', 'waste_syndicate', 'region', 'ess_funder'] as const) : null,
      completeSiret(`${siren}0001`), `${int(1, 120)} rue de la République`, postcode, town, departmentFromPostcode(postcode),
      `contact@${domain}`, `05 36 49 ${pad(int(0, 99))} ${pad(int(0, 99))}`, `https://${domain}`, null, stamp, stamp, id % 97 === 0 ? stamp : null,
    ]);
    if (!partner) memberIds.push(id);
    id++;
  }

  const people: Row[] = [];
  const affiliations: Row[] = [];
  for (let id = 1; id <= peopleCount; id++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const email = `${normalizeKey(`${first} ${last}`).replace(/[^a-z]+/g, '.')}.${id}@personnes.example`;
    people.push([
      id, first, last, normalizeKey(`${first} ${last} ${last} ${first} ${email}`), email, `06 39 98 ${pad(int(0, 99))} ${pad(int(0, 99))}`,
      null, null, null, null, id % 3 === 0 ? date(firstYear) : null, id % 3 === 0 ? 'Accord écrit' : null, stamp, stamp, id % 211 === 0 ? stamp : null,
    ]);
    const organisationId = ((id - 1) % organisationCount) + 1;
    const start = date(int(firstYear - 5, lastYear - 1));
    // A third changed organisation or role during the period: history is the common case.
    if (id % 3 === 1) {
      const earlier = date(int(firstYear - 8, firstYear - 6));
      affiliations.push([affiliations.length + 1, id, ((id * 7) % organisationCount) + 1, pick(ROLES), earlier, start]);
    }
    affiliations.push([affiliations.length + 1, id, organisationId, pick(ROLES), start, null]);
  }

  const offices: Row[] = OFFICES.flatMap((office, i) => [
    [i * 2 + 1, i * 11 + 1, office, `${lastYear - 4}-06-18`, `${lastYear - 2}-06-16`],
    [i * 2 + 2, i * 11 + 2, office, `${lastYear - 2}-06-16`, null],
  ]);

  const memberships: Row[] = [];
  for (const organisationId of memberIds) {
    const joins = organisationId % 5 === 0 ? int(firstYear + 1, lastYear) : firstYear;
    const leaves = organisationId % 23 === 0 ? int(joins, lastYear) : null;
    const fee = pick([5000, 10000, 15000]);
    for (let year = joins; year <= (leaves ?? lastYear); year++) {
      const paid = year < lastYear || random() < 0.8;
      memberships.push([
        memberships.length + 1, organisationId, year, fee, paid ? fee : 0, paid ? `${year}-${pad(int(1, 4))}-${pad(int(1, 28))}` : null,
        paid ? pick(METHODS) : null, null, year === joins && joins > firstYear ? `${year}-01-15` : null,
        year === leaves ? `${year}-12-31` : null, year === leaves ? 'Cessation d’activité' : null, null,
      ]);
    }
  }

  sqlite.transaction(() => {
    sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('association', JSON.stringify({ associationName: 'Réseau national (jeu de mesure)' }));
    insertMany(sqlite, 'organisations', ['id', 'name', 'name_key', 'short_name', 'kind', 'partner_type', 'siret', 'address', 'postcode', 'city', 'department', 'email', 'phone', 'website', 'note', 'created_at', 'updated_at', 'archived_at'], organisations);
    insertMany(sqlite, 'people', ['id', 'first_name', 'last_name', 'search_key', 'email', 'phone', 'address', 'postcode', 'city', 'note', 'consent_date', 'consent_note', 'created_at', 'updated_at', 'archived_at'], people);
    insertMany(sqlite, 'affiliations', ['id', 'person_id', 'organisation_id', 'role', 'start_date', 'end_date'], affiliations);
    insertMany(sqlite, 'offices', ['id', 'person_id', 'office', 'start_date', 'end_date'], offices);
    insertMany(sqlite, 'memberships', ['id', 'organisation_id', 'year', 'fee_due_cents', 'amount_paid_cents', 'paid_on', 'payment_method', 'voting_person_id', 'start_date', 'exit_date', 'exit_reason', 'note'], memberships);
  })();

  const towns = [...new Set(COMMUNES.map(([t]) => t))];
  return {
    organisations: organisations.length,
    people: people.length,
    affiliations: affiliations.length,
    offices: offices.length,
    memberships: memberships.length,
    firstYear,
    lastYear,
    organisationTerms: [
      ...towns.slice(0, 40).map((t) => t.toLowerCase()),
      ...towns.slice(40, 60).map((t) => t.slice(0, 4)),
      'ressourcerie', 'recyclerie', 'emmaus', 'grenier', 'reemploi', 'solidaire', 'trouvaille', 'atelier', 'communaute', 'Ressourcerie de Lim',
      'zzz', 'xylophone', 'ét', 'de', 'saint', '8712', '33', 'quimper', 'nimes', 'Périgueux',
    ],
    personTerms: [
      ...FIRST.map((f) => f.toLowerCase()),
      ...LAST.slice(0, 40),
      'marie martin', 'dupont jean', 'lefebvre', 'guerin', 'nguyen', 'da silva', 'n diaye', 'helene', 'zzz', 'personnes.example',
    ],
  };
}

/**
 * A CSV of time entries as French Excel writes it (`;`, dd/mm/yyyy, « 1,5 » hours, BOM, CRLF), for
 * the import benches: `lines` distinct entries of `year`, in months 1 to `months`, spread over the
 * organisations, people and categories given, each noted « import bench » so that it can be removed.
 */
export function timeEntriesCsv(options: {
  organisations: readonly { name: string }[];
  people: readonly { first_name: string; last_name: string }[];
  categories: readonly { id: number; name: string }[];
  lines: number;
  year: number;
  months: number;
}): string {
  const { organisations, people, categories, year, months } = options;
  const lines = ['Structure;Personne;Date;Durée;Catégorie;Nature;Note'];
  const seen = new Set<string>();
  for (let i = 0; lines.length <= options.lines; i++) {
    const org = organisations[i % organisations.length]!;
    const person = people[(i * 7) % people.length]!;
    const day = 1 + (i % 28);
    const month = 1 + (Math.floor(i / 28) % months);
    const category = categories[i % categories.length]!;
    const key = `${person.first_name} ${person.last_name}|${month}|${day}|${category.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const hours = ((i % 7) + 1) / 2;
    lines.push(
      `${org.name};${person.first_name} ${person.last_name};${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year};${String(hours).replace('.', ',')};${category.name};${i % 3 === 0 ? 'bénévolat' : 'mise à disposition'};import bench`,
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
